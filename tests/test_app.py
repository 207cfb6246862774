"""The page as a visitor sees it, through Streamlit's AppTest: filters, URL, profile, downloads, faults."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from apptest_support import APP, ROOT, frame_with, map_spec, run
from streamlit.testing.v1 import AppTest

from dashboard.figures import world
from dashboard.page.filters import escape_markdown
from dashboard.page.tabs import map as map_tab

AFRICA = ["Algeria", "Egypt", "Morocco", "Nigeria", "South Africa"]
ASIA = ["China", "India", "Indonesia", "Pakistan", "Philippines", "Sri Lanka", "Thailand", "Vietnam"]


def signatory_table(at: AppTest):
    """The signatories table (headers in plain words on the page), with its machine column names:
    the interactive one, switched on if the page shows the plain table (its default)."""
    if not any("Official name (English)" in d.value.columns for d in at.dataframe):
        at.toggle(key="table_grid").set_value(True).run()
    frame = frame_with(at, "Official name (English)")
    return frame.rename(columns={header: key for key, header in map_tab.TABLE_HEADERS.items()})


def table_names(at: AppTest) -> list[str]:
    return sorted(signatory_table(at)["name"])


def param(at: AppTest, name: str) -> list[str]:
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def legend(at: AppTest) -> list[str]:
    """The map legend's categories, without the fixed entries (not a signatory, outside the filter)."""
    fixed = {world.NOT_SIGNATORY_LABEL, world.OUTSIDE_LABEL, world.NO_VALUE_LABEL}
    return [name for name in world.map_legend(map_spec(at)) if name not in fixed]


def prose(at: AppTest) -> list[str]:
    """The page's markdown, without the style block for phones."""
    return [m.value for m in at.markdown if not m.value.startswith("<style>")]


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_default_view_has_the_24():
    at = run()
    frame = signatory_table(at)
    assert len(frame) == 24 and frame["iso3"].is_unique
    assert not warnings(at)
    # The key numbers are one line (a phone sees the map on its first screen), not four metrics.
    assert not at.metric
    assert prose(at)[1] == ("**24** signatories in **3** UN M49 regions and **6** sub-regions · "
                                    "**24** shown with the filter")
    assert at.title[0].value == "The Lima Declaration, May 2006"
    intro = prose(at)[0]
    assert intro.startswith("On 15–16 May 2006 ministers of **24 developing countries")
    assert ("to be presented at the UN High-Level Dialogue on International Migration and Development "
            "(New York, 14–15 Sept 2006)") in intro
    assert "announced for Morocco, 2007 (year only); no record was found that it took place" in intro


def test_region_africa_gives_exactly_the_five():
    at = run(region="Africa")
    assert table_names(at) == AFRICA
    assert at.multiselect(key="regions").value == ["Africa"]
    assert "**5** shown with the filter" in prose(at)[1]


def test_region_is_case_insensitive():
    assert table_names(run(region="asia")) == ASIA


def test_two_regions_give_their_union():
    assert table_names(run(region=["Africa", "asia"])) == sorted(AFRICA + ASIA)


def test_subregion_and_region_combine_as_a_union():
    at = run(region="Africa", subregion="south-eastern asia")
    assert table_names(at) == sorted(AFRICA + ["Indonesia", "Philippines", "Thailand", "Vietnam"])


@pytest.mark.parametrize("param, value", [
    ("region", "Atlantis"),
    ("region", "<script>alert(1)</script>"),
    ("region", "' OR 1=1 --"),
    ("region", "A" * 5000),
    ("region", "Ásia🌍"),
    ("subregion", "<img src=x onerror=alert(1)>"),
    ("color", "javascript:alert(1)"),
    ("country", "../../etc/passwd"),
    ("country", "per" * 2000),
])
def test_unknown_or_hostile_values_warn_and_keep_the_full_table(param, value):
    at = run(**{param: value})
    assert len(signatory_table(at)) == 24
    shown = warnings(at)
    assert len(shown) == 1 and f"`{param}`" in shown[0]
    assert escape_markdown(value[:40]) in shown[0]  # shown as typed, never as markdown
    assert len(shown[0]) < 400  # a 5,000-character value is not echoed whole


def test_a_valid_value_survives_next_to_a_hostile_one():
    at = run(region=["Africa", "<script>"])
    assert table_names(at) == AFRICA
    assert len(warnings(at)) == 1 and r"\<script\>" in warnings(at)[0]


@pytest.mark.parametrize("value", ["[click me](https://evil.example)", "**bold** :red[alarm] $x^2$",
                                   "<b>html</b>", "`code`"])
def test_echoed_values_cannot_format_the_warning(value):
    message = warnings(run(region=value))[0]
    assert escape_markdown(value) in message
    for token in ("](", "**", ":red[", "<b>", "`code`"):
        if token in value:
            assert token not in message  # its special characters are escaped


def test_filter_widget_updates_the_url():
    at = run()
    at.multiselect(key="regions").set_value(["Asia"]).run()
    assert param(at, "region") == ["Asia"]
    assert table_names(at) == ASIA
    at.multiselect(key="regions").set_value([]).run()
    assert "region" not in at.query_params
    assert len(signatory_table(at)) == 24


def test_url_change_in_the_same_session_is_followed():
    at = run(region="Africa")
    at.query_params["region"] = "Asia"
    at.run()
    assert table_names(at) == ASIA


def test_colour_selector_changes_the_map_and_the_url():
    at = run()
    assert legend(at) == ["Africa", "Americas", "Asia"]
    at.selectbox(key="color_by").set_value("sub_region").run()
    assert param(at, "color") == ["sub_region"]
    assert legend(at) == ["Northern Africa", "Sub-Saharan Africa", "Latin America and the Caribbean",
                              "Eastern Asia", "South-eastern Asia", "Southern Asia"]


def test_colour_mode_from_the_url():
    at = run(color="SUB_REGION")
    assert at.selectbox(key="color_by").value == "sub_region"


def test_profile_from_the_selector_and_the_url():
    at = run()
    assert not any("BRA" in h.value for h in at.subheader)
    at.selectbox(key="country").set_value("BRA").run()
    assert param(at, "country") == ["BRA"]
    text = "\n".join(m.value for m in at.markdown)
    assert [h.value for h in at.subheader] == ["Brazil  ·  BRA"]
    assert "three-letter BRA, numeric 076" in text
    # the profile's own link is a real link, and it keeps the rest of the view
    assert "[Link to this profile](?country=BRA)" in text
    assert "Americas → Latin America and the Caribbean → South America" in text
    assert "**Brazil**" in text  # the source sentence with the name highlighted
    (table,) = [m.value for m in at.markdown if m.value.startswith("| Treaty")]  # a plain table (a list on phones)
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()]
    treaties = pd.DataFrame(rows[2:], columns=rows[0]).set_index("Treaty")
    assert list(treaties.index) == ["ICRMW", "UNTOC", "Trafficking Protocol", "Smuggling Protocol"]
    assert tuple(treaties.loc["ICRMW", ["At Lima, 16 May 2006", "Latest known"]]) == (
        "no action", "no action")  # UN list IV-13: Brazil is not a participant
    assert treaties.loc["UNTOC", "At Lima, 16 May 2006"] == "party"  # ratified 2004-01-29
    assert "Lima Process \\(South America\\) \\(member, founded 2000\\)" in text
    at2 = run(country="lka")
    text2 = "\n".join(m.value for m in at2.markdown)
    assert at2.subheader[0].value == "Sri Lanka  ·  LKA" and "Southern Asia" in text2
    # the other tabs are buttons that switch the tab in this session, never a new one
    at2.button(key="profile_to_treaties").click().run()
    assert param(at2, "view") == ["treaties"] and param(at2, "country") == ["LKA"]


def test_downloads_carry_the_filtered_and_the_full_table():
    at = run(region="Africa")
    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert {"Download these 5 rows (CSV)", "Download all 24 (CSV)"} <= set(buttons)


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def test_only_the_open_tab_is_built():
    at = run()
    assert len(at.get("plotly_chart")) == 1  # the world map; the breakdowns wait in their tab
    assert "no record was found" not in captions(at)
    assert not any("sha256" in d.value.columns for d in at.dataframe)


def test_regions_tab_has_the_breakdowns_for_the_filter():
    at = run(view="regions", region="Africa")
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(specs) == 4
    bars = {t["y"][0] if len(t["y"]) == 1 else None: t["x"] for s in specs for t in s["data"]
            if t["type"] == "bar" and "%{y}: %{x} signatories" in t["hovertemplate"]}
    assert bars.get("Africa") == [5]
    sunburst = next(t for s in specs for t in s["data"] if t["type"] == "sunburst")
    assert dict(zip(sunburst["ids"], sunburst["values"]))["Africa/Northern Africa"] == 3
    coverage = next(t for s in specs for t in s["data"] if t["type"] == "bar" and "of" in str(t.get("text")))
    assert dict(zip(coverage["y"], coverage["text"]))["Africa"].startswith("5 of ")


def test_timeline_tab_from_the_url():
    at = run(view="timeline")
    assert "Announced, with no record found that it took place: Morocco follow-up (announced)" in captions(at)
    assert "Morocco (1); Brussels, Belgium (1)" in captions(at) and "New York, United States (7)" in captions(at)
    assert "cut off after “UNDP,”" in captions(at)
    orgs = next(d.value for d in at.dataframe if "Organisation" in d.value.columns)
    # acronyms expanded: the full name with the acronym, once
    assert "UN Office on Drugs and Crime (UNODC)" in set(orgs["Organisation"])
    assert not any("(seeds/)" in s for s in orgs["Source"])
    events = next(d.value for d in at.dataframe if "Date (ISO 8601)" in d.value.columns)
    assert len(events) == 30
    first = events[events["Event"].isin(["Lima conference", "UN High-Level Dialogue", "Morocco follow-up (announced)"])]
    assert list(first["Date (ISO 8601)"]) == ["2006-05-15", "2006-09-14", "2007"]
    assert list(first["When"]) == ["15–16 May 2006", "14–15 Sept 2006", "2007 (year only)"]
    assert list(first["Status"]) == ["took place", "took place", "announced, no record that it took place"]
    assert list(first["Place"]) == ["Lima, Peru", "New York, United States", "Morocco"]
    assert len(at.get("plotly_chart")) == 2  # the timeline and the venues map
    assert not any("Official name (English)" in d.value.columns for d in at.dataframe)
    assert not at.sidebar.multiselect  # the filter does not act here: no sidebar


def test_sources_tab_lists_every_data_file_and_highlights_the_names():
    at = run(view="sources")
    sources = next(d.value for d in at.dataframe if "Checksum (SHA-256)" in d.value.columns)
    assert {"data/m49.csv", "seeds/iom_press_release_2006_lima_declaration.txt"} <= set(sources["File"])
    # Gapminder ships inside plotly: its row says so, with the checksum of the installed file
    gapminder = sources[sources["File"].str.contains("gapminder.csv.gz")]
    assert len(gapminder) == 1 and "plotly" in gapminder["Source"].iloc[0]
    assert len(gapminder["Checksum (SHA-256)"].iloc[0]) == 64
    text = "\n".join(m.value for m in at.markdown)
    assert "**the Dominican Republic**" in text and "**Vietnam**" in text
    assert "which hosted the" in text  # kept as received, cut and all


@pytest.mark.parametrize("relpath, action", [
    ("data/m49.csv", "delete"),
    ("data/events.csv", "corrupt"),
    ("seeds/iom_press_release_2006_lima_declaration.txt", "corrupt"),
    ("data/world-110m.geojson", "delete"),
    ("data/treaties.csv", "corrupt"),
    ("data/rcp.csv", "delete"),
    ("data/land-110m.geojson", "corrupt"),
])
def test_a_broken_data_file_gives_a_page_that_names_it(tmp_path, monkeypatch, relpath, action):
    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    target = tmp_path / relpath
    if action == "delete":
        target.unlink()
    else:
        target.write_bytes(target.read_bytes() + b"tampered")
    monkeypatch.setenv("LIMA_DASHBOARD_ROOT", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert relpath in message and "What to do" in message
    assert not at.get("plotly_chart")  # nothing else drawn


def test_leaving_a_tab_keeps_its_settings_in_the_page_and_the_url():
    at = run(color="sub_region", country="PER", when="latest")
    at.session_state["view"] = "By region"  # as a click on the tab does
    at.run()
    at.multiselect(key="regions").set_value(["Asia"]).run()  # a callback rewrites the URL
    assert param(at, "color") == ["sub_region"]
    assert param(at, "country") == ["PER"]
    assert param(at, "when") == ["latest"]
    at.session_state["view"] = "Map & table"
    at.run()
    assert at.selectbox(key="color_by").value == "sub_region"
    assert at.subheader[0].value == "Peru  ·  PER"


def test_a_map_click_opens_only_a_signatory(monkeypatch):
    import streamlit as st

    from dashboard.page import urlstate
    from dashboard.page.tabs import map as map_tab

    opened: list[str] = []
    monkeypatch.setattr(urlstate, "open_country", opened.append)
    for clicked in ("FRA", "PER", "Kosovo"):
        st.session_state["world_map"] = {"selection": {"points": [{"location": clicked}]}}
        map_tab._on_map_select(frozenset({"PER", "BRA"}))
    assert opened == ["PER"]  # France and Kosovo have no profile: nothing is written to the URL


def test_press_release_bolds_each_of_the_24_exactly_once_in_the_list():
    import re

    at = run(view="sources")
    (text,) = [m.value for m in at.markdown if "The countries present included" in m.value]
    bold = re.findall(r"\*\*(.+?)\*\*", text.split("The countries present included")[1].split("\n\n")[0])
    everywhere = re.findall(r"\*\*(.+?)\*\*", text)
    assert len(bold) == 24 and len(set(bold)) == 24
    assert "Sri Lanka" in bold  # split by a line break in the source
    assert everywhere.count("Morocco") == 1  # not where it is only the next meeting's venue
    assert sorted(everywhere) == sorted(bold)


def test_the_main_area_in_spanish_and_french():
    at = run(lang="es")
    assert at.title[0].value == "La Declaración de Lima, mayo de 2006"
    assert prose(at)[0].startswith("Del 15–16 de mayo de 2006, ministros de **24 países en desarrollo")
    assert any(m.value.startswith("| País | Código ISO") for m in at.markdown)  # the plain table, in Spanish
    # The grid switched on from the start (AppTest cannot rerun a menu whose labels it does not know).
    grid = AppTest.from_file(APP, default_timeout=60)
    grid.query_params["lang"] = "es"
    grid.session_state["table_grid"] = True
    grid.run()
    frame = frame_with(grid, "Nombre oficial (en inglés)")
    assert "Perú" in set(frame["País"]) and "Filipinas" in set(frame["País"])
    assert list(frame["País"])[:3] == ["Argelia", "Bolivia", "Brasil"]  # sorted by name, in Spanish
    assert "Américas" in set(frame["Región"])
    assert {"Descargar estas 24 filas (CSV)", "Descargar los 24 (CSV)"} <= {b.label for b in at.get("download_button")}
    fr = run(lang="fr", country="MAR")
    assert fr.subheader[0].value == "Maroc  ·  MAR"
    assert fr.selectbox(key="color_by").format_func("region") == "Région (M49 des Nations Unies)"
    assert "Afrique" in legend(fr)


def test_the_table_is_sorted_by_name_and_says_how_to_get_the_source_order():
    frame = signatory_table(run())
    assert list(frame["name"]) == sorted(frame["name"])
    assert sorted(frame["order_in_source"]) == list(range(1, 25))
    assert "The interactive table adds every column, “Order in the press release” among them" in captions(run())


def test_colour_menu_is_grouped_and_keeps_color_urls():
    at = run(color="rcp-colombo-process")
    assert at.selectbox(key="color_group").value == "Regional processes"
    assert at.selectbox(key="color_by").value == "rcp-colombo-process"
    assert all(k.startswith("rcp-") for k in at.selectbox(key="color_by").options_keys) if hasattr(
        at.selectbox(key="color_by"), "options_keys") else True
    at.selectbox(key="color_group").set_value("Regions").run()
    assert at.selectbox(key="color_by").value == "region" and param(at, "color") == []


def test_the_default_view_shows_a_plain_table_and_the_grid_one_click_away():
    """Issue 13: the data grid's JavaScript is not part of a first visit; the 24 still are."""
    at = run(region="Africa")
    assert not at.dataframe  # no grid sent
    table = next(m.value for m in at.markdown if m.value.startswith("| Country"))
    rows = [line for line in table.splitlines()[2:]]
    assert len(rows) == 5 and rows[0].startswith("| Algeria | DZA |")
    at.toggle(key="table_grid").set_value(True).run()
    assert sorted(signatory_table(at)["name"]) == AFRICA
