"""No chart's credit meets its legend or colour bar, at any width an image of it is made: the footer of
the embed page and the static edition (export.with_credits) and the heading of the tabs
(export.with_heading), for every chart of the catalog, in its default view and a few others.

The boxes are computed from the figure's layout alone, with this geometry (plotly.js's, in pixels from
the figure's top; measured in Chromium, see tests/test_browser_rank.py for the real boxes):
- the plotting area runs from margin.t to height - margin.b (P pixels tall); paper y maps to
  t + (1 - y) * P (no margin is pushed: with_credits reserves every band);
- the footer is the last annotation, anchored at paper y=0 by its top, moved down by -yshift, one
  FOOTER_LINE_PX line per <br>-separated line; the title of with_credits takes 10 px of padding and
  22 px a line from the top;
- the heading of with_heading (title and credit subtitle) takes 18 px of padding, 20 px a title line and
  15 px a credit line from the top;
- a horizontal legend holds its entries left to right in the plotting area's width (the figure's width
  less its side margins and the y axis's labels: 7 px a character of the longest category name, 70 px
  for numeric ticks); an entry is a 40 px swatch and 7 px a character; a row is 19 px, 16 px more per
  extra line of an entry; 10 px of padding. Its top (yanchor "top") or bottom (yanchor "bottom") is at
  its paper y; a vertical legend at the right is as tall as its entries;
- a horizontal colour bar is 20 px of padding, 17 px a title line, its thickness and 18 px of tick labels;
- every box starts at the figure's left, so two boxes meet when their vertical spans do.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from dashboard.core.provenance import ROOT
from dashboard.data import Tables
from dashboard.figures import catalog, export

WIDTHS = (340, 390, 820, 1000, 1400)  # a phone's embed, a phone, a tablet, the static edition's PNG, a desktop
VARIANTS = {  # views beyond the default, where legends and colour bars change
    "map": [{"color": ("icrmw-latest",)}, {"color": ("remittances",), "year": ("2005",)}],
    "migration": [{"indicator": ("remittances",), "year": ("2005",)},
                  {"indicator": ("immigrants",), "year": ("2024",)}],
    "corridors": [{"country": ("PHL",), "direction": ("origins",)}],
    "remittances": [{"country": ("DZA",)}],
    "ranking": [{"indicator": ("remittances",), "year": ("2005",)}],
    "treaties": [{"when": ("latest",)}],
}
LANGS = ("en", "es", "fr")
STAMP = "The Lima Declaration, 2006: an interactive dashboard · data version 1.0.0+0123abcd · " \
        f"{date(2026, 12, 6):%d %B %Y}\nhttp://127.0.0.1:8501/?chart=name&lang=xx"


def _views() -> list:
    out = []
    for name in sorted(catalog.CHARTS):
        for extra in [{}, *VARIANTS.get(name, [])]:
            for lang in LANGS:
                label = "-".join([name, *(f"{k}={v[0]}" for k, v in extra.items()), lang])
                out.append(pytest.param(name, {**extra, "lang": (lang,)}, id=label))
    return out


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables(ROOT)


def _plain(text: str) -> str:
    return re.sub("<[^>]+>", "", text)


def _legend_entries(fig: dict) -> list[str]:
    """What plotly lists in the legend: each trace that shows in it, each label of a pie."""
    layout, names, count = fig["layout"], [], 0
    for t in fig["data"]:
        kind = t.get("type", "scatter")
        if kind == "pie":
            names += [str(x) for x in t.get("labels", [])]
            count += 2
        elif t.get("showlegend") is True or (kind in ("scatter", "bar", "scattermap", "scattergeo")
                                              and t.get("showlegend", True) is not False):
            names.append(str(t.get("name") or "trace"))
            count += 1
    return names if layout.get("showlegend", count > 1) else []


def _y_labels_px(fig: dict) -> int:
    cartesian = any(t.get("type", "scatter") in ("bar", "scatter", "heatmap") for t in fig["data"])
    labels = [y for t in fig["data"] for y in (t.get("y") or []) if isinstance(y, str)]
    if not cartesian:
        return 0
    return 7 * max(len(p) for y in labels for p in y.split("<br>")) + 20 if labels else 70


def _legend_height(fig: dict, width: int, horizontal: bool) -> int:
    names = _legend_entries(fig)
    if not names:
        return 0
    lines = [len(n.split("<br>")) for n in names]
    if not horizontal:
        return 10 + sum(19 + 16 * (n - 1) for n in lines)
    margin = {"l": 10, "r": 10, **fig["layout"].get("margin", {})}
    room = width - margin["l"] - margin["r"] - _y_labels_px(fig)
    rows, used = [], room
    for name, n in zip(names, lines):
        item = 40 + 7 * max(len(_plain(p)) for p in name.split("<br>"))
        if used + item > room or not rows:
            rows.append(0)
            used = 0
        rows[-1] = max(rows[-1], n)
        used += item
    return 10 + sum(19 + 16 * (n - 1) for n in rows)


def _span(y: float, anchor: str, height: float, top: float, plot: float) -> tuple[float, float]:
    at = top + (1 - y) * plot
    if anchor == "bottom":
        return at - height, at
    if anchor == "middle":
        return at - height / 2, at + height / 2
    return at, at + height


def _boxes(fig: dict, width: int) -> dict[str, list[tuple[float, float]]]:
    """The vertical spans of the figure's legend and horizontal colour bars."""
    layout = fig["layout"]
    margin = {"l": 80, "r": 80, "t": 100, "b": 80, **layout.get("margin", {})}
    top, plot = margin["t"], layout["height"] - margin["t"] - margin["b"]
    out: dict[str, list[tuple[float, float]]] = {"legend": [], "colour bar": []}
    legend = layout.get("legend", {})
    horizontal = legend.get("orientation") == "h"
    height = _legend_height(fig, width, horizontal)
    if height:
        y = float(legend.get("y", 1 if not horizontal else -0.1))
        anchor = legend.get("yanchor") or ("top" if y >= 2 / 3 or not horizontal else "bottom" if y <= 1 / 3 else
                                           "middle")
        out["legend"].append(_span(y, anchor, height, top, plot))
    for trace in fig["data"]:
        bar = trace.get("colorbar")
        if isinstance(bar, dict) and trace.get("showscale", True) is not False and bar.get("orientation") == "h":
            title = (bar.get("title") or {}).get("text") or ""
            height = 20 + 17 * (title.count("<br>") + 1 if title else 0) + bar.get("thickness", 30) + 18
            out["colour bar"].append(_span(float(bar.get("y", -0.1)), bar.get("yanchor", "top"), height, top, plot))
    return out


def _meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _footer_span(fig: dict) -> tuple[float, float]:
    layout = fig["layout"]
    note = layout["annotations"][-1]
    top = layout["height"] - layout["margin"]["b"] - note.get("yshift", 0)
    return top, top + export.FOOTER_LINE_PX * (note["text"].count("<br>") + 1)


def _problems(fig: dict, credit: tuple[float, float], width: int) -> list[str]:
    return [f"{what} {span} meets the credit {credit} at {width} px" for what, spans in _boxes(fig, width).items()
            for span in spans if _meet(span, credit)]


@pytest.mark.parametrize(("name", "options"), _views())
def test_no_credit_meets_a_legend_or_colour_bar(tables, name, options):
    chart = catalog.CHARTS[name]
    figure = catalog.build(name, tables, options)
    title, source = chart.title_of(tables, options), chart.source_of(tables, options)
    footed = export.with_credits(figure, title, source, STAMP)
    footer = _footer_span(footed)
    title_lines = footed["layout"]["title"]["text"].count("<br>") + 1
    heading_title = (0, 10 + 22 * title_lines)
    headed = export.with_heading(figure, title, chart.credit_of(tables, options) + "\n" + STAMP.split("\n")[0], 56)
    head = headed["layout"]["title"]
    heading = (0, export.HEADING_PAD_PX + export.HEADING_TITLE_PX * (head["text"].count("<br>") + 1)
               + export.HEADING_LINE_PX * (head["subtitle"]["text"].count("<br>") + 1))
    found = []
    for width in WIDTHS:
        found += _problems(footed, footer, width) + _problems(footed, heading_title, width)
        found += _problems(headed, heading, width)
    assert not found, found
    assert footed["layout"]["height"] >= footer[1], "the footer runs off the figure's bottom"


def test_the_check_sees_an_overlap():
    """A colour bar hanging under a map with no room below, as the corridors map had before: found."""
    fig = {"data": [{"type": "choroplethmap", "colorbar": {"orientation": "h", "y": 0, "yanchor": "top",
                                                            "thickness": 10, "title": {"text": "Migrants"}}}],
           "layout": {"height": 420, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
                      "annotations": [{"text": "Source<br>stamp", "yshift": 4}]}}
    assert _problems(fig, _footer_span(fig), 390)
    legend = {"data": [{"type": "bar", "name": "2005"}, {"type": "bar", "name": "2020"}],
              "layout": {"height": 300, "margin": {"t": 40, "b": 30}, "legend": {"orientation": "h", "y": 1.02,
                                                                              "yanchor": "bottom"}}}
    assert _problems(legend, (0, 40), 390), "a legend above the plot meets a heading in the top margin"
