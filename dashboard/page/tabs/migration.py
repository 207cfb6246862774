"""The "Migration & remittances" tab: headline, indicator map, corridors, remittances, the 24's table."""

from __future__ import annotations

import streamlit as st

from dashboard.config import N_
from dashboard.core import collation, i18n, migration, package, sources
from dashboard.core.package import Table
from dashboard.figures import formats
from dashboard.figures.migration import (
    CORRIDOR_YEARS,
    DIRECTIONS,
    INDICATORS,
    STOCK_SOURCE,
    TODAY_NOTE,
    WDI_SOURCE,
    indicator_year,
)
from dashboard.figures.ranking import ranked_indicator
from dashboard.page import costs, credits, language, ranking, store, urlstate
from dashboard.page.frame import Page
from dashboard.page.language import _

DIRECTION_WORDS = {"destinations": N_("Where its emigrants live"), "origins": N_("Where its immigrants come from")}
DEFAULT_INDICATOR = "emigrants"
FILES = ("data/migrant_stock.csv", "data/corridors.csv", "data/remittances.csv")
# Table headers on the page, in their order (the remittances early, so that a desktop sees them without
# scrolling sideways; the long list of destinations last); the CSV keeps the data layer's names.
COLUMNS = {
    "name": N_("Country"), "emigrants_2005": N_("Emigrants 2005"), "emigrants_2020": N_("Emigrants 2020"),
    "immigrants_2005": N_("Immigrants 2005"), "immigrants_2020": N_("Immigrants 2020"),
    "remittances_usd_2005": N_("Remittances 2005 (US$ million)"),
    "remittances_usd_2023": N_("Remittances 2023 (US$ million)"),
    "remittances_pct_gdp_2023": N_("Remittances 2023, % of GDP"),
    "emigrants_pct_population_2020": N_("Emigrants, % of population 2020"),
    "region": N_("Region"), "top_destinations_2020": N_("Top destinations 2020"),
}
# Columns shown only when the table is sorted by them (the indicator and year chosen above the map).
EXTRA_COLUMNS = {
    "immigrants_2024": N_("Immigrants 2024"), "emigrants_pct_population_2005": N_("Emigrants, % of population 2005"),
    "remittances_pct_gdp_2005": N_("Remittances 2005, % of GDP"),
}


def chosen_year(view_year: str, key: str) -> tuple[int, str]:
    """The year to show for an indicator, and a message when the URL's year does not apply to it."""
    indicator = INDICATORS[key]
    asked = int(view_year) if view_year.isdigit() else None
    year = indicator_year(indicator, asked)
    if asked is not None and asked != year:
        return year, _("{asked} is not available for “{label}”: showing {year}. Years offered: {years}.").format(
            asked=asked, label=_(indicator.label), year=year, years=", ".join(map(str, indicator.years)))
    return year, ""


def year_control(key: str, year: int) -> None:
    """The year switch for the chosen indicator (2005, the last estimate before Lima, and the latest)."""
    options = [str(y) for y in INDICATORS[key].years]
    st.session_state["mig_year"] = str(year)
    note = INDICATORS[key].years_note
    st.segmented_control(_("Year"), options, key="mig_year", required=True,
                         on_change=urlstate.write_from_widgets,
                         help=_(note) if note else _("2005: the last estimate before Lima. The latest year the source "
                                                     "has."))


def headline(page: Page) -> None:
    """Sentences computed from the data: the 24's share of the world's emigrants and remittances."""
    lang = language.current()
    summary = page.tables.migration_summary
    then, now = summary["stock"][CORRIDOR_YEARS[0]], summary["stock"][CORRIDOR_YEARS[1]]
    (y0, r0), (y1, r1) = sorted(summary["remittances"].items())

    def people(v: float) -> str:
        return formats.people(v, lang)

    def pct(v: float) -> str:
        return formats.percent(v, lang)

    def usd(v: float) -> str:
        return formats.usd(v, lang)

    st.markdown(_(
        "In 2005, the year before Lima, the 24 were the origin of **{emi0} international migrants**, "
        "{share0} of the world's {world0}; in 2020, of {emi1}, {share1} of {world1}. They hosted {imm0} "
        "immigrants in 2005 and {imm1} in 2020. They received **{rem0} in remittances in {y0}**, {rshare0} "
        "of what all reporting countries received, and {rem1} in {y1} ({rshare1}).").format(
        emi0=people(then["emigrants"]), share0=pct(then["emigrants_share_of_all_migrants_pct"]),
        world0=people(then["world_migrants"]), emi1=people(now["emigrants"]),
        share1=pct(now["emigrants_share_of_all_migrants_pct"]), world1=people(now["world_migrants"]),
        imm0=people(then["immigrants"]), imm1=people(now["immigrants"]), rem0=usd(r0["remittances_usd"]),
        y0=y0, rshare0=pct(r0["share_pct"]), rem1=usd(r1["remittances_usd"]), y1=y1,
        rshare1=pct(r1["share_pct"])))
    st.caption(_(TODAY_NOTE) + " " + _("World remittances here are the sum over the countries that report "
                                       "them. Emigrants are counted where their country of origin is reported.")
               + " " + ranking.totals_note(page))


def show(page: Page) -> None:
    """The migration tab, top to bottom; then every map and corridor a reader may ask for next is built."""
    lang = language.current()
    st.header(_("Migration & remittances: the Declaration's own subject"), anchor="migration")
    headline(page)
    key = st.session_state.get("mig_indicator") or DEFAULT_INDICATOR
    key = key if key in INDICATORS else DEFAULT_INDICATOR
    year, message = chosen_year(page.view.one("year"), key)
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    now = language.bound()  # a format_func may run after the run (AppTest): its language is fixed here
    left.selectbox(_("Indicator"), list(INDICATORS), key="mig_indicator",
                   format_func=lambda k: now(INDICATORS[k].label), on_change=urlstate.write_from_widgets)
    with right:
        year_control(key, year)
    if message:
        st.info(message)
    caption = credits.draw(page, "migration", options=_map_options(key, year, lang), fit=True, key="migration_map",
                           alt=_("World map: {label}, {year}, every country shaded; the table below gives the 24's "
                                 "figures.").format(label=_(INDICATORS[key].label), year=year))
    st.caption(ranking.no_maths(caption))  # "de US$ (2004)": no LaTeX formula
    ranked = ranked_indicator(key, year)  # the cost of sending money is ranked in its own section
    ranking.show(page, *ranked)
    corridors(page)
    remittances(page)
    costs.show(page)
    table(page, *ranked)
    # After the tab is on the screen: every indicator and year's map, and every signatory's
    # corridors in the chosen direction, once per language, so that a reader's next change of
    # indicator, year or country is a cache hit.
    store.prepared(page.root, "migration", tuple(store.options(_map_options(k, y, lang))
                                                 for k, i in INDICATORS.items() for y in i.years))
    direction = _direction()
    for name in ("corridors", "corridor-bars"):
        store.prepared(page.root, name, tuple(store.options(_corridor_options(c, direction, lang))
                                              for c in page.tables.signatories["iso3"]))
    store.prepared(page.root, "remittances", tuple(store.options({"country": (c,), "lang": (lang,)})
                                                   for c in ("", *page.tables.signatories["iso3"])))


def _map_options(key: str, year: int, lang: str) -> dict[str, tuple[str, ...]]:
    return {"indicator": (key,), "year": (str(year),), "lang": (lang,)}


def _corridor_options(iso3: str, direction: str, lang: str) -> dict[str, tuple[str, ...]]:
    return {"country": (iso3,), "direction": (direction,), "lang": (lang,)}


def _direction() -> str:
    direction = st.session_state.get("mig_direction") or DIRECTIONS[0]
    return direction if direction in DIRECTIONS else DIRECTIONS[0]


def corridors(page: Page) -> None:
    lang = language.current()
    st.markdown("### " + _("Corridors: where a signatory's people live, and who lives in it"))
    sig = page.tables.signatories
    names = {c: i18n.country_name(c, lang) for c in sig["iso3"]}
    then, year = CORRIDOR_YEARS
    chosen = st.session_state.get("country") or ""
    if chosen not in names:
        chosen = migration.largest_origin(page.tables.stock, list(names), year)
        st.caption(_("Showing {country}, the largest country of origin among the 24 in {year}; pick another, "
                     "or open a country's profile on the map.").format(country=names[chosen], year=year))
    ordered = sorted(names, key=lambda c: collation.collation_key(names[c], lang))
    left, right = st.columns([1, 1], vertical_alignment="bottom")
    left.selectbox(_("Signatory"), ordered, index=ordered.index(chosen), format_func=lambda c: names[c],
                   key="mig_country", on_change=_pick_country)
    now = language.bound()
    right.radio(_("Direction"), list(DIRECTIONS), format_func=lambda d: now(DIRECTION_WORDS[d]), horizontal=True,
                key="mig_direction", on_change=urlstate.write_from_widgets)
    direction = _direction()
    options = _corridor_options(chosen, direction, lang)
    credits.draw(page, "corridors", options=options, fit=True, key="flow_map",
                 alt=_("Flow map of the corridors of {country}, {year}; the bar chart below lists the ten "
                       "largest.").format(country=names[chosen], year=year))
    top = store.top_partners(page.root, chosen, direction, year, lang)
    lead = ""
    if len(top):
        first, size = top["partner"].iloc[0], formats.people(float(top["migrants"].iloc[0]), lang)
        share = formats.percent(float(top["share"].iloc[0]), lang, 0)
        lead = (_("In {year}, the largest group of emigrants from {country} lived in {partner} ({n}, {share} of "
                  "them).") if direction == "destinations" else
                _("In {year}, the largest group of immigrants in {country} came from {partner} ({n}, {share} of "
                  "them).")).format(year=year, country=names[chosen], partner=first, n=size, share=share)
    st.caption(lead + " " + _("Lines: the ten largest groups; shading: every partner country.") + " "
               + sources.caption((STOCK_SOURCE,), lang))
    credits.draw(page, "corridor-bars", options=options, key="partner_bars",
                 alt=_("Bar chart: the ten largest corridors of {country}, 2005 and {year}.").format(
                     country=names[chosen], year=year))


def _pick_country() -> None:
    st.session_state["country"] = st.session_state.get("mig_country") or ""
    urlstate.write_from_widgets()


def remittances(page: Page) -> None:
    lang = language.current()
    st.markdown("### " + _("Remittances: the Declaration's one concrete call"))
    st.markdown(_("The ministers asked countries of destination to do more for the development potential of "
                  "remittances, and for cheaper, faster and safer transfers."))
    caption = credits.draw(page, "remittances", options={"country": (st.session_state.get("country") or "",),
                                                         "lang": (lang,)},
                           key="remittance_lines", alt=_("Line chart: remittances received by each of the 24, "
                                                         "1990-2023."))
    st.caption(_("Each line is one signatory (the chosen one in black), coloured by UN M49 region.") + " "
               + ranking.no_maths(caption))
    credits.draw(page, "migration-share", key="share_change",
                 alt=_("Bar chart: the 24's share of the world's migrants and remittances, 2005 and the latest "
                       "year."))
    st.caption(_("Shares of the world total: migrants whose country of birth is one of the 24, over all "
                 "international migrants (UN DESA); remittances, over the sum of all reporting countries "
                 "(World Bank)."))


def table(page: Page, key: str, year: int) -> None:
    """The 24's figures, sorted by the indicator and year chosen above the map, largest first."""
    lang = language.current()
    st.markdown("### " + _("The 24 in figures"))
    frame_ = page.tables.migration_table(lang)
    by = ranking.sort_column(key, year)
    columns = list(COLUMNS) if by in COLUMNS else ["name", by, *list(COLUMNS)[1:]]
    ordered = frame_.sort_values([by, "name"], ascending=[False, True], na_position="last", kind="stable")
    shown = ordered[columns].reset_index(drop=True)
    shown["region"] = [i18n.region_name_for(r, lang) for r in shown["region"]]
    for col in columns:
        if col.startswith("remittances_usd"):
            shown[col] = shown[col] / 1e6
    numbers = [c for c in columns if c not in ("name", "region", "top_destinations_2020")]
    marks = ranking.break_marks(ordered.reset_index(drop=True), numbers, page.tables.series_breaks)
    words = {**COLUMNS, **EXTRA_COLUMNS}
    label = {c: _(words[c]) for c in columns}
    styler = ranking.styled(shown.rename(columns=label), {label[c]: ranking.kind_of(c) for c in numbers},
                            {(row, label[c]): mark for (row, c), mark in marks.items()}, lang)
    st.dataframe(styler, hide_index=True, key="migration_table")
    st.download_button(_("Download the 24's migration figures (CSV)"), package.csv_bytes(frame_),
                       file_name="lima_declaration_migration_2005_2020.csv", mime="text/csv", on_click="ignore")
    note = ranking.footnote(ordered.reset_index(drop=True), marks, page.tables.series_breaks, lang)
    st.caption(ranking.no_maths(_(
        "Sorted by “{column}”, largest first: the indicator and year chosen above the map. Click a column header to "
        "sort by another (a second click reverses the order).").format(column=_(words[by]))
        + (f" {note}" if note else "") + " " + sources.caption((STOCK_SOURCE, WDI_SOURCE), lang) + " "
        + _("Emigrants in 2024 are not shown: the 2024 revision does not attribute most migrants in large destinations "
            "to an origin.")))


def package_tables(page: Page) -> list[Table]:
    return [Table("migration_2005_2020", "The 24's migrant stocks, top destinations and remittances, 2005 and "
                  "the latest year", page.tables.migration_table(), FILES), *costs.package_tables(page)]
