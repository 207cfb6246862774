"""Rebuild data/unga_votes.csv from the pinned UN General Assembly voting records (data/raw/unga-73-*.csv).

usage: python scripts/build/build_votes.py [--check]
Inputs: the recorded votes of all 193 member states on A/RES/73/195 (the Global Compact for
Migration, 19 Dec 2018; two copies of the records side by side: the UN Digital Library's and Erik
Voeten's) and A/RES/73/326 (the International Migration Review Forums, 19 Jul 2019; the UN
Digital Library's copy only). One output row per state and resolution: iso3, resolution, date,
vote in words (Y yes, N no, A abstain, X non-voting). The build stops, naming the file and line,
on an unknown vote code, an ISO3 code that is not in data/m49.csv or is repeated, a disagreement
between the two copies of 73/195, or totals that differ from the UN's press releases.
--check rebuilds in memory and exits 1 if data/unga_votes.csv differs.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from derive import csv_text, write_or_check  # scripts/build/derive.py, beside this file

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "data" / "unga_votes.csv"
M49 = ROOT / "data" / "m49.csv"
COLUMNS = ["iso3", "resolution", "date", "vote"]
CODES = {"Y": "yes", "N": "no", "A": "abstain", "X": "non-voting"}
MEMBERS = 193
# resolution -> (pinned copy, date of the vote, the totals the UN press release gives, the
# column of a second copy that must agree). Non-voting is not in the releases: 193 less the rest.
RESOLUTIONS: dict[str, tuple[str, str, dict[str, int], str]] = {
    "73/195": ("data/raw/unga-73-195.csv", "2018-12-19", {"yes": 152, "no": 5, "abstain": 12},  # GA/12113
               "vote_voeten"),
    "73/326": ("data/raw/unga-73-326.csv", "2019-07-19", {"yes": 118, "no": 5, "abstain": 13},  # GA/12166
               ""),
}


class BuildError(ValueError):
    """An input the build cannot use; the message names the file and line."""


def _m49_codes() -> set[str]:
    with M49.open(encoding="utf-8", newline="") as handle:
        return {row["iso3"] for row in csv.DictReader(handle) if row["iso3"]}


def read_votes(resolution: str, relpath: str, day: str, second: str, known: set[str]) -> list[dict[str, str]]:
    """The rows of one pinned voting record, checked line by line."""
    reader = csv.DictReader(io.StringIO((ROOT / relpath).read_text(encoding="utf-8"), newline=""))
    needed = ["ms_name", "iso3", "vote", "source_vote_field", *([second] if second else [])]
    missing = [c for c in needed if c not in (reader.fieldnames or [])]
    if missing:
        raise BuildError(f"{relpath}: lacks the column(s) {missing}")
    out, seen = [], {}
    for line, row in enumerate(reader, start=2):
        where = f"{relpath} line {line} ({row['ms_name']!r})"
        code, iso3 = row["vote"], row["iso3"]
        if code not in CODES:
            raise BuildError(f"{where}: unknown vote code {code!r} (expected one of {sorted(CODES)})")
        if row["source_vote_field"] != code:
            raise BuildError(f"{where}: vote {code!r} differs from the raw cell {row['source_vote_field']!r}")
        if second and row[second] != code:
            raise BuildError(f"{where}: the two copies disagree ({code!r} in the UN Digital Library copy, "
                             f"{row[second]!r} in {second})")
        if iso3 not in known:
            raise BuildError(f"{where}: {iso3!r} is not an ISO3 code of data/m49.csv")
        if iso3 in seen:
            raise BuildError(f"{where}: {iso3} is already on line {seen[iso3]}")
        seen[iso3] = line
        out.append({"iso3": iso3, "resolution": resolution, "date": day, "vote": CODES[code]})
    if len(out) != MEMBERS:
        raise BuildError(f"{relpath}: {len(out)} states, expected the {MEMBERS} UN member states")
    return out


def build() -> list[dict[str, str]]:
    known = _m49_codes()
    rows: list[dict[str, str]] = []
    for resolution, (relpath, day, totals, second) in RESOLUTIONS.items():
        found = read_votes(resolution, relpath, day, second, known)
        counted = {vote: sum(r["vote"] == vote for r in found) for vote in totals}
        if counted != totals:
            raise BuildError(f"{relpath}: totals {counted} differ from the UN press release's {totals}")
        rows.extend(sorted(found, key=lambda r: r["iso3"]))
    members = [{r["iso3"] for r in rows if r["resolution"] == res} for res in RESOLUTIONS]
    if any(m != members[0] for m in members):
        raise BuildError(f"the resolutions list different states: {sorted(members[0] ^ members[-1])}")
    return rows


def main(argv: list[str]) -> int:
    try:
        text = csv_text(build(), COLUMNS)
    except BuildError as exc:
        print(f"build_votes: {exc}", file=sys.stderr)
        return 2
    return write_or_check({TARGET: text}, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
