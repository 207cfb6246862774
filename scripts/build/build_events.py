"""Rebuild data/events_after.csv: what came after Lima, 2006 to today, from the pinned research notes.

usage: python scripts/build/build_events.py [--check]
Input: data/raw/after-lima-2026-12-06.csv (the research notes' dated events after the Lima
conference, each with its sources and confidence). Rows graded low are left out. Each row kept
is matched, by its exact title, to one entry of EVENTS below, which adds what the notes do not
give in a fixed form: a stable id, a short English name (translated in the `events` catalogs), a
kind (dashboard.core.events.KINDS), the roles of the 24 signatories as `ISO3:role;ISO3:role`
(each read from the row's own text, which must name the country and the role), the venue city
as a plain name, and its position rounded to 0.1 degree (general knowledge of where the city
is: for drawing only). Dates, country, source and confidence are the notes' own.
Three rows of the notes are left out on purpose (SKIPPED): two are already in data/events.csv,
the third is the 24's votes on 73/195, which data/unga_votes.csv holds.
The build stops, naming the file and line, on a row that matches no entry, an unreadable date,
an unknown country, kind, role or confidence, a role the row's text does not support, a
signatory's GFMD term that the title contradicts, or an entry with no row.
--check rebuilds in memory and exits 1 if data/events_after.csv differs.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path
from typing import NamedTuple

from derive import csv_text, write_or_check  # scripts/build/derive.py, beside this file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dashboard.core.events import COLUMNS, KINDS, ONLINE, ROLES, parse_roles  # noqa: E402
from dashboard.data import load_signatories  # noqa: E402

NOTES = "data/raw/after-lima-2026-12-06.csv"
TARGET = ROOT / "data" / "events_after.csv"
M49 = ROOT / "data" / "m49.csv"
RESEARCHED = "2026-12-06"  # the notes' date: nothing after it can have been held
NEW_YORK = (40.75, -73.97)  # the 2006 row's UN Headquarters position (data/events.csv): one venue
CITY = "city position rounded to 0.1 degree, for drawing only"
UN_HQ = "UN Headquarters; position rounded to 0.1 degree, for drawing only"
CAPITAL = "the capital, where the government announced it; position rounded to 0.1 degree, for drawing only"
# The words in a row's text that support a role (role -> a word the text must hold, any case).
EVIDENCE = {"host": "host", "announced-host": "announced", "chair": "chair", "co-chair": "co-chair",
            "co-facilitator": "co-facilitat", "president": "president", "position": ""}


class Event(NamedTuple):
    """What the build adds to one row of the notes."""

    event_id: str
    short_name: str
    kind: str
    roles: str = ""
    city: str = ""  # "" keeps the notes' city
    position: tuple[float, float] | None = None
    location_note: str = CITY
    resolution: str = ""
    chair_term: str = ""  # the years of a GFMD chairmanship held by one of the 24
    status: str = "held"


# The notes' title -> the entry. Cities: the notes' words in brackets dropped (Pailles, near Port
# Louis; Riohacha, La Guajira); the fully online summit has the city ONLINE and no position.
EVENTS: dict[str, Event] = {
    "Euro-African Ministerial Conference on Migration and Development (launch of the Rabat Process)":
        Event("rabat-2006", "Rabat conference (Rabat Process)", "other_process", "MAR:host",
              position=(34.0, -6.8)),
    "1st GFMD Summit (Belgian chairmanship)":
        Event("gfmd-2007", "1st GFMD summit", "gfmd_summit", position=(50.9, 4.4)),
    "2nd GFMD Summit (Philippine chairmanship)":
        Event("gfmd-2008", "2nd GFMD summit", "gfmd_summit", "PHL:host;PHL:chair", position=(14.6, 121.0),
              chair_term="2008"),
    "3rd GFMD Summit (Greek chairmanship)":
        Event("gfmd-2009", "3rd GFMD summit", "gfmd_summit", position=(38.0, 23.7)),
    "4th GFMD Summit (Mexican chairmanship)":
        Event("gfmd-2010", "4th GFMD summit", "gfmd_summit", "MEX:host;MEX:chair", position=(20.7, -105.2),
              chair_term="2010"),
    "5th GFMD Summit / 'GFMD 2011 Concluding Debate' (Swiss chairmanship)":
        Event("gfmd-2011", "5th GFMD summit", "gfmd_summit", position=(46.2, 6.1)),
    "6th GFMD Summit (Mauritian chairmanship)":
        Event("gfmd-2012", "6th GFMD summit", "gfmd_summit", city="Pailles", position=(-20.2, 57.5),
              location_note="Pailles, near Port Louis; position rounded to 0.1 degree, for drawing only"),
    "Second UN High-level Dialogue on International Migration and Development (HLD 2013)":
        Event("hld-2013", "Second UN High-Level Dialogue", "un_meeting", position=NEW_YORK, location_note=UN_HQ),
    "7th GFMD Summit (Swedish chairmanship 2013-2014)":
        Event("gfmd-2014", "7th GFMD summit", "gfmd_summit", position=(59.3, 18.1)),
    "8th GFMD Summit (Turkish chairmanship 2014-2015)":
        Event("gfmd-2015", "8th GFMD summit", "gfmd_summit", position=(41.0, 29.0)),
    "UN Summit for Refugees and Migrants: New York Declaration (A/RES/71/1) launches the GCM process":
        Event("new-york-declaration-2016", "New York Declaration", "un_meeting", position=NEW_YORK,
              location_note=UN_HQ),
    "9th GFMD Summit (Bangladeshi chairmanship)":
        Event("gfmd-2016", "9th GFMD summit", "gfmd_summit", position=(23.8, 90.4)),
    "10th GFMD Summit (German-Moroccan co-chairmanship 2017-2018)":
        Event("gfmd-2017", "10th GFMD summit", "gfmd_summit", "MAR:co-chair", position=(52.5, 13.4),
              chair_term="2017-2018"),
    "GCM preparatory (stocktaking) meeting":
        Event("gcm-stocktaking-2017", "Global Compact: stocktaking meeting", "un_meeting",
              "MEX:host;MEX:co-facilitator", position=(20.7, -105.2)),
    "Dominican Republic announces it will not sign/adopt the GCM":
        Event("dom-position-2018", "Dominican Republic stays out of the Compact", "national_position",
              "DOM:position", position=(18.5, -69.9), location_note=CAPITAL),
    "11th GFMD Summit (German-Moroccan co-chairmanship 2017-2018)":
        Event("gfmd-2018", "11th GFMD summit", "gfmd_summit", "MAR:host;MAR:co-chair", position=(31.6, -8.0),
              chair_term="2017-2018"),
    "Intergovernmental Conference to Adopt the Global Compact for Safe, Orderly and Regular Migration (GCM)":
        Event("gcm-adoption-2018", "Global Compact adopted at Marrakech", "un_meeting",
              "MAR:host;MAR:president;MEX:co-facilitator", position=(31.6, -8.0)),
    "Paraguay reverses its support and stays away from the GA vote on the GCM":
        Event("pry-position-2018", "Paraguay stays away from the vote", "national_position", "PRY:position",
              position=(-25.3, -57.6), location_note=CAPITAL),
    "UN General Assembly endorses the GCM: resolution 73/195, recorded vote (totals)":
        Event("ga-73-195", "General Assembly endorses the Compact (73/195)", "un_meeting", position=NEW_YORK,
              location_note=UN_HQ, resolution="73/195"),
    "Brazil dissociates from the GCM (8 Jan 2019) and rejoins it (5 Jan 2023)":
        Event("bra-position-2019", "Brazil leaves the Compact, then rejoins it", "national_position",
              "BRA:position", position=(-15.8, -47.9), location_note=CAPITAL),
    "GA resolution 73/326 'Format and organizational aspects of the international migration review forums' "
    "(IMRF modalities)":
        Event("ga-73-326", "General Assembly sets the review forums' format (73/326)", "un_meeting",
              position=NEW_YORK, location_note=UN_HQ, resolution="73/326"),
    "12th GFMD Summit (Ecuadorian chairmanship 2019)":
        Event("gfmd-2020", "12th GFMD summit", "gfmd_summit", "ECU:host;ECU:chair", position=(-0.2, -78.5),
              chair_term="2019"),
    "13th GFMD Summit (UAE chairmanship 2020), fully online":
        Event("gfmd-2021", "13th GFMD summit (online)", "gfmd_summit", city=ONLINE,
              location_note="held online: no venue"),
    "First International Migration Review Forum (IMRF) and its Progress Declaration":
        Event("imrf-2022", "First International Migration Review Forum", "un_meeting", position=NEW_YORK,
              location_note=UN_HQ),
    "14th GFMD Summit (French chairmanship 2022-2023)":
        Event("gfmd-2024", "14th GFMD summit", "gfmd_summit", position=(46.2, 6.1)),
    "15th GFMD Summit (Colombian chairmanship 2024-2025)":
        Event("gfmd-2025", "15th GFMD summit", "gfmd_summit", "COL:host;COL:chair", city="Riohacha",
              position=(11.5, -72.9), chair_term="2024-2025"),
    "Second International Migration Review Forum (scheduled)":
        Event("imrf-2026", "Second International Migration Review Forum (scheduled)", "un_meeting",
              position=NEW_YORK, location_note=UN_HQ, status="scheduled"),
}
# Rows of the notes left out on purpose, with the reason.
SKIPPED = {
    "First UN High-level Dialogue on International Migration and Development (HLD)":
        "already in data/events.csv (hld-2006)",
    "Announced second ministerial meeting of the Lima group (Morocco, 2007): NO RECORD FOUND that it took place":
        "already in data/events.csv (lima-followup-2007), announced with no record",
    "How the 24 Lima signatories voted on resolution 73/195 (GCM endorsement)":
        "the same vote as ga-73-195; the 24's votes are in data/unga_votes.csv",
}
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_PRECISION = {4: "year", 7: "month", 10: "day"}
_TERM = re.compile(r"chairmanship (\d{4}(?:-\d{4})?)")


class BuildError(ValueError):
    """An input the build cannot use; the message names the file and line."""


def _precision(text: str, where: str) -> str:
    if not _DATE.fullmatch(text):
        raise BuildError(f"{where}: unreadable date {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    return _PRECISION[len(text)]


def _check_roles(roles: str, text: str, signatories: set[str], where: str) -> None:
    try:
        pairs = parse_roles(roles)
    except ValueError as exc:
        raise BuildError(f"{where}: {exc}") from None
    for iso3, role in pairs:
        if iso3 not in signatories:
            raise BuildError(f"{where}: {iso3} is not a signatory of the Lima Declaration")
        if iso3 not in text or EVIDENCE[role].lower() not in text.lower():
            raise BuildError(f"{where}: the row's role text does not support {iso3}:{role}")


def build_row(row: dict[str, str], event: Event, where: str, signatories: set[str], known: set[str]) -> dict:
    start, end = row["start_date"], row["end_date"]
    precision = _precision(start, where)
    if end and (_precision(end, where) != precision or end < start):
        raise BuildError(f"{where}: end date {end!r} does not follow start date {start!r}")
    if row["country_iso3"] not in known:
        raise BuildError(f"{where}: country {row['country_iso3']!r} is not in data/m49.csv")
    if event.kind not in KINDS or event.status not in ("held", "scheduled"):
        raise BuildError(f"{where}: unknown kind {event.kind!r} or status {event.status!r}")
    if event.status == "held" and start > RESEARCHED:
        raise BuildError(f"{where}: held on {start}, after the notes were written ({RESEARCHED})")
    _check_roles(event.roles, row["role_of_signatories"], signatories, where)
    stated = _TERM.search(row["event"])
    if event.chair_term and (event.kind != "gfmd_summit" or (stated and stated.group(1) != event.chair_term)):
        raise BuildError(f"{where}: GFMD term {event.chair_term!r} does not fit the title {row['event']!r}")
    city = event.city or row["city"]
    if (event.position is None) != (city == ONLINE):
        raise BuildError(f"{where}: a venue needs a position, an online event has none")
    lat, lon = event.position or ("", "")
    return {"name": row["event"], "short_name": event.short_name, "start_date": start, "end_date": end,
            "city": city, "country_iso3": row["country_iso3"], "status": event.status,
            "date_precision": precision, "lat": lat, "lon": lon, "location_note": event.location_note,
            "source": row["source"], "confidence": row["confidence"], "event_id": event.event_id,
            "kind": event.kind, "roles": event.roles, "resolution": event.resolution,
            "chair_term": event.chair_term}


def build() -> list[dict[str, str]]:
    if set(EVIDENCE) != set(ROLES):
        raise BuildError(f"EVIDENCE and dashboard.core.events.ROLES name different roles: {set(EVIDENCE) ^ set(ROLES)}")
    with M49.open(encoding="utf-8", newline="") as handle:
        known = {r["iso3"] for r in csv.DictReader(handle) if r["iso3"]}
    signatories = set(load_signatories()["iso3"])
    reader = csv.DictReader(io.StringIO((ROOT / NOTES).read_text(encoding="utf-8"), newline=""))
    rows, matched = [], set()
    for line, row in enumerate(reader, start=2):
        where = f"{NOTES} line {line} ({row['event'][:60]!r})"
        if row["confidence"] not in ("high", "medium", "low"):
            raise BuildError(f"{where}: unknown confidence {row['confidence']!r}")
        if row["confidence"] == "low" or row["event"] in SKIPPED:
            continue
        event = EVENTS.get(row["event"])
        if event is None:
            raise BuildError(f"{where}: a row no entry of EVENTS matches; add one (or a reason to SKIPPED)")
        matched.add(row["event"])
        rows.append(build_row(row, event, where, signatories, known))
    unmatched = sorted(set(EVENTS) - matched)
    if unmatched:
        raise BuildError(f"{NOTES}: no row (or only a low-confidence one) for {unmatched}")
    ids = [r["event_id"] for r in rows]
    if len(ids) != len(set(ids)):
        raise BuildError(f"repeated event ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    return sorted(rows, key=lambda r: r["start_date"])


def main(argv: list[str]) -> int:
    try:
        text = csv_text(build(), COLUMNS)
    except BuildError as exc:
        print(f"build_events: {exc}", file=sys.stderr)
        return 2
    return write_or_check({TARGET: text}, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
