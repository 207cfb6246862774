"""The "Map & table" tab: where the 24 are on a world map coloured as the reader chooses, a country's
profile, and the table of the signatories with its downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.config import DEFAULT_COLOR_MODE, N_
from dashboard.core import collation, i18n, package, sources, summary
from dashboard.core.package import Table
from dashboard.figures import map as map_figure
from dashboard.figures import regions
from dashboard.figures.migration import INDICATORS
from dashboard.figures.modes import ColorMode
from dashboard.figures.world import category_name
from dashboard.page import credits, frame, language, profile, store, urlstate
from dashboard.page.frame import Page
from dashboard.page.language import _
from dashboard.page.tabs import compare, migration

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
PLAIN_COLUMNS = ("name", "iso3", "region", "sub_region")  # four fit a phone's width
SIGNATORY_FILES = ("seeds/iom_press_release_2006_lima_declaration.txt", "data/m49.csv")
MIGRATION_GROUP = N_("Migration")


def show(page: Page) -> None:
    """The map tab: the map (alone on a first paint), then the profile and the table."""
    world_map(page)
    if not page.light:
        profile.show(page)
        table(page)


def modes(page: Page) -> dict[str, ColorMode]:
    """The map's colourings with a category per country, in the page's language (the list the
    visitor compared among them, if any)."""
    shipped = store.colour_modes(page.root, language.current())
    return {**shipped, "compare": compare.LIST_MODE} if compare.own_list() else shipped


def _group_of(key: str, modes: dict[str, ColorMode]) -> str:
    if key in INDICATORS:
        return MIGRATION_GROUP
    return (modes.get(key) or modes[DEFAULT_COLOR_MODE]).group


def _on_group(modes: dict[str, ColorMode], group_of_name: dict[str, str]) -> None:
    """A new group: its first option, written to the URL."""
    group = group_of_name.get(st.session_state.get("color_group") or "", "")
    options = [k for k in modes if modes[k].group == group] or (list(INDICATORS) if group == MIGRATION_GROUP else [])
    if options and st.session_state.get("color_by") not in options:
        st.session_state["color_by"] = options[0]
    urlstate.write_from_widgets()


def _description(page: Page, mode: ColorMode, lang: str) -> str:
    """The map in one paragraph, for readers who cannot see it: each colour and its countries."""
    sig = page.tables.signatories
    names = dict(zip(sig["iso3"], summary.localized(sig, lang)["name"]))
    inside = set(page.shown["iso3"])
    parts = []
    for category in mode.categories:
        members = collation.sort_names([names[c] for c, v in mode.values.items() if v == category and c in inside],
                                       lang)
        if members:
            label = category_name(category, lang)
            parts.append(f"{label[:1].upper()}{label[1:]} ({len(members)}): {', '.join(members)}")
    if any(c not in names for c in mode.values):  # every state coloured (treaties, votes, a compared list)
        text = _("The map colours every country by “{what}” and outlines the {n} signatories; among "
                 "them:").format(n=len(inside), what=_(mode.label))
    else:
        text = _("The map shows where the {n} signatories are, coloured by “{what}”; other countries are "
                 "grey.").format(n=len(inside), what=_(mode.label))
    return f"{text} " + ("; ".join(parts) + "." if parts else "")


def world_map(page: Page) -> None:
    """The map, then (unless a first paint) its colouring menus, description and source."""
    lang = language.current()
    st.header(_("Where the signatories are"), anchor="map")
    shown_modes = modes(page)
    key = st.session_state.get("color_by") or DEFAULT_COLOR_MODE
    year, year_message, extra = 0, "", {}
    if key in INDICATORS:  # a migration quantity: every country shaded
        year, year_message = migration.chosen_year(page.view.one("year"), key)
        extra["year"] = (str(year),)
    own = compare.own_list() if key == "compare" else None
    signatories = frozenset(page.tables.signatories["iso3"])
    options = {k: v for k, v in page.options("map").items() if k != "year" or key in INDICATORS} | extra
    caption = credits.draw(page, "map", options=options, own=own, fit=True, key="world_map",
                           on_select=lambda: _on_map_select(signatories), selection_mode="points")
    if page.light:
        return
    profile.quick_picker(page)  # the 24 by name, right under the map, on narrow or touch screens
    # The controls come after the map (and its legend): on a phone the map is on the first screen.
    group, left, right = st.columns([1, 2, 1], vertical_alignment="bottom")
    labels = {k: _(m.label) for k, m in shown_modes.items()} | {
        k: _("Migration: {label}").format(label=_(i.label)) for k, i in INDICATORS.items()}
    groups = list(dict.fromkeys([*(m.group for m in shown_modes.values()), MIGRATION_GROUP]))
    # The menu's values are the groups' names in the page's language (no format_func): what the
    # session holds is what the reader sees, in any language.
    names = {g: _(g) for g in groups}
    st.session_state["color_group"] = names[_group_of(key, shown_modes)]
    group.selectbox(_("Kind of colouring"), list(names.values()), key="color_group",
                    on_change=_on_group, args=(shown_modes, {v: k for k, v in names.items()}))
    chosen = _group_of(key, shown_modes)
    choices = list(INDICATORS) if chosen == MIGRATION_GROUP else [k for k in shown_modes
                                                                  if shown_modes[k].group == chosen]
    left.selectbox(_("Colour the map by"), choices, format_func=lambda k: labels.get(k, k),
                   key="color_by", on_change=urlstate.write_from_widgets, persist_state="session")
    mode = (map_figure.compared(page.tables, {**own, "lang": (lang,)}) if own else None) if key == "compare" \
        else shown_modes.get(key)
    if mode is not None:
        st.markdown(_description(page, mode, lang) + " " + _("[The same countries in the table](#signatories)"))
    st.caption(caption + " " + _("Click a signatory to open its profile."))
    if key in INDICATORS:
        with right:
            migration.year_control(key, int(year))
        if year_message:
            st.info(year_message)
        return
    then_now = _then_now_pair(key, shown_modes)
    if then_now:
        st.session_state["map_when"] = "then" if key == then_now[0] else "now"
        right.segmented_control(_("Treaty status"), ["then", "now"], key="map_when", required=True,
                                format_func=lambda k: {"then": _("At Lima, 2006"), "now": _("Latest known")}[k],
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


def table_frame(shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as the page shows it: names in `lang`, sorted by name, plain-word headers."""
    frame_ = summary.localized(shown, lang)[TABLE_COLUMNS]
    frame_ = frame_.sort_values("name", key=lambda names: names.map(lambda n: collation.collation_key(n, lang)))
    translate = i18n.translator(lang)
    return frame_.rename(columns={c: translate(h) for c, h in TABLE_HEADERS.items()})


def signatory_filters() -> dict[str, list[str]]:
    """The sidebar filter, for file names: {"region": [...], "subregion": [...]}."""
    return {"region": list(st.session_state.get("regions") or ()),
            "subregion": list(st.session_state.get("sub_regions") or ())}


def table(page: Page) -> None:
    lang = language.current()
    st.header(_("The signatories"), anchor="signatories")
    st.caption(_("Sorted by name. The interactive table adds every column, “{column}” among them, and sorts "
                 "by any of them.").format(column=_(TABLE_HEADERS["order_in_source"])))
    shown_table = table_frame(page.shown, lang)
    # A plain table first (a real HTML table: light, and read by screen readers); the interactive
    # grid, which costs a first visit about 1.5 MB of JavaScript, one click away.
    if st.toggle(_("Interactive table: sort, search and every column"), key="table_grid"):
        st.dataframe(shown_table, hide_index=True, key="signatory_table")
    else:
        st.markdown(frame.plain_table(shown_table[[_(TABLE_HEADERS[c]) for c in PLAIN_COLUMNS]]))
    csv_shown = summary.localized(page.shown, lang)[CSV_COLUMNS]
    csv_all = summary.localized(page.tables.signatories, lang)[CSV_COLUMNS]
    left, right = st.columns(2)
    left.download_button(_("Download these {n} rows (CSV)").format(n=len(page.shown)), package.csv_bytes(csv_shown),
                         file_name=package.csv_file_name("signatories", signatory_filters()),
                         mime="text/csv", on_click="ignore")
    right.download_button(_("Download all 24 (CSV)"), package.csv_bytes(csv_all),
                          file_name="lima_declaration_signatories.csv", mime="text/csv",
                          on_click="ignore")
    st.caption(sources.caption(regions.SIGNATORIES, lang) + " " + _(
        "Codes: ISO 3166-1. The files keep the same column names in every language."))


def package_tables(page: Page) -> list[Table]:
    """The tables of this view for the data package."""
    return [Table("signatories", "The signatories shown (with the sidebar filter)", page.shown[CSV_COLUMNS],
                  SIGNATORY_FILES)]
