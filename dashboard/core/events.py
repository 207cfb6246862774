"""The timeline, Lima 2006 to today: the events, the roles of the 24 in them, their venues (no Streamlit)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.config import N_
from dashboard.core.provenance import REBUILD, RESTORE, ROOT, DataFileError
from dashboard.core.treaties import read_csv_rows
from dashboard.core.votes import RESOLUTIONS, vote_of

EVENTS_CSV = "data/events.csv"  # 2006: Lima, New York, the announced Morocco follow-up (compiled by hand)
EVENTS_AFTER_CSV = "data/events_after.csv"  # after Lima (built by scripts/build/build_events.py)
COLUMNS = ["name", "short_name", "start_date", "end_date", "city", "country_iso3", "status",
           "date_precision", "lat", "lon", "location_note", "source", "confidence",
           "event_id", "kind", "roles", "resolution", "chair_term"]
# The lanes of the timeline, in order, with their labels.
KINDS = {
    "lima_group": N_("Meetings of the Lima Declaration's signatories"),
    "un_meeting": N_("United Nations meetings and votes"),
    "gfmd_summit": N_("Global Forum on Migration and Development (GFMD) summits"),
    "national_position": N_("National positions"),
    "other_process": N_("Other processes"),
}
# What one of the 24 did at an event (`roles`: "ISO3:role;ISO3:role"). "position": the event is
# that state's own decision (the Dominican Republic, Paraguay, Brazil on the Global Compact).
ROLES = {
    "host": N_("host"), "announced-host": N_("announced host"), "chair": N_("chair"),
    "co-chair": N_("co-chair"), "co-facilitator": N_("co-facilitator"),
    "president": N_("president of the conference"), "position": N_("national position"),
}
# held: it took place (a meeting held, a vote taken, a decision announced); announced: announced,
# with no record that it took place; scheduled: due, not yet known to have taken place.
STATUS_WORDS = {"held": N_("took place"), "announced": N_("announced, no record that it took place"),
                "scheduled": N_("scheduled")}
CONFIDENCE = ("high", "medium")  # low-confidence rows are never shipped
ANNOUNCED_ONLY = "announced only"  # the 2006 file's confidence for the announced meeting, kept as it is
ONLINE = "online"  # the city of an event held online: it has no venue
PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}  # 2007, 2018-12, 2018-12-19
_ROLE = re.compile(r"([A-Z]{3}):([a-z-]+)")

# The events' own words, marked so the `events` catalogs carry their translations.
EVENT_WORDS = (
    N_("Lima conference"), N_("UN High-Level Dialogue"), N_("Morocco follow-up (announced)"),
    N_("Rabat conference (Rabat Process)"), N_("1st GFMD summit"), N_("2nd GFMD summit"), N_("3rd GFMD summit"),
    N_("4th GFMD summit"), N_("5th GFMD summit"), N_("6th GFMD summit"), N_("Second UN High-Level Dialogue"),
    N_("7th GFMD summit"), N_("8th GFMD summit"), N_("New York Declaration"), N_("9th GFMD summit"),
    N_("10th GFMD summit"), N_("Global Compact: stocktaking meeting"),
    N_("Dominican Republic stays out of the Compact"), N_("11th GFMD summit"),
    N_("Global Compact adopted at Marrakech"), N_("Paraguay stays away from the vote"),
    N_("General Assembly endorses the Compact (73/195)"), N_("Brazil leaves the Compact, then rejoins it"),
    N_("General Assembly sets the review forums' format (73/326)"), N_("12th GFMD summit"),
    N_("13th GFMD summit (online)"), N_("First International Migration Review Forum"), N_("14th GFMD summit"),
    N_("15th GFMD summit"), N_("Second International Migration Review Forum (scheduled)"),
    N_("Lima"), N_("New York"), N_("Rabat"), N_("Brussels"), N_("Manila"), N_("Athens"), N_("Puerto Vallarta"),
    N_("Geneva"), N_("Pailles"), N_("Stockholm"), N_("Istanbul"), N_("Dhaka"), N_("Berlin"), N_("Santo Domingo"),
    N_("Marrakech"), N_("Asunción"), N_("Brasília"), N_("Quito"), N_("Riohacha"), N_("online"),
    N_("city position rounded to 0.1 degree, for drawing only"),
    N_("UN Headquarters; position rounded to 0.1 degree, for drawing only"),
    N_("city not known; drawn at an interior point of Morocco"),
    N_("Pailles, near Port Louis; position rounded to 0.1 degree, for drawing only"),
    N_("the capital, where the government announced it; position rounded to 0.1 degree, for drawing only"),
    N_("held online: no venue"),
)


def parse_roles(text: str) -> list[tuple[str, str]]:
    """'MAR:host;MAR:co-chair' -> [('MAR', 'host'), ('MAR', 'co-chair')]; '' -> []. An unreadable
    pair or a role not in ROLES raises ValueError naming it."""
    pairs = []
    for part in filter(None, text.split(";")):
        match = _ROLE.fullmatch(part)
        if match is None or match.group(2) not in ROLES:
            raise ValueError(f"unknown role {part!r} (expected ISO3:role, role one of {list(ROLES)})")
        pairs.append((match.group(1), match.group(2)))
    return pairs


def _problem(row: dict[str, str]) -> str:
    """What is wrong with one row of the events files ('' when nothing)."""
    if not row["event_id"]:
        return "no event_id"
    if row["status"] not in STATUS_WORDS:
        return f"unknown status {row['status']!r}"
    if row["kind"] not in KINDS:
        return f"unknown kind {row['kind']!r}"
    if row["date_precision"] not in PRECISION_LENGTH:
        return f"unknown date precision {row['date_precision']!r}"
    if len(row["start_date"]) != PRECISION_LENGTH[row["date_precision"]]:
        return f"start date {row['start_date']!r} is not of precision {row['date_precision']!r}"
    allowed = (*CONFIDENCE, ANNOUNCED_ONLY) if row["status"] == "announced" else CONFIDENCE
    if row["confidence"] not in allowed:
        return f"confidence {row['confidence']!r} (only {', '.join(allowed)} are shipped)"
    if row["resolution"] not in ("", *RESOLUTIONS):
        return f"unknown resolution {row['resolution']!r}"
    try:
        parse_roles(row["roles"])
    except ValueError as exc:
        return str(exc)
    return ""


def load_events(root: Path = ROOT) -> pd.DataFrame:
    """Every event from Lima (May 2006) to today, in date order: the 2006 file's three rows as they
    are, then what came after. Columns: COLUMNS; `start_date`/`end_date` are Timestamps (end may be
    NaT; a year-only date is 1 January and a month-only date the 1st, `date_precision` says how
    much is known), lat/lon floats (NaN: no position). A broken file raises DataFileError naming
    it and the line."""
    frames: list[pd.DataFrame] = []
    seen: dict[str, str] = {}
    for relpath, remedy in ((EVENTS_CSV, RESTORE.format(path=EVENTS_CSV)),
                            (EVENTS_AFTER_CSV, REBUILD.format(script="scripts/build/build_events.py",
                                                              path=EVENTS_AFTER_CSV))):
        rows = read_csv_rows(relpath, root, COLUMNS)
        for line, row in enumerate(rows, start=2):
            problem = _problem(row) or (f"event id {row['event_id']!r} is also on {seen[row['event_id']]}"
                                        if row["event_id"] in seen else "")
            if problem:
                raise DataFileError(relpath, f"line {line}: {problem}", remedy)
            seen[row["event_id"]] = f"{relpath} line {line}"
        frame = pd.DataFrame(rows, columns=COLUMNS)
        try:
            frame["start_date"] = pd.to_datetime(frame["start_date"], format="mixed")
            frame["end_date"] = pd.to_datetime(frame["end_date"].replace("", None), format="mixed")
            frame["lat"] = pd.to_numeric(frame["lat"].replace("", None)).astype(float)
            frame["lon"] = pd.to_numeric(frame["lon"].replace("", None)).astype(float)
        except (ValueError, TypeError) as exc:
            raise DataFileError(relpath, f"a date or position cannot be read ({exc})", remedy) from None
        frames.append(frame)
    events = pd.concat(frames, ignore_index=True)
    return events.sort_values("start_date", kind="stable", ignore_index=True)


def event_roles(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event and role of one of the 24: event_id, iso3, role (in the events' order)."""
    rows = [{"event_id": e, "iso3": iso3, "role": role}
            for e, text in zip(events["event_id"], events["roles"]) for iso3, role in parse_roles(text)]
    return pd.DataFrame(rows, columns=["event_id", "iso3", "role"])


def events_with_role(events: pd.DataFrame) -> pd.DataFrame:
    """The events where one of the 24 hosted, chaired, co-chaired, co-facilitated, presided over
    the conference, was the announced host, or took a national position."""
    return events[events["roles"] != ""].reset_index(drop=True)


def signatory_roles(events: pd.DataFrame, iso3: str, votes: pd.DataFrame) -> pd.DataFrame:
    """One signatory's "then and now", in date order: each role it had (role, and chair_term for a
    GFMD chair or co-chair) and its recorded vote on each resolution of the timeline (role 'vote',
    vote: dashboard.core.votes.VOTES; `votes` from load_unga_votes; no row where it has no recorded
    vote). Columns: event_id, kind, short_name, start_date, end_date, date_precision, role,
    chair_term, vote, source, confidence (the event's)."""
    columns = ["event_id", "kind", "short_name", "start_date", "end_date", "date_precision", "role",
               "chair_term", "vote", "source", "confidence"]
    rows = []
    for event in events.to_dict("records"):
        base = {c: event[c] for c in columns if c in event}
        for who, role in parse_roles(event["roles"]):
            if who == iso3:
                term = event["chair_term"] if role in ("chair", "co-chair") else ""
                rows.append(base | {"role": role, "chair_term": term, "vote": ""})
        vote = vote_of(votes, event["resolution"], iso3) if event["resolution"] else None
        if vote is not None:
            rows.append(base | {"role": "vote", "chair_term": "", "vote": vote})
    return pd.DataFrame(rows, columns=columns)


def unique_venues(events: pd.DataFrame) -> pd.DataFrame:
    """Each position drawn once: lat, lon, city, country_iso3, location_note (of its first event),
    event_ids (';'-joined, in date order), count; in the order of their first event."""
    placed = events.dropna(subset=["lat", "lon"])
    grouped = placed.groupby(["lat", "lon"], sort=False)
    venues = grouped.agg(city=("city", "first"), country_iso3=("country_iso3", "first"),
                         location_note=("location_note", "first"),
                         event_ids=("event_id", ";".join), count=("event_id", "size"))
    return venues.reset_index()
