"""Figures made for export: title, source line and date inside the image; the chart toolbar's config."""

from __future__ import annotations

import copy
import re
import textwrap
import unicodedata
from typing import Any

from dashboard.figures.locale import plotly_config_locale

Figure = dict[str, Any]

FOOTER_CHARS = 120  # characters per footer line before it wraps (plotly annotations do not wrap)
FOOTER_LINE_PX = 16
TITLE_PX = 44
FOOTER_COLOUR = "#5A5A5A"


STEM_CHARS = 60


def file_stem(name: str) -> str:
    """A safe file name stem: 'lima_declaration_' + the chart's name or title in lower-case ASCII
    (accents dropped: 'Dónde' -> 'donde'), at most STEM_CHARS characters after the prefix."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    stem = re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_")[:STEM_CHARS].rstrip("_")
    return "lima_declaration_" + (stem or "chart")


def toolbar_config(name: str = "chart", image_format: str = "png", lang: str = "en") -> dict[str, Any]:
    """st.plotly_chart / Plotly.newPlot config: the toolbar shows only the image download
    (plotly.js renders it in the browser, so it works offline) and full-screen-free zoom reset;
    no plotly logo, no link to Chart Studio, no scroll zoom that traps the page's scrolling.
    plotly.js's camera button takes one format per config, so SVG is a second config. plotly.js's
    own words (the button's tooltip, its notices, number marks, month names) are in `lang`
    (dashboard/figures/locale.py)."""
    if image_format not in ("png", "svg"):
        raise ValueError(f"image format must be png or svg, not {image_format!r}")
    return {
        "displayModeBar": True,
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": image_format, "filename": file_stem(name),
                                 "scale": 2 if image_format == "png" else 1},
        **plotly_config_locale(lang),
    }


def _wrap(text: str, width: int = FOOTER_CHARS) -> list[str]:
    """`text`'s lines (its own line breaks kept) wrapped to `width` characters."""
    return [line for part in text.split("\n") for line in (textwrap.wrap(part, width) or [""])]


def with_credits(figure: Figure, title: str, source: str, stamp: str) -> Figure:
    """A copy of `figure` with `title` on top and `source` + `stamp` (data version, date) as a
    footer inside the figure, so a downloaded image says what it shows and where it comes from.
    The figure grows by the room it needs; the plotting area keeps its size."""
    fig = copy.deepcopy(figure)
    layout = fig.setdefault("layout", {})
    lines = _wrap(source) + _wrap(stamp)
    footer = FOOTER_LINE_PX * len(lines) + 16
    margin = {"l": 10, "r": 10, "t": 30, "b": 10, **layout.get("margin", {})}
    # Paper coordinates end at the plotting area: room for the x axis's ticks and title is
    # reserved under it, so the footer starts below them (automargin would not move it).
    xaxis = layout.get("xaxis", {})
    below = 0
    if _has_cartesian(fig) and xaxis.get("visible", True) and xaxis.get("side") != "top":
        below = 60 if xaxis.get("title") else 30
    legend = layout.get("legend", {})
    if legend.get("y", 1) <= 0:  # a legend under the plot moves above it, out of the footer's way
        layout["legend"] = {**legend, "y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"}
        margin["t"] += 50
    added_top = max(0, TITLE_PX - margin["t"])
    margin["t"] = max(margin["t"], TITLE_PX)
    offset = margin["b"] + below
    margin["b"] = offset + footer
    layout["margin"] = margin
    layout["height"] = int(layout.get("height", 400)) + footer + below + added_top
    layout["title"] = {"text": title, "font": {"size": 16}, "x": 0.01, "xanchor": "left",
                       "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 10}}
    notes = list(layout.get("annotations", []))
    notes.append({"text": "<br>".join(lines), "showarrow": False, "align": "left",
                  "xref": "paper", "yref": "paper", "x": 0, "xanchor": "left",
                  "y": 0, "yanchor": "top", "yshift": -offset + 4,
                  "font": {"size": 11, "color": FOOTER_COLOUR}})
    layout["annotations"] = notes
    return fig


HEADING_TITLE_PX, HEADING_LINE_PX, HEADING_PAD_PX = 20, 15, 18
TITLE_SHARE = 0.68  # a title line holds this share of a credit line's characters (15 px bold vs 11 px)


def with_heading(figure: Figure, title: str, credit: str, width: int = 110) -> Figure:
    """`figure` with `title` and a grey `credit` line (source, data version, date) at its top, so
    that the image its toolbar downloads says what it shows and where it comes from. The data
    (the world geometry, say) is shared with `figure`, not copied: only the layout is new. The
    figure grows by the room the heading takes; `width` is the characters a line holds on the
    reader's screen (plotly does not wrap titles)."""
    layout = copy.deepcopy(figure.get("layout", {}))
    titles = textwrap.wrap(title, max(20, int(width * TITLE_SHARE))) if title else []
    credits = _wrap(credit, width)
    needed = HEADING_PAD_PX + HEADING_TITLE_PX * len(titles) + HEADING_LINE_PX * len(credits) + 10
    margin = {"l": 10, "r": 10, "t": 0, "b": 10, **layout.get("margin", {})}
    old_top = margin["t"]
    # A builder's own title sat in its top margin: the heading takes that room first.
    had_title = bool((layout.get("title") or {}).get("text"))
    margin["t"] = max(old_top, needed) if had_title else old_top + needed
    grow = margin["t"] - old_top
    layout["margin"] = margin
    layout["height"] = int(layout.get("height", 450)) + grow
    layout["title"] = {"text": "<br>".join(titles), "font": {"size": 15, "color": "#111318", "weight": 600},
                       "x": 0, "xref": "container", "xanchor": "left", "y": 1, "yref": "container",
                       "yanchor": "top", "pad": {"t": HEADING_PAD_PX, "l": 4},
                       "subtitle": {"text": "<br>".join(credits), "font": {"size": 11, "color": FOOTER_COLOUR}}}
    return {**figure, "layout": layout}



def _has_cartesian(fig: Figure) -> bool:
    return any(t.get("type", "scatter") in ("bar", "scatter", "heatmap") for t in fig.get("data", []))


# MapLibre (choroplethmap, scattermap) runs its worker as an ES module, which a page opened from
# file:// cannot load: the static edition draws maps with plotly's own SVG geo traces instead.
_GEO_TYPES = {"choroplethmap": "choropleth", "scattermap": "scattergeo"}
_MAP_ONLY_KEYS = ("below", "cluster", "subplot")
GEO_LAYOUT = {"visible": False, "showframe": False, "showland": False, "showcoastlines": False,
              "showocean": False, "showlakes": False, "showrivers": False, "showcountries": False,
              "showsubunits": False, "projection": {"type": "natural earth"}, "lataxis": {"range": [-58, 85]},
              "bgcolor": "rgba(0,0,0,0)"}
# plotly.js asks for its own base map (topojson, from its CDN) whenever a choropleth uses a
# location mode, even with every base layer hidden; an empty topology is handed over instead.
GEO_ASSETS_JS = 'window.PlotlyGeoAssets={topojson:{world_110m:{type:"Topology",objects:{},arcs:[]}}};'


def has_map(figure: Figure) -> bool:
    return any(t.get("type") in _GEO_TYPES for t in figure.get("data", []))


def to_geo(figure: Figure) -> Figure:
    """A copy of a MapLibre figure drawn with SVG geo traces (same data, colours and hovers)."""
    fig = copy.deepcopy(figure)
    for trace in fig.get("data", []):
        if trace.get("type") in _GEO_TYPES:
            trace["type"] = _GEO_TYPES[trace["type"]]
            for key in _MAP_ONLY_KEYS:
                trace.pop(key, None)
    layout = fig.setdefault("layout", {})
    old = layout.pop("map", {}) or {}
    layout["geo"] = {**GEO_LAYOUT, **({"domain": old["domain"]} if "domain" in old else {})}
    layout.pop("dragmode", None)
    return fig
