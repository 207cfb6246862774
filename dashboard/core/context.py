"""Context for the 24: treaty status, regional consultative processes, population (no Streamlit)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.express as px

from dashboard.core.provenance import ROOT, DataFileError, read_verified

TREATIES_CSV = "data/treaties.csv"
RCP_CSV = "data/rcp.csv"
LIMA_DATE = pd.Timestamp("2006-05-16")  # the Declaration was adopted on the closing day

# key -> (short label, full name, UN Treaty Collection (MTDSG) chapter, as FACTS.md names it)
TREATIES: dict[str, tuple[str, str, str]] = {
    "ICRMW": ("ICRMW", "International Convention on the Protection of the Rights of All Migrant "
              "Workers and Members of Their Families", "MTDSG chapter IV-13"),
    "UNTOC": ("UNTOC", "United Nations Convention against Transnational Organized Crime",
              "MTDSG chapter XVIII-12"),
    "UNTOC-TIP": ("Trafficking Protocol", "Protocol to Prevent, Suppress and Punish Trafficking in "
                  "Persons, Especially Women and Children, supplementing the UNTOC",
                  "MTDSG chapter XVIII-12-a"),
    "UNTOC-SOM": ("Smuggling Protocol", "Protocol against the Smuggling of Migrants by Land, Sea "
                  "and Air, supplementing the UNTOC", "MTDSG chapter XVIII-12-b"),
}
# The treaty names as data/treaties.csv writes them; anything else is refused, not guessed.
_TREATY_IN_FILE = {"ICRMW": "ICRMW", "UNTOC": "UNTOC",
                   "UNTOC Trafficking in Persons Protocol": "UNTOC-TIP",
                   "UNTOC Smuggling of Migrants Protocol": "UNTOC-SOM"} | {k: k for k in TREATIES}
PARTY_ACTIONS = ("ratification", "accession", "acceptance", "approval", "succession")
ACTIONS = ("signature", *PARTY_ACTIONS, "none")
# Free-text statuses in the notes: the first matching prefix wins; no match raises.
_STATUS_PREFIXES = (("no action", "none"), ("not a participant", "none"), ("signed only", "signature"))
_CAVEAT = re.compile(r"not verified|\bas of\b", re.IGNORECASE)
_SOURCE_DATE = re.compile(r"last updated (\d{4}-\d{2}-\d{2})")  # the dated UNTC copy (2015-03-14)

STATUSES = ("party", "signatory only", "no action", "no data")
STATUS_COLOURS = {"party": "#0072B2", "signatory only": "#56B4E9", "no action": "#E69F00",
                  "no data": "#999999"}  # Okabe-Ito; grey marks a gap
_CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}

# short name -> full name; the full name is the text before " - " in data/rcp.csv.
PROCESSES: dict[str, str] = {
    "Puebla Process (RCM)": "Regional Conference on Migration (RCM / Puebla Process)",
    "Lima Process (SACM)": "South American Conference on Migration (SACM / Lima Process)",
    "Colombo Process": "Colombo Process (Regional Consultative Process on Overseas Employment and "
                       "Contractual Labour for Countries of Origin in Asia)",
    "Abu Dhabi Dialogue": "Abu Dhabi Dialogue",
    "Bali Process": "Bali Process on People Smuggling, Trafficking in Persons and Related "
                    "Transnational Crime",
    "MIDSA": "Migration Dialogue for Southern Africa (MIDSA)",
    "MIDWA": "Migration Dialogue for West Africa (MIDWA)",
    "Rabat Process": "Euro-African Dialogue on Migration and Development (Rabat Process)",
    "5+5 Dialogue": "5+5 Dialogue on Migration in the Western Mediterranean",
    "ARCP": "Arab Regional Consultative Process on Migration and Refugee Affairs (ARCP)",
    "MIDCOM": "Migration Dialogue for COMESA Member States (MIDCOM)",
    "Khartoum Process": "EU-Horn of Africa Migration Route Initiative (Khartoum Process)",
    "CMC": "Caribbean Migration Consultations (CMC)",
    "Budapest Process": "Budapest Process",
}
# The notes name Pakistan's role through the Budapest Process's Silk Routes Partnership.
_PROCESS_ALIASES = {"Budapest Process (Silk Routes Partnership)": "Budapest Process"}
_PROCESS_BY_NAME = {full: short for short, full in PROCESSES.items()} | _PROCESS_ALIASES
# A process is called an inter-regional forum only where its rows in data/rcp.csv cite IOM's
# page saying so ("IOM type: inter-regional forum").
INTER_REGIONAL_MARK = "inter-regional forum"
ROLES = ("member", "partner", "participating", "observer", "attended-only")
COUNTED_ROLES = ("member", "partner", "participating")
NOT_LISTED = "not in the notes"  # no row in rcp.csv: not a proven non-membership
ROLE_COLOURS = {"member": "#0072B2", "partner": "#009E73", "participating": "#56B4E9",
                "observer": "#E69F00", "attended-only": "#CC79A7", NOT_LISTED: "#DDDDDD"}

SOURCE = "Gapminder (gapminder.org), via plotly.express.data.gapminder(), year 2007; CC BY 4.0"
GAPMINDER_YEAR = 2007


def _read_csv(relpath: str, root: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    """Rows of a checksum-verified CSV; a missing column raises DataFileError naming the file."""
    remedy = f"Restore it from the repository (git checkout -- {relpath})"
    try:
        reader = csv.DictReader(io.StringIO(read_verified(relpath, root).decode("utf-8"), newline=""))
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(relpath, f"it cannot be read as CSV ({exc})", remedy) from None
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(relpath, f"it lacks the column(s) {missing}", remedy)
    return rows


def classify_status(text: str) -> str:
    """The action a status text of the notes records; an unknown text raises ValueError naming it."""
    key = text.strip().casefold()
    if key in ACTIONS and key != "none":
        return key
    for prefix, action in _STATUS_PREFIXES:
        if key.startswith(prefix):
            return action
    raise ValueError(f"unclassifiable treaty status {text!r}")


def _parse_date(text: str) -> tuple[Any, str]:
    """(Timestamp or NaT, precision); 'YYYY-MM' is kept as month precision, never given a day."""
    for pattern, precision in ((r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-\d{2}", "month"), ("", "")):
        if re.fullmatch(pattern, text):
            return (pd.Timestamp(text) if text else pd.NaT), precision
    raise ValueError(f"unreadable date {text!r}")


def _period_end(when: Any, precision: str) -> Any:
    # A month-only date is certainly past only once its month has ended.
    return when + pd.offsets.MonthEnd(0) if precision == "month" else when


def load_treaty_actions(root: Path = ROOT) -> pd.DataFrame:
    """Tidy treaty actions: iso3, country, treaty, action, date, date_precision, source_as_of,
    source_url, confidence, note (the status text when it carries a caveat), status_text."""
    cols = ["iso3", "country", "treaty", "status", "date", "source_url", "confidence"]
    out = []
    for line, row in enumerate(_read_csv(TREATIES_CSV, root, cols), start=2):
        try:
            treaty = _TREATY_IN_FILE.get(row["treaty"])
            if treaty is None:
                raise ValueError(f"unknown treaty {row['treaty']!r}")
            if row["confidence"] not in _CONFIDENCE_RANK:
                raise ValueError(f"unknown confidence {row['confidence']!r}")
            action = classify_status(row["status"])
            when, precision = _parse_date(row["date"])
        except ValueError as exc:
            raise DataFileError(TREATIES_CSV, f"line {line}: {exc}",
                                "Fix the row or add a rule in dashboard/core/context.py") from None
        dated = _SOURCE_DATE.search(row["source_url"])
        out.append({"iso3": row["iso3"], "country": row["country"], "treaty": treaty,
                    "action": action, "date": when, "date_precision": precision,
                    "source_as_of": pd.Timestamp(dated.group(1)) if dated else pd.NaT,
                    "source_url": row["source_url"], "confidence": row["confidence"],
                    "note": row["status"] if _CAVEAT.search(row["status"]) else "",
                    "status_text": row["status"]})
    return pd.DataFrame(out)


def signatories_or_default(signatories: pd.DataFrame | None) -> pd.DataFrame:
    if signatories is None:
        from dashboard.core.loaders import load_signatories  # geopandas import only when needed

        signatories = load_signatories()
    return signatories


def _when(ts: Any, precision: str = "day") -> str:
    if pd.isna(ts):
        return "undated"
    return ts.strftime("%Y-%m") + " (month only)" if precision == "month" else ts.strftime("%Y-%m-%d")


def _rank(action: str) -> int:
    return 2 if action in PARTY_ACTIONS else 1


def _pair_status(rows: list[dict[str, Any]], on: pd.Timestamp | None) -> dict[str, Any]:
    """Status of one country and treaty from its rows in the notes (see treaty_status)."""
    acts = [r for r in rows if r["action"] != "none"]
    dated = sorted((r for r in acts if pd.notna(r["date"])), key=lambda r: r["date"])
    party = [r for r in dated if r["action"] in PARTY_ACTIONS]
    signed = [r for r in dated if r["action"] == "signature"]
    ends = [_period_end(r["date"], r["date_precision"]) for r in dated]
    scraped = {r["source_as_of"] for r in rows if pd.notna(r["source_as_of"])}
    latest = max([*scraped, *ends], default=pd.NaT)
    for bound in (r["source_as_of"] for r in rows if r["action"] == "none"):
        # "no action as of X" beside an action dated on or before X: the notes contradict themselves.
        if any(pd.isna(bound) or (pd.notna(r["date"]) and r["date"] <= bound) for r in acts):
            raise DataFileError(TREATIES_CSV, f"{rows[0]['iso3']} {rows[0]['treaty']}: "
                                "'no action' contradicts a recorded action", "Check the rows")
    worst = min((r["confidence"] for r in rows), key=_CONFIDENCE_RANK.__getitem__)
    reasons = [f"confidence {worst}"] if worst != "high" else []
    if on is None:
        best, as_of = max((_rank(r["action"]) for r in acts), default=0), latest
    else:
        def done(found: list[dict[str, Any]]) -> bool:
            return any(_period_end(r["date"], r["date_precision"]) <= on for r in found)

        best = 2 if done(party) else 1 if done(signed) else 0
        # An undated action of a kind with no dated row could change the answer: a gap, not a guess.
        dated_ranks = {_rank(r["action"]) for r in dated}
        if any(_rank(r["action"]) > best and _rank(r["action"]) not in dated_ranks
               for r in acts if pd.isna(r["date"])):
            best = -1
        for r in dated:
            if r["date_precision"] == "month" and r["date"] <= on < _period_end(r["date"], "month"):
                reasons.append(f"dated {_when(r['date'], 'month')}, which contains {on:%Y-%m-%d}")
        as_of = on if pd.isna(latest) or on <= latest else latest
        if pd.notna(latest) and on > latest:
            reasons.append(f"status known only to {latest:%Y-%m-%d}")
    # A caveat such as "as of 2015-03 ... (later status not verified)" matters after its date only.
    notes = [r["note"] for r in rows if r["note"] and (on is None or pd.isna(r["source_as_of"])
                                                       or on > r["source_as_of"])]
    reasons += notes
    if pd.isna(as_of):
        as_of_note = "undated sources (the date they were read is not recorded in the notes)"
    elif on is not None and as_of == on:
        as_of_note = f"status on {on:%Y-%m-%d}, from the dates of the actions"
    elif as_of in scraped:
        as_of_note = f"latest evidence: the copy of the UN Treaty Collection lists made on {as_of:%Y-%m-%d}"
    else:
        act = [r for r, e in zip(dated, ends) if e == as_of][-1]
        as_of_note = f"latest evidence: {act['action']} dated {_when(act['date'], act['date_precision'])}"
    first_party = party[0] if party else {"action": "", "date": pd.NaT, "date_precision": ""}
    return {
        "status": {2: "party", 1: "signatory only", 0: "no action", -1: "no data"}[best],
        "party_action": first_party["action"], "party_date": first_party["date"],
        "party_date_precision": first_party["date_precision"],
        "signature_date": signed[0]["date"] if signed else pd.NaT,
        "dates_text": "; ".join(f"{r['action']} {_when(r['date'], r['date_precision'])}" for r in dated),
        "as_of": as_of, "as_of_note": as_of_note, "confidence": worst,
        "uncertain": bool(reasons), "uncertain_reason": "; ".join(dict.fromkeys(reasons)),
        "note": "; ".join(dict.fromkeys(notes)),
        "source_url": " ; ".join(dict.fromkeys(r["source_url"] for r in rows)),
    }


# A pair the notes lack: shown as a gap, never filled in.
_NO_DATA = {"status": "no data", "party_action": "", "party_date": pd.NaT, "party_date_precision": "",
            "signature_date": pd.NaT, "dates_text": "", "as_of": pd.NaT,
            "as_of_note": "no row in data/treaties.csv", "confidence": "", "uncertain": True,
            "uncertain_reason": "no data in the notes", "note": "", "source_url": ""}


def treaty_status(actions: pd.DataFrame, on: date | str | None = None,
                  signatories: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per signatory x treaty (24 x 4 = 96): status on `on` (None = latest supported).

    Columns: iso3, country, treaty, status (STATUSES), party_action, party_date (a month-only
    date is the 1st: see party_date_precision and dates_text), party_date_precision,
    signature_date, dates_text, as_of, as_of_note, confidence (lowest of the pair's rows),
    uncertain, uncertain_reason, note, source_url. A pair without rows in the notes is "no data".
    `signatories` (iso3, name) defaults to dashboard.core.loaders.load_signatories().
    """
    when = None if on is None else pd.Timestamp(on)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in actions.to_dict("records"):
        groups.setdefault((record["iso3"], record["treaty"]), []).append(record)
    out = []
    for iso3, name in zip(*(signatories_or_default(signatories)[c] for c in ("iso3", "name"))):
        for treaty in TREATIES:
            rows = groups.get((iso3, treaty))
            found = _NO_DATA if rows is None else _pair_status(rows, when)
            out.append({"iso3": iso3, "country": name, "treaty": treaty, **found})
    return pd.DataFrame(out)


def treaty_counts(status_lima: pd.DataFrame, status_latest: pd.DataFrame) -> pd.DataFrame:
    """Per treaty: counts of each status at Lima and latest, uncertain rows, and the as-of span."""
    out = []
    for treaty, (label, _, _) in TREATIES.items():
        row: dict[str, Any] = {"treaty": treaty, "label": label}
        for suffix, frame in (("lima", status_lima), ("latest", status_latest)):
            part = frame[frame["treaty"] == treaty]
            for status in STATUSES:
                row[f"{status.replace(' ', '_')}_{suffix}"] = int((part["status"] == status).sum())
            row[f"uncertain_{suffix}"] = int(part["uncertain"].sum())
        as_of = status_latest.loc[status_latest["treaty"] == treaty, "as_of"]
        out.append(row | {"as_of_latest_min": as_of.min(), "as_of_latest_max": as_of.max()})
    return pd.DataFrame(out)


def _role(text: str) -> str:
    key = text.strip().casefold()
    # "attended ... (membership not confirmed)" first: it must not read as a membership.
    for test, role in ((key.startswith("attended"), "attended-only"), ("observer" in key, "observer"),
                       ("partner" in key, "partner"), (key.startswith("participating"), "participating"),
                       (re.search(r"\bmember\b", key) is not None, "member")):
        if test:
            return role
    raise ValueError(f"unclassifiable role {text!r}")


def load_rcp_memberships(root: Path = ROOT) -> pd.DataFrame:
    """Tidy RCP rows: process, process_full, process_in_source, role, role_text, founded_year
    (Int64, NA where the notes leave it unverified), iso3, country, source_url, confidence."""
    cols = ["rcp", "founded_year", "iso3", "country", "source_url", "confidence"]
    out = []
    for line, row in enumerate(_read_csv(RCP_CSV, root, cols), start=2):
        name, sep, role_text = row["rcp"].partition(" - ")
        try:
            if not sep or name not in _PROCESS_BY_NAME:
                raise ValueError(f"unknown process {row['rcp']!r}")
            role = _role(role_text)
            year = int(row["founded_year"]) if row["founded_year"].strip() else None
        except ValueError as exc:
            raise DataFileError(RCP_CSV, f"line {line}: {exc}",
                                "Fix the row or add the process/role in dashboard/core/context.py") from None
        process = _PROCESS_BY_NAME[name]
        out.append({"process": process, "process_full": PROCESSES[process], "process_in_source": name,
                    "role": role, "role_text": role_text, "founded_year": year, "iso3": row["iso3"],
                    "country": row["country"], "source_url": row["source_url"],
                    "confidence": row["confidence"]})
    frame = pd.DataFrame(out)
    frame["founded_year"] = frame["founded_year"].astype("Int64")
    return frame


def rcp_matrix(memberships: pd.DataFrame, signatories: pd.DataFrame) -> pd.DataFrame:
    """iso3, country, then one column per process (PROCESSES order): the role, or "" if none."""
    cells = memberships.groupby(["iso3", "process"])["role"].agg(
        lambda roles: " / ".join(sorted(set(roles), key=ROLES.index)))
    out = signatories[["iso3", "name"]].rename(columns={"name": "country"}).reset_index(drop=True)
    for process in PROCESSES:
        out[process] = [cells.get((iso3, process), "") for iso3 in out["iso3"]]
    return out


def rcp_counts(memberships: pd.DataFrame, signatories: pd.DataFrame) -> pd.DataFrame:
    """Per signatory (all 24): processes (member/partner/participating), observer, attended_only,
    and the process names of each kind; zero where the notes list none."""
    out = []
    for iso3, name in zip(signatories["iso3"], signatories["name"]):
        mine = memberships[memberships["iso3"] == iso3]
        kinds = {k: list(dict.fromkeys(mine.loc[mine["role"].isin(roles), "process"]))
                 for k, roles in (("processes", COUNTED_ROLES), ("observer", ("observer",)),
                                  ("attended_only", ("attended-only",)))}
        out.append({"iso3": iso3, "country": name, **{k: len(v) for k, v in kinds.items()},
                    **{f"{k}_names": ", ".join(v) for k, v in kinds.items()}})
    return pd.DataFrame(out)


def gapminder_2007() -> pd.DataFrame:
    """The Gapminder table for GAPMINDER_YEAR (142 countries; ships inside plotly)."""
    table = px.data.gapminder()
    return table[table["year"] == GAPMINDER_YEAR].reset_index(drop=True)


def gapminder_context(signatories: pd.DataFrame,
                      table: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict[str, Any]]:
    """(signatories found in Gapminder 2007 with pop, gdpPercap, lifeExp; a summary dict with
    the missing signatories, population totals, the share of the table's population, SOURCE)."""
    table = gapminder_2007() if table is None else table
    found = signatories[["iso3", "name"]].merge(
        table.rename(columns={"iso_alpha": "iso3", "country": "gapminder_country"}),
        on="iso3", how="inner")
    found = found[["iso3", "name", "gapminder_country", "continent", "year", "pop", "gdpPercap",
                   "lifeExp"]].reset_index(drop=True)
    world = int(table["pop"].sum())
    missing = signatories.loc[~signatories["iso3"].isin(found["iso3"]), ["iso3", "name"]]
    info = {"year": GAPMINDER_YEAR, "source": SOURCE, "countries_in_table": len(table),
            "signatories_found": len(found), "missing": list(zip(missing["iso3"], missing["name"])),
            "world_pop": world, "signatories_pop": int(found["pop"].sum()),
            "share": float(found["pop"].sum()) / world if world else float("nan")}
    return found, info
