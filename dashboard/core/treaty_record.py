"""The treaty record of the 24: the UN lists (dashboard.core.treaties) and, after each list's date,
the actions the research notes report (data/treaties.csv); status tables and counts (no Streamlit)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.core import i18n
from dashboard.core.provenance import ROOT, DataFileError
from dashboard.core.treaties import (
    LIMA_DATE,
    PARTY_ACTIONS,
    UNCONFIRMED,
    TreatyRecord,
    action_word,
    day,
    later_actions,
    load_treaty_participants,
    party_counts,
    read_csv_rows,
    status_table,
)
from dashboard.core.treaty_names import TREATIES

TREATIES_CSV = "data/treaties.csv"
# The treaty names as data/treaties.csv writes them; anything else is refused, not guessed.
_TREATY_IN_FILE = {"ICRMW": "ICRMW", "UNTOC": "UNTOC",
                   "UNTOC Trafficking in Persons Protocol": "UNTOC-TIP",
                   "UNTOC Smuggling of Migrants Protocol": "UNTOC-SOM"} | {k: k for k in TREATIES}
ACTIONS = ("signature", *PARTY_ACTIONS, "none")
# Free-text statuses in the notes: the first matching prefix wins; no match raises.
_STATUS_PREFIXES = (("no action", "none"), ("not a participant", "none"), ("signed only", "signature"))
_CAVEAT = re.compile(r"not verified|\bas of\b", re.IGNORECASE)
_SOURCE_DATE = re.compile(r"last updated (\d{4}-\d{2}-\d{2})")  # the dated UNTC copy (2015-03-14)
_CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}

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
    for line, row in enumerate(read_csv_rows(TREATIES_CSV, root, cols), start=2):
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
                                "Fix the row or add a rule in dashboard/core/treaty_record.py") from None
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




def treaty_record(root: Path = ROOT) -> TreatyRecord:
    """The UN lists and the later actions the research notes report (after each list's date)."""
    participants = load_treaty_participants(root)
    return TreatyRecord(participants, later_actions(load_treaty_actions(root), participants))


def dates_text(row: Mapping[Any, Any], lang: str = "en") -> str:
    """'signed 15 Aug 2006; ratification 12 May 2012' in `lang`, from a status_table() row."""
    _ = i18n.translator(lang)
    parts = []
    if pd.notna(row["signature_date"]):
        parts.append(_("signed {date}").format(date=day(row["signature_date"], lang)))
    if row["status"] == UNCONFIRMED:
        parts.append(_("{action} reported for {when}").format(action=action_word(row["consent_kind"], lang),
                                                             when=row["reported"]))
    elif pd.notna(row["consent_date"]):
        parts.append(_("{action} {date}").format(action=action_word(row["consent_kind"], lang),
                                                 date=day(row["consent_date"], lang)))
    return "; ".join(parts) or _("no signature, ratification or accession")


def treaty_status(record: TreatyRecord, on: date | str | pd.Timestamp | None = None,
                  signatories: pd.DataFrame | None = None, lang: str = "en") -> pd.DataFrame:
    """One row per signatory x treaty (24 x 4 = 96): status on `on` (None: latest known).

    Columns: iso3, country, treaty, status (STATUSES), signature_date, consent_date,
    consent_kind, dates_text, as_of, uncertain, reason, source, confidence (see status_table).
    `signatories` (iso3, name) defaults to dashboard.core.loaders.load_signatories(). `lang` sets
    the language of the country names, dates_text, reason and source (status keeps its key).
    """
    sig = signatories_or_default(signatories)
    names = dict(zip(sig["iso3"], sig["name"] if lang == "en" else
                     [i18n.country_name(c, lang) for c in sig["iso3"]]))
    table = status_table(record, on, list(sig["iso3"]), lang)
    table.insert(1, "country", table["iso3"].map(names))
    table["dates_text"] = [dates_text(r, lang) for r in table.to_dict("records")]
    order = {iso3: i for i, iso3 in enumerate(sig["iso3"])}
    table = table.sort_values(["iso3", "treaty"], key=lambda c: c.map(order) if c.name == "iso3"
                              else c.map({t: i for i, t in enumerate(TREATIES)}), kind="stable")
    return table.reset_index(drop=True)


def treaty_counts(record: TreatyRecord, signatories: pd.DataFrame) -> pd.DataFrame:
    """Per treaty: parties in the world and among the 24 on the Lima date and on the list's date,
    the list's date, and the uncertain cells of the 24 on each."""
    iso3s = list(signatories["iso3"])
    lima, latest = party_counts(record, LIMA_DATE, iso3s), party_counts(record, None, iso3s)
    out = lima[["treaty", "label"]].copy()
    out["as_of"] = latest["date"]
    for frame, suffix in ((lima, "lima"), (latest, "latest")):
        out[f"states_{suffix}"], out[f"party_{suffix}"] = frame["states"], frame["signatories"]
        out[f"eu_{suffix}"] = frame["eu"]
    for suffix, on in (("lima", LIMA_DATE), ("latest", None)):
        status = status_table(record, on, iso3s)
        by = status.groupby("treaty")
        out[f"uncertain_{suffix}"] = out["treaty"].map(by["uncertain"].sum()).astype(int)
        out[f"reported_{suffix}"] = out["treaty"].map(by["status"].agg(lambda s: int((s == UNCONFIRMED).sum())))
    return out
