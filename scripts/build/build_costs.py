"""Rebuild data/remittance_costs.csv and data/corridor_costs.csv from the pinned World Bank cost files.

usage: python scripts/build/build_costs.py [--check]
Inputs (data/raw/, see data/datapackage.json): World Bank Remittance Prices Worldwide (RPW), the
cost of sending USD 200 as % of the amount (fee plus exchange-rate margin):
- WDI SI.RMT.COST.IB.ZS ("to" a country) and SI.RMT.COST.OB.ZS ("from" it), vintage 2023-05-10,
  2011-2020 (.xls, read with xlrd, a build-time dependency only: the app reads the CSVs);
- WDI SI.RMT.COST.IB.ZS, vintage 2026-04-08, 2016-2023, the 24 signatories only (an extract):
  revised down sharply, method undocumented. It keeps its own `vintage` value and is never
  spliced onto the 2023 vintage;
- RPW corridor averages, DataBank ATCR.CORR, 2011Q1-2020Q3: series "official";
- a third party's corridor means over the RPW provider rows, 2016Q2-2025Q1: series "derived".
Rules:
- every country name resolves with dashboard.core.names.to_iso3 (which must agree with the
  file's own code) or through SOURCE_NAMES below; an unresolved name stops the build;
- WDI aggregates (the rows without a region in the file's "Metadata - Countries" sheet: regions,
  income groups, World) are excluded and counted;
- a cost of 0 or less is not a cost (SLV 2020 and 2022 are a literal 0 in the 2026 vintage; some
  corridor means are negative where exchange rates were distorted): left out as not reported,
  each one listed in the output;
- costs rounded to 4 decimals (the sources carry float32 noise, e.g. 5.00611114501953);
- no value before 2011 exists in any input, and none is made up: a value outside a file's
  stated span stops the build, as does any unreadable cell, unknown code or duplicate row;
- corridors: every one with a Lima signatory at either end.
--check rebuilds in memory and exits 1 if a committed file differs.
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from derive import csv_text, write_or_check  # scripts/build/derive.py, beside this file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dashboard.core import costs  # noqa: E402
from dashboard.core.names import to_iso3  # noqa: E402
from dashboard.core.provenance import DataFileError, read_verified  # noqa: E402
from dashboard.data import load_signatories  # noqa: E402

WDI_2023 = {"to": ("data/raw/wdi-2023-05-10-sending-cost-to-country.xls", "SI.RMT.COST.IB.ZS"),
            "from": ("data/raw/wdi-2023-05-10-sending-cost-from-country.xls", "SI.RMT.COST.OB.ZS")}
WDI_2026 = "data/raw/wdi-2026-04-08-sending-cost-to-country-extract-24.csv"
OFFICIAL = "data/raw/rpw-corridors-databank-2020-12-07.csv"
DERIVED = "data/raw/rpw-corridors-derived-2016q2-2025q1.csv"
# The span each input states (its README and headers); a value outside it is unknown, not data.
YEARS_2023 = (2011, 2020)
YEARS_2026 = (2016, 2023)
OFFICIAL_UPDATED = "Last Updated: 12/07/2020"  # DataBank's US date: 7 December 2020
OFFICIAL_SPAN = ((2011, 1), (2020, 3))
DERIVED_SPAN = ((2016, 2), (2025, 1))
# The 2026 extract does not carry its vintage: the WDI API's "lastupdated" of the fetch it came
# from (the raw JSON beside it in the source repository) does.
VINTAGE_2026 = "2026-04-08"
# A WDI row that the file's "Metadata - Countries" sheet does not list: counted with the aggregates.
WDI_UNLISTED_AGGREGATES = {"INX": "Not classified"}

# Names in the World Bank files that to_iso3 does not resolve, each with the file's code and why.
# iso3 None: no ISO 3166-1 code, so the rows are left out (and counted).
SOURCE_NAMES: dict[str, tuple[str | None, frozenset[str], str]] = {
    "Lao, PDR": ("LAO", frozenset({"LAO"}), "DataBank's inverted short form of Lao PDR"),
    "West Bank/Gaza Strip": ("PSE", frozenset({"PSE"}), "DataBank's name for the State of Palestine"),
    "Macedonia, FYR": ("MKD", frozenset({"MKD"}), "the World Bank's name for North Macedonia before 2019"),
    "Kosovo": (None, frozenset({"KSV", "XKX"}),
               "no ISO 3166-1 code (dashboard.core.names raises for it by design)"),
    "Netherlands-Antilles": (None, frozenset({"ANT"}),
                             "dissolved in 2010; no current ISO 3166-1 code"),
    "Channel Islands": (None, frozenset({"CHI"}),
                        "Guernsey and Jersey together (WDI's area); no ISO 3166-1 code of its own"),
}


class BuildError(ValueError):
    """An input the build cannot accept; the message names the file, row and value."""


class Resolver:
    """Country names to ISO3, each distinct (name, code) once; counts the values it leaves out
    (a name with no ISO code and no values is resolved, so checked, but not counted)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], str | None] = {}
        self.left_out: Counter[str] = Counter()

    def __call__(self, name: str, code: str, where: str, values: int = 1) -> str | None:
        key = (name, code)
        if key not in self._seen:
            self._seen[key] = self._resolve(name, code, where)
        iso3 = self._seen[key]
        if iso3 is None and values:
            self.left_out[f"{name} ({code})"] += values
        return iso3

    @staticmethod
    def _resolve(name: str, code: str, where: str) -> str | None:
        if name in SOURCE_NAMES:
            iso3, codes, _why = SOURCE_NAMES[name]
            if code not in codes:
                raise BuildError(f"{where}: {name!r} has the code {code!r}, expected one of {sorted(codes)}")
            return iso3
        try:
            iso3 = to_iso3(name)
        except LookupError as exc:
            raise BuildError(f"{where}: the country name {name!r} (code {code!r}) does not resolve ({exc}); "
                             "if it is a country, add it to SOURCE_NAMES in scripts/build/build_costs.py "
                             "with the reason") from None
        if iso3 != code:
            raise BuildError(f"{where}: the country name {name!r} resolves to {iso3} but the file's code is {code!r}")
        return iso3


def _cost(text: str | float, where: str) -> float | None:
    """A cost cell as a float rounded to 4 decimals; None for 0 or less (not a cost)."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise BuildError(f"{where}: unreadable cost {text!r}") from None
    if not math.isfinite(value):
        raise BuildError(f"{where}: unreadable cost {text!r}")
    return round(value, 4) if value > 0 else None


def _in_span(year: int, span: tuple[int, int], where: str) -> None:
    if not span[0] <= year <= span[1]:
        raise BuildError(f"{where}: a value for {year}, outside the file's span {span[0]}-{span[1]}")


def read_wdi_xls(relpath: str, indicator: str, direction: str, resolve: Resolver,
                 report: list[str]) -> list[dict[str, object]]:
    """Rows of a WDI .xls download (vintage 2023-05-10): countries only, values within its span."""
    import xlrd  # build-time only; the app never imports it

    book = xlrd.open_workbook(file_contents=read_verified(relpath, ROOT))
    data, meta = book.sheet_by_name("Data"), book.sheet_by_name("Metadata - Countries")
    if data.cell_value(0, 1) != "World Development Indicators" or data.cell_value(1, 0) != "Last Updated Date":
        raise BuildError(f"{relpath}: expected the WDI download layout (Data Source, Last Updated Date)")
    updated = xlrd.xldate_as_datetime(data.cell_value(1, 1), book.datemode).date().isoformat()
    if updated != costs.VINTAGE_2023:
        raise BuildError(f"{relpath}: Last Updated Date {updated}, expected {costs.VINTAGE_2023}")
    header = data.row_values(3)
    if header[:4] != ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]:
        raise BuildError(f"{relpath}: unexpected header {header[:4]}")
    years = [int(y) for y in header[4:]]
    region = {meta.cell_value(r, 0): meta.cell_value(r, 1) for r in range(1, meta.nrows)}
    out, aggregates, with_values, dropped = [], 0, 0, []
    for r in range(4, data.nrows):
        where = f"{relpath} sheet Data row {r + 1}"
        name, code, _, row_indicator = data.row_values(r, 0, 4)
        if row_indicator != indicator:
            raise BuildError(f"{where}: indicator {row_indicator!r}, expected {indicator}")
        if code not in region and WDI_UNLISTED_AGGREGATES.get(code) != name:
            raise BuildError(f"{where}: the code {code!r} is not in the sheet Metadata - Countries")
        cells = {year: data.cell(r, c) for year, c in zip(years, range(4, data.ncols))
                 if data.cell(r, c).ctype != xlrd.XL_CELL_EMPTY}
        if not region.get(code):  # no region: an aggregate (a region, an income group, World)
            aggregates += 1
            with_values += bool(cells)
            continue
        iso3 = resolve(name, code, where, len(cells))
        if iso3 is None:
            continue
        for year, cell in cells.items():
            at = f"{where} ({name}, {year})"
            if cell.ctype != xlrd.XL_CELL_NUMBER:
                raise BuildError(f"{at}: unreadable cost {cell.value!r}")
            _in_span(year, YEARS_2023, at)
            value = _cost(cell.value, at)
            if value is None:
                dropped.append(f"{code} {year} {cell.value}")
                continue
            out.append({"iso3": iso3, "year": year, "direction": direction, "cost_pct": value,
                        "vintage": costs.VINTAGE_2023})
    report.append(f"{relpath}: {len({r['iso3'] for r in out})} countries, {len(out)} values; "
                  f"{aggregates} aggregates excluded ({with_values} with values); "
                  f"0 or less, left out: {', '.join(dropped) or 'none'}")
    return out


def _csv_rows(relpath: str, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    text = read_verified(relpath, ROOT).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames != header:
        raise BuildError(f"{relpath}: unexpected header {reader.fieldnames}")
    yield from enumerate(reader, start=2)


WDI_2026_HEADER = ["country_id", "country_name", "countryiso3code", "year", "indicator_id", "indicator_name",
                   "value_percent", "unit", "obs_status", "decimal"]


def read_wdi_2026(resolve: Resolver, report: list[str]) -> list[dict[str, object]]:
    """Rows of the 2026-04-08 extract (the 24 signatories, SI.RMT.COST.IB.ZS)."""
    out, dropped = [], []
    for line, row in _csv_rows(WDI_2026, WDI_2026_HEADER):
        where = f"{WDI_2026} line {line}"
        if row["indicator_id"] != "SI.RMT.COST.IB.ZS":
            raise BuildError(f"{where}: indicator {row['indicator_id']!r}, expected SI.RMT.COST.IB.ZS")
        iso3 = resolve(row["country_name"], row["countryiso3code"], where, int(row["value_percent"] != ""))
        if iso3 is None or row["value_percent"] == "":
            continue
        at = f"{where} ({row['country_name']}, {row['year']})"
        if not row["year"].isdigit():
            raise BuildError(f"{at}: unreadable year {row['year']!r}")
        _in_span(int(row["year"]), YEARS_2026, at)
        value = _cost(row["value_percent"], at)
        if value is None:
            dropped.append(f"{iso3} {row['year']} {row['value_percent']}")
            continue
        out.append({"iso3": iso3, "year": int(row["year"]), "direction": "to", "cost_pct": value,
                    "vintage": VINTAGE_2026})
    report.append(f"{WDI_2026}: {len({r['iso3'] for r in out})} countries, {len(out)} values; "
                  f"0 or less, left out as not reported: {', '.join(dropped) or 'none'}")
    return out


_QUARTER_COLUMN = re.compile(r"(\d{4})Q([1-4]) \[YR\1Q\2\]")
OFFICIAL_KEYS = ["Sending Countries Name", "Sending Countries Code", "Series Name", "Series Code",
                 "Receiving Countries  Name", "Receiving Countries  Code"]


def read_official(resolve: Resolver, signatories: set[str], report: list[str]) -> list[dict[str, object]]:
    """Corridor rows of the DataBank ATCR.CORR download with a signatory at either end."""
    text = read_verified(OFFICIAL, ROOT).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    quarters = [_QUARTER_COLUMN.fullmatch(column) for column in header[len(OFFICIAL_KEYS):]]
    if header[:len(OFFICIAL_KEYS)] != OFFICIAL_KEYS or not all(quarters):
        raise BuildError(f"{OFFICIAL}: unexpected header {header[:8]}...")
    periods = [(int(m.group(1)), int(m.group(2))) for m in quarters if m]
    if (periods[0], periods[-1]) != OFFICIAL_SPAN:
        raise BuildError(f"{OFFICIAL}: quarters {periods[0]}-{periods[-1]}, expected {OFFICIAL_SPAN}")
    # DataBank's footer: blank rows, then where the data came from and when it was updated.
    footer = [r[0] for r in body if r and r[0] and (len(r) < 4 or not r[3])]
    if footer != ["Data from database: Remittance Prices Worldwide (Corridors)", OFFICIAL_UPDATED]:
        raise BuildError(f"{OFFICIAL}: unexpected footer {footer}")
    out, seen, dropped, corridors_with_data = [], set(), [], 0
    for line, row in enumerate(body, start=2):
        if len(row) < 4 or not row[3]:
            continue
        where = f"{OFFICIAL} line {line}"
        if row[3] != "ATCR.CORR" or len(row) != len(header):
            raise BuildError(f"{where}: expected series ATCR.CORR and {len(header)} cells")
        cells = row[len(OFFICIAL_KEYS):]
        values = sum(cell != ".." for cell in cells)
        corridors_with_data += bool(values)
        sender = resolve(row[0], row[1], where, values)
        receiver = resolve(row[4], row[5], where, values)
        if sender is None or receiver is None or not signatories & {sender, receiver}:
            continue
        if (sender, receiver) in seen:
            raise BuildError(f"{where}: the corridor {sender}->{receiver} appears twice")
        seen.add((sender, receiver))
        for (year, quarter), cell in zip(periods, cells):
            if cell == "..":
                continue
            at = f"{where} ({row[0]} -> {row[4]}, {year}Q{quarter})"
            value = _cost(cell, at)
            if value is None:
                dropped.append(f"{sender}->{receiver} {year}Q{quarter} {cell}")
                continue
            out.append({"sender_iso3": sender, "receiver_iso3": receiver, "year": year, "quarter": quarter,
                        "cost_pct": value, "series": "official"})
    report.append(f"{OFFICIAL}: {corridors_with_data} corridors with data, "
                  f"{len({(r['sender_iso3'], r['receiver_iso3']) for r in out})} with a signatory at either end, "
                  f"{len(out)} values; 0 or less, left out: {', '.join(dropped) or 'none'}")
    return out


DERIVED_HEADER = ["period", "source_code", "source_name", "destination_code", "destination_name", "corridor",
                  "avg_cost_pct_200usd", "avg_cost_pct_500usd", "avg_fx_margin_200usd", "avg_fx_margin_500usd",
                  "num_providers"]
_PERIOD = re.compile(r"(\d{4})_([1-4])Q")


def read_derived(resolve: Resolver, signatories: set[str], report: list[str]) -> list[dict[str, object]]:
    """Corridor rows of the third party's means (USD 200) with a signatory at either end."""
    out, seen, dropped = [], set(), []
    for line, row in _csv_rows(DERIVED, DERIVED_HEADER):
        where = f"{DERIVED} line {line}"
        match = _PERIOD.fullmatch(row["period"])
        if match is None:
            raise BuildError(f"{where}: unreadable period {row['period']!r}")
        year, quarter = int(match.group(1)), int(match.group(2))
        if not DERIVED_SPAN[0] <= (year, quarter) <= DERIVED_SPAN[1]:
            raise BuildError(f"{where}: period {row['period']} outside {DERIVED_SPAN}")
        sender = resolve(row["source_name"], row["source_code"], where)
        receiver = resolve(row["destination_name"], row["destination_code"], where)
        if sender is None or receiver is None or not signatories & {sender, receiver}:
            continue
        key = (sender, receiver, year, quarter)
        if key in seen:
            raise BuildError(f"{where}: {sender}->{receiver} {year}Q{quarter} appears twice")
        seen.add(key)
        at = f"{where} ({row['source_name']} -> {row['destination_name']}, {row['period']})"
        value = _cost(row["avg_cost_pct_200usd"], at)
        if value is None:
            dropped.append(f"{sender}->{receiver} {year}Q{quarter} {float(row['avg_cost_pct_200usd']):.2f}")
            continue
        out.append({"sender_iso3": sender, "receiver_iso3": receiver, "year": year, "quarter": quarter,
                    "cost_pct": value, "series": "derived"})
    report.append(f"{DERIVED}: {len({(r['sender_iso3'], r['receiver_iso3']) for r in out})} corridors with a "
                  f"signatory at either end, {len(out)} values; 0 or less, left out: {', '.join(dropped) or 'none'}")
    return out


def _check_unique(rows: list[dict[str, object]], keys: tuple[str, ...], what: str) -> None:
    counts = Counter(tuple(r[k] for k in keys) for r in rows)
    twice = [key for key, n in counts.items() if n > 1]
    if twice:
        raise BuildError(f"{what}: {len(twice)} duplicate rows, e.g. {dict(zip(keys, twice[0]))}")


def build() -> tuple[dict[Path, str], list[str]]:
    """The two output texts, and the lines of the build's report."""
    signatories = set(load_signatories(ROOT)["iso3"])
    resolve, report = Resolver(), []
    country: list[dict[str, object]] = []
    for direction, (relpath, indicator) in WDI_2023.items():
        country += read_wdi_xls(relpath, indicator, direction, resolve, report)
    country += read_wdi_2026(resolve, report)
    _check_unique(country, ("iso3", "year", "direction", "vintage"), costs.COSTS)
    country.sort(key=lambda r: (r["iso3"], r["direction"] == "from", r["vintage"], r["year"]))
    corridors = read_official(resolve, signatories, report) + read_derived(resolve, signatories, report)
    _check_unique(corridors, ("sender_iso3", "receiver_iso3", "year", "quarter", "series"), costs.CORRIDOR_COSTS)
    corridors.sort(key=lambda r: (r["sender_iso3"], r["receiver_iso3"], costs.SERIES.index(str(r["series"])),
                                  r["year"], r["quarter"]))
    left_out = ", ".join(f"{name}: {n} values" for name, n in sorted(resolve.left_out.items()))
    report.append(f"values left out, no ISO 3166-1 code (all files): {left_out or 'none'}")
    return {ROOT / costs.COSTS: csv_text(country, costs.COST_COLUMNS),
            ROOT / costs.CORRIDOR_COSTS: csv_text(corridors, costs.CORRIDOR_COST_COLUMNS)}, report


def main(argv: list[str]) -> int:
    try:
        outputs, report = build()
    except (BuildError, DataFileError) as exc:
        print(f"cannot build: {exc}", file=sys.stderr)
        return 2
    print("\n".join(report))
    return write_or_check(outputs, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
