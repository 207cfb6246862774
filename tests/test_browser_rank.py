"""Issue 21 in a real browser: the corridors map's embed page, whose credit lines were printed over its
colour bar, measured box by box; and a profile opened by its link on a phone, in view and within the
screen's width."""

from __future__ import annotations

import pytest

from tests import browser_support as bs

pytestmark = pytest.mark.browser

PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/130.0 Mobile Safari/537.36")
# Every box a chart draws that the credit must not meet, and the credit (the footer annotation that
# carries the data version), as the browser lays them out.
BOXES_JS = """() => {
  const g = document.querySelector('.js-plotly-plot');
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left,
                                                                   right: r.right}; };
  const credit = [...g.querySelectorAll('.annotation')].filter(a => /data version/.test(a.textContent));
  return {credit: credit.map(box), legend: [...g.querySelectorAll('.legend .bg')].map(box),
          colourbar: [...g.querySelectorAll('.colorbar .cbbg')].map(box),
          svg: box(g.querySelector('.main-svg'))};
}"""


def _meet(a: dict, b: dict) -> bool:
    return a["top"] < b["bottom"] and b["top"] < a["bottom"] and a["left"] < b["right"] and b["left"] < a["right"]


@pytest.mark.parametrize("width", [390, 1400])
def test_the_corridors_embed_keeps_its_credit_off_the_colour_bar(browser, server, width):
    ctx = browser.new_context(viewport={"width": width, "height": 1000})
    try:
        page = ctx.new_page()
        page.goto(bs.page_url(server.url, {"chart": "corridors", "country": "PHL"}), wait_until="domcontentloaded")
        page.wait_for_selector(".js-plotly-plot .colorbar .cbbg", timeout=60_000)
        bs.wait_until_idle(page)
        page.wait_for_timeout(1_000)
        found = page.evaluate(BOXES_JS)
        (credit,) = found["credit"]
        (bar,) = found["colourbar"]
        assert not _meet(credit, bar), f"at {width} px the credit {credit} meets the colour bar {bar}"
        assert credit["top"] >= bar["bottom"], "the credit comes under the colour bar"
        assert credit["bottom"] <= found["svg"]["bottom"] + 1, "the credit is inside the image"
    finally:
        ctx.close()


def test_a_profile_link_on_a_phone_shows_the_profile_within_the_screen(browser, server):
    ctx = browser.new_context(viewport=bs.PHONE, user_agent=PHONE_AGENT)
    try:
        page = ctx.new_page()
        page.goto(bs.page_url(server.url, {"country": "PER", "lang": "es"}), wait_until="domcontentloaded")
        heading = page.locator("h3", has_text="Perú  ·  PER")
        heading.wait_for(timeout=60_000)
        bs.wait_until_idle(page)
        # The page brings the profile up once it is drawn (the map above it may still be growing).
        page.wait_for_function("""() => { const h = [...document.querySelectorAll('h3')].find(
                                   x => x.textContent.includes('PER'));
                                   const r = h && h.getBoundingClientRect();
                                   return r && r.top >= 0 && r.bottom <= window.innerHeight; }""", timeout=15_000)
        page.wait_for_timeout(1_500)  # and it stays there
        box = heading.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= bs.PHONE["height"], box
        picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Ficha de país").first.bounding_box()
        assert 0 <= picker["y"] < box["y"], "the picker (to correct a mistaken tap) is in view above it"
        # Its treaties: a list on a phone (the table is hidden), in Spanish, and nothing wider than the screen.
        listed = page.locator(".st-key-profile_treaty_list")
        assert listed.is_visible() and not page.locator(".st-key-profile_treaty_table").is_visible()
        assert "Convención sobre los trabajadores migratorios" in listed.inner_text()
        wide = page.evaluate("""() => [...document.querySelectorAll('.st-key-profile *')]
            .filter(e => e.getBoundingClientRect().width > 0 && getComputedStyle(e).display !== 'none')
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
        assert not wide, f"parts of the profile run past the screen's right edge: {wide}"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= bs.PHONE["width"]
        tables = page.evaluate("""() => [...document.querySelectorAll(
            '.st-key-profile table, .st-key-profile [data-testid="stDataFrame"]')]
            .filter(t => t.getBoundingClientRect().width > 0)
            .map(t => [t.getBoundingClientRect().right, t.scrollWidth, t.clientWidth])""")
        assert all(right <= bs.PHONE["width"] and scroll <= client + 1 for right, scroll, client in tables), tables
        bs.save_screenshot(page, "phone_profile_per_es")
    finally:
        ctx.close()


def test_a_phone_picks_a_country_by_name_right_under_the_map(browser, server):
    """A finger can miss a small country on the map: the 24 are listed right under it, and choosing one
    brings its profile into view."""
    ctx = browser.new_context(viewport=bs.PHONE, user_agent=PHONE_AGENT)
    try:
        page = ctx.new_page()
        page.goto(bs.page_url(server.url, {"lang": "es"}), wait_until="domcontentloaded")
        quick = page.locator(".st-key-country_quick")
        quick.wait_for(timeout=60_000)
        bs.wait_until_idle(page)
        map_box = page.locator(bs.MAP_PLOT).first.bounding_box()
        box = quick.bounding_box()
        assert 0 <= box["y"] - (map_box["y"] + map_box["height"]) < 150, (map_box, box)
        quick.locator("input").first.click()
        page.keyboard.type("Perú")
        page.keyboard.press("Enter")
        heading = page.locator("h3", has_text="Perú  ·  PER")
        heading.wait_for(timeout=30_000)
        page.wait_for_function("() => new URLSearchParams(location.search).get('country') === 'PER'",
                               timeout=10_000)
        page.wait_for_function("""() => { const h = [...document.querySelectorAll('h3')].find(
                                   x => x.textContent.includes('PER'));
                                   const r = h && h.getBoundingClientRect();
                                   return r && r.top >= 0 && r.bottom <= window.innerHeight; }""", timeout=15_000)
    finally:
        ctx.close()


def test_the_list_under_the_map_follows_the_width_not_the_user_agent(browser, server):
    """A narrow desktop window (no "Mobile" in its user agent) gets the list of the 24 under the map;
    a wide one with a mouse does not see it."""
    for width, shown in ((390, True), (1400, False)):
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = ctx.new_page()
            assert "Mobile" not in page.evaluate("navigator.userAgent")
            page.goto(server.url, wait_until="domcontentloaded")
            page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.wait_for(timeout=60_000)
            bs.wait_until_idle(page)
            quick = page.locator(".st-key-country_quick")
            assert quick.count() == 1
            assert quick.is_visible() is shown, width
        finally:
            ctx.close()
