"""What every tab shares: the visit's state, the heading and key numbers, the language picker, the
sidebar filter, warnings about the URL, the page that names a broken data file, moving between tabs."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st
from babel.dates import format_skeleton

from dashboard.config import DEFAULT_VIEW, VIEWS
from dashboard.core import i18n
from dashboard.data import Tables
from dashboard.figures import catalog
from dashboard.figures.compare import LIST_PARAM
from dashboard.figures.timeline import date_label
from dashboard.page import language, light, urlstate
from dashboard.page.filters import escape_markdown
from dashboard.page.language import _
from dashboard.page.urlstate import View

# The filter acts on these tabs only; elsewhere the sidebar is not drawn.
FILTERED_VIEWS = ("map", "regions")
# What Morocco hosted after the follow-up it had announced (dashboard/core/events.py event ids).
MOROCCO_LATER = ("rabat-2006", "gfmd-2018", "gcm-adoption-2018")
CAME_FROM = "_came_from"  # (tab a button was pressed on, tab it opened): the way back
# Tabs that wrap onto another line where they do not fit (a phone, a tablet, a narrow window, the
# sidebar open): every tab in sight, none behind a chevron, the open one marked on its own line.
# Nothing here changes what is drawn before it arrives where the tabs fit on one line (headings are
# sized by the theme, .streamlit/config.toml: a style sent with the page applies after the text).
PAGE_CSS = """<style>
[role="tablist"] {flex-wrap: wrap !important; row-gap: 0.1rem !important; overflow: visible !important;
                  width: auto !important;}
[role="tablist"] [role="tab"][aria-selected="true"] {box-shadow: inset 0 -3px 0 #0072B2;}
/* Buttons and options whose words do not fit on one line take two, never cut mid-word. */
:is(.stButton, .stDownloadButton, .stFormSubmitButton, [data-testid="stButtonGroup"]) button p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}
:is(.stButton, .stDownloadButton, .stFormSubmitButton, [data-testid="stButtonGroup"]) button {height: auto;}
/* The 24 by name under the map (page/profile.py) on a narrow screen or a touch screen, whatever the
   browser calls itself: a finger can miss a small country. A wide window with a mouse does not need it. */
@media (min-width: 641px) and (pointer: fine) {.st-key-country_quick {display: none !important;}}
</style>"""


@dataclass(frozen=True)
class Page:
    """One run of the page: the data, the view the URL asked for, the filter's signatories."""

    root: Path
    tables: Tables
    view: View
    shown: pd.DataFrame  # the signatories inside the sidebar's filter (all 24 without one)
    light: bool = False  # a first paint: the map's screen only (page/first_paint.py)
    maps: list[str] = field(default_factory=list, compare=False)  # world maps drawn in this run (map_fit.py)

    def options(self, name: str, **extra: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The options of the catalog's chart `name` in this view: the URL parameters it follows,
        as the widgets hold them now, and the page's language."""
        values = {p: urlstate.current(p) for p in catalog.chart(name).params if p in urlstate.PARAMS}
        return {**values, **{k: tuple(v) for k, v in extra.items()}, "lang": (language.current(),)}


def data_error(exc: Exception) -> None:
    """A page that names the broken file and what to do, instead of a traceback."""
    st.error(_("The dashboard cannot start: a data file is broken.") + "\n\n**" + _("File:") + "** `"
             + str(getattr(exc, "path", "?")) + "`\n\n**" + _("Problem:") + f"** {getattr(exc, 'problem', exc)}"
             + "\n\n**" + _("What to do:") + "** "
             + str(getattr(exc, "remedy", _("Restore the data/ folder from the repository."))))
    st.stop()


def open_view() -> str:
    """The URL value of the open tab (the tabs widget holds its translated label)."""
    return {_(label): key for key, label in VIEWS.items()}.get(str(st.session_state.get("view")), DEFAULT_VIEW)


def go_to(view: str) -> None:
    """Open another tab in this session (a button's callback): the view and the URL follow, and the
    tab it was pressed on is kept, for the way back (way_back)."""
    st.session_state[CAME_FROM] = (open_view(), view)
    _open(view)


def _open(view: str) -> None:
    st.session_state["view"] = _(VIEWS[view])
    urlstate.write_from_widgets()


def _go_back(view: str) -> None:
    st.session_state.pop(CAME_FROM, None)
    _open(view)


def way_back(view: str) -> None:
    """On a tab a button of another tab opened ("World map", a profile's "See also"): a button back
    to that tab, where the reader was."""
    came = st.session_state.get(CAME_FROM)
    if not came or came[1] != view or came[0] == view or came[0] not in VIEWS:
        return
    st.button(_("Back to {tab}").format(tab=_(VIEWS[came[0]])), key="way_back", on_click=_go_back,
              args=(came[0],), icon=":material/arrow_back:", type="tertiary")


def show_on_map(mode_key: str, codes: str = "") -> None:
    """Button callback: colour the map by `mode_key` and open the map tab (a compared list's
    countries go into the link, so that it reopens)."""
    st.session_state["color_by"] = mode_key
    go_to("map")
    if codes:
        st.query_params[LIST_PARAM] = codes


def region_labeller() -> Callable[[str], str]:
    """A UN M49 region's name in the page's language now (widgets keep the English value for the
    URL); fixed when the widget is drawn, since a format_func may be called after the run."""
    lang = language.current()
    return lambda name: i18n.region_name_for(name, lang)


def sidebar(page: Page, widgets: bool = True) -> None:
    """The region filter, drawn only on the tabs it acts on; its values survive the other tabs
    (persist_state), and the URL keeps them. `widgets=False`: its heading alone (a first paint)."""
    sig = page.tables.signatories
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
    st.segmented_control(words["label"], list(i18n.LANGUAGES), format_func=lambda lang: i18n.LANGUAGE_NAMES[lang],
                         key="lang", required=True, on_change=urlstate.write_from_widgets, label_visibility="collapsed")


def ignored_values(view: View) -> None:
    """One warning per URL value that was not used, shown as typed (never as markdown)."""
    for param, value in view.ignored:
        st.warning(_("Ignored the value “{value}” of the URL parameter `{param}`: it is not one the "
                     "dashboard knows. Showing the view without it.").format(value=escape_markdown(value),
                                                                            param=param))


def page_style() -> None:
    """The page's own styles, first of all, so that nothing drawn moves when they apply. In the
    page's flow (st.html would put a style-only block among transient events)."""
    st.html(PAGE_CSS)


def heading(page: Page) -> None:
    """The title, one paragraph and the key numbers in one line (a phone sees the map on its first screen)."""
    lang = language.current()
    sig = page.tables.signatories
    by_id = page.tables.events.set_index("event_id", drop=False)
    lima, hld, follow_up = (by_id.loc[e].to_dict() for e in ("lima-2006", "hld-2006", "lima-followup-2007"))

    def when(event: dict) -> str:
        return date_label(event["start_date"], event["end_date"], event["date_precision"], lang)

    def month(event: dict) -> str:
        return format_skeleton("yMMMM", event["start_date"].date(), locale={"en": "en_GB"}.get(lang, lang))

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
        later = [by_id.loc[e].to_dict() for e in MOROCCO_LATER if e in by_id.index]
        if len(later) == len(MOROCCO_LATER):
            rabat, summit, compact = later
            intro += " " + _("{country} later hosted the Rabat conference ({rabat}: another process, not this "
                             "group's), a summit of the Global Forum on Migration and Development ({city}, {summit}) "
                             "and the conference that adopted the Global Compact for Migration ({compact_city}, "
                             "{compact}).").format(
                country=i18n.country_name(follow_up["country_iso3"], lang), rabat=month(rabat),
                city=_(summit["city"]), summit=month(summit), compact_city=_(compact["city"]), compact=month(compact))
    st.markdown(intro)
    numbers = _("**{n}** signatories in **{regions}** UN M49 regions and **{subs}** sub-regions").format(
        n=len(sig), regions=sig["region"].nunique(), subs=sig["sub_region"].nunique())
    if open_view() in FILTERED_VIEWS:
        numbers += " · " + _("**{shown}** shown with the filter").format(shown=len(page.shown))
    st.markdown(numbers)
    light.link(view=open_view())  # where the light edition is published (LIMA_STATIC_URL)


def plain_table(frame: pd.DataFrame) -> str:
    """A Markdown table of `frame`, every cell escaped (names are data, never markup)."""
    head = "| " + " | ".join(escape_markdown(str(c)) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(escape_markdown(str(v)) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def headers(frame: pd.DataFrame, words: Mapping[str, str]) -> pd.DataFrame:
    """`frame` with its machine column names replaced by plain words in the page's language."""
    return frame.rename(columns={k: _(v) for k, v in words.items()})
