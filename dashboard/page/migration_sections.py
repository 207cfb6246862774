"""The "Migration & remittances" tab: headline, indicator map, corridors, remittances, table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.config import N_
from dashboard.core import i18n
from dashboard.figures import formats
from dashboard.figures.migration_charts import INDICATORS, STOCK_SOURCE, TODAY_NOTE, WDI_SOURCE, indicator_year
from dashboard.page import credits, device, language, store, urlstate
from dashboard.page.language import _
from dashboard.page.store import Bundle

DIRECTIONS = {"destinations": N_("Where its emigrants live"), "origins": N_("Where its immigrants come from")}
DEFAULT_INDICATOR = "emigrants"
CORRIDOR_YEARS = (2005, 2020)  # the last estimate before Lima, the latest of the 2020 revision


def sources_line() -> str:
    return _("Sources: {stock}; {wdi}; both via the data package of IOM's Global Data Institute "
             "(gdidata 0.3.21).").format(stock=_(STOCK_SOURCE), wdi=_(WDI_SOURCE))


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
    st.segmented_control(_("Year"), options, key="mig_year", required=True,
                         on_change=urlstate.write_from_widgets,
                         help=_("2005: the last estimate before Lima. The latest year the source has."))


def headline(bundle: Bundle) -> None:
    """Sentences computed from the data: the 24's share of the world's emigrants and remittances."""
    lang = language.current()
    summary = store.migration_summary(bundle.root)
    then, now = summary["stock"][CORRIDOR_YEARS[0]], summary["stock"][CORRIDOR_YEARS[1]]
    (y0, r0), (y1, r1) = sorted(summary["remittances"].items())
    people, pct, usd = (lambda v: formats.people(v, lang)), (lambda v: formats.percent(v, lang)), \
        (lambda v: formats.usd(v, lang))
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
                                       "them. Emigrants are counted where their country of origin is reported."))


def credit(source: str) -> str:
    """The credit line's source for a migration chart, in the page's language."""
    return _(credits.MIGRATION).format(source=_(source))


def indicator_heading(key: str, year: int) -> tuple[str, str]:
    """(title, source) of an indicator's world map, on this tab and as a colouring of the map tab."""
    indicator = INDICATORS[key]
    return f"{_(indicator.label)}, {year}", credit(indicator.source)


def migration(bundle: Bundle, view_year: str) -> None:
    lang = language.current()
    st.header(_("Migration & remittances: the Declaration's own subject"), anchor="migration")
    headline(bundle)
    key = st.session_state.get("mig_indicator") or DEFAULT_INDICATOR
    key = key if key in INDICATORS else DEFAULT_INDICATOR
    year, message = chosen_year(view_year, key)
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    now = language.bound()  # a format_func may run after the run (AppTest): its language is fixed here
    left.selectbox(_("Indicator"), list(INDICATORS), key="mig_indicator",
                   format_func=lambda k: now(INDICATORS[k].label), on_change=urlstate.write_from_widgets)
    with right:
        year_control(key, year)
    if message:
        st.info(message)
    shown = tuple(bundle.signatories["iso3"])
    title, source = indicator_heading(key, year)
    credits.plot(device.fit_map(store.migration_map(bundle.root, shown, key, year, lang)), source, title=title,
                 key="migration_map",
                 alt=_("World map: {label}, {year}, every country shaded; the table below gives the 24's "
                       "figures.").format(label=_(INDICATORS[key].label), year=year))
    st.caption(store.migration_mode(bundle.root, key, year, lang).note)
    corridors(bundle)
    remittances(bundle)
    table(bundle)
    # After the tab is on the screen: every indicator and year's map, and every signatory's
    # corridors in the chosen direction, once per language, so that a reader's next change of
    # indicator, year or country is a cache hit.
    store.prepare_migration_maps(bundle.root, shown, lang)
    store.prepare_corridors(bundle.root, st.session_state.get("mig_direction") or "destinations",
                            *reversed(CORRIDOR_YEARS), lang)


def _country() -> str:
    return st.session_state.get("country") or ""


def corridors(bundle: Bundle) -> None:
    lang = language.current()
    st.markdown("### " + _("Corridors: where a signatory's people live, and who lives in it"))
    sig = bundle.signatories
    names = {c: i18n.country_name(c, lang) for c in sig["iso3"]}
    then, year = CORRIDOR_YEARS
    chosen = _country()
    if chosen not in names:
        stock = store.load_migration(bundle.root).stock
        ours = stock[(stock["year"] == year) & stock["iso3"].isin(names)]
        chosen = str(ours.sort_values("emigrants", ascending=False)["iso3"].iloc[0])
        st.caption(_("Showing {country}, the largest country of origin among the 24 in {year}; pick another, "
                     "or open a country's profile on the map.").format(country=names[chosen], year=year))
    ordered = sorted(names, key=names.get)
    left, right = st.columns([1, 1], vertical_alignment="bottom")
    left.selectbox(_("Signatory"), ordered, index=ordered.index(chosen), format_func=names.get, key="mig_country",
                   on_change=_pick_country)
    direction = st.session_state.get("mig_direction") or "destinations"
    now = language.bound()
    right.radio(_("Direction"), list(DIRECTIONS), format_func=lambda d: now(DIRECTIONS[d]), horizontal=True,
                key="mig_direction", on_change=urlstate.write_from_widgets)
    figures = store.corridor_figures(bundle.root, chosen, direction, year, then, lang)
    stock_source = credit(STOCK_SOURCE)
    flow_title = (_("Where emigrants from {country} live, 2020") if direction == "destinations"
                  else _("Where immigrants in {country} come from, 2020")).format(country=names[chosen])
    credits.plot(device.fit_map(figures["flow"]), stock_source, title=flow_title, key="flow_map",
                 alt=_("Flow map of the corridors of {country}, {year}; the bar chart below lists the ten "
                       "largest.").format(country=names[chosen], year=year))
    top = figures["top"]
    lead = ""
    if len(top):
        first, size = top["partner"].iloc[0], formats.people(float(top["migrants"].iloc[0]), lang)
        share = formats.percent(float(top["share"].iloc[0]), lang, 0)
        lead = (_("In {year}, the largest group of emigrants from {country} lived in {partner} ({n}, {share} of "
                  "them).") if direction == "destinations" else
                _("In {year}, the largest group of immigrants in {country} came from {partner} ({n}, {share} of "
                  "them).")).format(year=year, country=names[chosen], partner=first, n=size, share=share)
    st.caption(lead + " " + _("Lines: the ten largest groups; shading: every partner country. Source: {source}.")
               .format(source=_(STOCK_SOURCE)))
    credits.plot(figures["bars"], stock_source, key="partner_bars",
                 alt=_("Bar chart: the ten largest corridors of {country}, 2005 and {year}.").format(
                     country=names[chosen], year=year))


def _pick_country() -> None:
    st.session_state["country"] = st.session_state.get("mig_country") or ""
    urlstate.write_from_widgets()


def remittances(bundle: Bundle) -> None:
    st.markdown("### " + _("Remittances: the Declaration's one concrete call"))
    st.markdown(_("The ministers asked countries of destination to do more for the development potential of "
                  "remittances, and for cheaper, faster and safer transfers."))
    credits.plot(store.remittance_figure(bundle.root, _country(), language.current()),
                 credit(WDI_SOURCE), key="remittance_lines",
                 alt=_("Line chart: remittances received by each of the 24, 1990-2023."))
    st.caption(_("Each line is one signatory (the chosen one in black), coloured by UN M49 region. "
                 "Source: {source}.").format(source=_(WDI_SOURCE)) + " " + _(TODAY_NOTE))
    credits.plot(store.share_figure(bundle.root, language.current()),
                 credit(N_("UN DESA; World Bank")), key="share_change",
                 alt=_("Bar chart: the 24's share of the world's migrants and remittances, 2005 and the latest "
                       "year."))
    st.caption(_("Shares of the world total: migrants whose country of birth is one of the 24, over all "
                 "international migrants (UN DESA); remittances, over the sum of all reporting countries "
                 "(World Bank)."))


# Table headers on the page; the CSV keeps the data layer's machine-readable names.
COLUMNS = {
    "name": N_("Country"), "region": N_("Region"), "emigrants_2005": N_("Emigrants 2005"),
    "emigrants_2020": N_("Emigrants 2020"), "emigrants_pct_population_2020": N_("Emigrants, % of population 2020"),
    "immigrants_2005": N_("Immigrants 2005"), "immigrants_2020": N_("Immigrants 2020"),
    "top_destinations_2020": N_("Top destinations 2020"),
    "remittances_usd_2005": N_("Remittances 2005 (US$ million)"),
    "remittances_usd_2023": N_("Remittances 2023 (US$ million)"),
    "remittances_pct_gdp_2023": N_("Remittances 2023, % of GDP"),
}


def table(bundle: Bundle) -> None:
    lang = language.current()
    st.markdown("### " + _("The 24 in figures"))
    frame = store.migration_table(bundle.root, lang)
    shown = frame[list(COLUMNS)].copy()
    shown["region"] = [i18n.region_name_for(r, lang) for r in shown["region"]]
    shown["emigrants_pct_population_2020"] = shown["emigrants_pct_population_2020"].astype("float64").round(1)
    for col in ("remittances_usd_2005", "remittances_usd_2023"):
        shown[col] = (shown[col] / 1e6).round(0)
    shown["remittances_pct_gdp_2023"] = shown["remittances_pct_gdp_2023"].round(1)
    st.dataframe(shown.rename(columns={k: _(v) for k, v in COLUMNS.items()}), hide_index=True,
                 key="migration_table")
    st.download_button(_("Download the 24's migration figures (CSV)"), store.migration_csv(bundle.root, lang),
                       file_name="lima_declaration_migration_2005_2020.csv", mime="text/csv", on_click="ignore")
    st.caption(_("In the order of the press release; click a column header to sort.") + " " + sources_line() + " "
               + _("Emigrants in 2024 are not shown: the 2024 revision does not attribute most migrants in large "
                   "destinations to an origin."))


def profile_figures(bundle: Bundle, iso3: str) -> None:
    """The profile's migration lines: emigrants, immigrants, top destinations, remittances."""
    lang = language.current()
    frame = store.migration_table(bundle.root, lang)
    row = frame[frame["iso3"] == iso3]
    if row.empty:
        return
    r = row.iloc[0]
    people, usd, pct = (lambda c: formats.people(_num(r[c]), lang)), (lambda c: formats.usd(_num(r[c]), lang)), \
        (lambda c: formats.percent(_num(r[c]), lang))
    st.markdown(_(
        "**Emigrants abroad:** {emi0} (2005) → {emi1} (2020) · **Immigrants:** {imm0} (2005) → {imm1} (2020)  \n"
        "**Top destinations, 2020:** {top}  \n"
        "**Remittances received:** {rem0} in 2005 ({gdp0} of GDP) → {rem1} in 2023 ({gdp1} of GDP)").format(
        emi0=people("emigrants_2005"), emi1=people("emigrants_2020"), imm0=people("immigrants_2005"),
        imm1=people("immigrants_2020"), top=r["top_destinations_2020"] or formats.no_data(lang),
        rem0=usd("remittances_usd_2005"), gdp0=pct("remittances_pct_gdp_2005"), rem1=usd("remittances_usd_2023"),
        gdp1=pct("remittances_pct_gdp_2023")))
    st.caption(_("Migration: {stock}. Remittances: {wdi}; today's estimates.").format(
        stock=_(STOCK_SOURCE), wdi=_(WDI_SOURCE)))


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
