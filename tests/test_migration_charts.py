"""Migration figure builders: valid plotly figures carrying the right values (the page skips plotly's
validation, so these tests are where every builder's output is checked against plotly's schema)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import data
from dashboard.core import migration
from dashboard.figures import formats, remittances
from dashboard.figures import migration as migration_charts
from dashboard.figures.migration import INDICATORS


@pytest.fixture(scope="module")
def tables():
    return migration.load_migrant_stock(), migration.load_corridors(), migration.load_remittances()


@pytest.fixture(scope="module")
def world():
    w = data.load_world()
    return list(w["iso3"].fillna(w["ne_name"])), data.load_world_geojson(), data.country_points()


@pytest.mark.parametrize("key", [k for k, i in INDICATORS.items() if i.table != "costs"])  # costs: test_costs_*
@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_indicator_modes_take_the_tables_values(tables, key, lang):
    stock, _, rem = tables
    indicator = INDICATORS[key]
    table = stock if indicator.table == "stock" else rem
    year = indicator.years[0]
    mode = migration_charts.indicator_mode(table, indicator, year, lang)
    expected = table[(table["iso3"] == "PHL") & (table["year"] == year)][indicator.column].iloc[0]
    assert mode.values["PHL"] == pytest.approx(float(expected))
    assert mode.log and str(year) in mode.label
    assert mode.format(float(expected)) == formats.LONG[indicator.kind](float(expected), lang)


def test_flow_map_lines_run_from_the_country_to_its_top_partners(tables, world):
    _, corridors, _ = tables
    ids, geojson, points = world
    top = migration.top_partners(corridors, "MEX", 2020, "destinations", n=10)
    rows = corridors[(corridors["origin_iso3"] == "MEX") & (corridors["year"] == 2020)]
    fig = migration_charts.build_flow_map(geojson, ids, "MEX", "Mexico", top,
                                          dict(zip(rows["destination_iso3"], rows["migrants"].astype(float))),
                                          points, {"USA": "United States"}, 2020, "destinations")
    go.Figure(fig)
    lines = [t for t in fig["data"] if t["type"] == "scattermap" and t["mode"] == "lines"]
    mapped = [p for p in top["partner_iso3"] if p in points]
    assert len(lines) == len(mapped) >= 8
    first = lines[0]
    assert (first["lat"][0], first["lon"][0]) == points["MEX"]
    assert (first["lat"][-1], first["lon"][-1]) == points[mapped[0]] == points["USA"]
    assert first["line"]["width"] == max(t["line"]["width"] for t in lines)  # the largest stock, widest
    base = fig["data"][0]
    z = dict(zip(base["locations"], base["z"]))
    assert z["USA"] == pytest.approx(math.log10(10_853_105), abs=1e-3)  # UN DESA: Mexico -> USA, 2020
    assert z["MEX"] == -1  # the origin itself: grey, outlined


def test_partner_bars_put_the_largest_on_top(tables):
    _, corridors, _ = tables
    top = migration.top_partners(corridors, "IND", 2020, "destinations", n=5)
    ranked = pd.DataFrame({"partner_iso3": top["partner_iso3"], 2005: [1.0] * 5,
                           2020: top["migrants"].astype(float)})
    fig = migration_charts.build_partner_bars("India", ranked, {"ARE": "United Arab Emirates"}, (2005, 2020),
                                              "destinations", "es")
    go.Figure(fig)
    later = next(t for t in fig["data"] if t["name"] == "2020")
    assert later["y"][-1] == "United Arab Emirates" and later["x"][-1] == float(top["migrants"].iloc[0])
    assert "India" in fig["layout"]["title"]["text"] and "Dónde" in fig["layout"]["title"]["text"]


def test_remittance_lines_mark_lima_and_highlight_the_chosen(tables):
    _, _, rem = tables
    sig = data.load_signatories()
    fig = remittances.build_remittance_lines(rem, sig, "PHL", {"Africa": "#0072B2", "Americas": "#E69F00",
                                                                    "Asia": "#009E73"})
    go.Figure(fig)
    lines = [t for t in fig["data"] if t["mode"] == "lines"]
    assert len(lines) == 24  # without the series-break check, one line each
    chosen = lines[-1]  # drawn last, on top
    assert chosen["name"] == "Philippines" and chosen["line"]["width"] > fig["data"][0]["line"]["width"]
    value_2005 = rem[(rem["iso3"] == "PHL") & (rem["year"] == 2005)]["remittances_usd"].iloc[0]
    assert chosen["y"][chosen["x"].index(2005)] == pytest.approx(value_2005 / 1e9, rel=1e-3)
    assert fig["layout"]["shapes"][0]["x0"] == pytest.approx(2006.37, abs=0.01)  # 16 May 2006
    # Its 2005 and latest figures are written at their points, not only in the hover.
    (labels,) = [t for t in fig["data"] if t["mode"] == "markers+text"]
    latest = rem[(rem["iso3"] == "PHL") & (rem["year"] == 2023)]["remittances_usd"].iloc[0]
    assert labels["x"] == [2005, 2023]
    assert labels["text"] == [f"{formats.usd(value_2005)} (2005)", f"{formats.usd(latest)} (2023)"]
    assert labels["text"] == ["US$13.7 bn (2005)", "US$39.1 bn (2023)"]


def test_remittance_lines_cut_and_dot_a_series_break(tables):
    from dashboard.core import ranking

    stock, _, rem = tables
    sig = data.load_signatories()
    breaks = ranking.every_break(stock, rem)
    fig = remittances.build_remittance_lines(rem, sig, "DZA", {}, "en", breaks)
    go.Figure(fig)
    name = "Algeria"
    main = next(t for t in fig["data"] if t.get("name") == name and t["mode"] == "lines")
    by_year = dict(zip(main["x"], main["y"]))
    assert by_year[2004] == pytest.approx(2.46) and by_year[2014] == pytest.approx(2.4524, rel=1e-3)
    assert all(by_year[y] is None for y in range(2005, 2014)), "the stretch inside the break is cut off the line"
    (dotted,) = [t for t in fig["data"] if t["mode"] == "lines+markers" and t.get("hovertemplate", "").startswith(name)]
    assert dotted["x"] == list(range(2005, 2014)) and dotted["line"]["dash"] == "dot"
    assert dotted["y"][0] == pytest.approx(0.17) and dotted["marker"]["symbol"][0] == "x-thin-open"
    assert any(t.get("name", "").startswith("Series break") for t in fig["data"] if t.get("showlegend"))
    (labels,) = [t for t in fig["data"] if t["mode"] == "markers+text"]
    assert labels["text"][0] == "US$170 million † (2005)"  # the 2005 figure, marked
    # China's 1998-2002 stretch is dotted too; a steady series (Mexico) is one line.
    assert any(t["mode"] == "lines+markers" and t["x"] == list(range(1998, 2003)) for t in fig["data"])
    dotted_names = [t.get("hovertemplate", "").split(",")[0] for t in fig["data"] if t["mode"] == "lines+markers"]
    assert "Mexico" not in dotted_names and sorted(set(dotted_names) - {""}) == ["Algeria", "China"]


def test_share_change_chart():
    shares = pd.DataFrame({"measure": ["emigrants", "remittances"], "year_then": [2005, 2005],
                           "then": [31.0, 48.7], "year_now": [2020, 2023], "now": [31.9, 54.4]})
    fig = remittances.build_share_change(shares, "fr")
    go.Figure(fig)
    assert fig["data"][1]["x"] == [54.4, 31.9] and "54,4" in fig["data"][1]["text"][0]
    assert fig["data"][1]["y"][0].replace("<br>", " ") == "Envois de fonds reçus par les 24"
