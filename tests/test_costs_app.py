"""The cost of sending money home through AppTest: the map colouring in three languages, a year it
lacks, the migration tab's section (sentences computed from the data, the one signatory picker),
the profile's line, and `?chart=` for each cost chart."""

from __future__ import annotations

import json

import pytest
from apptest_support import map_spec, run

from dashboard.figures import world

COST = "remittance-cost"


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def text_of(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


@pytest.mark.parametrize("lang, legend, title", [
    ("en", "Under 3% (the SDG target)", "Cost of sending money to the country, 2020"),
    ("es", "Menos del 3\u00a0% (la meta de los ODS)", "Costo de enviar dinero al país, 2020"),
    ("fr", "Moins de 3\u00a0% (la cible des ODD)", "Coût de l’envoi d’argent vers le pays, 2020"),
])
def test_the_cost_colouring_draws_in_each_language(lang, legend, title):
    at = run(color=COST, lang=lang)
    assert not at.warning, [w.value for w in at.warning]
    spec = map_spec(at)
    assert world.map_legend(spec)[0] == legend and len(world.map_legend(spec)) == 5
    assert spec["layout"]["title"]["text"].replace("<br>", " ") == title
    assert at.selectbox(key="color_by").value == COST
    (years,) = [b for b in at.get("button_group") if b.key == "mig_year"]
    assert years.options == ["2011", "2020"] and years.value == "2020"


def test_a_year_the_cost_lacks_warns_and_shows_2020():
    at = run(color=COST, year="1999")
    assert any("1999" in w.value for w in at.warning)
    assert "Cost of sending money to the country, 2020" in map_spec(at)["layout"]["title"]["text"].replace("<br>",
                                                                                                          " ")
    at = run(color=COST, year="2005")  # a year of the other indicators, not of this one
    assert any("2005 is not available for “Cost of sending money to the country”: showing 2020" in i.value
               for i in at.info)
    at = run(color=COST, year="2011")
    assert "2011" in map_spec(at)["layout"]["title"]["text"] and not at.info and not at.warning


def test_the_migration_tab_states_the_counts_and_draws_the_cost_charts():
    at = run(view="migration")
    text = text_of(at)
    assert "sending money got cheaper to **17 of the 24**" in text
    assert "under 3% on average to **1** of them (El Salvador) and under 5% to **9**" in text
    assert "76% (71 of 93) cost more than 5% in Q1 2011 and 61% (96 of 158) in Q3 2020" in text
    assert "43% (61 of 143) did in Q1 2025" in text
    assert "there are no earlier data" in text and "(Mexico, 2020: 2.27% against 4.18%)" in text
    titles = [s["layout"]["title"]["text"].replace("<br>", " ") for s in specs(at)]
    assert "The cost of sending US$200 to each of the 24, 2011 and 2020: costliest in 2020 first" in titles
    assert "Sending US$200 to India: each corridor, costliest first" in titles  # the picker's default
    assert any("each corridor's cost, 2011-2025" in t for t in titles)


def test_the_button_colours_the_tab_s_map_by_the_cost():
    at = run(view="migration", indicator="emigrants", year="2005")
    at.button(key="cost_to_map").click().run()
    assert not at.exception and not at.info
    assert specs(at)[0]["layout"]["title"]["text"].replace("<br>", " ") == "Cost of sending money to the country, 2020"
    assert at.query_params["indicator"] in (COST, [COST])


def test_the_indicator_menu_of_the_migration_tab_offers_the_cost():
    at = run(view="migration", indicator=COST, year="2011")
    assert not at.warning and not at.info
    first = specs(at)[0]
    assert first["layout"]["title"]["text"].replace("<br>", " ") == "Cost of sending money to the country, 2011"


def test_one_choice_of_signatory_for_both_pickers_and_a_gap_said():
    at = run(view="migration", country="DZA")
    text = text_of(at)
    assert "The derived series has no corridor into Algeria." in text
    assert "the World Bank measured 2 corridors into Algeria; the dearest, from France, cost" in text
    at.selectbox(key="cost_country").select("MEX").run()
    assert not at.exception
    assert at.query_params["country"] in ("MEX", ["MEX"]) and at.selectbox(key="mig_country").value == "MEX"
    assert "into Algeria" not in text_of(at)  # no stale sentence
    assert "the World Bank measured one corridor into Mexico, from the United States: it cost 4.18%." in text_of(at)


def test_the_profile_gives_the_cost_and_the_dearest_corridor():
    at = run(country="MEX")
    assert ("**Cost of sending US$200 to it:** 5.97% (2011) → 4.18% (2020) · **Dearest corridor, Q3 2020:** "
            "from the United States, 4.18%") in text_of(at)
    at = run(country="NGA", lang="fr")
    assert "10,11\u00a0% (2011) → 7,07\u00a0% (2020)" in text_of(at)


@pytest.mark.parametrize("name", ["cost-change", "cost-corridors", "cost-trend"])
def test_each_cost_chart_alone_by_name(name):
    at = run(chart=name, country="PHL", lang="es")
    (spec,) = specs(at)
    footer = spec["layout"]["annotations"][-1]["text"]
    assert "Banco Mundial, Remittance Prices Worldwide" in footer.replace("<br>", " ")
