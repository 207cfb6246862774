"""The chart catalog: every chart by name, the one path from the data layer's tables to a figure.

The tabs (through dashboard/page/store.py's cached wrappers), `?chart=<name>` and the static
edition (scripts/export/static_edition.py) draw every chart through `build`, so an embedded or
exported chart is the chart on the page. A new chart is one `Chart(...)` in the `CHARTS` of the
figures module named after its tab (dashboard/figures/chart.py says what a chart holds).
"""

from __future__ import annotations

from dashboard.data import Tables
from dashboard.figures import (
    compare,
    costs,
    map,
    migration,
    population,
    processes,
    ranking,
    regions,
    remittances,
    timeline,
    treaties,
)
from dashboard.figures.chart import Chart, Figure, Options

CHARTS: dict[str, Chart] = {}  # every chart that can be named in a link (?chart=) or exported
for _module in (map, regions, timeline, treaties, processes, population, migration, ranking, remittances, costs):
    for _chart in _module.CHARTS:
        if _chart.name in CHARTS:
            raise ValueError(f"two charts are named {_chart.name!r}")
        CHARTS[_chart.name] = _chart
# Charts of a visitor's own list: drawn on the page only (their data is the visitor's, not the project's).
OWN: dict[str, Chart] = {c.name: c for c in compare.CHARTS}


def chart(name: str) -> Chart:
    try:
        return CHARTS.get(name) or OWN[name]
    except KeyError:
        raise KeyError(f"no chart named {name!r}; the catalog has {', '.join(CHARTS)}") from None


def build(name: str, tables: Tables, options: Options | None = None) -> Figure:
    """The named chart's figure for a view (options: the view's URL parameters, `lang` among them)."""
    return chart(name).build(tables, options or {})
