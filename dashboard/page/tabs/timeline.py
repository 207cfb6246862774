"""The "Timeline" tab: the meetings in order and on a map, each with its source, and the international
organisations present at Lima."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.config import N_
from dashboard.core import i18n
from dashboard.core.package import Table
from dashboard.figures.timeline import date_label, place_label
from dashboard.page import credits, language
from dashboard.page.frame import Page
from dashboard.page.language import _

CONFIDENCE = (N_("high"), N_("medium"), N_("low"))
ACRONYMS = {"IDB": "idb", "ECLAC": "eclac", "IOM": "iom", "ILO": "ilo", "UNODC": "unodc", "UNDP": "undp",
            "UN DESA": "desa"}


def show(page: Page) -> None:
    """The timeline, the venues, the events' table, then the organisations."""
    timeline(page)
    organizations(page)


def _iso_date(when: pd.Timestamp, precision: str) -> str:
    """An ISO date cut to what is known: 2007, 2007-03 or 2007-03-14 (never an invented day)."""
    return when.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))


def timeline(page: Page) -> None:
    lang = language.current()
    st.header(_("What happened when"), anchor="timeline")
    events = page.tables.events
    credits.draw(page, "timeline")
    credits.draw(page, "venues")
    order = " → ".join(f"{i}. {place_label(r, lang)} ({_(r['status'])}; {_(r['location_note'])})"
                       for i, r in enumerate(events.to_dict("records"), start=1))
    st.caption(_("The venues in order (blue: held, orange: announced): {order}.").format(order=order))
    listing = pd.DataFrame({
        _("Event"): [_(n) for n in events["short_name"]],
        _("When"): [date_label(r["start_date"], r["end_date"], r["date_precision"], lang)
                    for r in events.to_dict("records")],
        _("Place"): [place_label(r, lang) for r in events.to_dict("records")],
        _("Status"): [_(s) for s in events["status"]],
        _("Date (ISO 8601)"): [_iso_date(d, p) for d, p in zip(events["start_date"], events["date_precision"])],
        _("Source"): events["source"], _("Confidence"): [_(c) for c in events["confidence"]],
    })
    st.dataframe(listing, hide_index=True)
    announced = [_(n) for n in events[events["status"] == "announced"]["short_name"]]
    st.caption(_("Each row names its own source. Announced, with no record found that it took place: {events}.").format(
        events=", ".join(announced) or _("none")))


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
    return [Table("events", "The meetings: Lima, New York, Morocco (announced)", page.tables.events,
                  ("data/events.csv",)),
            Table("organizations", "International organisations present", page.tables.organizations,
                  ("data/organizations.csv",))]
