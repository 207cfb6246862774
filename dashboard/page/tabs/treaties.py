"""The "Legal frameworks" tab: where the 24 stood on the treaties the Declaration names, at Lima and at
each UN list's date; parties over time; the table, with its download; every state on the map."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.config import N_
from dashboard.core import i18n, package, treaties, treaty_names
from dashboard.core.package import Table
from dashboard.core.text import slug
from dashboard.figures.modes import list_date, treaty_mode_key, treaty_short
from dashboard.figures.treaties import WHEN
from dashboard.page import credits, frame, language, store, urlstate
from dashboard.page.frame import Page
from dashboard.page.language import _

INTRO = N_("The Declaration asks countries to respect existing legal frameworks: the International Convention "
           "on the Protection of the Rights of All Migrant Workers and Members of Their Families (ICRMW), the "
           "United Nations Convention against Transnational Organized Crime (UNTOC) and its two protocols, on "
           "trafficking in persons (the Trafficking Protocol) and on the smuggling of migrants (the Smuggling "
           "Protocol).")
TABLE_HEADERS = {"country": N_("Country"), "treaty": N_("Treaty"), "status": N_("Status"), "dates_text": N_("Dates"),
                 "as_of": N_("UN list read on"), "reason": N_("Why uncertain"), "confidence": N_("Confidence"),
                 "source": N_("Source")}
# The downloaded CSV keeps these column names in every language (its cells follow the language).
CSV_COLUMNS = {"iso3": "iso3", "country": "country", "treaty": "treaty", "status": "status",
               "dates_text": "dates", "as_of": "un_list_read_on", "reason": "why_uncertain",
               "confidence": "confidence", "source": "source"}


@st.cache_resource(show_spinner=False)  # a string per language: the counts are the same for every visitor
def _count_lines(root: Path, lang: str) -> str:
    found = store.tables(root)
    iso3s = list(found.signatories["iso3"])
    lima = treaties.party_counts(found.record, treaties.LIMA_DATE, iso3s)
    latest = treaties.party_counts(found.record, None, iso3s)
    _ = i18n.translator(lang)
    lines = []
    for a, b in zip(lima.to_dict("records"), latest.to_dict("records")):
        later = (_("on {date}, the date of its UN list, {states} states (and the European Union), {signatories} "
                   "of them signatories.") if b["eu"] else
                 _("on {date}, the date of its UN list, {states} states, {signatories} of them signatories."))
        later = later.format(date=list_date(b["treaty"], b["date"], lang), states=b["states"],
                             signatories=b["signatories"])
        lines.append(f"- {treaties.count_sentence(a, lang)}; {later}")
    return "\n".join(lines)


def show(page: Page) -> None:
    """The treaty tab, top to bottom."""
    lang = language.current()
    st.header(_("Where the 24 stood on the treaties the Declaration names"), anchor="treaties")
    st.markdown(_(INTRO))
    st.markdown(_count_lines(page.root, lang))
    now = language.bound()  # a format_func may run after the run (AppTest): its language is fixed here
    st.segmented_control(_("Status"), list(WHEN), format_func=lambda k: now(WHEN[k]), key="treaty_when",
                         required=True, on_change=urlstate.write_from_widgets, persist_state="session")
    when = st.session_state.get("treaty_when") or "lima"
    credits.draw(page, "treaties", theme=None)
    status = page.tables.treaty_status(when, lang)
    uncertain = int(status["uncertain"].sum())
    if uncertain:  # none since the newer lists: every action of the 24 is on a list
        st.caption(_("“?”: a status known only from a later report, not yet checked against the UN record."))
    cols = st.columns(4)
    for col, treaty in zip(cols, treaty_names.TREATIES):
        col.button(_("World map: {treaty}").format(treaty=treaty_short(treaty, lang)),
                   key=f"map-{treaty}", on_click=frame.show_on_map, args=(treaty_mode_key(treaty, when),),
                   width="stretch")
    st.markdown("### " + _("Parties over time: the 24 and the rest of the world"))
    left, right = st.columns(2)
    for i, treaty in enumerate(treaty_names.TREATIES):
        credits.draw(page, f"parties-{slug(treaty)}", where=left if i % 2 == 0 else right, theme=None)
    st.caption(_("Share of each group that had ratified or acceded (or accepted, approved, succeeded), at the end "
                 "of each year, on the Lima date and on the date of the treaty's UN list. “Other states”: the "
                 "other UN member states, the two observer states (the Holy See and the State of Palestine), the "
                 "Cook Islands and Niue, counted as today's set in every year. The UN M49 table used here does "
                 "not mark developing countries, so no separate line is drawn for them."))
    caption = credits.draw(page, "treaty-counts", theme=None)
    table = status[["iso3", *TABLE_HEADERS]].copy()
    table["treaty"] = [treaty_short(t, lang) for t in table["treaty"]]
    table["as_of"] = [treaties.day(d, lang) for d in table["as_of"]]
    table["confidence"] = [_(treaties.CONFIDENCE_LEVELS[c]) for c in table["confidence"]]
    shown = table.assign(status=[_(treaties.STATUS_WORDS[s]) for s in table["status"]])
    st.dataframe(shown.drop(columns="iso3").rename(columns={k: _(v) for k, v in TABLE_HEADERS.items()}),
                 hide_index=True, key="treaty_table")
    st.download_button(_("Download the treaty status table ({when}, CSV)").format(when=_(WHEN[when])),
                       package.csv_bytes(table.rename(columns=CSV_COLUMNS)),
                       file_name=f"lima_declaration_treaties_{when}.csv", mime="text/csv", on_click="ignore")
    st.caption(caption + " " + (_("Uncertain here: {count} of {total} cells.").format(count=uncertain, total=len(
        status)) + " " if uncertain else "") + _("The table follows the order of the press release."))


def package_tables(page: Page) -> list[Table]:
    when = st.session_state.get("treaty_when") or "lima"
    return [Table(f"treaty_status_{when}", f"Treaty status of the 24 ({when})", page.tables.treaty_status(when),
                  ("data/treaties.csv",))]
