"""Where a first visit's time goes until the map's element appears, app against floor (a report).

usage (from the repo root): .venv/bin/python bench/map_probe.py N APP [FLOOR ...]
    e.g. bench/map_probe.py 5 dashboard/app.py bench/floor/floor_app.py
Each visit is a new browser page with Chromium's trace on (cold cache, as
bench/browser_check.py (a copy of the shared benchmark)): the websocket's first and map messages, when `.js-plotly-plot`
appears and has a size (a MutationObserver and a 5 ms check inside the page), the renderer main
thread's CPU until then, and the plotly script's request, transfer and evaluation. Apps alternate
in order; medians per app. V=1 prints every visit; KEEP=1 keeps the traces in the temp folder.
Written for docs/PERFORMANCE.md, "Time to the map element"; a measuring aid, not a test.
"""

import collections
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from browser_check import ARGS, serve  # noqa: E402  (bench/browser_check.py, beside this file)
from playwright.sync_api import sync_playwright  # noqa: E402

TRACES = Path(tempfile.mkdtemp(prefix="map_probe_"))

INIT = """
window.__ws = [];
const _WS = window.WebSocket;
window.WebSocket = function(...a) {
  const w = new _WS(...a);
  w.addEventListener('message', (e) => window.__ws.push([performance.now(), e.data.size || e.data.byteLength || 0]));
  return w;
};
window.WebSocket.prototype = _WS.prototype; Object.assign(window.WebSocket, _WS);
window.__seen = null; window.__vis = null;
function __chk() {
  const e = document.querySelector('.js-plotly-plot');
  if (e) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden') {
      window.__vis = performance.now(); return;
    }
  }
  setTimeout(__chk, 5);
}
setTimeout(__chk, 5);
new MutationObserver(() => {
  if (!window.__seen && document.querySelector('.js-plotly-plot')) {
    window.__seen = performance.now(); performance.mark('plotly-seen');
  }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""
CATS = ("devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,toplevel,v8.execute,"
        "disabled-by-default-v8.compile")


def analyse(path):
    with open(path) as handle:
        ev = json.load(handle)
    ev = ev["traceEvents"] if isinstance(ev, dict) else ev
    names = {}
    for e in ev:
        if e.get("ph") == "M" and e.get("name") == "thread_name":
            names[(e["pid"], e["tid"])] = e["args"]["name"]
    mark = [e for e in ev if e.get("name") == "plotly-seen"]
    nav = [e for e in ev if e.get("name") in ("navigationStart",)]
    if not mark:
        return None
    mts = mark[0]["ts"]
    mpid = mark[0]["pid"]
    main = [(p, t) for (p, t), n in names.items() if n == "CrRendererMain" and p == mpid]
    pid, tid = main[0]
    top = [
        e
        for e in ev
        if e.get("pid") == pid
        and e.get("tid") == tid
        and e.get("ph") == "X"
        and e.get("name") in ("ThreadControllerImpl::RunTask", "RunTask")
        and e["ts"] <= mts
    ]
    cpu = sum(e.get("tdur", 0) for e in top) / 1e6
    wall = sum(e.get("dur", 0) for e in top) / 1e6
    # breakdown of named events (not nested-safe, rough)
    br = collections.Counter()
    for e in ev:
        if (
            e.get("pid") == pid
            and e.get("tid") == tid
            and e.get("ph") == "X"
            and e["ts"] <= mts
            and e.get("name")
            in (
                "EvaluateScript",
                "v8.compile",
                "FunctionCall",
                "ParseHTML",
                "UpdateLayoutTree",
                "Layout",
                "Paint",
                "v8.run",
                "v8.compileModule",
                "v8.evaluateModule",
                "TimerFire",
                "FireAnimationFrame",
                "EventDispatch",
                "v8.callFunction",
                "CompositeLayers",
                "RunMicrotasks",
            )
        ):
            br[e["name"]] += e.get("tdur", 0) / 1e6
    # biggest tasks
    big = sorted(top, key=lambda e: -e.get("tdur", 0))[:5]
    t0 = min(e["ts"] for e in ev if e.get("ts") and e.get("pid") == pid)
    req = {}
    for e in ev:
        d = (e.get("args") or {}).get("data") or {}
        if e.get("name") == "ResourceSendRequest" and "PlotlyChart" in d.get("url", ""):
            req["send"] = e["ts"]
            req["id"] = d["requestId"]
    for e in ev:
        d = (e.get("args") or {}).get("data") or {}
        if e.get("name") == "ResourceFinish" and d.get("requestId") == req.get("id"):
            req["fin"] = e["ts"]
    evs = [
        e
        for e in ev
        if e.get("pid") == pid
        and e.get("tid") == tid
        and e.get("name") == "v8.evaluateModule"
        and e.get("dur", 0) > 300000
    ]
    nav = [e["ts"] for e in ev if e.get("name") == "navigationStart"]
    t0 = nav[0] if nav else min(e["ts"] for e in ev if e.get("ts") and e.get("pid") == pid)
    extra = {
        "preq": (req.get("send", t0) - t0) / 1e6,
        "pdl": (req.get("fin", t0) - req.get("send", t0)) / 1e6,
        "peval": ((evs[0]["ts"] - t0) / 1e6) if evs else 0,
        "pevend": ((evs[0]["ts"] + evs[0]["dur"] - t0) / 1e6) if evs else 0,
    }
    return {
        **extra,
        "cpu": cpu,
        "wall": wall,
        "br": {k: round(v, 3) for k, v in br.most_common(8)},
        "big": [(round((e["ts"] - t0) / 1e6, 2), round(e.get("tdur", 0) / 1e6, 3)) for e in big],
    }


def visit(browser, url, i):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.add_init_script(INIT)
    path = str(TRACES / f"trace-{i}.json")
    browser.start_tracing(page=page, path=path, categories=CATS.split(","))
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot", timeout=60000)
    first = time.perf_counter() - t0
    det = page.evaluate("performance.now()") / 1000
    seen = page.evaluate("window.__seen")
    vis = page.evaluate("window.__vis") or 0
    rt = page.evaluate(
        "(() => { const e = performance.getEntriesByType('resource').find(x => x.name.includes('PlotlyChart'));"
        " return e ? [e.startTime, e.requestStart, e.responseStart, e.responseEnd] : [0,0,0,0]; })()"
    )
    ws = page.evaluate("window.__ws")
    big = [t for t, n in ws if n > 50000]
    pframe = big[0] / 1000 if big else 0
    first_frame = ws[0][0] / 1000 if ws else 0
    browser.stop_tracing()
    page.close()
    a = analyse(path)
    if not os.environ.get("KEEP"):
        os.remove(path)
    else:
        os.rename(path, path.replace(".json", f"-{url.split(':')[2][:5]}.json"))
    return {
        "first": first,
        "seen": seen / 1000,
        "pframe": pframe,
        "det": det,
        "ttfb": (rt[2] - rt[0]) / 1000,
        "xfer": (rt[3] - rt[2]) / 1000,
        "vis": vis / 1000,
        "dgap": det - seen / 1000,
        "wsfirst": first_frame,
        **(a or {}),
    }


def main():
    n = int(sys.argv[1])
    apps = sys.argv[2:]
    procs = [serve(a) for a in apps]
    allres = {a: [] for a in apps}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS)
            for _proc, port in procs:
                visit(browser, f"http://127.0.0.1:{port}/", 0)
            for i in range(n):
                order = list(zip(apps, procs)) if i % 2 == 0 else list(zip(apps, procs))[::-1]
                for a, (_proc, port) in order:
                    r = visit(browser, f"http://127.0.0.1:{port}/", i)
                    allres[a].append(r)
                    if os.environ.get("V"):
                        print(a, r, flush=True)
            browser.close()
    finally:
        for proc, _port in procs:
            os.killpg(proc.pid, 15)
    for a in apps:
        rs = allres[a]

        def med(k, rs=rs):
            return round(statistics.median([r[k] for r in rs]), 3)

        print(
            f"{a.split('/')[-1]:14s}: first {med('first')} [{min(r['first'] for r in rs):.2f}-"
            f"{max(r['first'] for r in rs):.2f}] seen {med('seen')} vis {med('vis')} det {med('det')} "
            f"gap {med('dgap')} mainCPU {med('cpu') / 2:.3f} [{min(r['cpu'] for r in rs) / 2:.3f}-"
            f"{max(r['cpu'] for r in rs) / 2:.3f}] ws1 {med('wsfirst')} mapframe {med('pframe')} "
            f"plotly req {med('preq')} dl {med('pdl')} ttfb {med('ttfb')} xfer {med('xfer')} "
            f"eval {med('peval')}-{med('pevend')}"
        )


if __name__ == "__main__":
    main()
