"""The 24 ranked by a migration figure, and the figures that sit inside a break in their series (no Streamlit).

A series break (dashboard.core.migration.series_breaks) is a jump of tenfold or more from one year to
the next and back later: Algeria's remittances fall from US$2.46 bn (2004) to 0.17 bn (2005) and are
back at 2.45 bn in 2014. The figures from the jump up to the year before the return (Algeria 2005-2013)
are "inside" the break: they are shown as published, marked, and kept out of comparisons over time.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.core.migration import BREAK_COLUMNS, series_breaks

# Every series the check runs over, table by table (the migrant stock, then the remittances).
STOCK_SERIES = ("immigrants", "emigrants", "population", "emigrants_pct_population")
REMITTANCE_SERIES = ("remittances_usd", "gdp_usd", "remittances_pct_gdp")
# A share is computed from a count: a break in the count is a break in the share, even where the share
# alone does not move tenfold and back (Algeria's remittances as % of GDP: 2.9% in 2004, 0.16% in
# 2005, 1.1% in 2014, since GDP grew meanwhile).
DERIVED_FROM = {"remittances_pct_gdp": ("remittances_usd", "gdp_usd"),
                "emigrants_pct_population": ("emigrants", "population")}


def every_break(stock: pd.DataFrame, rem: pd.DataFrame, ratio: float = 10.0) -> pd.DataFrame:
    """The series-break check over every stock and remittance series of every country: BREAK_COLUMNS,
    in the order of STOCK_SERIES then REMITTANCE_SERIES, each in iso3 and year order."""
    found = [series_breaks(stock, c, ratio) for c in STOCK_SERIES]
    found += [series_breaks(rem, c, ratio) for c in REMITTANCE_SERIES]
    return pd.concat([f for f in found if len(f)] or [found[0]], ignore_index=True)[BREAK_COLUMNS]


def breaks_of(breaks: pd.DataFrame, column: str) -> pd.DataFrame:
    """The breaks that touch `column`: its own, and those of the counts it is computed from."""
    return breaks[breaks["column"].isin((column, *DERIVED_FROM.get(column, ())))]


def break_at(breaks: pd.DataFrame, iso3: str, column: str, year: int) -> dict[str, Any] | None:
    """The break whose stretch holds `year` for this country and column (year_to <= year < year_back),
    as a dict of BREAK_COLUMNS; None when the figure is outside every break. When several hold it
    (a series that jumps back and forth), the first one is given."""
    rows = breaks_of(breaks, column)
    rows = rows[(rows["iso3"] == iso3) & (rows["year_to"] <= year) & (year < rows["year_back"])]
    return None if rows.empty else {str(k): v for k, v in rows.iloc[0].items()}


def ranked(table: pd.DataFrame, column: str, year: int, iso3s: list[str] | tuple[str, ...],
           breaks: pd.DataFrame) -> pd.DataFrame:
    """The countries `iso3s` ranked by `column` in `year`, largest first: columns iso3, value, rank
    (1 for the largest; ties share the better rank), in_break (the figure sits inside a series break).
    A country without a figure comes last with value NaN and rank NA: a gap, never a zero."""
    codes = list(dict.fromkeys(iso3s))
    values = table[(table["year"] == year) & table["iso3"].isin(codes)].set_index("iso3")[column]
    frame = pd.DataFrame({"iso3": codes, "value": [float(values.get(c, float("nan"))) for c in codes]})
    frame = frame.sort_values(["value", "iso3"], ascending=[False, True], na_position="last", kind="stable")
    frame["rank"] = frame["value"].rank(ascending=False, method="min").astype("Int64")
    frame["in_break"] = [break_at(breaks, c, column, year) is not None for c in frame["iso3"]]
    return frame.reset_index(drop=True)


def then_and_now(table: pd.DataFrame, column: str, iso3: str, years: tuple[int, ...],
                 breaks: pd.DataFrame) -> list[tuple[int, float, dict[str, Any] | None]]:
    """A country's figure in each of `years`: (year, value or NaN, the break that holds it or None)."""
    rows = table[table["iso3"] == iso3].set_index("year")[column]
    out = []
    for year in years:
        value = rows.get(year, float("nan"))
        out.append((year, float("nan") if pd.isna(value) else float(value), break_at(breaks, iso3, column, year)))
    return out


def latest_year(table: pd.DataFrame, column: str, iso3: str) -> int | None:
    """The last year with a figure for this country (None without any)."""
    years = table.loc[(table["iso3"] == iso3) & table[column].notna(), "year"]
    return int(years.max()) if len(years) else None


def breaks_in(breaks: pd.DataFrame, column: str, year: int, iso3s: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """The breaks whose stretch holds `year` among `iso3s` for `column` (its own and its counts')."""
    rows = breaks_of(breaks, column)
    return rows[rows["iso3"].isin(iso3s) & (rows["year_to"] <= year) & (year < rows["year_back"])]
