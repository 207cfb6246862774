"""The migration tab in a real browser, offline: the choropleth and the corridor flow map draw."""

from __future__ import annotations

import pytest

from tests import browser_support as bs

pytestmark = pytest.mark.browser


def test_migration_choropleth_and_flow_map_draw_offline(page, server):
    page.goto(bs.page_url(server.url, {"view": "migration", "country": "PHL"}))
    page.locator('[role="tablist"]').wait_for(timeout=60_000)
    bs.wait_until_idle(page)
    maps = page.locator(bs.MAP_PLOT)
    maps.nth(1).wait_for(timeout=60_000)
    assert maps.count() == 2  # the indicator map and the flow map
    for i in range(2):
        ink, coloured = bs.wait_for_map_ink(page, plot_selector=f"{bs.MAP_PLOT} >> nth={i}")
        # a quantity shaded in colour over most of the land, not only grey
        assert ink > 0.1 and coloured > 0.05, (i, ink, coloured)
    bar = page.locator(".js-plotly-plot").nth(0).inner_text()
    assert "log scale" in bar and "Emigrants living abroad, 2020" in bar
    assert page.locator('[data-testid="stException"]').count() == 0


def test_migration_colour_mode_on_the_map_tab(page, server):
    page.goto(bs.page_url(server.url, {"color": "remittances", "year": "2005"}))
    page.locator('[role="tablist"]').wait_for(timeout=60_000)
    bs.wait_until_idle(page)
    ink, coloured = bs.wait_for_map_ink(page)
    assert ink > 0.1 and coloured > 0.05
    assert bs.selectbox_value(page, "Colour the map by") == "Migration: Remittances received"
    assert page.locator('[data-testid="stException"]').count() == 0
