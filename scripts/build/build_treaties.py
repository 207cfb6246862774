"""Rebuild data/treaty_participants.csv from the pinned UN Treaty Collection lists (data/raw/untc-*).

usage: python scripts/build/build_treaties.py [--check]
The inputs are the participant tables of the four treaties the Declaration names. Each treaty is
read from its newest pinned list, "as of" its own date:
- ICRMW (IV-13): UNTC's status page of 3 Feb 2026 (data/raw/untc-4-13-2026-02-03*);
- Trafficking Protocol (XVIII-12-a): UNTC's grid as scraped by UNICEF's CRBA ETL on an unknown day
  between 4 Nov 2022, its latest action, and 12 Jun 2023; read as of 4 Nov 2022
  (data/raw/untc-18-12-a-2023*);
- UNTOC (XVIII-12) and the Smuggling Protocol (XVIII-12-b): the lists scraped by
  github.com/zmjones/untreaties (commit 003ce1309cc2a27a5a3909f39b7e6634550bf173), as of the day
  each file last changed there (2014); no newer whole list was found.
The build stops, naming the file and line, when a newer list differs from its raw original (the
saved page or grid it was extracted from), when a date it shares with the 2014 list of its treaty
differs or a 2014 participant is missing from it, when a list holds an action after its "as of"
date, or when a participant does not resolve to a country.
One output row per participant and treaty; names resolve with dashboard.core.names.to_iso3; the
European Union is kept and marked (is_state false, no iso3).
--check rebuilds in memory and exits 1 if data/treaty_participants.csv differs.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from derive import write_or_check  # scripts/build/derive.py, beside this file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dashboard.core.names import to_iso3  # noqa: E402

TARGET = ROOT / "data" / "treaty_participants.csv"
# treaty key -> (its newest list, the date that list is "as of"): the page's "status as at" for
# the 2026 page; the latest action for the 2022-23 grid, which carries no date (scraped on an
# unknown day before 12 Jun 2023); the day the file last changed upstream for the 2014 lists.
LISTS: dict[str, tuple[str, str]] = {
    "ICRMW": ("data/raw/untc-4-13-2026-02-03.csv", "2026-02-03"),
    "UNTOC": ("data/raw/untc-18-12.csv", "2014-01-27"),
    "UNTOC-TIP": ("data/raw/untc-18-12-a-2023.csv", "2022-11-04"),
    "UNTOC-SOM": ("data/raw/untc-18-12-b.csv", "2014-07-10"),
}
# treaty key -> the earlier list every date of which the newer list must repeat.
EARLIER: dict[str, str] = {"ICRMW": "data/raw/untc-4-13.csv", "UNTOC-TIP": "data/raw/untc-18-12-a.csv"}
# newer list -> the raw original it was extracted from (the saved UNTC page; the CRBA grid).
ORIGINALS: dict[str, str] = {
    "data/raw/untc-4-13-2026-02-03.csv": "data/raw/untc-4-13-2026-02-03-viewdetails.html",
    "data/raw/untc-18-12-a-2023.csv": "data/raw/untc-18-12-a-2023-crba-etl-X-4.csv",
}
COLUMNS = ["iso3", "participant", "treaty", "signature_date", "consent_date", "consent_kind",
           "is_state", "list_as_of"]
# The lists' suffixes after a consent date (their column headers say so); none = ratification.
KINDS = {"": "ratification", "a": "accession", "A": "acceptance", "AA": "approval", "d": "succession"}
NOT_STATES = {"European Union"}  # a regional economic integration organisation, party in its own name
_DATE = re.compile(r"(\d{1,2} [A-Z][a-z]{2} \d{4})(?: (a|A|AA|d))?")
_FOOTNOTES = re.compile(r"\s+\d+(?:,\s*\d+)*$")  # 'Ukraine 6, 7': UNTC's note numbers after a name


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


def _table(relpath: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO((ROOT / relpath).read_text(encoding="utf-8"), newline="")))
    if not rows or rows[0][0] != "Participant" or any(len(r) != 3 for r in rows):
        raise BuildError(f"{relpath}: expected three columns headed 'Participant'")
    return rows


class _Grid(HTMLParser):
    """The cells of UNTC's participant table (id ending 'tblgrid'), row by row, as text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._depth = 0  # > 0 inside the grid (nested tables counted)
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and (self._depth or (dict(attrs).get("id") or "").endswith("tblgrid")):
            self._depth += 1
        elif self._depth and tag == "tr":
            self.rows.append([])
        elif self._depth and tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._depth:
            self._depth -= 1
        elif tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read_original(relpath: str) -> list[list[str]]:
    """The rows of a raw original as the pinned extract writes them: the saved page's grid (or the
    semicolon-separated CRBA grid's first three columns), whitespace collapsed, note numbers
    dropped from names."""
    text = (ROOT / relpath).read_text(encoding="utf-8")
    if relpath.endswith(".html"):
        parser = _Grid()
        parser.feed(text)
        rows = parser.rows
    else:
        rows = [r[:3] for r in csv.reader(io.StringIO(text, newline=""), delimiter=";")]
    cells = [[" ".join(cell.split()) for cell in row] for row in rows]
    return [[_FOOTNOTES.sub("", row[0]), *row[1:]] if i else row for i, row in enumerate(cells)]


def check_original(relpath: str, original: str) -> None:
    """Stop if the pinned extract is not its raw original's table, row by row."""
    mine, theirs = _table(relpath), read_original(original)
    for line, (a, b) in enumerate(zip(mine, theirs), start=1):
        if a != b:
            raise BuildError(f"{relpath} line {line}: {a} differs from {original}, row {line}: {b}")
    if len(mine) != len(theirs):
        raise BuildError(f"{relpath}: {len(mine) - 1} participants, {original}: {len(theirs) - 1}")


def check_earlier(newer: list[dict[str, str]], relpath: str, treaty: str) -> None:
    """Stop if a participant of the earlier list is missing from the newer one, or a date both
    give differs (a date the earlier list leaves empty may be filled: a later action)."""
    by_key = {row["iso3"] or row["participant"]: row for row in newer}
    for line, old in enumerate(read_list(treaty, relpath, "9999-12-31"), start=2):
        new = by_key.get(old["iso3"] or old["participant"])
        if new is None:
            raise BuildError(f"{relpath} line {line}: {old['participant']!r} is missing from the newer list")
        for field in ("signature_date", "consent_date", "consent_kind"):
            if old[field] and old[field] != new[field]:
                raise BuildError(f"{relpath} line {line}: {old['participant']!r} {field} {old[field]} "
                                 f"differs from the newer list's {new[field] or 'empty'}")


def read_list(treaty: str, relpath: str, as_of: str) -> list[dict[str, str]]:
    """The rows of one participant list, in its own order; an action after `as_of` stops the build."""
    rows = _table(relpath)
    out = []
    for line, (name, signed, consent) in enumerate(rows[1:], start=2):
        where = f"{relpath} line {line}"
        signature_date, _ = _date(signed, where)  # a 'd' here is succession to a signature
        consent_date, suffix = _date(consent, where)
        if max(signature_date, consent_date) > as_of:
            raise BuildError(f"{where}: an action of {max(signature_date, consent_date)} is after the "
                             f"list's date, {as_of}")
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
    for relpath, original in ORIGINALS.items():
        check_original(relpath, original)
    rows = []
    for treaty, (relpath, as_of) in LISTS.items():
        found = read_list(treaty, relpath, as_of)
        if treaty in EARLIER:
            check_earlier(found, EARLIER[treaty], treaty)
        rows.extend(found)
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
