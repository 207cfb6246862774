"""A signatory's profile on the map tab: its names and codes, its region, how the press release
writes it, its treaties and regional processes, its migration figures, and links onward."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard.config import N_
from dashboard.core import collation, events, i18n, processes, ranking, sources, summary, treaties, votes
from dashboard.figures import formats
from dashboard.figures.breaks import BREAK_MARK, break_sentence
from dashboard.figures.migration import STOCK_SOURCE, WDI_SOURCE
from dashboard.figures.modes import treaty_short
from dashboard.figures.timeline import date_label
from dashboard.page import costs, frame, language, urlstate
from dashboard.page.filters import escape_markdown
from dashboard.page.frame import Page
from dashboard.page.language import _

LINKS = (("migration", N_("Migration & remittances")), ("treaties", N_("Treaties")),
         ("processes", N_("Regional processes")), ("sources", N_("The press release")))
QUICK_KEY = "country_quick"  # the list of the 24 under the map (narrow or touch screens: frame.PAGE_CSS)
IN_VIEW = "_profile_in_view"  # the profile last brought into view (so that only a new one scrolls the page)
# The treaty table as a table on a wide screen, as a list on a narrower one (a phone reads it without
# scrolling sideways; a tablet with the sidebar open has ~500 px for it, where five columns wrap word by
# word); the picker and profile stop below Streamlit's toolbar when scrolled to.
PROFILE_CSS = """<style>
.st-key-profile {scroll-margin-top: 3.75rem;}
@media (max-width: 1000px) {.st-key-profile_treaty_table {display: none;}}
@media (min-width: 1001px) {.st-key-profile_treaty_list {display: none;}}
</style>"""
# Brings the profile to the top of the screen once it is drawn: the map above it may still grow as it
# renders, so the scroll is repeated until the profile holds still (3 s at most), and never after the
# reader scrolls, taps or types.
SCROLL_JS = """<script>
(() => {
  let tries = 0, still = 0, moved = false;
  const stop = () => { moved = true; };
  for (const name of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.parent.addEventListener(name, stop, {once: true, passive: true, capture: true});
    window.addEventListener(name, stop, {once: true, passive: true, capture: true});
  }
  const step = () => {
    const target = document.querySelector(".st-key-profile");
    if (moved || tries++ > 30 || still > 3) return;
    if (target) {
      const top = target.getBoundingClientRect().top;
      const want = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
      if (Math.abs(top - want) > 2) { target.scrollIntoView({block: "start"}); still = 0; } else { still += 1; }
    }
    setTimeout(step, 100);
  };
  step();
})();
</script>"""


def link(iso3: str) -> str:
    """The relative link that reopens this profile with the rest of the view (language, filter, colours)."""
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    params.pop("view", None)
    params["country"] = [iso3]
    return "?" + urlencode([(k, v) for k, values in params.items() for v in values])


def _names(page: Page, lang: str) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """The 24 in `lang`, their names by code, and the codes in the language's alphabetical order."""
    sig = summary.localized(page.tables.signatories, lang)
    names = dict(zip(sig["iso3"], sig["name"]))
    return sig, names, sorted(names, key=lambda c: collation.collation_key(names[c], lang))


def quick_picker(page: Page) -> None:
    """A list of the 24 right under the map: a finger's tap on a small country can land on its
    neighbour, and the profile's own picker is further down the page. Choosing opens the profile
    (which then scrolls into view). Always sent; the page's style shows it on narrow or touch screens
    only (frame.PAGE_CSS: the browser knows its width and pointer, the server would only guess)."""
    lang = language.current()
    _sig, names, ordered = _names(page, lang)
    st.session_state[QUICK_KEY] = st.session_state.get("country") or ""
    none = _("— pick a signatory —")
    st.selectbox(_("Open a signatory's profile"), ["", *ordered], key=QUICK_KEY,
                 format_func=lambda c: names.get(c, none), on_change=_open_quick)


def _open_quick() -> None:
    urlstate.open_country(st.session_state.get(QUICK_KEY) or "")


def show(page: Page) -> None:
    """The picker, and the chosen signatory's profile (brought into view when it changes)."""
    lang = language.current()
    sig, names, ordered = _names(page, lang)
    none = _("— pick a signatory, or click the map —")  # fixed now: a format_func may run after the run
    st.markdown(PROFILE_CSS, unsafe_allow_html=True)
    with st.container(key="profile"):
        st.selectbox(_("Country profile"), ["", *ordered], key="country", format_func=lambda c: names.get(c, none),
                     on_change=urlstate.write_from_widgets, width=360, persist_state="session")
        iso3 = st.session_state.get("country")
        if iso3 and iso3 in names:
            _profile(page, sig, iso3, lang)
    if iso3 and iso3 in names and st.session_state.get(IN_VIEW) != iso3:
        st.html(SCROLL_JS, unsafe_allow_javascript=True)
    st.session_state[IN_VIEW] = iso3 or ""


def _profile(page: Page, sig: pd.DataFrame, iso3: str, lang: str) -> None:
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
        quote = page.tables.list_sentence.replace(row["name_in_source"], f"**{row['name_in_source']}**", 1)
        st.markdown(f"> {quote}")
        if lang != "en":
            st.caption(i18n.language_messages(lang)["press_release"])
        _treaties_and_processes(page, iso3)
        _then_and_now(page, iso3)
        _migration(page, iso3)
        _costs(page, iso3)
        st.markdown(_("See also, in this page:"))
        links = st.columns(5)
        for column, (view, label) in zip(links, LINKS):
            column.button(_(label), key=f"profile_to_{view}", on_click=frame.go_to, args=(view,))
        own = _("Link to this profile")
        links[4].markdown(f"[{own}]({link(iso3)})")
        st.caption(sources.caption(("press-release", ("m49", "regions"), ("untc", "treaties")), lang))


def _treaties_and_processes(page: Page, iso3: str) -> None:
    """The country's treaty status (at Lima and latest known) and its roles in regional processes."""
    lang = language.current()
    lima = page.tables.treaty_status("lima", lang).set_index(["iso3", "treaty"])
    latest = page.tables.treaty_status("latest", lang)
    latest = latest[latest["iso3"] == iso3]
    records = latest.to_dict("records")
    rows = [{_("Treaty"): treaty_short(r["treaty"], lang),
             _("At Lima, 16 May 2006"): _(lima.loc[(iso3, r["treaty"]), "status"]),
             _("Latest known"): _(r["status"]), _("Dates"): r["dates_text"],
             _("UN list of"): treaties.day(r["as_of"], lang),
             _("Why uncertain"): r["reason"] if r["uncertain"] else ""} for r in records]
    table = pd.DataFrame(rows)
    if not table[_("Why uncertain")].any():
        table = table.drop(columns=[_("Why uncertain")])
    with st.container(key="profile_treaty_table"):
        st.markdown(frame.plain_table(table))
    with st.container(key="profile_treaty_list"):
        st.markdown("\n".join(_treaty_item(row) for row in rows))
    _memberships(page, iso3)


def _treaty_item(row: dict[str, str]) -> str:
    """One treaty as a line of a Markdown list (a phone's form of the table): 'Treaty · At Lima: party ·
    Latest known: party (dates; UN list of 3 February 2026)'."""
    name, lima, latest, dates, listed, *why = row.items()
    detail = "; ".join(x for x in (dates[1], f"{listed[0]} {listed[1]}", *(w[1] for w in why)) if x)
    return (f"- **{escape_markdown(name[1])}** · {escape_markdown(lima[0])}: {escape_markdown(lima[1])} · "
            f"{escape_markdown(latest[0])}: {escape_markdown(latest[1])} ({escape_markdown(detail)})")


def _memberships(page: Page, iso3: str) -> None:
    """The country's roles in the regional consultative processes, in one line."""
    lang = language.current()
    memberships = page.tables.memberships
    roles = memberships[memberships["iso3"] == iso3]
    founded = [processes.founded_text(p, None if pd.isna(y) else int(y), lang)
               for p, y in zip(roles["process"], roles["founded_year"])]
    listed = "; ".join(f"{processes.label(p)} ({processes.role_word(r, lang)}, {f})"
                       for p, r, f in zip(roles["process"], roles["role"], founded)) or _("none found")
    st.markdown("**" + _("Regional consultative processes") + f":** {escape_markdown(listed)}")


def _then_and_now(page: Page, iso3: str) -> None:
    """Lima then, the years after: its roles (a GFMD chairmanship once, with its years and summits;
    an event once, with all its roles), its national positions on the Global Compact (a departure
    and a return with both dates), and its recorded votes on 73/195 and 73/326."""
    lang = language.current()
    found = events.signatory_roles(page.tables.events, iso3, page.tables.votes)
    resolution = dict(zip(page.tables.events["event_id"], page.tables.events["resolution"]))
    items: dict[tuple[str, str], dict] = {}  # in date order: a chairmanship, a vote or an event
    for row in found.to_dict("records"):
        key = ((row["role"], row["chair_term"]) if row["role"] in ("chair", "co-chair")
               else ("vote" if row["role"] == "vote" else "event", row["event_id"]))
        item = items.setdefault(key, {"row": row, "roles": [], "events": []})
        item["roles"].append(_(events.ROLES.get(row["role"], "")))
        item["events"].append(_(row["short_name"]))
    listed = []
    for (kind, _key), item in items.items():
        row, name = item["row"], item["events"][0]
        if kind == "vote":
            res = votes.RESOLUTIONS[resolution[row["event_id"]]]
            text = _("vote on {symbol} ({date}): {vote}").format(
                symbol=res.symbol.removeprefix("A/RES/"), date=treaties.day(res.date, lang),
                vote=_(votes.VOTE_WORDS[row["vote"]]))
        elif kind != "event":
            text = _("GFMD {role}, {years} ({events})").format(role=item["roles"][0], years=row["chair_term"],
                                                              events=", ".join(item["events"]))
        elif row["role"] == "position" and pd.notna(row["end_date"]):
            text = _("{event}: {start}, then {end}").format(
                event=name, start=i18n.format_date(row["start_date"].date(), lang),
                end=i18n.format_date(row["end_date"].date(), lang))
        else:
            text = _("{roles}: {event}, {when}").format(roles=", ".join(item["roles"]), event=name, when=date_label(
                row["start_date"], row["end_date"], row["date_precision"], lang))
        listed.append(text + (" (" + _("medium confidence") + ")" if row["confidence"] == "medium" else ""))
    st.markdown("**" + _("Then and now") + ":** " + escape_markdown(" · ".join(listed) or _("no role found")))
    st.caption(sources.caption(("events-after", ("unga-votes", "votes")), lang))


def _num(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _migration(page: Page, iso3: str) -> None:
    """The profile's migration lines: emigrants, immigrants, top destinations, remittances."""
    lang = language.current()
    frame_ = page.tables.migration_table(lang)
    found = frame_[frame_["iso3"] == iso3]
    if found.empty:
        return
    r = found.iloc[0]

    def people(column: str) -> str:
        return formats.people(_num(r[column]), lang)

    def usd(column: str) -> str:
        return formats.usd(_num(r[column]), lang)

    def pct(column: str) -> str:
        return formats.percent(_num(r[column]), lang)

    figures = dict(
        emi0=people("emigrants_2005"), emi1=people("emigrants_2020"), imm0=people("immigrants_2005"),
        imm1=people("immigrants_2020"), top=r["top_destinations_2020"] or formats.no_data(lang),
        rem0=usd("remittances_usd_2005"), gdp0=pct("remittances_pct_gdp_2005"), rem1=usd("remittances_usd_2023"),
        gdp1=pct("remittances_pct_gdp_2023"))
    broken = ranking.break_at(page.tables.series_breaks, iso3, "remittances_usd", 2005)
    if broken is None:
        st.markdown(_(
            "**Emigrants abroad:** {emi0} (2005) → {emi1} (2020) · **Immigrants:** {imm0} (2005) → {imm1} (2020)  \n"
            "**Top destinations, 2020:** {top}  \n"
            "**Remittances received:** {rem0} in 2005 ({gdp0} of GDP) → {rem1} in 2023 ({gdp1} of GDP)").format(
            **figures))
    else:  # a 2005 figure inside a series break is given, marked, and not set against the latest one
        st.markdown(_(
            "**Emigrants abroad:** {emi0} (2005) → {emi1} (2020) · **Immigrants:** {imm0} (2005) → {imm1} (2020)  \n"
            "**Top destinations, 2020:** {top}  \n"
            "**Remittances received:** {rem1} in 2023 ({gdp1} of GDP); the 2005 figure, {rem0} {mark}, is inside a "
            "break in the series and is not compared with it").format(mark=BREAK_MARK, **figures))
        note = break_sentence(broken, page.tables.names_in(lang).get(iso3, iso3), lang)
        st.caption(BREAK_MARK + " " + note.replace("$", "\\$"))  # "US$" is no LaTeX formula
    st.caption(sources.caption(((STOCK_SOURCE, "migration"), (WDI_SOURCE, "remittances")), lang))


def _costs(page: Page, iso3: str) -> None:
    """The cost of sending money to it (2011, 2020) and its dearest corridor (the words: page/costs.py)."""
    st.markdown(costs.profile_line(page, iso3))
    st.caption(costs.profile_source())
