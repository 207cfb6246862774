"""Page sections for the context tabs: legal frameworks, regional processes, population, compare."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.config import VIEWS
from dashboard.core import compare, context
from dashboard.figures import charts, context_charts, context_modes, modes
from dashboard.figures.modes import ColorMode
from dashboard.page import store, urlstate
from dashboard.page.filters import escape_markdown
from dashboard.page.store import Bundle

WHEN = {"lima": "At Lima, 16 May 2006", "latest": "Latest in the notes"}
TREATY_SOURCE = ("Source: UN Treaty Collection (MTDSG chapters IV-13, XVIII-12, XVIII-12-a, XVIII-12-b) via "
                 "the project's research notes, data/treaties.csv; most dates come from a copy of the UNTC "
                 "lists made on 2015-03-14. “?” marks a row whose notes are not of high confidence or say the "
                 "later status was not verified.")
RCP_SOURCE = ("Source: IOM's pages on each regional consultative process and the processes' own sites, via "
              "the project's research notes, data/rcp.csv. A blank cell means no role is recorded in the "
              "notes, not a verified non-membership.")


def show_on_map(mode_key: str) -> None:
    """Button callback: colour the map by `mode_key` and open the map tab."""
    st.session_state["color_by"] = mode_key
    st.session_state["view"] = VIEWS["map"]
    urlstate.write_from_widgets()


def treaties(bundle: Bundle) -> None:
    ctx = store.load_context(bundle.root)
    figures = store.context_figures(bundle.root)
    st.subheader("Where the 24 stood on the treaties the Declaration names")
    st.markdown("The Declaration asks countries to respect existing legal frameworks: the Migrant Workers "
                "Convention (ICRMW), the UN Convention against Transnational Organized Crime (UNTOC) and its "
                "protocols on trafficking in persons and on the smuggling of migrants.")
    st.segmented_control("Status", list(WHEN), format_func=WHEN.get, key="treaty_when", required=True,
                         on_change=urlstate.write_from_widgets, persist_state="session")
    when = st.session_state.get("treaty_when") or "lima"
    st.plotly_chart(figures[f"treaties-{when}"], config=charts.NO_MODEBAR)
    st.plotly_chart(figures["treaty-counts"], config=charts.NO_MODEBAR)
    counts = ctx.counts
    latest_as_of = counts["as_of_latest_max"].max()
    st.markdown(" · ".join(
        f"**{r['label']}**: {r['party_lima']} parties at Lima, {r['party_latest']} in the latest notes"
        for r in counts.to_dict("records")) + f" (latest rows supported to {latest_as_of:%Y-%m-%d} at most; "
        "not a status today).")
    cols = st.columns(4)
    for col, (treaty, (label, _, _)) in zip(cols, context.TREATIES.items()):
        col.button(f"Map: {label}", key=f"map-{treaty}", on_click=show_on_map,
                   args=(context_modes.treaty_mode_key(treaty, when),), width="stretch")
    table = ctx.status[when][["country", "iso3", "treaty", "status", "dates_text", "as_of", "as_of_note",
                              "confidence", "uncertain", "uncertain_reason", "source_url"]].copy()
    table["as_of"] = table["as_of"].dt.strftime("%Y-%m-%d").fillna("undated")
    st.dataframe(table, hide_index=True, key="treaty_table")
    st.download_button(f"Download the treaty status table ({WHEN[when].lower()}, CSV)",
                       table.to_csv(index=False), file_name=f"lima_declaration_treaties_{when}.csv",
                       mime="text/csv", on_click="ignore")
    uncertain = int(ctx.status[when]["uncertain"].sum())
    st.caption(f"{TREATY_SOURCE} {uncertain} of {len(ctx.status[when])} rows are marked uncertain here.")


def processes(bundle: Bundle) -> None:
    ctx = store.load_context(bundle.root)
    figures = store.context_figures(bundle.root)
    st.subheader("Regional consultative processes on migration")
    st.markdown("The press release says McKinley stressed “the importance of regional consultative” "
                "processes (the text is cut off there). Which of them the 24 take part in:")
    st.plotly_chart(figures["rcp-matrix"], config=charts.NO_MODEBAR)
    st.plotly_chart(figures["rcp-counts"], config=charts.NO_MODEBAR)
    modes = store.color_modes(bundle.root)
    rcp_keys = [k for k in modes if k.startswith("rcp-")]
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    choice = left.selectbox("Colour the map by a process", rcp_keys, format_func=lambda k: modes[k].label,
                            key="rcp_pick")
    right.button("Show on the map", on_click=show_on_map, args=(choice,), key="rcp-to-map", width="stretch")
    table = ctx.memberships[["process", "process_full", "role", "founded_year", "country", "iso3",
                             "confidence", "source_url"]]
    st.dataframe(table, hide_index=True)
    st.download_button("Download the memberships (CSV)", table.to_csv(index=False),
                       file_name="lima_declaration_rcp_memberships.csv", mime="text/csv", on_click="ignore")
    forums = sorted(ctx.memberships.loc[ctx.memberships["source_url"].str.contains(
        context.INTER_REGIONAL_MARK, case=False), "process"].unique())
    st.caption(RCP_SOURCE + (f" IOM's pages class {' and '.join(forums)} as inter-regional forums." if forums
                             else ""))


def population(bundle: Bundle) -> None:
    ctx = store.load_context(bundle.root)
    figures = store.context_figures(bundle.root)
    info = ctx.population_info
    st.subheader("Population and income")
    st.markdown(f"In the Gapminder table for {info['year']} the {info['signatories_found']} signatories found "
                f"there hold **{info['share']:.1%}** of "
                f"the population of its {info['countries_in_table']} countries "
                f"({info['signatories_pop'] / 1e9:.2f} of {info['world_pop'] / 1e9:.2f} billion).")
    if info["missing"]:
        st.warning("Not in the Gapminder table: " + ", ".join(f"{name} ({iso3})" for iso3, name in info["missing"]))
    left, right = st.columns([1, 2])
    left.plotly_chart(figures["population-share"], config=charts.NO_MODEBAR)
    right.plotly_chart(figures["population-scatter"], config=charts.NO_MODEBAR)
    st.dataframe(ctx.population, hide_index=True)
    st.caption(f"Source: {context.SOURCE}. The figures are for 2007, the year after the Declaration; "
               f"the table covers {info['countries_in_table']} countries, not the whole world.")


def compare_list(bundle: Bundle) -> None:
    st.subheader("Compare a list with the 24")
    st.markdown("Paste country names, one per line (or one line separated by `;` or `,`), or upload a CSV "
                f"or text file (a `country` or `name` column, else the first one). At most "
                f"{compare.MAX_LINES:,} lines or {compare.MAX_BYTES // 1_000_000} MB.")
    with st.form("compare_form"):
        text = st.text_area("Country names", key="compare_text", height=160,
                            placeholder="Korea, Rep.\nViet Nam\nCôte d’Ivoire\n...")
        upload = st.file_uploader("…or a CSV / text file", type=list(compare.UPLOAD_TYPES), key="compare_file")
        submitted = st.form_submit_button("Compare")
    if submitted:
        _run_compare(bundle, text or "", upload)
    if error := st.session_state.get("compare_error"):
        st.error(escape_markdown(error))  # it may quote the file name
    result: compare.CompareResult | None = st.session_state.get("compare_result")
    if result is None:
        return
    c = result.counts
    cols = st.columns(4)
    cols[0].metric("In both", c["both"])
    cols[1].metric("Only Lima", c["only_lima"])
    cols[2].metric("Only your list", c["only_list"])
    cols[3].metric("Not recognised", c["unmatched"])
    st.plotly_chart(context_charts.build_compare_counts(result.counts), config=charts.NO_MODEBAR)
    st.button("Show the overlap on the map", on_click=show_on_map, args=("compare",), key="compare-to-map")
    if result.unmatched:
        st.markdown(f"**{len(result.unmatched)} names not recognised** (nothing was guessed):")
        st.dataframe(pd.DataFrame(result.unmatched, columns=["your input", "why"]), hide_index=True)
    st.dataframe(result.matched, hide_index=True)
    st.download_button("Download the comparison (CSV)", result.to_csv(), file_name="lima_comparison.csv",
                       mime="text/csv", on_click="ignore")
    st.caption("Names are resolved with the project's deterministic resolver (aliases, ISO 3166, UN M49 "
               "names); your list stays in this browser session and is not stored.")


def _run_compare(bundle: Bundle, text: str, upload) -> None:
    """Parse and compare; on bad input keep the previous result and say why."""
    try:
        if upload is not None:
            names = compare.parse_upload(upload.getvalue(), upload.name)
        elif text.strip():
            names = compare.parse_text(text)
        else:
            raise compare.CompareInputError("Paste some country names or choose a file first.")
        result = compare.compare(names, bundle.signatories)
    except compare.CompareInputError as exc:
        st.session_state["compare_error"] = str(exc)
        return
    st.session_state["compare_error"] = ""
    st.session_state["compare_result"] = result


def compare_mode() -> ColorMode | None:
    """The map mode for the visitor's list, if they compared one."""
    result = st.session_state.get("compare_result")
    return modes.compare_mode(result) if result is not None else None
