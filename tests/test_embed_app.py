"""`?chart=<name>` through AppTest: one chart alone, with its title and source inside, a link to the
full view, the <iframe> snippet and the chart's citation; an unknown name is ignored with a warning."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.core.provenance import ROOT
from dashboard.data import Tables
from dashboard.figures import catalog
from tests.apptest_support import run


def _specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _link(caption: str) -> str:
    return caption.rsplit("](", 1)[1].rstrip(")")


@pytest.mark.parametrize("name", sorted(catalog.CHARTS))
def test_each_chart_alone_with_title_and_source(name):
    at = run(chart=name)
    (spec,) = _specs(at)  # one chart, no tabs
    assert not at.tabs
    inputs = Tables(ROOT)
    chart = catalog.CHARTS[name]
    assert spec["layout"]["title"]["text"] == chart.title_of(inputs, {})
    footer = spec["layout"]["annotations"][-1]["text"]
    source = chart.source_of(inputs, {})
    assert footer.replace("<br>", " ").startswith(source[:60])
    (caption,) = [c.value for c in at.caption if "Open the full view" in c.value]
    assert caption.replace("\\$", "$").startswith(source)  # "$" is escaped for Markdown (no LaTeX)
    assert parse_qs(urlsplit(_link(caption)).query)["view"] == [chart.view]


def test_the_map_follows_the_filter_and_colour_and_links_to_the_same_view():
    at = run(chart="map", region="Africa", color="sub_region")
    (spec,) = _specs(at)
    assert "UN M49 sub-region" in spec["layout"]["title"]["text"]
    caption = next(c.value for c in at.caption if "Open the full view" in c.value)
    assert parse_qs(urlsplit(_link(caption)).query) == {"view": ["map"], "region": ["Africa"],
                                                       "color": ["sub_region"]}
    snippet = next(c.value for c in at.code if c.value.startswith("<iframe"))
    src = snippet.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert parse_qs(urlsplit(src).query) == {"chart": ["map"], "region": ["Africa"], "color": ["sub_region"],
                                             "embed": ["true"]}
    assert at.title == [] or "Lima Declaration, May 2006" not in [t.value for t in at.title]


def test_the_toolbar_offers_png_then_svg():
    at = run(chart="regions")
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["modeBarButtons"] == [["toImage"]] and config["displaylogo"] is False
    assert config["toImageButtonOptions"]["format"] == "png"
    assert config["toImageButtonOptions"]["filename"] == "lima_declaration_regions"
    at.segmented_control(key="image_format").set_value("svg").run()
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"]["format"] == "svg"


def test_an_unknown_chart_is_ignored_and_the_full_page_shown():
    at = run(chart='<img src=x onerror="alert(1)">')
    assert at.tabs, "the full page, with its tabs"
    assert any("`chart`" in w.value for w in at.warning)


def test_the_chart_citation_is_its_own_permalink():
    at = run(chart="treaties", when="latest")
    apa = next(c.value for c in at.code if c.value.startswith("The Lima Declaration dashboard."))
    assert "Treaty status of the 24: the latest known" in apa
    assert parse_qs(urlsplit(apa.rsplit(" from ", 1)[1]).query) == {"chart": ["treaties"], "when": ["latest"]}


def test_an_embedded_chart_speaks_the_language_of_its_link():
    at = run(chart="corridors", country="MEX", lang="fr")
    assert "Où vivent les émigrants du pays Mexique, 2020" in at.get("plotly_chart")[0].proto.spec
    assert any("Ouvrir la vue complète dans le tableau de bord" in c.value for c in at.caption)
    assert any("lang=fr" in c.value for c in at.caption)  # the link to the full view keeps the language
