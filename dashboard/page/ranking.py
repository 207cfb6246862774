"""The migration tab's ranked answer: the 24 ordered by the tab's indicator and year, largest first, and
"The 24 in figures" sorted the same way with numbers written for the page's language."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard.core import i18n, ranking
from dashboard.figures.breaks import BREAK_MARK, break_notes
from dashboard.figures.migration import INDICATORS
from dashboard.figures.remittances import share_footnote
from dashboard.page import credits, language
from dashboard.page.frame import Page
from dashboard.page.language import _

# How each column of "The 24 in figures" is written: people as whole numbers, US$ in millions, % with one decimal.
PEOPLE, MILLIONS, PERCENT = "people", "millions", "percent"


def show(page: Page, key: str, year: int) -> None:
    """The ranked bars for the indicator and year chosen above the map (the chosen signatory in black)."""
    lang = language.current()
    indicator = INDICATORS[key]
    st.markdown("### " + _("Who has the most? The 24 ranked"), unsafe_allow_html=False)
    st.markdown(_("Ranked by the indicator and year chosen [above the map](#migration): **{label}, {year}**, "
                  "largest first.").format(label=_(indicator.label), year=year))
    country = st.session_state.get("country") or ""
    options = {"indicator": (key,), "year": (str(year),), "country": (country,), "lang": (lang,)}
    caption = credits.draw(page, "ranking", options=options, key="ranking_bars",
                           alt=_("Bar chart: the 24 ranked by {label}, {year}, largest first; each bar is labelled "
                                 "with its figure.").format(label=_(indicator.label), year=year))
    st.caption(no_maths(caption))


def no_maths(text: str) -> str:
    """`text` for Streamlit's Markdown with every `$` shown as typed: "de US$; ... US$ (2004)" would
    otherwise open and close a LaTeX formula (Spanish writes amounts as "2,46 mil millones de US$")."""
    return text.replace("$", "\\$")


def totals_note(page: Page) -> str:
    """What the 24's totals hold of figures inside a series break (for the sentences that state them)."""
    lang = language.current()
    years = tuple(sorted(page.tables.migration_summary["remittances"]))
    return no_maths(share_footnote(page.tables.remittances, page.tables.series_breaks,
                                   tuple(page.tables.signatories["iso3"]), years, page.tables.names_in(lang), lang))


def sort_column(key: str, year: int) -> str:
    """The column of the 24's table that holds the indicator in `year` (emigrants_2020, remittances_usd_2023)."""
    return f"{INDICATORS[key].column}_{year}"


def kind_of(column: str) -> str:
    if column.startswith("remittances_usd"):
        return MILLIONS
    return PERCENT if "pct" in column else PEOPLE


def styled(table: pd.DataFrame, kinds: dict[str, str], marks: dict[tuple[int, str], str], lang: str) -> Styler:
    """`table` with its numbers written for `lang` (1,599,647 / 1.599.647 / 1 599 647) while the cells
    keep their values, so a click on a header still sorts by number; `marks` adds a sign after a
    cell's number (row position, column); a missing figure reads "no data"."""
    gap = i18n.translator(lang)("no data")

    def writer(kind: str, mark: str = ""):
        digits = 1 if kind == PERCENT else 0

        def write(value: float) -> str:
            if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
                return gap
            return i18n.format_number(float(value), lang, digits) + (f" {mark}" if mark else "")
        return write

    styler = table.style
    for column, kind in kinds.items():
        if column in table.columns:
            styler = styler.format(writer(kind), subset=[column])
    for (row, column), mark in marks.items():
        styler = styler.format(writer(kinds[column], mark), subset=pd.IndexSlice[[table.index[row]], [column]])
    return styler


def break_marks(frame: pd.DataFrame, columns: list[str], breaks: pd.DataFrame) -> dict[tuple[int, str], str]:
    """(row position, column) -> BREAK_MARK for each figure of the table inside a series break."""
    marks = {}
    for column in columns:
        stem, _sep, year = column.rpartition("_")
        if not year.isdigit() or stem not in ("remittances_usd", "remittances_pct_gdp", "emigrants", "immigrants",
                                               "emigrants_pct_population"):
            continue
        for row, iso3 in enumerate(frame["iso3"]):
            if ranking.break_at(breaks, iso3, stem, int(year)) is not None:
                marks[(row, column)] = BREAK_MARK
    return marks


def footnote(frame: pd.DataFrame, marks: dict[tuple[int, str], str], breaks: pd.DataFrame, lang: str) -> str:
    """'† ' and the sentence of each break the table marks; empty when it marks none."""
    rows = []
    for row, column in marks:
        stem, _sep, year = column.rpartition("_")
        found = ranking.break_at(breaks, frame["iso3"].iloc[row], stem, int(year))
        if found is not None:
            rows.append(found)
    if not rows:
        return ""
    names = dict(zip(frame["iso3"], frame["name"]))
    return BREAK_MARK + " " + break_notes(pd.DataFrame(rows), names, lang)
