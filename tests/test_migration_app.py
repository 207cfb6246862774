"""The migration tab and the migration map modes through AppTest: indicators, years, corridors, hostile values."""

from __future__ import annotations

import json
import re

import pytest
from apptest_support import ROOT, frame_with, map_spec, run

from dashboard.core import i18n, migration
from dashboard.figures import world
from dashboard.figures.migration import INDICATORS

SCALES = [k for k, i in INDICATORS.items() if i.table != "costs"]  # the cost's classes: tests/test_costs_app.py


@pytest.fixture(scope="module")
def stock():
    return migration.load_migrant_stock()


@pytest.fixture(scope="module")
def rem():
    return migration.load_remittances()


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def partner_bars(at) -> dict:
    """The corridor bars (found by their name in the page's language, not by their place on the tab)."""
    (spec,) = [s for s in specs(at) if any(t.get("type") == "bar" and t.get("name") == "2020" for t in s["data"])]
    return spec


def hover_of(spec: dict, iso3: str) -> str:
    for trace in spec["data"]:
        if iso3 in trace.get("locations", []):
            return trace["text"][trace["locations"].index(iso3)]
    raise KeyError(iso3)


def test_migration_tab_headline_is_computed_from_the_data():
    at = run(view="migration")
    text = "\n".join(m.value for m in at.markdown)
    # UN DESA's published world totals (2005: 191,446,828; 2020: 280,598,105), as the page words them.
    assert "191.4 million" in text and "280.6 million" in text
    assert "59.3 million international migrants" in text  # the 24's emigrants in 2005 (sum of the table)
    charts = specs(at)
    assert len(charts) == 9  # indicator map, ranked bars, flow map, partner bars, remittance lines, shares, 3 on costs
    assert at.dataframe[0].value.shape[0] == 24


@pytest.mark.parametrize("key", SCALES)
def test_each_indicator_and_year_shades_the_map_with_the_table_values(key, stock, rem):
    indicator = INDICATORS[key]
    table = stock if indicator.table == "stock" else rem
    for year in indicator.years:
        at = run(view="migration", indicator=key, year=str(year))
        assert not at.warning, [w.value for w in at.warning]
        spec = specs(at)[0]
        (trace,) = spec["data"]
        value = table[(table["iso3"] == "MEX") & (table["year"] == year)][indicator.column].iloc[0]
        assert indicator.format(float(value)) in hover_of(spec, "MEX"), (key, year)
        assert str(year) in trace["colorbar"]["title"]["text"]


def test_known_values_reach_the_page():
    at = run(view="migration", indicator="remittances", year="2005")
    assert "US$22.7 bn" in hover_of(specs(at)[0], "MEX")  # World Bank WDI, Mexico 2005
    at = run(view="migration", country="MEX")
    bars = partner_bars(at)
    later = next(t for t in bars["data"] if t["name"] == "2020")
    assert later["y"][-1] == "United States of America"  # ranked first, drawn on top
    assert later["x"][-1] == 10_853_105  # UN DESA: Mexico -> USA, 2020


def test_year_that_an_indicator_lacks_falls_back_with_a_message():
    at = run(view="migration", indicator="emigrants", year="2024")
    assert any("2024 is not available" in i.value for i in at.info)
    assert "2020" in specs(at)[0]["data"][0]["colorbar"]["title"]["text"]


@pytest.mark.parametrize("params", [
    {"indicator": "<script>alert(1)</script>"}, {"year": "1800"}, {"direction": "sideways"},
    {"indicator": "emigrants';DROP", "year": "2005" * 30},
])
def test_hostile_values_are_ignored_with_a_warning(params):
    at = run(view="migration", **params)
    assert at.warning, "an unknown value must be reported"
    assert "Emigrants living abroad" in specs(at)[0]["data"][0]["colorbar"]["title"]["text"]


def test_map_tab_colour_mode_shades_every_country_and_outlines_the_24():
    at = run(color="immigrants", year="2024")
    spec = map_spec(at)
    (trace,) = spec["data"]
    widths = dict(zip(trace["locations"], trace["marker"]["line"]["width"]))
    assert widths["PER"] > widths["USA"]
    colours = world.map_colours(spec)
    assert colours["USA"] != colours["PER"]  # immigrants: the USA several decades above Peru
    assert "2024" in trace["colorbar"]["title"]["text"]
    assert at.segmented_control(key="mig_year").value == "2024"


def test_profile_gets_its_migration_figures(stock):
    at = run(country="PHL")
    text = "\n".join(m.value for m in at.markdown)
    emigrants_2020 = stock[(stock["iso3"] == "PHL") & (stock["year"] == 2020)]["emigrants"].iloc[0]
    assert f"{emigrants_2020 / 1e6:.1f} million" in text and "Emigrants abroad" in text
    assert "Top destinations, 2020:" in text and "United States of America" in text


def test_the_corridor_table_is_never_sent_whole():
    at = run(view="migration")
    sent = sum(len(c.proto.spec) for c in at.get("plotly_chart"))
    assert sent < 900_000
    assert all(d.value.shape[0] <= 24 for d in at.dataframe)
    frame = frame_with(at, "Top destinations 2020")
    assert frame["Country"].tolist()[0] == "India"  # the most emigrants in 2020: sorted by the tab's indicator


def _english_sentences() -> list[str]:
    """The migration area's English messages long enough to be sentences (placeholders cut out)."""
    from babel.messages.pofile import read_po

    with open(ROOT / "dashboard" / "locales" / "es" / "LC_MESSAGES" / "migration.po", "rb") as handle:
        ids = [m.id for m in read_po(handle) if m.id]
    pieces = [p.strip(" .,;:()*") for i in ids for p in re.split(r"\{[^}]*\}", i)]
    return sorted({p for p in pieces if len(p.split()) >= 4 and "International Migrant Stock" not in p})


@pytest.mark.parametrize("lang, heading, number", [
    ("es", "Migración y remesas: el tema mismo de la Declaración", "59,3 millones de migrantes internacionales"),
    ("fr", "Migrations et envois de fonds : le sujet même de la Déclaration",
     "59,3 millions de migrants internationaux"),
])
def test_migration_tab_in_spanish_and_french(lang, heading, number):
    at = run(view="migration", lang=lang, country="MEX")
    text = "\n".join([*(m.value for m in at.markdown), *(s.value for s in at.header),
                      *(c.value for c in at.caption)])
    assert heading in text and number in text
    left = [s for s in _english_sentences() if s in text]
    assert not left, f"English left on the {lang} page: {left}"
    bars = partner_bars(at)
    later = next(t for t in bars["data"] if t["name"] == "2020")
    assert later["y"][-1] == {"es": "Estados Unidos", "fr": "États-Unis"}[lang]  # CLDR names
    no_data = i18n.translator(lang)("No data")
    assert no_data != "No data" and specs(at)[0]["data"][0]["colorbar"]["ticktext"][0] == no_data
    table = at.dataframe[0].value
    assert {"es": "País", "fr": "Pays"}[lang] in table.columns
    assert {"es": "Perú", "fr": "Pérou"}[lang] in set(table.iloc[:, 0])


@pytest.mark.parametrize("relpath, view", [("data/migrant_stock.csv", "migration"),
                                            ("data/corridors.csv", "migration"),
                                            ("data/remittances.csv", "migration")])
def test_a_broken_migration_file_gives_a_message_that_names_it(tmp_path, monkeypatch, relpath, view):
    import shutil

    from streamlit.testing.v1 import AppTest

    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / relpath).write_bytes((tmp_path / relpath).read_bytes() + b"tampered")
    monkeypatch.setenv("LIMA_DASHBOARD_ROOT", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["view"] = view
    at.run()
    assert not at.exception  # no traceback
    assert len(at.error) == 1 and relpath in at.error[0].value and "What to do" in at.error[0].value
