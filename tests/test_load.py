"""Load: many visitors on ONE `streamlit run` server for a bounded time, each changing filters.

LOAD_SESSIONS browser pages (default 20), each in its own Chromium context (its own Streamlit
session), load the dashboard again and again with other ?region= / ?subregion= / ?color= values
for LOAD_SECONDS (default 60), and wait each time until the page shows the row count that filter
must give. Every failure is counted: a timeout, an exception box, an HTTP error, a websocket
error, a crashed page. Traffic goes only to 127.0.0.1 (see browser_support).

Run alone with `pytest -m load`; the summary line is printed (see it with -s or on failure).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from dataclasses import dataclass, field

import pytest

from tests import browser_support as bs

pytestmark = pytest.mark.load

SESSIONS = int(os.environ.get("LOAD_SESSIONS", "20"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
STEP_TIMEOUT_MS = int(os.environ.get("LOAD_STEP_TIMEOUT_MS", "90000"))  # one page load, all waits
# A leak shows as growth that goes on with every page load. The server's caches are bounded
# (cache_resource max_entries, one figure per view and colour mode; the scenarios below cycle
# through 12 views, all built during the warm-up), and each live session holds its own small
# state; over a minute a healthy server grows by tens of MB (allocator slack, a few more cached
# figures). 300 MB leaves room for that noise on a busy 2-core machine and still catches a leak
# of ~1 MB per page load over the few hundred loads of a run, or a session kept after it closed.
RSS_GROWTH_LIMIT_MB = 300.0

# (query parameters, rows the page must show): the counts are the signatory list's, by hand.
SCENARIOS: list[tuple[dict[str, str | list[str]], int]] = [
    ({"region": "Africa"}, 5),
    ({"region": "Asia", "color": "sub_region"}, 8),
    ({"subregion": "Northern Africa"}, 3),
    ({}, 24),
    ({"region": "Americas"}, 11),
    ({"subregion": ["Southern Asia", "Eastern Asia"]}, 4),
    ({"region": ["Africa", "Asia"], "color": "sub_region"}, 13),
    ({"subregion": "Sub-Saharan Africa"}, 2),
    ({"color": "sub_region"}, 24),
    ({"subregion": "South-eastern Asia", "region": "Africa"}, 9),
    ({"region": "Africa", "country": "NGA"}, 5),
    ({"subregion": "Latin America and the Caribbean", "color": "sub_region"}, 11),
]


@dataclass
class Tally:
    loads: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def error(self, session: int, what: str) -> None:
        self.errors.append(f"session {session}: {what}")


async def _load_once(page, server_url: str, scenario: int, session: int, tally: Tally) -> None:
    params, rows = SCENARIOS[scenario % len(SCENARIOS)]
    url = bs.page_url(server_url, params)
    t0 = time.monotonic()
    try:
        resp = await page.goto(url, wait_until="domcontentloaded", timeout=STEP_TIMEOUT_MS)
        if resp is None or resp.status >= 400:
            tally.error(session, f"HTTP {resp.status if resp else 'no response'} for {url}")
            return
        button = page.get_by_role("button", name=f"Download these {rows} rows (CSV)", exact=True)
        await button.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
        shown = page.locator('[data-testid="stMetric"]').filter(has_text="Shown with the filter")
        value = (await shown.first.locator('[data-testid="stMetricValue"]').inner_text()).strip()
        if value != str(rows):
            tally.error(session, f"{url}: 'Shown with the filter' says {value}, expected {rows}")
            return
        await page.locator(".js-plotly-plot").first.wait_for(state="attached", timeout=STEP_TIMEOUT_MS)
        boxes = await page.locator('[data-testid="stException"]').count()
        if boxes:
            tally.error(session, f"{url}: {boxes} exception box(es)")
            return
    except Exception as exc:  # noqa: BLE001 - every failure is an error of the run, counted
        tally.error(session, f"{url}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
        return
    tally.loads += 1
    tally.latencies.append(time.monotonic() - t0)


def _watch(page, session: int, tally: Tally) -> None:
    def on_response(resp) -> None:
        if resp.status >= 400 and bs.is_local(resp.url):
            tally.error(session, f"HTTP {resp.status} for {resp.url}")

    def on_ws(ws) -> None:
        ws.on("socketerror", lambda err: tally.error(session, f"websocket error: {err}"))

    def on_request(req) -> None:
        if not bs.is_local(req.url):
            tally.outside.append(req.url)

    page.on("response", on_response)
    page.on("websocket", on_ws)
    page.on("request", on_request)
    page.on("crash", lambda _: tally.error(session, "the page crashed"))


async def _run(server: bs.StreamlitServer, sessions: int, seconds: float) -> dict:
    from playwright.async_api import async_playwright

    tally = Tally()
    async with async_playwright() as pw:
        browser = await bs.launch_chromium(pw.chromium)
        try:
            contexts, pages = [], []
            for i in range(sessions):
                # A smaller window than a desktop's: Chromium paints each map in software (no
                # GPU), and 20 of them share 2 cores with the server.
                ctx = await browser.new_context(viewport={"width": 1024, "height": 700})
                ctx.set_default_timeout(STEP_TIMEOUT_MS)
                ctx.set_default_navigation_timeout(STEP_TIMEOUT_MS)
                page = await ctx.new_page()
                _watch(page, i, tally)
                contexts.append(ctx)
                pages.append(page)

            # Warm-up: every session loads once (a different view each), so that the server's
            # caches hold every view before the memory baseline is taken.
            await asyncio.gather(*(_load_once(p, server.url, i, i, tally) for i, p in enumerate(pages)))
            warm_errors = list(tally.errors)
            tally.loads, tally.latencies = 0, []
            if not server.is_alive():
                raise RuntimeError(f"the server exited during the warm-up:\n{server.log_tail()}")
            rss_start = bs.rss_mb(server.pid)

            deadline = time.monotonic() + seconds

            async def visitor(i: int, page) -> None:
                n = i + 1
                while time.monotonic() < deadline:
                    await _load_once(page, server.url, n, i, tally)
                    n += 1

            t0 = time.monotonic()
            await asyncio.gather(*(visitor(i, p) for i, p in enumerate(pages)))
            elapsed = time.monotonic() - t0
            if not server.is_alive():
                raise RuntimeError(f"the server exited under load:\n{server.log_tail()}")
            rss_end = bs.rss_mb(server.pid)
            for ctx in contexts:
                await ctx.close()
        finally:
            await browser.close()
    return {"tally": tally, "warm_errors": warm_errors, "rss_start": rss_start, "rss_end": rss_end,
            "elapsed": elapsed}


def run_load(server: bs.StreamlitServer, sessions: int, seconds: float) -> dict:
    """Drive the async Playwright run in a thread of its own (its own event loop), so that it
    cannot clash with the sync Playwright of the browser tests in the same pytest process."""
    box: dict = {}

    def target() -> None:
        try:
            box["result"] = asyncio.run(_run(server, sessions, seconds))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            box["error"] = exc

    worker = threading.Thread(target=target, name="load-test", daemon=True)
    worker.start()
    # The run stops starting loads at the deadline; in-flight loads end within their timeout.
    worker.join(timeout=seconds + 2 * STEP_TIMEOUT_MS / 1000 + 120)
    if worker.is_alive():
        raise TimeoutError("the load run did not finish in time")
    if "error" in box:
        raise box["error"]
    return box["result"]


@pytest.fixture(scope="module")
def load_server(chromium_path):
    """A server of its own, so that its memory is this test's alone."""
    with bs.StreamlitServer() as srv:
        yield srv


def test_concurrent_sessions_changing_filters(load_server):
    assert SESSIONS >= 1 and SECONDS > 0
    result = run_load(load_server, SESSIONS, SECONDS)
    tally: Tally = result["tally"]
    errors = result["warm_errors"] + tally.errors
    lat = sorted(tally.latencies)
    median = lat[len(lat) // 2] if lat else float("nan")
    p95 = lat[int(len(lat) * 0.95)] if lat else float("nan")
    line = (f"load: {SESSIONS} sessions x {SECONDS:.0f} s, {tally.loads} page loads, {len(errors)} errors, "
            f"server RSS start {result['rss_start']:.0f} MB end {result['rss_end']:.0f} MB; "
            f"page load median {median:.1f} s, p95 {p95:.1f} s, run {result['elapsed']:.0f} s")
    print(line)
    assert load_server.is_alive(), f"the server died under load:\n{load_server.log_tail()}"
    assert errors == [], f"{line}\n" + "\n".join(errors[:20])
    assert not tally.outside, f"requests left the machine: {sorted(set(tally.outside))[:5]}"
    # Every session got through at least one page load after the warm-up.
    assert tally.loads >= SESSIONS, line
    assert result["rss_end"] < result["rss_start"] + RSS_GROWTH_LIMIT_MB, line
