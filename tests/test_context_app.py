"""The context tabs through AppTest: treaty and process map modes, then/now, population, compare box."""

from __future__ import annotations

import csv
import json

import pytest
from apptest_support import ROOT, frame_with, map_spec, run
from streamlit.testing.v1 import AppTest

from dashboard.figures import world


def map_colour(spec: dict, iso3: str) -> str:
    return world.map_colours(spec)[iso3]


def category(spec: dict, iso3: str) -> str:
    """The legend entry (category) a country is drawn in on the world map (one trace per category)."""
    (name,) = [t["name"] for t in spec["data"] if iso3 in (t.get("locations") or [])]
    return name


def outlined(spec: dict, iso3: str) -> bool:
    (trace,) = [t for t in spec["data"] if iso3 in (t.get("locations") or [])]
    widths = trace["marker"]["line"]["width"]
    width = widths[trace["locations"].index(iso3)] if isinstance(widths, list) else widths
    others = [w for t in spec["data"] for w in (t["marker"]["line"]["width"] if isinstance(
        t["marker"]["line"]["width"], list) else [t["marker"]["line"]["width"]])]
    return width > min(others)


def test_icrmw_at_lima_colours_every_state():
    at = run(color="icrmw-lima")
    spec = map_spec(at)
    # From the UN list: Egypt acceded in 1993, Indonesia only signed before Lima (2004), Jamaica acted in
    # 2008; Albania (2007) and France (never) are not signatories of the Declaration and are coloured too.
    assert (category(spec, "EGY"), category(spec, "IDN"), category(spec, "JAM")) == (
        "party", "signatory only", "no action")
    assert (category(spec, "ALB"), category(spec, "FRA"), category(spec, "ARG")) == (
        "no action", "no action", "signatory only")
    assert category(spec, "MEX") == "party" and outlined(spec, "MEX") and not outlined(spec, "ARG")
    assert sum(len(t["locations"]) for t in spec["data"] if t["name"] == "party") >= 30
    assert at.segmented_control(key="map_when").value == "then"
    caption = " ".join(c.value for c in at.caption)
    assert "26 Oct 2014" in caption or "16 May 2006" in caption


def test_then_now_switch_moves_to_the_latest_status_and_the_url():
    at = run(color="icrmw-lima")
    at.segmented_control(key="map_when").set_value("now").run()
    assert at.query_params["color"] in ("icrmw-latest", ["icrmw-latest"])
    latest = map_spec(at)
    # Indonesia ratified in 2012, Jamaica in 2008, Albania acceded in 2007; Brazil never acted.
    assert category(latest, "IDN") == category(latest, "JAM") == category(latest, "ALB") == "party"
    assert category(latest, "BRA") == "no action"


def test_later_reports_are_list_facts_on_the_newer_map():
    """Sri Lanka (2015) and Pakistan (2022) were later reports against the 2014 list; the 2022-23
    list has them, so the map shows them as parties, with the list's dates in the hover."""
    at = run(color="untoc-tip-latest")
    spec = map_spec(at)
    assert category(spec, "LKA") == category(spec, "PAK") == "party"
    assert not [t for t in spec["data"] if t["name"] == "party (later report)"]
    (trace,) = [t for t in spec["data"] if t["name"] == "party"]
    hover = trace["text"][trace["locations"].index("LKA")]
    assert "ratification 15 Jun 2015" in hover and "Uncertain" not in hover
    assert "4 Nov 2022" in at.selectbox(key="color_by").format_func("untoc-tip-latest")
    assert "list as of 4 Nov 2022 (scraped by 12 Jun 2023)" in " ".join(c.value for c in at.caption)


def test_treaty_tab_matrix_table_counts_and_words():
    at = run(view="treaties")
    table = frame_with(at, "Why uncertain")
    assert len(table) == 96 and set(table["Treaty"]) == {"ICRMW", "UNTOC", "Trafficking Protocol",
                                                         "Smuggling Protocol"}
    idn = table[(table["Country"] == "Indonesia") & (table["Treaty"] == "ICRMW")].iloc[0]
    assert idn["Status"] == "signatory only" and idn["UN list read on"] == "16 May 2006"
    assert (table["Why uncertain"] == "").all()  # nothing uncertain on the Lima date
    text = "\n".join(m.value for m in at.markdown)
    assert ("On 16 May 2006, 34 states were parties to the ICRMW, 12 of them signatories of the Lima "
            "Declaration; on 3 Feb 2026, the date of its UN list, 60 states, 16 of them signatories.") in text
    assert "International Convention on the Protection of the Rights of All Migrant Workers" in text
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert any(t.get("type") == "heatmap" for m in charts for t in m["data"])
    titles = [m["layout"].get("title", {}).get("text", "").replace("<br>", " ") for m in charts]
    assert sum("share of states that were parties" in t for t in titles) == 4
    page = text + "\n".join(c.value for c in at.caption)
    for jargon in ("notes", "data/", "dates_text", "as_of", "UNTOC-TIP", "as of today"):
        assert jargon not in page, jargon
    assert "10 Jul 2014" in page and "not mark developing countries" in page


def test_treaty_tab_latest_from_the_url():
    at = run(view="treaties", when="latest")
    table = frame_with(at, "Why uncertain")
    jam = table[(table["Country"] == "Jamaica") & (table["Treaty"] == "ICRMW")].iloc[0]
    assert jam["Status"] == "party" and jam["UN list read on"] == "3 Feb 2026"
    assert (table["Why uncertain"] != "").sum() == 0  # the newer lists hold every later report
    captions = " ".join(c.value for c in at.caption)
    assert "“?”" not in captions and "Uncertain here" not in captions
    assert at.segmented_control(key="treaty_when").value == "latest"


def test_map_button_on_the_treaty_tab_opens_the_map_in_that_mode():
    at = run(view="treaties", when="latest")
    at.button(key="map-UNTOC-SOM").click().run()
    assert at.selectbox(key="color_by").value == "untoc-som-latest"
    assert "view" not in at.query_params  # back on the default tab


def test_process_mode_and_tab():
    at = run(color="rcp-colombo-process")
    spec = map_spec(at)
    with open(ROOT / "data" / "rcp.csv", encoding="utf-8") as handle:
        colombo = {r["iso3"] for r in csv.DictReader(handle) if r["rcp"].startswith("Colombo Process")}
    assert colombo == {"CHN", "IND", "IDN", "PAK", "PHL", "LKA", "THA", "VNM"}
    assert {category(spec, c) for c in colombo} == {"member"}
    assert category(spec, "PER") != "member"
    at = run(view="processes")
    table = frame_with(at, "Founded")
    assert len(table) == 58
    abu = table[(table["Process"] == "Abu Dhabi Dialogue")]
    assert (abu["Founded"] == "founded 2008, after the Lima meeting").all()
    dom = table[(table["Process"] == "Puebla Process") & (table["Country"] == "Dominican Republic")].iloc[0]
    assert dom["Joined"].startswith("about 1999-2000")
    text = "\n".join(m.value for m in at.markdown)
    assert "Migration Dialogue for Southern Africa (MIDSA)" in text
    assert "Caribbean Migration Consultations (CMC)" in text
    page = text + "\n".join(c.value for c in at.caption)
    assert "notes" not in page and "data/" not in page
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
    assert len(frame_with(at, "Life expectancy at birth, 2007 (years)")) == 24


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
    assert (got["In both"], got["Only among the 24"], got["Only in your list"], got["Not recognised"]) == (
        "3", "21", "1", "0")
    at.button(key="compare-to-map").click().run()
    spec = map_spec(at)
    assert map_colour(spec, "PER") == map_colour(spec, "VNM") != map_colour(spec, "EGY")


def test_compare_mixed_list_lists_every_unmatched_name():
    at = compare_with("Peru\nAtlantis\nNarnia\nEgypt, Arab Rep.")
    assert metrics(at)["Not recognised"] == "2"
    unmatched = frame_with(at, "Why")
    assert list(unmatched["Your input"]) == ["Atlantis", "Narnia"]


@pytest.mark.parametrize("text, recognised", [
    ("<script>alert(1)</script>\nPeru", 1),
    ("'; DROP TABLE countries; --\nPeru", 1),
    ("A" * 5000 + "\nPeru", 1),
])
def test_compare_hostile_lines_are_listed_not_obeyed(text, recognised):
    at = compare_with(text)
    assert metrics(at)["In both"] == str(recognised)
    assert len(frame_with(at, "Why")) == 1


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
