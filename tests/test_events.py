"""The timeline from Lima to today: the build of data/events_after.csv, the loader, roles, venues, words."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core import events as ev
from dashboard.core import i18n
from dashboard.core.provenance import DataFileError, sha256
from dashboard.data import load_events, load_unga_votes, load_venues

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT / "data" / "raw" / "after-lima-2026-12-06.csv"
RESEARCHED = pd.Timestamp("2026-12-06")


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load_events()


@pytest.fixture(scope="module")
def by_id(events) -> pd.DataFrame:
    return events.set_index("event_id")


@pytest.fixture(scope="module")
def votes() -> pd.DataFrame:
    return load_unga_votes()


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    for sub in ("data", "dashboard", "scripts", "seeds"):
        shutil.copytree(ROOT / sub, copy / sub, ignore=shutil.ignore_patterns("*.rda", "*-50m.json", "__pycache__"))
    return copy


def _build(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "scripts/build/build_events.py", *args], cwd=copy,
                          capture_output=True, text=True)


# --- the build ----------------------------------------------------------------------------------

def test_build_check_passes_and_detects_a_change(tmp_path):
    ok = subprocess.run([sys.executable, "scripts/build/build_events.py", "--check"], cwd=ROOT,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    copy = _copy(tmp_path)
    target = copy / "data" / "events_after.csv"
    target.write_text(target.read_text(encoding="utf-8").replace("PHL:host;PHL:chair", "PHL:host"), encoding="utf-8")
    stale = _build(copy, "--check")
    assert stale.returncode == 1 and "differs" in stale.stdout


@pytest.mark.parametrize(("old", "new", "message"), [
    ("2nd GFMD Summit (Philippine chairmanship)", "2nd GFMD Summit (Philippines)",
     "line 6 ('2nd GFMD Summit (Philippines)'): a row no entry of EVENTS matches"),
    ("2008-10-27,2008-10-30,Manila", "27 Oct 2008,2008-10-30,Manila", "line 6 ('2nd GFMD Summit (Philippine "
     "chairmanship)'): unreadable date '27 Oct 2008'"),
    ("PHL: chair and host.", "PHL: took part.", "the row's role text does not support PHL:host"),
    ("2008-10-30,Manila,PHL", "2008-10-30,Manila,XYZ", "country 'XYZ' is not in data/m49.csv"),
    ("2010-11-08,2010-11-11", "2010-11-08,2010-11-01", "end date '2010-11-01' does not follow"),
    (",high,\"Over 1,130 delegates", ",certain,\"Over 1,130 delegates", "unknown confidence 'certain'"),
])
def test_a_wrong_value_fails_the_build_naming_its_row(tmp_path, old, new, message):
    copy = _copy(tmp_path)
    notes = copy / "data" / "raw" / NOTES.name
    text = notes.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    notes.write_text(text.replace(old, new), encoding="utf-8")
    result = _build(copy)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert "after-lima-2026-12-06.csv" in result.stderr


def test_a_low_confidence_row_is_left_out_and_a_downgraded_one_stops_the_build(tmp_path):
    copy = _copy(tmp_path)
    notes = copy / "data" / "raw" / NOTES.name
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text + "A rumoured meeting,2011-05-01,2011-05-02,Paris,FRA,gfmd_summit,PER: host,"
                            "https://example.org,low,unconfirmed\n", encoding="utf-8")
    assert _build(copy, "--check").returncode == 0  # the same output: the low row is not shipped
    downgraded = text.replace(",high,\"Over 1,130 delegates", ",low,\"Over 1,130 delegates")
    notes.write_text(downgraded, encoding="utf-8")
    result = _build(copy)
    assert result.returncode == 2 and "2nd GFMD Summit (Philippine chairmanship)" in result.stderr


def test_every_row_of_the_notes_is_shipped_or_left_out_with_a_reason(events):
    with NOTES.open(encoding="utf-8", newline="") as handle:
        notes = list(csv.DictReader(handle))
    assert len(notes) == 30 and {r["confidence"] for r in notes} == {"high", "medium"}
    after = events[~events["event_id"].isin(["lima-2006", "hld-2006", "lima-followup-2007"])]
    assert len(after) == 30 - 3
    assert set(after["name"]) == {r["event"] for r in notes} - {
        "First UN High-level Dialogue on International Migration and Development (HLD)",
        "Announced second ministerial meeting of the Lima group (Morocco, 2007): NO RECORD FOUND that it took place",
        "How the 24 Lima signatories voted on resolution 73/195 (GCM endorsement)"}
    # Source and confidence are the notes' own, row by row.
    notes_by_name = {r["event"]: r for r in notes}
    for row in after.to_dict("records"):
        assert (row["source"], row["confidence"]) == (notes_by_name[row["name"]]["source"],
                                                      notes_by_name[row["name"]]["confidence"])


# --- the timeline -------------------------------------------------------------------------------

def test_the_2006_events_are_as_they_were(events):
    first = events[events["event_id"].isin(["lima-2006", "hld-2006", "lima-followup-2007"])]
    assert list(first["short_name"]) == ["Lima conference", "UN High-Level Dialogue", "Morocco follow-up (announced)"]
    lima, hld, morocco = (r for r in first.to_dict("records"))
    assert (lima["start_date"], lima["end_date"]) == (pd.Timestamp("2006-05-15"), pd.Timestamp("2006-05-16"))
    assert (lima["city"], lima["country_iso3"], lima["status"], lima["lat"], lima["lon"]) == (
        "Lima", "PER", "held", -12.05, -77.04)
    assert (hld["start_date"], hld["end_date"]) == (pd.Timestamp("2006-09-14"), pd.Timestamp("2006-09-15"))
    assert (hld["city"], hld["country_iso3"], hld["status"], hld["confidence"]) == ("New York", "USA", "held", "high")
    assert (morocco["status"], morocco["date_precision"], morocco["confidence"]) == ("announced", "year",
                                                                                   "announced only")
    assert morocco["start_date"] == pd.Timestamp("2007-01-01") and pd.isna(morocco["end_date"])
    assert (morocco["city"], morocco["country_iso3"]) == ("", "MAR") and pd.isna(morocco["lat"])
    assert "no record found that it took place" in morocco["source"]
    assert (lima["kind"], lima["roles"], morocco["kind"], morocco["roles"]) == (
        "lima_group", "PER:host", "lima_group", "MAR:announced-host")


def test_2006_to_today_in_date_order(events):
    assert events["start_date"].is_monotonic_increasing and events["event_id"].is_unique
    assert events.iloc[0]["event_id"] == "lima-2006" and events.iloc[-1]["event_id"] == "imrf-2026"
    assert len(events) == 30
    held = events[events["status"] == "held"]
    assert (held["start_date"] <= RESEARCHED).all()
    assert list(events.loc[events["status"] != "held", "event_id"]) == ["lima-followup-2007", "imrf-2026"]


@pytest.mark.parametrize(("event_id", "start", "end", "city", "iso3", "kind"), [
    ("gfmd-2008", "2008-10-27", "2008-10-30", "Manila", "PHL", "gfmd_summit"),
    ("gfmd-2010", "2010-11-08", "2010-11-11", "Puerto Vallarta", "MEX", "gfmd_summit"),
    ("gfmd-2018", "2018-12-05", "2018-12-07", "Marrakech", "MAR", "gfmd_summit"),
    ("gcm-adoption-2018", "2018-12-10", "2018-12-11", "Marrakech", "MAR", "un_meeting"),
    ("ga-73-195", "2018-12-19", "2018-12-19", "New York", "USA", "un_meeting"),
    ("bra-position-2019", "2019-01-08", "2023-01-05", "Brasília", "BRA", "national_position"),
    ("imrf-2022", "2022-05-17", "2022-05-20", "New York", "USA", "un_meeting"),
    ("gfmd-2025", "2025-09-02", "2025-09-04", "Riohacha", "COL", "gfmd_summit"),
])
def test_key_events(by_id, event_id, start, end, city, iso3, kind):
    row = by_id.loc[event_id]
    assert (row["start_date"], row["end_date"]) == (pd.Timestamp(start), pd.Timestamp(end))
    assert (row["city"], row["country_iso3"], row["kind"], row["status"]) == (city, iso3, kind, "held")
    assert row["date_precision"] == "day"


def test_gaps_stay_gaps(by_id):
    imrf = by_id.loc["imrf-2026"]  # due in 2026; no dates found
    assert (imrf["status"], imrf["date_precision"], imrf["confidence"]) == ("scheduled", "year", "medium")
    assert pd.isna(imrf["end_date"]) and imrf["start_date"] == pd.Timestamp("2026-01-01")
    dominican = by_id.loc["dom-position-2018"]  # the day of the announcement is not known
    assert (dominican["date_precision"], dominican["start_date"]) == ("month", pd.Timestamp("2018-12-01"))
    online = by_id.loc["gfmd-2021"]
    assert (online["city"], online["country_iso3"]) == (ev.ONLINE, "ARE")
    assert pd.isna(online["lat"]) and pd.isna(online["lon"])


def test_no_low_confidence_row_and_every_row_sourced(events):
    assert set(events["confidence"]) == {"high", "medium", ev.ANNOUNCED_ONLY}
    assert set(events.loc[events["confidence"] == ev.ANNOUNCED_ONLY, "status"]) == {"announced"}
    assert events["source"].str.contains("http").all()
    assert set(events["kind"]) == set(ev.KINDS)
    assert events.loc[events["confidence"] == "medium", "event_id"].tolist() == [
        "dom-position-2018", "pry-position-2018", "bra-position-2019", "ga-73-326", "gfmd-2021", "imrf-2026"]


def test_rabat_2006_is_another_process_never_the_lima_follow_up(events, by_id):
    rabat = by_id.loc["rabat-2006"]
    assert (rabat["kind"], rabat["start_date"], rabat["city"]) == ("other_process", pd.Timestamp("2006-07-10"), "Rabat")
    assert "Rabat Process" in rabat["short_name"] and "follow-up" not in rabat["short_name"].lower()
    assert list(events.loc[events["kind"] == "lima_group", "event_id"]) == ["lima-2006", "lima-followup-2007"]
    # The only meeting of the group after Lima is the announced one, with no record; Morocco's
    # later meetings are other events of other kinds.
    moroccan = events[(events["country_iso3"] == "MAR") & (events["status"] == "held")]
    assert set(moroccan["kind"]) == {"other_process", "gfmd_summit", "un_meeting"}


def test_resolutions_point_at_the_votes(events):
    assert dict(zip(events.loc[events["resolution"] != "", "event_id"],
                    events.loc[events["resolution"] != "", "resolution"])) == {"ga-73-195": "73/195",
                                                                             "ga-73-326": "73/326"}


# --- the roles of the 24 ------------------------------------------------------------------------

def test_gfmd_chairs_and_co_facilitation(events):
    roles = ev.event_roles(events).merge(events[["event_id", "chair_term", "kind"]], on="event_id")
    chairs = roles[roles["role"].isin(["chair", "co-chair"])]
    assert (chairs["kind"] == "gfmd_summit").all()
    assert sorted(set(zip(chairs["iso3"], chairs["role"], chairs["chair_term"]))) == [
        ("COL", "chair", "2024-2025"), ("ECU", "chair", "2019"), ("MAR", "co-chair", "2017-2018"),
        ("MEX", "chair", "2010"), ("PHL", "chair", "2008")]
    facilitators = roles[roles["role"] == "co-facilitator"]
    assert list(zip(facilitators["event_id"], facilitators["iso3"])) == [
        ("gcm-stocktaking-2017", "MEX"), ("gcm-adoption-2018", "MEX")]
    hosted = roles[(roles["role"] == "host") & (roles["iso3"] == "MAR")]
    assert list(hosted["event_id"]) == ["rabat-2006", "gfmd-2018", "gcm-adoption-2018"]
    # Bangladesh chaired in 2016 and co-facilitated 73/326 and the IMRF declaration: not a signatory.
    assert "BGD" not in set(roles["iso3"])


def test_events_with_role(events):
    chosen = ev.events_with_role(events)
    assert list(chosen["event_id"]) == [
        "lima-2006", "rabat-2006", "lima-followup-2007", "gfmd-2008", "gfmd-2010", "gfmd-2017",
        "gcm-stocktaking-2017", "dom-position-2018", "gfmd-2018", "gcm-adoption-2018", "pry-position-2018",
        "bra-position-2019", "gfmd-2020", "gfmd-2025"]
    assert "ga-73-195" not in set(chosen["event_id"])  # a vote is not a role: see signatory_roles


def test_signatory_roles_then_and_now(events, votes):
    morocco = ev.signatory_roles(events, "MAR", votes)
    assert list(zip(morocco["event_id"], morocco["role"])) == [
        ("rabat-2006", "host"), ("lima-followup-2007", "announced-host"), ("gfmd-2017", "co-chair"),
        ("gfmd-2018", "host"), ("gfmd-2018", "co-chair"), ("gcm-adoption-2018", "host"),
        ("gcm-adoption-2018", "president"), ("ga-73-195", "vote"), ("ga-73-326", "vote")]
    assert set(morocco.loc[morocco["role"] == "co-chair", "chair_term"]) == {"2017-2018"}
    brazil = ev.signatory_roles(events, "BRA", votes).set_index("role")
    assert brazil.loc["position", "start_date"] == pd.Timestamp("2019-01-08")
    assert brazil.loc["position", "end_date"] == pd.Timestamp("2023-01-05")
    assert brazil.loc["position", "confidence"] == "medium"
    assert list(ev.signatory_roles(events, "BRA", votes)["vote"]) == ["yes", "", "non-voting"]
    algeria = ev.signatory_roles(events, "DZA", votes)
    assert list(zip(algeria["event_id"], algeria["vote"])) == [("ga-73-195", "abstain"), ("ga-73-326", "abstain")]
    dominican = ev.signatory_roles(events, "DOM", votes)
    assert list(zip(dominican["role"], dominican["vote"])) == [("position", ""), ("vote", "non-voting"),
                                                                ("vote", "non-voting")]
    paraguay = ev.signatory_roles(events, "PRY", votes).set_index("event_id")
    assert paraguay.loc["ga-73-195", "vote"] == "non-voting" and paraguay.loc["ga-73-326", "vote"] == "yes"
    ecuador = ev.signatory_roles(events, "ECU", votes).set_index("role")
    assert (ecuador.loc["chair", "event_id"], ecuador.loc["chair", "chair_term"]) == ("gfmd-2020", "2019")
    assert ev.signatory_roles(events, "PSE", votes).empty  # no role, no vote as a member state


def test_parse_roles():
    assert ev.parse_roles("MAR:host;MAR:co-chair") == [("MAR", "host"), ("MAR", "co-chair")]
    assert ev.parse_roles("") == []
    for bad in ("MAR:guest", "mar:host", "MAR host"):
        with pytest.raises(ValueError, match="unknown role"):
            ev.parse_roles(bad)


# --- venues -------------------------------------------------------------------------------------

def test_venues_each_drawn_once():
    venues = load_venues()
    morocco = venues.set_index("event_id").loc["lima-followup-2007"]
    assert 27 <= morocco["lat"] <= 36 and -13 <= morocco["lon"] <= -1  # inside Morocco, no city invented
    assert pd.isna(venues.set_index("event_id").loc["gfmd-2021", "lat"])  # online: no venue
    placed = venues.dropna(subset=["lat"])
    assert placed["lat"].between(-90, 90).all() and placed["lon"].between(-180, 180).all()
    unique = ev.unique_venues(venues).set_index("city")
    assert unique["count"].sum() == len(placed) == 29
    assert unique.loc["New York", "event_ids"].split(";") == [
        "hld-2006", "hld-2013", "new-york-declaration-2016", "ga-73-195", "ga-73-326", "imrf-2022", "imrf-2026"]
    assert unique.loc["Marrakech", "event_ids"] == "gfmd-2018;gcm-adoption-2018"
    assert unique.loc["Geneva", "count"] == 2 and unique.loc["Puerto Vallarta", "count"] == 2
    assert len(unique) == 20


# --- words --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["es", "fr"])
def test_every_word_of_the_timeline_is_translated(events, lang):
    _ = i18n.translator(lang)
    marked = set(ev.EVENT_WORDS)
    for column in ("short_name", "city", "location_note"):
        assert set(events[column]) - {""} <= marked, column
    for english in [*events["short_name"], *ev.KINDS.values(), *ev.ROLES.values(), *ev.STATUS_WORDS.values()]:
        assert _(english) != english, english
    assert _("Global Forum on Migration and Development (GFMD) summits") == {
        "es": "Cumbres del Foro Mundial sobre Migración y Desarrollo (FMMD)",
        "fr": "Sommets du Forum mondial sur la migration et le développement (FMMD)"}[lang]
    assert _("Global Compact for Safe, Orderly and Regular Migration") == {
        "es": "Pacto Mundial para una Migración Segura, Ordenada y Regular",
        "fr": "Pacte mondial pour des migrations sûres, ordonnées et régulières"}[lang]


# --- broken files -------------------------------------------------------------------------------

def test_a_broken_events_file_is_a_data_file_error(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("*.rda"))
    target = tmp_path / "data" / "events_after.csv"
    target.write_text(target.read_text(encoding="utf-8") + "x", encoding="utf-8")
    with pytest.raises(DataFileError, match="events_after.csv.*checksum.*build_events.py"):
        load_events(tmp_path)
    original = (ROOT / "data" / "events_after.csv").read_text(encoding="utf-8")
    for old, new, message in ((",gfmd_summit,PHL:host", ",summit,PHL:host", "line .*unknown kind 'summit'"),
                              ("PHL:host;PHL:chair", "PHL:host;PHL:king", "unknown role 'PHL:king'"),
                              (",high,gfmd-2008,", ",low,gfmd-2008,", "confidence 'low'"),
                              (",gfmd-2009,", ",gfmd-2008,", "event id 'gfmd-2008' is also on")):
        assert old in original, old
        target.write_text(original.replace(old, new, 1), encoding="utf-8")
        manifest = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
        for entry in manifest["resources"]:
            if entry["path"] == "data/events_after.csv":
                entry["hash"] = sha256(target.read_bytes())
        (tmp_path / "data" / "datapackage.json").write_text(json.dumps(manifest), encoding="utf-8")
        with pytest.raises(DataFileError, match=message) as info:
            load_events(tmp_path)
        assert info.value.path == "data/events_after.csv"
