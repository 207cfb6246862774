"""Regional consultative processes on migration: the roles of the 24, when founded, when joined."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.config import N_
from dashboard.core import i18n
from dashboard.core.provenance import ROOT, DataFileError
from dashboard.core.treaties import CONFIDENCE_LEVELS, LIMA_DATE, read_csv_rows

RCP_CSV = "data/rcp.csv"

# short name (also the URL key, slugged) -> full name; the full name is the text before " - " in
# data/rcp.csv, with its acronym expanded.
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
    "Almaty Process": "Almaty Process on Refugee Protection and International Migration",
}
# What the page shows: acronyms alone are opaque, so each keeps a word of where it works.
LABELS: dict[str, str] = {
    "Puebla Process (RCM)": "Puebla Process", "Lima Process (SACM)": "Lima Process (South America)",
    "MIDSA": "Southern Africa (MIDSA)", "MIDWA": "West Africa (MIDWA)",
    "ARCP": "Arab states (ARCP)", "MIDCOM": "COMESA states (MIDCOM)", "CMC": "Caribbean (CMC)",
}
# The notes name Pakistan's role through the Budapest Process's Silk Routes Partnership.
_PROCESS_ALIASES = {"Budapest Process (Silk Routes Partnership)": "Budapest Process"}
_PROCESS_BY_NAME = {full: short for short, full in PROCESSES.items()} | _PROCESS_ALIASES
# Founded in 2006 but after Lima: the Rabat Process was launched at the Euro-African ministerial
# conference of 10-11 July 2006 (FACTS.md); the year alone would not say so.
FOUNDED_IN_LIMA_YEAR_AFTER = {"Rabat Process": "July 2006"}
# A process is called an inter-regional forum only where its rows cite IOM's page saying so.
INTER_REGIONAL_MARK = "inter-regional forum"
ROLES = ("member", "partner", "participating", "observer", "attended-only")
COUNTED_ROLES = ("member", "partner", "participating")
NOT_LISTED = "none recorded"  # no row: not a proven non-membership
ROLE_COLOURS = {"member": "#0072B2", "partner": "#009E73", "participating": "#56B4E9",
                "observer": "#E69F00", "attended-only": "#CC79A7", NOT_LISTED: "#DDDDDD"}
ROLE_WORDS = {"member": N_("member"), "partner": N_("partner"), "participating": N_("participating state"),
              "observer": N_("observer"), "attended-only": N_("attended a meeting only"),
              NOT_LISTED: N_("none recorded")}



def role_word(role: str, lang: str = "en") -> str:
    """'participating state' in `lang`."""
    return i18n.translator(lang)(ROLE_WORDS[role])


def label(process: str) -> str:
    """The process's short name on the page: an official proper name, shown as it is in every
    language (no Spanish or French form of it is sourced here)."""
    return LABELS.get(process, process)


def founded_after_lima(process: str, year: int | None) -> bool:
    return process in FOUNDED_IN_LIMA_YEAR_AFTER or (year is not None and year > LIMA_DATE.year)


def founded_text(process: str, year: int | None, lang: str = "en") -> str:
    """'founded 2008, after the Lima meeting' / 'founded 2002' / 'founding year not verified'."""
    _ = i18n.translator(lang)
    if year is None:
        return _("founding year not verified")
    if process in FOUNDED_IN_LIMA_YEAR_AFTER:
        when = FOUNDED_IN_LIMA_YEAR_AFTER[process]
        if lang != "en":  # "July 2006" -> "julio de 2006"
            from babel.dates import format_skeleton

            when = format_skeleton("yMMMM", pd.Timestamp(when).date(), locale=lang)
    else:
        when = str(year)
    if founded_after_lima(process, year):
        return _("founded {when}, after the Lima meeting").format(when=when)
    return _("founded {when}").format(when=when)


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
    (Int64, NA where unverified), founded_after_lima, joined, note, iso3, country, source_url,
    confidence."""
    cols = ["rcp", "founded_year", "iso3", "country", "source_url", "confidence"]
    out = []
    for line, row in enumerate(read_csv_rows(RCP_CSV, root, cols), start=2):
        name, sep, role_text = row["rcp"].partition(" - ")
        try:
            if not sep or name not in _PROCESS_BY_NAME:
                raise ValueError(f"unknown process {row['rcp']!r}")
            role = _role(role_text)
            year = int(row["founded_year"]) if row["founded_year"].strip() else None
        except ValueError as exc:
            raise DataFileError(RCP_CSV, f"line {line}: {exc}",
                                "Fix the row or add the process/role in dashboard/core/processes.py") from None
        process = _PROCESS_BY_NAME[name]
        out.append({"process": process, "process_full": PROCESSES[process], "process_in_source": name,
                    "role": role, "role_text": role_text, "founded_year": year,
                    "founded_after_lima": founded_after_lima(process, year),
                    "joined": row.get("joined", ""), "note": row.get("note", ""), "iso3": row["iso3"],
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
    """Per signatory (all 24): processes (member/partner/participating in a process founded by
    the Lima meeting), later (the same in a process founded after it), observer, attended_only,
    and the process names of each kind; zero where none is recorded."""
    out = []
    counted = memberships["role"].isin(COUNTED_ROLES)
    kinds_of = {"processes": counted & ~memberships["founded_after_lima"],
                "later": counted & memberships["founded_after_lima"],
                "observer": memberships["role"] == "observer",
                "attended_only": memberships["role"] == "attended-only"}
    for iso3, name in zip(signatories["iso3"], signatories["name"]):
        mine = memberships["iso3"] == iso3
        kinds = {k: [label(p) for p in dict.fromkeys(memberships.loc[mine & mask, "process"])]
                 for k, mask in kinds_of.items()}
        out.append({"iso3": iso3, "country": name, **{k: len(v) for k, v in kinds.items()},
                    **{f"{k}_names": ", ".join(v) for k, v in kinds.items()}})
    return pd.DataFrame(out)


# membership_table's columns (stable names, for the CSV in every language) -> the page's header.
MEMBERSHIP_HEADERS = {"process": N_("Process"), "process_full_name": N_("Full name"), "iso3": N_("Code"),
                      "country": N_("Country"), "role": N_("Role"),
                      "role_in_source": N_("Role as the source puts it (English)"),
                      "founded": N_("Founded"), "joined": N_("Joined"),
                      "note": N_("Note (English)"), "confidence": N_("Confidence"), "sources": N_("Sources")}


def membership_table(memberships: pd.DataFrame, lang: str = "en", headers: bool = True) -> pd.DataFrame:
    """The memberships, one row per role: with the page's headers in `lang`, or (headers=False)
    the stable column names of the downloaded CSV. Cells are in `lang`, except the wording of the
    sources and the notes, quoted in English; country names follow `lang` (CLDR)."""
    _ = i18n.translator(lang)
    countries = (memberships["country"] if lang == "en"
                 else [i18n.country_name(c, lang) for c in memberships["iso3"]])
    table = pd.DataFrame({
        "process": [label(p) for p in memberships["process"]],
        "process_full_name": memberships["process_full"],
        "iso3": memberships["iso3"],
        "country": list(countries),
        "role": [role_word(r, lang) for r in memberships["role"]],
        "role_in_source": memberships["role_text"],
        "founded": [founded_text(p, None if pd.isna(y) else int(y), lang)
                    for p, y in zip(memberships["process"], memberships["founded_year"])],
        "joined": memberships["joined"].replace("", _("not recorded")),
        "note": memberships["note"],
        "confidence": [_(CONFIDENCE_LEVELS.get(c, c)) for c in memberships["confidence"]],
        "sources": memberships["source_url"],
    })
    return table.rename(columns={k: _(v) for k, v in MEMBERSHIP_HEADERS.items()}) if headers else table
