"""Phones and desktops in a real browser: the 24 on the visible map (none under the legend), the map on
a phone's first screen, the open tab in sight, and no text that overlaps or runs off the screen."""

from __future__ import annotations

import pytest

from dashboard import data
from dashboard.core.provenance import data_root
from dashboard.data import country_points
from tests import browser_support as bs

pytestmark = pytest.mark.browser

SIZES = {"phone": bs.PHONE, "desktop": bs.VIEWPORT}
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/130.0 Mobile Safari/537.36")


@pytest.fixture
def page(browser, request_recorder):
    """Each size as its own device: a phone's user agent says Mobile, as real phones' do."""
    contexts = []

    def make(size: dict):
        agent = {"user_agent": PHONE_AGENT} if size["width"] < 600 else {}
        ctx = browser.new_context(viewport=size, **agent)
        request_recorder.attach(ctx)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()
MY_TABS = ("map", "regions", "timeline", "sources")


def open_view(make_page, server, view: str, size: dict):
    page = make_page(size)
    page.goto(bs.page_url(server.url, {"view": view}), wait_until="domcontentloaded")
    page.wait_for_selector('[role="tablist"]', timeout=60_000)
    bs.wait_until_idle(page)
    page.wait_for_selector("h1", timeout=30_000)  # the heading (and the page's phone styles) come last
    if size["width"] < 600:
        page.wait_for_function("() => getComputedStyle(document.querySelector('[role=\"tablist\"]'))"
                               ".flexWrap === 'wrap'", timeout=30_000)
    page.wait_for_timeout(1_500)
    return page


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_every_signatory_is_on_the_visible_map_and_none_under_the_legend(page, server, size):
    page = open_view(page, server, "map", SIZES[size])
    bs.wait_for_map_ink(page)
    page.wait_for_function("() => { const g = [...document.querySelectorAll('.js-plotly-plot')].find("
                           "x => x.querySelector('.maplibregl-canvas')); const m = g && g._fullLayout.map"
                           " && g._fullLayout.map._subplot.map; return m && m.loaded(); }", timeout=30_000)
    canvas = page.locator(bs.MAP_PLOT).first.locator("canvas.maplibregl-canvas").first.bounding_box()
    legend = page.locator(bs.MAP_PLOT).first.locator(".legend").first.bounding_box()
    points = country_points(data_root())
    hidden = []
    for iso3 in data.load_signatories()["iso3"]:
        lat, lon = points[iso3]
        p = bs.map_point(page, lon, lat)
        inside = (canvas["x"] <= p["x"] <= canvas["x"] + canvas["width"]
                  and canvas["y"] <= p["y"] <= canvas["y"] + canvas["height"])
        under = legend is not None and (legend["x"] <= p["x"] <= legend["x"] + legend["width"]
                                        and legend["y"] <= p["y"] <= legend["y"] + legend["height"])
        if not inside or under:
            hidden.append(f"{iso3} ({'under the legend' if under else 'off the map'})")
    assert not hidden, f"{size}: signatories not visible: {hidden}"


def test_a_phone_sees_the_map_on_its_first_screen(page, server):
    page = open_view(page, server, "map", bs.PHONE)
    bs.wait_for_map_ink(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    box = page.locator(bs.MAP_PLOT).first.bounding_box()
    visible = bs.PHONE["height"] - box["y"]
    assert visible >= 150, f"only {visible:.0f} px of the map on the first screen (map starts at {box['y']:.0f})"


@pytest.mark.parametrize("view", MY_TABS)
def test_each_tab_reads_on_a_phone(page, server, view):
    page = open_view(page, server, view, bs.PHONE)
    tab = bs.open_tab_in_sight(page)
    assert tab and tab["inside"], f"the open tab is not in sight in the tab bar: {tab}"
    found = bs.text_layout_problems(page, '[data-testid="stMain"]')
    bs.save_screenshot(page, f"phone_{view}")  # the conftest hook has no `page` here
    assert found["count"] > 20
    assert not found["overlaps"], f"text overlaps on {view} at 390 px: {found['overlaps'][:5]}"
    assert not found["clipped"], f"text runs off the screen on {view} at 390 px: {found['clipped'][:5]}"
