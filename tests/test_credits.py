"""The charts on the tabs: title, source, data version and date inside each figure (so that the image
the camera button downloads carries them), PNG or SVG as the reader chooses; and the heading itself."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard.core import cite, i18n
from dashboard.core.provenance import ROOT
from dashboard.figures import export
from tests.apptest_support import run

CHART_VIEWS = ("map", "migration", "regions", "timeline", "treaties", "processes", "population")


def _charts(at) -> list[tuple[dict, dict]]:
    return [(json.loads(c.proto.spec), json.loads(c.proto.config)) for c in at.get("plotly_chart")]


def _title(spec: dict) -> str:
    return spec["layout"]["title"]["text"].replace("<br>", " ")


def _credit(spec: dict) -> str:
    return spec["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")


@pytest.mark.parametrize("view", CHART_VIEWS)
def test_every_chart_of_a_tab_carries_title_source_version_and_date(view):
    at = run(view=view)
    charts = _charts(at)
    assert charts, f"no chart on the {view} tab"
    stamp = f"The Lima Declaration, 2006 · data version {cite.data_version(ROOT)} · " \
            f"{i18n.format_date(date.today(), 'en')}"
    for spec, config in charts:
        assert len(spec["layout"]["title"]["text"]) > 10
        credit = _credit(spec)
        assert credit.startswith(("Source: ", "Sources: ")), credit
        assert credit.endswith(stamp), credit
        assert config["modeBarButtons"] == [["toImage"]]
        assert config["toImageButtonOptions"]["format"] == "png"
        assert config["toImageButtonOptions"]["filename"].startswith("lima_declaration_")


@pytest.mark.parametrize(("query", "expected"), [
    ({"view": "treaties"}, "UN Treaty Collection"),
    ({"view": "processes"}, "IOM and the regional consultative processes"),
    ({"view": "population"}, "Gapminder"),
    ({"view": "timeline"}, "Xinhua"),
    ({"view": "migration"}, "World Bank, World Development Indicators"),
    ({"view": "map", "color": "icrmw-lima"}, "treaties: UN Treaty Collection"),
    ({"view": "map", "color": "remittances"}, "World Bank"),
])
def test_each_chart_names_its_own_source(query, expected):
    credits = [_credit(spec) for spec, _ in _charts(run(**query))]
    assert any(expected in c for c in credits), credits


def test_the_map_title_follows_the_colouring():
    (spec, _), *rest = _charts(run(view="map", color="sub_region"))
    assert _title(spec) == "Where the 24 signatories are · UN M49 sub-region"
    (spec, _), *rest = _charts(run(view="map", color="emigrants", year="2005"))
    assert _title(spec) == "Emigrants living abroad, 2005"


def test_a_french_page_stamps_its_charts_in_french():
    at = run(view="regions", lang="fr")
    credit = _credit(_charts(at)[0][0])
    assert credit.startswith("Source : communiqué de presse de l’OIM")
    assert f"version des données {cite.data_version(ROOT)}" in credit
    assert i18n.format_date(date.today(), "fr") in credit


def test_the_reader_switches_every_chart_to_svg():
    at = run(view="regions")
    at.toggle(key="cite_open").set_value(True).run()
    at.segmented_control(key="image_format").set_value("svg").run()
    formats = {config["toImageButtonOptions"]["format"] for _, config in _charts(at)}
    assert formats == {"svg"}
    names = [config["toImageButtonOptions"]["filename"] for _, config in _charts(at)]
    assert "lima_declaration_signatories_per_region" in names
    assert len(set(names)) == len(names), "each chart downloads under its own name"


def test_the_heading_shares_the_data_and_grows_the_figure():
    data = [{"type": "bar", "x": [1, 2], "y": ["a", "b"]}]
    figure = {"data": data, "layout": {"height": 300, "margin": {"t": 20}}}
    out = export.with_heading(figure, "A title", "Source: somewhere\nstamp line", width=40)
    assert out["data"] is data, "the traces (a map's geometry) are shared, not copied"
    assert figure["layout"] == {"height": 300, "margin": {"t": 20}}, "the input is left alone"
    title = out["layout"]["title"]
    assert title["text"] == "A title"
    assert title["subtitle"]["text"] == "Source: somewhere<br>stamp line"
    grow = out["layout"]["margin"]["t"] - 20
    assert grow == export.HEADING_PAD_PX + export.HEADING_TITLE_PX + 2 * export.HEADING_LINE_PX + 10
    assert out["layout"]["height"] == 300 + grow


def test_the_heading_wraps_to_the_screen_and_replaces_a_builders_title():
    figure = {"data": [], "layout": {"title": {"text": "Old"}, "margin": {"t": 200}, "height": 500}}
    credit = "Source: " + "word " * 40
    out = export.with_heading(figure, "A rather long title for a narrow phone screen here", credit, width=30)
    lines = out["layout"]["title"]["subtitle"]["text"].split("<br>")
    assert len(lines) > 5 and all(len(line) <= 30 for line in lines)
    assert all(len(line) <= 20 for line in out["layout"]["title"]["text"].split("<br>"))
    assert out["layout"]["margin"]["t"] == 200 and out["layout"]["height"] == 500, \
        "a builder's title margin that is big enough is reused"


def test_file_names_are_ascii_and_short():
    assert export.file_stem("Dónde están los 24 · región") == "lima_declaration_donde_estan_los_24_region"
    assert len(export.file_stem("x " * 200)) <= len("lima_declaration_") + export.STEM_CHARS
    assert export.file_stem("<script>") == "lima_declaration_script"
