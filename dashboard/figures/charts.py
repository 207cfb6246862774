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

from dashboard.config import (
    BORDER,
    FILTERED_OUT,
    NOT_SIGNATORY,
    PALETTE,
)
from dashboard.figures.export import toolbar_config

Figure = dict[str, Any]
# The toolbar: only the image download (PNG drawn in the browser, so offline); see export.py.
NO_MODEBAR = toolbar_config()


def _layout(**extra: Any) -> dict[str, Any]:
    """A small explicit layout: the default template adds ~3 KB of JSON to every figure."""
    return {
        "template": "none",
        "font": {"family": "sans-serif", "size": 13, "color": "#31333F"},
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        **extra,
    }


def stepped_scale(colours: Sequence[str]) -> list[list[Any]]:
    """A colourscale that gives each integer 0..n-1 one flat colour (zmin=-0.5, zmax=n-0.5)."""
    n = len(colours)
    scale: list[list[Any]] = []
    for i, colour in enumerate(colours):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def build_count_bars(counts: pd.DataFrame, column: str, colours: dict[str, str],
                     title: str) -> Figure:
    """Horizontal bars of signatories per `column`, coloured as on the map."""
    counts = counts.iloc[::-1]
    trace = {
        "type": "bar", "orientation": "h", "x": counts["signatories"].tolist(),
        "y": counts[column].tolist(), "text": counts["signatories"].tolist(),
        "textposition": "outside", "cliponaxis": False,
        "marker": {"color": [colours.get(v, FILTERED_OUT) for v in counts[column]]},
        "hovertemplate": "%{y}: %{x} signatories<extra></extra>",
    }
    layout = _layout(height=70 + 32 * len(counts), title={"text": title, "font": {"size": 14}},
                     xaxis={"visible": False}, yaxis={"automargin": True})
    return {"data": [trace], "layout": layout}


def build_hierarchy(signatories: pd.DataFrame, colours: dict[str, str]) -> Figure:
    """Sunburst of region -> sub-region -> country for the given signatories."""
    ids, labels, parents, values, marker = [], [], [], [], []
    for region, by_region in signatories.groupby("region", sort=True):
        ids.append(region), labels.append(region), parents.append("")
        values.append(len(by_region)), marker.append(colours.get(region, FILTERED_OUT))
        for sub, by_sub in by_region.groupby("sub_region", sort=True):
            sid, colour = f"{region}/{sub}", colours.get(sub, FILTERED_OUT)
            ids.append(sid), labels.append(sub), parents.append(region)
            values.append(len(by_sub)), marker.append(colour)
            for name, iso3 in sorted(zip(by_sub["name"], by_sub["iso3"])):
                ids.append(f"{sid}/{iso3}"), labels.append(name), parents.append(sid)
                values.append(1), marker.append(colour)
    trace = {
        "type": "sunburst", "ids": ids, "labels": labels, "parents": parents, "values": values,
        "branchvalues": "total", "marker": {"colors": marker, "line": {"color": BORDER, "width": 1}},
        "hovertemplate": "%{label}: %{value}<extra></extra>", "insidetextorientation": "radial",
    }
    return {"data": [trace], "layout": _layout(height=420, margin={"l": 0, "r": 0, "t": 0, "b": 0})}


def build_coverage(table: pd.DataFrame, colours: dict[str, str]) -> Figure:
    """Share of each M49 region's countries and areas that signed, counts as text."""
    table = table.iloc[::-1]
    top = max(0.3, float(table["share"].max()) * 1.35) if len(table) else 0.3
    trace = {
        "type": "bar", "orientation": "h", "x": table["share"].round(4).tolist(),
        "y": table["region"].tolist(), "cliponaxis": False, "textposition": "outside",
        "text": [f"{s} of {t}" for s, t in zip(table["signatories"], table["m49_countries_and_areas"])],
        "marker": {"color": [colours.get(r, FILTERED_OUT) for r in table["region"]]},
        "hovertemplate": "%{y}: %{text} (%{x:.0%})<extra></extra>",
    }
    layout = _layout(height=70 + 32 * len(table),
                     title={"text": "Share of each region's M49 countries and areas that signed",
                            "font": {"size": 14}},
                     xaxis={"tickformat": ".0%", "range": [0, top]}, yaxis={"automargin": True})
    return {"data": [trace], "layout": layout}


def date_label(start: pd.Timestamp, end: Any, precision: str) -> str:
    """'15–16 May 2006', '14 Sep 2006' or '2007 (year only)'."""
    if precision == "year":
        return f"{start.year} (year only)"
    if precision == "month":
        return f"{start.strftime('%b %Y')} (month only)"
    if pd.isna(end) or end == start:
        return f"{start.day} {start.strftime('%b %Y')}"
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.day}–{end.day} {end.strftime('%b %Y')}"
    return f"{start.day} {start.strftime('%b')} – {end.day} {end.strftime('%b %Y')}"


def build_timeline(events: pd.DataFrame) -> Figure:
    """Events on a date axis. Held: solid span and filled marker; announced: dotted span over
    the whole period its precision allows (a year-only date spans its year), hollow marker."""
    data: list[dict[str, Any]] = []
    for i, row in enumerate(events.to_dict("records")):
        held = row["status"] == "held"
        start = row["start_date"]
        if row["date_precision"] == "year":
            end = start + pd.offsets.YearEnd(0)
        elif row["date_precision"] == "month":
            end = start + pd.offsets.MonthEnd(0)
        else:
            end = row["end_date"] if pd.notna(row["end_date"]) else start
        when = date_label(start, row["end_date"], row["date_precision"])
        place = ", ".join(p for p in (row["city"], row["country_iso3"]) if p)
        colour = PALETTE[0] if held else PALETTE[1]
        data.append({"type": "scatter", "mode": "lines", "x": [start.isoformat(), end.isoformat()],
                     "y": [0, 0], "hoverinfo": "skip", "showlegend": False,
                     "line": {"color": colour, "width": 10 if held else 4,
                              "dash": "solid" if held else "dot"}})
        data.append({
            "type": "scatter", "mode": "markers+text", "x": [start.isoformat()], "y": [0],
            "text": [f"{row['short_name']}<br>{when} · {place}"],
            "textposition": "top center" if i % 2 == 0 else "bottom center",
            "marker": {"size": 14, "color": colour if held else "white",
                       "line": {"color": colour, "width": 2}},
            "name": row["status"], "showlegend": False,
            "hovertemplate": f"{row['name']}<br>{when}<br>status: {row['status']}<extra></extra>",
        })
    layout = _layout(height=230, showlegend=False, yaxis={"visible": False, "range": [-1.3, 1.3]},
                     xaxis={"range": ["2006-02-01", "2008-03-01"], "showgrid": True,
                            "gridcolor": "#EEEEEE", "dtick": "M3", "tickformat": "%b %Y"})
    return {"data": data, "layout": layout}


def build_venues_map(events: pd.DataFrame, land: dict[str, Any]) -> Figure:
    """The venues on a small map, joined in order; the leg to an announced venue is fainter."""
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
        "hovertext": [f"{i + 1}. {n}<br>{note}" for i, (n, note)
                      in enumerate(zip(placed["name"], placed["location_note"]))],
        "hoverinfo": "text",
    })
    layout = _layout(height=300, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                     map={"style": "white-bg", "center": {"lat": 15, "lon": -35}, "zoom": 0.4})
    return {"data": data, "layout": layout}
