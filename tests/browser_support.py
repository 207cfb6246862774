"""Helpers for the real-browser and load tests: a `streamlit run` server, Debian's Chromium, a
recorder of requests that leave the machine, and screenshots of what a visitor saw.

Everything stays on the loopback interface: the server binds 127.0.0.1, and Chromium is
started with a proxy at 127.0.0.1:9 (nothing listens there) for every host but 127.0.0.1 and
localhost, so a request the page makes to any other host is *seen* by the recorder (Playwright
reports it) but never reaches the network: not even a DNS lookup leaves the machine.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_INSTALL_HINT = "apt-get install -y chromium"
# Playwright's own browser download cannot work here (no internet): Debian's Chromium, offline.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Any host but the local server goes to a dead local proxy: recorded, never sent.
    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
VIEWPORT = {"width": 1400, "height": 1000}
SERVER_START_TIMEOUT = 60.0  # seconds until /_stcore/health must answer
STOP_TIMEOUT = 10.0


# --- the server ---------------------------------------------------------------------------------

def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class StreamlitServer:
    """`streamlit run APP` on 127.0.0.1 in its own process group (so teardown kills all of it)."""

    app: Path = APP
    port: int = 0
    proc: subprocess.Popen | None = None
    log_path: Path | None = None
    _log: object = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def pid(self) -> int:
        assert self.proc is not None, "server not started"
        return self.proc.pid

    def start(self, timeout: float = SERVER_START_TIMEOUT) -> StreamlitServer:
        if not Path(self.app).is_file():
            raise FileNotFoundError(f"no Streamlit app at {self.app}")
        self.port = self.port or free_port()
        fd, name = tempfile.mkstemp(prefix="streamlit-server-", suffix=".log")
        self.log_path = Path(name)
        self._log = os.fdopen(fd, "wb")
        cmd = [sys.executable, "-m", "streamlit", "run", str(self.app),
               "--server.headless", "true", "--server.address", "127.0.0.1",
               "--server.port", str(self.port), "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True, env=env)
        try:
            self.wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        health = f"http://127.0.0.1:{self.port}/_stcore/health"
        last = "no answer yet"
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {self.proc.returncode} before it was "
                                   f"healthy; its log:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(health, timeout=2) as resp:
                    if resp.status == 200 and resp.read().strip() == b"ok":
                        return
                    last = f"HTTP {resp.status}"
            except (urllib.error.URLError, OSError) as exc:
                last = repr(exc)
            time.sleep(0.25)
        raise TimeoutError(f"{health} did not answer 'ok' within {timeout:.0f} s ({last}); "
                           f"server log:\n{self.log_tail()}")

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def is_alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, chars: int = 4000) -> str:
        if self.log_path is None or not self.log_path.exists():
            return "(no log)"
        return self.log_path.read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        """SIGTERM the whole process group, then SIGKILL what is left; bounded in time."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, STOP_TIMEOUT)):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if proc is not None:
            # stragglers of the group (none expected: streamlit does not fork)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.log_path is not None and not os.environ.get("KEEP_SERVER_LOG"):
            self.log_path.unlink(missing_ok=True)  # failures have shown its tail already


def rss_mb(pid: int) -> float:
    """Resident set size of a process in MB (VmRSS from /proc/<pid>/status)."""
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        raise RuntimeError(f"process {pid} is gone")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"process {pid} has no VmRSS: it has exited (a zombie)")


def page_url(server_url: str, params: dict[str, str | list[str]] | None = None) -> str:
    """The page URL with query parameters (lists repeat the key: ?region=A&region=B)."""
    return server_url + ("?" + urlencode(params, doseq=True) if params else "")


# --- the browser --------------------------------------------------------------------------------

def chromium_present() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


def launch_chromium(browser_type, **kwargs):
    """Debian's Chromium through Playwright (`browser_type` = playwright.chromium, sync or async)."""
    return browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                               timeout=60_000, **kwargs)


def is_local(url: str) -> bool:
    """True for a request that stays on this machine: the local server, data: and blob: URLs."""
    if url.startswith(("data:", "blob:", "about:")):
        return True
    host = urlparse(url).hostname
    return host is not None and host in LOCAL_HOSTS


@dataclass
class RequestRecorder:
    """Attach to browser contexts; every request to a host other than 127.0.0.1/localhost is kept."""

    outside: list[tuple[str, str]] = field(default_factory=list)  # (page url, request url)
    local_count: int = 0

    def attach(self, context) -> None:
        """Record every request of `context` and the websockets of its pages (attach before
        opening pages)."""
        context.on("request", self._on_request)
        context.on("page", lambda page: page.on("websocket", lambda ws: self._on_url(ws.url, "websocket")))

    def _on_request(self, request) -> None:
        try:
            where = request.frame.url
        except Exception:  # a worker's request has no frame
            where = "(worker)"
        self._on_url(request.url, where)

    def _on_url(self, url: str, where: str) -> None:
        if is_local(url):
            self.local_count += 1
        else:
            self.outside.append((where, url))

    def summary(self, limit: int = 10) -> str:
        hosts = sorted({urlparse(u).hostname or u for _, u in self.outside})
        sample = "\n".join(f"  {u}  (from {w})" for w, u in self.outside[:limit])
        return f"{len(self.outside)} request(s) to {hosts}:\n{sample}"


def save_screenshot(page, name: str) -> Path | None:
    """Full-page screenshot into test-artifacts/<name>.png at the repo root; prints and returns it."""
    ARTIFACTS.mkdir(exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:150] or "page"
    path = ARTIFACTS / f"{safe}.png"
    try:
        page.screenshot(path=str(path), full_page=True, timeout=15_000)
    except Exception as exc:  # a crashed or closed page: say so, never mask the real failure
        print(f"could not save a screenshot for {name}: {exc!r}")
        return None
    print(f"screenshot saved: {path}")
    return path


# --- reading the page ---------------------------------------------------------------------------

MAP_PLOT = ".js-plotly-plot:has(.maplibregl-canvas)"


def ink_share(png: bytes, threshold: int = 245) -> float:
    """Share of pixels darker than `threshold` (0-255 grey) in a PNG."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("L")
    hist = img.histogram()
    return sum(hist[:threshold]) / max(1, sum(hist))


def saturated_share(png: bytes, min_chroma: int = 60) -> float:
    """Share of clearly coloured pixels (max-min channel > min_chroma): the signatories' colours."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    r, g, b = (band.tobytes() for band in img.split())
    coloured = sum(1 for x, y, z in zip(r, g, b) if max(x, y, z) - min(x, y, z) > min_chroma)
    return coloured / max(1, img.width * img.height)


def map_canvas_png(page, plot_selector: str = MAP_PLOT) -> bytes:
    """A screenshot of what MapLibre painted: the map canvas alone, without the legend or the
    colour bar (SVG, drawn even when the map paints nothing)."""
    plot = page.locator(plot_selector).first
    plot.scroll_into_view_if_needed(timeout=10_000)
    canvas = plot.locator("canvas.maplibregl-canvas").first
    return canvas.screenshot(timeout=15_000)


def wait_for_map_ink(page, min_ink: float = 0.02, timeout: float = 30.0,
                     plot_selector: str = MAP_PLOT) -> tuple[float, float]:
    """Poll the map's pixels until more than `min_ink` of them are darker than 245.
    Returns (ink, coloured share) of the last screenshot; raises AssertionError on timeout."""
    deadline = time.monotonic() + timeout
    ink = coloured = 0.0
    while True:
        png = map_canvas_png(page, plot_selector)
        ink, coloured = ink_share(png), saturated_share(png)
        if ink > min_ink:
            return ink, coloured
        if time.monotonic() > deadline:
            raise AssertionError(f"the map stayed blank for {timeout:.0f} s: only {ink:.2%} of its "
                                 f"pixels are darker than 245 (need > {min_ink:.0%})")
        page.wait_for_timeout(500)


SIGNATORY_TABLE_JS = """() => {
  const tables = [...document.querySelectorAll('[data-testid="stDataFrame"] table'),
                  ...document.querySelectorAll('[data-testid="stMarkdown"] table')];
  for (const t of tables) {
    const head = [...t.querySelectorAll('thead th')].map(th => th.innerText.trim());
    if (head.includes('Country') && head.includes('ISO code (3 letters)')) {
      const rows = [...t.querySelectorAll('tbody tr')].map(
        tr => [...tr.querySelectorAll('td')].map(td => td.innerText.trim()));
      const grid = t.hasAttribute('aria-rowcount');
      return {rowcount: grid ? Number(t.getAttribute('aria-rowcount')) - 1 : rows.length, head, rows, grid};
    }
  }
  return null;
}"""


def signatory_table(page, timeout_ms: int = 30_000) -> dict | None:
    """The signatory table: the plain HTML table the page shows by default, or the interactive
    st.dataframe as glide-data-grid's accessible table exposes it (the grid itself is a canvas):
    rowcount = data rows, head, and the rows rendered (all of them for a short table). Waits for
    it to mount; None if it never does."""
    try:
        handle = page.wait_for_function(
            f"() => {{ const t = ({SIGNATORY_TABLE_JS})(); return t && t.rows.length ? t : null; }}",
            timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - the caller asserts on None with its own message
        return None
    return handle.json_value()


def metric_value(page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text(timeout=10_000).strip()


def selectbox_value(page, label: str) -> str:
    """What a st.selectbox shows (its combobox input's value)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    return box.locator("input").first.input_value(timeout=10_000)


def wait_until_idle(page, timeout_ms: int = 60_000) -> None:
    """Wait until the app's script is no longer running (Streamlit's status widget gone) and the
    page is whole (a first visit to the map draws the map first: dashboard/page/first_paint.py)."""
    page.wait_for_timeout(200)  # a rerun triggered just now shows its status a moment later
    page.wait_for_function(
        """() => { const s = document.querySelector('[data-testid="stStatusWidget"]');
                   return (!s || !/Running/i.test(s.innerText)) && !document.querySelector('.st-key-first_paint'); }""",
        timeout=timeout_ms)


def visit_every_tab(page, settle_ms: int = 1_000, on_tab=None) -> list[str]:
    """Click each st.tabs tab in turn, as a visitor reading the whole page (each tab is built
    when opened), and call on_tab(name) once it has drawn; returns the tabs' names."""
    names = []
    tabs = page.locator('[role="tablist"] [role="tab"]')
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        name = tab.inner_text().strip()
        names.append(name)
        tab.click()
        page.wait_for_function("(el) => el.getAttribute('aria-selected') === 'true'", arg=tab.element_handle(),
                               timeout=30_000)
        wait_until_idle(page)
        page.wait_for_timeout(settle_ms)
        if on_tab is not None:
            on_tab(name)
    if names:
        tabs.first.click()
        wait_until_idle(page)
    return names


def filtered_download_button(page, n: int):
    return page.get_by_role("button", name=f"Download these {n} rows (CSV)", exact=True)


def wait_for_rows(page, n: int, timeout_ms: int = 30_000) -> None:
    """Wait until the page says it shows n rows: the filtered download button's label."""
    filtered_download_button(page, n).wait_for(state="visible", timeout=timeout_ms)


def read_csv_bytes(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


MAP_POINT_JS = """([lon, lat]) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')]
    .find(g => g.querySelector('.maplibregl-canvas'));
  if (!gd) return null;
  const sub = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
  const m = sub && sub.map;
  if (!m || !m.loaded()) return null;
  const c = m.getContainer().getBoundingClientRect();
  const p = m.project([lon, lat]);
  return {x: c.left + p.x, y: c.top + p.y, w: c.width, h: c.height};
}"""


def map_point(page, lon: float, lat: float) -> dict | None:
    """Viewport pixel of (lon, lat) on the world map, from MapLibre's own projection; None until
    the map has loaded."""
    return page.evaluate(MAP_POINT_JS, [lon, lat])


# --- accessibility (axe-core) and small screens -------------------------------------------------

# axe-core from the npm registry, pinned with its integrity hash in tests/axe/package-lock.json;
# scripts/bootstrap.sh --test installs it under .venv/axe (`npm ci`), outside the repository's files.
AXE_JS = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_INSTALL_HINT = "bash scripts/bootstrap.sh --test (it runs npm ci for tests/axe/package-lock.json)"
PHONE = {"width": 390, "height": 844}
AXE_RUN_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations'],
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now: [{id, impact, help, nodes: [{target, summary}]}]."""
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"axe-core is absent ({AXE_JS}): install it with {AXE_INSTALL_HINT}")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(AXE_RUN_JS)


def serious(violations: list[dict]) -> list[dict]:
    """The violations a visitor cannot work around: impact serious or critical."""
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def describe_violations(violations: list[dict]) -> str:
    return "; ".join(f"{v['impact']} {v['id']} ({v['help']}): "
                     + ", ".join(n["target"] for n in v["nodes"][:4]) for v in violations)


OVERLAPS_JS = """(root) => {
  // Lines of visible text (each line box of an element's own text, and SVG text) that overlap
  // one another, and text that runs off the screen.
  const scope = root ? document.querySelector(root) : document.body;
  const boxes = [];
  const clipped = [];
  const vw = document.documentElement.clientWidth;
  const skip = '[aria-hidden="true"], .hoverlayer, .modebar, [data-testid="stSidebar"], '
             + '[data-testid="stTooltipContent"], [role="listbox"], canvas, [data-testid="stCode"]';
  for (const el of scope.querySelectorAll('*')) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
    if (!own.length || el.closest(skip)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || +style.opacity === 0) continue;
    const text = el.textContent.trim().slice(0, 50);
    for (const node of own) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        boxes.push({text, x: r.left, y: r.top + scrollY, w: r.width, h: r.height, el});
        if (r.right > vw + 1 || r.left < -1) clipped.push(text);
      }
    }
  }
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.el === b.el) continue;
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > 3 && dy > 3) overlaps.push([a.text, b.text]);
    }
  }
  return {overlaps: overlaps.slice(0, 20), clipped: [...new Set(clipped)].slice(0, 20), count: boxes.length};
}"""


def text_layout_problems(page, root: str | None = None) -> dict:
    """Text boxes that overlap each other or run off the screen: {overlaps, clipped, count}."""
    return page.evaluate(OVERLAPS_JS, root)


TAB_IN_SIGHT_JS = """() => {
  const tab = document.querySelector('[role="tablist"] [role="tab"][aria-selected="true"]');
  if (!tab) return null;
  const r = tab.getBoundingClientRect(), bar = tab.closest('[role="tablist"]').getBoundingClientRect();
  return {text: tab.innerText.trim(), inside: r.left >= Math.max(0, bar.left) - 1
          && r.right <= Math.min(document.documentElement.clientWidth, bar.right) + 1};
}"""


def open_tab_in_sight(page) -> dict | None:
    """The open tab's label and whether all of it is inside the tab bar and the screen."""
    return page.evaluate(TAB_IN_SIGHT_JS)


def element_box(page, selector: str) -> dict | None:
    """The first element's box in page coordinates (top counted from the top of the page)."""
    return page.evaluate("""(sel) => { const el = document.querySelector(sel); if (!el) return null;
        const r = el.getBoundingClientRect();
        return {x: r.left, y: r.top + scrollY, w: r.width, h: r.height}; }""", selector)


def shown_count(page) -> str:
    """The heading's "N shown with the filter" (the key numbers are one line, not metrics)."""
    line = page.locator('[data-testid="stMarkdown"]').filter(has_text="shown with the filter").first
    found = re.search(r"(\d+) shown with the filter", line.inner_text(timeout=10_000))
    return found.group(1) if found else ""


# --- layout shift (Lighthouse's cumulative layout shift, read from the page itself) ---------------

# Lighthouse 12's mobile emulation (a moto g power): its user agent, with the width of the test.
MOBILE_AGENT = ("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) "
                "Chrome/119.0.0.0 Mobile Safari/537.36")
LAYOUT_SHIFT_JS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const sources = (e.sources || []).map((s) => {
      const n = s.node;
      let name = '?';
      if (n && n.nodeType === 1) {
        const key = [...n.classList].find((c) => c.startsWith('st-key-'));
        const testid = n.getAttribute('data-testid') || (n.closest('[data-testid]') || {}).dataset?.testid;
        name = n.tagName.toLowerCase() + (key ? '.' + key : '') + (testid ? '[' + testid + ']' : '')
               + (n.getAttribute('role') ? '[role=' + n.getAttribute('role') + ']' : '');
      } else if (n) { name = '#text'; }
      return {name, dy: s.currentRect.y - s.previousRect.y, h: s.currentRect.height};
    });
    window.__shifts.push({t: e.startTime, value: e.value, input: e.hadRecentInput, sources});
  }
}).observe({type: 'layout-shift', buffered: true});
"""


def session_cls(shifts: list[dict]) -> tuple[float, list[dict]]:
    """Cumulative layout shift as Lighthouse and web-vitals count it: the largest session window
    (shifts less than 1 s apart, at most 5 s long), shifts after the reader's input left out.
    Returns (CLS, that window's entries)."""
    best, best_entries, current, entries, first, last = 0.0, [], 0.0, [], None, None
    for s in sorted((s for s in shifts if not s["input"]), key=lambda s: s["t"]):
        if first is None or s["t"] - last > 1000 or s["t"] - first > 5000:
            current, entries, first = 0.0, [], s["t"]
        current += s["value"]
        entries.append(s)
        last = s["t"]
        if current > best:
            best, best_entries = current, list(entries)
    return best, best_entries
