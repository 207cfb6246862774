"""The "Lima and after" tab's charts: the events from 2006 to today in lanes by kind, the 24's roles
named, and the places where they happened, each drawn once (no Streamlit)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, cast

import pandas as pd
from babel.dates import format_skeleton

from dashboard.config import N_, PALETTE
from dashboard.core import i18n
from dashboard.core.events import KINDS, ROLES, STATUS_WORDS, event_roles, events_with_role, parse_roles, unique_venues
from dashboard.data import Tables
from dashboard.figures.chart import Chart, Options, first, lang_of
from dashboard.figures.style import TEXT, Figure, base_layout, wrap

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
# ?events=: every event, or only those where one of the 24 had a role (dashboard.core.events.events_with_role).
EVENT_CHOICES = {"all": N_("Every event"), "roles": N_("Only where the 24 had a role")}
# The marks: a role of the 24 (named beside it), another event held, announced with no record, scheduled.
MARKS = {"role": (PALETTE[5], "diamond", N_("one of the 24 had a role (named beside it)")),
         "held": (PALETTE[0], "circle", N_("took place")),
         "announced": (PALETTE[1], "circle-open", N_("announced, no record that it took place")),
         "scheduled": (PALETTE[2], "circle-open", N_("scheduled"))}
DASH = {"held": "solid", "announced": "dot", "scheduled": "dash"}
PLACE_MARKS = {"role": N_("one of the 24 had a role there"), "held": N_("other events"),
               "announced": N_("announced, no record that it took place"), "scheduled": N_("scheduled")}
# Labels are placed so that none overlaps another on a 390 px phone, the narrowest screen drawn for:
# about 15 px of plot a year there, 6.2 px a character of 11 px type.
AXIS_YEARS = (2005.5, 2027.5)
PX_PER_YEAR, CHAR_PX, GAP_YEARS, PAD_YEARS = 15.0, 6.2, 0.6, 0.45
ROW_PX, HEAD_PX, HEAD_CHARS = 24, 17, 44  # a lane's label: 12 px bold, wrapped to fit a phone
AXIS_PX, LEGEND_PX = 30, 120  # under the plot: the years, then the legend (four lines on a phone)


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


def place_label(row: Mapping[Any, Any], lang: str = "en") -> str:
    """'Lima, Peru' / 'Lima, Perú' / 'Morocco': the city (when known) and the country."""
    _ = i18n.translator(lang)
    country = i18n.country_name(row["country_iso3"], lang) if row["country_iso3"] else ""
    return ", ".join(p for p in (_(row["city"]) if row["city"] else "", country) if p)


def roles_label(roles: str, lang: str = "en") -> str:
    """'Morocco: host, co-chair; Mexico: co-facilitator' ('' when none of the 24 had a role)."""
    _ = i18n.translator(lang)
    by_country: dict[str, list[str]] = {}
    for iso3, role in parse_roles(roles):
        by_country.setdefault(iso3, []).append(_(ROLES[role]))
    return "; ".join(f"{i18n.country_name(c, lang)}: {', '.join(r)}" for c, r in by_country.items())


def only(events: pd.DataFrame, options: Options) -> pd.DataFrame:
    """The events the view shows: all, or (?events=roles) only those where one of the 24 had a role."""
    return events_with_role(events) if first(options, "events", "all") == "roles" else events


def _years(when: pd.Timestamp) -> float:
    return when.year + (when.day_of_year - 1) / 366


def _span(row: dict[str, Any]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """From the start to the end, or over the whole period a year-only or month-only date allows."""
    start = row["start_date"]
    if row["date_precision"] == "year":
        return start, start + pd.offsets.YearEnd(0)
    if row["date_precision"] == "month":
        return start, start + pd.offsets.MonthEnd(0)
    return start, row["end_date"] if pd.notna(row["end_date"]) else start


def _mark(row: dict[str, Any]) -> str:
    return row["status"] if row["status"] != "held" else ("role" if row["roles"] else "held")


def _label(row: dict[str, Any], lang: str) -> str:
    """The words beside an event: the countries of the 24 with a role in it, and a status other than held."""
    _ = i18n.translator(lang)
    names = ", ".join(dict.fromkeys(i18n.country_name(c, lang) for c, _role in parse_roles(row["roles"])))
    if row["status"] == "announced":
        return _("{names}: announced, no record").format(names=names) if names else _(STATUS_WORDS["announced"])
    if row["status"] == "scheduled":
        return f"{names} · {_('scheduled')}" if names else _("scheduled")
    return names


def _rows(events: list[dict[str, Any]], labels: list[str]) -> list[int]:
    """Each event's row in its lane: unlabelled events share row 0, each label takes the first row
    where it overlaps no other label at a phone's width (it goes left of its event near the end)."""
    taken: dict[int, list[tuple[float, float]]] = {}
    rows: list[int] = []
    for row, label in zip(events, labels):
        if not label:
            rows.append(0)
            continue
        start, end = (_years(d) for d in _span(row))
        width = PAD_YEARS + len(label) * CHAR_PX / PX_PER_YEAR
        extent = (start, end + width) if end + width <= AXIS_YEARS[1] else (start - width, end)
        n = 1
        while any(a < extent[1] + GAP_YEARS and extent[0] < b + GAP_YEARS for a, b in taken.get(n, [])):
            n += 1
        taken.setdefault(n, []).append(extent)
        rows.append(n)
    return rows


def build_timeline(events: pd.DataFrame, lang: str = "en") -> Figure:
    """The events on one date axis in lanes by kind (KINDS, in order), each lane's label above it.
    An event where one of the 24 had a role is a diamond with the countries named beside it; an
    announced event (no record that it took place) is hollow with a dotted span over the period
    its date allows; a scheduled one hollow with a dashed span. Hover: name, date, place, roles,
    status and confidence."""
    _ = i18n.translator(lang)
    records = cast(list[dict[str, Any]], events.to_dict("records"))
    marks: dict[str, dict[str, list[Any]]] = {m: {"x": [], "y": [], "text": [], "id": []} for m in MARKS}
    spans: dict[str, dict[str, list[Any]]] = {m: {"x": [], "y": []} for m in MARKS}
    text: dict[str, list[Any]] = {"x": [], "y": [], "text": [], "textposition": []}
    annotations, y = [], 0.0
    for kind, lane_name in KINDS.items():
        lane = [r for r in records if r["kind"] == kind]
        if not lane:
            continue
        head = wrap(_(lane_name), HEAD_CHARS)
        annotations.append({"x": 0, "xref": "paper", "y": y, "yref": "y", "xanchor": "left", "yanchor": "top",
                            "text": f"<b>{head}</b>", "showarrow": False, "font": {"size": 12}, "align": "left"})
        labels = [_label(r, lang) for r in lane]
        rows = _rows(lane, labels)
        top = y - HEAD_PX * (head.count("<br>") + 1) / ROW_PX - 0.45 + (0 if 0 in rows else 1)
        for row, label, n in zip(lane, labels, rows):
            at = top - n
            start, end = _span(row)
            mark = _mark(row)
            when = date_label(row["start_date"], row["end_date"], row["date_precision"], lang)
            hover = [f"<b>{_(row['short_name'])}</b>", f"{when} · {place_label(row, lang) or _(row['city'])}"]
            if row["roles"]:
                hover.append(roles_label(row["roles"], lang))
            if kind == "other_process":
                hover.append(_("another process, not a meeting of the Lima group"))
            hover.append(_("{status}; confidence: {confidence}").format(
                status=_(STATUS_WORDS[row["status"]]), confidence=_(row["confidence"])))
            for key, value in (("x", start.date().isoformat()), ("y", at), ("text", "<br>".join(hover)),
                               ("id", row["event_id"])):
                marks[mark][key].append(value)
            if end > start:
                spans[mark]["x"] += [start.date().isoformat(), end.date().isoformat(), None]
                spans[mark]["y"] += [at, at, None]
            if label:
                right = _years(end) + PAD_YEARS + len(label) * CHAR_PX / PX_PER_YEAR <= AXIS_YEARS[1]
                text["x"].append((end if right else start).date().isoformat())
                text["y"].append(at)
                text["text"].append(label)
                text["textposition"].append("middle right" if right else "middle left")
        y = top - max(rows) - 0.9
    data: list[dict[str, Any]] = [
        {"type": "scatter", "mode": "lines", "x": s["x"], "y": s["y"], "hoverinfo": "skip", "showlegend": False,
         "line": {"color": MARKS[m][0], "width": 3 if m in DASH else 4, "dash": DASH.get(m, "solid")}}
        for m, s in spans.items() if s["x"]]
    data += [{"type": "scatter", "mode": "markers", "name": _(MARKS[m][2]), "x": p["x"], "y": p["y"],
              "hovertext": p["text"], "hoverinfo": "text", "cliponaxis": False, "customdata": p["id"],
              "marker": {"color": MARKS[m][0], "symbol": MARKS[m][1], "size": 13 if m == "role" else 10,
                         "line": {"color": MARKS[m][0], "width": 2}}}
             for m, p in marks.items() if p["x"]]
    # Invisible markers carry the words, so that plotly sets them off from the visible marks.
    data.append({"type": "scatter", "mode": "markers+text", "x": text["x"], "y": text["y"], "text": text["text"],
                 "textposition": text["textposition"], "textfont": {"size": 11, "color": TEXT},
                 "marker": {"size": 14, "opacity": 0}, "hoverinfo": "skip", "showlegend": False,
                 "cliponaxis": False})
    low = y + 0.4
    plot = ROW_PX * (0.9 - low)
    ticks = list(range(2006, math.floor(AXIS_YEARS[1]) + 1, 4))
    layout = base_layout(
        height=int(plot + 10 + LEGEND_PX), showlegend=True, margin={"l": 10, "r": 10, "t": 10, "b": LEGEND_PX},
        yaxis={"visible": False, "range": [low, 0.9], "fixedrange": True},
        xaxis={"type": "date", "range": [f"{math.floor(AXIS_YEARS[0])}-07-01", f"{math.floor(AXIS_YEARS[1])}-07-01"],
               "tickvals": [f"{t}-01-01" for t in ticks], "ticktext": [str(t) for t in ticks],
               "showgrid": True, "gridcolor": "#BBBBBB", "fixedrange": True,
               "minor": {"dtick": "M12", "showgrid": True, "gridcolor": "#EEEEEE"}},
        legend={"orientation": "h", "x": 0, "y": -AXIS_PX / plot, "yanchor": "top", "traceorder": "normal",
                "itemclick": False, "itemdoubleclick": False},
        annotations=annotations, hovermode="closest")
    return {"data": data, "layout": layout}


def build_venues_map(events: pd.DataFrame, land: dict[str, Any], lang: str = "en") -> Figure:
    """Each place once (dashboard.core.events.unique_venues: New York once, however many events),
    its size by its number of events, its colour by the timeline's marks; the hover lists its events."""
    _ = i18n.translator(lang)
    venues = unique_venues(events)
    by_id = events.set_index("event_id")
    groups: dict[str, dict[str, list[Any]]] = {m: {"lat": [], "lon": [], "size": [], "text": []}
                                               for m in ("role", "held", "announced", "scheduled")}
    for venue in venues.to_dict("records"):
        rows = [by_id.loc[i] for i in venue["event_ids"].split(";")]
        statuses = {r["status"] for r in rows}
        mark = ("announced" if statuses == {"announced"} else "scheduled" if statuses == {"scheduled"}
                else "role" if any(r["roles"] for r in rows) else "held")
        place = place_label({"city": venue["city"], "country_iso3": venue["country_iso3"]}, lang)
        lines = [f"<b>{place}</b>"] + [f"{r['start_date'].year} · {_(r['short_name'])}" for r in rows]
        group = groups[mark]
        group["lat"].append(venue["lat"])
        group["lon"].append(venue["lon"])
        group["size"].append(9 + 4 * math.sqrt(venue["count"]))
        group["text"].append("<br>".join([*lines, f"<i>{_(venue['location_note'])}</i>"]))
    data: list[dict[str, Any]] = [{
        "type": "choroplethmap", "geojson": land, "locations": ["land"], "z": [0],
        "colorscale": [[0, "#E6E6E6"], [1, "#E6E6E6"]], "showscale": False,
        "marker": {"line": {"width": 0}}, "hoverinfo": "skip", "showlegend": False,
    }]
    # Markers only: MapLibre draws map text with glyphs fetched from a font server, which would
    # leave the machine; the places are named in the hover and in the caption under the map.
    data += [{"type": "scattermap", "mode": "markers", "name": _(PLACE_MARKS[m]), "lat": g["lat"], "lon": g["lon"],
              "marker": {"size": g["size"], "color": MARKS[m][0], "opacity": 0.85},
              "hovertext": g["text"], "hoverinfo": "text", "showlegend": True}
             for m, g in groups.items() if g["lat"]]
    layout = base_layout(height=380, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=True,
                         legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top", "itemclick": False,
                                 "itemdoubleclick": False, "bgcolor": "rgba(255,255,255,0)"},
                         map={"style": "white-bg", "center": {"lat": 20, "lon": 8}, "zoom": 0.6})
    return {"data": data, "layout": layout}


def chairs(events: pd.DataFrame) -> list[str]:
    """The signatories that chaired or co-chaired the GFMD, in order of their first chairmanship."""
    roles = event_roles(events).merge(events[["event_id", "kind"]], on="event_id")
    found = roles[roles["role"].isin(["chair", "co-chair"]) & (roles["kind"] == "gfmd_summit")]
    return list(dict.fromkeys(found["iso3"]))


def _timeline_title(tables: Tables, options: Options) -> str:
    _ = i18n.translator(lang_of(options))
    return _("After Lima: no record that the group met again, but {n} of the 24 later chaired the Global Forum on "
             "Migration and Development (GFMD)").format(n=len(chairs(tables.events)))


def _venues_title(tables: Tables, options: Options) -> str:
    _ = i18n.translator(lang_of(options))
    shown = only(tables.events, options)
    held = shown[shown["status"] == "held"]
    venues = unique_venues(held)
    own = venues["country_iso3"].isin(set(tables.signatories["iso3"])).sum()
    return _("{places} places where the events took place, {own} of them in the 24's own countries").format(
        places=len(venues), own=own)


def _note(tables: Tables, options: Options) -> str:
    lang = lang_of(options)
    _ = i18n.translator(lang)
    medium = only(tables.events, options)
    medium = medium[medium["confidence"] == "medium"]
    text = _("Morocco 2007: announced only, no record found that the meeting took place. The Rabat conference of "
             "July 2006 belongs to another process (the Rabat Process), not to the Lima group.")
    if len(medium):
        text += " " + _("Medium confidence: {events}; every other event high.").format(
            events="; ".join(_(n) for n in medium["short_name"]))
    return text


EVENTS = ("events-2006", "events-after", "press-release")
CHARTS = (
    Chart("timeline", N_("Lima and after: the events, 2006 to today"), EVENTS, "timeline",
          lambda t, o: build_timeline(only(t.events, o), lang_of(o)), ("events",),
          title_for=_timeline_title, note_for=_note),
    Chart("venues", N_("Where the events took place, each place once"), (*EVENTS, ("natural-earth", "boundaries")),
          "timeline", lambda t, o: build_venues_map(only(t.events, o), t.land, lang_of(o)), ("events",),
          title_for=_venues_title),
)
