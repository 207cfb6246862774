"""Migrant stocks, corridors and remittances: published totals, values recomputed from the raw
.rda files, the signatories' coverage, the build check and broken files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pycountry
import pyreadr
import pytest

from dashboard import data
from dashboard.core import migration as mig
from dashboard.core.provenance import DataFileError

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
PUBLISHED_WORLD = {2005: 191_446_828, 2020: 280_598_105}  # UN DESA, International Migrant Stock 2020


def _rda(name: str) -> pd.DataFrame:
    (frame,) = pyreadr.read_r(str(RAW / f"gdidata-0.3.21-{name}.rda")).values()
    return frame


@pytest.fixture(scope="module")
def raw20() -> pd.DataFrame:
    return _rda("undesa_stocks_2020")


@pytest.fixture(scope="module")
def raw24() -> pd.DataFrame:
    return _rda("undesa_stocks")


@pytest.fixture(scope="module")
def wdi() -> pd.DataFrame:
    return _rda("wdi")


@pytest.fixture(scope="module")
def stock() -> pd.DataFrame:
    return data.load_migrant_stock()


@pytest.fixture(scope="module")
def corridors() -> pd.DataFrame:
    return data.load_corridors()


@pytest.fixture(scope="module")
def rem() -> pd.DataFrame:
    return data.load_remittances()


@pytest.fixture(scope="module")
def signatories() -> list[str]:
    return data.load_signatories()["iso3"].tolist()


def test_columns_and_types(stock, corridors, rem):
    assert list(stock.columns) == mig.STOCK_COLUMNS
    assert list(corridors.columns) == mig.CORRIDOR_COLUMNS
    assert list(rem.columns) == mig.REMITTANCE_COLUMNS
    for col in ("immigrants", "emigrants", "population"):
        assert stock[col].dtype == "Int64"
    assert corridors["migrants"].dtype == "Int64"
    assert stock["emigrants_pct_population"].dtype == "float64"
    assert not stock.duplicated(["iso3", "year"]).any()
    assert not corridors.duplicated(["origin_iso3", "destination_iso3", "year"]).any()
    assert not rem.duplicated(["iso3", "year"]).any()


@pytest.mark.parametrize("year", sorted(PUBLISHED_WORLD))
def test_world_totals_are_un_desa_published_ones(stock, year):
    totals = mig.world_totals(stock).set_index("year")
    assert totals.at[year, "immigrants"] == PUBLISHED_WORLD[year]
    assert int(stock.loc[stock["year"] == year, "immigrants"].sum()) == PUBLISHED_WORLD[year]


def test_world_total_needs_the_channel_islands(stock):
    # XCX has no ISO code; without it the table would not add up to the published total.
    rows = stock[stock["year"] == 2020]
    assert int(rows.loc[rows["iso3"] != "XCX", "immigrants"].sum()) == PUBLISHED_WORLD[2020] - 84_087
    non_iso = {c for c in stock["iso3"].unique() if pycountry.countries.get(alpha_3=c) is None}
    assert non_iso == {"XCX"}


def test_attributed_emigrants_leave_out_unreported_origins(stock, raw20):
    totals = mig.world_totals(stock).set_index("year")
    for year in mig.STOCK_YEARS:
        rows = raw20[raw20["t"] == year]
        expected = int(rows.loc[rows["from"] != "OOO", "n"].sum())
        assert totals.at[year, "emigrants_attributed"] == expected
        assert totals.at[year, "emigrants_attributed"] < totals.at[year, "immigrants"]


def test_2024_rows_are_immigrant_totals_of_the_2024_revision(stock, raw24):
    latest = stock[stock["year"] == 2024]
    assert set(latest["revision"]) == {"2024"}
    assert set(stock.loc[stock["year"] < 2024, "revision"]) == {"2020"}
    assert latest["emigrants"].isna().all() and latest["population"].isna().all()
    assert int(latest["immigrants"].sum()) == int(raw24.loc[raw24["t"] == 2024, "n"].sum()) == 304_021_813
    usa = raw24[(raw24["t"] == 2024) & (raw24["geo"] == "USA")]
    assert latest.set_index("iso3").at["USA", "immigrants"] == int(usa["n"].sum())


def test_every_area_every_year(stock, raw20):
    codes = (set(raw20["geo"]) | set(raw20["from"])) - {"OOO"}
    assert len(stock[stock["year"] < 2024]) == len(codes) * len(mig.STOCK_YEARS) == 232 * 7


def test_areas_not_estimated_separately_are_gaps_not_zeros(stock):
    by = stock.set_index(["iso3", "year"])
    for code, year in [("MNE", 2005), ("SSD", 2005), ("CUW", 2005), ("SXM", 2000)]:
        assert pd.isna(by.at[(code, year), "immigrants"]), (code, year)
    assert by.at[("SXM", 2005), "immigrants"] == 13_099
    assert by.at[("MNE", 2010), "immigrants"] == 78_512
    assert (stock["immigrants"].dropna() > 0).all()


def test_emigrants_and_population_definitions(stock, raw20, wdi):
    by = stock.set_index(["iso3", "year"])
    mex = raw20[(raw20["from"] == "MEX") & (raw20["t"] == 2020)]
    assert by.at[("MEX", 2020), "emigrants"] == int(mex["n"].sum())
    pop = wdi[wdi["var"] == "pop"].set_index(["geo", "t"])["v"]
    assert by.at[("MEX", 2020), "population"] == round(pop[("MEX", 2020)])
    assert by.at[("XCX", 2020), "population"] == round(pop[("GGY", 2020)] + pop[("JEY", 2020)])
    pct = 100 * by.at[("MEX", 2020), "emigrants"] / by.at[("MEX", 2020), "population"]
    assert by.at[("MEX", 2020), "emigrants_pct_population"] == pytest.approx(pct, abs=1e-4)
    assert 8 < pct < 9


def test_mexico_to_usa_2020(corridors):
    row = corridors[(corridors["origin_iso3"] == "MEX") & (corridors["destination_iso3"] == "USA")
                    & (corridors["year"] == 2020)]
    assert row["migrants"].tolist() == [10_853_105]


def test_corridors_are_every_signatory_pair(corridors, raw20, signatories):
    assert set(corridors["year"]) == set(mig.STOCK_YEARS)
    assert (corridors["migrants"] > 0).all()
    assert (corridors["origin_iso3"].isin(signatories) | corridors["destination_iso3"].isin(signatories)).all()
    both = raw20.groupby(["geo", "from", "t"])["n"].sum()
    pairs = both[(both > 0) & (both.index.get_level_values("geo").isin(signatories)
                               | both.index.get_level_values("from").isin(signatories))]
    assert len(corridors) == len(pairs)


def test_a_signatorys_corridors_add_up_to_its_stock(corridors, stock, signatories):
    by = stock.set_index(["iso3", "year"])
    for code in signatories:
        for year in (2005, 2020):
            rows = corridors[corridors["year"] == year]
            assert rows.loc[rows["origin_iso3"] == code, "migrants"].sum() == by.at[(code, year), "emigrants"]
            assert rows.loc[rows["destination_iso3"] == code, "migrants"].sum() == by.at[(code, year), "immigrants"]


def test_top_partners(corridors, raw20):
    top = mig.top_partners(corridors, "MEX", 2020)
    assert list(top.columns) == ["partner_iso3", "migrants", "share"]
    assert len(top) == 10 and top.iloc[0]["partner_iso3"] == "USA"
    total = int(raw20.loc[(raw20["from"] == "MEX") & (raw20["t"] == 2020), "n"].sum())
    assert top.iloc[0]["share"] == pytest.approx(100 * 10_853_105 / total)
    assert top["migrants"].is_monotonic_decreasing
    origins = mig.top_partners(corridors, "ZAF", 2020, direction="origins", n=3)
    assert len(origins) == 3 and "OOO" not in set(origins["partner_iso3"])
    zwe = raw20[(raw20["geo"] == "ZAF") & (raw20["from"] == "ZWE") & (raw20["t"] == 2020)]
    assert origins.iloc[0]["partner_iso3"] == "ZWE" and origins.iloc[0]["migrants"] == int(zwe["n"].sum())
    with pytest.raises(ValueError, match="direction"):
        mig.top_partners(corridors, "MEX", 2020, direction="both")
    with pytest.raises(ValueError, match="ZZZ"):
        mig.top_partners(corridors, "ZZZ", 2020)


@pytest.mark.parametrize("iso3, bn", [("MEX", 22.74), ("IND", 22.13), ("PHL", 13.73), ("CHN", 3.34)])
def test_remittances_2005(rem, iso3, bn):
    value = rem.set_index(["iso3", "year"]).at[(iso3, 2005), "remittances_usd"]
    assert round(value / 1e9, 2) == bn


def test_zero_remittances_are_gaps(rem, wdi):
    zeros = wdi[(wdi["var"] == "remin") & (wdi["v"] == 0) & wdi["t"].between(1990, 2023)]
    assert len(zeros) > 300
    by = rem.set_index(["iso3", "year"])["remittances_usd"]
    assert all(pd.isna(by.get((g, t))) for g, t in zip(zeros["geo"], zeros["t"]))
    assert (rem["remittances_usd"].dropna() > 0).all()
    assert set(rem["year"]) == set(range(1990, 2024))
    mex = by[("MEX", 2005)] / rem.set_index(["iso3", "year"]).at[("MEX", 2005), "gdp_usd"]
    assert rem.set_index(["iso3", "year"]).at[("MEX", 2005), "remittances_pct_gdp"] == pytest.approx(100 * mex,
                                                                                                      abs=1e-4)


def test_every_signatory_is_covered(stock, rem, signatories):
    assert len(signatories) == 24
    by = stock.set_index(["iso3", "year"])
    money = rem.set_index(["iso3", "year"])["remittances_usd"]
    for code in signatories:
        for year in (2005, 2020):
            for col in ("immigrants", "emigrants", "population"):
                assert pd.notna(by.at[(code, year), col]), (code, year, col)
        for year in (2005, 2023):
            assert pd.notna(money.get((code, year))), (code, year)


def test_signatory_summary_against_the_raw_files(stock, rem, raw20, wdi, signatories):
    summary = mig.signatory_summary(stock, rem, signatories)
    assert summary["signatories"] == 24 and set(summary["stock"]) == {2005, 2020}
    assert set(summary["remittances"]) == {2005, 2023}
    for year in (2005, 2020):
        rows = raw20[raw20["t"] == year]
        emigrants = int(rows.loc[rows["from"].isin(signatories), "n"].sum())
        immigrants = int(rows.loc[rows["geo"].isin(signatories), "n"].sum())
        attributed = int(rows.loc[rows["from"] != "OOO", "n"].sum())
        got = summary["stock"][year]
        assert got["emigrants"] == emigrants and got["immigrants"] == immigrants
        assert got["world_emigrants_attributed"] == attributed
        assert got["world_migrants"] == PUBLISHED_WORLD[year]
        assert got["emigrants_share_pct"] == pytest.approx(100 * emigrants / attributed)
        assert got["emigrants_share_of_all_migrants_pct"] == pytest.approx(100 * emigrants / PUBLISHED_WORLD[year])
        assert got["missing"] == []
    remin = wdi[(wdi["var"] == "remin") & (wdi["v"] > 0)]
    for year in (2005, 2023):
        ours = remin.loc[(remin["t"] == year) & remin["geo"].isin(signatories), "v"].sum()
        world = remin.loc[remin["t"] == year, "v"].sum()
        got = summary["remittances"][year]
        assert got["remittances_usd"] == pytest.approx(ours, abs=100)  # whole dollars per country
        assert got["world_remittances_usd"] == pytest.approx(world, abs=1000)
        assert got["share_pct"] == pytest.approx(100 * ours / world, abs=1e-6)
        assert got["reporting"] == 24 and got["missing"] == []
    assert mig.world_remittances(rem, 1989) != mig.world_remittances(rem, 1989)  # NaN: no data


def test_build_check_passes():
    result = subprocess.run([sys.executable, "scripts/build/build_migration.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_files_are_plain_lf_csv():
    for relpath in (mig.STOCK, mig.CORRIDORS, mig.REMITTANCES):
        blob = (ROOT / relpath).read_bytes()
        assert b"\r" not in blob and blob.endswith(b"\n")
        assert b".0," not in blob and b"nan" not in blob.lower()  # integers as integers, gaps empty


def test_the_app_does_not_need_pyreadr():
    code = "import sys, dashboard.data, dashboard.core.migration; sys.exit('pyreadr' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=120).returncode == 0


@pytest.fixture
def copy_root(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    for relpath in ("data/datapackage.json", mig.STOCK, mig.CORRIDORS, mig.REMITTANCES):
        shutil.copy(ROOT / relpath, tmp_path / relpath)
    return tmp_path


LOADERS = [(mig.STOCK, data.load_migrant_stock), (mig.CORRIDORS, data.load_corridors),
           (mig.REMITTANCES, data.load_remittances)]


@pytest.mark.parametrize("relpath, loader", LOADERS)
def test_corrupted_file_names_the_file(copy_root, relpath, loader):
    assert len(loader(copy_root)) > 1000
    path = copy_root / relpath
    path.write_bytes(path.read_bytes()[:-40] + b"\x00garbage")
    with pytest.raises(DataFileError) as info:
        loader(copy_root)
    assert info.value.path == relpath and relpath in str(info.value)
    assert "checksum does not match" in str(info.value) and "scripts/build/build_migration.py" in str(info.value)


@pytest.mark.parametrize("relpath, loader", LOADERS)
def test_missing_file_names_the_file(copy_root, relpath, loader):
    (copy_root / relpath).unlink()
    with pytest.raises(DataFileError, match="missing") as info:
        loader(copy_root)
    assert info.value.path == relpath


def test_series_breaks_finds_algerias_remittances(rem):
    breaks = mig.series_breaks(rem, "remittances_usd")
    assert list(breaks.columns) == mig.BREAK_COLUMNS
    dza = breaks[breaks["iso3"] == "DZA"]
    assert len(dza) == 1
    row = dza.iloc[0]
    by = rem.set_index(["iso3", "year"])["remittances_usd"]
    assert (row["year_from"], row["year_to"], row["year_back"]) == (2004, 2005, 2014)
    assert (row["before"], row["after"], row["back"]) == (by[("DZA", 2004)], by[("DZA", 2005)], by[("DZA", 2014)])
    assert [round(row[c] / 1e9, 2) for c in ("before", "after", "back")] == [2.46, 0.17, 2.45]
    # Among the 24, only Algeria's and China's (US$4.59 bn 1997, 0.34 bn 1998, back by 2003) series break.
    signatories = set(data.load_signatories()["iso3"])
    assert sorted(breaks.loc[breaks["iso3"].isin(signatories), "iso3"]) == ["CHN", "DZA"]
    assert len(breaks) == 27


def test_series_breaks_leaves_steady_series_and_stocks_alone(rem, stock):
    mex = rem[rem["iso3"] == "MEX"]
    assert mex["remittances_usd"].max() / mex["remittances_usd"].min() > 10  # grew tenfold, step by step
    assert mig.series_breaks(mex, "remittances_usd").empty
    for column in ("immigrants", "emigrants"):
        assert mig.series_breaks(stock, column).empty, column


def test_series_breaks_rules():
    def frame(values: dict[int, float | None]) -> pd.DataFrame:
        return pd.DataFrame({"iso3": "AAA", "year": list(values), "v": list(values.values())})

    spike = mig.series_breaks(frame({2000: 1.0, 2001: 50.0, 2002: 4.0}), "v")
    assert spike[["year_from", "year_to", "year_back"]].values.tolist() == [[2000, 2001, 2002]]
    assert mig.series_breaks(frame({2000: 1.0, 2001: 9.9, 2002: 1.0}), "v").empty  # under 10x
    assert mig.series_breaks(frame({2000: 1.0, 2001: 20.0, 2002: 30.0}), "v").empty  # never back
    # A jump across a gap of years is no step from one year to the next.
    assert mig.series_breaks(frame({2000: 1.0, 2001: None, 2002: 50.0, 2003: 1.0}), "v").empty
    assert mig.series_breaks(frame({2000: 1.0, 2001: 0.0, 2002: 1.0}), "v").empty  # 0 is no value
    with pytest.raises(ValueError, match="ratio"):
        mig.series_breaks(frame({2000: 1.0}), "v", ratio=1.0)
