"""Benchmark the dashboard against the one-map floor page, in one run (a report, not a test).

usage (from the repo root):
    .venv/bin/python scripts/benchmark.py [FLOOR_APP] [--rounds 3] [--reruns 9] [--visits 5]
                                          [--no-browser] [--check]

FLOOR_APP defaults to ../shared/bench/floor/floor_app.py next to the repo. Prints, as medians
and ratios app/floor:
  (a) rerun time after a region change, with Streamlit's AppTest, app and floor interleaved;
  (b) the default view's payload: bytes of every element proto on the page;
  (c) in Debian's Chromium, offline: time from navigation to the map element (what
      shared/bench/browser_check.py measures) and to a drawn map (its pixels have ink),
      app and floor interleaved, each visit in a fresh browser context.
Targets: rerun <= 1.5x, payload <= 1.2x, time to map <= 1.2x. With --check the exit code is 1
when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

APP = ROOT / "dashboard" / "app.py"
DEFAULT_FLOOR = ROOT.parent / "shared" / "bench" / "floor" / "floor_app.py"
TARGETS = {"rerun": 1.5, "payload": 1.2, "map": 1.2}
REGIONS = ["Africa", "Asia", "Americas"]


def page_bytes(at) -> int:
    """Sum of ByteSize() of every element proto in an AppTest tree (as app_perf.py counts)."""
    total = 0
    stack = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ByteSize"):
            total += proto.ByteSize()
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            stack.extend(children.values())
    return total


def reruns(app: Path, n: int) -> tuple[list[float], int]:
    """Rerun times after each region change, and the default view's payload bytes."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(app.resolve()), default_timeout=120)  # absolute: see module doc
    at.run()
    if at.exception:
        raise SystemExit(f"{app} raised on its default view: {at.exception[0].message}")
    size = page_bytes(at)
    times = []
    for i in range(n):
        at.query_params["region"] = REGIONS[i % len(REGIONS)]
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
        if at.exception:
            raise SystemExit(f"{app} raised after ?region={REGIONS[i % 3]}: {at.exception[0].message}")
    return times, size


def bench_apptest(app: Path, floor: Path, rounds: int, n: int) -> dict:
    ratios, a_all, f_all, size_a, size_f = [], [], [], 0, 0
    for _ in range(rounds):  # interleaved, so both share the machine's drift
        a, size_a = reruns(app, n)
        f, size_f = reruns(floor, n)
        a_all += a
        f_all += f
        ratios.append(statistics.median(a) / statistics.median(f))
    return {"rerun_app": statistics.median(a_all), "rerun_floor": statistics.median(f_all),
            "rerun_ratio": statistics.median(ratios), "bytes_app": size_a, "bytes_floor": size_f}


def visit(browser, url: str, timeout_s: float = 60.0) -> tuple[float, float]:
    """(seconds to the map element, seconds to a drawn map) for one visit in a fresh context."""
    from tests import browser_support as bs

    ctx = browser.new_context(viewport=bs.VIEWPORT)
    recorder = bs.RequestRecorder()
    recorder.attach(ctx)
    try:
        page = ctx.new_page()
        t0 = time.perf_counter()
        page.goto(url, timeout=timeout_s * 1000)
        page.wait_for_selector(".js-plotly-plot", timeout=timeout_s * 1000)
        t_elem = time.perf_counter() - t0
        page.wait_for_selector(bs.MAP_PLOT, state="attached", timeout=timeout_s * 1000)
        while True:
            if bs.ink_share(bs.map_canvas_png(page)) > 0.02:
                t_drawn = time.perf_counter() - t0
                break
            if time.perf_counter() - t0 > timeout_s:
                raise SystemExit(f"{url}: the map was not drawn within {timeout_s:.0f} s")
            page.wait_for_timeout(50)
        if page.locator('[data-testid="stException"]').count():
            raise SystemExit(f"{url}: the page shows an exception")
        if recorder.outside:
            print(f"warning: {url} made requests off the machine: {recorder.summary(3)}")
        return t_elem, t_drawn
    finally:
        ctx.close()


def bench_browser(app: Path, floor: Path, visits: int) -> dict:
    from playwright.sync_api import sync_playwright

    from tests import browser_support as bs

    if not bs.chromium_present():
        raise SystemExit(f"Chromium is absent at {bs.CHROMIUM}: install it with "
                         f"`{bs.CHROMIUM_INSTALL_HINT}`, or run with --no-browser")
    servers = [bs.StreamlitServer(app=app), bs.StreamlitServer(app=floor)]
    try:
        for srv in servers:
            srv.start()
        sa, sf = servers
        with sync_playwright() as pw:
            browser = bs.launch_chromium(pw.chromium)
            try:
                visit(browser, sa.url)  # warm-up: the servers' caches, Chromium's shader cache
                visit(browser, sf.url)
                ea, ef, da, df, ratios_e, ratios_d = [], [], [], [], [], []
                for i in range(visits):
                    order = [(sa, ea, da), (sf, ef, df)]
                    if i % 2:  # alternate who goes first
                        order.reverse()
                    for srv, elem, drawn in order:
                        e, d = visit(browser, srv.url)
                        elem.append(e)
                        drawn.append(d)
                    ratios_e.append(ea[-1] / ef[-1])
                    ratios_d.append(da[-1] / df[-1])
            finally:
                browser.close()
    finally:
        for srv in servers:
            srv.stop()
    return {"elem_app": statistics.median(ea), "elem_floor": statistics.median(ef),
            "elem_ratio": statistics.median(ratios_e), "drawn_app": statistics.median(da),
            "drawn_floor": statistics.median(df), "drawn_ratio": statistics.median(ratios_d)}


def verdict(ratio: float, target: float) -> str:
    return "meets" if ratio <= target else "MISSES"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("floor", nargs="?", default=str(DEFAULT_FLOOR),
                        help="the floor app (default: ../shared/bench/floor/floor_app.py)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved AppTest rounds (3)")
    parser.add_argument("--reruns", type=int, default=9, help="region changes per round (9)")
    parser.add_argument("--visits", type=int, default=5, help="timed browser visits of each (5)")
    parser.add_argument("--no-browser", action="store_true", help="skip (c)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    floor = Path(args.floor).resolve()
    if not floor.is_file():
        print(f"benchmark: the floor app is absent: {floor}\n"
              f"It is shared/bench/floor/floor_app.py beside the repository; pass its path as the "
              f"first argument if it is elsewhere.", file=sys.stderr)
        return 2
    os.chdir(ROOT)
    # AppTest runs cached functions outside a session: Streamlit logs a harmless "missing
    # ScriptRunContext" warning for each; keep the report readable.
    from streamlit import logger as st_logger

    st_logger.set_log_level(logging.ERROR)
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())
    print(f"benchmark {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}: nproc {os.cpu_count()}, "
          f"Python {platform.python_version()}, app {APP.relative_to(ROOT)}, floor {floor}")

    missed = []
    r = bench_apptest(APP, floor, args.rounds, args.reruns)
    ratio = r["rerun_ratio"]
    print(f"rerun after a region change (AppTest, median of {args.rounds}x{args.reruns}): "
          f"app {r['rerun_app'] * 1000:.1f} ms, floor {r['rerun_floor'] * 1000:.1f} ms, "
          f"ratio {ratio:.2f} (target <= {TARGETS['rerun']}) {verdict(ratio, TARGETS['rerun'])}")
    missed += [] if ratio <= TARGETS["rerun"] else ["rerun"]
    ratio = r["bytes_app"] / r["bytes_floor"]
    print(f"default-view payload (element protos): app {r['bytes_app']:,} B, floor {r['bytes_floor']:,} B, "
          f"ratio {ratio:.2f} (target <= {TARGETS['payload']}) {verdict(ratio, TARGETS['payload'])}")
    missed += [] if ratio <= TARGETS["payload"] else ["payload"]

    if not args.no_browser:
        b = bench_browser(APP, floor, args.visits)
        for key, what in (("elem", "map element (as browser_check.py)"), ("drawn", "drawn map (ink > 2%)")):
            ratio = b[f"{key}_ratio"]
            print(f"time to {what}, Chromium, median of {args.visits}: app {b[f'{key}_app']:.2f} s, "
                  f"floor {b[f'{key}_floor']:.2f} s, ratio {ratio:.2f} (target <= {TARGETS['map']}) "
                  f"{verdict(ratio, TARGETS['map'])}")
            missed += [] if ratio <= TARGETS["map"] else [f"time to {what}"]

    print("targets missed: " + (", ".join(missed) if missed else "none"))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
