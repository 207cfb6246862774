"""Where a run's server time goes: CPU per run for each view, and a profile of the server under load.

    .venv/bin/python bench/server_profile.py views [--sessions 8] [--seconds 10] [APP]
    .venv/bin/python bench/server_profile.py profile [--sessions 40] [--seconds 40] [--top 30] [APP]

`views`: one `streamlit run` server; each view of tests/ws_support.py's list in turn gets SESSIONS
visitors for SECONDS (after a warm-up run of that view), and the server's CPU seconds per run are
printed (both of its threads that matter: the script runs and the event loop that sends them).
`profile`: the same mixed load as `bench/benchmark.py --load`, with the server under yappi (CPU
clock, every thread, started after the warm-up); prints the top functions in ms of CPU per run.
yappi is an investigation tool, not a project dependency: `.venv/bin/pip install yappi`.
Options a config file would set can be overridden per run with Streamlit's environment variables,
e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=true for the setting before issue 13 part 2.
"""

from __future__ import annotations

import argparse
import os
import pstats
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import browser_support as bs  # noqa: E402
from tests import ws_support as ws  # noqa: E402

# Run by the profiled server: `streamlit run` with yappi started on SIGUSR1, saved on SIGUSR2.
_YAPPI_MAIN = """
import os, signal, sys
import yappi
OUT = os.environ["SERVER_PROFILE_OUT"]
def start(*_):
    yappi.set_clock_type("cpu"); yappi.clear_stats(); yappi.start(builtins=True, profile_threads=True)
def save(*_):
    yappi.stop(); yappi.get_func_stats().save(OUT + ".tmp", type="pstat"); os.replace(OUT + ".tmp", OUT)
signal.signal(signal.SIGUSR1, start); signal.signal(signal.SIGUSR2, save)
from streamlit.web.cli import main
sys.argv = ["streamlit"] + sys.argv[1:]
main()
"""


def _scenarios(app: Path) -> list[tuple[str, int | None]]:
    """The floor page gets the query strings without the rows to check; any other app is the dashboard."""
    return ws.FLOOR_SCENARIOS if app == ws.FLOOR_APP.resolve() else ws.SCENARIOS


def views(app: Path, sessions: int, seconds: float) -> None:
    scenarios = _scenarios(app)
    with bs.StreamlitServer(app=app) as srv:
        ws.run_load(srv.url, sessions, 3, [srv.pid], scenarios=scenarios)  # every view cached once
        print(f"{'view':<45} {'runs/s':>7} {'CPU ms/run':>11}")
        for scenario in scenarios:
            r = ws.run_load(srv.url, sessions, seconds, [srv.pid], scenarios=[scenario])
            print(f"?{scenario[0]:<44} {r.runs_per_s:7.1f} {r.cpu_s / max(1, r.runs) * 1000:11.1f}"
                  + (f"  ERRORS {len(r.errors + r.warm_errors)}" if r.errors or r.warm_errors else ""), flush=True)


def profile(app: Path, sessions: int, seconds: float, top: int) -> None:
    try:
        import yappi  # noqa: F401
    except ImportError:
        raise SystemExit("profile needs yappi (an investigation tool, not in the locks): "
                         ".venv/bin/pip install yappi") from None
    scenarios = _scenarios(app)
    work = Path(tempfile.mkdtemp(prefix="server-profile-"))
    (work / "main.py").write_text(_YAPPI_MAIN)
    out = work / "server.pstat"
    srv = bs.StreamlitServer(app=app)
    srv.port = bs.free_port()
    srv.log_path = work / "server.log"
    log = srv.log_path.open("wb")
    cmd = [sys.executable, str(work / "main.py"), "run", str(app), "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(srv.port), "--browser.gatherUsageStats",
           "false", "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    srv.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, env={**os.environ, "SERVER_PROFILE_OUT": str(out)})
    try:
        srv.wait_healthy(120)
        ws.run_load(srv.url, sessions, 3, [srv.pid], scenarios=scenarios)
        srv.proc.send_signal(signal.SIGUSR1)
        time.sleep(0.5)
        r = ws.run_load(srv.url, sessions, seconds, [srv.pid], scenarios=scenarios)
        srv.proc.send_signal(signal.SIGUSR2)
        deadline = time.monotonic() + 180
        while not out.exists() and time.monotonic() < deadline:
            time.sleep(1)
    finally:
        srv.stop()
    print(r.line() + "  (under the profiler: slower)")
    if not out.exists():
        raise SystemExit(f"no profile written; server log: {srv.log_path}")
    stats = pstats.Stats(str(out))
    # Per script run the server executed while profiled (runs still in flight at the deadline included).
    runs = max(1, sum(v[1] for (path, _, name), v in stats.stats.items()
                      if name == "ScriptRunner._run_script" and path.endswith("script_runner.py")))
    total = sum(v[2] for v in stats.stats.values())
    print(f"{runs} script runs profiled, {total / runs * 1000:.0f} ms CPU per run under the profiler; "
          "columns: own ms/run, with callees ms/run, calls/run")
    for order in ("own", "with callees"):
        print(f"--- top {top} by {order} time")
        rows = sorted(stats.stats.items(), key=lambda kv: -(kv[1][2] if order == "own" else kv[1][3]))
        for (path, line, name), (_, calls, own, cum, _callers) in rows[:top]:
            where = path.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
            print(f"{own / runs * 1000:7.1f} {cum / runs * 1000:7.1f} {calls / runs:8.1f}  {where}:{line} {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["views", "profile"])
    parser.add_argument("app", nargs="?", default=str(bs.APP))
    parser.add_argument("--sessions", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    app = Path(args.app).resolve()
    if not app.is_file():
        raise SystemExit(f"no Streamlit app at {app}")
    if args.mode == "views":
        views(app, args.sessions or 8, args.seconds or 10)
    else:
        profile(app, args.sessions or 40, args.seconds or 40, args.top)


if __name__ == "__main__":
    main()
