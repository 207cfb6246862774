"""Rebuild data/treaty_participants.csv from the pinned UN Treaty Collection lists (data/raw/untc-*).

usage: python scripts/build/build_treaties.py [--check]
The inputs are the participant tables of the four treaties the Declaration names, as scraped from
treaties.un.org by github.com/zmjones/untreaties (commit 003ce1309cc2a27a5a3909f39b7e6634550bf173).
Each list is "as of" the date its file last changed in that repository, not the scrape's date.
One output row per participant and treaty; names resolve with dashboard.core.names.to_iso3; the
European Union is kept and marked (is_state false, no iso3); an unresolved name stops the build.
--check rebuilds in memory and exits 1 if data/treaty_participants.csv differs.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from datetime import datetime
from pathlib import Path

from derive import write_or_check  # scripts/build/derive.py, beside this file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dashboard.core.names import to_iso3  # noqa: E402

TARGET = ROOT / "data" / "treaty_participants.csv"
# treaty key -> (raw copy, the date the list is "as of": the day its file last changed upstream)
LISTS: dict[str, tuple[str, str]] = {
    "ICRMW": ("data/raw/untc-4-13.csv", "2014-10-26"),
    "UNTOC": ("data/raw/untc-18-12.csv", "2014-01-27"),
    "UNTOC-TIP": ("data/raw/untc-18-12-a.csv", "2014-01-27"),
    "UNTOC-SOM": ("data/raw/untc-18-12-b.csv", "2014-07-10"),
}
COLUMNS = ["iso3", "participant", "treaty", "signature_date", "consent_date", "consent_kind",
           "is_state", "list_as_of"]
# The lists' suffixes after a consent date (their column headers say so); none = ratification.
KINDS = {"": "ratification", "a": "accession", "A": "acceptance", "AA": "approval", "d": "succession"}
NOT_STATES = {"European Union"}  # a regional economic integration organisation, party in its own name
_DATE = re.compile(r"(\d{1,2} [A-Z][a-z]{2} \d{4})(?: (a|A|AA|d))?")


class BuildError(ValueError):
    """An input the build cannot read; the message names the file, line and value."""


def _date(text: str, where: str) -> tuple[str, str]:
    """('YYYY-MM-DD', suffix) of a list cell such as '21 Apr 2005 a'; ('', '') when empty."""
    if not text.strip():
        return "", ""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise BuildError(f"{where}: unreadable date {text!r}")
    return datetime.strptime(match.group(1), "%d %b %Y").date().isoformat(), match.group(2) or ""


def read_list(treaty: str, relpath: str, as_of: str) -> list[dict[str, str]]:
    """The rows of one participant list, in its own order."""
    rows = list(csv.reader(io.StringIO((ROOT / relpath).read_text(encoding="utf-8"), newline="")))
    if not rows or rows[0][0] != "Participant" or any(len(r) != 3 for r in rows):
        raise BuildError(f"{relpath}: expected three columns headed 'Participant'")
    out = []
    for line, (name, signed, consent) in enumerate(rows[1:], start=2):
        where = f"{relpath} line {line}"
        signature_date, _ = _date(signed, where)  # a 'd' here is succession to a signature
        consent_date, suffix = _date(consent, where)
        if name in NOT_STATES:
            iso3, is_state = "", "false"
        else:
            try:
                iso3, is_state = to_iso3(name), "true"
            except LookupError as exc:
                raise BuildError(f"{where}: the participant {name!r} does not resolve to a country "
                                 f"({exc}); add an alias with its reason to data/country_aliases.csv") from None
        out.append({"iso3": iso3, "participant": name, "treaty": treaty,
                    "signature_date": signature_date, "consent_date": consent_date,
                    "consent_kind": KINDS[suffix] if consent_date else "",
                    "is_state": is_state, "list_as_of": as_of})
    return out


def build() -> list[dict[str, str]]:
    rows = [row for treaty, (relpath, as_of) in LISTS.items() for row in read_list(treaty, relpath, as_of)]
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        key = (row["iso3"] or row["participant"], row["treaty"])
        if key in seen:
            raise BuildError(f"{row['treaty']}: {row['participant']!r} and {seen[key]!r} are the same country")
        seen[key] = row["participant"]
    return rows


def render(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    try:
        text = render(build())
    except BuildError as exc:
        print(f"build_treaties: {exc}", file=sys.stderr)
        return 2
    return write_or_check({TARGET: text}, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
