"""Treaty status of every state on any date, from the UN Treaty Collection lists (no Streamlit)."""

from __future__ import annotations

import csv
import io
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.config import N_
from dashboard.core import i18n
from dashboard.core.provenance import ROOT, DataFileError, read_verified
from dashboard.core.treaty_names import TREATIES, treaty_name

PARTICIPANTS_CSV = "data/treaty_participants.csv"
LIMA_DATE = pd.Timestamp("2006-05-16")  # the Declaration was adopted on the closing day

# Adopted by the UN General Assembly: resolution 45/158 (ICRMW), resolution 55/25 (the UNTOC and
# both protocols); the first year of "parties over time".
ADOPTED = {"ICRMW": pd.Timestamp("1990-12-18"), "UNTOC": pd.Timestamp("2000-11-15"),
           "UNTOC-TIP": pd.Timestamp("2000-11-15"), "UNTOC-SOM": pd.Timestamp("2000-11-15")}
PARTY_ACTIONS = ("ratification", "accession", "acceptance", "approval", "succession")

UNCONFIRMED = "party (later report)"
STATUSES = ("party", UNCONFIRMED, "signatory only", "no action")
# The words shown for each status and action (the keys above stay English, as in the CSV files).
STATUS_WORDS = {"party": N_("party"), UNCONFIRMED: N_("party (later report)"),
                "signatory only": N_("signatory only"), "no action": N_("no action")}
ACTION_WORDS = {"ratification": N_("ratification"), "accession": N_("accession"),
                "acceptance": N_("acceptance"), "approval": N_("approval"), "succession": N_("succession"),
                "signature": N_("signature")}
CONFIDENCE_LEVELS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}  # "Confidence" column
CONFIDENCE_WORDS = {"high": N_("high confidence"), "medium": N_("medium confidence"),
                    "low": N_("low confidence")}
STATUS_COLOURS = {"party": "#0072B2", UNCONFIRMED: "#CC79A7", "signatory only": "#56B4E9",
                  "no action": "#E69F00"}  # Okabe-Ito

# UN member states that are in none of the four lists (so "no action" on all four as of each
# list's date). With the lists' 188 state participants, less four that are not UN members (Cook
# Islands, Niue, the Holy See and the State of Palestine, a non-member observer state, party to the
# Trafficking Protocol since 29 Dec 2017), they make the 193 UN member states. (Eritrea, Fiji and
# the State of Palestine were here while the ICRMW and the Trafficking Protocol were read from
# their 2014 lists.)
STATES_ON_NO_LIST = {
    "BTN": "Bhutan", "PNG": "Papua New Guinea", "PRK": "Democratic People's Republic of Korea",
    "SLB": "Solomon Islands", "SOM": "Somalia", "SSD": "South Sudan", "TON": "Tonga", "TUV": "Tuvalu",
    "WSM": "Samoa",
}
UN_RECORD = "UN Treaty Collection"


def read_csv_rows(relpath: str, root: Path, columns: Sequence[str]) -> list[dict[str, str]]:
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



def day(ts: Any, lang: str = "en") -> str:
    """16 May 2006 (es: 16 de mayo de 2006, fr: 16 mai 2006); a gap reads 'undated'."""
    if pd.isna(ts):
        return i18n.translator(lang)("undated")
    if lang == "en":
        return f"{ts.day} {ts:%b %Y}"
    return i18n.format_date(pd.Timestamp(ts).date(), lang)


def month(ts: Any, lang: str = "en") -> str:
    """June 2015 (es: junio de 2015, fr: juin 2015)."""
    if lang == "en":
        return f"{ts:%B %Y}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", pd.Timestamp(ts).date(), locale=lang)


def action_word(action: str, lang: str = "en") -> str:
    """'accession' in `lang` (an unknown action is shown as it is)."""
    return i18n.translator(lang)(ACTION_WORDS[action]) if action in ACTION_WORDS else action


def confidence_words(level: str, lang: str = "en") -> str:
    """'medium confidence' in `lang`."""
    return i18n.translator(lang)(CONFIDENCE_WORDS[level]) if level in CONFIDENCE_WORDS else level


def load_treaty_participants(root: Path = ROOT) -> pd.DataFrame:
    """Every participant of the four lists: iso3 ("" for the European Union), participant,
    treaty, signature_date, consent_date (Timestamps or NaT), consent_kind, is_state (bool),
    list_as_of (the date of the list). A broken file raises DataFileError naming it."""
    cols = ["iso3", "participant", "treaty", "signature_date", "consent_date", "consent_kind",
            "is_state", "list_as_of"]
    rows = read_csv_rows(PARTICIPANTS_CSV, root, cols)
    for line, row in enumerate(rows, start=2):
        problem = (f"unknown treaty {row['treaty']!r}" if row["treaty"] not in TREATIES
                   else f"unknown consent kind {row['consent_kind']!r}"
                   if row["consent_kind"] not in ("", *PARTY_ACTIONS)
                   else f"is_state is {row['is_state']!r}" if row["is_state"] not in ("true", "false")
                   else "a state without an ISO code" if row["is_state"] == "true" and not row["iso3"] else "")
        if problem:
            raise DataFileError(PARTICIPANTS_CSV, f"line {line}: {problem}",
                                "Rebuild it with `python scripts/build/build_treaties.py`")
    frame = pd.DataFrame(rows, columns=cols)
    try:
        for col in ("signature_date", "consent_date", "list_as_of"):
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
    except ValueError as exc:
        raise DataFileError(PARTICIPANTS_CSV, f"unreadable date ({exc})",
                            "Rebuild it with `python scripts/build/build_treaties.py`") from None
    frame["is_state"] = frame["is_state"] == "true"
    return frame


def list_dates(participants: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """treaty -> the date its UN list is as of."""
    return {t: participants.loc[participants["treaty"] == t, "list_as_of"].max() for t in TREATIES}


@dataclass(frozen=True)
class TreatyRecord:
    """The UN lists, and the few later actions the research notes report (after a list's date)."""

    participants: pd.DataFrame
    later: pd.DataFrame  # iso3, treaty, action, date, date_precision, source_url, confidence

    @cached_property  # read on every run of any view (the map's treaty colourings): computed once
    def as_of(self) -> dict[str, pd.Timestamp]:
        return list_dates(self.participants)


def later_actions(actions: pd.DataFrame, participants: pd.DataFrame) -> pd.DataFrame:
    """Dated actions in the research notes (load_treaty_actions) after their treaty's list date."""
    dates = list_dates(participants)
    cutoff = actions["treaty"].map(dates)
    found = actions[actions["date"].notna() & (actions["action"] != "none") & (actions["date"] > cutoff)]
    return found[["iso3", "treaty", "action", "date", "date_precision", "source_url",
                  "confidence"]].reset_index(drop=True)


def states(participants: pd.DataFrame) -> pd.DataFrame:
    """iso3, name: every state in a list (its UN short name) and the states on no list."""
    listed = participants[participants["is_state"]].drop_duplicates("iso3")
    return pd.concat([pd.DataFrame({"iso3": listed["iso3"], "name": listed["participant"]}),
                      pd.DataFrame({"iso3": list(STATES_ON_NO_LIST), "name": list(STATES_ON_NO_LIST.values())})],
                     ignore_index=True).sort_values("iso3", ignore_index=True)


def _month_end(ts: pd.Timestamp) -> pd.Timestamp:
    return ts + pd.offsets.MonthEnd(0)


def status_table(record: TreatyRecord, on: date | str | pd.Timestamp | None = None,
                 only: list[str] | None = None, lang: str = "en") -> pd.DataFrame:
    """One row per state (or per iso3 in `only`) and treaty: the status on `on` (None: the latest
    known, i.e. each list's date plus the later actions of the notes).

    Columns: iso3, treaty, status (STATUSES), signature_date, consent_date, consent_kind, as_of
    (the date the UN record is read on: `on`, or the list's date when `on` is later), uncertain,
    reason (in words), reported (the month or day of a later report, else ""), source, confidence.
    Up to its list's date a status is the UN record's (high confidence); a later action of the
    notes keeps its own source and confidence. `lang` sets the language of reason and source.
    """
    _ = i18n.translator(lang)
    when = None if on is None else pd.Timestamp(on)
    iso3s = only if only is not None else list(states(record.participants)["iso3"])
    by_key = {(r["iso3"], r["treaty"]): r for r in record.participants.to_dict("records") if r["iso3"]}
    later: dict[tuple[str, str], list[dict[Hashable, Any]]] = {}
    for r in record.later.to_dict("records"):
        later.setdefault((r["iso3"], r["treaty"]), []).append(r)
    out = []
    for treaty in TREATIES:
        cutoff = record.as_of[treaty]
        on_list = cutoff if when is None or when > cutoff else when
        for iso3 in iso3s:
            row = by_key.get((iso3, treaty), {})
            signed, consent = row.get("signature_date", pd.NaT), row.get("consent_date", pd.NaT)
            party = pd.notna(consent) and consent <= on_list
            status = "party" if party else "signatory only" if pd.notna(signed) and signed <= on_list else "no action"
            cell = {"iso3": iso3, "treaty": treaty, "status": status,
                    "signature_date": signed if pd.notna(signed) and signed <= on_list else pd.NaT,
                    "consent_date": consent if party else pd.NaT,
                    "consent_kind": row.get("consent_kind", "") if party else "",
                    "as_of": on_list, "uncertain": False, "reason": "", "reported": "",
                    "source": _("UN Treaty Collection, chapter {chapter}, list as of {date}").format(
                        chapter=TREATIES[treaty][2].removeprefix("chapter "), date=day(cutoff, lang)),
                    "confidence": "high"}
            for act in later.get((iso3, treaty), []) if when is None or when > cutoff else []:
                known = when is None or _month_end(act["date"]) <= when
                straddles = when is not None and act["date"] <= when < _month_end(act["date"])
                if not (known or straddles) or status == "party":
                    continue
                precise = act["date_precision"] != "month"
                when_text = day(act["date"], lang) if precise else month(act["date"], lang)
                # as_of stays the list's date: a month-only report is never given a day.
                cell |= {"uncertain": True, "confidence": act["confidence"], "reported": when_text,
                         "source": _("{source}; then {url}").format(source=cell["source"],
                                                                    url=act["source_url"])}
                words = {"action": action_word(act["action"], lang), "when": when_text,
                         "confidence": confidence_words(act["confidence"], lang)}
                if straddles:
                    cell["reason"] = _("a {action} is reported for {when} (no day known), so the status "
                                       "on {date} is not known").format(date=day(when, lang), **words)
                elif act["action"] in PARTY_ACTIONS:
                    cell |= {"status": UNCONFIRMED, "consent_kind": act["action"],
                             "reason": _("{action} in {when}, reported after the UN list of {date} by a "
                                         "secondary source ({confidence}); not checked against the UN "
                                         "record").format(date=day(cutoff, lang), **words)}
                else:
                    cell["reason"] = _("{action} in {when}, reported after the UN list "
                                       "({confidence})").format(**words)
            out.append(cell)
    return pd.DataFrame(out)


def party_counts(record: TreatyRecord, on: date | str | pd.Timestamp | None, signatories: list[str]) -> pd.DataFrame:
    """Per treaty on `on` (None: each list's date): states parties, of them signatories of the
    Declaration, whether the European Union is a party, and the date counted (never past the list)."""
    out = []
    part = record.participants
    for treaty, (label, _, _) in TREATIES.items():
        cutoff = record.as_of[treaty]
        when = cutoff if on is None or pd.Timestamp(on) > cutoff else pd.Timestamp(on)
        rows = part[(part["treaty"] == treaty) & part["consent_date"].notna() & (part["consent_date"] <= when)]
        state_rows = rows[rows["is_state"]]
        out.append({"treaty": treaty, "label": label, "date": when, "list_as_of": cutoff,
                    "states": len(state_rows), "signatories": int(state_rows["iso3"].isin(signatories).sum()),
                    "eu": bool((~rows["is_state"]).any())})
    return pd.DataFrame(out)


def count_sentence(row: Mapping[Any, Any], lang: str = "en") -> str:
    """'On 16 May 2006, 34 states were parties to the ICRMW, 12 of them signatories of the Lima
    Declaration' (plus the European Union where it is a party); in Spanish and French the treaty
    is named in full, as the UN writes it."""
    _ = i18n.translator(lang)
    treaty = row["label"] if lang == "en" else treaty_name(row["treaty"], lang)
    message = (_("On {date}, {states} states (and the European Union) were parties to the {treaty}, "
                 "{signatories} of them signatories of the Lima Declaration") if row["eu"] else
               _("On {date}, {states} states were parties to the {treaty}, {signatories} of them "
                 "signatories of the Lima Declaration"))
    return message.format(date=day(row["date"], lang), states=row["states"], treaty=treaty,
                          signatories=row["signatories"])


def parties_over_time(record: TreatyRecord, signatories: list[str]) -> pd.DataFrame:
    """treaty, date, group ('the 24' / 'other states'), parties, of (group size), share: at the end
    of each year from adoption to the list's date, on the Lima date and on the list's date.

    Only the UN lists count here (no later report). "Other states": every other state in
    states() (UN member states, the two observer states, Cook Islands and Niue), today's set
    for every year, so early shares count some states that did not yet exist.
    """
    everyone = set(states(record.participants)["iso3"])
    mine = set(signatories)
    others = everyone - mine
    out = []
    for treaty in TREATIES:
        cutoff = record.as_of[treaty]
        part = record.participants[(record.participants["treaty"] == treaty) & record.participants["is_state"]]
        consent = part.dropna(subset=["consent_date"])
        years = [pd.Timestamp(f"{y}-12-31") for y in range(ADOPTED[treaty].year, cutoff.year)]
        points = sorted({*years, *([LIMA_DATE] if cutoff >= LIMA_DATE else []), cutoff})
        for when in points:
            parties = set(consent.loc[consent["consent_date"] <= when, "iso3"])
            for group, members in (("the 24", mine), ("other states", others)):
                n = len(parties & members)
                out.append({"treaty": treaty, "date": when, "group": group, "parties": n,
                            "of": len(members), "share": n / len(members)})
    return pd.DataFrame(out)
