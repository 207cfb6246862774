"""The "Migration & remittances" tab: headline, indicator map, corridors, remittances, table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.figures import charts, formats
from dashboard.figures.migration_charts import INDICATORS, STOCK_SOURCE, TODAY_NOTE, WDI_SOURCE, indicator_year
from dashboard.page import store, urlstate
from dashboard.page.store import Bundle

DIRECTIONS = {"destinations": "Where its emigrants live", "origins": "Where its immigrants come from"}
DEFAULT_INDICATOR = "emigrants"
SOURCES = (f"Sources: {STOCK_SOURCE}; {WDI_SOURCE}; both via the data package of IOM's Global Data "
           "Institute (gdidata 0.3.21).")


def chosen_year(view_year: str, key: str) -> tuple[int, str]:
    """The year to show for an indicator, and a message when the URL's year does not apply to it."""
    indicator = INDICATORS[key]
    asked = int(view_year) if view_year.isdigit() else None
    year = indicator_year(indicator, asked)
    if asked is not None and asked != year:
        return year, (f"{asked} is not available for “{indicator.label}”: showing {year}. "
                      f"Years offered: {', '.join(map(str, indicator.years))}.")
    return year, ""


def year_control(key: str, year: int) -> None:
    """The year switch for the chosen indicator (2005, the last estimate before Lima, and the latest)."""
    options = [str(y) for y in INDICATORS[key].years]
    st.session_state["mig_year"] = str(year)
    st.segmented_control("Year", options, key="mig_year", required=True,
                         on_change=urlstate.write_from_widgets,
                         help="2005: the last estimate before Lima. The latest year the source has.")


def headline(bundle: Bundle) -> None:
    """Sentences computed from the data: the 24's share of the world's emigrants and remittances."""
    summary = store.migration_summary(bundle.root)
    then, now = summary["stock"][2005], summary["stock"][2020]
    (y0, r0), (y1, r1) = sorted(summary["remittances"].items())
    st.markdown(
        f"In 2005, the year before Lima, the 24 were the origin of **{formats.people(then['emigrants'])} "
        f"international migrants**, {formats.percent(then['emigrants_share_of_all_migrants_pct'])} of the "
        f"world's {formats.people(then['world_migrants'])}; in 2020, of {formats.people(now['emigrants'])}, "
        f"{formats.percent(now['emigrants_share_of_all_migrants_pct'])} of {formats.people(now['world_migrants'])}. "
        f"They hosted {formats.people(then['immigrants'])} immigrants in 2005 and "
        f"{formats.people(now['immigrants'])} in 2020. They received **{formats.usd(r0['remittances_usd'])} in "
        f"remittances in {y0}**, {formats.percent(r0['share_pct'])} of what all reporting countries received, "
        f"and {formats.usd(r1['remittances_usd'])} in {y1} ({formats.percent(r1['share_pct'])}).")
    st.caption(f"{TODAY_NOTE} World remittances here are the sum over the countries that report them. "
               "Emigrants are counted where their country of origin is reported.")


def migration(bundle: Bundle, view_year: str) -> None:
    st.subheader("Migration & remittances: the Declaration's own subject")
    headline(bundle)
    key = st.session_state.get("mig_indicator") or DEFAULT_INDICATOR
    key = key if key in INDICATORS else DEFAULT_INDICATOR
    year, message = chosen_year(view_year, key)
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    left.selectbox("Indicator", list(INDICATORS), key="mig_indicator", format_func=lambda k: INDICATORS[k].label,
                   on_change=urlstate.write_from_widgets)
    with right:
        year_control(key, year)
    if message:
        st.info(message)
    shown = tuple(bundle.signatories["iso3"])
    st.plotly_chart(store.migration_map(bundle.root, shown, key, year), key="migration_map", config=charts.NO_MODEBAR)
    st.caption(store.migration_mode(bundle.root, key, year).note)
    corridors(bundle)
    remittances(bundle)
    table(bundle)


def _country() -> str:
    return st.session_state.get("country") or ""


def corridors(bundle: Bundle) -> None:
    st.markdown("#### Corridors: where a signatory's people live, and who lives in it")
    sig = bundle.signatories
    names = dict(zip(sig["iso3"], sig["name"]))
    summary_year = 2020
    chosen = _country()
    if chosen not in names:
        stock = store.load_migration(bundle.root).stock
        ours = stock[(stock["year"] == summary_year) & stock["iso3"].isin(names)]
        chosen = str(ours.sort_values("emigrants", ascending=False)["iso3"].iloc[0])
        st.caption(f"Showing {names[chosen]}, the largest country of origin among the 24 in {summary_year}; "
                   "pick another, or open a country's profile on the map.")
    left, right = st.columns([1, 1], vertical_alignment="bottom")
    left.selectbox("Signatory", sorted(names, key=names.get), index=sorted(names, key=names.get).index(chosen),
                   format_func=names.get, key="mig_country", on_change=_pick_country)
    direction = st.session_state.get("mig_direction") or "destinations"
    right.segmented_control("Direction", list(DIRECTIONS), format_func=DIRECTIONS.get, key="mig_direction",
                            required=True, on_change=urlstate.write_from_widgets)
    figures = store.corridor_figures(bundle.root, chosen, direction, summary_year, 2005)
    st.plotly_chart(figures["flow"], key="flow_map", config=charts.NO_MODEBAR)
    top = figures["top"]
    lead = (f"In {summary_year}, the largest group of {names[chosen]}'s emigrants lived in {top['partner'].iloc[0]} "
            f"({formats.people(float(top['migrants'].iloc[0]))}, {formats.percent(float(top['share'].iloc[0]), 0)} "
            "of them)." if direction == "destinations" and len(top) else
            f"In {summary_year}, the largest group of immigrants in {names[chosen]} came from "
            f"{top['partner'].iloc[0]} ({formats.people(float(top['migrants'].iloc[0]))})." if len(top) else "")
    st.caption(f"{lead} Lines: the ten largest; shading: every partner country. Source: {STOCK_SOURCE}.")
    st.plotly_chart(figures["bars"], key="partner_bars", config=charts.NO_MODEBAR)


def _pick_country() -> None:
    st.session_state["country"] = st.session_state.get("mig_country") or ""
    urlstate.write_from_widgets()


def remittances(bundle: Bundle) -> None:
    st.markdown("#### Remittances: the Declaration's one concrete call")
    st.markdown("The ministers asked countries of destination to do more for the development potential of "
                "remittances, and for cheaper, faster and safer transfers.")
    st.plotly_chart(store.remittance_figure(bundle.root, _country()), key="remittance_lines",
                    config=charts.NO_MODEBAR)
    st.caption(f"Each line is one signatory (the chosen one in black), coloured by UN M49 region. "
               f"Source: {WDI_SOURCE}. {TODAY_NOTE}")


def table(bundle: Bundle) -> None:
    st.markdown("#### The 24 in figures")
    frame = store.migration_table(bundle.root)
    shown = pd.DataFrame({
        "Country": frame["name"], "Region": frame["region"],
        "Emigrants 2005": frame["emigrants_2005"], "Emigrants 2020": frame["emigrants_2020"],
        "Emigrants, % of population 2020": frame["emigrants_pct_population_2020"].astype("float64").round(1),
        "Immigrants 2005": frame["immigrants_2005"], "Immigrants 2020": frame["immigrants_2020"],
        "Top destinations 2020": frame["top_destinations_2020"],
        "Remittances 2005 (US$ million)": (frame["remittances_usd_2005"] / 1e6).round(0),
        "Remittances 2023 (US$ million)": (frame["remittances_usd_2023"] / 1e6).round(0),
        "Remittances 2023, % of GDP": frame["remittances_pct_gdp_2023"].round(1),
    })
    st.dataframe(shown, hide_index=True, key="migration_table")
    st.download_button("Download the 24's migration figures (CSV)", frame.to_csv(index=False),
                       file_name="lima_declaration_migration_2005_2020.csv", mime="text/csv", on_click="ignore")
    st.caption(f"Sorted as in the press release. {SOURCES} Emigrants in 2024 are not shown: the 2024 "
               "revision does not attribute most migrants in large destinations to an origin.")


def profile_figures(bundle: Bundle, iso3: str) -> None:
    """The profile's migration lines: emigrants, immigrants, top destinations, remittances."""
    frame = store.migration_table(bundle.root)
    row = frame[frame["iso3"] == iso3]
    if row.empty:
        return
    r = row.iloc[0]
    st.markdown(
        f"**Emigrants abroad:** {formats.people(_num(r['emigrants_2005']))} (2005) → "
        f"{formats.people(_num(r['emigrants_2020']))} (2020) · **Immigrants:** "
        f"{formats.people(_num(r['immigrants_2005']))} (2005) → {formats.people(_num(r['immigrants_2020']))} (2020)  \n"
        f"**Top destinations, 2020:** {r['top_destinations_2020'] or 'no data'}  \n"
        f"**Remittances received:** {formats.usd(_num(r['remittances_usd_2005']))} in 2005 "
        f"({formats.percent(_num(r['remittances_pct_gdp_2005']))} of GDP) → "
        f"{formats.usd(_num(r['remittances_usd_2023']))} in 2023 "
        f"({formats.percent(_num(r['remittances_pct_gdp_2023']))} of GDP)")
    st.caption(f"Migration: {STOCK_SOURCE}. Remittances: {WDI_SOURCE}; today's estimates. "
               f"[More in the migration tab](?view=migration&country={iso3})")


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
