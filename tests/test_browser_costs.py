"""The cost of sending money home in a real browser, offline: the cost map's classes and the 24's
dot chart draw, with their words, and no request leaves the machine (the fixtures check that)."""

from __future__ import annotations

import pytest

from tests import browser_support as bs

pytestmark = pytest.mark.browser


def test_the_cost_map_and_the_dumbbell_draw_offline(page, server):
    page.goto(bs.page_url(server.url, {"color": "remittance-cost", "year": "2011"}))
    page.locator('[role="tablist"]').wait_for(timeout=60_000)
    bs.wait_until_idle(page)
    ink, coloured = bs.wait_for_map_ink(page)
    assert ink > 0.1 and coloured > 0.05, (ink, coloured)  # classes in colour, not only grey land
    legend = page.locator(bs.MAP_PLOT).first.inner_text()
    assert "Under 3% (the SDG target)" in legend and "10% or more" in legend
    assert bs.selectbox_value(page, "Colour the map by") == "Migration: Cost of sending money to the country"

    page.goto(bs.page_url(server.url, {"view": "migration", "country": "MEX"}))
    page.locator('[role="tablist"]').wait_for(timeout=60_000)
    bs.wait_until_idle(page)
    dots = page.locator(".js-plotly-plot", has_text="3%: SDG target").filter(has_text="El Salvador")
    dots.wait_for(timeout=60_000)
    dots.scroll_into_view_if_needed()
    # 24 open circles (2011) and 24 filled ones (2020), drawn as SVG points by plotly.js
    page.wait_for_function("""(el) => el.querySelectorAll('.scatterlayer .point').length >= 48""",
                           arg=dots.element_handle(), timeout=30_000)
    text = dots.inner_text()
    assert "costliest in" in text and "Algeria" in text and "2011" in text and "2020" in text
    assert page.locator('[data-testid="stException"]').count() == 0
