"""Map colouring modes for the context: every state's treaty status, or a signatory's role in a process."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.core.context import (
    INTER_REGIONAL_MARK,
    LIMA_DATE,
    NOT_LISTED,
    PROCESSES,
    ROLE_COLOURS,
    ROLES,
    STATUS_COLOURS,
    STATUSES,
    TREATIES,
    TreatyRecord,
    day,
    founded_text,
    label,
    load_rcp_memberships,
    signatories_or_default,
    status_table,
    treaty_record,
)
from dashboard.core.provenance import ROOT
from dashboard.figures.modes import ColorMode

# The two dates of every treaty mode: the Lima date, and the latest known (the UN list's date).
WHEN_KEYS = ("lima", "latest")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def when_label(when_key: str, as_of: pd.Timestamp) -> str:
    """'at Lima, 16 May 2006' or 'latest known: UN list of 26 Oct 2014'."""
    return f"at Lima, {day(LIMA_DATE)}" if when_key == "lima" else f"latest known: UN list of {day(as_of)}"


def _hover(row: dict, as_of: pd.Timestamp) -> str:
    parts = []
    if pd.notna(row["signature_date"]):
        parts.append(f"signed {day(row['signature_date'])}")
    if pd.notna(row["consent_date"]):
        parts.append(f"{row['consent_kind']} {day(row['consent_date'])}")
    lines = ["; ".join(parts) or "no signature, ratification or accession in the UN list"]
    lines.append(f"UN Treaty Collection list as of {day(as_of)}")
    if row["uncertain"]:
        lines.append(f"Uncertain: {row['reason']}")
    return "<br>".join(lines)


def treaty_mode(record: TreatyRecord, treaty: str, when_key: str,
                signatories: list[str] | None = None) -> ColorMode:
    """Colour every state by its status under `treaty` at Lima or at the latest known date."""
    short, full, chapter = TREATIES[treaty]
    as_of = record.as_of[treaty]
    table = status_table(record, LIMA_DATE if when_key == "lima" else None)
    part = table[table["treaty"] == treaty]
    rows = part.to_dict("records")
    values = {r["iso3"]: r["status"] for r in rows}
    hover = {r["iso3"]: _hover(r, min(r["as_of"], as_of)) for r in rows}
    categories = tuple(s for s in STATUSES if s in values.values())
    mine = set(signatories or [])
    uncertain = [r for r in rows if r["uncertain"] and (not mine or r["iso3"] in mine)]
    when = when_label(when_key, as_of)
    note = (f"{full} ({short}), {when}. Every state is coloured; the 24 signatories are outlined. "
            f"Source: UN Treaty Collection, {chapter}, participant list as of {day(as_of)}.")
    if uncertain:
        note += (f" {len(uncertain)} of the 24 acted later according to other sources, not yet checked "
                 "against the UN record: shown as “party (later report)”, with the source in the hover.")
    return ColorMode(key=treaty_mode_key(treaty, when_key), label=f"{short}: {when}", values=values,
                     categories=categories, colours={c: STATUS_COLOURS[c] for c in categories},
                     note=note, hover=hover)


def rcp_mode(memberships: pd.DataFrame, process: str,
             signatories: pd.DataFrame | None = None) -> ColorMode:
    """Colour the 24 by their role in `process`; none recorded = NOT_LISTED."""
    iso3s = list(signatories_or_default(signatories)["iso3"])
    part = memberships[memberships["process"] == process]
    roles = part.groupby("iso3")["role"].agg(lambda r: sorted(set(r), key=ROLES.index)[0])
    values = {iso3: roles.get(iso3, NOT_LISTED) for iso3 in iso3s}
    hover = {}
    for r in part.to_dict("records"):
        joined = f"; joined {r['joined']}" if r["joined"] else ""
        hover[r["iso3"]] = f"{r['role_text']}{joined} ({r['confidence']} confidence)"
    years = part["founded_year"].dropna().unique()
    founded = founded_text(process, int(years[0])) if len(years) == 1 else "founding year not verified"
    cited = part["source_url"].str.contains(INTER_REGIONAL_MARK, case=False).any()
    kind = " IOM classes it as an inter-regional forum." if cited else ""
    after = (" A role in it is not a status at the time of the Lima meeting."
             if part["founded_after_lima"].any() else "")
    note = (f"{PROCESSES[process]}: {founded}.{after}{kind} Sources: IOM's pages and the process's own "
            f"site. “{NOT_LISTED}”: no role found in the sources, not a verified non-membership.")
    categories = tuple(c for c in (*ROLES, NOT_LISTED) if c in values.values())
    return ColorMode(key=f"rcp-{_slug(process)}", label=f"Regional process: {label(process)}", values=values,
                     categories=categories, colours={c: ROLE_COLOURS[c] for c in categories},
                     note=note, hover=hover)


def treaty_mode_key(treaty: str, when_key: str) -> str:
    """The URL value of a treaty colouring mode, e.g. ("UNTOC-SOM", "lima") -> "untoc-som-lima"."""
    return f"{_slug(treaty)}-{when_key}"


def context_modes(signatories: pd.DataFrame, record: TreatyRecord, memberships: pd.DataFrame) -> dict[str, ColorMode]:
    """Treaty modes (each treaty at Lima and latest known) and one mode per process, keyed by key."""
    iso3s = list(signatories["iso3"])
    modes = [treaty_mode(record, treaty, when, iso3s) for treaty in TREATIES for when in WHEN_KEYS]
    modes += [rcp_mode(memberships, p, signatories) for p in PROCESSES if p in set(memberships["process"])]
    return {m.key: m for m in modes}


def all_context_modes(root: Path = ROOT) -> dict[str, ColorMode]:
    """context_modes() from the files under `root`."""
    from dashboard.core.loaders import load_signatories

    return context_modes(load_signatories(root), treaty_record(root), load_rcp_memberships(root))

