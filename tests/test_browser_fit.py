"""The page fitted to the reader's screen, in Chromium (issue 20 items 1 and 5, issue 21 point 5):

- every MapLibre world map shows the world once, never repeated, with the 24 signatories on the
  visible map and none under the legend, at 320 to 2560 px, in a window resized, a tablet width
  with a desktop browser and an embed in a 600 px frame (page/map_fit.py: the browser fits them);
- the default view does not move once drawn on a phone (cumulative layout shift under 0.1);
- every tab label is whole at 820 px, no button's words run out of it at 390 px in Spanish, and
  a button that opens another tab leaves a way back.

One server and one browser for the file (tests/conftest.py); a page is reused across widths.
"""

from __future__ import annotations

import contextlib
import io
import time

import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.core.provenance import data_root
from dashboard.data import country_points, load_signatories
from tests import browser_support as bs

pytestmark = pytest.mark.browser

POINTS = [[iso3, *country_points(data_root())[iso3]] for iso3 in load_signatories()["iso3"]]
assert len(POINTS) == 24

# Every MapLibre map on the page: where the world's edges are drawn, and which signatories are off
# the visible map or under its legend / colour bar.
MAPS_JS = """(points) => [...document.querySelectorAll('.js-plotly-plot')]
  .filter((g) => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot && g._fullLayout.map._subplot.map)
  .map((g) => {
    const m = g._fullLayout.map._subplot.map, c = m.getContainer().getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const keys = (g.closest('[class*="st-key-"]') || {className: ''}).className.split(' ');
    const legends = [...g.querySelectorAll('.legend, .colorbar')].map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    const hidden = [];
    for (const [iso3, lat, lon] of points) {
      const p = m.project([lon, lat]), x = c.left + p.x, y = c.top + p.y;
      const inside = x >= Math.max(c.left, 0) && x <= Math.min(c.right, vw) && y >= c.top && y <= c.bottom;
      const under = legends.some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
      if (!inside || under) hidden.push(iso3 + (under ? ' under the legend' : ' off the map'));
    }
    return {key: keys.find((k) => k.startsWith('st-key-')) || '?', copies: m.getRenderWorldCopies(),
            loaded: m.loaded(), moving: m.isMoving(), zoom: m.getZoom(), w: c.width, h: c.height,
            west: m.project([-180, 0]).x, east: m.project([180, 0]).x, hidden};
  })"""
READY_JS = """() => {
  const g = [...document.querySelectorAll('.js-plotly-plot')].filter((x) => x._fullLayout && x._fullLayout.map);
  return g.length > 0 && g.every((x) => { const m = x._fullLayout.map._subplot && x._fullLayout.map._subplot.map;
    return m && m.loaded() && !m.isMoving() && x.dataset.mapFit !== undefined; }); }"""


def _wait_for(where, condition: str, timeout_ms: float) -> None:
    """Wait for a condition, then go on either way: the assertions that follow say what is wrong."""
    with contextlib.suppress(PlaywrightTimeout):
        where.wait_for_function(condition, timeout=timeout_ms)


def _settled_maps(where, timeout: float = 60.0) -> list[dict]:
    """The page's maps once each is loaded, still and fitted (`where`: a page or a frame)."""
    _wait_for(where, READY_JS, timeout * 1000)
    deadline = time.monotonic() + timeout
    found = where.evaluate(MAPS_JS, POINTS)
    while time.monotonic() < deadline:  # a resize is fitted on the next frame: read until two agree
        where.wait_for_timeout(400)
        again = where.evaluate(MAPS_JS, POINTS)
        if [(m["zoom"], m["w"]) for m in again] == [(m["zoom"], m["w"]) for m in found]:
            return again
        found = again
    return found


def _blank_beyond_the_world(plot, found: dict) -> None:
    """The canvas's columns left of the world's west edge and right of its east edge are empty: the
    world (every country's polygon) is drawn once."""
    png = plot.locator("canvas.maplibregl-canvas").first.screenshot(timeout=15_000)
    img = Image.open(io.BytesIO(png)).convert("L")
    scale = img.width / found["w"]
    strips = []
    if found["west"] > 3:
        strips.append((0, int((found["west"] - 2) * scale)))
    if found["east"] < found["w"] - 3:
        strips.append((int((found["east"] + 2) * scale) + 1, img.width))
    for left, right in strips:
        if right - left < 2:
            continue
        darkest = img.crop((left, 0, right, img.height)).getextrema()[0]
        assert darkest >= 240, (f"{found['key']}: something is drawn beyond the world's edge, columns "
                                f"{left}-{right} of {img.width} (a second copy of the world)")


def _check_maps(where, label: str, expected: int) -> list[dict]:
    found = _settled_maps(where)
    assert len(found) == expected, f"{label}: {len(found)} maps, expected {expected}"
    for m in found:
        assert m["copies"] is False, f"{label} {m['key']}: MapLibre still repeats the world"
        # The world is wider than the map (no room for a second copy), or drawn once with blank sides.
        assert m["east"] - m["west"] >= m["w"] - 1 or (m["west"] >= -1 and m["east"] <= m["w"] + 1), (label, m)
        assert not m["hidden"], f"{label} {m['key']} ({m['w']:.0f} px): {m['hidden']}"
    for i, m in enumerate(found):
        _blank_beyond_the_world(where.locator(bs.MAP_PLOT).nth(i), m)
    return found


@pytest.fixture(scope="module")
def desktop(browser, request_recorder):
    """One desktop browser window (a desktop User-Agent), reused across the widths."""
    ctx = browser.new_context(viewport=bs.VIEWPORT)
    request_recorder.attach(ctx)
    pg = ctx.new_page()
    yield pg
    ctx.close()


def _open(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[role="tablist"], .js-plotly-plot', timeout=90_000)
    bs.wait_until_idle(page, 90_000)


WIDTHS = (320, 390, 480, 820, 1400, 2560)


def test_the_map_tab_fits_every_width_and_follows_a_resize(desktop, server):
    """Opened at 1400 px, then the window narrowed and widened: at each width the world once and the 24
    in sight (the phone widths with a desktop User-Agent: nothing is read from it any more)."""
    desktop.set_viewport_size({"width": 1400, "height": 1000})
    _open(desktop, server.url)
    bs.wait_for_map_ink(desktop)
    zooms = {}
    for width in (1400, 320, 390, 480, 820, 2560):
        desktop.set_viewport_size({"width": width, "height": 1000})
        (found,) = _check_maps(desktop, f"map tab at {width} px", 1)
        zooms[width] = found["zoom"]
    # The zoom follows the width: a 2560 px window shows a larger world than a 320 px one.
    assert zooms[320] < zooms[480] < zooms[1400] < zooms[2560], zooms


@pytest.mark.parametrize("width", (390, 2560))
def test_a_first_visit_fits_at_once(browser, server, request_recorder, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    request_recorder.attach(ctx)
    try:
        page = ctx.new_page()
        _open(page, server.url)
        _check_maps(page, f"first visit at {width} px", 1)
    finally:
        ctx.close()


def test_the_migration_maps_fit_too(desktop, server):
    desktop.set_viewport_size({"width": 1400, "height": 1000})
    _open(desktop, bs.page_url(server.url, {"view": "migration"}))
    for width in (1400, 390, 2560):
        desktop.set_viewport_size({"width": width, "height": 1000})
        keys = {m["key"] for m in _check_maps(desktop, f"migration tab at {width} px", 2)}
        assert keys == {"st-key-migration_map", "st-key-flow_map"}


def test_the_venue_map_fits_too(desktop, server):
    desktop.set_viewport_size({"width": 2560, "height": 1000})
    _open(desktop, bs.page_url(server.url, {"view": "timeline"}))
    _check_maps(desktop, "timeline's venue map at 2560 px", 1)
    desktop.set_viewport_size({"width": 320, "height": 1000})
    _check_maps(desktop, "timeline's venue map at 320 px", 1)


def test_an_embed_in_a_600_px_frame_fits(desktop, server):
    desktop.set_viewport_size({"width": 1400, "height": 1000})
    src = bs.page_url(server.url, {"chart": "map", "color": "icrmw-latest", "embed": "true"})
    desktop.set_content(f'<!doctype html><body style="margin:0"><p>An article column.</p>'
                        f'<iframe src="{src}" width="600" height="900" style="border:0"></iframe></body>')
    frame = desktop.frame_locator("iframe")
    frame.locator(".js-plotly-plot").first.wait_for(timeout=90_000)
    (inner,) = [f for f in desktop.frames if "chart=map" in f.url]
    (found,) = _check_maps(inner, "?chart=map in a 600 px frame", 1)
    assert found["w"] <= 600


# --- nothing moves once drawn ------------------------------------------------------------------

def test_the_default_view_does_not_move_on_a_phone(browser, server, request_recorder):
    """A first visit at 390 px with a phone's emulation: the layout shifts summed as Lighthouse does
    (its largest session window) stay under 0.1 ("good"), from the first byte to a settled page."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1.75, is_mobile=True,
                              has_touch=True, user_agent=bs.MOBILE_AGENT)
    request_recorder.attach(ctx)
    try:
        page = ctx.new_page()
        page.add_init_script(bs.LAYOUT_SHIFT_JS)
        _open(page, server.url)
        bs.wait_for_map_ink(page)
        page.wait_for_timeout(3_000)  # what arrives after the map (the rest of the first visit)
        shifts = page.evaluate("() => window.__shifts")
    finally:
        ctx.close()
    cls, window = bs.session_cls(shifts)
    movers = sorted({src["name"] for s in window for src in s["sources"]})
    assert cls < 0.1, f"cumulative layout shift {cls:.3f} on the default view at 390 px; moved: {movers}"


# --- controls readable at 390 and 820 px --------------------------------------------------------

TABS_JS = """() => {
  const bar = document.querySelector('[role="tablist"]');
  const vw = document.documentElement.clientWidth, b = bar.getBoundingClientRect();
  return {overflow: bar.scrollWidth - bar.clientWidth, tabs: [...bar.querySelectorAll('[role="tab"]')].map((t) => {
    const r = t.getBoundingClientRect(), label = t.querySelector('p') || t;
    return {text: t.innerText.trim(), whole: r.left >= -0.5 && r.right <= vw + 0.5 && r.left >= b.left - 0.5
            && r.right <= b.right + 0.5 && r.width > 0 && label.scrollWidth <= label.clientWidth + 1,
            selected: t.getAttribute('aria-selected') === 'true'};
  })};
}"""


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_every_tab_label_is_whole_at_820_px(desktop, server, lang):
    desktop.set_viewport_size({"width": 820, "height": 1100})
    _open(desktop, bs.page_url(server.url, {"view": "compare", "lang": lang}))
    _wait_for(desktop, "() => getComputedStyle(document.querySelector('[role=\"tablist\"]')).flexWrap === 'wrap'",
              30_000)
    found = desktop.evaluate(TABS_JS)
    assert len(found["tabs"]) == 9
    assert found["overflow"] <= 1, f"the tab bar scrolls sideways by {found['overflow']} px"
    cut = [t["text"] for t in found["tabs"] if not t["whole"]]
    assert not cut, f"tabs not whole at 820 px ({lang}): {cut}"
    assert [t["selected"] for t in found["tabs"]].index(True) == 7  # "Compare a list", the one that hid


BUTTONS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] button')]
  .filter((b) => b.offsetParent && b.innerText.trim() && !b.closest('[role="tablist"]')).map((b) => {
    const box = b.getBoundingClientRect();
    const cut = [...b.querySelectorAll('p, span, div')].filter((e) => e.childElementCount === 0 && e.textContent.trim())
      .some((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > box.right + 1
                   || getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth);
    return {text: b.innerText.trim(), cut, right: box.right};
  })"""


def test_no_button_or_option_is_cut_at_390_px_on_the_treaty_tab_in_spanish(desktop, server):
    desktop.set_viewport_size({"width": 390, "height": 844})
    _open(desktop, bs.page_url(server.url, {"view": "treaties", "lang": "es"}))
    desktop.get_by_role("button", name="Mapa mundial: Protocolo contra el tráfico ilícito de migrantes").wait_for(
        timeout=60_000)
    _wait_for(desktop, "() => getComputedStyle(document.querySelector('.stButton button p')).whiteSpace === 'normal'",
              30_000)
    found = desktop.evaluate(BUTTONS_JS)
    texts = [b["text"] for b in found]
    assert sum(t.startswith("Mapa mundial:") for t in texts) == 4, texts
    assert any(t.startswith("Última conocida") for t in texts), texts  # the status's second option
    cut = [b["text"] for b in found if b["cut"] or b["right"] > 390]
    assert not cut, f"cut at 390 px: {cut}"


def test_a_world_map_button_leaves_a_way_back(desktop, server):
    desktop.set_viewport_size({"width": 1400, "height": 1000})
    _open(desktop, bs.page_url(server.url, {"view": "treaties"}))
    desktop.get_by_role("button", name="World map: ICRMW").click()
    back = desktop.get_by_role("button", name="Back to Legal frameworks")
    back.wait_for(timeout=60_000)
    assert "view=" not in desktop.url and "color=icrmw" in desktop.url  # the address says where: the map, by default
    assert bs.open_tab_in_sight(desktop)["text"] == "Map & table"
    back.click()
    desktop.wait_for_function("() => document.querySelector('[role=\"tab\"][aria-selected=\"true\"]')"
                              ".innerText.trim() === 'Legal frameworks'", timeout=60_000)
    bs.wait_until_idle(desktop)
    assert "view=treaties" in desktop.url
    assert desktop.get_by_role("button", name="Back to Legal frameworks").count() == 0
