"""A browser's first visit to the map: the map's screen first, the whole page when the map is drawn
(dashboard/page/first_paint.py). AppTest for the two runs, Chromium for the real sequence."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.page import first_paint
from tests import apptest_support as ats
from tests import browser_support as bs

COLOUR_MENU = "Colour the map by"


def _whole(at: AppTest) -> bool:
    """The parts only a whole map page has: the colour menus, the profile, the table, the citation,
    the sidebar's filter."""
    labels = {s.label for s in at.selectbox}
    return ({COLOUR_MENU, "Country profile"} <= labels and "cite_open" in {t.key for t in at.toggle}
            and len(at.sidebar.multiselect) == 2 and any(b.label.startswith("Download these") for b in
                                                          at.get("download_button")))


def test_without_a_browser_the_first_run_is_whole():
    at = ats.run()
    assert _whole(at)
    assert first_paint.DONE not in at.session_state


def test_a_browsers_first_run_draws_the_map_alone_then_the_next_run_is_whole(monkeypatch):
    monkeypatch.setattr(first_paint, "has_browser", lambda: True)
    at = ats.run()
    # The map and what stands above it; none of the rest.
    assert len(at.get("plotly_chart")) == 1
    assert at.title[0].value.startswith("The Lima Declaration")
    assert at.sidebar.header[0].value == "Filter"
    assert not _whole(at)
    assert COLOUR_MENU not in {s.label for s in at.selectbox}
    assert len(at.sidebar.multiselect) == 0 and len(at.toggle) == 0
    assert at.session_state[first_paint.DONE] is True
    # The same map in both runs (the browser keeps it: same key, same figure).
    spec = ats.map_spec(at)
    at.run()
    assert not at.exception
    assert _whole(at)
    assert ats.map_spec(at) == spec


@pytest.mark.parametrize("params", [{"view": "timeline"}, {"view": "regions"}, {"chart": "map"}])
def test_other_views_are_whole_at_once(monkeypatch, params):
    monkeypatch.setattr(first_paint, "has_browser", lambda: True)
    at = ats.run(**params)
    assert first_paint.DONE not in at.session_state
    assert len(at.get("plotly_chart")) >= 1


# --- in Chromium ------------------------------------------------------------------------------

# When each part first appears, in the page's own clock (a MutationObserver from the first byte).
APPEARANCES = """
window.__first = {};
const __parts = {map: '.js-plotly-plot', colour: '[data-testid="stSelectbox"]',
                 filter: '[data-testid="stSidebar"] [data-testid="stMultiSelect"]',
                 table: '.st-key-table_grid', signal: '.st-key-first_paint'};
new MutationObserver(() => {
  for (const [name, sel] of Object.entries(__parts)) {
    if (!(name in window.__first) && document.querySelector(sel)) window.__first[name] = performance.now();
  }
}).observe(document, {subtree: true, childList: true});
"""


@pytest.mark.browser
def test_the_map_comes_first_and_the_page_completes_by_itself(page, server):
    page.add_init_script(APPEARANCES)
    page.goto(server.url, wait_until="domcontentloaded")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    # No click, no scroll: the rest arrives once the map is drawn.
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.wait_for(timeout=30_000)
    bs.wait_until_idle(page)
    first = page.evaluate("window.__first")
    assert {"map", "colour", "filter", "table", "signal"} <= set(first), first
    # The map was in the page before any of the rest, and the signal was gone after.
    assert first["map"] < min(first["colour"], first["filter"], first["table"]), first
    assert first["signal"] < first["colour"], first
    assert page.locator(".st-key-first_paint").count() == 0
    assert bs.selectbox_value(page, COLOUR_MENU) == "UN M49 region"
    assert page.locator('[data-testid="stException"]').count() == 0
    # A reload is a new session: the same sequence, and no second light run within a session.
    page.get_by_role("tab", name="Lima and after").click()
    bs.wait_until_idle(page)
    page.get_by_role("tab", name="Map & table").click()
    bs.wait_until_idle(page)
    assert page.locator(".st-key-first_paint").count() == 0
    assert page.locator('[data-testid="stSelectbox"]').filter(has_text=COLOUR_MENU).count() == 1


@pytest.mark.browser
def test_a_late_plotly_script_still_gets_the_map_first(page, server):
    """On a slow phone plotly's script takes 25-30 s; the rest of the page must not be asked for
    while it is on its way (it would share the narrow pipe). Held here past the signal's wait."""
    held = []

    def late(route) -> None:
        held.append(route.request.url)
        time.sleep(first_paint.MAX_WAIT_MS / 1000 + 2)  # the browser goes on; only this script waits
        route.continue_()

    page.route("**/PlotlyChart*.js", late)
    page.add_init_script(APPEARANCES)
    page.goto(server.url, wait_until="domcontentloaded")
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.wait_for(timeout=60_000)
    bs.wait_until_idle(page)
    first = page.evaluate("window.__first")
    assert held, "plotly's script was not requested under the expected name"
    assert first["map"] < min(first["colour"], first["filter"], first["table"]), first
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.browser
def test_a_map_whose_script_never_comes_does_not_hold_the_page(page, server):
    """plotly's script refused: Streamlit shows its error in the chart's place, and the rest of the
    page still arrives (well before the signal's last resort, GIVE_UP_MS)."""
    page.route("**/PlotlyChart*.js", lambda route: route.abort())
    page.goto(server.url, wait_until="domcontentloaded")
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.wait_for(timeout=30_000)
    assert first_paint.GIVE_UP_MS > 30_000
    assert page.locator('[data-testid="stErrorElementStack"]').count() >= 1
    assert page.locator(".st-key-first_paint").count() == 0
