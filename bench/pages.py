"""The four pages the slow-network and Lighthouse measurements open, each served on 127.0.0.1.

floor   bench/floor/floor_app.py under `streamlit run` (the least a one-map Streamlit page costs)
app     dashboard/app.py under `streamlit run`, served directly
proxy   dashboard/app.py behind `bash deploy/serve.sh --replicas 1` (nginx, gzip/brotli, one replica)
static  the static edition's map page (map.html), exported to a temporary folder by
        scripts/export/static_edition.py (or an existing export: STATIC_DIR) and served by Debian's
        nginx as a static host serves it: a precompressed .br or .gz beside a file is sent when the
        browser accepts it (brotli_static, gzip_static), other text is gzipped on the fly (level 6,
        as GitHub Pages and most hosts do), HTTP/1.1 with keep-alive.

`running(names, static_dir=None)` starts what the names need and yields {name: url}; everything it
started is stopped on exit (by process group id).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from browser_check import free_port, serve  # bench/browser_check.py, beside this file

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("floor", "app", "proxy", "static")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")

STATIC_CONF = """{user}
{modules}
worker_processes 1;
daemon off;
pid {run}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    log_not_found off;
    sendfile on;
    tcp_nodelay on;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    gzip_static on;
{brotli}
    gzip on;
    gzip_comp_level 6;
    gzip_vary on;
    gzip_types text/css application/javascript application/json image/svg+xml text/csv;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        index index.html;
    }}
}}
"""


def _wait_for(url: str, seconds: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server for {url} exited ({proc.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def _stop(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def export_static(outdir: Path, base_url: str = "") -> None:
    """The static edition, written as the README says (the same script, this Python)."""
    cmd = [sys.executable, str(ROOT / "scripts" / "export" / "static_edition.py"), str(outdir)]
    subprocess.run(cmd + (["--base-url", base_url] if base_url else []), check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)


def serve_static(site: Path) -> tuple[subprocess.Popen, int, Path]:
    """Debian's nginx serving `site` on a free loopback port as a static host."""
    run = Path(tempfile.mkdtemp(prefix="lima-static-host."))
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / sub).mkdir()
    port = free_port()
    root_user = os.geteuid() == 0
    if root_user:  # workers run as www-data: they must read the site
        for path in [site, *site.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    has_brotli = BROTLI_MODULE.exists()
    conf = STATIC_CONF.format(user="user www-data;" if root_user else "",
                              modules=f"load_module {BROTLI_MODULE};" if has_brotli else "",
                              brotli="    brotli_static on;" if has_brotli else "",
                              run=run, port=port, site=site.resolve())
    (run / "nginx.conf").write_text(conf)
    proc = subprocess.Popen([NGINX, "-c", str(run / "nginx.conf"), "-p", str(run), "-e", "stderr"],
                            stdout=subprocess.DEVNULL, start_new_session=True)
    _wait_for(f"http://127.0.0.1:{port}/index.html", 20, proc)
    return proc, port, run


def serve_proxied() -> tuple[subprocess.Popen, int]:
    """`bash deploy/serve.sh --replicas 1` on a free loopback port."""
    port = free_port()
    proc = subprocess.Popen(["bash", "deploy/serve.sh", "--replicas", "1", "--port", str(port),
                             "--host", "127.0.0.1"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    _wait_for(f"http://127.0.0.1:{port}/_stcore/health", 120, proc)
    return proc, port


@contextlib.contextmanager
def running(names: tuple[str, ...], static_dir: Path | None = None) -> Iterator[dict[str, str]]:
    """Start the servers `names` need; yield {name: url of the page to open}."""
    procs: list[subprocess.Popen] = []
    temp: list[Path] = []
    urls: dict[str, str] = {}
    try:
        for name in names:
            if name == "floor":
                proc, port = serve(str(ROOT / "bench" / "floor" / "floor_app.py"))
                procs.append(proc)
                urls[name] = f"http://127.0.0.1:{port}/"
            elif name == "app":
                proc, port = serve(str(ROOT / "dashboard" / "app.py"))
                procs.append(proc)
                urls[name] = f"http://127.0.0.1:{port}/"
            elif name == "proxy":
                proc, port = serve_proxied()
                procs.append(proc)
                urls[name] = f"http://127.0.0.1:{port}/"
            elif name == "static":
                site = static_dir
                if site is None:
                    site = Path(tempfile.mkdtemp(prefix="lima-static-site."))
                    temp.append(site)
                    export_static(site)
                proc, port, run = serve_static(site)
                procs.append(proc)
                temp.append(run)
                urls[name] = f"http://127.0.0.1:{port}/map.html"
            else:
                raise SystemExit(f"unknown page {name!r}: choose from {', '.join(PAGES)}")
        for name, url in urls.items():  # Streamlit answers its port before the app is ready
            if name in ("floor", "app"):
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    try:
                        with urllib.request.urlopen(url + "_stcore/health", timeout=2) as r:
                            if r.read().strip() == b"ok":
                                break
                    except OSError:
                        pass
                    time.sleep(0.3)
        yield urls
    finally:
        for proc in procs:
            _stop(proc)
        for path in temp:
            shutil.rmtree(path, ignore_errors=True)
