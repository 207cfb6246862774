"""Rebuild data/migrant_stock.csv, data/corridors.csv and data/remittances.csv from the pinned gdidata copies.

usage: python scripts/build/build_migration.py [--check]
Inputs (data/raw/, from the R package gdidata 0.3.21 of IOM's Global Data Institute, commit
c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff): UN DESA International Migrant Stock 2020 and 2024
(destination x origin x sex) and a World Bank WDI extract (remittances, GDP, population).
They are read with pyreadr, a build-time dependency only: the app reads the CSVs.
Edits, all by rule (see dashboard/core/migration.py for the definitions):
- both sexes summed; the 2024 revision gives only 2024 immigrant totals (its 2024 origins are
  incomplete);
- a destination whose every origin is 0 in a year was not estimated separately then
  (e.g. Montenegro before 2010): its immigrants are left empty, not 0;
- WDI remittances of 0 mean "not reported": left empty; US$ rounded to whole dollars,
  population to whole people, percentages to 4 decimals;
- the Channel Islands (UN DESA code XCX) get the population of Guernsey plus Jersey.
--check rebuilds in memory and exits 1 if a committed file differs.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from derive import write_or_check  # scripts/build/derive.py, beside this file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dashboard.core import migration as mig  # noqa: E402
from dashboard.core.provenance import DataFileError, verified_path  # noqa: E402
from dashboard.data import load_signatories  # noqa: E402

RAW = "data/raw/gdidata-0.3.21-"
STOCKS_2020 = RAW + "undesa_stocks_2020.rda"
STOCKS_2024 = RAW + "undesa_stocks.rda"
WDI = RAW + "wdi.rda"
WDI_YEARS = (1990, 2023)
# UN DESA's area with no population of its own in WDI, and the WDI areas that make it up.
POPULATION_PARTS = {"XCX": ("GGY", "JEY")}


def read_rda(relpath: str) -> pd.DataFrame:
    """The one table in a pinned .rda file, after its checksum check against the manifest."""
    import pyreadr  # build-time only; the app never imports it

    tables = pyreadr.read_r(str(verified_path(relpath, ROOT)))
    (frame,) = tables.values()
    return frame


def _both_sexes(stocks: pd.DataFrame) -> pd.DataFrame:
    return stocks.groupby(["geo", "from", "t"], as_index=False)["n"].sum()


def population(wdi: pd.DataFrame) -> pd.Series:
    """WDI `pop` by (code, year), with the UN DESA areas that WDI splits summed from their parts."""
    pop = wdi[wdi["var"] == "pop"].set_index(["geo", "t"])["v"]
    extra = []
    for code, parts in POPULATION_PARTS.items():
        summed = pop[pop.index.get_level_values("geo").isin(parts)].groupby(level="t").sum(min_count=len(parts))
        extra.append(pd.Series(summed.to_numpy(), index=pd.MultiIndex.from_product([[code], summed.index])))
    return pd.concat([pop, *extra]).round().astype("Int64")


def build_stock(s20: pd.DataFrame, s24: pd.DataFrame, wdi: pd.DataFrame) -> pd.DataFrame:
    both = _both_sexes(s20)
    imm = both.groupby(["geo", "t"])["n"].sum()
    emi = both[both["from"] != mig.OTHER_ORIGIN].groupby(["from", "t"])["n"].sum()
    codes = sorted((set(both["geo"]) | set(both["from"])) - {mig.OTHER_ORIGIN})
    index = pd.MultiIndex.from_product([codes, mig.STOCK_YEARS], names=["iso3", "year"])
    frame = pd.DataFrame(index=index)
    # A destination whose total is 0 was part of another area then (UN DESA's ".."), not empty.
    frame["immigrants"] = imm.reindex(index).astype("Int64").replace(0, pd.NA)
    frame["emigrants"] = emi.reindex(index).astype("Int64")
    frame["revision"] = "2020"
    latest = s24[s24["t"] == 2024].groupby("geo")["n"].sum()
    recent = pd.DataFrame({"immigrants": latest.astype("Int64").replace(0, pd.NA).to_numpy(), "emigrants": pd.NA,
                           "revision": "2024"},
                          index=pd.MultiIndex.from_product([latest.index, [2024]], names=["iso3", "year"]))
    frame = pd.concat([frame, recent.astype({"emigrants": "Int64"})])
    frame["population"] = population(wdi).reindex(frame.index).to_numpy()
    frame["emigrants_pct_population"] = (100 * frame["emigrants"].astype("Float64")
                                         / frame["population"].astype("Float64")).astype("float64")
    return frame.reset_index().sort_values(["iso3", "year"])[mig.STOCK_COLUMNS]


def build_corridors(s20: pd.DataFrame, signatories: set[str]) -> pd.DataFrame:
    both = _both_sexes(s20)
    keep = (both["geo"].isin(signatories) | both["from"].isin(signatories)) & (both["n"] > 0)
    frame = both[keep].rename(columns={"from": "origin_iso3", "geo": "destination_iso3", "t": "year",
                                       "n": "migrants"})
    return frame.sort_values(["origin_iso3", "destination_iso3", "year"])[mig.CORRIDOR_COLUMNS]


def build_remittances(wdi: pd.DataFrame) -> pd.DataFrame:
    span = wdi[wdi["t"].between(*WDI_YEARS) & wdi["var"].isin(["remin", "gdp"])]
    wide = span.pivot_table(index=["geo", "t"], columns="var", values="v", aggfunc="first")
    wide = wide.reindex(columns=["remin", "gdp"])
    wide["remin"] = wide["remin"].where(wide["remin"] != 0)  # 0 = not reported in this series
    wide = wide.dropna(how="all")
    frame = pd.DataFrame({"remittances_usd": wide["remin"].round(), "gdp_usd": wide["gdp"].round()})
    frame["remittances_pct_gdp"] = 100 * frame["remittances_usd"] / frame["gdp_usd"]
    frame.index = frame.index.set_names(["iso3", "year"])
    return frame.reset_index().sort_values(["iso3", "year"])[mig.REMITTANCE_COLUMNS]


def _cell(value: object, kind: str) -> str:
    if pd.isna(value):
        return ""
    if kind == "int":
        return str(int(value))
    if kind == "pct":
        return f"{float(value):.4f}"
    return str(value)


def render(frame: pd.DataFrame, kinds: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow(_cell(v, kinds.get(c, "str")) for c, v in zip(frame.columns, row))
    return out.getvalue()


KINDS = {"year": "int", "immigrants": "int", "emigrants": "int", "population": "int", "migrants": "int",
         "remittances_usd": "int", "gdp_usd": "int", "emigrants_pct_population": "pct",
         "remittances_pct_gdp": "pct"}


def outputs() -> dict[str, Callable[[], str]]:
    s20, s24, wdi = read_rda(STOCKS_2020), read_rda(STOCKS_2024), read_rda(WDI)
    signatories = set(load_signatories(ROOT)["iso3"])
    return {
        mig.STOCK: lambda: render(build_stock(s20, s24, wdi), KINDS),
        mig.CORRIDORS: lambda: render(build_corridors(s20, signatories), KINDS),
        mig.REMITTANCES: lambda: render(build_remittances(wdi), KINDS),
    }


def main(argv: list[str]) -> int:
    try:
        builders = outputs()
    except DataFileError as exc:
        print(f"cannot build: {exc}", file=sys.stderr)
        return 2
    return write_or_check({ROOT / relpath: build() for relpath, build in builders.items()}, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
