"""Page sections: widgets and layout, each drawing one part of the page from prepared frames."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard.config import DEFAULT_COLOR_MODE, DEFAULT_VIEW, N_, VIEWS
from dashboard.core import context, i18n, package, summary
from dashboard.figures import catalog, charts
from dashboard.figures import world_map as world_map_figure
from dashboard.figures.migration_charts import INDICATORS
from dashboard.figures.modes import ColorMode, ScaleMode
from dashboard.page import cite as cite_section
from dashboard.page import credits, device, language, migration_sections, store, urlstate
from dashboard.page.filters import escape_markdown
from dashboard.page.language import _
from dashboard.page.store import Bundle
from dashboard.page.urlstate import View

SOURCE_SEED = N_("Source: the International Organization for Migration (IOM) press release “Countries with "
                 "Substantial International Migration Flows Sign Declaration”, May 2006; regions: the UN's "
                 "standard country or area codes for statistical use (M49).")
SOURCE_MAP = N_("Source: IOM press release, May 2006. Boundaries: Natural Earth 1:110m (public domain).")
# The machine-readable columns (CSV, data package) and, for the page, their headers in plain words.
TABLE_COLUMNS = ["name", "iso3", "iso2", "iso_numeric", "official_name", "un_name", "m49_code",
                 "region", "sub_region", "intermediate_region", "name_in_source", "order_in_source"]
CSV_COLUMNS = [*TABLE_COLUMNS, "source"]  # the same source for every row: a caption on the page
TABLE_HEADERS = {
    "name": N_("Country"), "iso3": N_("ISO code (3 letters)"), "iso2": N_("ISO code (2 letters)"),
    "iso_numeric": N_("ISO numeric code"), "official_name": N_("Official name (English)"),
    "un_name": N_("UN name (English)"), "m49_code": N_("UN M49 code"), "region": N_("Region"),
    "sub_region": N_("Sub-region"), "intermediate_region": N_("Intermediate region"),
    "name_in_source": N_("Written in the press release as"), "order_in_source": N_("Order in the press release"),
}
# The filter acts on these tabs only; elsewhere the sidebar is not drawn (item 10 of issue 12).
FILTERED_VIEWS = ("map", "regions")
# Phones: a smaller title, tabs that wrap (the open one always in sight), less padding on top.
PHONE_CSS = """<style>
@media (max-width: 640px) {
  .stMainBlockContainer {padding-top: 4rem;}  /* below the toolbar, no more */
  .stMainBlockContainer h1 {font-size: 1.7rem; padding-top: 0.25rem;}
  .stMainBlockContainer h2 {font-size: 1.35rem;}
  [role="tablist"] {flex-wrap: wrap !important; column-gap: 0.9rem !important; row-gap: 0.1rem !important;
                    overflow: visible !important; width: auto !important;}
  [role="tablist"] [role="tab"][aria-selected="true"] {box-shadow: inset 0 -3px 0 #0072B2;}
}
</style>"""


def data_error(exc: Exception) -> None:
    """A page that names the broken file and what to do, instead of a traceback."""
    st.error(_("The dashboard cannot start: a data file is broken.") + "\n\n**" + _("File:") + "** `"
             + str(getattr(exc, "path", "?")) + "`\n\n**" + _("Problem:") + f"** {getattr(exc, 'problem', exc)}"
             + "\n\n**" + _("What to do:") + "** "
             + str(getattr(exc, "remedy", _("Restore the data/ folder from the repository."))))
    st.stop()


def open_view() -> str:
    """The URL value of the open tab (the tabs widget holds its translated label)."""
    return {_(label): key for key, label in VIEWS.items()}.get(st.session_state.get("view"), DEFAULT_VIEW)


def region_labeller() -> Callable[[str], str]:
    """A UN M49 region's name in the page's language now (widgets keep the English value for the
    URL); fixed when the widget is drawn, since a format_func may be called after the run."""
    lang = language.current()
    return lambda name: i18n.region_name_for(name, lang)


def sidebar(bundle: Bundle, widgets: bool = True) -> None:
    """The region filter, drawn only on the tabs it acts on; its values survive the other tabs
    (persist_state), and the URL keeps them. `widgets=False`: its heading alone (a first paint)."""
    sig = bundle.signatories
    if open_view() not in FILTERED_VIEWS:
        return
    with st.sidebar:
        st.header(_("Filter"))
        st.caption(_("The filter acts on the map, the table and the regional breakdowns."))
        if not widgets:
            return
        st.multiselect(_("UN M49 region"), sorted(sig["region"].unique()), key="regions",
                       format_func=region_labeller(), on_change=urlstate.write_from_widgets, persist_state="page",
                       help=_("Several at once; shown as ?region=... in the address bar."),
                       placeholder=_("All regions"))
        st.multiselect(_("UN M49 sub-region"), sorted(sig["sub_region"].unique()), key="sub_regions",
                       format_func=region_labeller(), on_change=urlstate.write_from_widgets, persist_state="page",
                       help=_("Combined with the regions: a country in either is shown."),
                       placeholder=_("All sub-regions"))
        st.caption(_("The filter is part of the address: copy the URL to share this view."))


def language_picker() -> None:
    """English, Español, Français: the choice is written to the URL (?lang=), so links keep it."""
    words = i18n.language_messages(language.current())
    st.segmented_control(words["label"], list(i18n.LANGUAGES), format_func=i18n.LANGUAGE_NAMES.get, key="lang",
                         required=True, on_change=urlstate.write_from_widgets, label_visibility="collapsed")


def ignored_values(view: View) -> None:
    """One warning per URL value that was not used, shown as typed (never as markdown)."""
    for param, value in view.ignored:
        st.warning(_("Ignored the value “{value}” of the URL parameter `{param}`: it is not one the "
                     "dashboard knows. Showing the view without it.").format(value=escape_markdown(value),
                                                                            param=param))


def heading(bundle: Bundle, shown: pd.DataFrame) -> None:
    """The title, one paragraph and the key numbers in one line (a phone sees the map on its first screen)."""
    lang = language.current()
    sig = bundle.signatories
    lima, hld, follow_up = bundle.events.to_dict("records")[:3]

    def when(event: dict) -> str:
        return charts.date_label(event["start_date"], event["end_date"], event["date_precision"], lang)

    # In the page's flow (st.html would put a style-only block among transient events).
    st.markdown(PHONE_CSS, unsafe_allow_html=True)
    st.title(_("The Lima Declaration, May 2006"))
    intro = _("On {when} ministers of **{n} developing countries with substantial international migration "
              "flows** met in {city} and signed a declaration on migration and development, to be presented "
              "at the UN High-Level Dialogue on International Migration and Development ({hld_city}, "
              "{hld_when}).").format(when=when(lima), n=len(sig), city=_(lima["city"]),
                                     hld_city=_(hld["city"]), hld_when=when(hld))
    if follow_up["status"] == "announced":
        intro += " " + _("A follow-up meeting was announced for {country}, {when}; no record was found that it "
                         "took place.").format(country=i18n.country_name(follow_up["country_iso3"], lang),
                                               when=when(follow_up))
    st.markdown(intro)
    numbers = _("**{n}** signatories in **{regions}** UN M49 regions and **{subs}** sub-regions").format(
        n=len(sig), regions=sig["region"].nunique(), subs=sig["sub_region"].nunique())
    if open_view() in FILTERED_VIEWS:
        numbers += " · " + _("**{shown}** shown with the filter").format(shown=len(shown))
    st.markdown(numbers)


def _group_of(key: str, modes: dict[str, ColorMode]) -> str:
    if key in INDICATORS:
        return "Migration"
    return (modes.get(key) or modes[DEFAULT_COLOR_MODE]).group


def _on_group(modes: dict[str, ColorMode], group_of_name: dict[str, str]) -> None:
    """A new group: its first option, written to the URL."""
    group = group_of_name.get(st.session_state.get("color_group") or "", "")
    options = [k for k in modes if modes[k].group == group] or (list(INDICATORS) if group == "Migration" else [])
    if options and st.session_state.get("color_by") not in options:
        st.session_state["color_by"] = options[0]
    urlstate.write_from_widgets()


def _map_description(bundle: Bundle, shown: pd.DataFrame, mode: ColorMode, lang: str) -> str:
    """The map in one paragraph, for readers who cannot see it: each colour and its countries."""
    names = dict(zip(bundle.signatories["iso3"], summary.localized(bundle.signatories, lang)["name"]))
    inside = set(shown["iso3"])
    parts = []
    for category in mode.categories:
        members = sorted(names[c] for c, v in mode.values.items() if v == category and c in inside and c in names)
        if members:
            parts.append(f"{world_map_figure.category_name(category, lang)} ({len(members)}): {', '.join(members)}")
    text = _("The map shows where the {n} signatories are, coloured by “{what}”; other countries are "
             "grey.").format(n=len(inside), what=_(mode.label))
    return f"{text} " + ("; ".join(parts) + "." if parts else "")


def world_map(bundle: Bundle, shown: pd.DataFrame, modes: dict[str, ColorMode], view_year: str = "",
              controls: bool = True) -> None:
    """The map, then (`controls`) its colouring menus, description and source."""
    lang = language.current()
    st.header(_("Where the signatories are"), anchor="map")
    key = st.session_state.get("color_by") or ""
    shown_key = tuple(shown["iso3"])
    year, year_message = 0, ""
    if key in INDICATORS:  # a migration quantity: every country shaded, built only when chosen
        year, year_message = migration_sections.chosen_year(view_year, key)
        mode: ColorMode | ScaleMode = store.migration_mode(bundle.root, key, year, language.current())
        fig = store.migration_map(bundle.root, shown_key, key, year, language.current())
    else:
        mode = modes.get(key) or modes[DEFAULT_COLOR_MODE]
        fig = (store.world_map(bundle.root, shown_key, mode.key, lang) if mode.key in store.color_modes(bundle.root)
               else store.world_map_for(bundle.root, shown_key, mode, lang))
    signatories = frozenset(bundle.signatories["iso3"])
    fig = device.fit_map(fig)
    if key in INDICATORS:
        title, source = migration_sections.indicator_heading(key, year)
    else:
        title = _("Where the 24 signatories are · {colouring}").format(colouring=_(mode.label))
        extra = credits.MAP_EXTRA.get(mode.group)
        source = _("{sources}; {more}").format(sources=_(credits.MAP), more=_(extra)) if extra else _(credits.MAP)
    credits.plot(fig, source, title=title, key="world_map", on_select=lambda: _on_map_select(signatories),
                 selection_mode="points")
    if not controls:
        return
    # The controls come after the map (and its legend): on a phone the map is on the first screen.
    group, left, right = st.columns([1, 2, 1], vertical_alignment="bottom")
    labels = {k: _(m.label) for k, m in modes.items()} | {k: _("Migration: {label}").format(label=_(i.label))
                                                          for k, i in INDICATORS.items()}
    groups = list(dict.fromkeys([*(m.group for m in modes.values()), "Migration"]))
    # The menu's values are the groups' names in the page's language (no format_func): what the
    # session holds is what the reader sees, in any language.
    names = {g: _(g) for g in groups}
    st.session_state["color_group"] = names[_group_of(key or DEFAULT_COLOR_MODE, modes)]
    group.selectbox(_("Kind of colouring"), list(names.values()), key="color_group",
                    on_change=_on_group, args=(modes, {v: k for k, v in names.items()}))
    chosen = _group_of(key or DEFAULT_COLOR_MODE, modes)
    options = list(INDICATORS) if chosen == "Migration" else [k for k in modes if modes[k].group == chosen]
    left.selectbox(_("Colour the map by"), options, format_func=labels.get,
                   key="color_by", on_change=urlstate.write_from_widgets, persist_state="session")
    if isinstance(mode, ColorMode):
        st.markdown(_map_description(bundle, shown, mode, lang) + " "
                    + _("[The same countries in the table](#signatories)"))
    st.caption(" ".join(p for p in (_(SOURCE_MAP), _(mode.note), _("Click a signatory to open its profile."))
                        if p))
    if key in INDICATORS:
        with right:
            migration_sections.year_control(key, year)
        if year_message:
            st.info(year_message)
        return
    then_now = _then_now_pair(mode.key, modes)
    if then_now:
        st.session_state["map_when"] = "then" if mode.key == then_now[0] else "now"
        right.segmented_control(_("Treaty status"), ["then", "now"], key="map_when", required=True,
                                format_func={"then": _("At Lima, 2006"), "now": _("Latest known")}.get,
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


def _go_to(view: str) -> None:
    """Open another tab in this session (the profile's buttons): the view and the URL follow."""
    st.session_state["view"] = _(VIEWS[view])
    urlstate.write_from_widgets()


def profile_link(iso3: str) -> str:
    """The relative link that reopens this profile with the rest of the view (language, filter, colours)."""
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    params.pop("view", None)
    params["country"] = [iso3]
    return "?" + urlencode([(k, v) for k, values in params.items() for v in values])


def profile(bundle: Bundle) -> None:
    lang = language.current()
    sig = summary.localized(bundle.signatories, lang)
    names = dict(zip(sig["iso3"], sig["name"]))
    none = _("— pick a signatory, or click the map —")  # fixed now: a format_func may run after the run
    st.selectbox(_("Country profile"), ["", *sorted(names, key=lambda c: collation_key(names[c]))], key="country",
                 format_func=lambda c: names.get(c, none),
                 on_change=urlstate.write_from_widgets, width=360, persist_state="session")
    iso3 = st.session_state.get("country")
    if not iso3:
        return
    row = sig[sig["iso3"] == iso3].iloc[0]
    with st.container(border=True):
        st.subheader(f"{row['name']}  ·  {iso3}", anchor=False)
        left, right = st.columns(2)
        official, un_name, codes = _("Official name (English)"), _("UN name (English)"), _("Codes")
        left.markdown(
            f"**{official}:** {row['official_name']}  \n**{un_name}:** "
            f"{row['un_name']}  \n**{codes}:** " + _("ISO 3166-1 two-letter {iso2}, three-letter {iso3}, "
                                                          "numeric {numeric}; UN M49 {m49}").format(
                iso2=row["iso2"], iso3=iso3, numeric=row["iso_numeric"], m49=row["m49_code"]))
        path = " → ".join(p for p in (row["region"], row["sub_region"], row["intermediate_region"]) if p)
        region, written = _("Region (UN M49)"), _("Written in the press release as")
        right.markdown(f"**{region}:** {path}  \n**{written}:** "
                       f"“{row['name_in_source']}” (" + _("name {n} of 24").format(n=row["order_in_source"]) + ")")
        quote = bundle.list_sentence.replace(row["name_in_source"], f"**{row['name_in_source']}**", 1)
        st.markdown(f"> {quote}")
        if lang != "en":
            st.caption(i18n.language_messages(lang)["press_release"])
        _profile_context(bundle, iso3)
        migration_sections.profile_figures(bundle, iso3)
        st.markdown(_("See also, in this page:"))
        links = st.columns(5)
        for column, (view, label) in zip(links, (("migration", N_("Migration & remittances")),
                                                 ("treaties", N_("Treaties")),
                                                 ("processes", N_("Regional processes")),
                                                 ("sources", N_("The press release")))):
            column.button(_(label), key=f"profile_to_{view}", on_click=_go_to, args=(view,))
        own = _("Link to this profile")
        links[4].markdown(f"[{own}]({profile_link(iso3)})")
        st.caption(_(SOURCE_SEED) + " " + _("Treaties: the UN Treaty Collection."))


def _profile_context(bundle: Bundle, iso3: str) -> None:
    """The country's treaty status (at Lima and latest known) and its roles in regional processes."""
    lang = language.current()
    ctx = store.load_context(bundle.root, lang)
    lima = ctx.status["lima"].set_index(["iso3", "treaty"])
    latest = ctx.status["latest"][ctx.status["latest"]["iso3"] == iso3]
    rows = [{_("Treaty"): _(context.TREATIES[r["treaty"]][0]),
             _("At Lima, 16 May 2006"): _(lima.loc[(iso3, r["treaty"]), "status"]),
             _("Latest known"): _(r["status"]), _("Dates"): r["dates_text"],
             _("UN list of"): context.day(r["as_of"], lang),
             _("Why uncertain"): r["reason"] if r["uncertain"] else ""} for r in latest.to_dict("records")]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    roles = ctx.memberships[ctx.memberships["iso3"] == iso3]
    founded = [context.founded_text(p, None if pd.isna(y) else int(y), lang)
               for p, y in zip(roles["process"], roles["founded_year"])]
    listed = "; ".join(f"{context.label(p)} ({context.role_word(r, lang)}, {f})"
                       for p, r, f in zip(roles["process"], roles["role"], founded)) or _("none found")
    st.markdown("**" + _("Regional consultative processes") + f":** {escape_markdown(listed)}")


def collation_key(name: str) -> str:
    """Sort names as a reader expects: accents and case ignored (Égypte next to Équateur, El Salvador)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def table_frame(shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as the page shows it: names in `lang`, sorted by name, plain-word headers."""
    frame = summary.localized(shown, lang)[TABLE_COLUMNS]
    frame = frame.iloc[sorted(range(len(frame)), key=lambda i: collation_key(frame["name"].iloc[i]))]
    translate = i18n.translator(lang)
    return frame.rename(columns={c: translate(h) for c, h in TABLE_HEADERS.items()})


PLAIN_COLUMNS = ("name", "iso3", "region", "sub_region")  # four fit a phone's width


def plain_table(frame: pd.DataFrame) -> str:
    """A Markdown table of `frame`, every cell escaped (names are data, never markup)."""
    head = "| " + " | ".join(escape_markdown(str(c)) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(escape_markdown(str(v)) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def table(bundle: Bundle, shown: pd.DataFrame) -> None:
    lang = language.current()
    st.header(_("The signatories"), anchor="signatories")
    st.caption(_("Sorted by name. The interactive table adds every column, “{column}” among them, and sorts "
                 "by any of them.").format(column=_(TABLE_HEADERS["order_in_source"])))
    frame = table_frame(shown, lang)
    # A plain table first (a real HTML table: light, and read by screen readers); the interactive
    # grid, which costs a first visit about 1.5 MB of JavaScript, one click away.
    if st.toggle(_("Interactive table: sort, search and every column"), key="table_grid"):
        st.dataframe(frame, hide_index=True, key="signatory_table")
    else:
        st.markdown(plain_table(frame[[_(TABLE_HEADERS[c]) for c in PLAIN_COLUMNS]]))
    csv_shown = summary.localized(shown, lang)[CSV_COLUMNS]
    csv_all = summary.localized(bundle.signatories, lang)[CSV_COLUMNS]
    left, right = st.columns(2)
    left.download_button(_("Download these {n} rows (CSV)").format(n=len(shown)), csv_shown.to_csv(index=False),
                         file_name=package.csv_file_name("signatories", cite_section.signatory_filters()),
                         mime="text/csv", on_click="ignore")
    right.download_button(_("Download all 24 (CSV)"), csv_all.to_csv(index=False),
                          file_name="lima_declaration_signatories.csv", mime="text/csv",
                          on_click="ignore")
    st.caption(_(SOURCE_SEED) + " " + _("Codes: ISO 3166-1. The files keep the same column names in every "
                                        "language."))


def breakdowns(bundle: Bundle, shown: pd.DataFrame) -> None:
    lang = language.current()
    st.header(_("By region"), anchor="by-region")
    if shown.empty:
        st.info(_("No signatory matches the filter."))
        return
    figures = store.breakdown_figures(bundle.root, tuple(shown["iso3"]), lang)
    left, right = st.columns(2)
    source = _(credits.SIGNATORIES)
    credits.plot(figures["region"], source, where=left)
    credits.plot(figures["sub_region"], source, where=left)
    credits.plot(figures["hierarchy"], source, where=right,
                 title=_(catalog.CHARTS["hierarchy"].title))
    credits.plot(figures["coverage"], source)
    st.caption(_("Regions, sub-regions and countries (UN M49): each ring divides the one inside it.") + " "
               + _(SOURCE_SEED) + " " + _("Coverage counts every country or area of a region in the UN M49 list, "
                                        "territories included."))


def timeline(bundle: Bundle) -> None:
    lang = language.current()
    st.header(_("What happened when"), anchor="timeline")
    events = bundle.events
    figures = store.timeline_figures(bundle.root, lang)
    credits.plot(figures["timeline"], _(credits.EVENTS),
                 title=_(catalog.CHARTS["timeline"].title))
    credits.plot(figures["venues"], _(credits.EVENTS), title=_(catalog.CHARTS["venues"].title))
    order = " → ".join(f"{i}. {charts.place_label(r, lang)} ({_(r['status'])}; {_(r['location_note'])})"
                       for i, r in enumerate(events.to_dict("records"), start=1))
    st.caption(_("The venues in order (blue: held, orange: announced): {order}.").format(order=order))
    listing = pd.DataFrame({
        _("Event"): [_(n) for n in events["short_name"]],
        _("When"): [charts.date_label(r["start_date"], r["end_date"], r["date_precision"], lang)
                    for r in events.to_dict("records")],
        _("Place"): [charts.place_label(r, lang) for r in events.to_dict("records")],
        _("Status"): [_(s) for s in events["status"]],
        _("Date (ISO 8601)"): [_iso_date(d, p) for d, p in zip(events["start_date"], events["date_precision"])],
        _("Source"): events["source"], _("Confidence"): [_(c) for c in events["confidence"]],
    })
    st.dataframe(listing, hide_index=True)
    announced = [_(n) for n in events[events["status"] == "announced"]["short_name"]]
    st.caption(_("Sources: one per row. Announced, with no record found that it took place: {events}.").format(
        events=", ".join(announced) or _("none")))


def _iso_date(when: pd.Timestamp, precision: str) -> str:
    """An ISO date cut to what is known: 2007, 2007-03 or 2007-03-14 (never an invented day)."""
    return when.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))


CONFIDENCE = (N_("high"), N_("medium"), N_("low"))
ACRONYMS = {"IDB": "idb", "ECLAC": "eclac", "IOM": "iom", "ILO": "ilo", "UNODC": "unodc", "UNDP": "undp",
            "UN DESA": "desa"}


def organizations(bundle: Bundle) -> None:
    lang = language.current()
    st.header(_("International organisations present"), anchor="organisations")
    orgs = bundle.organizations
    full = [i18n.TERMS[ACRONYMS[a]][lang] if a in ACRONYMS else n
            for a, n in zip(orgs["acronym_en"], orgs["full_name"])]
    st.dataframe(pd.DataFrame({
        _("Organisation"): full, _("Written in the press release as"): orgs["acronym_in_source"],
        _("In the press release's list"): [_("yes") if v else _("no") for v in orgs["in_press_release_list"]],
        _("Note"): orgs["note"], _("Source"): orgs["source"].str.replace(" (seeds/)", "", regex=False),
    }), hide_index=True)
    st.caption(_("The press release's list is cut off after “UNDP,”: other organisations may have been present. "
                 "The UN Department of Economic and Social Affairs (UN DESA) is not in that list; its own "
                 "statement places it there."))


def _bold_the_list(seed: str, list_sentence: str, names: list[str]) -> str:
    """The press release as markdown, each signatory's name in bold exactly once: in the list of
    the 24 (a name split by a line break, like Sri Lanka, included; Morocco as the next venue not)."""
    paragraphs = [" ".join(p.split()) for p in seed.split("\n\n") if p.strip()]
    sentence = " ".join(list_sentence.split())
    out = []
    for paragraph in paragraphs:
        at = paragraph.find(sentence)
        if at < 0:
            out.append(escape_markdown(paragraph))
            continue
        listed = escape_markdown(sentence)
        for name in sorted(names, key=len, reverse=True):  # "Dominican Republic" before a shorter name in it
            listed = re.sub(rf"(?<![\w*]){re.escape(escape_markdown(name))}(?![\w*])",
                            lambda m: f"**{m.group(0)}**", listed, count=1)
        out.append(escape_markdown(paragraph[:at]) + listed + escape_markdown(paragraph[at + len(sentence):]))
    return "\n\n".join(out)


def press_release(bundle: Bundle) -> None:
    lang = language.current()
    st.header(_("The press release, verbatim, with the signatory names highlighted"), anchor="press-release")
    if lang != "en":
        st.info(i18n.language_messages(lang)["press_release"])
    with st.container(border=True):
        st.markdown(_bold_the_list(bundle.seed, bundle.list_sentence, list(bundle.signatories["name_in_source"])))
        st.caption(_("The text is cut off mid-sentence after “which hosted the” and after “regional consultative”, "
                     "and the list of organisations ends with a comma: kept as received.") + " " + _("Source:")
                   + " https://www.iom.int/news/countries-substantial-international-migration-flows-sign-declaration")


SOURCE_HEADERS = {"file": N_("File"), "title": N_("Title"), "source": N_("Source"), "license": N_("License"),
                  "accessed": N_("Accessed"), "sha256": N_("Checksum (SHA-256)"), "edits": N_("Edits"),
                  "derived_by": N_("Built by")}


def sources(bundle: Bundle) -> None:
    st.header(_("Sources and provenance of every data file"), anchor="sources")
    with st.container():
        st.dataframe(bundle.sources.rename(columns={c: _(h) for c, h in SOURCE_HEADERS.items()}), hide_index=True)
        st.caption(_("Checksums are SHA-256 of the shipped files and are verified when the data loads. The "
                     "Gapminder table ships inside the plotly package: its checksum is of the file installed."))
