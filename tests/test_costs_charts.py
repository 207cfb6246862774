"""The cost of sending money home, as drawn: the values in each figure (World Bank RPW), the stepped
map classes around SDG 10.c's 3% and 5%, the official and derived series never one line, the 2023
and 2026 editions never in one trace, the page's tables and data package (no browser, no AppTest)."""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.core import cite, costs, i18n, package
from dashboard.core.provenance import ROOT
from dashboard.data import Tables
from dashboard.figures import catalog, world
from dashboard.figures import costs as cost_figures
from dashboard.figures import migration as migration_figures

V23, V26 = costs.VINTAGE_2023, costs.VINTAGE_2026


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables(ROOT)


@pytest.fixture(scope="module")
def signatories(tables) -> list[str]:
    return list(tables.signatories["iso3"])


def _by_label(trace: dict, names: dict[str, str]) -> dict[str, float]:
    """iso3 -> the trace's x value, read back through the country names on its y axis."""
    iso3 = {v: k for k, v in names.items()}
    return {iso3[y]: x for y, x in zip(trace["y"], trace["x"])}


def _dumbbell(tables, lang="en"):
    fig = catalog.build("cost-change", tables, {"lang": (lang,)})
    go.Figure(fig)  # plotly's schema (the page skips the validation)
    names = cost_figures.names_of(tables.signatories["iso3"], lang)
    marks = {t["name"]: _by_label(t, names) for t in fig["data"] if t.get("mode") == "markers"}
    return fig, marks


@pytest.mark.parametrize("iso3, then, now", [("MEX", 5.97, 4.18), ("IND", 6.96, 5.41), ("NGA", 10.11, 7.07),
                                             ("SLV", 4.69, 2.85), ("DZA", 14.08, 10.52)])
def test_the_dumbbell_carries_the_2023_edition_values(tables, iso3, then, now):
    _, marks = _dumbbell(tables)
    assert (marks["2011"][iso3], marks["2020"][iso3]) == (then, now)


def test_every_one_of_the_24_has_2011_and_2020_costliest_in_2020_on_top(tables, signatories):
    fig, marks = _dumbbell(tables)
    for year in ("2011", "2020"):
        assert set(marks[year]) == set(signatories) and None not in marks[year].values()
    later = next(t for t in fig["data"] if t.get("name") == "2020")
    assert later["y"][0] == "Algeria" and later["y"][-1] == "El Salvador"  # 10.52% ... 2.85%
    assert fig["layout"]["yaxis"]["range"] == [23.5, -1.4]  # first row on top, a free row above it for the labels
    assert sorted(later["x"], reverse=True) == later["x"]
    # The 3% target and the 5% line are drawn across the chart, and named.
    assert [s["x0"] for s in fig["layout"]["shapes"]] == [3.0, 5.0]
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["3%: SDG target", "5%: corridor ceiling"]


def test_the_counts_the_page_states(tables):
    from dashboard.page import store  # the page's cached summary (Streamlit's cache runs bare here)

    change, shares, mexico = store.cost_summary(ROOT)
    assert mexico == {V23: pytest.approx(4.1796), V26: pytest.approx(2.2717)}  # the 2026 edition: never drawn
    assert (change.cheaper, change.under_target, change.under_ceiling) == (17, 1, 9)
    assert [(s.quarter, s.series, s.above, s.corridors) for s in shares] == [
        ("2011Q1", "official", 71, 93), ("2020Q3", "official", 96, 158), ("2025Q1", "derived", 61, 143)]
    assert [round(s.share_pct) for s in shares] == [76, 61, 43]


def test_no_trace_mixes_the_2023_and_2026_editions(tables, signatories):
    """Each trace of a country-level chart holds values of one edition: every dumbbell point is the
    2023 edition's value of its country and year, and the map's hover gives the same, never the
    2026 edition's (Mexico 2020: 4.18%, not 2.27%)."""
    to = tables.remittance_costs[tables.remittance_costs["direction"] == "to"]
    edition = {e: {(i, y): round(v, 2) for i, y, v in zip(rows["iso3"], rows["year"], rows["cost_pct"])}
               for e, rows in to.groupby("vintage")}
    v23, v26 = edition[V23], edition[V26]
    differ = {k for k in v26 if k in v23 and v26[k] != v23[k]}
    assert ("MEX", 2020) in differ and len(differ) > 60  # the editions do disagree: a real check
    _, marks = _dumbbell(tables)
    for year, points in marks.items():
        assert points == {c: v23[(c, int(year))] for c in signatories}, year
    for year in cost_figures.YEARS:
        mode = migration_figures.scale_mode(tables, {"color": (cost_figures.COST_KEY,), "year": (str(year),)})
        for iso3 in signatories:
            assert mode.hover[iso3] == f"Average cost: {v23[(iso3, year)]:.2f}%", (iso3, year)


def test_the_official_and_derived_series_are_never_one_line(tables):
    fig = catalog.build("cost-trend", tables, {"country": ("MEX",)})
    go.Figure(fig)
    usa = [t for t in fig["data"] if t.get("legendgroup") == "USA"]
    official, derived = usa
    assert official["line"]["dash"] == "solid" and derived["line"]["dash"] == "dot"
    assert (official["x"][0], official["y"][0]) == (2011.0, 5.01)  # USA -> MEX, 2011Q1 (RPW corridor)
    assert max(official["x"]) == 2020.5 and min(derived["x"]) == 2016.25 and max(derived["x"]) == 2025.0
    assert "derived" in derived["hovertemplate"] and "official" in official["hovertemplate"]
    assert official["customdata"][0] == "Q1 2011: 5.01%"
    assert [t["name"].replace("<br>", " ") for t in fig["data"][-2:]] == ["World Bank RPW, official",
                                                     "Derived: a third party's averages of RPW data"]


def test_the_corridor_bars_rank_costliest_first_with_the_derived_beside(tables):
    fig = catalog.build("cost-corridors", tables, {"country": ("IND",)})
    go.Figure(fig)
    official, derived = fig["data"]
    assert official["name"] == "Q3 2020, World Bank RPW"
    assert derived["name"].replace("<br>", " ") == "Q1 2025, derived, a third party's averages of RPW data"
    assert official["y"][0] == "Thailand" and official["x"][0] == 15.66 and len(official["y"]) == 20
    assert [x for x in official["x"] if x is not None] == sorted((x for x in official["x"] if x is not None),
                                                                 reverse=True)
    assert derived["marker"]["pattern"]["shape"] == "/"  # told apart by more than colour


def test_a_signatory_without_derived_corridors_gets_no_derived_bars(tables):
    fig = catalog.build("cost-corridors", tables, {"country": ("DZA",), "lang": ("fr",)})
    assert [t["name"] for t in fig["data"]] == ["T3 2020, Banque mondiale, RPW"]
    assert cost_figures.country_of(tables, {"country": ("XXX",)}) == "IND"  # the corridor picker's default
    lines = catalog.build("cost-trend", tables, {"country": ("DZA",)})
    assert [t["name"] for t in lines["data"]] == ["France", "Belgium", "World Bank RPW, official"]  # no derived key


@pytest.mark.parametrize("value, cls", [(0.99, 0), (2.99, 0), (3.0, 1), (5.0, 1), (5.01, 2), (9.99, 2), (10.0, 3)])
def test_the_classes_follow_the_sdg_wording(value, cls):
    """'less than 3 per cent'; corridors 'higher than 5 per cent'."""
    assert cost_figures.cost_class(value) == cls


@pytest.mark.parametrize("lang, words, title", [
    ("en", ["Under 3% (the SDG target)", "3% to 5%", "Over 5%, under 10%", "10% or more", "No data"],
     "Cost of sending money to the country, 2020"),
    ("es", ["Menos del 3\u00a0% (la meta de los ODS)", "De 3\u00a0% a 5\u00a0%", "Más del 5\u00a0%, menos del "
            "10\u00a0%", "10\u00a0% o más", "Sin datos"], "Costo de enviar dinero al país, 2020"),
    ("fr", ["Moins de 3\u00a0% (la cible des ODD)", "De 3\u00a0% à 5\u00a0%", "Plus de 5\u00a0%, moins de "
            "10\u00a0%", "10\u00a0% ou plus", "Pas de données"], "Coût de l’envoi d’argent vers le pays, 2020"),
])
def test_the_map_colouring_in_each_language(tables, lang, words, title):
    options = {"color": (cost_figures.COST_KEY,), "lang": (lang,)}
    fig = catalog.build("map", tables, options)
    go.Figure(fig)
    assert world.map_legend(fig) == words
    assert catalog.chart("map").title_of(tables, options) == title
    colours = world.map_colours(fig)
    assert (colours["SLV"], colours["MEX"], colours["IND"], colours["DZA"]) == cost_figures.CLASS_COLOURS
    assert colours["USA"] == "#E6E6E6"  # no cost of sending money *to* the United States: grey, no data
    credit = catalog.chart("map").credit_of(tables, options)
    assert "Remittance Prices Worldwide" in credit and "2023" in credit


def test_2011_has_fewer_countries_and_each_in_its_class(tables):
    fig = catalog.build("map", tables, {"color": (cost_figures.COST_KEY,), "year": ("2011",)})
    colours = world.map_colours(fig)
    assert colours["BRA"] == cost_figures.CLASS_COLOURS[3]  # 13.42% in 2011
    assert colours["PER"] == cost_figures.CLASS_COLOURS[1]  # 4.99%: under the 5% line
    # Every country with data that the 1:110m map draws (Cabo Verde, Tonga and Samoa are too small for it).
    values = cost_figures.cost_values(tables.remittance_costs, 2011)
    assert len(values) == 85 and set(values) - set(tables.world["id"]) == {"CPV", "TON", "WSM"}
    assert sum(c in cost_figures.CLASS_COLOURS for c in colours.values()) == 82


def test_every_cost_chart_names_its_source_through_the_registry(tables):
    for chart in cost_figures.CHARTS:
        cited = [c if isinstance(c, str) else c[0] for c in chart.cited(tables, {})]
        assert cited[0] == "rpw"
        assert "World Bank, Remittance Prices Worldwide" in chart.credit_of(tables, {})
        if chart.name != "cost-change":
            assert "rpw-derived" in cited
    spanish = i18n.translator("es")("World Bank, Remittance Prices Worldwide")
    assert spanish == "Banco Mundial, Remittance Prices Worldwide"


def test_the_page_tables_the_csv_and_the_data_package(tables):
    from dashboard.page import costs as cost_page  # the page layer: Streamlit's caches run bare here

    page = SimpleNamespace(root=ROOT, tables=tables)
    table = cost_page.cost_table(page, "fr")
    mex = table[table["iso3"] == "MEX"].iloc[0]
    assert (round(mex["cost_pct_2011"], 2), round(mex["cost_pct_2020"], 2), mex["name"]) == (5.97, 4.18, "Mexique")
    data = package.csv_bytes(table)
    assert data.startswith(package.BOM) and "Algérie".encode() in data
    found = cost_page.package_tables(page)
    assert [t.name for t in found] == ["remittance_costs_2011_2020", "remittance_costs", "corridor_costs"]
    assert set(found[1].frame["vintage"]) == {V23} and set(found[1].frame["direction"]) == {"to"}
    assert set(found[2].frame["receiver_iso3"]) <= set(tables.signatories["iso3"])
    assert set(found[2].frame["series"]) == {"official", "derived"}
    c = cite.cite("Migration", "http://h/", {"view": ["migration"]}, "1.0.0+x", pd.Timestamp("2026-12-06").date())
    blob = package.build_package(found, c, "Migration", ROOT)
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        assert {"remittance_costs.csv", "corridor_costs.csv"} <= set(zf.namelist())
        usa_mex = pd.read_csv(io.BytesIO(zf.read("corridor_costs.csv")), encoding="utf-8-sig")
    first = usa_mex[(usa_mex["sender_iso3"] == "USA") & (usa_mex["receiver_iso3"] == "MEX")].iloc[0]
    assert (first["year"], first["quarter"], round(first["cost_pct"], 2)) == (2011, 1, 5.01)


def test_a_country_with_no_corridor_says_so_and_english_names_take_their_article():
    empty = pd.DataFrame(columns=["partner_iso3", "official_cost_pct", "derived_cost_pct", "official_quarter",
                                  "derived_quarter"])
    bars = cost_figures.build_corridor_bars(empty, "Mexique", {}, "fr")
    lines = cost_figures.build_corridor_trend([], "Mexique", {}, "fr")
    for fig in (bars, lines):
        go.Figure(fig)
        assert fig["layout"]["annotations"][0]["text"] == "Aucun corridor vers le pays Mexique n’est mesuré."
    assert [t for t in bars["data"] if t["type"] == "bar"] == []
    assert cost_figures.in_text("USA", "en") == "the United States" and cost_figures.in_text("MEX", "en") == "Mexico"
    assert cost_figures.in_text("USA", "fr") == "États-Unis"  # French words say "le pays {country}"
