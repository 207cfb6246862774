"""Ranked answers and series breaks, as tables and figures: the 24 ordered largest first with the data's
own values, the break check over every stock and remittance series, and the words that name a break."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.core import migration, ranking
from dashboard.core.provenance import ROOT
from dashboard.data import Tables
from dashboard.figures import breaks as ranking_chart
from dashboard.figures import catalog, formats, remittances
from dashboard.figures.migration import INDICATORS


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables(ROOT)


@pytest.fixture(scope="module")
def iso3s(tables) -> tuple[str, ...]:
    return tuple(tables.signatories["iso3"])


def _value(frame: pd.DataFrame, iso3: str, year: int, column: str) -> float:
    return float(frame[(frame["iso3"] == iso3) & (frame["year"] == year)][column].iloc[0])


def test_the_24_ranked_by_emigrants_in_2020_start_with_india(tables, iso3s):
    frame = ranking.ranked(tables.stock, "emigrants", 2020, iso3s, tables.series_breaks)
    assert len(frame) == 24 and frame["iso3"].iloc[0] == "IND"
    assert frame["value"].iloc[0] == _value(tables.stock, "IND", 2020, "emigrants") == 17_869_492
    assert frame["value"].is_monotonic_decreasing
    assert list(frame["rank"]) == list(range(1, 25))
    assert not frame["in_break"].any()
    mine = tables.stock[(tables.stock["year"] == 2020) & tables.stock["iso3"].isin(iso3s)]
    assert frame["iso3"].iloc[-1] == mine.sort_values("emigrants")["iso3"].iloc[0]


def test_a_missing_figure_is_last_and_no_zero():
    frame = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"], "year": 2000, "v": [5.0, None, 9.0]})
    out = ranking.ranked(frame, "v", 2000, ("AAA", "BBB", "CCC", "DDD"), pd.DataFrame(
        columns=migration.BREAK_COLUMNS))
    assert list(out["iso3"]) == ["CCC", "AAA", "BBB", "DDD"]
    assert out["value"].isna().tolist() == [False, False, True, True]
    assert out["rank"].tolist()[:2] == [1, 2] and out["rank"].isna().tolist()[2:] == [True, True]


def test_the_break_check_runs_over_every_stock_and_remittance_series(tables):
    breaks = ranking.every_break(tables.stock, tables.remittances)
    assert list(breaks.columns) == migration.BREAK_COLUMNS
    dza = breaks[(breaks["iso3"] == "DZA") & (breaks["column"] == "remittances_usd")].iloc[0]
    assert (dza["year_from"], dza["year_to"], dza["year_back"]) == (2004, 2005, 2014)
    ours = breaks[breaks["iso3"].isin(tables.signatories["iso3"])]
    assert sorted(set(zip(ours["iso3"], ours["column"]))) == [
        ("CHN", "remittances_pct_gdp"), ("CHN", "remittances_usd"), ("DZA", "remittances_usd")]
    # A break planted in each stock and remittance series is found: the check reads them all.
    for table, columns, year, later in ((tables.stock, ranking.STOCK_SERIES, 2005, 2010),
                                        (tables.remittances, ranking.REMITTANCE_SERIES, 2005, 2006)):
        for column in columns:
            planted = table.copy()
            row = (planted["iso3"] == "PER") & (planted["year"] == year)
            planted[column] = planted[column].astype("float64")
            planted.loc[row, column] = planted.loc[row, column] * 100
            found = ranking.every_break(tables.stock if table is tables.remittances else planted,
                                        planted if table is tables.remittances else tables.remittances)
            hit = found[(found["iso3"] == "PER") & (found["column"] == column)]
            assert (year, later) in list(zip(hit["year_to"], hit["year_back"])), column


def test_which_figures_are_inside_a_break(tables):
    breaks = tables.series_breaks
    assert ranking.break_at(breaks, "DZA", "remittances_usd", 2004) is None
    assert all(ranking.break_at(breaks, "DZA", "remittances_usd", y) for y in range(2005, 2014))
    assert ranking.break_at(breaks, "DZA", "remittances_usd", 2014) is None
    # The share of GDP shares the count's break (alone it does not move tenfold and back).
    assert ranking.break_at(breaks, "DZA", "remittances_pct_gdp", 2005)["column"] == "remittances_usd"
    assert ranking.break_at(breaks, "PHL", "remittances_usd", 2005) is None


@pytest.mark.parametrize(("key", "year", "first"), [("emigrants", 2020, "India"), ("remittances", 2005, "Mexico"),
                                                     ("immigrants", 2024, "India"),
                                                     ("remittances_pct_gdp", 2023, "El Salvador")])
def test_the_ranked_chart_puts_the_largest_first(tables, iso3s, key, year, first):
    indicator = INDICATORS[key]
    options = {"indicator": (key,), "year": (str(year),)}
    fig = catalog.build("ranking", tables, options)
    go.Figure(fig)
    (bars,) = fig["data"]
    table = tables.stock if indicator.table == "stock" else tables.remittances
    values = table[(table["year"] == year) & table["iso3"].isin(iso3s)].set_index("iso3")[indicator.column]
    assert bars["y"][0] == first and bars["x"][0] == values.max()
    assert bars["x"] == sorted(bars["x"], reverse=True)
    assert fig["layout"]["yaxis"]["autorange"] == "reversed"  # the first bar is drawn at the top
    assert bars["text"][0] == formats.SHORT[indicator.kind](values.max(), "en")
    title = catalog.CHARTS["ranking"].title_of(tables, options)
    assert title.endswith(f"{year}: {first} first"), title


def test_the_ranked_chart_marks_algerias_2005_remittances(tables):
    options = {"indicator": ("remittances",), "year": ("2005",), "lang": ("es",)}
    (bars,) = catalog.build("ranking", tables, options)["data"]
    at = bars["y"].index("Argelia")
    assert bars["marker"]["pattern"]["shape"][at] == "/" and bars["text"][at].endswith("†")
    assert [s for s in bars["marker"]["pattern"]["shape"] if s] == ["/"]
    note = catalog.CHARTS["ranking"].source_of(tables, options)
    assert "Argelia: la serie del Banco Mundial cae de 2,46 mil millones de US$ (2004) a 0,17 mil millones de " \
           "US$ (2005) y vuelve a 2,45 mil millones de US$ en 2014" in note
    assert "China" not in note.split("†", 1)[1]  # China's break (1998-2002) is not in 2005


def test_break_sentence_in_three_languages(tables):
    row = ranking.break_at(tables.series_breaks, "DZA", "remittances_usd", 2005)
    assert ranking_chart.break_sentence(row, "Algeria").startswith(
        "Algeria: the World Bank's series falls from US$2.46 bn (2004) to US$0.17 bn (2005) and is back at "
        "US$2.45 bn in 2014: most likely a break in the series")
    assert "0,17 milliard de dollars US (2005)" in ranking_chart.break_sentence(row, "Algérie", "fr")
    assert "2,46 milliards de dollars US (2004)" in ranking_chart.break_sentence(row, "Algérie", "fr")


def test_the_remittance_note_gives_the_chosen_figures_in_words(tables):
    chart = catalog.CHARTS["remittances"]
    note = chart.source_of(tables, {"country": ("PHL",)})
    phl = [_value(tables.remittances, "PHL", y, "remittances_usd") for y in (2005, 2023)]
    assert f"Philippines: {formats.usd(phl[0])} in 2005, {formats.usd(phl[1])} in 2023." in note
    assert "Philippines: US$13.7 bn in 2005, US$39.1 bn in 2023." in note
    assert "Algeria: the World Bank's series falls from US$2.46 bn (2004)" in note  # every break of the 24
    dza = chart.source_of(tables, {"country": ("DZA",)})
    assert "Algeria: US$1.9 bn in 2023; its 2005 figure, US$170 million †, is inside a break" in dza
    assert "Algeria: US$170 million in 2005" not in dza, "no 2005-vs-latest comparison across a break"
    top = chart.source_of(tables, {})
    assert "The largest in 2023: India (US$119.5 bn); Mexico (US$66.2 bn); Philippines (US$39.1 bn)." in top


def test_the_24s_total_says_what_it_holds_of_a_break(tables, iso3s):
    rem = tables.remittances
    note = catalog.CHARTS["migration-share"].source_of(tables, {})
    year = rem[rem["year"] == 2005]
    share = 100 * _value(rem, "DZA", 2005, "remittances_usd") / year[year["iso3"].isin(iso3s)][
        "remittances_usd"].sum()
    assert round(share, 1) == 0.1
    assert f"Algeria's 2005 figure (US$170 million) is inside a break in its series and is counted as published: " \
           f"{formats.percent(share)} of the 24's 2005 total." in note
    # The summary itself is unchanged: the figure is counted as published, never silently dropped.
    assert tables.migration_summary["remittances"][2005]["reporting"] == 24
    assert "2023" not in remittances.share_footnote(rem, tables.series_breaks, iso3s, (2023,), {}, "en")


def test_the_indicator_map_names_a_break_in_the_year_it_shows(tables):
    chart = catalog.CHARTS["migration"]
    note = chart.source_of(tables, {"indicator": ("remittances",), "year": ("2005",)})
    assert "† Algeria: the World Bank's series falls from US$2.46 bn (2004) to US$0.17 bn (2005)" in note
    share = chart.source_of(tables, {"indicator": ("remittances_pct_gdp",), "year": ("2005",)})
    assert "† Algeria: the World Bank's series falls" in share  # the share of GDP carries the count's break
    assert "Algeria" not in chart.source_of(tables, {"indicator": ("remittances",), "year": ("2023",)})
    assert "†" not in chart.source_of(tables, {"indicator": ("emigrants",), "year": ("2005",)})
