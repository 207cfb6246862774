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
    ROLE_WORDS,
    ROLES,
    STATUS_COLOURS,
    STATUSES,
    TREATIES,
    day,
    founded_text,
    label,
)
from dashboard.figures.charts import _layout, stepped_scale

Figure = dict[str, Any]
OTHERS = "#BBBBBB"  # countries outside the 24 on the scatter
TITLE_FONT = {"size": 14}
OTHER_STATES = "#666666"  # the rest of the world on "parties over time" (dark enough for text)
LATER_MARK = "†"  # a role in a process founded after the Lima meeting


def _matrix(z: list[list[int]], x: list[str], y: list[str], labels: tuple[str, ...],
            colours: list[str], hover: list[list[str]], text: list[list[str]], title: str) -> Figure:
    """A categorical heatmap: each integer 0..n-1 one flat colour, first row at the top."""
    trace = {
        "type": "heatmap", "z": z, "x": x, "y": y, "zmin": -0.5, "zmax": len(labels) - 0.5,
        "colorscale": stepped_scale(colours), "xgap": 2, "ygap": 2,
        "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>",
        # Black marks: readable on every colour of the palette (white was not on the light ones).
        "text": text, "texttemplate": "%{text}", "textfont": {"color": "#000000", "size": 12},
        "colorbar": {"tickvals": list(range(len(labels))), "ticktext": list(labels),
                     "thickness": 12, "outlinewidth": 0},
    }
    # The axis labels sit on top, under the title: slanted process names need more room.
    top = 170 if len(x) > 6 else 70
    layout = _layout(height=top + 40 + 22 * len(y), margin={"l": 10, "r": 10, "t": top, "b": 10},
                     title={"text": title, "font": TITLE_FONT, "x": 0, "xanchor": "left",
                            "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 8}},
                     xaxis={"side": "top", "tickangle": -35 if len(x) > 6 else 0},
                     yaxis={"autorange": "reversed", "automargin": True})
    return {"data": [trace], "layout": layout}


def build_treaty_matrix(status: pd.DataFrame, title: str) -> Figure:
    """Signatories x the 4 treaties from a treaty_status() frame (at Lima or latest known).

    Cells are coloured by status; "?" marks an uncertain cell; the hover gives the dates, the
    date of the UN list and, for an uncertain cell, why in words.
    """
    countries = list(dict.fromkeys(status["country"]))
    cells = {(r["country"], r["treaty"]): r for r in status.to_dict("records")}
    z, hover, text = [], [], []
    for country in countries:
        z_row, h_row, t_row = [], [], []
        for treaty, (short, _, _) in TREATIES.items():
            row = cells[(country, treaty)]
            z_row.append(STATUSES.index(row["status"]))
            lines = [f"<b>{country}</b> · {short}", row["status"], row["dates_text"],
                     f"UN Treaty Collection list read on {day(row['as_of'])}"]
            if row["uncertain"]:
                lines.append(f"Uncertain: {row['reason']}")
            h_row.append("<br>".join(lines))
            t_row.append("?" if row["uncertain"] else "")
        z.append(z_row), hover.append(h_row), text.append(t_row)
    return _matrix(z, [v[0] for v in TREATIES.values()], countries, STATUSES,
                   [STATUS_COLOURS[s] for s in STATUSES], hover, text, title)


def build_treaty_counts(counts: pd.DataFrame) -> Figure:
    """Grouped bars per treaty: parties among the 24 at Lima and at the date of the treaty's UN list."""
    ticks = [f"{r['label']}<br>list of {day(r['as_of'])}" for r in counts.to_dict("records")]
    bars = [("party_lima", "states_lima", f"At Lima, {day(LIMA_DATE)}", STATUS_COLOURS["signatory only"]),
            ("party_latest", "states_latest", "At the date of the treaty's UN list", STATUS_COLOURS["party"])]
    data = [{"type": "bar", "name": name, "x": ticks, "y": counts[col].tolist(),
             "text": counts[col].tolist(), "textposition": "outside", "cliponaxis": False,
             "marker": {"color": colour}, "customdata": counts[world].tolist(),
             "hovertemplate": f"%{{y}} of the 24 were parties ({name}); %{{customdata}} states in all"
                              "<extra></extra>"}
            for col, world, name, colour in bars]
    layout = _layout(height=340, barmode="group",
                     title={"text": "Parties among the 24 signatories, at Lima and at each UN list's date",
                            "font": TITLE_FONT},
                     yaxis={"range": [0, 26], "title": {"text": "signatories that were parties"},
                            "automargin": True},
                     xaxis={"automargin": True}, legend={"orientation": "h", "y": -0.25})
    return {"data": data, "layout": layout}


def build_parties_over_time(over: pd.DataFrame, treaty: str) -> Figure:
    """Share of the 24 and of all other states that were parties to `treaty`, year by year up to
    its list's date (from parties_over_time), the Lima date marked."""
    short = TREATIES[treaty][0]
    part = over[over["treaty"] == treaty]
    end = part["date"].max()
    data = []
    for group, colour, dash in (("the 24", STATUS_COLOURS["party"], "solid"), ("other states", OTHER_STATES, "dot")):
        rows = part[part["group"] == group]
        size = int(rows["of"].iloc[0])
        name = "the 24 signatories" if group == "the 24" else f"the {size} other states"
        data.append({"type": "scatter", "mode": "lines+markers", "name": name,
                     "x": [d.strftime("%Y-%m-%d") for d in rows["date"]],
                     "y": [round(100 * v, 1) for v in rows["share"]],
                     "customdata": [[int(n), day(d)] for n, d in zip(rows["parties"], rows["date"])],
                     "line": {"color": colour, "dash": dash, "width": 2}, "marker": {"size": 5},
                     "hovertemplate": f"%{{customdata[1]}}: %{{customdata[0]}} of {size} ({name}) were parties, "
                                      "%{y:.0f}%<extra></extra>"})
    lima = LIMA_DATE.strftime("%Y-%m-%d")
    layout = _layout(
        height=300, title={"text": f"{short}: share of states that were parties, to {day(end)}", "font": TITLE_FONT},
        yaxis={"range": [0, 105], "title": {"text": "parties (% of the group)"}, "ticksuffix": "%",
               "automargin": True},
        xaxis={"type": "date", "automargin": True}, legend={"orientation": "h", "y": -0.2},
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": lima, "x1": lima, "y0": 0, "y1": 1,
                 "line": {"color": "#000000", "width": 1, "dash": "dash"}}],
        annotations=[{"x": lima, "y": 1, "xref": "x", "yref": "paper", "text": "Lima, May 2006",
                      "showarrow": False, "xanchor": "left", "yanchor": "top", "font": {"size": 11}}])
    return {"data": data, "layout": layout}


def process_tick(process: str, years: dict[str, int | None]) -> str:
    """A process's column label: its name, its founding year, and a mark if founded after Lima."""
    year = years.get(process)
    after = "after" in founded_text(process, year)
    return f"{label(process)} ({year if year is not None else '?'}){' ' + LATER_MARK if after else ''}"


def build_rcp_matrix(matrix: pd.DataFrame, memberships: pd.DataFrame | None = None) -> Figure:
    """Signatories x processes from rcp_matrix(); colour by role, blank = NOT_LISTED; a role in a
    process founded after the Lima meeting is marked with LATER_MARK."""
    labels = (*ROLES, NOT_LISTED)
    processes = [p for p in PROCESSES if p in matrix.columns]
    detail: dict[tuple[str, str], str] = {}
    years: dict[str, int | None] = {}
    if memberships is not None:
        for r in memberships.to_dict("records"):
            year = None if pd.isna(r["founded_year"]) else int(r["founded_year"])
            years.setdefault(r["process"], year)
            joined = f"<br>joined {r['joined']}" if r["joined"] else ""
            detail[(r["iso3"], r["process"])] = (f"{r['role_text']}{joined}<br>{founded_text(r['process'], year)}"
                                                 f"<br>{r['confidence']} confidence")
    z, hover, text = [], [], []
    for row in matrix.to_dict("records"):
        roles = [row[p].split(" / ")[0] or NOT_LISTED for p in processes]
        z.append([labels.index(r) for r in roles])
        hover.append([f"<b>{row['country']}</b> · {PROCESSES[p]}<br>{detail.get((row['iso3'], p), ROLE_WORDS[r])}"
                      for p, r in zip(processes, roles)])
        text.append([LATER_MARK if r != NOT_LISTED and "after" in founded_text(p, years.get(p)) else ""
                     for p, r in zip(processes, roles)])
    return _matrix(z, [process_tick(p, years) for p in processes], matrix["country"].tolist(),
                   tuple(ROLE_WORDS[r] for r in labels), [ROLE_COLOURS[r] for r in labels], hover, text,
                   "Regional consultative processes: the role of each signatory (founding year)")


def build_rcp_counts(counts: pd.DataFrame) -> Figure:
    """Horizontal stacked bars per signatory: processes founded by the Lima meeting, processes
    founded after it, observer roles, meetings attended only; all 24, most processes first."""
    table = counts.sort_values(["processes", "later", "observer", "country"],
                               ascending=[False, False, False, True]).iloc[::-1]
    parts = [("processes", "member or participant, process founded by May 2006", ROLE_COLOURS["member"]),
             ("later", "member or participant, process founded after May 2006", ROLE_COLOURS["participating"]),
             ("observer", "observer", ROLE_COLOURS["observer"]),
             ("attended_only", "attended a meeting only", ROLE_COLOURS["attended-only"])]
    data = [{"type": "bar", "orientation": "h", "name": name, "x": table[col].tolist(),
             "y": table["country"].tolist(), "marker": {"color": colour},
             "customdata": table[f"{col}_names"].tolist(),
             "hovertemplate": f"%{{y}}: %{{x}} ({name})<br>%{{customdata}}<extra></extra>"}
            for col, name, colour in parts]
    layout = _layout(height=130 + 22 * len(table), barmode="stack",
                     title={"text": "Processes per signatory", "font": TITLE_FONT},
                     xaxis={"dtick": 1, "title": {"text": "processes"}}, yaxis={"automargin": True},
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
