"""Chart builders: frames in, plotly figures out (no Streamlit, no I/O).

Figures are built as plain dicts in plotly's figure schema (`{"data": [...], "layout": {...}}`).
plotly's object model deep-copies and validates every trace on construction, the world
geometry included, and `st.plotly_chart` validates the figure again; building dicts leaves
that to one pass. `plotly.graph_objects.Figure(fig)` accepts each of them (see the tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from babel.dates import format_skeleton

from dashboard.config import (
    BORDER,
    FILTERED_OUT,
    N_,
    NOT_SIGNATORY,
    PALETTE,
)
from dashboard.core import i18n

Figure = dict[str, Any]

TEXT = "#31333F"  # 12.6:1 on white; Streamlit's chart theme greys tick labels to 3.7:1 (WCAG needs 4.5)
DARK_TEXT, LIGHT_TEXT = "#1A1A1A", "#FFFFFF"


def _layout(**extra: Any) -> dict[str, Any]:
    """A small explicit layout: the default template adds ~3 KB of JSON to every figure.

    Axis and legend text colours are set here, because st.plotly_chart's theme would otherwise
    grey them below the 4.5:1 contrast that WCAG 2.1 AA asks of text."""
    layout = {
        "template": "none",
        "font": {"family": "sans-serif", "size": 13, "color": TEXT},
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        **extra,
    }
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {"color": TEXT, "tickfont": {"color": TEXT}, **layout.get(axis, {})}
    layout["legend"] = {**layout.get("legend", {}),
                        "font": {"color": TEXT, **layout.get("legend", {}).get("font", {})}}
    return layout


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(fill: str) -> str:
    """Dark or white text, whichever reads better on `fill` (plotly's own choice can fall to 2:1)."""
    return DARK_TEXT if contrast(DARK_TEXT, fill) >= contrast(LIGHT_TEXT, fill) else LIGHT_TEXT


def stepped_scale(colours: Sequence[str]) -> list[list[Any]]:
    """A colourscale that gives each integer 0..n-1 one flat colour (zmin=-0.5, zmax=n-0.5)."""
    n = len(colours)
    scale: list[list[Any]] = []
    for i, colour in enumerate(colours):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


BAR_TITLES = {"region": N_("Signatories per region"), "sub_region": N_("Signatories per sub-region")}


def build_count_bars(counts: pd.DataFrame, column: str, colours: dict[str, str],
                     title: str, lang: str = "en") -> Figure:
    """Horizontal bars of signatories per `column`, coloured as on the map; `title` in English."""
    _ = i18n.translator(lang)
    counts = counts.iloc[::-1]
    trace = {
        "type": "bar", "orientation": "h", "x": counts["signatories"].tolist(),
        "y": [i18n.region_name_for(v, lang) for v in counts[column]], "text": counts["signatories"].tolist(),
        "textposition": "outside", "cliponaxis": False,
        "marker": {"color": [colours.get(v, FILTERED_OUT) for v in counts[column]]},
        "hovertemplate": "%{y}: " + _("%{x} signatories") + "<extra></extra>",
    }
    layout = _layout(height=70 + 32 * len(counts), title={"text": _(title), "font": {"size": 14}},
                     xaxis={"visible": False}, yaxis={"automargin": True})
    return {"data": [trace], "layout": layout}


def build_hierarchy(signatories: pd.DataFrame, colours: dict[str, str], lang: str = "en") -> Figure:
    """Sunburst of region -> sub-region -> country for the given signatories."""
    ids, labels, parents, values, marker = [], [], [], [], []
    for region, by_region in signatories.groupby("region", sort=True):
        ids.append(region), labels.append(i18n.region_name_for(region, lang)), parents.append("")
        values.append(len(by_region)), marker.append(colours.get(region, FILTERED_OUT))
        for sub, by_sub in by_region.groupby("sub_region", sort=True):
            sid, colour = f"{region}/{sub}", colours.get(sub, FILTERED_OUT)
            ids.append(sid), labels.append(i18n.region_name_for(sub, lang)), parents.append(region)
            values.append(len(by_sub)), marker.append(colour)
            named = sorted((_country(name, iso3, lang), iso3) for name, iso3 in zip(by_sub["name"], by_sub["iso3"]))
            for name, iso3 in named:
                ids.append(f"{sid}/{iso3}"), labels.append(name), parents.append(sid)
                values.append(1), marker.append(colour)
    trace = {
        "type": "sunburst", "ids": ids, "labels": labels, "parents": parents, "values": values,
        "branchvalues": "total", "marker": {"colors": marker, "line": {"color": BORDER, "width": 1}},
        "hovertemplate": "%{label}: %{value}<extra></extra>", "insidetextorientation": "horizontal",
        # One text colour per slice, at 4.5:1 or better on its fill (WCAG 2.1 AA).
        "insidetextfont": {"color": [text_on(c) for c in marker]},
    }
    return {"data": [trace], "layout": _layout(height=420, margin={"l": 0, "r": 0, "t": 0, "b": 0})}


def build_coverage(table: pd.DataFrame, colours: dict[str, str], lang: str = "en") -> Figure:
    """Share of each M49 region's countries and areas that signed, counts as text."""
    _ = i18n.translator(lang)
    table = table.iloc[::-1]
    top = max(0.3, float(table["share"].max()) * 1.35) if len(table) else 0.3
    trace = {
        "type": "bar", "orientation": "h", "x": table["share"].round(4).tolist(),
        "y": [i18n.region_name_for(r, lang) for r in table["region"]], "cliponaxis": False,
        "textposition": "outside",
        "text": [_("{signed} of {total}").format(signed=s, total=t)
                 for s, t in zip(table["signatories"], table["m49_countries_and_areas"])],
        "marker": {"color": [colours.get(r, FILTERED_OUT) for r in table["region"]]},
        "hovertemplate": "%{y}: %{text} (%{x:.0%})<extra></extra>",
    }
    layout = _layout(height=100 + 32 * len(table), margin={"l": 10, "r": 10, "t": 50, "b": 10},
                     title={"text": _("Share of each region that signed<br>(its countries and areas, UN M49)"),
                            "font": {"size": 14}},
                     xaxis={"tickformat": ".0%", "range": [0, top], "nticks": 5}, yaxis={"automargin": True})
    return {"data": [trace], "layout": layout}


# The events' words (data/events.csv), marked so the catalogs carry their translations.
EVENT_WORDS = (
    N_("Lima conference"), N_("UN High-Level Dialogue"), N_("Morocco follow-up (announced)"),
    N_("Special International Ministerial Conference of Developing Countries with Substantial "
       "International Migration Flows (the Lima Declaration is adopted)"),
    N_("UN General Assembly High-Level Dialogue on International Migration and Development (61st session)"),
    N_("Follow-up meeting of the group, announced for 'next year in Morocco'"),
    N_("Lima"), N_("New York"), N_("held"), N_("announced"),
    N_("city position rounded to 0.1 degree, for drawing only"),
    N_("UN Headquarters; position rounded to 0.1 degree, for drawing only"),
    N_("city not known; drawn at an interior point of Morocco"),
)


def _country(english: str, iso3: str, lang: str) -> str:
    return english if lang == "en" else i18n.country_name(iso3, lang)


def date_label(start: pd.Timestamp, end: Any, precision: str, lang: str = "en") -> str:
    """'15–16 May 2006', '14 September 2006' or '2007 (year only)', in `lang`."""
    _ = i18n.translator(lang)
    if precision == "year":
        return _("{year} (year only)").format(year=start.year)
    if precision == "month":
        return _("{month} (month only)").format(month=format_skeleton(
            "yMMMM", start.date(), locale={"en": "en_GB"}.get(lang, lang)))
    if pd.isna(end) or end == start:
        return i18n.format_date(start.date(), lang)
    return i18n.format_date_range(start.date(), end.date(), lang)


def place_label(row: dict[str, Any], lang: str = "en") -> str:
    """'Lima, Peru' / 'Lima, Perú' / 'Morocco': the city (when known) and the country."""
    _ = i18n.translator(lang)
    country = i18n.country_name(row["country_iso3"], lang) if row["country_iso3"] else ""
    return ", ".join(p for p in (_(row["city"]) if row["city"] else "", country) if p)


def _month_ticks(first: str, last: str, lang: str) -> tuple[list[str], list[str]]:
    """Ticks every six months, written in `lang` (plotly would write English month names)."""
    days = pd.date_range(first, last, freq="MS")
    days = [d for d in days if d.month in (1, 7)]
    return ([d.date().isoformat() for d in days],
            [format_skeleton("yMMM", d.date(), locale={"en": "en_GB"}.get(lang, lang)) for d in days])


def build_timeline(events: pd.DataFrame, lang: str = "en") -> Figure:
    """Events on a date axis, one row each (labels never collide, even 390 px wide). Held: solid
    span and filled marker; announced: dotted span over the whole period its precision allows (a
    year-only date spans its year), hollow marker."""
    _ = i18n.translator(lang)
    data: list[dict[str, Any]] = []
    rows = events.to_dict("records")
    for i, row in enumerate(rows):
        held = row["status"] == "held"
        start = row["start_date"]
        if row["date_precision"] == "year":
            end = start + pd.offsets.YearEnd(0)
        elif row["date_precision"] == "month":
            end = start + pd.offsets.MonthEnd(0)
        else:
            end = row["end_date"] if pd.notna(row["end_date"]) else start
        when = date_label(start, row["end_date"], row["date_precision"], lang)
        place = place_label(row, lang)
        colour = PALETTE[0] if held else PALETTE[1]
        y = -i
        data.append({"type": "scatter", "mode": "lines", "x": [start.isoformat(), end.isoformat()],
                     "y": [y, y], "hoverinfo": "skip", "showlegend": False,
                     "line": {"color": colour, "width": 10 if held else 4,
                              "dash": "solid" if held else "dot"}})
        data.append({
            "type": "scatter", "mode": "markers+text", "x": [start.isoformat()], "y": [y],
            "text": [f"<b>{_(row['short_name'])}</b><br>{when} · {place}"],
            "textposition": "top right", "textfont": {"size": 12, "color": TEXT},
            "marker": {"size": 14, "color": colour if held else "white",
                       "line": {"color": colour, "width": 2}},
            "name": _(row["status"]), "showlegend": False, "cliponaxis": False,
            "hovertemplate": f"{_(row['name'])}<br>{when}<br>" + _("status: {status}").format(
                status=_(row["status"])) + "<extra></extra>",
        })
    first, last = "2006-03-01", "2008-01-31"
    tickvals, ticktext = _month_ticks(first, last, lang)
    layout = _layout(height=90 + 62 * len(rows), showlegend=False, margin={"l": 10, "r": 10, "t": 10, "b": 30},
                     yaxis={"visible": False, "range": [-len(rows) + 0.6, 0.9]},
                     xaxis={"range": [first, last], "showgrid": True, "gridcolor": "#DDDDDD",
                            "tickvals": tickvals, "ticktext": ticktext})
    return {"data": data, "layout": layout}


def build_venues_map(events: pd.DataFrame, land: dict[str, Any], lang: str = "en") -> Figure:
    """The venues on a small map, joined in order; the leg to an announced venue is fainter."""
    _ = i18n.translator(lang)
    placed = events.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    data: list[dict[str, Any]] = [{
        "type": "choroplethmap", "geojson": land, "locations": ["land"], "z": [0],
        "colorscale": [[0, NOT_SIGNATORY], [1, NOT_SIGNATORY]], "showscale": False,
        "marker": {"line": {"width": 0}}, "hoverinfo": "skip",
    }]
    for a, b in zip(placed.to_dict("records"), placed.iloc[1:].to_dict("records")):
        held = b["status"] == "held"
        data.append({"type": "scattermap", "mode": "lines", "lat": [a["lat"], b["lat"]],
                     "lon": [a["lon"], b["lon"]], "hoverinfo": "skip", "showlegend": False,
                     "opacity": 1 if held else 0.6,
                     "line": {"width": 3 if held else 2, "color": PALETTE[0] if held else PALETTE[1]}})
    # Markers only: MapLibre draws map text with glyphs fetched from a font server, which
    # would leave the machine; the order is in the hover and in the caption under the map.
    data.append({
        "type": "scattermap", "mode": "markers", "lat": placed["lat"].tolist(),
        "lon": placed["lon"].tolist(), "showlegend": False,
        "marker": {"size": 12, "color": [PALETTE[0] if s == "held" else PALETTE[1]
                                         for s in placed["status"]]},
        "hovertext": [f"{i + 1}. {_(n)}<br>{_(note)}" for i, (n, note)
                      in enumerate(zip(placed["name"], placed["location_note"]))],
        "hoverinfo": "text",
    })
    layout = _layout(height=300, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                     map={"style": "white-bg", "center": {"lat": 15, "lon": -35}, "zoom": 0.4})
    return {"data": data, "layout": layout}
