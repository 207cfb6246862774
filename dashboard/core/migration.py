"""Migrant stocks, corridors and remittances: checksum-verified loaders and pure summaries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.core import i18n
from dashboard.core.provenance import REBUILD, ROOT, DataFileError, read_verified_csv

__all__ = [
    "STOCK", "CORRIDORS", "REMITTANCES", "STOCK_COLUMNS", "CORRIDOR_COLUMNS", "REMITTANCE_COLUMNS",
    "STOCK_YEARS", "OTHER_ORIGIN", "AREA_NAMES", "load_migrant_stock", "load_corridors",
    "load_remittances", "world_totals", "world_remittances", "top_partners", "signatory_summary",
    "series_breaks",
]

BUILD_SCRIPT = "scripts/build/build_migration.py"
STOCK = "data/migrant_stock.csv"
CORRIDORS = "data/corridors.csv"
REMITTANCES = "data/remittances.csv"
STOCK_COLUMNS = ["iso3", "year", "immigrants", "emigrants", "population", "emigrants_pct_population",
                 "revision"]
CORRIDOR_COLUMNS = ["origin_iso3", "destination_iso3", "year", "migrants"]
REMITTANCE_COLUMNS = ["iso3", "year", "remittances_usd", "gdp_usd", "remittances_pct_gdp"]
STOCK_YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020)  # the 2020 revision; 2024 comes from the 2024 one
# Codes in the UN DESA tables that are not ISO 3166 alpha-3 codes. XCX is in the range ISO leaves to
# users (X..); OOO is UN DESA's "Other" column: migrants whose origin the destination did not report.
OTHER_ORIGIN = "OOO"
AREA_NAMES = {"XCX": "Channel Islands", OTHER_ORIGIN: "Other (origin not reported)"}

_STOCK_DTYPES = {"iso3": "str", "year": "int64", "immigrants": "Int64", "emigrants": "Int64",
                 "population": "Int64", "emigrants_pct_population": "float64", "revision": "str"}
_CORRIDOR_DTYPES = {"origin_iso3": "str", "destination_iso3": "str", "year": "int64",
                    "migrants": "Int64"}
_REMITTANCE_DTYPES = {"iso3": "str", "year": "int64", "remittances_usd": "float64",
                      "gdp_usd": "float64", "remittances_pct_gdp": "float64"}


def _read(relpath: str, root: Path, dtypes: dict[str, str]) -> pd.DataFrame:
    """A derived CSV after its checksum check, with exactly `dtypes`' columns and types."""
    frame = read_verified_csv(relpath, root, dtype=dtypes, na_values=[""])
    remedy = REBUILD.format(script=BUILD_SCRIPT, path=relpath)
    missing = [c for c in dtypes if c not in frame.columns]
    if missing:
        raise DataFileError(relpath, f"it lacks the column(s) {missing}", remedy)
    return frame[list(dtypes)]


def load_migrant_stock(root: Path = ROOT) -> pd.DataFrame:
    """International migrant stock per country or area and year, both sexes (UN DESA).

    - immigrants: people living in the country or area who were born in (or, where the census
      counts citizenship, are citizens of) another one, on 1 July of the year;
    - emigrants: people born in (citizens of) the country or area living in another, summed over
      every destination that reports them. Migrants whose origin a destination did not report
      are nobody's emigrants, so emigrants sum to less than immigrants (see `world_totals`);
    - population: total residents, UN World Population Prospects 2024 via the World Bank; the
      Channel Islands (XCX) are Guernsey plus Jersey;
    - emigrants_pct_population = 100 * emigrants / population (empty when either is);
    - revision "2020": the 2020 revision, 1990-2020 every five years, every country or area;
      revision "2024": year 2024 from the 2024 revision, immigrants only (its 2024 origins are
      incomplete, so no emigrants) and no population yet.
    Immigrants are empty where UN DESA did not estimate an area separately (Montenegro, South
    Sudan, Curaçao before 2010; Sint Maarten before 2005). XCX (Channel Islands) has no ISO code.
    """
    return _read(STOCK, root, _STOCK_DTYPES)


def load_corridors(root: Path = ROOT) -> pd.DataFrame:
    """Migrants by origin and destination, both sexes, UN DESA 2020 revision, 1990-2020: every
    pair with a Lima signatory at one end and at least one migrant. origin_iso3 "OOO" holds the
    migrants in a signatory whose origin was not reported, so a signatory's rows add up to its
    immigrants (as destination) and to its emigrants (as origin)."""
    return _read(CORRIDORS, root, _CORRIDOR_DTYPES)


def load_remittances(root: Path = ROOT) -> pd.DataFrame:
    """Personal remittances received and GDP, current US$, World Bank WDI, 1990-2023 (today's
    estimates, not those known in 2006). Remittances are empty where the World Bank reports
    nothing or 0 (0 stands for "not reported" in this series); remittances_pct_gdp = 100 *
    remittances / GDP."""
    return _read(REMITTANCES, root, _REMITTANCE_DTYPES)


def world_totals(stock: pd.DataFrame) -> pd.DataFrame:
    """Per year: immigrants summed over every country or area (this is UN DESA's world total,
    e.g. 280,598,105 in 2020) and emigrants_attributed, the emigrants of every country or area.
    The difference is the migrants whose origin was not reported; 2024 has no emigrants."""
    grouped = stock.groupby("year", sort=True)
    out = pd.DataFrame({
        "immigrants": grouped["immigrants"].sum(min_count=1),
        "emigrants_attributed": grouped["emigrants"].sum(min_count=1),
    }).astype("Int64")
    return out.reset_index()


def world_remittances(rem: pd.DataFrame, year: int) -> float:
    """Remittances received in `year`, summed over the countries that report them (current US$).
    NaN when none does. Not the World Bank's own world aggregate, which also estimates gaps."""
    values = rem.loc[rem["year"] == year, "remittances_usd"].dropna()
    return float(values.sum()) if len(values) else float("nan")


def top_partners(corridors: pd.DataFrame, iso3: str, year: int, direction: str = "destinations",
                 n: int = 10) -> pd.DataFrame:
    """The n largest partners of a signatory in `year`: where its emigrants live
    (direction="destinations") or where its immigrants come from ("origins").

    share is the partner's percentage of the country's total emigrants (immigrants), which is the
    sum of all its corridors, including migrants of unreported origin; those are not ranked as a
    partner. The corridor table holds every partner of a signatory only, so for other countries
    the total would be incomplete: asking for one that has no rows raises ValueError.
    """
    own, other = _sides(direction)
    rows = corridors[(corridors[own] == iso3) & (corridors["year"] == year)]
    if rows.empty:
        raise ValueError(f"no corridors for {iso3!r} in {year}")
    total = int(rows["migrants"].sum())
    ranked = (rows[rows[other] != OTHER_ORIGIN]
              .sort_values(["migrants", other], ascending=[False, True]).head(n))
    return pd.DataFrame({
        "partner_iso3": ranked[other].astype(str).to_numpy(),
        "migrants": ranked["migrants"].astype("Int64").to_numpy(),
        "share": (100 * ranked["migrants"].astype("float64") / total).to_numpy(),
    })


def _pct(part: float, whole: float) -> float:
    return 100 * part / whole if whole else float("nan")


def signatory_summary(stock: pd.DataFrame, rem: pd.DataFrame, signatory_iso3s: list[str] | tuple[str, ...],
                      years: tuple[int, ...] = (2005, 2020),
                      remittance_years: tuple[int, ...] | None = None) -> dict[str, Any]:
    """Headline numbers for the signatories against the world.

    Returns {"signatories": count,
             "stock": {year: {emigrants, world_emigrants_attributed, emigrants_share_pct,
                              world_migrants, emigrants_share_of_all_migrants_pct,
                              immigrants, immigrants_share_pct, missing}},
             "remittances": {year: {remittances_usd, world_remittances_usd, share_pct,
                                    reporting, missing}}}.
    emigrants_share_pct divides by the emigrants of every country (origin reported);
    emigrants_share_of_all_migrants_pct by every international migrant. remittance_years
    defaults to the first of `years` and the latest year any country reports. `missing` lists
    the signatories without a value (they count as nothing in the sums).
    """
    codes = list(dict.fromkeys(signatory_iso3s))
    totals = world_totals(stock).set_index("year")
    out: dict[str, Any] = {"signatories": len(codes), "stock": {}, "remittances": {}}
    for year in years:
        rows = stock[(stock["year"] == year) & stock["iso3"].isin(codes)].set_index("iso3")
        emigrants, immigrants = rows["emigrants"], rows["immigrants"]
        world_emi = int(totals["emigrants_attributed"][year])
        world_imm = int(totals["immigrants"][year])
        missing = sorted(c for c in codes
                         if c not in rows.index or pd.isna(emigrants.get(c)) or pd.isna(immigrants.get(c)))
        out["stock"][year] = {
            "emigrants": int(emigrants.sum()), "world_emigrants_attributed": world_emi,
            "emigrants_share_pct": _pct(int(emigrants.sum()), world_emi),
            "world_migrants": world_imm,
            "emigrants_share_of_all_migrants_pct": _pct(int(emigrants.sum()), world_imm),
            "immigrants": int(immigrants.sum()), "immigrants_share_pct": _pct(int(immigrants.sum()), world_imm),
            "missing": missing,
        }
    if remittance_years is None:
        latest = int(rem.loc[rem["remittances_usd"].notna(), "year"].max())
        remittance_years = tuple(dict.fromkeys((years[0], latest)))
    for year in remittance_years:
        rows = rem[(rem["year"] == year) & rem["iso3"].isin(codes)].dropna(subset=["remittances_usd"])
        ours, world = float(rows["remittances_usd"].sum()), world_remittances(rem, year)
        out["remittances"][year] = {
            "remittances_usd": ours, "world_remittances_usd": world, "share_pct": _pct(ours, world),
            "reporting": len(rows), "missing": sorted(set(codes) - set(rows["iso3"])),
        }
    return out


def signatory_table(stock: pd.DataFrame, rem: pd.DataFrame, corridors: pd.DataFrame,
                    signatories: pd.DataFrame, names: dict[str, str],
                    years: tuple[int, int] = (2005, 2020), rem_years: tuple[int, int] = (2005, 2023)) -> pd.DataFrame:
    """One row per signatory (in `signatories`' order) with its migration figures then and now.

    Columns: iso3, name, region, emigrants_<y>, emigrants_pct_population_<y>, immigrants_<y>
    (both `years`, and immigrants_2024 from the 2024 revision), top_destinations_<later year>
    (the three largest, with their share), remittances_usd_<y> and remittances_pct_gdp_<y> (both
    `rem_years`). Missing values stay missing.
    """
    s = stock.set_index(["iso3", "year"])
    r = rem.set_index(["iso3", "year"])
    rows = []
    for iso3, name, region in zip(signatories["iso3"], signatories["name"], signatories["region"]):
        row: dict[str, Any] = {"iso3": iso3, "name": name, "region": region}
        for year in years:
            for col in ("emigrants", "immigrants", "emigrants_pct_population"):
                row[f"{col}_{year}"] = s[col].get((iso3, year), pd.NA)
        row["immigrants_2024"] = s["immigrants"].get((iso3, 2024), pd.NA)
        try:
            top = top_partners(corridors, iso3, years[-1], "destinations", n=3)
            row[f"top_destinations_{years[-1]}"] = "; ".join(
                f"{names.get(p, p)} ({share:.0f}%)" for p, share in zip(top["partner_iso3"], top["share"]))
        except ValueError:
            row[f"top_destinations_{years[-1]}"] = ""
        for year in rem_years:
            for col in ("remittances_usd", "remittances_pct_gdp"):
                row[f"{col}_{year}"] = r[col].get((iso3, year), float("nan"))
        rows.append(row)
    return pd.DataFrame(rows)


def english_names(m49: pd.DataFrame, signatories: pd.DataFrame) -> dict[str, str]:
    """iso3 -> English name of every country or area in the migration tables: the UN M49 name,
    the areas UN DESA adds (AREA_NAMES), and the signatories as the press release names them."""
    return {**dict(zip(m49["iso3"], m49["name"])), **AREA_NAMES,
            **dict(zip(signatories["iso3"], signatories["name"]))}


def localized_names(english: dict[str, str], lang: str) -> dict[str, str]:
    """The same names in `lang`: CLDR's for countries, the catalog's for UN DESA's own areas."""
    if lang == "en":
        return english
    _ = i18n.translator(lang)
    out = {}
    for code, name in english.items():
        local = i18n.country_name(code, lang)
        out[code] = local if local != code else _(AREA_NAMES.get(code, name))
    return out


def _sides(direction: str) -> tuple[str, str]:
    """(the signatory's column, the partner's column) of the corridor table for a direction."""
    if direction not in ("destinations", "origins"):
        raise ValueError(f"direction must be 'destinations' or 'origins', not {direction!r}")
    return ("origin_iso3", "destination_iso3") if direction == "destinations" else ("destination_iso3", "origin_iso3")


def partner_stock(corridors: pd.DataFrame, iso3: str, direction: str) -> dict[tuple[str, int], float]:
    """(partner, year) -> migrants, for every named partner of `iso3` in `direction` (a dict, not a
    pivot table: a tenth of the cost, on every new country)."""
    own, other = _sides(direction)
    rows = corridors[(corridors[own] == iso3) & (corridors[other] != OTHER_ORIGIN)]
    return {(p, int(y)): float(m) for p, y, m in zip(rows[other], rows["year"], rows["migrants"])}


def ranked_partners(corridors: pd.DataFrame, iso3: str, direction: str, years: tuple[int, int],
                    n: int = 10) -> pd.DataFrame:
    """The n largest partners in the later of `years`, with their migrants in both years
    (columns partner_iso3, then one per year; NaN where none)."""
    stock = partner_stock(corridors, iso3, direction)
    ranked = pd.DataFrame({"partner_iso3": top_partners(corridors, iso3, years[-1], direction, n=n)["partner_iso3"]})
    for year in years:
        ranked[year] = [stock.get((p, year), float("nan")) for p in ranked["partner_iso3"]]
    return ranked


def largest_origin(stock: pd.DataFrame, iso3s: list[str], year: int) -> str:
    """The country among `iso3s` with the most emigrants in `year` (the corridors' default)."""
    ours = stock[(stock["year"] == year) & stock["iso3"].isin(iso3s)]
    return str(ours.sort_values("emigrants", ascending=False)["iso3"].iloc[0])


def share_table(summary: dict[str, Any], then: int = 2005, now: int = 2020) -> pd.DataFrame:
    """The 24's share of the world's emigrants and of remittances, then and now, from
    signatory_summary(): rows measure, year_then, then, year_now, now (%)."""
    (y0, r0), (y1, r1) = sorted(summary["remittances"].items())
    return pd.DataFrame({
        "measure": ["emigrants", "remittances"],
        "year_then": [then, y0], "then": [summary["stock"][then]["emigrants_share_of_all_migrants_pct"],
                                          r0["share_pct"]],
        "year_now": [now, y1], "now": [summary["stock"][now]["emigrants_share_of_all_migrants_pct"],
                                       r1["share_pct"]]})
BREAK_COLUMNS = ["iso3", "column", "year_from", "year_to", "before", "after", "year_back", "back"]


def series_breaks(frame: pd.DataFrame, column: str, ratio: float = 10.0) -> pd.DataFrame:
    """Suspected breaks in each country's series of `column`: a jump by a factor of `ratio` or
    more (up or down) from one observation to the next, and a later move back by that factor.

    Algeria's remittances fall from US$2.46 bn (2004) to 0.17 bn (2005) and are back at 2.45 bn
    in 2014: one row, iso3 DZA, year_from 2004, year_to 2005, before 2.46e9, after 0.17e9,
    year_back 2014, back 2.45e9 (the first later value that far from `after`). A step joins two
    neighbouring years of the frame's own calendar (every year for remittances, every five years
    for migrant stocks), so a gap of several years is no step; empty, 0 and negative values are
    skipped, since a factor needs two positive values. The jump back itself is not reported
    (unless it is followed by yet another jump back). Columns: BREAK_COLUMNS, in iso3 and year order.
    """
    if ratio <= 1:
        raise ValueError(f"ratio must be above 1, not {ratio}")
    calendar = {year: i for i, year in enumerate(sorted(frame["year"].astype(int).unique()))}
    values = frame[["iso3", "year", column]].dropna()
    values = values[values[column].astype("float64") > 0].sort_values(["iso3", "year"])
    rows = []
    for iso3, group in values.groupby("iso3", sort=True):
        years = group["year"].astype(int).tolist()
        series = group[column].astype("float64").tolist()
        for i in range(len(series) - 1):
            if calendar[years[i + 1]] != calendar[years[i]] + 1:
                continue
            before, after = series[i], series[i + 1]
            factor = after / before
            if 1 / ratio < factor < ratio:
                continue
            fell = factor <= 1 / ratio
            for year_back, back in zip(years[i + 2:], series[i + 2:]):
                if (back / after >= ratio) if fell else (after / back >= ratio):
                    rows.append((iso3, column, years[i], years[i + 1], before, after, year_back, back))
                    break
    return pd.DataFrame(rows, columns=BREAK_COLUMNS).astype(
        {"year_from": "int64", "year_to": "int64", "year_back": "int64", "before": "float64",
         "after": "float64", "back": "float64"})
