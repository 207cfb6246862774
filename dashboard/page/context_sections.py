"""Page sections for the context tabs: legal frameworks, regional processes, population, compare."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.config import N_, VIEWS
from dashboard.core import compare, context, i18n
from dashboard.core.provenance import data_root
from dashboard.figures import context_charts, context_modes
from dashboard.figures.modes import ColorMode
from dashboard.page import credits, language, store, urlstate
from dashboard.page.filters import escape_markdown
from dashboard.page.language import _
from dashboard.page.store import Bundle

WHEN = {"lima": N_("At Lima, 16 May 2006"), "latest": N_("Latest known (each treaty's UN list)")}
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
MEMBERSHIP_NOTE = N_("A blank cell means that no role was found in the sources, not a verified non-membership.")
LIST_PARAM = "list"  # ?color=compare&list=PER.VNM.KOR: the compared list, reopened from a link
URL_LIST_REFUSED = N_("The list of countries in the link was not used: {why}")
POPULATION_HEADERS = {"country": N_("Country"), "pop": N_("Population, 2007"),
                      "gdpPercap": N_("GDP per capita, 2007 (US$, inflation-adjusted)"),
                      "lifeExp": N_("Life expectancy at birth, 2007 (years)")}


def _chart(fig, source: str, **kwargs) -> None:
    # theme=None: the figure's own colours (text at 4.5:1 or more), not Streamlit's lighter theme.
    credits.plot(fig, _(source), theme=None, **kwargs)


def show_on_map(mode_key: str, codes: str = "") -> None:
    """Button callback: colour the map by `mode_key` and open the map tab (a compared list's
    countries go into the link, so that it reopens)."""
    st.session_state["color_by"] = mode_key
    st.session_state["view"] = _(VIEWS["map"])
    urlstate.write_from_widgets()
    if codes:
        st.query_params[LIST_PARAM] = codes


def _figures(bundle: Bundle) -> dict:
    titles = (_("Status on the Lima date, 16 May 2006"),
              _("Latest known status: each treaty's UN list, then later reports"))
    return store.context_figures(bundle.root, language.current(), titles)


def _treaty_source(counts: pd.DataFrame, lang: str) -> str:
    lists = "; ".join(_("{treaty} as of {date}").format(treaty=context_modes.treaty_short(r["treaty"], lang),
                                                         date=context.day(r["as_of"], lang))
                      for r in counts.to_dict("records"))
    return _("Source: UN Treaty Collection, the participant list of each treaty ({lists}): each status is read "
             "from the list, up to the list's date and no later. After those dates, two actions of the 24 are "
             "known only from other sources (Sri Lanka's and Pakistan's accession to the Trafficking Protocol, "
             "reported for June 2015 and November 2022, medium confidence): they are shown apart, marked “?”. "
             "Whether others acted after a list's date is not known here: no status is given for "
             "today.").format(lists=lists)


@st.cache_resource(show_spinner=False)  # a string per language: the counts are the same for every visitor
def _count_lines(root: Path, lang: str) -> str:
    ctx = store.load_context(root, lang)
    iso3s = list(store.load_bundle(root).signatories["iso3"])
    lima = context.party_counts(ctx.record, context.LIMA_DATE, iso3s)
    latest = context.party_counts(ctx.record, None, iso3s)
    lines = []
    for a, b in zip(lima.to_dict("records"), latest.to_dict("records")):
        later = (_("on {date}, the date of its UN list, {states} states (and the European Union), {signatories} "
                   "of them signatories.") if b["eu"] else
                 _("on {date}, the date of its UN list, {states} states, {signatories} of them signatories."))
        later = later.format(date=context.day(b["date"], lang), states=b["states"], signatories=b["signatories"])
        lines.append(f"- {context.count_sentence(a, lang)}; {later}")
    return "\n".join(lines)


def treaties(bundle: Bundle) -> None:
    lang = language.current()
    ctx = store.load_context(bundle.root, lang)
    figures = _figures(bundle)
    st.header(_("Where the 24 stood on the treaties the Declaration names"), anchor="treaties")
    st.markdown(_(INTRO))
    st.markdown(_count_lines(bundle.root, lang))
    now = language.bound()  # a format_func may run after the run (AppTest): its language is fixed here
    st.segmented_control(_("Status"), list(WHEN), format_func=lambda k: now(WHEN[k]), key="treaty_when",
                         required=True, on_change=urlstate.write_from_widgets, persist_state="session")
    when = st.session_state.get("treaty_when") or "lima"
    _chart(figures[f"treaties-{when}"], credits.TREATIES)
    st.caption(_("“?”: a status known only from a later report, not yet checked against the UN record."))
    cols = st.columns(4)
    for col, treaty in zip(cols, context.TREATIES):
        col.button(_("World map: {treaty}").format(treaty=context_modes.treaty_short(treaty, lang)),
                   key=f"map-{treaty}", on_click=show_on_map, args=(context_modes.treaty_mode_key(treaty, when),),
                   width="stretch")
    st.markdown("### " + _("Parties over time: the 24 and the rest of the world"))
    left, right = st.columns(2)
    for i, treaty in enumerate(context.TREATIES):
        with left if i % 2 == 0 else right:
            _chart(figures[f"over-time-{treaty}"], credits.TREATIES)
    st.caption(_("Share of each group that had ratified or acceded (or accepted, approved, succeeded), at the end "
                 "of each year, on the Lima date and on the date of the treaty's UN list. “Other states”: the "
                 "other UN member states, the two observer states (the Holy See and the State of Palestine), the "
                 "Cook Islands and Niue, counted as today's set in every year. The UN M49 table used here does "
                 "not mark developing countries, so no separate line is drawn for them."))
    _chart(figures["treaty-counts"], credits.TREATIES)
    status = ctx.status[when]
    table = status[["iso3", *TABLE_HEADERS]].copy()
    table["treaty"] = [context_modes.treaty_short(t, lang) for t in table["treaty"]]
    table["as_of"] = [context.day(d, lang) for d in table["as_of"]]
    table["confidence"] = [_(context.CONFIDENCE_LEVELS[c]) for c in table["confidence"]]
    shown = table.assign(status=[_(context.STATUS_WORDS[s]) for s in table["status"]])
    st.dataframe(shown.drop(columns="iso3").rename(columns={k: _(v) for k, v in TABLE_HEADERS.items()}),
                 hide_index=True, key="treaty_table")
    st.download_button(_("Download the treaty status table ({when}, CSV)").format(when=_(WHEN[when])),
                       table.rename(columns=CSV_COLUMNS).to_csv(index=False),
                       file_name=f"lima_declaration_treaties_{when}.csv", mime="text/csv", on_click="ignore")
    uncertain = int(status["uncertain"].sum())
    st.caption(_treaty_source(ctx.counts, lang) + " " + _(
        "Uncertain here: {count} of {total} cells. The table follows the order of the press release.").format(
        count=uncertain, total=len(status)))


def _process_list(memberships: pd.DataFrame, lang: str) -> str:
    years = memberships.groupby("process")["founded_year"].first()
    lines = []
    for process, full in context.PROCESSES.items():
        if process not in years.index:
            continue
        year = None if pd.isna(years[process]) else int(years[process])
        lines.append(f"- **{context.label(process)}**: {full}, {context.founded_text(process, year, lang)}")
    return "\n".join(lines)


def processes(bundle: Bundle) -> None:
    lang = language.current()
    ctx = store.load_context(bundle.root, lang)
    figures = _figures(bundle)
    st.header(_("Regional consultative processes on migration"), anchor="processes")
    st.markdown(_("The press release says that IOM's Director General, Brunson McKinley, stressed “the importance "
                  "of regional consultative” processes (the text is cut off there): regular meetings of states of "
                  "a region on migration. Which of them the 24 take part in, and since when. Processes founded "
                  "after the Lima meeting are marked {mark}: a role in them says nothing about where a country "
                  "stood in May 2006.").format(mark=context_charts.LATER_MARK))
    if lang != "en":
        st.markdown(_("The processes are named as they name themselves, in English."))
    _chart(figures["rcp-matrix"], credits.PROCESSES)
    with st.expander(_("The processes, their full names and founding years")):
        st.markdown(_process_list(ctx.memberships, lang))
    _chart(figures["rcp-counts"], credits.PROCESSES)
    modes = store.color_modes(bundle.root, lang)
    rcp_keys = [k for k in modes if k.startswith("rcp-")]
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    choice = left.selectbox(_("Colour the map by a process"), rcp_keys, format_func=lambda k: modes[k].label,
                            key="rcp_pick")
    right.button(_("Show on the map"), on_click=show_on_map, args=(choice,), key="rcp-to-map", width="stretch")
    st.dataframe(context.membership_table(ctx.memberships, lang), hide_index=True, key="rcp_table")
    st.download_button(_("Download the memberships (CSV)"),
                       context.membership_table(ctx.memberships, lang, headers=False).to_csv(index=False),
                       file_name="lima_declaration_rcp_memberships.csv", mime="text/csv", on_click="ignore")
    forums = sorted(context.label(p) for p in ctx.memberships.loc[ctx.memberships["source_url"].str.contains(
        context.INTER_REGIONAL_MARK, case=False), "process"].unique())
    caption = _("Sources: IOM's page on each regional consultative process and the processes' own sites, checked "
                "again in November 2026 (one source per row in the table).") + " " + _(MEMBERSHIP_NOTE)
    if forums:
        caption += " " + _("IOM's pages class {names} as inter-regional forums.").format(names=", ".join(forums))
    st.caption(caption)


def population(bundle: Bundle) -> None:
    lang = language.current()
    ctx = store.load_context(bundle.root, lang)
    figures = _figures(bundle)
    info = ctx.population_info
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
    with left:
        _chart(figures["population-share"], credits.POPULATION)
    with right:
        _chart(figures["population-scatter"], credits.POPULATION)
    table = ctx.population
    shown = pd.DataFrame({
        _(POPULATION_HEADERS["country"]): [i18n.country_name(c, lang) if lang != "en" else n
                                           for c, n in zip(table["iso3"], table["name"])],
        _(POPULATION_HEADERS["pop"]): [i18n.format_compact(v, lang) for v in table["pop"]],
        _(POPULATION_HEADERS["gdpPercap"]): [i18n.format_number(v, lang, 0) for v in table["gdpPercap"]],
        _(POPULATION_HEADERS["lifeExp"]): [i18n.format_number(v, lang, 1) for v in table["lifeExp"]],
    })
    st.dataframe(shown, hide_index=True, key="population_table")
    st.caption(_("Source: Gapminder (gapminder.org), the 2007 figures of its population, income and life "
                 "expectancy table, as published with the plotly library; licence CC BY 4.0. The figures are for "
                 "2007, the year after the Declaration; the table covers {countries} countries, not the whole "
                 "world.").format(countries=info["countries_in_table"]))


def compare_list(bundle: Bundle) -> None:
    lang = language.current()
    st.header(_("Compare a list with the 24"), anchor="compare")
    st.markdown(_("Paste country names, one per line (or on one line separated by “;” or “,”), in English, "
                  "Spanish or French, or upload a CSV or text file (a column named “country” or “name”, else the "
                  "first one). At most {lines} lines or 1 MB.").format(
        lines=i18n.format_number(compare.MAX_LINES, lang)))
    with st.form("compare_form"):
        text = st.text_area(_("Country names"), key="compare_text", height=160,
                            placeholder=_("Korea, Rep.\nViet Nam\nCôte d’Ivoire\n..."))
        upload = st.file_uploader(_("…or a CSV or text file"), type=list(compare.UPLOAD_TYPES), key="compare_file")
        submitted = st.form_submit_button(_("Compare"))
    if submitted:
        _run_compare(bundle, text or "", upload, lang)
    if error := st.session_state.get("compare_error"):
        st.error(escape_markdown(error))  # it may quote the file name
    result: compare.CompareResult | None = st.session_state.get("compare_result")
    if result is None:
        return
    if result.lang != lang:  # the language changed since: names and reasons in the new one
        result = compare.compare(st.session_state["compare_names"], bundle.signatories, lang)
        st.session_state["compare_result"] = result
    c = result.counts
    cols = st.columns(4)
    for col, label, key in zip(cols, (N_("In both"), N_("Only among the 24"), N_("Only in your list"),
                                      N_("Not recognised")), ("both", "only_lima", "only_list", "unmatched")):
        col.metric(_(label), i18n.format_number(c[key], lang))
    _chart(context_charts.build_compare_counts(result.counts, lang), credits.COMPARE)
    st.button(_("Show the overlap on the map"), on_click=show_on_map, args=("compare", compare.url_value(result)),
              key="compare-to-map")
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
    st.download_button(_("Download the comparison (CSV)"), result.to_csv(), file_name="lima_comparison.csv",
                       mime="text/csv", on_click="ignore")
    st.caption(_("Each name is matched against fixed tables of country names and codes (ISO 3166, the UN's "
                 "names, common variants), never by guessing; your list stays in this browser session and is "
                 "not stored."))


def _run_compare(bundle: Bundle, text: str, upload, lang: str) -> None:
    """Parse and compare; on bad input keep the previous result and say why."""
    try:
        if upload is not None:
            names = compare.parse_upload(upload.getvalue(), upload.name, lang)
        elif text.strip():
            names = compare.parse_text(text, lang)
        else:
            raise compare.CompareInputError(_("Paste some country names or choose a file first."))
        result = compare.compare(names, bundle.signatories, lang)
    except compare.CompareInputError as exc:
        st.session_state["compare_error"] = str(exc)
        return
    st.session_state["compare_error"] = ""
    st.session_state["compare_result"] = result
    st.session_state["compare_names"] = names


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


def compare_mode() -> ColorMode | None:
    """The map mode for the visitor's list: the one compared in this session, or the one the
    link carries (?color=compare&list=...); a list that cannot be read is refused with a warning."""
    # Called before the URL is read into the session: on a first visit the language is the URL's.
    lang = (language.current() if language.STATE_KEY in st.session_state
            else i18n.pick_language(st.query_params.get("lang")) or i18n.DEFAULT_LANGUAGE)
    result: compare.CompareResult | None = st.session_state.get("compare_result")
    raw = _url_list()
    bundle = store.load_bundle(data_root())
    if raw is not None and (result is None or compare.url_value(result) != raw.strip()):
        try:
            codes = compare.parse_url_value(raw, lang)
            result = compare.compare(codes, bundle.signatories, lang)
        except compare.CompareInputError as exc:
            st.warning(i18n.translator(lang)(URL_LIST_REFUSED).format(why=escape_markdown(str(exc))))
            return None
    if result is None:
        return None
    return context_modes.compare_mode(result, lang, bundle.world["id"])
