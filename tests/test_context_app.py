"""The context tabs through AppTest: treaty and process map modes, then/now, population, compare box."""

from __future__ import annotations

import csv
import json

import pytest
from apptest_support import ROOT, frame_with, map_spec, run
from streamlit.testing.v1 import AppTest

from dashboard.figures import world_map


def map_colour(spec: dict, iso3: str) -> str:
    return world_map.map_colours(spec)[iso3]


def notes_rows(treaty: str) -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = {}
    with open(ROOT / "data" / "treaties.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["treaty"] == treaty:
                rows.setdefault(row["iso3"], []).append(row)
    return rows


def test_icrmw_at_lima_colours_parties_and_non_parties():
    at = run(color="icrmw-lima")
    spec = map_spec(at)
    assert world_map.map_legend(spec)[:4] == ["party", "signatory only", "no action", "no data"]
    rows = notes_rows("ICRMW")
    # Straight from the notes: Egypt acceded in 1993 (party), Indonesia only signed before Lima (2004),
    # Jamaica acted only in 2008, Brazil never.
    assert rows["EGY"][0]["date"] < "2006-05-16" and rows["JAM"][0]["date"] > "2006-05-16"
    party, signatory, none = (map_colour(spec, c) for c in ("EGY", "IDN", "JAM"))
    assert len({party, signatory, none}) == 3
    assert map_colour(spec, "BRA") == none
    assert at.segmented_control(key="map_when").value == "then"


def test_then_now_switch_moves_to_the_latest_status_and_the_url():
    at = run(color="icrmw-lima")
    lima = map_spec(at)
    at.segmented_control(key="map_when").set_value("now").run()
    assert at.query_params["color"] in ("icrmw-latest", ["icrmw-latest"])
    latest = map_spec(at)
    # Indonesia ratified in 2012 and Jamaica in 2008: both change colour; Brazil does not.
    assert map_colour(latest, "IDN") == map_colour(latest, "EGY") != map_colour(lima, "IDN")
    assert map_colour(latest, "JAM") == map_colour(latest, "EGY") != map_colour(lima, "JAM")
    assert map_colour(latest, "BRA") == map_colour(lima, "BRA")


def test_treaty_tab_matrix_table_and_counts():
    at = run(view="treaties")
    table = frame_with(at, "uncertain")
    assert len(table) == 96 and set(table["treaty"]) == {"ICRMW", "UNTOC", "UNTOC-TIP", "UNTOC-SOM"}
    idn = table[(table["iso3"] == "IDN") & (table["treaty"] == "ICRMW")].iloc[0]
    assert idn["status"] == "signatory only"
    text = "\n".join(m.value for m in at.markdown)
    assert "**ICRMW**: 12 parties at Lima, 16 in the latest notes" in text
    assert "not a status today" in text
    matrices = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert any(t.get("type") == "heatmap" for m in matrices for t in m["data"])
    assert "2015-03-14" in "\n".join(c.value for c in at.caption)


def test_treaty_tab_latest_from_the_url():
    at = run(view="treaties", when="latest")
    table = frame_with(at, "uncertain")
    jam = table[(table["iso3"] == "JAM") & (table["treaty"] == "ICRMW")].iloc[0]
    assert jam["status"] == "party"
    assert at.segmented_control(key="treaty_when").value == "latest"


def test_map_button_on_the_treaty_tab_opens_the_map_in_that_mode():
    at = run(view="treaties", when="latest")
    at.button(key="map-UNTOC-SOM").click().run()
    assert at.selectbox(key="color_by").value == "untoc-som-latest"
    assert "view" not in at.query_params  # back on the default tab
    assert len(at.get("plotly_chart")) == 1  # the map tab: the world map


def test_process_mode_and_tab():
    at = run(color="rcp-colombo-process")
    spec = map_spec(at)
    with open(ROOT / "data" / "rcp.csv", encoding="utf-8") as handle:
        colombo = {r["iso3"] for r in csv.DictReader(handle) if r["rcp"].startswith("Colombo Process")}
    assert colombo == {"CHN", "IND", "IDN", "PAK", "PHL", "LKA", "THA", "VNM"}
    member = map_colour(spec, "IND")
    assert all(map_colour(spec, c) == member for c in colombo)
    assert map_colour(spec, "PER") != member
    at = run(view="processes")
    table = frame_with(at, "process_full")
    assert len(table) == 55
    at.selectbox(key="rcp_pick").set_value("rcp-midsa").run()
    at.button(key="rcp-to-map").click().run()
    assert at.selectbox(key="color_by").value == "rcp-midsa"


def test_population_tab():
    import plotly.express as px

    g = px.data.gapminder()
    g = g[g["year"] == 2007]
    share = g[g["iso_alpha"].isin(["DZA", "BOL", "BRA", "COL", "CHN", "DOM", "ECU", "EGY", "SLV", "PHL",
                                   "GTM", "IND", "IDN", "JAM", "MAR", "MEX", "NGA", "PAK", "PRY", "PER",
                                   "LKA", "ZAF", "THA", "VNM"])]["pop"].sum() / g["pop"].sum()
    at = run(view="population")
    text = "\n".join(m.value for m in at.markdown)
    assert f"**{share:.1%}**" in text
    assert "Gapminder" in "\n".join(c.value for c in at.caption)
    assert len(frame_with(at, "gdpPercap")) == 24


def compare_with(text: str) -> AppTest:
    at = run(view="compare")
    at.text_area(key="compare_text").set_value(text)
    at.button[0].click().run()  # the form's submit button
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_compare_good_list():
    at = compare_with("Peru\nViet Nam\nthe Philippines\nKorea, Rep.")
    got = metrics(at)
    assert (got["In both"], got["Only Lima"], got["Only your list"], got["Not recognised"]) == ("3", "21", "1", "0")
    at.button(key="compare-to-map").click().run()
    spec = map_spec(at)
    assert map_colour(spec, "PER") == map_colour(spec, "VNM") != map_colour(spec, "EGY")


def test_compare_mixed_list_lists_every_unmatched_name():
    at = compare_with("Peru\nAtlantis\nNarnia\nEgypt, Arab Rep.")
    assert metrics(at)["Not recognised"] == "2"
    unmatched = frame_with(at, "your input")
    assert list(unmatched["your input"]) == ["Atlantis", "Narnia"]


@pytest.mark.parametrize("text, recognised", [
    ("<script>alert(1)</script>\nPeru", 1),
    ("'; DROP TABLE countries; --\nPeru", 1),
    ("A" * 5000 + "\nPeru", 1),
])
def test_compare_hostile_lines_are_listed_not_obeyed(text, recognised):
    at = compare_with(text)
    assert metrics(at)["In both"] == str(recognised)
    assert len(frame_with(at, "your input")) == 1


@pytest.mark.parametrize("text, message", [
    ("\n".join(["Peru"] * 10_001), "10,000"),
    ("Peru\x00\x01", "control"),
    ("", "Paste some country names"),
])
def test_compare_refuses_bad_input_and_keeps_the_previous_result(text, message):
    at = compare_with("Peru\nMexico")
    assert metrics(at)["In both"] == "2"
    at.text_area(key="compare_text").set_value(text)
    at.button[0].click().run()
    assert not at.exception
    assert len(at.error) == 1 and message.lower() in at.error[0].value.lower()
    assert metrics(at)["In both"] == "2"  # nothing changed
