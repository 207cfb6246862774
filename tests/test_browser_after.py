"""Lima and after (issue 18) in a real browser, offline: the timeline on a 390 px screen and the map
coloured by the vote on the Global Compact."""

from __future__ import annotations

import pytest

from tests import browser_support as bs

pytestmark = pytest.mark.browser

TIMELINE = ".st-key-timeline_chart"


def test_the_timeline_reads_on_a_phone(page, server):
    page.set_viewport_size(bs.PHONE)
    page.goto(bs.page_url(server.url, {"view": "timeline"}))
    chart = page.locator(f"{TIMELINE} .js-plotly-plot")
    chart.wait_for(timeout=60_000)
    bs.wait_until_idle(page)
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    assert bs.ink_share(chart.screenshot()) > 0.02
    # Every lane and the countries named beside the events are drawn as text.
    text = chart.inner_text()
    for words in ("National positions", "Other processes", "Philippines", "Dominican Republic",
                  "Morocco: announced, no record", "scheduled"):
        assert words in text, words
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways at 390 px: {widths}"
    found = bs.text_layout_problems(page, TIMELINE)
    assert found["count"] > 20
    assert not found["overlaps"], f"words overlap on the timeline at 390 px: {found['overlaps'][:5]}"
    assert not found["clipped"], f"words run off the screen at 390 px: {found['clipped'][:5]}"
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_vote_map_draws(page, server):
    page.goto(bs.page_url(server.url, {"color": "gcm-vote"}))
    page.locator('[role="tablist"]').wait_for(timeout=60_000)
    ink, coloured = bs.wait_for_map_ink(page)
    assert ink > 0.02 and coloured > 0.05  # every member state in colour, not only the 24
    assert bs.selectbox_value(page, "Colour the map by").startswith("Vote on the Global Compact")
    legend = page.locator(".js-plotly-plot").first.inner_text()
    for word in ("in favour", "against", "abstained", "did not vote"):
        assert word in legend, word
    assert page.get_by_text("152 in favour, 5 against, 12 abstained, 24 did not vote", exact=False).count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
