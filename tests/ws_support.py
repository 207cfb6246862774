"""Visitors without browsers: Streamlit sessions driven over the page's own websocket protocol.

Each simulated visitor opens /_stcore/stream, as the page's JavaScript does, and asks for runs
with a query string (a rerun BackMsg carrying the hashes of the big elements it has already
received, so that the server sends references instead of those elements again), then waits for
the run's script_finished message before it asks for the next. Latency is the time from sending
the rerun to that message. Used by tests/test_load.py (a short run in CI), tests/test_serve.py
(through the proxy) and bench/benchmark.py (long runs, a soak, a sweep of session counts).
Every address is a loopback one; every loop is bounded by a deadline and every wait by a timeout.
"""

from __future__ import annotations

import asyncio
import math
import os
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
# The one-map floor page: CI's clean clone has shared/ beside it, as the workplace does.
FLOOR_APP = Path(os.environ.get("FLOOR_APP", ROOT.parent / "shared" / "bench" / "floor" / "floor_app.py"))
STEP_TIMEOUT = 60.0  # seconds one run may take before it counts as an error
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})

# (query string, rows the map view must say it shows, or None where the view has no such line).
# The row counts are the signatory list's, counted by hand (as in tests/test_browser.py).
SCENARIOS: list[tuple[str, int | None]] = [
    ("", 24),
    ("view=map&region=Africa", 5),
    ("view=regions", None),
    ("region=Asia&color=sub_region", 8),
    ("view=timeline", None),
    ("view=treaties", None),
    ("region=Americas", 11),
    ("view=processes", None),
    ("region=Africa&region=Asia&color=sub_region", 13),
    ("view=population", None),
    ("subregion=Northern%20Africa", 3),
    ("view=sources", None),
    ("color=icrmw-lima", 24),
    ("view=treaties&when=latest", None),
    ("region=Africa&country=NGA", 5),
    ("color=rcp-colombo-process", 24),
]
# The floor page gets the same query strings (it reads ?region= only) and has no rows to check.
# The signal a first paint carries (dashboard/page/first_paint.py's component name).
FIRST_PAINT = "first_paint"
FLOOR_SCENARIOS: list[tuple[str, int | None]] = [(query, None) for query, _ in SCENARIOS]


def ws_url(http_url: str) -> str:
    """ws://host:port/_stcore/stream for a server's http://host:port/; refuses a non-loopback host."""
    parts = urlparse(http_url)
    if parts.hostname not in LOOPBACK:
        raise ValueError(f"load runs go to loopback addresses only, not {parts.hostname!r}")
    return f"ws://{parts.netloc}/_stcore/stream"


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident set size of a process in MB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"process {pid} has no VmRSS: it has exited")


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values by the nearest-rank method; NaN when there are none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


@dataclass
class LoadResult:
    """What one load run measured. RSS and CPU are summed over the server processes given."""

    label: str
    sessions: int
    seconds: float
    runs: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    rss_start: float = 0.0
    rss_end: float = 0.0
    cpu_s: float = 0.0
    warm_errors: list[str] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p95(self) -> float:
        return percentile(self.latencies, 0.95)

    @property
    def runs_per_s(self) -> float:
        return self.runs / self.elapsed if self.elapsed else 0.0

    @property
    def cores(self) -> float:
        """CPU the servers used during the run, in cores (CPU seconds per wall second)."""
        return self.cpu_s / self.elapsed if self.elapsed else 0.0

    @property
    def growth(self) -> float:
        """Memory growth over the run, as a share of the start (0.05 = 5%)."""
        return (self.rss_end - self.rss_start) / self.rss_start if self.rss_start else float("nan")

    def line(self) -> str:
        cpu = f", server CPU {self.cpu_s / self.runs * 1000:.0f} ms/run ({self.cores:.2f} cores)" if self.runs else ""
        return (f"{self.label}: {self.sessions} sessions x {self.seconds:.0f} s: {self.runs} runs "
                f"({self.runs_per_s:.1f}/s), {len(self.errors) + len(self.warm_errors)} errors, rerun p50 "
                f"{self.p50 * 1000:.0f} ms p95 {self.p95 * 1000:.0f} ms, server RSS {self.rss_start:.0f} -> "
                f"{self.rss_end:.0f} MB ({self.growth:+.1%}){cpu}")


class Visitor:
    """One browser tab's session, as the page's JavaScript speaks to the server."""

    def __init__(self, url: str, index: int, scenarios: list[tuple[str, int | None]]) -> None:
        self.url, self.index, self.scenarios = url, index, scenarios
        self.ws = None
        self.cached: set[str] = set()  # hashes of cacheable messages already received
        self.turn = index

    async def connect(self) -> None:
        import websockets

        # The page's own subprotocol; no XSRF token, as Streamlit allows for the stream.
        self.ws = await websockets.connect(self.url, max_size=2**27, open_timeout=STEP_TIMEOUT,
                                           subprotocols=["streamlit"], ping_interval=None)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run_once(self) -> float:
        """Ask for the next scenario's run; return its latency. Raises on any error of the run.
        A browser's first visit to the map gets the map alone, then asks for the rest once the map
        is drawn (dashboard/page/first_paint.py): so does this visitor, at once, as one visit."""
        query, rows = self.scenarios[self.turn % len(self.scenarios)]
        self.turn += 1
        t0 = time.monotonic()
        labels, light = await self._rerun(query)
        if light:
            labels, light = await self._rerun(query)
            if light:
                raise RuntimeError(f"?{query}: the page asked for the rest of itself twice")
        latency = time.monotonic() - t0
        if rows is not None and f"Download these {rows} rows (CSV)" not in labels:
            raise RuntimeError(f"?{query}: expected the page to offer its {rows} rows, got buttons {labels}")
        return latency

    async def _rerun(self, query: str) -> tuple[list[str], bool]:
        """One run: the download buttons' labels, and whether it was a first paint (the map alone)."""
        from streamlit.proto import BackMsg_pb2, ForwardMsg_pb2

        msg = BackMsg_pb2.BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_script_hash = ""
        msg.rerun_script.cached_message_hashes.extend(sorted(self.cached))
        labels: list[str] = []
        light = False
        await self.ws.send(msg.SerializeToString())
        deadline = time.monotonic() + STEP_TIMEOUT
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=max(0.1, deadline - time.monotonic()))
            fwd = ForwardMsg_pb2.ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if fwd.metadata.cacheable and fwd.hash:
                self.cached.add(fwd.hash)
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                what = element.WhichOneof("type")
                if what == "exception":
                    raise RuntimeError(f"?{query}: exception on the page: {element.exception.message[:120]}")
                if what == "download_button":
                    labels.append(element.download_button.label)
                if what == "bidi_component" and element.bidi_component.component_name == FIRST_PAINT:
                    light = True
            elif kind == "session_event" and fwd.session_event.WhichOneof("type") == "script_compilation_exception":
                raise RuntimeError(f"?{query}: the script did not compile")
            elif kind == "page_not_found":
                raise RuntimeError(f"?{query}: page not found")
            elif kind == "script_finished":
                status = fwd.script_finished
                if status not in (fwd.FINISHED_SUCCESSFULLY, fwd.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    raise RuntimeError(f"?{query}: the run ended with status {status}")
                break
        return labels, light


async def _run(url: str, sessions: int, seconds: float, pids: list[int], label: str,
               scenarios: list[tuple[str, int | None]], think: float) -> LoadResult:
    result = LoadResult(label, sessions, seconds)
    visitors = [Visitor(url, i, scenarios) for i in range(sessions)]
    # Warm-up, untimed: every session connects and runs enough views that together they open
    # every scenario at least once, so the process-wide caches are full before the baseline.
    rounds = max(2, math.ceil(len(scenarios) / max(1, sessions)))

    async def warm(v: Visitor) -> None:
        try:
            await v.connect()
            for _ in range(rounds):
                await v.run_once()
        except Exception as exc:  # noqa: BLE001 - every failure is an error of the run, counted
            result.warm_errors.append(f"warm-up, session {v.index}: {type(exc).__name__}: {str(exc)[:200]}")
            v.ws = None

    await asyncio.gather(*(warm(v) for v in visitors))
    result.rss_start = sum(rss_mb(p) for p in pids)
    cpu0 = sum(cpu_seconds(p) for p in pids)
    t0 = time.monotonic()
    deadline = t0 + seconds

    async def visit(v: Visitor) -> None:
        if v.ws is None:
            return
        try:
            if think:  # arrivals spread over one pause, not all at the same instant
                await asyncio.sleep(think * v.index / len(visitors))
            while time.monotonic() < deadline:
                result.latencies.append(await v.run_once())
                result.runs += 1
                if think:
                    # Spread evenly in [0.5, 1.5] x think, by session and turn: no random seed to keep.
                    await asyncio.sleep(think * (0.5 + ((v.index * 7 + v.turn * 3) % 11) / 10))
        except Exception as exc:  # noqa: BLE001 - counted; the visitor leaves, as a tab that broke
            result.errors.append(f"session {v.index}: {type(exc).__name__}: {str(exc)[:200]}")

    await asyncio.gather(*(visit(v) for v in visitors))
    result.elapsed = time.monotonic() - t0
    result.cpu_s = sum(cpu_seconds(p) for p in pids) - cpu0
    # Measured with the sessions still open: the same live sessions as at the start.
    result.rss_end = sum(rss_mb(p) for p in pids)
    await asyncio.gather(*(v.close() for v in visitors), return_exceptions=True)
    return result


def run_load(http_url: str, sessions: int, seconds: float, pids: list[int], label: str = "app",
             scenarios: list[tuple[str, int | None]] | None = None, think: float = 0.0) -> LoadResult:
    """N sessions for S seconds against the server at http_url (loopback); pids: the server
    processes whose memory and CPU are measured. think: seconds a visitor pauses between runs
    (0: each clicks again as soon as a run ends, the server's saturation)."""
    if sessions < 1 or seconds <= 0:
        raise ValueError("sessions >= 1 and seconds > 0")
    return _in_thread(lambda: _run(ws_url(http_url), sessions, seconds, list(pids), label,
                                   scenarios or SCENARIOS, think), timeout=seconds + 3 * STEP_TIMEOUT + 60)


def _in_thread(make_coro, timeout: float):
    """asyncio.run in a thread of its own: the caller may already run an event loop (sync
    Playwright does, in the same pytest process)."""
    box: dict = {}

    def target() -> None:
        try:
            box["result"] = asyncio.run(make_coro())
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=target, name="ws-load", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"the load run did not finish within {timeout:.0f} s")
    if "error" in box:
        raise box["error"]
    return box["result"]


def new_visitors(http_url: str, n: int, scenarios: list[tuple[str, int | None]] | None = None) -> list[str]:
    """n new sessions, each connecting and asking for one run; returns their errors (none: all served)."""

    async def one(i: int) -> str | None:
        v = Visitor(ws_url(http_url), i, scenarios or SCENARIOS)
        try:
            await v.connect()
            await v.run_once()
            return None
        except Exception as exc:  # noqa: BLE001 - reported to the caller
            return f"visitor {i}: {type(exc).__name__}: {str(exc)[:200]}"
        finally:
            await v.close()

    async def all_of() -> list[str]:
        return [e for e in await asyncio.gather(*(one(i) for i in range(n))) if e]

    return _in_thread(all_of, timeout=2 * STEP_TIMEOUT + 30)
