"""Chart builders for the context sections: frames in, plain plotly figure dicts out (no I/O).

Same conventions as dashboard/figures/charts.py (whose docstring says why figures are dicts);
`plotly.graph_objects.Figure(fig)` accepts each of them (see tests/test_context_charts.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from dashboard.core.compare import CATEGORIES, COLOURS
from dashboard.core.context import (
    LIMA_DATE,
    NOT_LISTED,
    PROCESSES,
    ROLE_COLOURS,
    ROLES,
    STATUS_COLOURS,
    STATUSES,
    TREATIES,
)
from dashboard.figures.charts import _layout, stepped_scale

Figure = dict[str, Any]
OTHERS = "#BBBBBB"  # countries outside the 24 on the scatter
TITLE_FONT = {"size": 14}


def _day(ts: Any) -> str:
    return "undated" if pd.isna(ts) else f"{ts:%Y-%m-%d}"


def _matrix(z: list[list[int]], x: list[str], y: list[str], labels: tuple[str, ...],
            colours: list[str], hover: list[list[str]], text: list[list[str]], title: str) -> Figure:
    """A categorical heatmap: each integer 0..n-1 one flat colour, first row at the top."""
    trace = {
        "type": "heatmap", "z": z, "x": x, "y": y, "zmin": -0.5, "zmax": len(labels) - 0.5,
        "colorscale": stepped_scale(colours), "xgap": 2, "ygap": 2,
        "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>",
        "text": text, "texttemplate": "%{text}", "textfont": {"color": "#FFFFFF", "size": 12},
        "colorbar": {"tickvals": list(range(len(labels))), "ticktext": list(labels),
                     "thickness": 12, "outlinewidth": 0},
    }
    # The axis labels sit on top, under the title: slanted process names need more room.
    top = 150 if len(x) > 6 else 70
    layout = _layout(height=top + 40 + 22 * len(y), margin={"l": 10, "r": 10, "t": top, "b": 10},
                     title={"text": title, "font": TITLE_FONT, "x": 0, "xanchor": "left",
                            "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 8}},
                     xaxis={"side": "top", "tickangle": -35 if len(x) > 6 else 0},
                     yaxis={"autorange": "reversed", "automargin": True})
    return {"data": [trace], "layout": layout}


def build_treaty_matrix(status: pd.DataFrame, title: str) -> Figure:
    """Signatories x the 4 treaties from a treaty_status() frame (then or now: pass either).

    Cells are coloured by status; "?" marks an uncertain row; hover gives the dates, the
    as-of date and the reasons for uncertainty.
    """
    countries = list(dict.fromkeys(status["country"]))
    cells = {(r["country"], r["treaty"]): r for r in status.to_dict("records")}
    z, hover, text = [], [], []
    for country in countries:
        z_row, h_row, t_row = [], [], []
        for treaty, (label, _, _) in TREATIES.items():
            row = cells.get((country, treaty))
            state = row["status"] if row else "no data"
            z_row.append(STATUSES.index(state))
            lines = [f"<b>{country}</b> · {label}", state]
            if row:
                lines += [row["dates_text"] or "no signature or ratification recorded",
                          f"as of {_day(row['as_of'])}: {row['as_of_note']}"]
                if row["uncertain"]:
                    lines.append(f"uncertain: {row['uncertain_reason']}")
            h_row.append("<br>".join(lines))
            t_row.append("?" if row is None or row["uncertain"] else "")
        z.append(z_row), hover.append(h_row), text.append(t_row)
    return _matrix(z, [v[0] for v in TREATIES.values()], countries, STATUSES,
                   [STATUS_COLOURS[s] for s in STATUSES], hover, text, title)


def build_treaty_counts(counts: pd.DataFrame) -> Figure:
    """Grouped bars per treaty: parties at Lima vs parties in the latest status of the notes."""
    first, last = counts["as_of_latest_min"].min(), counts["as_of_latest_max"].max()
    span = _day(first) if first == last else f"{_day(first)} to {_day(last)}"
    bars = [("party_lima", f"Parties at Lima ({LIMA_DATE:%d %b %Y})", STATUS_COLOURS["signatory only"]),
            ("party_latest", f"Parties, latest in the notes (as of {span})", STATUS_COLOURS["party"])]
    data = [{"type": "bar", "name": name, "x": counts["label"].tolist(), "y": counts[col].tolist(),
             "text": counts[col].tolist(), "textposition": "outside", "cliponaxis": False,
             "marker": {"color": colour},
             "customdata": counts["uncertain_latest" if col == "party_latest" else "uncertain_lima"].tolist(),
             "hovertemplate": f"%{{x}}: %{{y}} of 24 ({name}); %{{customdata}} uncertain rows<extra></extra>"}
            for col, name, colour in bars]
    layout = _layout(height=320, barmode="group", title={"text": "Parties among the 24", "font": TITLE_FONT},
                     yaxis={"range": [0, 26], "title": {"text": "signatories"}, "automargin": True},
                     legend={"orientation": "h", "y": -0.15})
    return {"data": data, "layout": layout}


def build_rcp_matrix(matrix: pd.DataFrame, memberships: pd.DataFrame | None = None) -> Figure:
    """Signatories x processes from rcp_matrix(); colour by role, blank = NOT_LISTED."""
    labels = (*ROLES, NOT_LISTED)
    processes = [p for p in PROCESSES if p in matrix.columns]
    detail: dict[tuple[str, str], str] = {}
    if memberships is not None:
        for r in memberships.to_dict("records"):
            detail[(r["iso3"], r["process"])] = f"{r['role_text']} (confidence {r['confidence']})"
    z, hover = [], []
    for row in matrix.to_dict("records"):
        roles = [row[p].split(" / ")[0] or NOT_LISTED for p in processes]
        z.append([labels.index(r) for r in roles])
        hover.append([f"<b>{row['country']}</b> · {p}<br>{detail.get((row['iso3'], p), r)}"
                      for p, r in zip(processes, roles)])
    text = [[""] * len(processes) for _ in z]
    return _matrix(z, processes, matrix["country"].tolist(), labels, [ROLE_COLOURS[r] for r in labels],
                   hover, text, "Regional consultative processes: role of each signatory")


def build_rcp_counts(counts: pd.DataFrame) -> Figure:
    """Horizontal stacked bars per signatory: processes (member/partner/participating),
    observer, attended only; all 24, most processes first."""
    table = counts.sort_values(["processes", "observer", "country"], ascending=[False, False, True])
    table = table.iloc[::-1]
    parts = [("processes", "member / partner / participating", ROLE_COLOURS["member"]),
             ("observer", "observer", ROLE_COLOURS["observer"]),
             ("attended_only", "attended only", ROLE_COLOURS["attended-only"])]
    data = [{"type": "bar", "orientation": "h", "name": name, "x": table[col].tolist(),
             "y": table["country"].tolist(), "marker": {"color": colour},
             "customdata": table[f"{col}_names"].tolist(),
             "hovertemplate": f"%{{y}}: %{{x}} ({name})<br>%{{customdata}}<extra></extra>"}
            for col, name, colour in parts]
    layout = _layout(height=100 + 22 * len(table), barmode="stack",
                     title={"text": "Processes per signatory", "font": TITLE_FONT},
                     xaxis={"dtick": 1}, yaxis={"automargin": True},
                     legend={"orientation": "h", "y": -0.08})
    return {"data": data, "layout": layout}


def build_population_share(info: dict[str, Any]) -> Figure:
    """A donut: the signatories' share of the population of the Gapminder table's countries."""
    others = info["countries_in_table"] - info["signatories_found"]
    trace = {
        "type": "pie", "hole": 0.62, "sort": False, "direction": "clockwise",
        "labels": [f"The {info['signatories_found']} signatories found",
                   f"The other {others} countries in the table"],
        "values": [info["signatories_pop"], info["world_pop"] - info["signatories_pop"]],
        "marker": {"colors": [STATUS_COLOURS["party"], "#DDDDDD"]}, "textinfo": "none",
        "hovertemplate": "%{label}<br>%{value:,} people (%{percent})<extra></extra>",
    }
    layout = _layout(height=300, showlegend=True, legend={"orientation": "h", "y": -0.05},
                     title={"text": f"Share of the population of the {info['countries_in_table']} countries in "
                                    f"Gapminder's {info['year']} table", "font": TITLE_FONT},
                     annotations=[{"text": f"{info['share']:.1%}", "showarrow": False,
                                   "font": {"size": 24}, "x": 0.5, "y": 0.5}])
    return {"data": [trace], "layout": layout}


def build_pop_gdp_scatter(table: pd.DataFrame, highlight: Iterable[str]) -> Figure:
    """Population vs GDP per capita (both log) for the Gapminder table; the 24 highlighted."""
    chosen = set(highlight)
    mask = table["iso_alpha"].isin(chosen)
    data = []
    for part, name, colour, labelled in ((table[~mask], "other countries", OTHERS, False),
                                         (table[mask], "signatories", STATUS_COLOURS["party"], True)):
        data.append({
            "type": "scatter", "mode": "markers+text" if labelled else "markers", "name": name,
            "x": part["gdpPercap"].round(1).tolist(), "y": part["pop"].tolist(),
            "text": part["iso_alpha"].tolist() if labelled else None, "textposition": "top center",
            "textfont": {"size": 10}, "customdata": part["country"].tolist(),
            "marker": {"color": colour, "size": 9 if labelled else 6, "opacity": 1 if labelled else 0.6},
            "hovertemplate": "%{customdata}<br>GDP per capita %{x:,.0f}<br>population %{y:,}<extra></extra>",
        })
    layout = _layout(height=420, title={"text": "Population and GDP per capita, 2007", "font": TITLE_FONT},
                     xaxis={"type": "log", "title": {"text": "GDP per capita (Gapminder, log scale)"},
                            "automargin": True},
                     yaxis={"type": "log", "title": {"text": "population (log scale)"}, "automargin": True},
                     legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.8)"})
    return {"data": data, "layout": layout}


def build_compare_counts(counts: dict[str, int]) -> Figure:
    """Bars: both / only Lima / only the list, from CompareResult.counts."""
    keys = {"both": "both", "only Lima": "only_lima", "only the list": "only_list"}
    values = [counts[keys[c]] for c in CATEGORIES]
    trace = {"type": "bar", "x": list(CATEGORIES), "y": values, "text": values,
             "textposition": "outside", "cliponaxis": False,
             "marker": {"color": [COLOURS[c] for c in CATEGORIES]},
             "hovertemplate": "%{x}: %{y} countries<extra></extra>"}
    layout = _layout(height=280, title={"text": "Your list and the 24", "font": TITLE_FONT},
                     yaxis={"title": {"text": "countries"}, "rangemode": "tozero", "automargin": True})
    return {"data": [trace], "layout": layout}
