"""Time to a visible map, and the bytes moved, on a slow phone: Chromium's own emulation, CDP.

usage (from the repo root):
    .venv/bin/python bench/slow_network.py [--visits 3] [--pages floor,app,proxy,static]
                                           [--static-dir DIR] [--json out.json] [--frames DIR]

The phone: 390 x 844 CSS px at 1.75 device pixels per px, touch, a mobile User-Agent (Lighthouse's
moto g power); the network: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip
(Network.emulateNetworkConditions, which also paces the websocket); the CPU slowed 4x
(Emulation.setCPUThrottlingRate). Each visit is a new browser context: cold cache, new connections.
Pages (bench/pages.py says how each is served): the floor page, the app served directly, the app
behind deploy/serve.sh, the static edition's map page. Before the counted visits each page gets one
unthrottled visit, so that no server's first run (imports, caches) is counted.

The map is visible at the first frame Chromium paints (Page.startScreencast: every frame, with its
swap time) in which the map's drawing area -- MapLibre's canvas in a Streamlit page's chart, the SVG
geo layer of the static edition's plotly chart, or the map's part of the light edition's image
(`[data-map-image]`, looked for first; its data-map-box and data-map-box-narrow give the part) -- has a part in the
viewport of at least 10% of its box (and 20,000 px^2), and at least 15% of that part is ink (a
pixel whose darkest channel is under 235: the grey of a country that did not sign counts; white
does not; a colour bar or toolbar drawn over an empty canvas stays under 15%). The element's box is
read in the page at every animation frame (at most every 40 ms), so a box that moves is followed;
when less than half of it (or of a screen) is in view, the page is scrolled to it, as a reader
scrolls to a map below the fold (the app's map starts at y = 826 of 844 on this phone): each visit
says whether it scrolled. Times are from the navigation's start (performance.timeOrigin) to that
frame's swap time. Layout shifts: every shift not caused by input (a PerformanceObserver in the
page), summed into CLS as Chrome does (largest session window), with the elements that moved most.

Bytes: every HTTP response's encodedDataLength (Network.loadingFinished: headers + body as they
came over the wire, compressed where the server compressed) plus every websocket frame's payload
received (Streamlit's protobuf messages: its websocket is not compressed), counted up to the
visible frame ("before") and until no request is open and nothing has come for 3 s ("total", at
most 60 s after the map). Prints medians over the visits (visits interleaved: round i opens the pages in a rotated
order), ratios to the floor page, and writes every visit to --json; any request that leaves the
machine is listed and makes the exit code 1. A full run of the four pages
with 3 visits takes about 8 minutes here (the Streamlit pages take 40-50 s a visit); see
docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import io
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_check import ARGS  # noqa: E402
from pages import PAGES, running  # noqa: E402
from PIL import Image, ImageChops  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1.75, "is_mobile": True,
         "has_touch": True,
         "user_agent": ("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
                        "(KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36")}
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
# The map's drawing area, the first a page has: the light edition's image, MapLibre's canvas
# (Streamlit pages), plotly's SVG geo layer (the static edition's interactive chart).
MAP_SELECTORS = ("[data-map-image]", ".js-plotly-plot .maplibregl-canvas", ".js-plotly-plot .geolayer")
INK_LEVEL, INK_SHARE = 235, 0.15
MIN_SHOWN_SHARE, MIN_SHOWN_PX = 0.10, 20_000
SCROLL_BELOW = 0.5  # the page is scrolled to the map when less than half of it (or of a screen) shows
TIMEOUT_S, QUIET_S, AFTER_S = 150, 3.0, 60

# Records the map element's box (viewport coordinates, CSS px) each time it changes, with the epoch ms.
WATCH = r"""(() => {
  const sels = @SELECTORS@; const rects = []; let last = '', next = 0;
  window.__limaRects = rects;
  // Layout shifts not caused by input, with the elements that moved (Lighthouse 12.2's own list fails
  // on this Chromium's traces): [start ms, value, ["tag#id.class[data-testid]", ...]].
  const shifts = window.__limaShifts = [];
  const name = n => {
    const e = n && (n.nodeType === 1 ? n : n.parentElement);
    if (!e) return '?';
    const cls = typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/)[0] : '';
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + cls
      + (e.dataset && e.dataset.testid ? '[data-testid=' + e.dataset.testid + ']' : '');
  };
  new PerformanceObserver(list => {
    for (const e of list.getEntries())
      if (!e.hadRecentInput) shifts.push([e.startTime, e.value, (e.sources || []).map(s => name(s.node))]);
  }).observe({type: 'layout-shift', buffered: true});
  function tick(now) {
    if (now >= next) {
      next = now + 40;
      let el = null;
      for (const sel of sels) { el = document.querySelector(sel); if (el) break; }
      if (el) {
        let r = el.getBoundingClientRect();
        if (el.dataset.mapBox) {  // the map's part of the image shown: x y w h, image width (its px)
          const box = (el.currentSrc || '').includes('.narrow.') ? el.dataset.mapBoxNarrow : el.dataset.mapBox;
          const [bx, by, bw, bh, iw] = box.split(' ').map(Number);
          const s = r.width / iw;
          r = new DOMRect(r.x + bx * s, r.y + by * s, bw * s, bh * s);
        }
        const key = [r.x, r.y, r.width, r.height].map(Math.round).join(',');
        if (key !== last) {
          last = key;
          rects.push([performance.timeOrigin + performance.now(), r.x, r.y, r.width, r.height]);
        }
        // A reader scrolls to the map when it is below the fold (or pushed down by what is drawn above it).
        const seen = Math.max(0, Math.min(innerHeight, r.bottom) - Math.max(0, r.top));
        if (r.height > 0 && seen < Math.min(r.height, innerHeight) * @SCROLL_BELOW@) {
          el.scrollIntoView({block: 'center'}); window.__limaScrolled = true;
          last = '';
        }
      }
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();""".replace("@SELECTORS@", json.dumps(MAP_SELECTORS)).replace("@SCROLL_BELOW@", str(SCROLL_BELOW))


def ink_share(frame: Image.Image, box: tuple[float, float, float, float], scale: float) -> float:
    """Share of inked pixels in `box` (CSS px, clipped to the frame already) of a screencast frame."""
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return 0.0
    r, g, b = frame.crop((x0, y0, x1, y1)).convert("RGB").split()
    hist = ImageChops.darker(ImageChops.darker(r, g), b).histogram()
    return sum(hist[:INK_LEVEL]) / max(1, sum(hist))


def shown_part(rect: list[float], width: int, height: int) -> tuple[float, float, float, float] | None:
    """The part of the element's box inside the viewport, if it is large enough to count."""
    _, x, y, w, h = rect
    box = (max(0.0, x), max(0.0, y), min(float(width), x + w), min(float(height), y + h))
    area = max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])
    if w * h <= 0 or area < MIN_SHOWN_PX or area < MIN_SHOWN_SHARE * w * h:
        return None
    return box


class Visit:
    """One throttled visit: CDP listeners for frames and bytes, the page's rectangles."""

    def __init__(self, browser, url: str, throttle: bool = True) -> None:
        self.url, self.frames, self.http, self.ws = url, [], [], []
        self.inflight: set[str] = set()
        self.outside: list[str] = []
        self.clock: float | None = None  # wall time - CDP monotonic timestamp
        self.last_event = time.monotonic()
        self.context = browser.new_context(**PHONE)
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.loadingFailed", self._failed)
        self.cdp.on("Network.webSocketFrameReceived", self._ws)
        self.cdp.on("Page.screencastFrame", self._frame)
        self.cdp.send("Network.enable")
        self.cdp.send("Page.enable")
        if throttle:
            self.cdp.send("Network.emulateNetworkConditions", NETWORK)
            self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})

    def _sent(self, e: dict[str, Any]) -> None:
        if self.clock is None:
            self.clock = e["wallTime"] - e["timestamp"]
        host = urlparse(e["request"]["url"]).hostname
        if host not in (None, "127.0.0.1", "localhost") and not e["request"]["url"].startswith(("data:", "blob:")):
            self.outside.append(e["request"]["url"])  # the pages must need nothing off the machine
        if e.get("type") != "WebSocket":  # a websocket stays open: it is never "in flight" here
            self.inflight.add(e["requestId"])
        self.last_event = time.monotonic()

    def _finished(self, e: dict[str, Any]) -> None:
        self.last_event = time.monotonic()
        self.inflight.discard(e["requestId"])
        self.http.append((e["timestamp"], e.get("encodedDataLength", 0)))

    def _failed(self, e: dict[str, Any]) -> None:
        self.last_event = time.monotonic()
        self.inflight.discard(e["requestId"])

    def _ws(self, e: dict[str, Any]) -> None:
        self.last_event = time.monotonic()
        data = e["response"].get("payloadData", "")
        size = len(base64.b64decode(data)) if e["response"].get("opcode") == 2 else len(data.encode())
        self.ws.append((e["timestamp"], size))

    def _frame(self, e: dict[str, Any]) -> None:
        self.frames.append((e["metadata"]["timestamp"], e["data"]))
        self.cdp.send("Page.screencastFrameAck", {"sessionId": e["sessionId"]})

    def run(self, frames_dir: Path | None = None, label: str = "") -> dict[str, Any]:
        width, height = PHONE["viewport"]["width"], PHONE["viewport"]["height"]
        self.cdp.send("Page.startScreencast", {"format": "jpeg", "quality": 70, "maxWidth": width,
                                               "maxHeight": height, "everyNthFrame": 1})
        started = time.monotonic()
        self.page.goto(self.url, wait_until="commit")
        seen, visible_at, shot = 0, None, None
        while visible_at is None and time.monotonic() - started < TIMEOUT_S:
            self.page.wait_for_timeout(250)
            rects = self.page.evaluate("window.__limaRects || []")
            frames = self.frames[seen:]
            for ts, data in frames:
                seen += 1
                earlier = [r for r in rects if r[0] <= ts * 1000]
                box = shown_part(earlier[-1], width, height) if earlier else None
                if box is None:
                    continue
                frame = Image.open(io.BytesIO(base64.b64decode(data)))
                if ink_share(frame, box, frame.width / width) >= INK_SHARE:
                    visible_at, shot = ts, frame
                    break
        origin = self.page.evaluate("performance.timeOrigin") / 1000
        map_done = time.monotonic()
        while ((self.inflight or time.monotonic() - self.last_event < QUIET_S)
               and time.monotonic() - map_done < AFTER_S):
            self.page.wait_for_timeout(500)
        self.cdp.send("Page.stopScreencast")
        shifts = self.page.evaluate("window.__limaShifts || []")
        clock = self.clock or 0.0
        before = visible_at if visible_at is not None else float("inf")
        events = [(ts + clock, n) for ts, n in self.http + self.ws]
        if frames_dir is not None and shot is not None:
            shot.save(frames_dir / f"{label}.png")
        result = {"seconds": round(visible_at - origin, 3) if visible_at is not None else None,
                  "bytes_before": sum(n for t, n in events if t <= before) if visible_at else None,
                  "bytes_total": sum(n for _, n in events),
                  "http_bytes": sum(n for _, n in self.http), "ws_bytes": sum(n for _, n in self.ws),
                  "requests": len(self.http), "frames": len(self.frames),
                  "scrolled": bool(self.page.evaluate("!!window.__limaScrolled")),
                  "cls": round(cls(shifts), 4), "shifted": shifted(shifts), "outside": self.outside[:5]}
        self.context.close()
        return result


def cls(shifts: list[list[Any]]) -> float:
    """Cumulative layout shift as Chrome counts it: the largest session window (shifts less than 1 s
    apart, a window at most 5 s long) of the shifts not caused by input."""
    best = total = 0.0
    start = previous = None
    for at, value, _ in sorted(shifts, key=lambda s: s[0]):
        if start is None or at - previous > 1000 or at - start > 5000:
            start, total = at, 0.0
        total += value
        previous = at
        best = max(best, total)
    return best


def shifted(shifts: list[list[Any]], n: int = 3) -> list[list[Any]]:
    """The elements that moved most: [element, summed shift score] (a shift's score goes to each of
    its sources)."""
    score: dict[str, float] = {}
    for _, value, sources in shifts:
        for source in sources or ["?"]:
            score[source] = score.get(source, 0.0) + value
    return [[k, round(v, 3)] for k, v in sorted(score.items(), key=lambda kv: -kv[1])[:n]]


def median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if len(known) == len(values) and known else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=3)
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated, of {', '.join(PAGES)}")
    parser.add_argument("--static-dir", type=Path, help="an existing export to serve (default: export anew)")
    parser.add_argument("--json", type=Path, help="write every visit and the medians here")
    parser.add_argument("--frames", type=Path, help="save each visit's first frame with the map here (PNG)")
    args = parser.parse_args(argv)
    names = tuple(n.strip() for n in args.pages.split(",") if n.strip())
    if args.frames:
        args.frames.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    visits: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    with running(names, args.static_dir) as urls, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS)
        for name in names:  # warm each server once, unthrottled, uncounted
            Visit(browser, urls[name], throttle=False).run()
        for i in range(args.visits):
            order = list(names[i % len(names):] + names[:i % len(names)])
            for name in order:
                result = Visit(browser, urls[name]).run(args.frames, f"{name}-{i}")
                visits[name].append(result)
                print(f"  visit {i + 1} {name}: {result}", file=sys.stderr, flush=True)
        browser.close()
    elapsed = time.monotonic() - began
    summary = {n: {k: median([v[k] for v in visits[n]]) for k in ("seconds", "bytes_before", "bytes_total", "cls")}
               for n in names}
    floor = summary.get("floor", {}).get("seconds")
    print(f"slow phone ({NETWORK['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down, "
          f"{NETWORK['latency']} ms RTT, CPU /{CPU_SLOWDOWN}, 390 px): medians of {args.visits} visits")
    print(f"{'page':8} {'map visible':>12} {'vs floor':>9} {'KB before':>10} {'KB total':>10} {'CLS':>6}  "
          "moved most (median-CLS visit)")
    for name in names:
        s = summary[name]
        secs = f"{s['seconds']:.2f} s" if s["seconds"] is not None else "not seen"
        ratio = f"{s['seconds'] / floor:.2f}x" if floor and s["seconds"] is not None else "-"
        before = f"{s['bytes_before'] / 1000:.0f}" if s["bytes_before"] is not None else "-"
        middle = sorted(visits[name], key=lambda v: v["cls"])[len(visits[name]) // 2]
        moved = "; ".join(f"{e} {v}" for e, v in middle["shifted"]) or "-"
        print(f"{name:8} {secs:>12} {ratio:>9} {before:>10} {s['bytes_total'] / 1000:>10.0f} {s['cls']:>6.3f}  {moved}")
    print(f"run took {elapsed / 60:.1f} min")
    outside = sorted({u for n in names for v in visits[n] for u in v["outside"]})
    if outside:
        print(f"requests that left the machine: {outside[:5]}")
    if args.json:
        args.json.write_text(json.dumps({
            "date": dt.datetime.now().isoformat(timespec="seconds"), "machine": platform.platform(),
            "cores": os.cpu_count(), "load": os.getloadavg(), "visits": visits, "medians": summary,
            "phone": PHONE, "network": NETWORK, "cpu_slowdown": CPU_SLOWDOWN, "minutes": round(elapsed / 60, 1),
        }, indent=1))
    return 0 if all(s["seconds"] is not None for s in summary.values()) and not outside else 1


if __name__ == "__main__":
    raise SystemExit(main())
