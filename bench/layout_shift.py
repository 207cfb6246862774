"""Cumulative layout shift of every tab on a phone, as Lighthouse's mobile run counts it, and the
elements that moved.

usage (from the repo root):
    .venv/bin/python bench/layout_shift.py [--runs 3] [--views map,migration,...] [--width 412]
                                           [--lighthouse] [--json out.json]

Each visit is a first visit (a fresh browser context) to `?view=<tab>` in Debian's Chromium with
Lighthouse's mobile profile (412 x 823 px, device pixel ratio 1.75, a phone's user agent, touch);
a PerformanceObserver records every 'layout-shift' entry from the start of the page until the page
has been still for QUIET_MS. CLS is Lighthouse's: the largest session window (shifts less than 1 s
apart, at most 5 s long), shifts after a reader's input left out. Prints the median CLS per tab and,
from the median run, the elements that moved most (what the entries' `sources` name).

--lighthouse also runs Lighthouse's own mobile audit (performance score, CLS, the shifting elements)
on the floor page and each tab, with the Lighthouse that bench/lighthouse/ pins (installed by the
light edition's bench/lighthouse.py into .venv/lighthouse; this script only runs it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from browser_check import ARGS, serve  # noqa: E402  (bench/browser_check.py, beside this file)

from dashboard.config import VIEWS as TABS  # noqa: E402
from tests.browser_support import LAYOUT_SHIFT_JS as OBSERVE_JS  # noqa: E402  (one recorder for bench and tests)
from tests.browser_support import MOBILE_AGENT as PHONE_AGENT  # noqa: E402
from tests.browser_support import session_cls  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
FLOOR = ROOT / "bench" / "floor" / "floor_app.py"
VIEWS = tuple(TABS)  # every tab, in the page's order
QUIET_MS = 3000  # the page counts as settled after this long without a shift or a running script
LIGHTHOUSE = ROOT / ".venv" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"

STILL_JS = """() => { const s = document.querySelector('[data-testid="stStatusWidget"]');
  return (!s || !/Running/i.test(s.innerText)) && !document.querySelector('.st-key-first_paint'); }"""


def visit(browser, url: str, width: int) -> dict:
    ctx = browser.new_context(viewport={"width": width, "height": 823}, device_scale_factor=1.75,
                              is_mobile=True, has_touch=True, user_agent=PHONE_AGENT)
    try:
        page = ctx.new_page()
        page.add_init_script(OBSERVE_JS)
        began = time.monotonic()
        page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        page.wait_for_selector('[role="tablist"], .js-plotly-plot', timeout=120_000)
        count, still_since = -1, time.monotonic()
        while time.monotonic() - began < 60:  # settled: no new shift and no script running for QUIET_MS
            page.wait_for_timeout(250)
            now = page.evaluate("() => window.__shifts.length")
            if now != count or not page.evaluate(STILL_JS):
                count, still_since = now, time.monotonic()
            elif (time.monotonic() - still_since) * 1000 >= QUIET_MS:
                break
        shifts = page.evaluate("() => window.__shifts")
    finally:
        ctx.close()
    cls, window = session_cls(shifts)
    movers: dict[str, float] = {}
    for s in window:
        for src in s["sources"]:
            movers[src["name"]] = movers.get(src["name"], 0.0) + s["value"] / max(1, len(s["sources"]))
    return {"cls": round(cls, 4), "total": round(sum(s["value"] for s in shifts if not s["input"]), 4),
            "shifts": len(shifts), "movers": sorted(movers.items(), key=lambda kv: -kv[1])[:4]}


def _url(port: int, view: str) -> str:
    """The tab's address; the default view is the bare address, as a visitor opens it."""
    return f"http://127.0.0.1:{port}/" + ("" if view == "map" else f"?view={view}")


def lighthouse(url: str) -> dict:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"no Lighthouse at {LIGHTHOUSE}: run bench/lighthouse.py once (it installs the pinned one)")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "lh.json"
        flags = " ".join([*ARGS, "--headless=new"])
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                        "--only-categories=performance", f"--chrome-flags={flags}"],
                       env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
                       timeout=300, check=True)
        lhr = json.loads(report.read_text())
    audits = lhr["audits"]
    items = (audits.get("layout-shifts") or {}).get("details", {}).get("items", [])
    return {"performance": lhr["categories"]["performance"]["score"],
            "cls": round(audits["cumulative-layout-shift"]["numericValue"], 4),
            "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 1),
            "movers": [((i.get("node") or {}).get("selector") or "?", round(i.get("score", 0), 3)) for i in items[:3]]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--views", default=",".join(VIEWS))
    parser.add_argument("--width", type=int, default=412)
    parser.add_argument("--app", type=Path, default=APP)
    parser.add_argument("--lighthouse", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    views = [v for v in args.views.split(",") if v]
    proc, port = serve(str(args.app))
    floor = serve(str(FLOOR)) if args.lighthouse else None
    results: dict[str, list[dict]] = {v: [] for v in views}
    lh: dict[str, list[dict]] = {}
    try:
        time.sleep(2)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
            for i in range(args.runs):
                for view in views:
                    results[view].append(visit(browser, _url(port, view), args.width))
                    print(f"  run {i + 1} {view}: {json.dumps(results[view][-1])}", file=sys.stderr, flush=True)
            browser.close()
        if args.lighthouse:
            targets = {"floor": f"http://127.0.0.1:{floor[1]}/",
                       **{v: _url(port, v) for v in views}}
            for i in range(args.runs):
                for name, url in targets.items():
                    lh.setdefault(name, []).append(lighthouse(url))
                    print(f"  lighthouse {i + 1} {name}: {json.dumps(lh[name][-1])}", file=sys.stderr, flush=True)
    finally:
        for p in (proc, *([floor[0]] if floor else [])):
            os.killpg(p.pid, 15) if hasattr(os, "killpg") else p.kill()
    print(f"CLS at {args.width} px, phone emulation, first visits: medians of {args.runs}")
    print(f"{'view':10} {'CLS':>6} {'total':>6}  elements that moved (median run)")
    for view in views:
        runs = sorted(results[view], key=lambda r: r["cls"])
        mid = runs[len(runs) // 2]
        movers = "; ".join(f"{n} {v:.3f}" for n, v in mid["movers"]) or "-"
        print(f"{view:10} {mid['cls']:>6.3f} {statistics.median(r['total'] for r in runs):>6.3f}  {movers}")
    if lh:
        print("Lighthouse mobile (simulated throttling): medians")
        print(f"{'page':10} {'perf':>5} {'CLS':>6} {'LCP s':>6}  shifting elements (median run)")
        for name, runs in lh.items():
            mid = sorted(runs, key=lambda r: r["cls"])[len(runs) // 2]
            print(f"{name:10} {statistics.median(r['performance'] for r in runs):>5.2f} {mid['cls']:>6.3f} "
                  f"{statistics.median(r['lcp_s'] for r in runs):>6.1f}  "
                  + ("; ".join(f"{s} {v}" for s, v in mid["movers"]) or "-"))
    if args.json:
        args.json.write_text(json.dumps({"phone": results, "lighthouse": lh}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
