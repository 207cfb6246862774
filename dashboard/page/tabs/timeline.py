"""The "Lima and after" tab: the events from 2006 to today in lanes and on a map, each with its source
and confidence; how the 24 voted on the Global Compact; the international organisations present at Lima."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from dashboard.config import N_
from dashboard.core import i18n, package, sources
from dashboard.core.events import KINDS, STATUS_WORDS, event_roles
from dashboard.core.package import Table
from dashboard.core.votes import RESOLUTIONS, VOTE_WORDS, signatory_votes
from dashboard.figures.modes import VOTE_LABELS, vote_sentence
from dashboard.figures.timeline import EVENT_CHOICES, chairs, date_label, only, place_label, roles_label
from dashboard.page import credits, frame, language, urlstate
from dashboard.page.filters import escape_markdown
from dashboard.page.frame import Page
from dashboard.page.language import _

CONFIDENCE = (N_("high"), N_("medium"), N_("low"), N_("announced only"))
ACRONYMS = {"IDB": "idb", "ECLAC": "eclac", "IOM": "iom", "ILO": "ilo", "UNODC": "unodc", "UNDP": "undp",
            "UN DESA": "desa"}
EVENTS_STATE, SWITCH = "timeline_events", "timeline_roles"  # the URL's ?events= value; the switch
VOTE_FILES = ("data/unga_votes.csv", "seeds/iom_press_release_2006_lima_declaration.txt")
EVENT_FILES = ("data/events.csv", "data/events_after.csv")
_URL = re.compile(r"https?://[^\s;,)]+")


def show(page: Page) -> None:
    """The timeline, the venues, the events' table and details, the votes, then the organisations."""
    timeline(page)
    details(page)
    votes(page)
    organizations(page)


def _iso_date(when: pd.Timestamp, precision: str) -> str:
    """An ISO date cut to what is known: 2007, 2007-03 or 2007-03-14 (never an invented day)."""
    return when.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))


def _switch() -> None:
    st.session_state[EVENTS_STATE] = "roles" if st.session_state.get(SWITCH) else "all"
    urlstate.write_from_widgets()


def _chairs_sentence(page: Page, lang: str) -> str:
    """'After Lima, 5 of the 24 chaired or co-chaired the GFMD: Philippines (2008), ...'."""
    events = page.tables.events
    roles = event_roles(events).merge(events[["event_id", "chair_term"]], on="event_id")
    roles = roles[roles["role"].isin(["chair", "co-chair"])]
    listed = []
    for iso3 in chairs(events):
        mine = roles[roles["iso3"] == iso3]
        terms = ", ".join(dict.fromkeys(mine["chair_term"]))
        word = _("co-chair") + ", " if set(mine["role"]) == {"co-chair"} else ""
        listed.append(f"{i18n.country_name(iso3, lang)} ({word}{terms})")
    return _("After Lima, {n} of the 24 chaired or co-chaired the Global Forum on Migration and Development "
             "(GFMD): {chairs}. On the charts, a diamond marks an event where one of the 24 had a role, and the "
             "countries are named beside it.").format(n=len(listed), chairs=", ".join(listed))


def timeline(page: Page) -> None:
    lang = language.current()
    st.header(_("Lima and after, 2006 to today"), anchor="timeline")
    st.markdown(_chairs_sentence(page, lang))
    st.session_state[SWITCH] = st.session_state.get(EVENTS_STATE) == "roles"
    st.toggle(_(EVENT_CHOICES["roles"]), key=SWITCH, on_change=_switch,
              help=_("Shown as ?events=roles in the address bar."))
    events = only(page.tables.events, page.options("timeline"))
    st.caption(credits.draw(page, "timeline", key="timeline_chart"))
    caption = credits.draw(page, "venues", fit=True, key="venues_chart")
    venues = events.dropna(subset=["lat", "lon"]).groupby(["lat", "lon"], sort=False).agg(
        city=("city", "first"), country_iso3=("country_iso3", "first"), count=("event_id", "size"))
    order = "; ".join(f"{place_label(r, lang)} ({r['count']})" for r in venues.to_dict("records"))
    online = events[events["lat"].isna()]
    st.caption(_("The places, in the order of their first event (number of events): {order}.").format(order=order)
               + (" " + _("Held online, not on the map: {events}.").format(
                   events=", ".join(_(n) for n in online["short_name"])) if len(online) else "") + " " + caption)
    listing = pd.DataFrame({
        _("Event"): [_(n) for n in events["short_name"]],
        _("When"): [date_label(r["start_date"], r["end_date"], r["date_precision"], lang)
                    for r in events.to_dict("records")],
        _("Place"): [place_label(r, lang) or _(r["city"]) for r in events.to_dict("records")],
        _("Kind"): [_(KINDS[k]) for k in events["kind"]],
        _("Role of the 24"): [roles_label(r, lang) for r in events["roles"]],
        _("Status"): [_(STATUS_WORDS[s]) for s in events["status"]],
        _("Confidence"): [_(c) for c in events["confidence"]],
        _("Date (ISO 8601)"): [_iso_date(d, p) for d, p in zip(events["start_date"], events["date_precision"])],
        _("Source"): events["source"],
    })
    st.dataframe(listing, hide_index=True, key="events_table")
    announced = [_(n) for n in events[events["status"] == "announced"]["short_name"]]
    st.caption(_("Each row names its own source. Announced, with no record found that it took place: {events}.").format(
        events=", ".join(announced) or _("none")))


def _linked(text: str) -> str:
    """Source text as Markdown: its web addresses as links, everything else shown as written."""
    parts, last = [], 0
    for match in _URL.finditer(text):
        url = match.group(0)
        parts += [escape_markdown(text[last:match.start()]), f"[{escape_markdown(url)}](<{url}>)"]
        last = match.end()
    return "".join([*parts, escape_markdown(text[last:])])


def details(page: Page) -> None:
    """One event opened: its full name in the records, date, place, roles, status, confidence, sources."""
    lang = language.current()
    events = only(page.tables.events, page.options("timeline")).set_index("event_id")
    now = language.bound()  # a format_func may run after the run (AppTest): its language is fixed here
    names = {e: f"{r['start_date'].year} · {now(r['short_name'])}" for e, r in events.iterrows()}
    chosen = st.selectbox(_("Open one event: its sources and confidence"), list(names), index=None,
                          format_func=lambda e: names.get(e, str(e)), key="timeline_event",
                          placeholder=_("— pick an event —"))
    if chosen not in events.index:
        return
    row = events.to_dict("index")[chosen]
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(_(row['short_name']))}**  \n" + _("In the records: {name}").format(
            name=escape_markdown(_(row["name"]))))
        lines = [(_("When"), date_label(row["start_date"], row["end_date"], row["date_precision"], lang)),
                 (_("Place"), place_label(row, lang) or _(row["city"])), (_("Kind"), _(KINDS[row["kind"]])),
                 (_("Role of the 24"), roles_label(row["roles"], lang) or _("none")),
                 (_("Status"), _(STATUS_WORDS[row["status"]])), (_("Confidence"), _(row["confidence"]))]
        st.markdown("  \n".join(f"**{k}:** {escape_markdown(v)}" for k, v in lines))
        st.markdown("**" + _("Sources") + ":**\n" + "\n".join(
            f"- {_linked(part.strip())}" for part in row["source"].split(" ; ") if part.strip()))


def vote_table(page: Page, lang: str) -> pd.DataFrame:
    """The 24's votes as the page shows them (in the order of the press release): names and votes
    in `lang`, plain-word headers."""
    found = signatory_votes(page.tables.votes, page.tables.signatories)
    headers = {f"vote_{r.replace('/', '_')}": _(VOTE_LABELS[r]) for r in RESOLUTIONS}
    shown = pd.DataFrame({_("Country"): [i18n.country_name(c, lang) for c in found["iso3"]]})
    for column, header in headers.items():
        shown[header] = [_(VOTE_WORDS[v]) for v in found[column]]
    return shown


def votes(page: Page) -> None:
    """How the 24 voted on 73/195 and 73/326, with the world's totals, a CSV and the way to the map."""
    lang = language.current()
    st.header(_("How the 24 voted on the Global Compact"), anchor="votes")
    iso3s = list(page.tables.signatories["iso3"])
    for resolution in RESOLUTIONS:
        st.markdown(vote_sentence(page.tables.votes, resolution, iso3s, lang))
    st.dataframe(vote_table(page, lang), hide_index=True, key="votes_table")
    left, middle, right = st.columns(3)
    left.download_button(_("Download the 24's votes (CSV)"),
                         package.csv_bytes(signatory_votes(page.tables.votes, page.tables.signatories)),
                         file_name=package.csv_file_name("votes_73_195_73_326"), mime="text/csv", on_click="ignore")
    middle.button(_("World map: the vote on the Global Compact"), key="map-gcm-vote", on_click=frame.show_on_map,
                  args=("gcm-vote",))
    right.button(_("World map: the vote on the review forums"), key="map-imrf-vote", on_click=frame.show_on_map,
                 args=("imrf-vote",))
    st.caption(sources.caption(("unga-votes", "press-release"), lang) + " " + _(
        "The file keeps the General Assembly's own codes in words: yes, no, abstain, non-voting."))


def organizations(page: Page) -> None:
    lang = language.current()
    st.header(_("International organisations present"), anchor="organisations")
    orgs = page.tables.organizations
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


def package_tables(page: Page) -> list[Table]:
    events = only(page.tables.events, page.options("timeline"))
    return [Table("events", "The events, Lima 2006 to today, each with its source and confidence", events,
                  EVENT_FILES),
            Table("votes_24", "How the 24 voted on resolutions 73/195 and 73/326",
                  signatory_votes(page.tables.votes, page.tables.signatories), VOTE_FILES),
            Table("organizations", "International organisations present", page.tables.organizations,
                  ("data/organizations.csv",))]
