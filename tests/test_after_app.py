"""Lima and after (issue 18) as a visitor sees it, through AppTest: the tab, ?events=roles, an
event's details, the 24's votes and their CSV, the vote colourings, the profile's then and now,
the Morocco thread in the heading, the treaty tab's newer lists, in English, Spanish and French."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from apptest_support import frame_with, map_spec, run

from dashboard.config import NOT_SIGNATORY
from dashboard.core import cite, package, sources
from dashboard.core import events as ev
from dashboard.core.votes import signatory_votes
from dashboard.data import Tables, load_events
from dashboard.figures import modes, world
from dashboard.page.tabs import timeline as timeline_tab

ROOT = Path(__file__).resolve().parents[1]


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def prose(at) -> str:
    return "\n".join(m.value for m in at.markdown if not m.value.startswith("<style>"))


def drawn_events(at) -> set[str]:
    """The event ids the timeline chart draws."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {e for t in spec["data"] if t.get("customdata") for e in t["customdata"]}


def test_the_heading_tells_the_morocco_thread():
    intro = prose(run())
    assert ("to be presented at the UN High-Level Dialogue on International Migration and Development "
            "(New York, 14–15 Sept 2006)") in intro
    assert "announced for Morocco, 2007 (year only); no record was found that it took place" in intro
    assert ("Morocco later hosted the Rabat conference (July 2006: another process, not this group's), a summit "
            "of the Global Forum on Migration and Development (Marrakech, December 2018) and the conference that "
            "adopted the Global Compact for Migration (Marrakech, December 2018).") in intro


def test_the_tab_from_2006_to_today():
    at = run(view="timeline")
    assert [h.value for h in at.header][:2] == ["Lima and after, 2006 to today",
                                                "How the 24 voted on the Global Compact"]
    assert ("5 of the 24 chaired or co-chaired the Global Forum on Migration and Development (GFMD): Philippines "
            "(2008), Mexico (2010), Morocco (co-chair, 2017-2018), Ecuador (2019), Colombia (2024-2025)") in prose(at)
    assert len(drawn_events(at)) == 30 and not at.toggle(key=timeline_tab.SWITCH).value
    table = frame_with(at, "Role of the 24")
    row = table[table["Event"] == "Paraguay stays away from the vote"].iloc[0]
    assert (row["Confidence"], row["Role of the 24"], row["Kind"]) == ("medium", "Paraguay: national position",
                                                                       "National positions")
    assert "lanacion.com.py" in row["Source"]
    rabat = table[table["Event"] == "Rabat conference (Rabat Process)"].iloc[0]
    assert rabat["Kind"] == "Other processes"
    assert "Held online, not on the map: 13th GFMD summit (online)." in captions(at)
    assert "Medium confidence: Dominican Republic stays out of the Compact" in captions(at)
    assert "(GFMD), the United Nations and governments, each event with its own sources" in captions(at)


def test_only_where_the_24_had_a_role_lives_in_the_url():
    at = run(view="timeline", events="roles")
    wanted = set(ev.events_with_role(load_events())["event_id"])
    assert drawn_events(at) == wanted and len(wanted) == 14
    assert at.toggle(key=timeline_tab.SWITCH).value
    roles = frame_with(at, "Role of the 24")["Role of the 24"]
    assert len(roles) == 14 and (roles != "").all()
    at.toggle(key=timeline_tab.SWITCH).set_value(False).run()
    assert len(drawn_events(at)) == 30 and "events" not in at.query_params
    at.toggle(key=timeline_tab.SWITCH).set_value(True).run()
    assert at.query_params["events"] in ("roles", ["roles"]) and drawn_events(at) == wanted


@pytest.mark.parametrize("hostile", ["ROLES ", "<script>alert(1)</script>", "all;roles", "x" * 500])
def test_a_hostile_events_value_is_ignored_with_a_warning(hostile):
    at = run(view="timeline", events=hostile)
    if hostile.strip().lower() == "roles":  # the URL's values are matched loosely, like the others
        assert len(drawn_events(at)) == 14 and not at.warning
        return
    assert len(drawn_events(at)) == 30
    (warning,) = [w.value for w in at.warning]
    assert "`events`" in warning and "<script>" not in warning


def test_one_event_opened_with_its_sources():
    at = run(view="timeline")
    at.selectbox(key="timeline_event").set_value("gfmd-2018").run()
    text = prose(at)
    assert "**11th GFMD summit**" in text and "Morocco\\: host, co\\-chair" in text
    assert "\\-logistics\\-note](<https://docslib.org/doc/903626/marrakesh-summit-logistics-note>) \\(GFMD" in text
    assert "**Confidence:** high" in text


def test_the_24s_votes_their_csv_and_the_package():
    at = run(view="timeline")
    table = frame_with(at, "Country")
    (resolution_195,) = [c for c in table.columns if "73/195" in c]
    votes = dict(zip(table["Country"], table[resolution_195]))
    assert len(votes) == 24 and list(votes.values()).count("in favour") == 21
    assert (votes["Algeria"], votes["Paraguay"], votes["Dominican Republic"]) == ("abstained", "did not vote",
                                                                                   "did not vote")
    assert "152 in favour, 5 against, 12 abstained, 24 did not vote" in prose(at)
    assert "21 in favour, 0 against, 1 abstained (Algeria), 2 did not vote (Dominican Republic, Paraguay)" in prose(at)
    (button,) = [b for b in at.get("download_button") if "votes" in b.proto.label]
    assert button.proto.label == "Download the 24's votes (CSV)"
    assert "record 1656414" in captions(at)


class _Page:
    """What the tab's package_tables reads of a page: its tables and the timeline's options."""

    def __init__(self, events: str = "all") -> None:
        self.tables = Tables()
        self._events = events

    def options(self, name: str) -> dict:
        return {"events": (self._events,), "lang": ("en",)}


def test_the_csv_bytes_and_the_data_package_hold_the_votes():
    page = _Page()
    data = package.csv_bytes(signatory_votes(page.tables.votes, page.tables.signatories))
    assert data.startswith(package.BOM)
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert frame.set_index("iso3").loc["DZA", "vote_73_195"] == "abstain"
    assert frame.set_index("iso3").loc["BRA", "vote_73_326"] == "non-voting" and len(frame) == 24
    found = timeline_tab.package_tables(page)
    assert [t.name for t in found] == ["events", "votes_24", "organizations"]
    c = cite.cite("Lima and after · The Lima Declaration, 2006", "http://h/", {"view": ["timeline"]}, "1.0.0+x",
                  date(2026, 12, 6), publishers=sources.of_files([p for t in found for p in t.derived_from]))
    blob = package.build_package(found, c, "Lima and after", ROOT)
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        votes = pd.read_csv(io.BytesIO(zf.read("votes_24.csv")), encoding="utf-8-sig")
        events = pd.read_csv(io.BytesIO(zf.read("events.csv")), encoding="utf-8-sig")
        descriptor = json.loads(zf.read("datapackage.json"))
    assert dict(zip(votes["iso3"], votes["vote_73_195"]))["PRY"] == "non-voting" and len(events) == 30
    (res,) = [r for r in descriptor["resources"] if r["path"] == "votes_24.csv"]
    assert any("digitallibrary.un.org/record/1656414" in s["path"] for s in res["sources"])
    assert "United Nations Digital Library" in " ".join(c.credits)
    assert len(timeline_tab.package_tables(_Page("roles"))[0].frame) == 14  # the view's events


def test_the_vote_map():
    at = run(color="gcm-vote")
    spec = map_spec(at)
    colours = world.map_colours(spec)
    assert colours["DZA"] == modes.VOTE_COLOURS["abstain"] and colours["PRY"] == modes.VOTE_COLOURS["non-voting"]
    assert colours["DOM"] == modes.VOTE_COLOURS["non-voting"] and colours["PER"] == modes.VOTE_COLOURS["yes"]
    assert colours["XKX" if "XKX" in colours else "TWN"] == NOT_SIGNATORY
    text = captions(at)
    assert "152 in favour, 5 against, 12 abstained, 24 did not vote" in text
    assert "21 in favour, 0 against, 1 abstained (Algeria), 2 did not vote (Dominican Republic, Paraguay)" in text
    assert at.selectbox(key="color_group").value == "The Global Compact"
    assert "Algeria" in prose(at) and "Abstained (1): Algeria" in prose(at)
    imrf = run(color="imrf-vote")
    assert "118 in favour, 5 against, 13 abstained, 57 did not vote" in captions(imrf)
    assert world.map_colours(map_spec(imrf))["BRA"] == modes.VOTE_COLOURS["non-voting"]


def test_the_map_button_on_the_tab_opens_the_vote_map():
    at = run(view="timeline")
    at.button(key="map-gcm-vote").click().run()
    assert at.selectbox(key="color_by").value == "gcm-vote" and at.query_params["color"] in ("gcm-vote", ["gcm-vote"])


@pytest.mark.parametrize(("lang", "tab", "group", "legend", "heading"), [
    ("es", "Lima y después", "El Pacto Mundial", "a favor", "Lima y después, de 2006 a hoy"),
    ("fr", "Lima et après", "Le Pacte mondial", "pour", "Lima et après, de 2006 à aujourd’hui"),
])
def test_spanish_and_french(lang, tab, group, legend, heading):
    at = run(color="gcm-vote", lang=lang)
    assert [t.label for t in at.tabs][3] == tab
    assert at.selectbox(key="color_group").value == group
    assert legend in world.map_legend(map_spec(at))
    label = at.selectbox(key="color_by").format_func("gcm-vote")
    assert label.startswith({"es": "Votación sobre el Pacto Mundial", "fr": "Vote sur le Pacte mondial"}[lang])
    page = run(view="timeline", lang=lang)
    assert page.header[0].value == heading
    words = prose(page) + captions(page)
    for english in ("chaired or co-chaired", "How the 24 voted", "did not vote", "Only where the 24 had a role",
                    "another process"):
        assert english not in words, english
    assert {"es": "Marruecos", "fr": "Maroc"}[lang] in prose(page)


def test_then_and_now_in_a_profile():
    morocco = prose(run(country="MAR"))
    assert "**Then and now:**" in morocco
    assert "GFMD co\\-chair, 2017\\-2018 \\(10th GFMD summit, 11th GFMD summit\\)" in morocco
    assert "host, president of the conference: Global Compact adopted at Marrakech" in morocco.replace("\\", "")
    brazil = prose(run(country="BRA")).replace("\\", "")
    assert "vote on 73/195 (19 Dec 2018): in favour" in brazil
    assert ("Brazil leaves the Compact, then rejoins it: 8 January 2019, then 5 January 2023 "
            "(medium confidence)") in brazil
    assert "vote on 73/326 (19 Jul 2019): did not vote" in brazil
    algeria = prose(run(country="DZA")).replace("\\", "")
    assert "vote on 73/195 (19 Dec 2018): abstained" in algeria
    philippines = prose(run(country="PHL", lang="es")).replace("\\", "")
    assert "presidencia del FMMD, 2008" in philippines


def test_the_treaty_tab_reads_the_newer_lists():
    at = run(view="treaties")
    text = prose(at)
    assert ("On 16 May 2006, 34 states were parties to the ICRMW, 12 of them signatories of the Lima Declaration; "
            "on 3 Feb 2026, the date of its UN list, 60 states, 16 of them signatories.") in text
    assert "on 4 Nov 2022 (scraped by 12 Jun 2023), the date of its UN list" in text
    for count in ("119 states", "98 states", "90 states"):  # the Lima-date counts, unchanged
        assert count in text, count
    assert "“?”" not in captions(at) and "Uncertain here" not in captions(at)
    assert "Trafficking Protocol as of 4 Nov 2022 (scraped by 12 Jun 2023)" in captions(at)
