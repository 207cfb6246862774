"""Chart builders for the context sections: frames in, plain plotly figure dicts out (no I/O).

Same conventions as dashboard/figures/charts.py (whose docstring says why figures are dicts);
`plotly.graph_objects.Figure(fig)` accepts each of them (see tests/test_context_charts.py).
Every builder takes `lang` (en, es, fr): titles, axes, legends and hover text follow it. Titles,
tick and legend labels are wrapped so that a 390 px wide phone shows them whole.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Any

import pandas as pd

from dashboard.core import i18n
from dashboard.core.compare import CATEGORIES, CATEGORY_WORDS, COLOURS
from dashboard.core.context import (
    LIMA_DATE,
    NOT_LISTED,
    PROCESSES,
    ROLE_COLOURS,
    ROLES,
    STATUS_COLOURS,
    STATUS_WORDS,
    STATUSES,
    TREATIES,
    confidence_words,
    day,
    founded_after_lima,
    founded_text,
    label,
    role_word,
)
from dashboard.figures.charts import _layout, contrast, stepped_scale
from dashboard.figures.context_modes import treaty_short

Figure = dict[str, Any]
OTHERS = "#BBBBBB"  # countries outside the 24 on the scatter (markers, not text)
TITLE_FONT = {"size": 14}
OTHER_STATES = "#666666"  # the rest of the world on "parties over time" (dark enough for text)
LATER_MARK = "†"  # a role in a process founded after the Lima meeting
TEXT_DARK, TEXT_LIGHT = "#000000", "#FFFFFF"
TITLE_CHARS = 44  # a title line at 14 px fits a 390 px phone
GDP_TICKS = (300, 1_000, 3_000, 10_000, 30_000)
POP_TICKS = (100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000)


def wrap(text: str, width: int) -> str:
    """`text` broken into lines of at most `width` characters (plotly's <br>)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _lines(text: str) -> int:
    return len(textwrap.wrap(text, TITLE_CHARS, break_long_words=False)) or 1


def _title(text: str) -> dict[str, Any]:
    # plotly anchors a wrapped title's top one line too high (measured in Chromium): pad it down.
    return {"text": wrap(text, TITLE_CHARS), "font": TITLE_FONT, "x": 0, "xanchor": "left",
            "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 8 + 17 * (_lines(text) - 1), "l": 4}}


def _title_height(text: str) -> int:
    return 14 + 20 * _lines(text)


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on `background` (at least 4.5:1 on the palette)."""
    return max((TEXT_DARK, TEXT_LIGHT), key=lambda c: contrast(c, background))


def _legend_entries(labels: Iterable[str], colours: Iterable[str]) -> list[dict[str, Any]]:
    """Legend-only traces (square swatches): a legend wraps on a phone, a colour bar does not."""
    return [{"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": name,
             "marker": {"symbol": "square", "size": 12, "color": colour,
                        "line": {"color": "#767676", "width": 1}},
             "hoverinfo": "skip", "showlegend": True}
            for name, colour in zip(labels, colours)]


def _matrix(z: list[list[int]], x: list[str], y: list[str], labels: tuple[str, ...],
            colours: list[str], hover: list[list[str]], text: list[list[str]], title: str,
            vertical: bool) -> Figure:
    """A categorical heatmap: each integer 0..n-1 one flat colour, first row at the top; marks in
    `text` are drawn on top in black or white, whichever contrasts with the cell."""
    heat = {
        "type": "heatmap", "z": z, "x": x, "y": y, "zmin": -0.5, "zmax": len(labels) - 0.5,
        "colorscale": stepped_scale(colours), "xgap": 2, "ygap": 2, "showscale": False,
        "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>", "showlegend": False,
    }
    marks = [(xi, yi, mark, colours[z[r][c]]) for r, (yi, row) in enumerate(zip(y, text))
             for c, (xi, mark) in enumerate(zip(x, row)) if mark]
    traces = [heat]
    if marks:
        traces.append({"type": "scatter", "mode": "text", "x": [m[0] for m in marks], "y": [m[1] for m in marks],
                       "text": [m[2] for m in marks], "hoverinfo": "skip", "showlegend": False,
                       "textfont": {"size": 13, "color": [text_colour(m[3]) for m in marks]}})
    traces += _legend_entries(labels, colours)
    # The column labels sit on top, under the title: vertical ones need the height of the longest.
    lines = max(len(t.split("<br>")) for t in x)
    longest = max(len(line) for t in x for line in t.split("<br>"))
    axis = 12 + (int(longest * 6.6) if vertical else 16 * lines)
    top = _title_height(title) + axis if title else axis
    layout = _layout(height=top + 90 + 22 * len(y), margin={"l": 10, "r": 10, "t": top, "b": 10},
                     xaxis={"side": "top", "tickangle": -90 if vertical else 0, "tickmode": "array",
                            "tickvals": x, "ticktext": x, "tickfont": {"size": 11 if vertical else 12},
                            "showgrid": False, "zeroline": False, "fixedrange": True},
                     yaxis={"autorange": "reversed", "automargin": True, "tickmode": "array", "tickvals": y,
                            "ticktext": y, "showgrid": False, "zeroline": False, "fixedrange": True},
                     showlegend=True,
                     legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.01, "yanchor": "top",
                             "itemclick": False, "itemdoubleclick": False})
    if title:
        layout["title"] = _title(title)
    return {"data": traces, "layout": layout}


def build_treaty_matrix(status: pd.DataFrame, title: str, lang: str = "en") -> Figure:
    """Signatories x the 4 treaties from a treaty_status() frame (at Lima or latest known).

    Cells are coloured by status; "?" marks an uncertain cell; the hover gives the dates, the
    date of the UN list and, for an uncertain cell, why in words.
    """
    _ = i18n.translator(lang)
    countries = list(dict.fromkeys(status["country"]))
    cells = {(r["country"], r["treaty"]): r for r in status.to_dict("records")}
    z, hover, text = [], [], []
    for country in countries:
        z_row, h_row, t_row = [], [], []
        for treaty in TREATIES:
            row = cells[(country, treaty)]
            z_row.append(STATUSES.index(row["status"]))
            lines = [f"<b>{country}</b> · {treaty_short(treaty, lang)}", _(STATUS_WORDS[row["status"]]),
                     row["dates_text"],
                     _("UN Treaty Collection list read on {date}").format(date=day(row["as_of"], lang))]
            if row["uncertain"]:
                lines.append(_("Uncertain: {reason}").format(reason=row["reason"]))
            h_row.append("<br>".join(lines))
            t_row.append("?" if row["uncertain"] else "")
        z.append(z_row), hover.append(h_row), text.append(t_row)
    # Upright names, at most two lines: four columns side by side on a phone never overprint.
    columns = [wrap(treaty_short(t, lang), 26) for t in TREATIES]
    return _matrix(z, columns, countries, tuple(_(STATUS_WORDS[s]) for s in STATUSES),
                   [STATUS_COLOURS[s] for s in STATUSES], hover, text, title, vertical=True)


def build_treaty_counts(counts: pd.DataFrame, lang: str = "en") -> Figure:
    """Grouped horizontal bars per treaty: parties among the 24 at Lima and at the date of the
    treaty's UN list (horizontal, so that long treaty names wrap on the left on a phone)."""
    _ = i18n.translator(lang)
    ticks = [wrap(treaty_short(r["treaty"], lang), 20) + "<br>" + wrap(
        _("list of {date}").format(date=day(r["as_of"], lang)), 20) for r in counts.to_dict("records")]
    bars = [("party_lima", "states_lima", _("At Lima, {date}").format(date=day(LIMA_DATE, lang)),
             STATUS_COLOURS["signatory only"]),
            ("party_latest", "states_latest", _("At the date of the treaty's UN list"), STATUS_COLOURS["party"])]
    hover = _("{count} of the 24 were parties ({when}); {states} states in all")
    data = [{"type": "bar", "orientation": "h", "name": wrap(name, 34), "y": ticks, "x": counts[col].tolist(),
             "text": counts[col].tolist(), "textposition": "outside", "cliponaxis": False,
             "marker": {"color": colour},
             "customdata": [hover.format(count=n, when=name, states=s) for n, s in zip(counts[col], counts[world])],
             "hovertemplate": "%{customdata}<extra></extra>"}
            for col, world, name, colour in bars]
    title = _("Parties among the 24 signatories, at Lima and at each UN list's date")
    band = max(70, 17 * max(len(t.split("<br>")) for t in ticks) + 16)  # each treaty's labels fit its band
    layout = _layout(height=_title_height(title) + 110 + band * len(ticks), barmode="group", title=_title(title),
                     margin={"l": 10, "r": 24, "t": _title_height(title) + 10, "b": 10},
                     xaxis={"range": [0, 26], "dtick": 4, "automargin": True},
                     yaxis={"autorange": "reversed", "automargin": True},
                     legend={"orientation": "h", "x": 0, "y": -0.1, "yanchor": "top", "traceorder": "normal"})
    return {"data": data, "layout": layout}


def build_parties_over_time(over: pd.DataFrame, treaty: str, lang: str = "en") -> Figure:
    """Share of the 24 and of all other states that were parties to `treaty`, year by year up to
    its list's date (from parties_over_time), the Lima date marked."""
    _ = i18n.translator(lang)
    short = treaty_short(treaty, lang)
    part = over[over["treaty"] == treaty]
    end = part["date"].max()
    data = []
    for group, colour, dash in (("the 24", STATUS_COLOURS["party"], "solid"), ("other states", OTHER_STATES, "dot")):
        rows = part[part["group"] == group]
        size = int(rows["of"].iloc[0])
        name = _("the 24 signatories") if group == "the 24" else _("the {count} other states").format(count=size)
        text = _("{date}: {count} of {size} ({group}) were parties, {share}")
        data.append({"type": "scatter", "mode": "lines+markers", "name": name,
                     "x": [d.strftime("%Y-%m-%d") for d in rows["date"]],
                     "y": [round(100 * v, 1) for v in rows["share"]],
                     "customdata": [text.format(date=day(d, lang), count=int(n), size=size, group=name,
                                                share=i18n.format_number(round(100 * v), lang) + " %"
                                                if lang == "fr" else f"{i18n.format_number(round(100 * v), lang)}%")
                                    for n, d, v in zip(rows["parties"], rows["date"], rows["share"])],
                     "line": {"color": colour, "dash": dash, "width": 2}, "marker": {"size": 5},
                     "hovertemplate": "%{customdata}<extra></extra>"})
    lima = LIMA_DATE.strftime("%Y-%m-%d")
    title = _("{treaty}: share of states that were parties, to {date}").format(treaty=short, date=day(end, lang))
    layout = _layout(
        height=300 + _title_height(title), title=_title(title),
        margin={"l": 10, "r": 10, "t": _title_height(title) + 10, "b": 10},
        # No tick at 0: it met the first year's label in the corner.
        yaxis={"range": [0, 105], "title": {"text": _("% of the group")}, "ticksuffix": "%",
               "tickmode": "array", "tickvals": [20, 40, 60, 80, 100], "automargin": True},
        xaxis={"type": "date", "automargin": True, "nticks": 6}, legend={"orientation": "h", "y": -0.2},
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": lima, "x1": lima, "y0": 0, "y1": 1,
                 "line": {"color": "#000000", "width": 1, "dash": "dash"}}],
        annotations=[{"x": lima, "y": 1, "xref": "x", "yref": "paper", "text": _("Lima, May 2006"),
                      "showarrow": False, "xanchor": "left", "yanchor": "top", "font": {"size": 11},
                      "bgcolor": "rgba(255,255,255,0.85)"}])
    return {"data": data, "layout": layout}


def process_tick(process: str, years: dict[str, int | None]) -> str:
    """A process's column label: its name, its founding year, and a mark if founded after Lima."""
    year = years.get(process)
    after = founded_after_lima(process, year) if year is not None else False
    return f"{label(process)} ({year if year is not None else '?'}){' ' + LATER_MARK if after else ''}"


def _country(iso3: str, english: str, lang: str) -> str:
    return english if lang == "en" else i18n.country_name(iso3, lang)


def build_rcp_matrix(matrix: pd.DataFrame, memberships: pd.DataFrame | None = None, lang: str = "en") -> Figure:
    """Signatories x processes from rcp_matrix(); colour by role, blank = NOT_LISTED; a role in a
    process founded after the Lima meeting is marked with LATER_MARK."""
    _ = i18n.translator(lang)
    labels = (*ROLES, NOT_LISTED)
    processes = [p for p in PROCESSES if p in matrix.columns]
    detail: dict[tuple[str, str], str] = {}
    years: dict[str, int | None] = {}
    if memberships is not None:
        for r in memberships.to_dict("records"):
            year = None if pd.isna(r["founded_year"]) else int(r["founded_year"])
            years.setdefault(r["process"], year)
            role = r["role_text"] if lang == "en" else role_word(r["role"], lang)
            joined = "<br>" + _("joined {when}").format(when=r["joined"]) if r["joined"] else ""
            detail[(r["iso3"], r["process"])] = (f"{role}{joined}<br>{founded_text(r['process'], year, lang)}"
                                                 f"<br>{confidence_words(r['confidence'], lang)}")
    z, hover, text = [], [], []
    countries = [_country(i, c, lang) for i, c in zip(matrix["iso3"], matrix["country"])]
    for country, row in zip(countries, matrix.to_dict("records")):
        roles = [row[p].split(" / ")[0] or NOT_LISTED for p in processes]
        z.append([labels.index(r) for r in roles])
        hover.append([f"<b>{country}</b> · {PROCESSES[p]}<br>{detail.get((row['iso3'], p), role_word(r, lang))}"
                      for p, r in zip(processes, roles)])
        text.append([LATER_MARK if r != NOT_LISTED and founded_after_lima(p, years.get(p)) and years.get(p)
                     else "" for p, r in zip(processes, roles)])
    return _matrix(z, [process_tick(p, years) for p in processes], countries,
                   tuple(role_word(r, lang) for r in labels), [ROLE_COLOURS[r] for r in labels], hover, text,
                   _("Regional consultative processes: the role of each signatory (year founded)"), vertical=True)


def build_rcp_counts(counts: pd.DataFrame, lang: str = "en") -> Figure:
    """Horizontal stacked bars per signatory: processes founded by the Lima meeting, processes
    founded after it, observer roles, meetings attended only; all 24, most processes first."""
    _ = i18n.translator(lang)
    table = counts.sort_values(["processes", "later", "observer", "country"],
                               ascending=[False, False, False, True]).iloc[::-1]
    countries = [_country(i, c, lang) for i, c in zip(table["iso3"], table["country"])]
    parts = [("processes", _("member or participant, process founded by May 2006"), ROLE_COLOURS["member"]),
             ("later", _("member or participant, process founded after May 2006"), ROLE_COLOURS["participating"]),
             ("observer", _("observer"), ROLE_COLOURS["observer"]),
             ("attended_only", _("attended a meeting only"), ROLE_COLOURS["attended-only"])]
    data = [{"type": "bar", "orientation": "h", "name": wrap(name, 34), "x": table[col].tolist(),
             "y": countries, "marker": {"color": colour},
             "customdata": [f"{c}: {n} ({name})<br>{names}" for c, n, names in
                            zip(countries, table[col], table[f"{col}_names"])],
             "hovertemplate": "%{customdata}<extra></extra>"}
            for col, name, colour in parts]
    title = _("Number of regional consultative processes per signatory")
    layout = _layout(height=_title_height(title) + 160 + 22 * len(table), barmode="stack", title=_title(title),
                     margin={"l": 10, "r": 10, "t": _title_height(title) + 10, "b": 10},
                     xaxis={"dtick": 1},
                     yaxis={"automargin": True, "tickmode": "array", "tickvals": countries, "ticktext": countries},
                     legend={"orientation": "h", "x": 0, "y": -0.06, "yanchor": "top", "traceorder": "normal"})
    return {"data": data, "layout": layout}


def build_population_share(info: dict[str, Any], lang: str = "en") -> Figure:
    """A donut: the signatories' share of the population of the Gapminder table's countries."""
    _ = i18n.translator(lang)
    others = info["countries_in_table"] - info["signatories_found"]
    names = [_("The {count} signatories found").format(count=info["signatories_found"]),
             _("The other {count} countries in the table").format(count=others)]
    values = [info["signatories_pop"], info["world_pop"] - info["signatories_pop"]]
    share = i18n.format_number(round(100 * info["share"], 1), lang, 1)
    share = f"{share} %" if lang == "fr" else f"{share}%"
    trace = {
        "type": "pie", "hole": 0.62, "sort": False, "direction": "clockwise",
        "labels": [wrap(n, 34) for n in names], "values": values,
        "marker": {"colors": [STATUS_COLOURS["party"], "#DDDDDD"], "line": {"color": "#FFFFFF", "width": 1}},
        "textinfo": "none",
        "customdata": [_("{name}: {people} people").format(name=n, people=i18n.format_compact(v, lang))
                       for n, v in zip(names, values)],
        "hovertemplate": "%{customdata}<extra></extra>",
    }
    title = _("Share of the population of the {count} countries in Gapminder's {year} table").format(
        count=info["countries_in_table"], year=info["year"])
    layout = _layout(height=330 + _title_height(title), showlegend=True, title=_title(title),
                     margin={"l": 10, "r": 10, "t": _title_height(title) + 10, "b": 10},
                     legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top"},
                     annotations=[{"text": share, "showarrow": False, "font": {"size": 24}, "x": 0.5, "y": 0.5}])
    return {"data": [trace], "layout": layout}


def build_pop_gdp_scatter(table: pd.DataFrame, highlight: Iterable[str], lang: str = "en") -> Figure:
    """Population vs GDP per capita (both log) for the Gapminder table; the 24 highlighted (no
    permanent labels: they overprint each other; the hover and the table name each country)."""
    _ = i18n.translator(lang)
    chosen = set(highlight)
    mask = table["iso_alpha"].isin(chosen)
    data = []
    hover = _("{country}<br>GDP per capita: US${gdp}<br>population: {pop}")
    for part, name, colour, mine in ((table[~mask], _("other countries"), OTHERS, False),
                                     (table[mask], _("signatories"), STATUS_COLOURS["party"], True)):
        data.append({
            "type": "scatter", "mode": "markers", "name": name,
            "x": part["gdpPercap"].round(1).tolist(), "y": part["pop"].tolist(),
            "customdata": [hover.format(country=_country(i, c, lang), gdp=i18n.format_number(g, lang, 0),
                                        pop=i18n.format_compact(p, lang))
                           for i, c, g, p in zip(part["iso_alpha"], part["country"], part["gdpPercap"], part["pop"])],
            "marker": {"color": colour, "size": 10 if mine else 6, "opacity": 1 if mine else 0.7,
                       "line": {"color": "#FFFFFF" if mine else OTHERS, "width": 1}},
            "hovertemplate": "%{customdata}<extra></extra>",
        })
    title = _("Population and GDP per capita, 2007")
    layout = _layout(height=440 + _title_height(title), title=_title(title),
                     margin={"l": 10, "r": 10, "t": _title_height(title) + 10, "b": 10},
                     xaxis={"type": "log", "title": {"text": wrap(_(
                         "GDP per capita (US$, inflation-adjusted; log scale)"), 40)},
                            "tickmode": "array", "tickvals": list(GDP_TICKS),
                            "ticktext": [i18n.format_number(v, lang, 0) for v in GDP_TICKS], "automargin": True},
                     yaxis={"type": "log", "title": {"text": _("population (log scale)")}, "tickmode": "array",
                            "tickvals": list(POP_TICKS), "ticktext": [wrap(i18n.format_compact(v, lang, 0), 9)
                                                                      for v in POP_TICKS], "automargin": True},
                     legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"})
    return {"data": data, "layout": layout}


def build_compare_counts(counts: dict[str, int], lang: str = "en") -> Figure:
    """Bars: in both / only among the 24 / only in the list, from CompareResult.counts."""
    _ = i18n.translator(lang)
    keys = {"both": "both", "only Lima": "only_lima", "only the list": "only_list"}
    values = [counts[keys[c]] for c in CATEGORIES]
    names = [_(CATEGORY_WORDS[c]) for c in CATEGORIES]
    trace = {"type": "bar", "x": [wrap(n, 14) for n in names], "y": values, "text": values,
             "textposition": "outside", "cliponaxis": False,
             "marker": {"color": [COLOURS[c] for c in CATEGORIES]},
             "customdata": [f"{n}: {v}" for n, v in zip(names, values)],
             "hovertemplate": "%{customdata}<extra></extra>"}
    title = _("Your list and the 24")
    layout = _layout(height=300, title=_title(title), margin={"l": 10, "r": 10, "t": _title_height(title) + 10,
                                                              "b": 10},
                     xaxis={"tickangle": 0, "automargin": True},
                     yaxis={"title": {"text": _("countries")}, "rangemode": "tozero", "automargin": True})
    return {"data": [trace], "layout": layout}

