"""Map colouring modes for the context: each signatory's treaty status, or its role in a process."""

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
    load_rcp_memberships,
    load_treaty_actions,
    signatories_or_default,
    treaty_status,
)
from dashboard.core.provenance import ROOT
from dashboard.figures.modes import ColorMode


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def treaty_mode(status_frame: pd.DataFrame, treaty: str, when_key: str, as_of_label: str) -> ColorMode:
    """Colour the 24 by their status under `treaty` in `status_frame` (from treaty_status)."""
    label, full, chapter = TREATIES[treaty]
    part = status_frame[status_frame["treaty"] == treaty]
    hover = {}
    for row in part.to_dict("records"):
        lines = [row["dates_text"] or "no signature or ratification recorded"]
        if pd.notna(row["as_of"]):
            lines.append(f"as of {row['as_of']:%Y-%m-%d}")
        if row["uncertain"]:
            lines.append(f"uncertain: {row['uncertain_reason']}")
        hover[row["iso3"]] = " · ".join(lines)
    span = part["as_of"].dropna()
    span_text = (f"{span.min():%Y-%m-%d}" if span.min() == span.max()
                 else f"{span.min():%Y-%m-%d} to {span.max():%Y-%m-%d}") if len(span) else "undated"
    note = (f"{full}. Source: UN Treaty Collection, {chapter}, via the research notes "
            f"(data/treaties.csv; most dates from a copy of the UNTC lists made on 2015-03-14). "
            f"Status {as_of_label}; rows supported to {span_text}. "
            f"{int(part['uncertain'].sum())} of {len(part)} rows are uncertain (see hover).")
    return ColorMode(key=treaty_mode_key(treaty, when_key), label=f"{label}: {as_of_label}",
                     values=dict(zip(part["iso3"], part["status"])), categories=STATUSES,
                     colours=dict(STATUS_COLOURS), note=note, hover=hover)


def rcp_mode(memberships: pd.DataFrame, process: str,
             signatories: pd.DataFrame | None = None) -> ColorMode:
    """Colour the 24 by their role in `process`; absent from the notes = NOT_LISTED."""
    iso3s = list(signatories_or_default(signatories)["iso3"])
    part = memberships[memberships["process"] == process]
    roles = part.groupby("iso3")["role"].agg(lambda r: sorted(set(r), key=ROLES.index)[0])
    values = {iso3: roles.get(iso3, NOT_LISTED) for iso3 in iso3s}
    hover = {r["iso3"]: f"{r['role_text']} (confidence {r['confidence']})" for r in part.to_dict("records")}
    years = part["founded_year"].dropna().unique()
    founded = f"founded {years[0]}" if len(years) == 1 else "founding year not verified in the notes"
    cited = part["source_url"].str.contains(INTER_REGIONAL_MARK, case=False).any()
    kind = " IOM classes it as an inter-regional forum (its IOM page, cited in data/rcp.csv)." if cited else ""
    note = (f"{PROCESSES[process]} ({founded}).{kind} Sources: IOM's pages and the process's own "
            f"site, via the research notes (data/rcp.csv). '{NOT_LISTED}': no role recorded, "
            "not a verified non-membership.")
    categories = tuple(c for c in (*ROLES, NOT_LISTED) if c in values.values())
    return ColorMode(key=f"rcp-{_slug(process)}", label=f"RCP: {process}", values=values,
                     categories=categories, colours={c: ROLE_COLOURS[c] for c in categories},
                     note=note, hover=hover)


def treaty_mode_key(treaty: str, when_key: str) -> str:
    """The URL value of a treaty colouring mode, e.g. ("UNTOC-SOM", "lima") -> "untoc-som-lima"."""
    return f"{_slug(treaty)}-{when_key}"


def context_modes(signatories: pd.DataFrame, status_lima: pd.DataFrame, status_latest: pd.DataFrame,
                  memberships: pd.DataFrame) -> dict[str, ColorMode]:
    """Treaty modes (each treaty at Lima and latest) and one mode per process, keyed by key."""
    modes = [treaty_mode(frame, treaty, key, label) for treaty in TREATIES for frame, key, label in
             ((status_lima, "lima", "at Lima, 16 May 2006"), (status_latest, "latest", "latest in the notes"))]
    modes += [rcp_mode(memberships, p, signatories) for p in PROCESSES if p in set(memberships["process"])]
    return {m.key: m for m in modes}


def all_context_modes(root: Path = ROOT) -> dict[str, ColorMode]:
    """context_modes() from the files under `root`."""
    from dashboard.core.loaders import load_signatories

    signatories = load_signatories(root)
    actions = load_treaty_actions(root)
    return context_modes(signatories, treaty_status(actions, LIMA_DATE, signatories),
                         treaty_status(actions, None, signatories), load_rcp_memberships(root))
