"""Time to the map element over many visits: the visit() of bench/browser_check.py, repeated.

usage (from the repo root): .venv/bin/python bench/time_to_map.py N FLOOR APP [APP ...]
    e.g. bench/time_to_map.py 10 bench/floor/floor_app.py dashboard/app.py
browser_check.py takes the median of 3 visits, and its measure moves in 0.5 s steps (Playwright's
polling), so one run reads anywhere in a ~0.3-wide band of ratios. This serves each app once, warms
each with one visit, then makes N visits per app, alternating the order, each in a new browser
context (cold cache) exactly as browser_check.py does; it prints every app's median, range and ratio
to the first app (the floor). A measuring aid for docs/PERFORMANCE.md, not a test.
"""

import os
import statistics
import sys

from browser_check import ARGS, serve, visit  # noqa: E402  (bench/browser_check.py, beside this file)
from playwright.sync_api import sync_playwright  # noqa: E402


def main() -> None:
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    n, apps = int(sys.argv[1]), sys.argv[2:]
    procs = [serve(app) for app in apps]
    times: dict[str, list[float]] = {app: [] for app in apps}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS)
            for _proc, port in procs:
                visit(browser, f"http://127.0.0.1:{port}/", "time_to_map-warm.png")
            for i in range(n):
                order = list(zip(apps, procs))
                for app, (_proc, port) in (order if i % 2 == 0 else order[::-1]):
                    times[app].append(visit(browser, f"http://127.0.0.1:{port}/", "time_to_map.png")[0])
            browser.close()
    finally:
        for proc, _port in procs:
            os.killpg(proc.pid, 15)
    floor = statistics.median(times[apps[0]])
    for app in apps:
        median = statistics.median(times[app])
        print(f"{app}: median {median:.2f} s, ratio {median / floor:.2f} "
              f"[{min(times[app]):.2f}-{max(times[app]):.2f} s] over {n} visits")


if __name__ == "__main__":
    main()
