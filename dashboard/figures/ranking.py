"""The 24 ranked by the migration tab's indicator, largest first (no Streamlit)."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.config import N_, OUTLINE, PALETTE
from dashboard.core import i18n, ranking
from dashboard.data import Tables
from dashboard.figures import formats
from dashboard.figures.breaks import BREAK_MARK, break_notes
from dashboard.figures.chart import Chart, Options, first, lang_of
from dashboard.figures.migration import INDICATORS, STOCK_SOURCE, Indicator, indicator_of, table_of
from dashboard.figures.style import Figure, base_layout, wrap, wrap_title

BAR_PX = 24  # one bar and its gap
AXIS_CHARS = 30  # an axis title line that fits under a phone's narrow plot
BREAK_PATTERN = "/"
MISSING_COLOUR = "#767676"  # 4.5:1 on white
INSIDE_SHARE = 0.3  # a bar at least this share of the longest holds its label inside


def build_ranking(ranked: pd.DataFrame, names: dict[str, str], indicator: Indicator, year: int,
                  highlight: str | None = None, lang: str = "en") -> Figure:
    """One horizontal bar per country, largest at the top, each labelled with its figure; a figure
    inside a series break hatched and marked †; a country without a figure listed last as "no data".

    ranked: iso3, value, rank, in_break (dashboard.core.ranking.ranked).
    """
    _ = i18n.translator(lang)
    labels = [names.get(c, c) for c in ranked["iso3"]]
    values = [None if math.isnan(v) else v for v in ranked["value"].astype("float64")]
    shown = [v for v in values if v is not None]
    peak = max(shown, default=1.0) or 1.0
    short = formats.SHORT[indicator.kind]
    text, hover, colours, patterns = [], [], [], []
    for iso3, name, value, rank, broken in zip(ranked["iso3"], labels, values, ranked["rank"], ranked["in_break"]):
        if value is None:
            text.append(formats.no_data(lang))
            hover.append(f"{name}: {formats.no_data(lang)}")
        else:
            text.append(short(value, lang) + (f" {BREAK_MARK}" if broken else ""))
            line = _("{country}: {value}, rank {rank} of {n}").format(
                country=name, value=indicator.format(value, lang), rank=int(rank), n=len(ranked))
            hover.append(line + (" · " + _("inside a break in the series (see the note)") if broken else ""))
        colours.append(OUTLINE if iso3 == highlight else PALETTE[0])
        patterns.append(BREAK_PATTERN if broken else "")
    bars = {
        "type": "bar", "orientation": "h", "y": labels, "x": [v if v is not None else 0 for v in values],
        "marker": {"color": colours, "pattern": {"shape": patterns, "fgcolor": "#FFFFFF", "size": 6}},
        # Inside a long bar (white on blue, 5:1), after a short one: a phone's narrow plot has no room
        # after the longest bars for "22.742 M US$", nor inside a short bar for "3.61M".
        "text": text, "textposition": ["inside" if v is not None and v >= INSIDE_SHARE * peak else "outside"
                                       for v in values],
        "insidetextanchor": "end", "constraintext": "none",
        "cliponaxis": False, "insidetextfont": {"color": "#FFFFFF"},
        "outsidetextfont": {"color": [MISSING_COLOUR if v is None else "#31333F" for v in values]},
        "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>", "showlegend": False,
    }
    title = _("The 24 ranked by {what}, {year}: {first} first").format(
        what=_lower(_(indicator.label)), year=year,
        first=labels[0] if values and values[0] is not None else formats.no_data(lang))
    layout = base_layout(
        height=105 + BAR_PX * len(ranked), margin={"l": 10, "r": 10, "t": 60, "b": 55},
        title={"text": wrap_title(title), "font": {"size": 14}},
        bargap=0.25, showlegend=False,
        xaxis={"title": {"text": wrap(_("{label}, {year} ({unit})").format(
                   label=_(indicator.label), year=year, unit=_(indicator.unit)), AXIS_CHARS)},
               "range": [0, peak * 1.32], "showticklabels": False, "showgrid": False, "zeroline": True,
               "zerolinecolor": "#BBBBBB", "fixedrange": True},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True, "tickmode": "array",
               "tickvals": labels, "ticktext": labels},
    )
    return {"data": [bars], "layout": layout}


def ranked_indicator(key: str, year: int) -> tuple[str, int]:
    """The indicator and year to rank by: the tab's own, unless it is not a quantity of the 24's table
    (the cost of sending money has its own chart, costliest first): then emigrants in 2020."""
    indicator = INDICATORS.get(key)
    if indicator is None or indicator.table not in ("stock", "remittances"):
        return "emigrants", 2020
    return key, year


def _ranked(tables: Tables, options: Options) -> tuple[pd.DataFrame, Indicator, int]:
    indicator, year = indicator_of(options)
    key, year = ranked_indicator(indicator.key, year)
    indicator = INDICATORS[key]
    frame = ranking.ranked(table_of(tables, indicator), indicator.column, year,
                           tuple(tables.signatories["iso3"]), tables.series_breaks)
    return frame, indicator, year


def _ranking(tables: Tables, options: Options) -> Figure:
    frame, indicator, year = _ranked(tables, options)
    lang = lang_of(options)
    highlight = first(options, "country") or None
    return build_ranking(frame, tables.names_in(lang), indicator, year, highlight, lang)


def _title(tables: Tables, options: Options) -> str:
    frame, indicator, year = _ranked(tables, options)
    _ = i18n.translator(lang_of(options))
    name = tables.names_in(lang_of(options)).get(frame["iso3"].iloc[0], "") if frame["value"].notna().any() else ""
    return _("The 24 ranked by {what}, {year}: {first} first").format(
        what=_lower(_(indicator.label)), year=year, first=name or formats.no_data(lang_of(options)))


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


def _note(tables: Tables, options: Options) -> str:
    """The indicator's caveat, the countries without a figure, and every break among the bars."""
    frame, indicator, year = _ranked(tables, options)
    lang = lang_of(options)
    _ = i18n.translator(lang)
    names = tables.names_in(lang)
    parts = [_(indicator.caveat)] if indicator.caveat else []
    gaps = [names.get(c, c) for c in frame.loc[frame["value"].isna(), "iso3"]]
    if gaps:
        parts.append(_("No figure for {year}: {countries}.").format(year=year, countries=", ".join(gaps)))
    inside = ranking.breaks_in(tables.series_breaks, indicator.column, year, tuple(tables.signatories["iso3"]))
    if len(inside):
        parts.append(BREAK_MARK + " " + break_notes(inside, names, lang))
    return " ".join(parts)


CHARTS = (
    Chart("ranking", N_("The 24 ranked by a migration figure, largest first"), (STOCK_SOURCE,), "migration",
          _ranking, ("indicator", "year", "country"), title_for=_title,
          sources_for=lambda t, o: (indicator_of(o)[0].source,), note_for=_note),
)
