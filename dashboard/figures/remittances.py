"""The "Migration & remittances" tab's lines: remittances received by each of the 24 over time, and
the 24's share of the world's migrants and remittances then and now (no Streamlit)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from dashboard.config import N_, OUTLINE, PALETTE
from dashboard.core import collation, i18n, migration, ranking
from dashboard.data import Tables
from dashboard.figures import formats
from dashboard.figures.breaks import BREAK_MARK, break_notes
from dashboard.figures.chart import Chart, Options, first, lang_of
from dashboard.figures.migration import STOCK_SOURCE, TODAY_NOTE, WDI_SOURCE
from dashboard.figures.modes import base_modes
from dashboard.figures.style import Figure, base_layout, wrap, wrap_title

LIMA_YEAR = 2006 + (31 + 28 + 31 + 30 + 16) / 365  # 16 May 2006 on a year axis
COLUMN = "remittances_usd"
THEN = 2005  # the last year before Lima


def _stretches(breaks: pd.DataFrame | None, iso3: str) -> list[tuple[int, int]]:
    """(first, last) year of each stretch of a country's remittance series inside a break."""
    if breaks is None or breaks.empty:
        return []
    rows = breaks[(breaks["iso3"] == iso3) & (breaks["column"] == COLUMN)]
    return [(int(a), int(b) - 1) for a, b in zip(rows["year_to"], rows["year_back"])]


def build_remittance_lines(rem: pd.DataFrame, signatories: pd.DataFrame, highlight: str | None,
                           region_colours: dict[str, str], lang: str = "en",
                           breaks: pd.DataFrame | None = None) -> Figure:
    """Remittances received by each of the 24, 1990-2023 (log scale), the Lima date marked.

    rem: iso3, year, remittances_usd; signatories: iso3, name, region; breaks: the series-break
    check's rows (dashboard.core.ranking.every_break). A stretch of a series inside a break is
    drawn dotted, cut off from the rest of its line, with a marker where it starts. The chosen
    signatory (`highlight`) is drawn last, in black, with its 2005 and latest figures written at
    their points.
    """
    _ = i18n.translator(lang)
    data = []
    names = {c: i18n.country_name(c, lang) for c in signatories["iso3"]}
    regions = dict(zip(signatories["iso3"], signatories["region"]))
    ordered = sorted(names, key=lambda c: (c == highlight, collation.collation_key(names[c], lang)))
    seen_regions: set[str] = set()
    ours = rem[rem["iso3"].isin(names)].dropna(subset=[COLUMN]).sort_values(["iso3", "year"])
    series = dict(tuple(ours.groupby("iso3", sort=False)))  # one pass, not one filter per country
    any_break = False
    for iso3 in ordered:
        rows = series.get(iso3)
        if rows is None:
            continue
        chosen = iso3 == highlight
        region = regions[iso3]
        colour = OUTLINE if chosen else region_colours.get(region, "#999999")
        years, values = rows["year"].tolist(), rows[COLUMN].tolist()
        stretches = _stretches(breaks, iso3)
        inside = [any(a <= y <= b for a, b in stretches) for y in years]
        line: dict[str, Any] = {"width": 3.5 if chosen else 1.2, "color": colour}
        style: dict[str, Any] = {"line": line, "opacity": 1 if chosen or highlight is None else 0.55}
        data.append({
            "type": "scatter", "mode": "lines", "x": years,
            "y": [None if cut else round(v / 1e9, 4) for v, cut in zip(values, inside)],
            "name": names[iso3] if chosen else i18n.region_name_for(region, lang),
            "legendgroup": "chosen" if chosen else region,
            "showlegend": chosen or region not in seen_regions, **style,
            "customdata": [formats.usd(v, lang) for v in values],
            "hovertemplate": f"{names[iso3]}, %{{x}}: %{{customdata}}<extra></extra>",
        })
        seen_regions.add(region)
        for first_year, last_year in stretches:
            part = [(y, v) for y, v in zip(years, values) if first_year <= y <= last_year]
            if not part:
                continue
            any_break = True
            note = _("inside a break in the series (see the note)")
            data.append({
                "type": "scatter", "mode": "lines+markers", "x": [y for y, _v in part],
                "y": [round(v / 1e9, 4) for _y, v in part], "showlegend": False,
                "legendgroup": "chosen" if chosen else region, **style,
                "line": {**line, "dash": "dot"},
                "marker": {"symbol": ["x-thin-open", *["circle"] * (len(part) - 1)],
                           "size": [12, *[0] * (len(part) - 1)], "color": colour,
                           "line": {"width": 2, "color": colour}},
                "customdata": [formats.usd(v, lang) for _y, v in part],
                "hovertemplate": f"{names[iso3]}, %{{x}}: %{{customdata}} {BREAK_MARK} ({note})<extra></extra>",
            })
    if highlight is not None and highlight in series:
        data.append(_end_labels(series[highlight], _stretches(breaks, highlight), lang))
    if any_break:
        data.append({"type": "scatter", "mode": "lines+markers", "x": [None], "y": [None],
                     "name": _("Series break ({mark}, dotted)").format(mark=BREAK_MARK),
                     "line": {"color": "#555555", "width": 1.2, "dash": "dot"},
                     "marker": {"symbol": "x-thin-open", "size": 10, "line": {"width": 2, "color": "#555555"}},
                     "hoverinfo": "skip", "showlegend": True})
    layout = base_layout(
        height=440, margin={"l": 10, "r": 10, "t": 60, "b": 40},
        title={"text": wrap_title(_("Remittances received by each of the 24, 1990-2023")), "font": {"size": 14}},
        xaxis={"title": {"text": _("Year")}, "range": [1989.5, 2023.5], "showgrid": True, "gridcolor": "#EEEEEE"},
        yaxis={"title": {"text": _("US$ bn, current (log scale)")}, "type": "log", "dtick": 1, "showgrid": True,
               "gridcolor": "#EEEEEE", "automargin": True},
        legend={"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top"},
        shapes=[{"type": "line", "x0": LIMA_YEAR, "x1": LIMA_YEAR, "yref": "paper", "y0": 0, "y1": 1,
                 "line": {"color": "#555555", "width": 1.5, "dash": "dot"}}],
        annotations=[{"x": LIMA_YEAR, "yref": "paper", "y": 1, "text": _("Lima, May 2006"), "showarrow": False,
                      "xanchor": "left", "yanchor": "top", "font": {"size": 12, "color": "#333333"}}],
    )
    return {"data": data, "layout": layout}


def _end_labels(rows: pd.DataFrame, stretches: list[tuple[int, int]], lang: str) -> dict:
    """The chosen line's 2005 and latest figures, written at their points (a figure inside a break
    gets the break's mark)."""
    by_year = dict(zip(rows["year"].astype(int), rows[COLUMN]))
    years = [y for y in dict.fromkeys((THEN, max(by_year))) if y in by_year]
    text = [formats.usd(by_year[y], lang) + (f" {BREAK_MARK}" if any(a <= y <= b for a, b in stretches) else "")
            + f" ({y})" for y in years]
    return {"type": "scatter", "mode": "markers+text", "x": years, "y": [round(by_year[y] / 1e9, 4) for y in years],
            "text": text, "textposition": ["top center" if y != years[-1] else "bottom left" for y in years],
            "textfont": {"size": 12, "color": OUTLINE}, "cliponaxis": False, "showlegend": False,
            "marker": {"size": 8, "color": OUTLINE}, "hoverinfo": "skip"}


MEASURE_CHARS = 20  # a bar's name per line
SHARE_MEASURES = {"emigrants": N_("International migrants born in the 24"),
                  "remittances": N_("Remittances received by the 24")}


def build_share_change(shares: pd.DataFrame, lang: str = "en") -> Figure:
    """The 24's share of the world, then and now: rows measure (a SHARE_MEASURES key), year_then,
    then, year_now, now (%)."""
    _ = i18n.translator(lang)
    # Names wrapped (plotly does not): on a phone one long line left the bars a sliver of the width.
    rows = shares.iloc[::-1].assign(measure=lambda f: [wrap(_(SHARE_MEASURES.get(m, m)), MEASURE_CHARS)
                                                       for m in f["measure"]])
    data = []
    for col, ycol, colour in (("then", "year_then", PALETTE[4]), ("now", "year_now", PALETTE[0])):
        data.append({"type": "bar", "orientation": "h", "y": rows["measure"].tolist(), "x": rows[col].round(1).tolist(),
                     "name": "2005" if col == "then" else _("latest"), "marker": {"color": colour},
                     "text": [f"{formats.percent(v, lang)} ({y})" for v, y in zip(rows[col], rows[ycol])],
                     "textposition": "outside", "cliponaxis": False,
                     "hovertemplate": "%{y}: %{text}<extra></extra>"})
    layout = base_layout(height=340, barmode="group", margin={"l": 10, "r": 70, "t": 60, "b": 50},
                     title={"text": wrap_title(_("The 24's share of the world, 2005 and the latest year")),
                            "font": {"size": 14}},
                     xaxis={"title": {"text": _("% of the world total")}, "range": [0, 100], "ticksuffix": "%"},
                     yaxis={"automargin": True}, legend={"orientation": "h", "x": 0, "y": -0.3, "yanchor": "top",
                                                          "traceorder": "reversed"})
    return {"data": data, "layout": layout}


def figures_sentence(rem: pd.DataFrame, iso3: str, name: str, breaks: pd.DataFrame, lang: str = "en") -> str:
    """'Philippines: US$13.7 bn in 2005, US$39.1 bn in 2023.' A 2005 figure inside a series break
    is given with its mark and not set against the latest one."""
    _ = i18n.translator(lang)
    latest = ranking.latest_year(rem, COLUMN, iso3)
    if latest is None:
        return _("{country}: no remittance figures.").format(country=name)
    (y0, v0, broken), (y1, v1, _b) = ranking.then_and_now(rem, COLUMN, iso3, (THEN, latest), breaks)
    if math.isnan(v0):
        return _("{country}: no figure for {year0}; {now} in {year1}.").format(
            country=name, year0=y0, now=formats.usd(v1, lang), year1=y1)
    if broken:
        return _("{country}: {now} in {year1}; its {year0} figure, {then} {mark}, is inside a break in the series "
                 "and is not compared with it.").format(country=name, now=formats.usd(v1, lang), year1=y1,
                                                        year0=y0, then=formats.usd(v0, lang), mark=BREAK_MARK)
    return _("{country}: {then} in {year0}, {now} in {year1}.").format(
        country=name, then=formats.usd(v0, lang), year0=y0, now=formats.usd(v1, lang), year1=y1)


def _lines_note(tables: Tables, options: Options) -> str:
    """Under the lines: the chosen signatory's figures in words (else the three largest), every break
    in the 24's series, and the note on today's estimates."""
    lang = lang_of(options)
    _ = i18n.translator(lang)
    names = tables.names_in(lang)
    rem, breaks, iso3s = tables.remittances, tables.series_breaks, tuple(tables.signatories["iso3"])
    chosen = first(options, "country")
    if chosen in iso3s:
        lead = figures_sentence(rem, chosen, names.get(chosen, chosen), breaks, lang)
    else:
        year = int(rem.loc[rem["iso3"].isin(iso3s) & rem[COLUMN].notna(), "year"].max())
        top = ranking.ranked(rem, COLUMN, year, iso3s, breaks).head(3)
        lead = _("The largest in {year}: {countries}.").format(year=year, countries="; ".join(
            f"{names.get(c, c)} ({formats.usd(v, lang)})" for c, v in zip(top["iso3"], top["value"])))
    ours = breaks[breaks["iso3"].isin(iso3s) & (breaks["column"] == COLUMN)]
    marks = (" " + BREAK_MARK + " " + break_notes(ours, names, lang)) if len(ours) else ""
    return f"{lead}{marks} {_(TODAY_NOTE)}"


def share_footnote(rem: pd.DataFrame, breaks: pd.DataFrame, iso3s: tuple[str, ...], years: tuple[int, ...],
                   names: dict[str, str], lang: str = "en") -> str:
    """What the totals hold of figures inside a series break, year by year: counted as published, and
    how much of the 24's total (and of the world's) they are. Empty when none."""
    _ = i18n.translator(lang)
    parts = []
    for year in years:
        rows = rem[(rem["year"] == year) & rem[COLUMN].notna()]
        inside = ranking.breaks_in(breaks, COLUMN, year, tuple(rows["iso3"]))
        if inside.empty:
            continue
        held = rows[rows["iso3"].isin(inside["iso3"])].set_index("iso3")[COLUMN]
        ours = rows[rows["iso3"].isin(iso3s)][COLUMN].sum()
        mine = [c for c in held.index if c in iso3s]
        for c in mine:
            parts.append(_("{country}'s {year} figure ({amount}) is inside a break in its series and is counted as "
                           "published: {share} of the 24's {year} total.").format(
                country=names.get(c, c), year=year, amount=formats.usd(held[c], lang),
                share=formats.percent(100 * held[c] / ours, lang)))
        parts.append(_("Figures inside a break in any country's series make up {amount} of what all reporting "
                       "countries received in {year} ({share}).").format(
            amount=formats.usd(held.sum(), lang), year=year,
            share=formats.percent(100 * held.sum() / rows[COLUMN].sum(), lang)))
    return " ".join(parts)


def _share_note(tables: Tables, options: Options) -> str:
    lang = lang_of(options)
    years = tuple(sorted(tables.migration_summary["remittances"]))
    footnote = share_footnote(tables.remittances, tables.series_breaks, tuple(tables.signatories["iso3"]), years,
                              tables.names_in(lang), lang)
    today = i18n.translator(lang)(TODAY_NOTE)
    return f"{footnote} {today}" if footnote else today


CHARTS = (
    Chart("remittances", N_("Remittances received by each of the 24, 1990-2023"), (WDI_SOURCE,), "migration",
          lambda t, o: build_remittance_lines(t.remittances, t.signatories, first(o, "country") or None,
                                              base_modes(t.signatories)["region"].colours, lang_of(o),
                                              t.series_breaks),
          ("country",), note_for=_lines_note),
    Chart("migration-share", N_("The 24's share of the world, 2005 and the latest year"), (STOCK_SOURCE, WDI_SOURCE),
          "migration", lambda t, o: build_share_change(migration.share_table(t.migration_summary), lang_of(o)),
          note_for=_share_note),
)
