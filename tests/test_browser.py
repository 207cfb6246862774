"""The dashboard as a visitor sees it: a real `streamlit run` server and Debian's Chromium, offline.

Each test opens the page in a fresh browser context. Every request of every context is recorded;
the last test checks that none of them went to a host other than the local server.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests import browser_support as bs

pytestmark = pytest.mark.browser

AFRICA = ["Algeria", "Egypt", "Morocco", "Nigeria", "South Africa"]
AFRICA_ISO3 = {"DZA", "EGY", "MAR", "NGA", "ZAF"}
NORTHERN_AFRICA = ["Algeria", "Egypt", "Morocco"]
ALL = 24


def open_page(page, server, params=None, rows: int | None = ALL):
    """Navigate and wait until the page shows `rows` rows (the filtered download button's label)."""
    page.goto(bs.page_url(server.url, params), wait_until="domcontentloaded")
    if rows is not None:
        bs.wait_for_rows(page, rows, timeout_ms=60_000)
    return page


def exception_boxes(page) -> int:
    return page.locator('[data-testid="stException"]').count()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def download_filtered(page, n: int) -> tuple[str, list[dict[str, str]]]:
    button = bs.filtered_download_button(page, n)
    with page.expect_download(timeout=30_000) as info:
        button.click()
    download = info.value
    path = download.path()
    with open(path, "rb") as handle:
        return download.suggested_filename, bs.read_csv_bytes(handle.read())


# --- (1) the map draws ------------------------------------------------------------------------------

def test_map_draws(page, server):
    open_page(page, server)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    page.wait_for_selector(bs.MAP_PLOT, state="attached", timeout=60_000)
    ink, coloured = bs.wait_for_map_ink(page, min_ink=0.02, timeout=30)
    # The 24 signatories are filled in the colour of their region (a blank or grey-only map fails).
    assert coloured > 0.01, (f"the map has ink ({ink:.1%}) but only {coloured:.2%} of its pixels "
                             "are coloured: the signatories are not drawn")
    assert exception_boxes(page) == 0


# --- (2) the sidebar filter narrows the table and writes the URL -------------------------------------

def test_choosing_africa_narrows_table_and_url(page, server):
    open_page(page, server)
    assert bs.shown_count(page) == str(ALL)
    region = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="UN M49 region").first
    region.locator("input").click()
    page.get_by_role("option", name="Africa", exact=True).click()
    page.keyboard.press("Escape")
    bs.wait_for_rows(page, 5)
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('region').length > 0",
                           timeout=15_000)
    assert query(page).get("region") == ["Africa"], page.url
    assert bs.shown_count(page) == "5"
    table = bs.signatory_table(page)
    assert table is not None, "the signatory table is not on the page"
    assert table["rowcount"] == 5
    assert sorted(r[0] for r in table["rows"]) == AFRICA
    assert exception_boxes(page) == 0


# --- (3) a shared link with ?region=Africa shows exactly the five ------------------------------------

def test_region_link_shows_exactly_the_african_signatories(page, server):
    open_page(page, server, {"region": "Africa"}, rows=5)
    assert bs.shown_count(page) == "5"
    assert page.get_by_text(f"{ALL} signatories in", exact=False).count() >= 1
    # The widget shows the filter the URL asked for.
    region = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="UN M49 region").first
    assert "Africa" in region.inner_text()
    table = bs.signatory_table(page)
    assert table is not None, "the signatory table is not on the page"
    assert table["rowcount"] == 5
    assert sorted(r[0] for r in table["rows"]) == AFRICA
    _, rows = download_filtered(page, 5)
    assert sorted(r["name"] for r in rows) == AFRICA
    assert exception_boxes(page) == 0


# --- (4) the filtered CSV holds exactly the filtered rows ---------------------------------------------

@pytest.mark.parametrize(("params", "names"), [
    ({"region": "Africa"}, AFRICA),
    ({"subregion": "Northern Africa"}, NORTHERN_AFRICA),
])
def test_filtered_csv_download_is_the_filtered_rows(page, server, params, names):
    open_page(page, server, params, rows=len(names))
    filename, rows = download_filtered(page, len(names))
    assert filename.endswith(".csv")
    assert rows, "the CSV is empty"
    assert "iso3" in rows[0], f"no iso3 column in {list(rows[0])}"
    assert "name" in rows[0]
    assert sorted(r["name"] for r in rows) == names
    if params.get("region") == "Africa":
        assert {r["iso3"] for r in rows} == AFRICA_ISO3
    assert len({r["iso3"] for r in rows}) == len(rows), "duplicate rows in the CSV"


def test_full_csv_download_has_all_24(page, server):
    open_page(page, server, {"region": "Africa"}, rows=5)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=f"Download all {ALL} (CSV)", exact=True).click()
    with open(info.value.path(), "rb") as handle:
        rows = bs.read_csv_bytes(handle.read())
    assert len(rows) == ALL
    assert len({r["iso3"] for r in rows}) == ALL
    assert {r["iso3"] for r in rows} > AFRICA_ISO3


# --- (5) clicking a country on the map opens its profile ----------------------------------------------

BRAZIL = (-52.0, -10.0)  # lon, lat: well inside Brazil at any zoom the world view uses


def test_clicking_brazil_on_the_map_opens_its_profile(page, server):
    open_page(page, server)
    page.wait_for_selector(bs.MAP_PLOT, state="attached", timeout=60_000)
    bs.wait_for_map_ink(page, timeout=30)
    page.locator(bs.MAP_PLOT).first.scroll_into_view_if_needed()
    attempts = []
    for attempt in range(4):
        # MapLibre's own projection of the point, once the map has loaded.
        page.wait_for_function(bs.MAP_POINT_JS, arg=list(BRAZIL), timeout=30_000)
        point = bs.map_point(page, *BRAZIL)
        assert point is not None
        # plotly takes a map click from the hover under the pointer: hover first, then click.
        page.mouse.move(point["x"] - 3, point["y"] - 3)
        page.mouse.move(point["x"], point["y"], steps=3)
        page.wait_for_timeout(300 + 300 * attempt)
        page.mouse.click(point["x"], point["y"])
        try:
            page.wait_for_function("() => new URLSearchParams(location.search).get('country')",
                                   timeout=10_000)
            break
        except Exception as exc:  # noqa: BLE001 - retried, and the failure reported below
            attempts.append(f"attempt {attempt + 1} at ({point['x']:.0f}, {point['y']:.0f}): {exc!r:.120}")
    assert query(page).get("country") == ["BRA"], f"url {page.url}; {attempts}"
    heading = page.locator("h3").filter(has_text="Brazil")
    heading.first.wait_for(timeout=30_000)
    assert "BRA" in heading.first.inner_text()
    # The profile selector follows the click.
    assert bs.selectbox_value(page, "Country profile") == "Brazil"
    assert exception_boxes(page) == 0


def test_country_link_opens_the_profile(page, server):
    open_page(page, server, {"country": "PER"})
    heading = page.locator("h3").filter(has_text="Peru")
    heading.first.wait_for(timeout=30_000)
    assert "PER" in heading.first.inner_text()
    assert query(page).get("country") == ["PER"]
    assert bs.selectbox_value(page, "Country profile") == "Peru"


# --- (7) no exception box -------------------------------------------------------------------------

def test_default_page_has_no_exception_and_all_rows(page, server):
    open_page(page, server)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    assert exception_boxes(page) == 0
    # Read every tab of the page, as a visitor would; none may show a traceback.
    broken = []
    names = bs.visit_every_tab(page, settle_ms=500,
                               on_tab=lambda name: broken.append(name) if exception_boxes(page) else None)
    assert len(names) >= 2, f"expected the page's tabs, found {names}"
    assert broken == [], f"an exception box in the tab(s) {broken}"
    assert page.locator('[data-testid="stAlert"]').count() == 0, "a warning on the default page"
    assert bs.shown_count(page) == str(ALL)
    table = bs.signatory_table(page)
    assert table is not None and table["rowcount"] == ALL


# --- (8) hostile URL values -------------------------------------------------------------------------

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "sql": "' OR 1=1 --",
    "long": "A" * 5000,
    "unicode": "Ásia🌍",
    "nul": "\x00",  # sent as %00
}
IMG_ONERROR = '"><img src=x onerror=alert(1)>'

PARAMS = ["region", "subregion", "color", "country"]
# A valid value for each parameter, what it shows, and how to check it took effect.
VALID = {
    "region": ("Africa", 5),
    "subregion": ("Northern Africa", 3),
    "color": ("sub_region", ALL),
    "country": ("PER", ALL),
}


def check_hostile_page(page, param: str, dialogs: list[str], rows: int) -> None:
    bs.wait_for_rows(page, rows, timeout_ms=60_000)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    alerts = page.locator('[data-testid="stAlert"]')
    alerts.first.wait_for(timeout=30_000)
    texts = alerts.all_inner_texts()
    assert any(param in t and ("Ignored" in t or "ignored" in t) for t in texts), (
        f"no warning that names the ignored `{param}` value: {texts}")
    assert exception_boxes(page) == 0
    assert bs.shown_count(page) == str(rows)
    table = bs.signatory_table(page)
    assert table is not None and table["rowcount"] == rows
    injected = page.evaluate("""() => [...document.scripts].some(s => s.textContent.includes('alert(1)'))
        || [...document.querySelectorAll('img')].some(i => i.getAttribute('src') === 'x')""")
    assert not injected, "the URL value became a script or an element on the page"
    page.wait_for_timeout(300)  # an alert() would have fired by now
    assert dialogs == [], f"a dialog opened: {dialogs}"


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize("param", PARAMS)
def test_hostile_url_value_is_ignored_with_a_warning(page, server, dialogs, param, kind):
    open_page(page, server, {param: HOSTILE[kind]}, rows=None)
    check_hostile_page(page, param, dialogs, ALL)
    assert page.locator("h3").filter(has_text="·").count() == 0, "a profile opened for a hostile value"


@pytest.mark.parametrize("param", PARAMS)
def test_hostile_values_mixed_with_a_valid_one(page, server, dialogs, param):
    valid, rows = VALID[param]
    values = [valid, *HOSTILE.values(), IMG_ONERROR, "%00"]  # "%00" as text too
    open_page(page, server, {param: values}, rows=None)
    check_hostile_page(page, param, dialogs, rows)
    if param == "region":
        table = bs.signatory_table(page)
        assert sorted(r[0] for r in table["rows"]) == AFRICA
    elif param == "subregion":
        table = bs.signatory_table(page)
        assert sorted(r[0] for r in table["rows"]) == NORTHERN_AFRICA
    elif param == "color":
        assert bs.selectbox_value(page, "Colour the map by") == "UN M49 sub-region"
    elif param == "country":
        page.locator("h3").filter(has_text="Peru").first.wait_for(timeout=30_000)


def test_hostile_values_in_every_parameter_at_once(page, server, dialogs):
    every = [*PARAMS, "view", "when"]  # the tab and the treaty date are URL parameters too
    params = {p: [HOSTILE["script"], HOSTILE["long"], HOSTILE["unicode"], "\x00"] for p in every}
    params["region"].insert(0, "Africa")
    open_page(page, server, params, rows=None)
    for param in every:
        check_hostile_page(page, param, dialogs, 5)


# --- (6) nothing leaves the machine (keep last: it reads what every test above recorded) ------------

def test_recorder_classifies_hosts():
    assert bs.is_local("http://127.0.0.1:8501/static/js/x.js")
    assert bs.is_local("ws://127.0.0.1:8501/_stcore/stream")
    assert bs.is_local("http://localhost:8501/")
    assert bs.is_local("data:image/png;base64,AAAA")
    assert bs.is_local("blob:http://127.0.0.1:8501/0e18d1e5")
    assert not bs.is_local("https://fonts.openmaptiles.org/Open Sans Regular/0-255.pbf")
    assert not bs.is_local("https://cdn.jsdelivr.net/npm/x.js")
    assert not bs.is_local("http://10.0.0.1/")
    assert not bs.is_local("http://127.0.0.1.example.com/")


def test_recorder_sees_a_request_to_another_host(browser, server):
    """The recorder works in the real browser: a fetch to another host is caught (and aborted
    by a route before it is sent, so nothing leaves the machine)."""
    recorder = bs.RequestRecorder()
    ctx = browser.new_context(viewport=bs.VIEWPORT)
    try:
        ctx.route("**/*", lambda route: route.abort() if not bs.is_local(route.request.url)
                  else route.continue_())
        recorder.attach(ctx)
        pg = ctx.new_page()
        pg.goto(server.url + "_stcore/health", timeout=30_000)
        pg.evaluate("() => fetch('http://example.invalid/probe.pbf').catch(() => null)")
        pg.wait_for_timeout(300)
    finally:
        ctx.close()
    assert [u for _, u in recorder.outside] == ["http://example.invalid/probe.pbf"]
    assert recorder.local_count >= 1


def test_no_request_leaves_the_machine(page, server, request_recorder):
    # One more complete visit of its own (a map click and every section scrolled into view),
    # so this test means something when it runs alone.
    open_page(page, server, {"country": "BRA", "color": "sub_region"})
    page.wait_for_selector(bs.MAP_PLOT, state="attached", timeout=60_000)
    bs.wait_for_map_ink(page, timeout=30)
    bs.visit_every_tab(page, settle_ms=1_500)
    for expander in page.locator('[data-testid="stExpander"] summary').all():
        if expander.is_visible():
            expander.click()
    page.keyboard.press("End")
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle", timeout=30_000)
    page.wait_for_timeout(2_000)  # MapLibre asks for glyphs and sprites after its first frame
    assert request_recorder.local_count > 20, "the recorder saw no traffic: it is not attached"
    assert request_recorder.outside == [], request_recorder.summary()
