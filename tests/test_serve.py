"""deploy/serve.sh: Debian's nginx in front of two `streamlit run` replicas, tested through the proxy.

The page works in Chromium (the map is drawn) and its first visit moves fewer bytes than straight
from a replica; the big JavaScript arrives compressed and cached for a year; the websocket load
test passes with no error and reaches both replicas; and when one replica is killed, new visitors
are still served by the other. Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests import browser_support as bs
from tests import ws_support as ws

pytestmark = pytest.mark.serve

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 120.0


class Served:
    """`bash deploy/serve.sh` in its own process group, with what it printed."""

    def __init__(self, replicas: int) -> None:
        self.port = bs.free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.replicas: list[tuple[int, int]] = []  # (pid, port)
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            ["bash", "deploy/serve.sh", "--replicas", str(replicas), "--port", str(self.port),
             "--host", "127.0.0.1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, text=True)
        ready = threading.Event()

        def read() -> None:
            for line in self.proc.stdout:
                self.lines.append(line.rstrip())
                found = re.search(r"replica \d+ pid (\d+) on 127\.0\.0\.1:(\d+)", line)
                if found:
                    self.replicas.append((int(found.group(1)), int(found.group(2))))
                if "ready:" in line:
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(START_TIMEOUT) or len(self.replicas) != replicas:
            self.stop()
            raise RuntimeError("serve.sh did not get ready:\n" + "\n".join(self.lines[-40:]))

    def stop(self) -> None:
        """SIGTERM as Ctrl-C would be, then SIGKILL to the group if anything is left."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def served():
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        message = "nginx is absent: `bash scripts/bootstrap.sh --test` installs Debian's nginx"
        if os.environ.get("CI"):
            pytest.fail("CI: " + message, pytrace=False)
        pytest.skip(message)
    srv = Served(replicas=2)
    try:
        yield srv
    finally:
        srv.stop()
    left = [pid for pid, _ in srv.replicas if Path(f"/proc/{pid}").exists()
            and "streamlit" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
    assert not left, f"replicas still running after serve.sh was stopped: {left}"


def _get(url: str, encoding: str) -> tuple[bytes, dict[str, str]]:
    req = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.read(), {k.lower(): v for k, v in resp.headers.items()}


def test_javascript_arrives_compressed_and_cached_for_a_year(served):
    html, headers = _get(served.url, "identity")
    assert "lima_route=" in headers.get("set-cookie", ""), headers  # the sticky-session cookie
    scripts = re.findall(rb'src="\.?/?(static/js/[^"]+\.js)"', html)
    assert scripts, "no script in the page"
    direct_port = served.replicas[0][1]
    plain, _ = _get(f"http://127.0.0.1:{direct_port}/{scripts[0].decode()}", "identity")
    assert len(plain) > 300_000, "the page's main script should be the big bundle"
    brotli = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so").exists()
    for asked, expected in (("gzip", "gzip"), ("gzip, deflate, br", "br" if brotli else "gzip")):
        body, headers = _get(served.url + scripts[0].decode(), asked)
        assert headers.get("content-encoding") == expected, (asked, headers)
        assert len(body) < 0.4 * len(plain), (asked, len(body), len(plain))
        max_age = re.search(r"max-age=(\d+)", headers.get("cache-control", ""))
        assert max_age and int(max_age.group(1)) >= 365 * 86400, headers
    # What a browser is told, straight from a replica: no compression at all.
    _, direct = _get(f"http://127.0.0.1:{direct_port}/{scripts[0].decode()}", "gzip, deflate, br")
    assert "content-encoding" not in direct


def _first_visit_bytes(page, url: str) -> int:
    """On-the-wire bytes of one visit with an empty cache, until the map is drawn and idle."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url)
    page.wait_for_selector(bs.MAP_PLOT, state="attached", timeout=60_000)
    bs.wait_for_map_ink(page, timeout=60)
    page.wait_for_load_state("networkidle")
    assert page.locator('[data-testid="stException"]').count() == 0, f"{url}: an exception box"
    return sum(sizes.values())


def test_page_draws_its_map_through_the_proxy_with_fewer_bytes(served, browser, request_recorder):
    counts = {}
    for label, url in (("proxy", served.url), ("direct", f"http://127.0.0.1:{served.replicas[0][1]}/")):
        ctx = browser.new_context(viewport=bs.VIEWPORT)
        request_recorder.attach(ctx)
        try:
            counts[label] = _first_visit_bytes(ctx.new_page(), url)
        finally:
            ctx.close()
    print(f"\nfirst visit: through the proxy {counts['proxy']:,} B, straight from a replica "
          f"{counts['direct']:,} B ({counts['proxy'] / counts['direct']:.2f})")
    assert counts["proxy"] < 0.5 * counts["direct"], counts


def test_websocket_load_through_the_proxy_reaches_both_replicas(served):
    pids = [pid for pid, _ in served.replicas]
    before = [ws.cpu_seconds(p) for p in pids]
    result = ws.run_load(served.url, 10, 10, pids, label="through nginx, 2 replicas")
    print("\n" + result.line())
    errors = result.warm_errors + result.errors
    assert errors == [], "\n".join(errors[:10])
    assert result.runs >= 10, result.line()
    used = [ws.cpu_seconds(p) - b for p, b in zip(pids, before)]
    # Ten sessions with random route keys: both replicas get some (all on one has odds 2 in 1024).
    assert min(used) > 0.1 * max(used), f"CPU seconds per replica {used}: the sessions were not spread"


def test_new_visitors_are_served_when_a_replica_is_killed(served):
    pid, port = served.replicas[0]
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # until its port refuses connections
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            break
        time.sleep(0.1)
    errors = ws.new_visitors(served.url, 8)
    assert errors == [], errors
    for _ in range(5):
        body, _ = _get(served.url, "gzip")
        assert body  # 200, or urlopen would have raised
    assert served.proc.poll() is None, "serve.sh ended when one replica died"
