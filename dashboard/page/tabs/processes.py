"""The "Regional processes" tab: the 24's roles in the regional consultative processes on migration,
when each was founded, the table with its download, and a process on the map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.core import package, processes
from dashboard.core.package import Table
from dashboard.figures.processes import LATER_MARK
from dashboard.page import credits, frame, language, store
from dashboard.page.frame import Page
from dashboard.page.language import _


def _process_list(memberships: pd.DataFrame, lang: str) -> str:
    years = memberships.groupby("process")["founded_year"].first()
    lines = []
    for process, full in processes.PROCESSES.items():
        if process not in years.index:
            continue
        year = None if pd.isna(years[process]) else int(years[process])
        lines.append(f"- **{processes.label(process)}**: {full}, {processes.founded_text(process, year, lang)}")
    return "\n".join(lines)


def show(page: Page) -> None:
    """The processes tab, top to bottom."""
    lang = language.current()
    memberships = page.tables.memberships
    st.header(_("Regional consultative processes on migration"), anchor="processes")
    st.markdown(_("The press release says that IOM's Director General, Brunson McKinley, stressed “the importance "
                  "of regional consultative” processes (the text is cut off there): regular meetings of states of "
                  "a region on migration. Which of them the 24 take part in, and since when. Processes founded "
                  "after the Lima meeting are marked {mark}: a role in them says nothing about where a country "
                  "stood in May 2006.").format(mark=LATER_MARK))
    if lang != "en":
        st.markdown(_("The processes are named as they name themselves, in English."))
    credits.draw(page, "processes", theme=None)
    with st.expander(_("The processes, their full names and founding years")):
        st.markdown(_process_list(memberships, lang))
    caption = credits.draw(page, "process-counts", theme=None)
    modes = store.colour_modes(page.root, lang)
    rcp_keys = [k for k in modes if k.startswith("rcp-")]
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    choice = left.selectbox(_("Colour the map by a process"), rcp_keys, format_func=lambda k: modes[k].label,
                            key="rcp_pick")
    right.button(_("Show on the map"), on_click=frame.show_on_map, args=(choice,), key="rcp-to-map", width="stretch")
    st.dataframe(processes.membership_table(memberships, lang), hide_index=True, key="rcp_table")
    st.download_button(_("Download the memberships (CSV)"),
                       package.csv_bytes(processes.membership_table(memberships, lang, headers=False)),
                       file_name="lima_declaration_rcp_memberships.csv", mime="text/csv", on_click="ignore")
    forums = sorted(processes.label(p) for p in memberships.loc[memberships["source_url"].str.contains(
        processes.INTER_REGIONAL_MARK, case=False), "process"].unique())
    text = caption + " " + _("One source per row in the table.")
    if forums:
        text += " " + _("IOM's pages class {names} as inter-regional forums.").format(names=", ".join(forums))
    st.caption(text)


def package_tables(page: Page) -> list[Table]:
    return [Table("rcp_memberships", "Roles of the 24 in regional consultative processes", page.tables.memberships,
                  ("data/rcp.csv",))]
