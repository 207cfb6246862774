"""Lighthouse's mobile run on the floor page, the app's default view and the static edition's map page.

usage (from the repo root):
    .venv/bin/python bench/lighthouse.py [--runs 3] [--pages floor,app,static] [--static-dir DIR]
                                         [--json out.json] [--reports DIR]

Lighthouse is the npm package pinned in bench/lighthouse/ (package.json + package-lock.json),
installed on first use with `npm ci` into .venv/lighthouse or LIGHTHOUSE_DIR (again whenever the
lock changes); it
drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) with the flags of
bench/browser_check.py plus --headless. Its default mobile profile: a phone 412 px wide, simulated
throttling (150 ms round trip, 1.6 Mbit/s down, CPU slowed 4x). Pages are served as bench/pages.py
says. Runs are interleaved (round i opens the pages in a rotated order); prints the medians of the
performance score, first contentful paint, largest contentful paint, cumulative layout shift (with
the elements that shifted most, from the run with the median CLS) and the accessibility score.
A run of the three pages x 3 takes about 5 minutes here; see docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_check import ARGS  # noqa: E402
from pages import running  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PINNED = ROOT / "bench" / "lighthouse"
# .venv/lighthouse unless LIGHTHOUSE_DIR says otherwise (worktrees that share one .venv may each want their own).
INSTALL = Path(os.environ.get("LIGHTHOUSE_DIR") or ROOT / ".venv" / "lighthouse")
LIGHTHOUSE = INSTALL / "node_modules" / ".bin" / "lighthouse"


def install() -> Path:
    """npm ci of the pinned lock into .venv/lighthouse, unless that exact lock is installed already."""
    lock = (PINNED / "package-lock.json").read_bytes()
    stamp = INSTALL / f".installed-{hashlib.sha256(lock).hexdigest()[:16]}"
    if LIGHTHOUSE.exists() and stamp.exists():
        return LIGHTHOUSE
    if not shutil.which("npm"):
        raise SystemExit("bench/lighthouse.py needs npm (Debian: apt-get install npm)")
    INSTALL.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(PINNED / name, INSTALL / name)
    for old in INSTALL.glob(".installed-*"):
        old.unlink()
    # npm ci in the folder itself (`--prefix` from elsewhere was seen to read another package.json).
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=INSTALL, check=True)
    stamp.touch()
    return LIGHTHOUSE


def run_once(url: str, report: Path, tries: int = 3) -> dict[str, Any]:
    """One Lighthouse run; tried again (up to `tries` times) when Lighthouse itself fails, as it does
    when a DevTools call times out on a loaded machine."""
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    flags = " ".join([*ARGS, "--headless=new"])
    for attempt in range(tries):
        done = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                               "--only-categories=performance,accessibility", f"--chrome-flags={flags}"],
                              env={**os.environ, "CHROME_PATH": chrome}, timeout=300)
        if done.returncode == 0:
            break
        print(f"  Lighthouse failed on {url} (try {attempt + 1} of {tries})", file=sys.stderr)
    else:
        raise SystemExit(f"Lighthouse failed {tries} times on {url}")
    lhr = json.loads(report.read_text())
    audits = lhr["audits"]
    shifts = (audits.get("layout-shifts") or {}).get("details", {}).get("items", [])
    return {
        "performance": lhr["categories"]["performance"]["score"],
        "accessibility": lhr["categories"]["accessibility"]["score"],
        "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "shifts": [{"score": round(item.get("score", 0), 3),
                    "element": (item.get("node") or {}).get("selector") or (item.get("node") or {}).get("snippet")}
                   for item in shifts[:5]],
        "failed_a11y": [a for a, v in audits.items() if v.get("score") == 0
                        and a in {r["id"] for r in lhr["categories"]["accessibility"]["auditRefs"]}],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default="floor,app,static")
    parser.add_argument("--static-dir", type=Path, help="an existing export to serve (default: export anew)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--reports", type=Path, help="keep every Lighthouse report (JSON) here")
    args = parser.parse_args(argv)
    install()
    names = tuple(n.strip() for n in args.pages.split(",") if n.strip())
    reports = args.reports or Path(tempfile.mkdtemp(prefix="lima-lighthouse."))
    reports.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    runs: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    with running(names, args.static_dir) as urls:
        for i in range(args.runs):
            for name in names[i % len(names):] + names[:i % len(names)]:
                result = run_once(urls[name], reports / f"{name}-{i}.json")
                runs[name].append(result)
                print(f"  run {i + 1} {name}: " + json.dumps({k: v for k, v in result.items() if k != "shifts"}),
                      file=sys.stderr, flush=True)
    elapsed = time.monotonic() - began
    keys = ("performance", "fcp_s", "lcp_s", "cls", "tbt_ms", "accessibility")
    medians = {n: {k: statistics.median(r[k] for r in runs[n]) for k in keys} for n in names}
    print(f"Lighthouse {subprocess.run([str(LIGHTHOUSE), '--version'], capture_output=True, text=True).stdout.strip()}"
          f", mobile (simulated throttling): medians of {args.runs} runs")
    print(f"{'page':8} {'perf':>5} {'FCP s':>6} {'LCP s':>6} {'CLS':>6} {'TBT ms':>7} {'a11y':>5}  "
          "shifts (median-CLS run)")
    for name in names:
        m = medians[name]
        middle = sorted(runs[name], key=lambda r: r["cls"])[len(runs[name]) // 2]
        shifts = "; ".join(f"{s['element']} {s['score']}" for s in middle["shifts"][:3]) or "-"
        print(f"{name:8} {m['performance']:>5.2f} {m['fcp_s']:>6.1f} {m['lcp_s']:>6.1f} {m['cls']:>6.3f} "
              f"{m['tbt_ms']:>7.0f} {m['accessibility']:>5.2f}  {shifts}")
    print(f"run took {elapsed / 60:.1f} min")
    if args.json:
        args.json.write_text(json.dumps({"date": dt.datetime.now().isoformat(timespec="seconds"),
                                         "load": os.getloadavg(), "runs": runs, "medians": medians,
                                         "minutes": round(elapsed / 60, 1)}, indent=1))
    if not args.reports:
        shutil.rmtree(reports, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
