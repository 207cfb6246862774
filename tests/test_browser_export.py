"""Exports in a real browser against `streamlit run`: the PNG button on the charts, a title per view,
and `?chart=` showing one chart alone."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.config import VIEWS
from dashboard.core import cite, i18n
from dashboard.core.provenance import ROOT
from dashboard.data import Tables
from dashboard.figures import catalog
from tests import browser_support as bs

pytestmark = pytest.mark.browser
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _idle(page) -> None:
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    bs.wait_until_idle(page)


def test_the_charts_offer_a_png_download(page, server):
    page.goto(bs.page_url(server.url, {"view": "regions"}), wait_until="domcontentloaded")
    _idle(page)
    plots = page.locator(".js-plotly-plot")
    assert plots.count() >= 3
    for i in range(plots.count()):
        buttons = plots.nth(i).locator(".modebar-btn")
        assert buttons.count() == 1, "only the image download in the toolbar"
        assert "png" in (buttons.first.get_attribute("data-title") or "").lower()
    plots.first.hover()
    with page.expect_download(timeout=30_000) as info:
        plots.first.locator(".modebar-btn").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".png")
    with open(download.path(), "rb") as handle:
        assert handle.read(8) == PNG_MAGIC


def test_a_tab_chart_downloads_as_svg_with_its_title_source_and_date(page, server):
    page.goto(bs.page_url(server.url, {"view": "timeline"}), wait_until="domcontentloaded")
    _idle(page)
    page.get_by_text("Cite this view").click()
    page.get_by_text("SVG (vector, for print)", exact=True).click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot .modebar-btn')].length > 0 && "
        "[...document.querySelectorAll('.js-plotly-plot .modebar-btn')]"
        ".every(b => !(b.getAttribute('data-title') || '').toLowerCase().includes('png'))", timeout=60_000)
    bs.wait_until_idle(page)
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    with page.expect_download(timeout=30_000) as info:
        chart.locator(".modebar-btn").first.click()
    download = info.value
    assert download.suggested_filename == (  # the title, cut to a file name's length
        "lima_declaration_after_lima_no_record_that_the_group_met_again_but_5_of_the_2.svg")
    with open(download.path(), encoding="utf-8") as handle:
        svg = handle.read()
    assert svg.startswith("<svg")
    assert "After Lima: no record that the group" in svg  # the title (on several lines)
    assert "Sources: UN DESA, Xinhua and United Nations" in svg
    assert cite.data_version(ROOT) in svg
    assert i18n.format_date(date.today(), "en").split()[-1] in svg  # the year of the date printed


def test_each_view_has_its_own_page_title(page, server):
    seen = {}
    for key in ("treaties", "timeline"):
        page.goto(bs.page_url(server.url, {"view": key}), wait_until="domcontentloaded")
        expected = f"{VIEWS[key]} · The Lima Declaration, 2006"
        page.wait_for_function("(t) => document.title === t", arg=expected, timeout=60_000)
        seen[key] = page.title()
    assert seen["treaties"] == "Legal frameworks · The Lima Declaration, 2006"
    assert len(set(seen.values())) == 2


def test_an_embedded_chart_shows_that_chart_alone(page, server):
    page.goto(bs.page_url(server.url, {"chart": "coverage", "embed": "true"}), wait_until="domcontentloaded")
    _idle(page)
    assert page.locator(".js-plotly-plot").count() == 1
    assert page.locator('[role="tablist"]').count() == 0, "no tabs in an embedded chart"
    title = catalog.CHARTS["coverage"].title_of(Tables(ROOT), {})
    assert page.locator(".js-plotly-plot .gtitle").first.text_content(timeout=10_000) == title
    assert page.get_by_text("Open the full view in the dashboard").count() == 1
