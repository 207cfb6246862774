"""The "Timeline" tab's charts: the meetings on a date axis, and where they were held (no Streamlit)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from babel.dates import format_skeleton

from dashboard.config import N_, NOT_SIGNATORY, PALETTE
from dashboard.core import i18n
from dashboard.figures.chart import Chart, lang_of
from dashboard.figures.style import TEXT, Figure, base_layout

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
    layout = base_layout(height=90 + 62 * len(rows), showlegend=False, margin={"l": 10, "r": 10, "t": 10, "b": 30},
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
    layout = base_layout(height=300, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                     map={"style": "white-bg", "center": {"lat": 15, "lon": -35}, "zoom": 0.4})
    return {"data": data, "layout": layout}


EVENTS = ("events-2006", "press-release")
CHARTS = (
    Chart("timeline", N_("From Lima to New York, and a follow-up announced for Morocco"), EVENTS, "timeline",
          lambda t, o: build_timeline(t.events, lang_of(o)),
          note_for=lambda t, o: i18n.translator(lang_of(o))(
              "Morocco: announced only, no record found that the meeting took place.")),
    Chart("venues", N_("Where the meetings were held or announced"), EVENTS, "timeline",
          lambda t, o: build_venues_map(t.events, t.land, lang_of(o))),
)
