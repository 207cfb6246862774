"""Migration tab speed: its first build, and the cost of a change against a default-view rerun.

usage: .venv/bin/python bench/migration_speed.py   (from the repo root; a report, not a test)
AppTest in one process: the default view, then ?view=migration (first build), then seven changes of
indicator and year and seven countries not yet shown, each timed; then 15 default-view reruns of
another session. Prints medians and ratios.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
INDICATOR_YEARS = [("remittances", "2005"), ("immigrants", "2024"), ("emigrants_pct", "2020"),
                   ("remittances_pct_gdp", "2023"), ("emigrants", "2005"), ("immigrants", "2005"),
                   ("remittances", "2023")]
COUNTRIES = ["MEX", "PHL", "IND", "EGY", "PER", "CHN", "NGA"]


def timed(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    if at.exception:
        raise SystemExit(f"the page raised: {at.exception[0].message}")
    return time.perf_counter() - start


def main() -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    start = timed(at)
    at.query_params["view"] = "migration"
    first = timed(at)
    changes = []
    for indicator, year in INDICATOR_YEARS:
        at.query_params["indicator"], at.query_params["year"] = indicator, year
        changes.append(timed(at))
    countries = []
    for iso3 in COUNTRIES:
        at.query_params["country"] = iso3
        countries.append(timed(at))
    default = AppTest.from_file(APP, default_timeout=120)
    default.run()
    base = []
    for i in range(15):
        default.query_params["region"] = ["Africa", "Asia", "Americas"][i % 3]
        base.append(timed(default))
    b, c, k = statistics.median(base), statistics.median(changes), statistics.median(countries)
    print(f"default first run {start * 1000:.0f} ms; migration tab first build {first * 1000:.0f} ms")
    print(f"default-view rerun median {b * 1000:.1f} ms")
    print(f"indicator/year change median {c * 1000:.1f} ms ({c / b:.2f}x)")
    print(f"country change (first time each) median {k * 1000:.1f} ms ({k / b:.2f}x)")


if __name__ == "__main__":
    main()
