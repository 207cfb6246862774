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
from dashboard.page.language import _
from dashboard.page.store import Bundle

WHEN = {"lima": "At Lima, 16 May 2006", "latest": "Latest known (each treaty's UN list)"}
INTRO = ("The Declaration asks countries to respect existing legal frameworks: the International Convention on "
         "the Protection of the Rights of All Migrant Workers and Members of Their Families (ICRMW), the United "
         "Nations Convention against Transnational Organized Crime (UNTOC) and its two protocols, on trafficking "
         "in persons (the Trafficking Protocol) and on the smuggling of migrants (the Smuggling Protocol).")
TABLE_HEADERS = {"country": "Country", "treaty": "Treaty", "status": "Status", "dates_text": "Dates",
                 "as_of": "UN list read on", "reason": "Why uncertain", "confidence": "Confidence",
                 "source": "Source"}
MEMBERSHIP_NOTE = ("A blank cell means that no role was found in the sources, not a verified non-membership.")


def show_on_map(mode_key: str) -> None:
    """Button callback: colour the map by `mode_key` and open the map tab."""
    st.session_state["color_by"] = mode_key
    st.session_state["view"] = _(VIEWS["map"])
    urlstate.write_from_widgets()


def _treaty_source(counts: pd.DataFrame) -> str:
    lists = "; ".join(f"{r['label']} as of {context.day(r['as_of'])}" for r in counts.to_dict("records"))
    return (f"Source: UN Treaty Collection, the participant list of each treaty ({lists}): each status is "
            "read from the list, up to the list's date and no later. After those dates, two actions of the "
            "24 are known only from other sources (Sri Lanka's and Pakistan's accession to the Trafficking "
            "Protocol, reported for June 2015 and November 2022, medium confidence): they are shown apart, "
            "marked “?”. Whether others acted after a list's date is not known here: no status is given for "
            "today.")


def treaties(bundle: Bundle) -> None:
    ctx = store.load_context(bundle.root)
    figures = store.context_figures(bundle.root)
    counts = ctx.counts
    st.subheader("Where the 24 stood on the treaties the Declaration names")
    st.markdown(INTRO)
    lima = context.party_counts(ctx.record, context.LIMA_DATE, list(bundle.signatories["iso3"]))
    latest = context.party_counts(ctx.record, None, list(bundle.signatories["iso3"]))
    st.markdown("\n".join(f"- {context.count_sentence(a)}; on {context.day(b['date'])}, the date of its UN list, "
                          f"{b['states']} states{' (and the European Union)' if b['eu'] else ''}, "
                          f"{b['signatories']} of them signatories."
                          for a, b in zip(lima.to_dict("records"), latest.to_dict("records"))))
    st.segmented_control("Status", list(WHEN), format_func=WHEN.get, key="treaty_when", required=True,
                         on_change=urlstate.write_from_widgets, persist_state="session")
    when = st.session_state.get("treaty_when") or "lima"
    st.plotly_chart(figures[f"treaties-{when}"], config=charts.NO_MODEBAR)
    cols = st.columns(4)
    for col, (treaty, (short, _full, _chapter)) in zip(cols, context.TREATIES.items()):
        col.button(f"World map: {short}", key=f"map-{treaty}", on_click=show_on_map,
                   args=(context_modes.treaty_mode_key(treaty, when),), width="stretch")
    st.markdown("#### Parties over time: the 24 and the rest of the world")
    left, right = st.columns(2)
    for i, treaty in enumerate(context.TREATIES):
        (left if i % 2 == 0 else right).plotly_chart(figures[f"over-time-{treaty}"], config=charts.NO_MODEBAR)
    st.caption("Share of each group that had ratified or acceded (or accepted, approved, succeeded), at the end "
               "of each year, on the Lima date and on the date of the treaty's UN list. “Other states”: the "
               "other UN member states, the two observer states (the Holy See and the State of Palestine), the "
               "Cook Islands and Niue, counted as today's set in every year. The UN M49 table used here does "
               "not mark developing countries, so no separate line is drawn for them.")
    st.plotly_chart(figures["treaty-counts"], config=charts.NO_MODEBAR)
    status = ctx.status[when]
    table = status[list(TABLE_HEADERS)].copy()
    table["treaty"] = table["treaty"].map({k: v[0] for k, v in context.TREATIES.items()})
    table["as_of"] = table["as_of"].map(context.day)
    table = table.rename(columns=TABLE_HEADERS)
    st.dataframe(table, hide_index=True, key="treaty_table")
    st.download_button(f"Download the treaty status table ({WHEN[when]}, CSV)",
                       table.to_csv(index=False), file_name=f"lima_declaration_treaties_{when}.csv",
                       mime="text/csv", on_click="ignore")
    uncertain = int(status["uncertain"].sum())
    st.caption(f"{_treaty_source(counts)} Uncertain here: {uncertain} of {len(status)} cells. The table "
               "follows the order of the press release.")


def _process_list(memberships: pd.DataFrame) -> str:
    years = memberships.groupby("process")["founded_year"].first()
    lines = []
    for process, full in context.PROCESSES.items():
        if process not in years.index:
            continue
        year = None if pd.isna(years[process]) else int(years[process])
        lines.append(f"- **{context.label(process)}**: {full}, {context.founded_text(process, year)}")
    return "\n".join(lines)


def processes(bundle: Bundle) -> None:
    ctx = store.load_context(bundle.root)
    figures = store.context_figures(bundle.root)
    st.subheader("Regional consultative processes on migration")
    st.markdown("The press release says McKinley stressed “the importance of regional consultative” "
                "processes (the text is cut off there). Which of them the 24 take part in, and since when. "
                f"Processes founded after the Lima meeting are marked {context_charts.LATER_MARK}: a role in "
                "them says nothing about where a country stood in May 2006.")
    st.plotly_chart(figures["rcp-matrix"], config=charts.NO_MODEBAR)
    with st.expander("The processes, their full names and founding years"):
        st.markdown(_process_list(ctx.memberships))
    st.plotly_chart(figures["rcp-counts"], config=charts.NO_MODEBAR)
    modes = store.color_modes(bundle.root)
    rcp_keys = [k for k in modes if k.startswith("rcp-")]
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    choice = left.selectbox("Colour the map by a process", rcp_keys, format_func=lambda k: modes[k].label,
                            key="rcp_pick")
    right.button("Show on the map", on_click=show_on_map, args=(choice,), key="rcp-to-map", width="stretch")
    table = context.membership_table(ctx.memberships)
    st.dataframe(table, hide_index=True, key="rcp_table")
    st.download_button("Download the memberships (CSV)", table.to_csv(index=False),
                       file_name="lima_declaration_rcp_memberships.csv", mime="text/csv", on_click="ignore")
    forums = sorted(context.label(p) for p in ctx.memberships.loc[ctx.memberships["source_url"].str.contains(
        context.INTER_REGIONAL_MARK, case=False), "process"].unique())
    st.caption("Sources: IOM's page on each regional consultative process and the processes' own sites, "
               "checked again in November 2026 (one source per row in the table). " + MEMBERSHIP_NOTE
               + (f" IOM's pages class {' and '.join(forums)} as inter-regional forums." if forums else ""))


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
