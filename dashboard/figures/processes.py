"""The "Regional processes" tab's charts: the role of each signatory in each regional consultative
process, and how many each takes part in (no Streamlit). A process as a map colouring is in
dashboard/figures/modes.py."""

from __future__ import annotations

import pandas as pd

from dashboard.config import N_
from dashboard.core import i18n
from dashboard.core.processes import (
    NOT_LISTED,
    PROCESSES,
    ROLE_COLOURS,
    ROLES,
    founded_after_lima,
    founded_text,
    label,
    role_word,
)
from dashboard.core.treaties import confidence_words
from dashboard.figures.chart import Chart, lang_of
from dashboard.figures.style import Figure, base_layout, category_matrix, country_label, title_dict, title_height, wrap

LATER_MARK = "†"  # a role in a process founded after the Lima meeting


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
    countries = [country_label(i, c, lang) for i, c in zip(matrix["iso3"], matrix["country"])]
    for country, row in zip(countries, matrix.to_dict("records")):
        roles = [row[p].split(" / ")[0] or NOT_LISTED for p in processes]
        z.append([labels.index(r) for r in roles])
        hover.append([f"<b>{country}</b> · {PROCESSES[p]}<br>{detail.get((row['iso3'], p), role_word(r, lang))}"
                      for p, r in zip(processes, roles)])
        text.append([LATER_MARK if r != NOT_LISTED and founded_after_lima(p, years.get(p)) and years.get(p)
                     else "" for p, r in zip(processes, roles)])
    return category_matrix(z, [process_tick(p, years) for p in processes], countries,
                   tuple(role_word(r, lang) for r in labels), [ROLE_COLOURS[r] for r in labels], hover, text,
                   _("Regional consultative processes: the role of each signatory (year founded)"), vertical=True)


def build_rcp_counts(counts: pd.DataFrame, lang: str = "en") -> Figure:
    """Horizontal stacked bars per signatory: processes founded by the Lima meeting, processes
    founded after it, observer roles, meetings attended only; all 24, most processes first."""
    _ = i18n.translator(lang)
    table = counts.sort_values(["processes", "later", "observer", "country"],
                               ascending=[False, False, False, True]).iloc[::-1]
    countries = [country_label(i, c, lang) for i, c in zip(table["iso3"], table["country"])]
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
    layout = base_layout(height=title_height(title) + 160 + 22 * len(table), barmode="stack", title=title_dict(title),
                     margin={"l": 10, "r": 10, "t": title_height(title) + 10, "b": 10},
                     xaxis={"dtick": 1},
                     yaxis={"automargin": True, "tickmode": "array", "tickvals": countries, "ticktext": countries},
                     legend={"orientation": "h", "x": 0, "y": -0.06, "yanchor": "top", "traceorder": "normal"})
    return {"data": data, "layout": layout}


def _blank_note(tables, options) -> str:
    return i18n.translator(lang_of(options))(
        "A blank cell means that no role was found in the sources, not a verified non-membership.")


RCP = ("rcp",)
CHARTS = (
    Chart("processes", N_("Regional consultative processes on migration: the role of each signatory"), RCP,
          "processes", lambda t, o: build_rcp_matrix(t.rcp_matrix, t.memberships, lang_of(o)), note_for=_blank_note),
    Chart("process-counts", N_("Regional consultative processes per signatory"), RCP, "processes",
          lambda t, o: build_rcp_counts(t.rcp_counts, lang_of(o)), note_for=_blank_note),
)
