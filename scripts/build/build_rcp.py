"""Rebuild data/rcp.csv: the research notes on regional processes with the audit's corrections applied.

usage: python scripts/build/build_rcp.py [--check]
Inputs (data/raw/): rcp-notes-2026-11-27.csv (the notes as received) and
rcp-corrections-2026-11-29.csv (an audit against IOM's pages and the processes' own sites, one row
per correction with its source and confidence). Each correction is applied by its `field`:
source_url+confidence replaces both; row adds a row; founded_year sets the process's year; a note
adds the audit's note, the date the country joined where the audit gives it, and the note's
source. Optional rows (a process the notes do not cover) are left out.
--check rebuilds in memory and exits 1 if data/rcp.csv differs.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from derive import csv_text, write_or_check  # scripts/build/derive.py, beside this file

ROOT = Path(__file__).resolve().parents[2]
NOTES = ROOT / "data" / "raw" / "rcp-notes-2026-11-27.csv"
CORRECTIONS = ROOT / "data" / "raw" / "rcp-corrections-2026-11-29.csv"
TARGET = ROOT / "data" / "rcp.csv"
COLUMNS = ["rcp", "founded_year", "iso3", "country", "source_url", "confidence", "joined", "note"]
# When a country joined, in the audit's own words (its note or correct_value for that row).
JOINED = {
    ("Regional Conference on Migration", "DOM"): "about 1999-2000 (not a 1996 founder)",
    ("Caribbean Migration Consultations", "JAM"): "January 2016 (a founding state)",
    ("Caribbean Migration Consultations", "DOM"): "December 2016",
    ("Euro-African Dialogue", "EGY"): "2006; a dialogue partner until 2014",
    ("Euro-African Dialogue", "DZA"): "not known (it did not attend the founding conference of July 2006)",
    ("Budapest Process", "PAK"): "after the 2010 Silk Routes expansion",
    ("Bali Process", "ZAF"): "not known",
}
# New rows: the role as the correction's rcp label gives it; the country's name as the notes write it.
NAMES = {"ZAF": "South Africa", "EGY": "Egypt", "PAK": "Pakistan"}


def _process(label: str) -> str:
    return label.partition(" - ")[0]


def _joined(label: str, iso3: str) -> str:
    return next((v for (p, i), v in JOINED.items() if i == iso3 and label.startswith(p)), "")


def build() -> list[dict[str, str]]:
    notes = list(csv.DictReader(io.StringIO(NOTES.read_text(encoding="utf-8"), newline="")))
    rows = [{**r, "joined": "", "note": ""} for r in notes]
    for fix in csv.DictReader(io.StringIO(CORRECTIONS.read_text(encoding="utf-8"), newline="")):
        field, iso3 = fix["field"], fix["iso3"]
        if field.endswith("(optional)"):
            continue
        if field == "row":
            founded = re.search(r"founded_year (\d{4})", fix["correct_value"])
            same = [r for r in rows if _process(r["rcp"]) == _process(fix["rcp"])]
            year = founded.group(1) if founded else (same[0]["founded_year"] if same else "")
            rows.append({"rcp": fix["rcp"], "founded_year": year, "iso3": iso3, "country": NAMES[iso3],
                         "source_url": fix["source_url"], "confidence": fix["confidence"],
                         "joined": _joined(fix["rcp"], iso3), "note": fix["note"]})
            continue
        # The Budapest rows are matched by process and country: one correction renames the role.
        match = [r for r in rows if r["iso3"] == iso3 and (r["rcp"] == fix["rcp"] or (
            field.startswith(("founded_year", "rcp label")) and _process(r["rcp"]).startswith("Budapest")
            and fix["rcp"].startswith("Budapest")))]
        if len(match) != 1:
            raise ValueError(f"correction {fix['rcp']!r} / {iso3} matches {len(match)} rows")
        row = match[0]
        if field == "source_url+confidence":
            row["source_url"], row["confidence"] = fix["source_url"], fix["confidence"]
            continue
        if field.startswith("founded_year"):
            year = re.match(r"(\d{4})", fix["correct_value"])
            for r in rows:  # the year belongs to the process, so to each of its rows
                if _process(r["rcp"]).startswith("Budapest Process") and year:
                    r["founded_year"] = year.group(1)
        if field != "founded_year":
            row["note"] = f"{fix['note']} ({fix['confidence']} confidence)"
            row["joined"] = _joined(row["rcp"], iso3)
            row["source_url"] = f"{row['source_url']} ; {fix['source_url']}"
    return rows


def render(rows: list[dict[str, str]]) -> str:
    return csv_text(rows, COLUMNS)


def main(argv: list[str]) -> int:
    try:
        text = render(build())
    except (ValueError, KeyError) as exc:
        print(f"build_rcp: {exc}", file=sys.stderr)
        return 2
    return write_or_check({TARGET: text}, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
