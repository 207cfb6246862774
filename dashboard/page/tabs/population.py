"""The "Population" tab: the 24's share of the population of Gapminder's countries in 2007, population
against income, and the table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.config import N_
from dashboard.core import i18n, sources
from dashboard.core.package import Table
from dashboard.page import credits, language
from dashboard.page.frame import Page
from dashboard.page.language import _

HEADERS = {"country": N_("Country"), "pop": N_("Population, 2007"),
           "gdpPercap": N_("GDP per capita, 2007 (US$, inflation-adjusted)"),
           "lifeExp": N_("Life expectancy at birth, 2007 (years)")}


def show(page: Page) -> None:
    """The population tab, top to bottom."""
    lang = language.current()
    table, info = page.tables.population
    st.header(_("Population and income"), anchor="population")
    share = i18n.format_number(round(100 * info["share"], 1), lang, 1) + (" %" if lang == "fr" else "%")
    st.markdown(_("In Gapminder's table for {year}, the {found} signatories found there hold **{share}** of the "
                  "population of its {countries} countries ({part} of {whole}).").format(
        year=info["year"], found=info["signatories_found"], share=share, countries=info["countries_in_table"],
        part=i18n.format_compact(info["signatories_pop"], lang, 2),
        whole=i18n.format_compact(info["world_pop"], lang, 2)))
    if info["missing"]:
        st.warning(_("Not in Gapminder's table: {names}").format(names=", ".join(
            i18n.country_name(iso3, lang) if lang != "en" else name for iso3, name in info["missing"])))
    left, right = st.columns([2, 3])
    credits.draw(page, "population-share", where=left, theme=None)
    caption = credits.draw(page, "population", where=right, theme=None)
    shown = pd.DataFrame({
        _(HEADERS["country"]): [i18n.country_name(c, lang) if lang != "en" else n
                                for c, n in zip(table["iso3"], table["name"])],
        _(HEADERS["pop"]): [i18n.format_compact(v, lang) for v in table["pop"]],
        _(HEADERS["gdpPercap"]): [i18n.format_number(v, lang, 0) for v in table["gdpPercap"]],
        _(HEADERS["lifeExp"]): [i18n.format_number(v, lang, 1) for v in table["lifeExp"]],
    })
    st.dataframe(shown, hide_index=True, key="population_table")
    st.caption(caption + " " + _("The figures are for 2007, the year after the Declaration; the table covers "
                                 "{countries} countries, not the whole world.").format(
        countries=info["countries_in_table"]))


def package_tables(page: Page) -> list[Table]:
    return [Table("population_2007", "Population and GDP per capita of the 24, 2007", page.tables.population[0],
                  (), (sources.SOURCES["gapminder"].long,))]
