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
    assert "27 Jan 2014" in bs.selectbox_value(page, "Colour the map by")
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


# --- Phones (issue 12, item 5), Spanish (issue 10), the overlap link (issue 12, item 3) -----------

PHONE = {"width": 390, "height": 844}
# Every piece of chart text plotly draws (titles, ticks, axis titles, legend, annotations, marks).
CHART_TEXT = """(plot) => {
  const box = plot.getBoundingClientRect();
  const sel = 'text.gtitle, g.xtick > text, g.ytick > text, text.xtitle, text.ytitle, text.legendtext, '
            + 'g.annotation-text-g text, g.textpoint > text, text.bartext';
  return Array.from(plot.querySelectorAll(sel)).map((el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {text: el.textContent.trim(), kind: el.getAttribute('class') || el.parentNode.getAttribute('class'),
            left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height,
            hidden: style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0'};
  }).filter((t) => t.text && !t.hidden && t.width > 0)
    .map((t) => Object.assign(t, {plot: [box.left, box.right, box.top, box.bottom]}));
}"""


def layout_problems(page) -> list[str]:
    """Chart text that overlaps other chart text, or lies outside its chart or the screen."""
    problems = []
    width = page.evaluate("() => window.innerWidth")
    for n, plot in enumerate(page.locator(".js-plotly-plot").all()):
        plot.scroll_into_view_if_needed()
        texts = plot.evaluate(CHART_TEXT)
        # plotly clips a legend taller than its room and adds a scroll bar: entries cut off.
        if plot.evaluate("(p) => Array.from(p.querySelectorAll('.legend rect.scrollbar'))"
                         ".some((r) => parseFloat(r.getAttribute('height') || 0) > 0)"):
            problems.append(f"chart {n}: the legend is cut (it scrolls)")
        for t in texts:
            left, right, top, bottom = t["plot"]
            if t["left"] < max(left, 0) - 1 or t["right"] > min(right, width) + 1 or t["top"] < top - 1 \
                    or t["bottom"] > bottom + 1:
                problems.append(f"chart {n}: clipped {t['text']!r}")
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                dx = min(a["right"], b["right"]) - max(a["left"], b["left"])
                dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                if dx > 2 and dy > 2:
                    problems.append(f"chart {n}: {a['text']!r} overlaps {b['text']!r}")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 1:
        problems.append(f"the page is {overflow}px wider than the screen")
    return problems


def open_tab_at(page, server, size: dict, **params) -> None:
    page.set_viewport_size(size)
    open_page(page, server, **params)
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)


@pytest.mark.parametrize("params", [
    {"view": "treaties"}, {"view": "treaties", "when": "latest"}, {"view": "processes"},
    {"view": "population"}, {"view": "treaties", "lang": "es"}, {"view": "processes", "lang": "fr"},
])
def test_context_tabs_read_on_a_phone(page, server, params):
    """At 390 x 844 every chart's text is whole, on the screen, and over nothing else: the process
    matrix shows all its column labels, the treaty headers do not overprint, the donut's title is
    not cut, the population ticks and labels do not collide."""
    open_tab_at(page, server, PHONE, **params)
    assert not layout_problems(page)
    if params["view"] == "processes":
        ticks = page.locator(".js-plotly-plot").first.locator("g.xtick > text")
        assert ticks.count() == 15  # every process (a phone used to show 5 of them)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_compare_tab_reads_on_a_phone(page, server):
    open_page(page, server, view="compare")
    page.set_viewport_size(PHONE)
    page.locator("textarea").first.fill("Peru\nViet Nam\nKorea, Rep.\nAtlantis")
    page.get_by_role("button", name="Compare").click()
    bs.wait_until_idle(page)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    assert not layout_problems(page)


def test_treaty_tab_in_spanish(page, server):
    open_page(page, server, view="treaties", lang="es")
    page.get_by_text("La situación de los 24 respecto de los tratados que cita la Declaración").wait_for(
        timeout=30_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    matrix = page.locator(".js-plotly-plot").first.inner_text()
    assert "Estado parte" in matrix and "solo signatario" in matrix and "Perú" in matrix
    assert page.get_by_role("button", name="Mapa mundial: Protocolo sobre la trata de personas").count() == 1
    assert "Where the 24 stood" not in page.locator("body").inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_overlap_link_reopens_with_all_three_groups(page, server):
    """Issue 12, item 3: the map's link carries the list; opened afresh it draws the countries in
    both, only among the 24 and only in the list, and warns of nothing."""
    open_page(page, server, view="compare")
    page.locator("textarea").first.fill("Peru\nViet Nam\nKorea, Rep.\nFrance")
    page.get_by_role("button", name="Compare").click()
    bs.wait_until_idle(page)
    page.get_by_role("button", name="Show the overlap on the map").click()
    page.wait_for_function("() => location.search.includes('list=')", timeout=30_000)
    link = page.url
    assert "color=compare" in link and "list=PER.VNM.KOR.FRA" in link
    fresh = page.context.new_page()  # a new session: nothing but the link
    fresh.goto(link)
    fresh.locator('[role="tablist"]').wait_for(timeout=60_000)
    bs.wait_until_idle(fresh)
    bs.wait_for_map_ink(fresh)
    legend = fresh.locator(".js-plotly-plot").first.inner_text()
    for group in ("in both", "only among the 24", "only in your list"):
        assert group in legend, legend
    assert fresh.locator('[data-testid="stAlertContentWarning"]').count() == 0
    fresh.close()
