"""The "Compare a list" tab: a list of countries pasted or uploaded by the reader, matched without
guessing and set against the 24; the overlap on the map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.config import N_
from dashboard.core import compare, i18n, package
from dashboard.figures.compare import LIST_PARAM, NAMES_OPTION
from dashboard.figures.modes import ColorMode
from dashboard.page import credits, frame, language
from dashboard.page.filters import escape_markdown
from dashboard.page.frame import Page
from dashboard.page.language import _

URL_LIST_REFUSED = N_("The list of countries in the link was not used: {why}")
# A stand-in for the colour menu: the colouring itself is built by the catalog from the list.
LIST_MODE = ColorMode(key="compare", label=N_("Compared with your list"), values={}, categories=(), colours={},
                      group=N_("Your list"))


def _url_list() -> str | None:
    """The ?list= value when the link colours the map by a compared list, else None (a stale
    list, left when the colouring changed, is removed from the URL)."""
    try:
        values = st.query_params.get_all(LIST_PARAM)
        colour = st.query_params.get_all("color")
    except Exception:  # a malformed query string must not break the page
        return None
    if not values:
        return None
    if [c.strip().casefold() for c in colour[:1]] != ["compare"]:
        del st.query_params[LIST_PARAM]
        return None
    return values[0]


def own_list() -> dict[str, tuple[str, ...]] | None:
    """The catalog's options for the visitor's list: the names compared in this session, else the
    codes the link carries (?color=compare&list=...); a list that cannot be read is refused with a
    warning. None when there is no list."""
    # Called before the URL is read into the session: on a first visit the language is the URL's.
    lang = (language.current() if language.STATE_KEY in st.session_state
            else i18n.pick_language(st.query_params.get("lang")) or i18n.DEFAULT_LANGUAGE)
    result: compare.CompareResult | None = st.session_state.get("compare_result")
    raw = _url_list()
    if raw is not None and (result is None or compare.url_value(result) != raw.strip()):
        try:
            compare.parse_url_value(raw, lang)
        except compare.CompareInputError as exc:
            st.warning(i18n.translator(lang)(URL_LIST_REFUSED).format(why=escape_markdown(str(exc))))
            return None
        return {LIST_PARAM: (raw,)}
    if result is None:
        return None
    return {NAMES_OPTION: tuple(st.session_state.get("compare_names") or ())}


def _run_compare(page: Page, text: str, upload, lang: str) -> None:
    """Parse and compare; on bad input keep the previous result and say why."""
    try:
        if upload is not None:
            names = compare.parse_upload(upload.getvalue(), upload.name, lang)
        elif text.strip():
            names = compare.parse_text(text, lang)
        else:
            raise compare.CompareInputError(_("Paste some country names or choose a file first."))
        result = compare.compare(names, page.tables.signatories, lang)
    except compare.CompareInputError as exc:
        st.session_state["compare_error"] = str(exc)
        return
    st.session_state["compare_error"] = ""
    st.session_state["compare_result"] = result
    st.session_state["compare_names"] = names


def show(page: Page) -> None:
    """The form, then the comparison of the list last submitted."""
    lang = language.current()
    st.header(_("Compare a list with the 24"), anchor="compare")
    st.markdown(_("Paste country names, one per line (or on one line separated by “;” or “,”), in English, "
                  "Spanish or French, or upload a CSV or text file (a column named “country” or “name”, else the "
                  "first one). At most {lines} lines or 1 MB.").format(
        lines=i18n.format_number(compare.MAX_LINES, lang)))
    # No "Press Ctrl+Enter to submit form" (Streamlit's words, in English only): our own hint instead.
    with st.form("compare_form", enter_to_submit=False):
        text = st.text_area(_("Country names"), key="compare_text", height=160,
                            placeholder=_("Korea, Rep.\nViet Nam\nCôte d’Ivoire\n..."))
        upload = st.file_uploader(_("…or a CSV or text file"), type=list(compare.UPLOAD_TYPES), key="compare_file",
                                  help=_("One file of at most 1 MB (CSV, TSV or plain text). The box's own words "
                                         "are in English: “Upload” chooses a file; you can also drop one on it."))
        st.caption(_("Then press “Compare”: nothing is read before (the Enter key starts a new line)."))
        submitted = st.form_submit_button(_("Compare"))
    if submitted:
        _run_compare(page, text or "", upload, lang)
    if error := st.session_state.get("compare_error"):
        st.error(escape_markdown(error))  # it may quote the file name
    result: compare.CompareResult | None = st.session_state.get("compare_result")
    if result is None:
        return
    if result.lang != lang:  # the language changed since: names and reasons in the new one
        result = compare.compare(st.session_state["compare_names"], page.tables.signatories, lang)
        st.session_state["compare_result"] = result
    c = result.counts
    cols = st.columns(4)
    for col, label, key in zip(cols, (N_("In both"), N_("Only among the 24"), N_("Only in your list"),
                                      N_("Not recognised")), ("both", "only_lima", "only_list", "unmatched")):
        col.metric(_(label), i18n.format_number(c[key], lang))
    credits.draw(page, "compare", own={NAMES_OPTION: tuple(st.session_state.get("compare_names") or ())},
                 theme=None)
    st.button(_("Show the overlap on the map"), on_click=frame.show_on_map,
              args=("compare", compare.url_value(result)), key="compare-to-map")
    st.caption(_("The map's link carries the recognised countries of your list as three-letter codes, so that "
                 "it reopens as you see it."))
    if result.unmatched:
        st.markdown("**" + _("Names not recognised: {count}").format(count=len(result.unmatched)) + "** "
                    + _("(nothing was guessed)"))
        st.dataframe(pd.DataFrame(result.unmatched, columns=[_("Your input"), _("Why")]), hide_index=True,
                     key="compare_unmatched")
    matched = result.matched.assign(in_lima=[_("yes") if v else _("no") for v in result.matched["in_lima"]])
    st.dataframe(matched.rename(columns={"input_name": _("Your input"), "iso3": _("Code"), "name": _("Country"),
                                         "in_lima": _("Signed the Lima Declaration")}),
                 hide_index=True, key="compare_matched")
    st.download_button(_("Download the comparison (CSV)"), package.csv_bytes(result.to_csv()),
                       file_name="lima_comparison.csv", mime="text/csv", on_click="ignore")
    st.caption(_("Each name is matched against fixed tables of country names and codes (ISO 3166, the UN's "
                 "names, common variants), never by guessing; your list stays in this browser session and is "
                 "not stored."))
