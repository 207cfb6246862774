"""The page's side of fitting it to the reader (AppTest and plain functions): the link to the light
edition (LIMA_STATIC_URL), the way back after a button opens another tab, the box the map fitter
keeps in sight, and the script mounted only where a world map is drawn. The browser's side is in
tests/test_browser_fit.py."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from dashboard.config import VIEWS
from dashboard.core import i18n
from dashboard.core.provenance import data_root
from dashboard.data import Tables, country_points, load_signatories
from dashboard.figures import catalog
from dashboard.page import light, map_fit
from tests import apptest_support as ats

BASE = "https://lima.example.org/light/"
LIGHT = "Light version of this page"


PHRASES = {i18n.translator(lang)(LIGHT) for lang in i18n.LANGUAGES}  # the link's words in every language


def _light_links(at) -> list[str]:
    return [c.value for c in at.caption if any(p in c.value for p in PHRASES)]


# --- the light edition's link ----------------------------------------------------------------

@pytest.mark.parametrize(("params", "page"), [
    ({}, "map.html"),
    ({"view": "treaties"}, "treaties.html"),
    ({"view": "migration"}, "migration.html"),
    ({"view": "timeline"}, "timeline.html"),
    ({"view": "sources"}, "index.html"),  # no chart of its own: the index
    ({"view": "treaties", "lang": "es"}, "es/treaties.html"),
    ({"view": "map", "lang": "fr"}, "fr/map.html"),
    ({"chart": "corridors"}, "corridors.html"),
    ({"chart": "venues", "lang": "es"}, "es/venues.html"),
])
def test_each_view_links_to_its_light_page_when_one_is_published(monkeypatch, params, page):
    monkeypatch.setenv(light.ENV, BASE.rstrip("/"))  # with or without the final slash
    at = ats.run(**params)
    links = _light_links(at)
    assert len(links) == 1, links
    assert f"]({BASE}{page})" in links[0]


@pytest.mark.parametrize("value", ["", "   ", "javascript:alert(1)", "ftp://example.org/", "lima.example.org",
                                   'https://example.org/"><script>'])
def test_no_link_without_a_published_light_edition(monkeypatch, value):
    monkeypatch.setenv(light.ENV, value)
    for params in ({}, {"view": "treaties"}, {"chart": "map"}):
        at = ats.run(**params)
        assert not _light_links(at), params


def test_no_link_when_the_variable_is_unset(monkeypatch):
    monkeypatch.delenv(light.ENV, raising=False)
    assert not _light_links(ats.run(view="migration"))


def test_the_light_pages_are_the_static_editions_file_names():
    """The link names the file the export writes for the chart: `<chart>.html`, English at the root."""
    spec = importlib.util.spec_from_file_location("fit_static", ats.ROOT / "scripts" / "export" / "static_edition.py")
    static = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = static  # its dataclasses look their module up
    spec.loader.exec_module(static)
    for view in VIEWS:
        name = light.chart_for(view)
        if name is None:
            continue
        assert catalog.CHARTS[name].view == view
        assert light.page_url(BASE, "en", name) == BASE + static.Page(catalog.CHARTS[name], {}).file
        assert light.page_url(BASE, "es", name) == f"{BASE}es/{static.Page(catalog.CHARTS[name], {}).file}"
    assert light.chart_for("map") == "map" and light.chart_for("compare") is None


# --- the way back ------------------------------------------------------------------------------

def _open_tab(at) -> str:
    return at.session_state["view"]


def test_a_world_map_button_leads_to_the_map_and_back():
    at = ats.run(view="treaties")
    assert not [b for b in at.button if b.key == "way_back"]  # nothing to go back to yet
    (button,) = [b for b in at.button if b.key and b.key == "map-ICRMW"]
    button.click().run()
    assert not at.exception
    assert _open_tab(at) == VIEWS["map"]
    (back,) = [b for b in at.button if b.key == "way_back"]
    assert back.label == "Back to Legal frameworks"
    back.click().run()
    assert _open_tab(at) == VIEWS["treaties"]
    assert at.query_params.get("view") in ("treaties", ["treaties"])  # the address says where the reader is
    assert not [b for b in at.button if b.key == "way_back"]  # used once, gone


def test_the_way_back_is_in_the_pages_language():
    at = ats.run(view="treaties", lang="es")
    (button,) = [b for b in at.button if b.key and b.key == "map-ICRMW"]
    button.click().run()
    (back,) = [b for b in at.button if b.key == "way_back"]
    assert back.label == "Volver a «Marcos jurídicos»"


# --- the map fitter ------------------------------------------------------------------------------

def test_the_box_kept_in_sight_holds_every_signatorys_point_with_a_margin():
    box = map_fit.signatory_box(Tables(data_root()))
    points = country_points(data_root())
    lats = [points[i][0] for i in load_signatories()["iso3"]]
    lons = [points[i][1] for i in load_signatories()["iso3"]]
    assert box == {"south": min(lats) - map_fit.MARGIN_DEG, "north": max(lats) + map_fit.MARGIN_DEG,
                   "west": min(lons) - map_fit.MARGIN_DEG, "east": max(lons) + map_fit.MARGIN_DEG}
    # South Africa is the southernmost signatory, China the northernmost, Mexico and the Philippines the ends.
    assert (min(lats), max(lats)) == (points["ZAF"][0], points["CHN"][0])
    assert (min(lons), max(lons)) == (points["MEX"][1], points["PHL"][1])


def _fitters(at) -> int:
    return sum(1 for e in at.get("bidi_component") if e.proto.component_name == map_fit.KEY)


@pytest.mark.parametrize(("params", "expected"), [
    ({}, 1), ({"view": "migration"}, 1), ({"view": "timeline"}, 1), ({"chart": "map"}, 1),
    ({"view": "treaties"}, 0), ({"view": "regions"}, 0), ({"chart": "treaties"}, 0),
])
def test_the_fitting_script_comes_once_with_world_maps_and_only_then(params, expected):
    at = ats.run(**params)
    assert _fitters(at) == expected
