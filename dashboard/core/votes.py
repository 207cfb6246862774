"""UN General Assembly recorded votes on the Global Compact for Migration (73/195) and the
International Migration Review Forums (73/326): the loader and counts (no Streamlit)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.config import N_
from dashboard.core.provenance import ROOT, DataFileError
from dashboard.core.treaties import read_csv_rows

VOTES_CSV = "data/unga_votes.csv"
REBUILD = "Rebuild it with `python scripts/build/build_votes.py`"
# The recorded votes, as the General Assembly's records code them (Y, N, A, X), in words.
VOTES = ("yes", "no", "abstain", "non-voting")
VOTE_WORDS = {"yes": N_("in favour"), "no": N_("against"), "abstain": N_("abstained"),
              "non-voting": N_("did not vote")}


@dataclass(frozen=True)
class Resolution:
    """A resolution of the General Assembly put to a recorded vote."""

    symbol: str  # A/RES/73/195
    date: pd.Timestamp
    title: str  # marked for translation
    record: str  # the UN Digital Library's voting record: the primary source


RESOLUTIONS: dict[str, Resolution] = {
    "73/195": Resolution("A/RES/73/195", pd.Timestamp("2018-12-19"),
                         N_("Global Compact for Safe, Orderly and Regular Migration"),
                         "https://digitallibrary.un.org/record/1656414"),
    "73/326": Resolution("A/RES/73/326", pd.Timestamp("2019-07-19"),
                         N_("Format and organizational aspects of the International Migration Review Forums"),
                         "https://digitallibrary.un.org/record/3813050"),
}
SOURCE = ("United Nations Digital Library, voting records of A/RES/73/195 (record 1656414) and A/RES/73/326 "
          "(record 3813050), read via stored copies of the UN's voting records")


def load_unga_votes(root: Path = ROOT) -> pd.DataFrame:
    """One row per UN member state and resolution: iso3, resolution ('73/195', '73/326'), date
    (Timestamp), vote (VOTES). A broken file raises DataFileError naming it and the line."""
    cols = ["iso3", "resolution", "date", "vote"]
    rows = read_csv_rows(VOTES_CSV, root, cols)
    seen: set[tuple[str, str]] = set()
    for line, row in enumerate(rows, start=2):
        key = (row["iso3"], row["resolution"])
        problem = (f"unknown resolution {row['resolution']!r}" if row["resolution"] not in RESOLUTIONS
                   else f"unknown vote {row['vote']!r}" if row["vote"] not in VOTES
                   else f"{row['iso3']!r} is not an ISO3 code" if not (len(row["iso3"]) == 3 and row["iso3"].isupper())
                   else f"{row['iso3']} is listed twice for {row['resolution']}" if key in seen
                   else f"date {row['date']!r} is not the vote's"
                   if row["date"] != RESOLUTIONS[row["resolution"]].date.date().isoformat() else "")
        if problem:
            raise DataFileError(VOTES_CSV, f"line {line}: {problem}", REBUILD)
        seen.add(key)
    frame = pd.DataFrame(rows, columns=cols)
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    return frame


def vote_counts(votes: pd.DataFrame, resolution: str, iso3s: Iterable[str] | None = None) -> dict[str, int]:
    """Votes per kind (every kind of VOTES, in that order, zeros included) on `resolution`, of
    all member states or of those in `iso3s` (a state in `iso3s` that did not vote as a member
    is not counted: see `unrecorded`)."""
    if resolution not in RESOLUTIONS:
        raise KeyError(f"unknown resolution {resolution!r}; known: {sorted(RESOLUTIONS)}")
    rows = votes[votes["resolution"] == resolution]
    if iso3s is not None:
        rows = rows[rows["iso3"].isin(list(iso3s))]
    counted = rows["vote"].value_counts()
    return {vote: int(counted.get(vote, 0)) for vote in VOTES}


def unrecorded(votes: pd.DataFrame, resolution: str, iso3s: Iterable[str]) -> list[str]:
    """The codes of `iso3s` with no recorded vote on `resolution` (not UN member states)."""
    recorded = set(votes.loc[votes["resolution"] == resolution, "iso3"])
    return [iso3 for iso3 in iso3s if iso3 not in recorded]


def vote_of(votes: pd.DataFrame, resolution: str, iso3: str) -> str | None:
    """The recorded vote of one state on `resolution`, or None (not a member state)."""
    found = votes.loc[(votes["resolution"] == resolution) & (votes["iso3"] == iso3), "vote"]
    return str(found.iloc[0]) if len(found) else None


def signatory_votes(votes: pd.DataFrame, signatories: pd.DataFrame) -> pd.DataFrame:
    """The 24's votes, for a table and its CSV: iso3, country, vote_73_195, vote_73_326, source;
    in the order of `signatories` (iso3, name). A signatory without a recorded vote raises
    LookupError: every signatory is a UN member state, so a gap would be a broken file."""
    by_key = {(r, i): v for r, i, v in zip(votes["resolution"], votes["iso3"], votes["vote"])}
    rows = []
    for iso3, name in zip(signatories["iso3"], signatories["name"]):
        row = {"iso3": iso3, "country": name}
        for resolution in RESOLUTIONS:
            if (resolution, iso3) not in by_key:
                raise LookupError(f"no recorded vote of {iso3} on {resolution}")
            row[f"vote_{resolution.replace('/', '_')}"] = by_key[(resolution, iso3)]
        rows.append(row | {"source": SOURCE})
    return pd.DataFrame(rows, columns=["iso3", "country", "vote_73_195", "vote_73_326", "source"])
