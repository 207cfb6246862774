"""The context tabs in a real browser: tab in the URL, a treaty map, compare uploads good and hostile."""

from __future__ import annotations

import pytest

from tests import browser_support as bs

pytestmark = pytest.mark.browser

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def open_page(page, server, **params) -> None:
    page.goto(bs.page_url(server.url, params or None))
    page.locator('[role="tablist"]').wait_for(timeout=60_000)
    bs.wait_until_idle(page)


def test_switching_tab_updates_the_url_and_builds_the_tab(page, server):
    open_page(page, server)
    page.get_by_role("tab", name="Legal frameworks").click()
    page.wait_for_function("() => location.search.includes('view=treaties')", timeout=30_000)
    page.get_by_text("Where the 24 stood on the treaties the Declaration names").wait_for(timeout=30_000)
    heatmap = page.locator(".js-plotly-plot").first
    heatmap.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    assert bs.ink_share(heatmap.screenshot()) > 0.05
    assert page.locator('[data-testid="stException"]').count() == 0


def test_treaty_mode_draws_on_the_map(page, server):
    open_page(page, server, color="icrmw-latest")
    ink, coloured = bs.wait_for_map_ink(page)
    assert ink > 0.02 and coloured > 0.005  # the statuses are in colour, not only grey
    assert "ICRMW" in bs.selectbox_value(page, "Colour the map by")
    legend = page.locator(".js-plotly-plot").first.inner_text()
    assert "party" in legend and "no action" in legend
    assert page.locator('[data-testid="stException"]').count() == 0


def test_treaty_map_colours_the_rest_of_the_world(page, server):
    # The region map colours the 24 only; the UNTOC map colours every state (178 parties in its list),
    # so far more of the canvas is in colour: Russia, the United States, Canada, Australia, Europe.
    open_page(page, server)
    bs.wait_for_map_ink(page)
    page.wait_for_timeout(1500)
    regions = bs.saturated_share(bs.map_canvas_png(page))
    open_page(page, server, color="untoc-latest")
    bs.wait_for_map_ink(page)
    page.wait_for_timeout(1500)
    world = bs.saturated_share(bs.map_canvas_png(page))
    assert world > 1.5 * regions and world > 0.05, (regions, world)
    assert "27 Jan 2014" in bs.selectbox_value(page, "Colour the signatories by")
    assert page.locator('[data-testid="stException"]').count() == 0


def upload(page, name: str, data: bytes, mime: str) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}])
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Compare").click()
    bs.wait_until_idle(page)


def test_compare_csv_upload(page, server):
    open_page(page, server, view="compare")
    csv_text = "country,note\nPeru,a\nViet Nam,b\n\"Korea, Rep.\",c\nAtlantis,d\n"
    upload(page, "list.csv", csv_text.encode(), "text/csv")
    assert bs.metric_value(page, "In both") == "2"
    assert bs.metric_value(page, "Only in your list") == "1"
    assert bs.metric_value(page, "Not recognised") == "1"
    assert page.get_by_text("Names not recognised").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0


def test_compare_binary_upload_is_refused_and_the_page_keeps_working(page, server, dialogs):
    open_page(page, server, view="compare")
    upload(page, "list.csv", PNG_HEADER, "text/csv")
    error = page.locator('[data-testid="stAlertContentError"]').first
    error.wait_for(timeout=30_000)
    assert "UTF-8" in error.inner_text() or "binary" in error.inner_text().lower()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_role("tab", name="Map & table").click()
    bs.wait_for_rows(page, 24)  # the rest of the page still works
    assert not dialogs
