"""Treaty status from the UN Treaty Collection lists: the build, the loader, statuses on any date, counts."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core import treaties as tr
from dashboard.core import treaty_record
from dashboard.core.provenance import DataFileError, sha256
from dashboard.data import load_signatories, load_treaty_participants, load_unga_votes

ROOT = Path(__file__).resolve().parents[1]
LIMA = pd.Timestamp("2006-05-16")
# Each treaty's newest list (the build reads these), and the 2014 lists they supersede.
RAW = {"ICRMW": "untc-4-13-2026-02-03.csv", "UNTOC": "untc-18-12.csv", "UNTOC-TIP": "untc-18-12-a-2023.csv",
       "UNTOC-SOM": "untc-18-12-b.csv"}
RAW_2014 = {"ICRMW": "untc-4-13.csv", "UNTOC-TIP": "untc-18-12-a.csv"}
# The audited status of the 96 pairs on 16 May 2006 (../shared/facts/treaties_verified.csv, each
# re-read from the UN lists), written out here.
AUDITED = {
    ("ICRMW", "party"): "BOL COL DZA ECU EGY GTM LKA MAR MEX PER PHL SLV",
    ("ICRMW", "signatory only"): "IDN PRY",
    ("ICRMW", "no action"): "BRA CHN DOM IND JAM NGA PAK THA VNM ZAF",
    ("UNTOC", "party"): "BOL BRA CHN COL DZA ECU EGY GTM JAM MAR MEX NGA PER PHL PRY SLV ZAF",
    ("UNTOC", "signatory only"): "DOM IDN IND LKA PAK THA VNM",
    ("UNTOC-TIP", "party"): "BRA COL DZA ECU EGY GTM JAM MEX NGA PER PHL PRY SLV ZAF",
    ("UNTOC-TIP", "signatory only"): "BOL DOM IDN IND LKA THA",
    ("UNTOC-TIP", "no action"): "CHN MAR PAK VNM",
    ("UNTOC-SOM", "party"): "BRA DZA ECU EGY GTM JAM MEX NGA PER PHL SLV ZAF",
    ("UNTOC-SOM", "signatory only"): "BOL DOM IDN IND LKA THA",
    ("UNTOC-SOM", "no action"): "CHN COL MAR PAK PRY VNM",
}


@pytest.fixture(scope="module")
def participants() -> pd.DataFrame:
    return load_treaty_participants()


@pytest.fixture(scope="module")
def record() -> tr.TreatyRecord:
    return treaty_record.treaty_record()


@pytest.fixture(scope="module")
def signatories() -> pd.DataFrame:
    return load_signatories()


def _raw_rows(name: str) -> list[list[str]]:
    with (ROOT / "data" / "raw" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def _raw_parties_on(treaty: str, on: str) -> int:
    """Counted straight from the raw list: consent dates on or before `on`, states only."""
    from datetime import datetime

    rows = _raw_rows(RAW[treaty])
    limit = datetime.fromisoformat(on)
    return sum(1 for name, _, consent in rows if consent and name != "European Union"
               and datetime.strptime(" ".join(consent.split()[:3]), "%d %b %Y") <= limit)


def test_build_check_passes_and_detects_a_change(tmp_path):
    ok = subprocess.run([sys.executable, "scripts/build/build_treaties.py", "--check"], cwd=ROOT,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(ROOT / "dashboard", copy / "dashboard")
    shutil.copytree(ROOT / "scripts", copy / "scripts")
    target = copy / "data" / "treaty_participants.csv"
    target.write_text(target.read_text(encoding="utf-8").replace("2012-05-31", "2012-06-01"), encoding="utf-8")
    stale = subprocess.run([sys.executable, "scripts/build/build_treaties.py", "--check"], cwd=copy,
                           capture_output=True, text=True)
    assert stale.returncode == 1 and "differs" in stale.stdout


def test_an_unresolved_participant_fails_the_build_naming_it(tmp_path):
    copy = tmp_path / "repo"
    for sub in ("data", "dashboard", "scripts"):
        shutil.copytree(ROOT / sub, copy / sub)
    raw = copy / "data" / "raw" / "untc-18-12.csv"
    raw.write_text(raw.read_text(encoding="utf-8").replace("Albania,", "Atlantis,", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/build/build_treaties.py"], cwd=copy, capture_output=True,
                            text=True)
    assert result.returncode == 2 and "'Atlantis'" in result.stderr and "Traceback" not in result.stderr


def test_every_participant_is_kept_and_the_eu_is_marked(participants):
    sizes = {t: sum(1 for _ in (ROOT / "data" / "raw" / f).open(encoding="utf-8")) - 1 for t, f in RAW.items()}
    assert participants.groupby("treaty").size().to_dict() == sizes == {
        "ICRMW": 71, "UNTOC": 185, "UNTOC-TIP": 182, "UNTOC-SOM": 152}
    eu = participants[participants["participant"] == "European Union"]
    assert list(eu["treaty"]) == ["UNTOC", "UNTOC-TIP", "UNTOC-SOM"]
    assert (~eu["is_state"]).all() and (eu["iso3"] == "").all() and (eu["consent_kind"] == "approval").all()
    assert participants.loc[participants["is_state"], "iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert set(participants["consent_kind"]) == {"", "ratification", "accession", "acceptance", "approval",
                                                 "succession"}
    assert participants.groupby("treaty")["list_as_of"].max().dt.strftime("%Y-%m-%d").to_dict() == {
        "ICRMW": "2026-02-03", "UNTOC": "2014-01-27", "UNTOC-TIP": "2022-11-04", "UNTOC-SOM": "2014-07-10"}
    # The 2022-23 trafficking list carries no date: it is read as of its latest action.
    tip = participants[participants["treaty"] == "UNTOC-TIP"]
    assert max(tip["signature_date"].max(), tip["consent_date"].max()) == pd.Timestamp("2022-11-04")


def test_a_broken_participants_file_is_a_data_file_error(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    target = tmp_path / "data" / "treaty_participants.csv"
    target.write_text(target.read_text(encoding="utf-8") + "x", encoding="utf-8")
    with pytest.raises(DataFileError, match="treaty_participants.csv.*checksum"):
        load_treaty_participants(tmp_path)
    text = target.read_text(encoding="utf-8")[:-1].replace(",accession,true,", ",deposit,true,", 1)
    target.write_text(text, encoding="utf-8")
    manifest = json.loads((tmp_path / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for entry in manifest["resources"]:
        if entry["path"] == "data/treaty_participants.csv":
            entry["hash"] = sha256(target.read_bytes())
    (tmp_path / "data" / "datapackage.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(DataFileError, match="'deposit'"):
        load_treaty_participants(tmp_path)


@pytest.mark.parametrize(("treaty", "expected"), [("ICRMW", 34), ("UNTOC", None), ("UNTOC-TIP", None),
                                                  ("UNTOC-SOM", None)])
def test_parties_on_the_lima_date_from_the_lists(record, signatories, treaty, expected):
    counts = tr.party_counts(record, LIMA, list(signatories["iso3"])).set_index("treaty")
    raw = _raw_parties_on(treaty, "2006-05-16")
    assert counts.loc[treaty, "states"] == raw == (expected or raw)
    assert counts.loc["ICRMW", "signatories"] == 12
    assert tr.count_sentence(counts.reset_index().iloc[0].to_dict()) == (
        "On 16 May 2006, 34 states were parties to the ICRMW, 12 of them signatories of the Lima Declaration")


def test_counts_at_each_lists_date(record, signatories):
    counts = tr.party_counts(record, None, list(signatories["iso3"])).set_index("treaty")
    for treaty in RAW:
        assert counts.loc[treaty, "states"] == _raw_parties_on(treaty, "2027-01-01")
    # The smuggling protocol had 138 parties in its list: 137 states and the European Union; the
    # trafficking protocol 180 in 2022-23: 179 states and the European Union.
    assert (counts.loc["UNTOC-SOM", "states"], counts.loc["UNTOC-SOM", "eu"]) == (137, True)
    assert (counts.loc["UNTOC-TIP", "states"], counts.loc["UNTOC-TIP", "eu"]) == (179, True)
    assert counts["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-02-03", "2014-01-27", "2022-11-04",
                                                               "2014-07-10"]
    # All 24 are parties to the trafficking protocol by 4 Nov 2022 (Pakistan last, that day).
    assert counts.loc["UNTOC-TIP", "signatories"] == 24


def test_icrmw_latest_is_60_parties_on_3_feb_2026(record, signatories):
    latest = tr.party_counts(record, None, list(signatories["iso3"])).set_index("treaty").loc["ICRMW"]
    assert (latest["states"], latest["signatories"], latest["eu"]) == (60, 16, False)
    assert latest["date"] == latest["list_as_of"] == pd.Timestamp("2026-02-03")
    assert tr.count_sentence(latest.to_dict() | {"treaty": "ICRMW"}) == (
        "On 3 Feb 2026, 60 states were parties to the ICRMW, 16 of them signatories of the Lima Declaration")
    # The 2014 list's 47, as it was: the newer list has 13 more parties, none of them among the 24.
    assert tr.party_counts(record, "2014-10-26", list(signatories["iso3"])).iloc[0]["states"] == 47


@pytest.mark.parametrize("treaty", sorted(RAW_2014))
def test_every_date_the_newer_list_shares_with_the_2014_list_agrees(treaty):
    """Read straight from the raw files: a 2014 date is never changed, a 2014 participant never lost."""
    from dashboard.core.names import to_iso3

    def key(name: str) -> str:
        return name if name == "European Union" else to_iso3(name)

    newer = {key(name): (signed, consent) for name, signed, consent in _raw_rows(RAW[treaty])}
    shared = 0
    for name, signed, consent in _raw_rows(RAW_2014[treaty]):
        for old, new in zip((signed, consent), newer[key(name)]):
            if old:
                assert old == new, (treaty, name, old, new)
                shared += 1
    assert shared == {"ICRMW": 38 + 47, "UNTOC-TIP": 117 + 159}[treaty]


@pytest.mark.parametrize(("raw", "old", "new", "message"), [
    ("untc-18-12-a.csv", "Sri Lanka,13 Dec 2000,", "Sri Lanka,14 Dec 2000,",
     "untc-18-12-a.csv line 139: 'Sri Lanka' signature_date 2000-12-14 differs from the newer list's 2000-12-13"),
    ("untc-4-13.csv", "Algeria,,21 Apr 2005 a", "Algeria,,21 Apr 2005",
     "'Algeria' consent_kind ratification differs from the newer list's accession"),
    ("untc-4-13-2026-02-03.csv", "Algeria,,21 Apr 2005 a", "Algeria,,22 Apr 2005 a",
     "untc-4-13-2026-02-03.csv line 3: ['Algeria', '', '22 Apr 2005 a'] differs from "
     "data/raw/untc-4-13-2026-02-03-viewdetails.html"),
    ("untc-18-12-a-2023-crba-etl-X-4.csv", "Pakistan;;4 Nov 2022 a", "Pakistan;;4 Nov 2022",
     "untc-18-12-a-2023.csv line 128: ['Pakistan', '', '4 Nov 2022 a'] differs"),
    ("untc-18-12-b.csv", "Algeria,6 Jun 2001,9 Mar 2004", "Algeria,6 Jun 2001,9 Mar 2015",
     "untc-18-12-b.csv line 3: an action of 2015-03-09 is after the list's date, 2014-07-10"),
])
def test_a_list_that_disagrees_fails_the_build_naming_the_row(tmp_path, raw, old, new, message):
    copy = tmp_path / "repo"
    for sub in ("data", "dashboard", "scripts"):
        shutil.copytree(ROOT / sub, copy / sub)
    path = copy / "data" / "raw" / raw
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/build/build_treaties.py"], cwd=copy, capture_output=True,
                            text=True)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_the_24_on_the_lima_date_equal_the_audit(record, signatories):
    lima = treaty_record.treaty_status(record, LIMA, signatories)
    got = dict(zip(zip(lima["treaty"], lima["iso3"]), lima["status"]))
    expected = {(t, i): s for (t, s), codes in AUDITED.items() for i in codes.split()}
    assert len(got) == len(expected) == 96 and got == expected
    assert int(lima["uncertain"].sum()) <= 2
    assert (lima["confidence"] == "high").all() and (lima["as_of"] == LIMA).all()


def test_known_dates(record, signatories):
    table = tr.status_table(record, None).set_index(["iso3", "treaty"])
    assert table.loc[("THA", "UNTOC"), "consent_date"] == pd.Timestamp("2013-10-17")
    bolivia = tr.status_table(record, LIMA, ["BOL"]).set_index("treaty").loc["UNTOC-TIP"]
    assert bolivia["status"] == "signatory only"  # deposited two days after Lima
    after = tr.status_table(record, "2006-05-18", ["BOL"]).set_index("treaty").loc["UNTOC-TIP"]
    assert (after["status"], after["consent_date"]) == ("party", pd.Timestamp("2006-05-18"))


def test_the_two_later_reports_are_now_list_facts(record, signatories):
    """Sri Lanka (June 2015) and Pakistan (November 2022), once reported only by secondary sources
    (medium), are in the 2022-23 list: parties, from the UN record, high, nothing left uncertain."""
    assert record.later.empty
    latest = treaty_record.treaty_status(record, None, signatories)
    assert not latest["uncertain"].any() and tr.UNCONFIRMED not in set(latest["status"])
    tip = latest[latest["treaty"] == "UNTOC-TIP"].set_index("iso3")
    assert (tip.loc["LKA", "status"], tip.loc["LKA", "consent_date"], tip.loc["LKA", "consent_kind"]) == (
        "party", pd.Timestamp("2015-06-15"), "ratification")
    assert (tip.loc["PAK", "status"], tip.loc["PAK", "consent_date"], tip.loc["PAK", "consent_kind"]) == (
        "party", pd.Timestamp("2022-11-04"), "accession")
    assert (tip.loc[["LKA", "PAK"], "confidence"] == "high").all()
    assert (tip.loc[["LKA", "PAK"], "as_of"] == pd.Timestamp("2022-11-04")).all()
    assert tip.loc["PAK", "source"] == "UN Treaty Collection, chapter XVIII-12-a, list as of 4 Nov 2022"
    assert tip.loc["LKA", "dates_text"] == "signed 13 Dec 2000; ratification 15 Jun 2015"
    # The research notes' month agrees with the list's day, and their kind of action with the list's.
    notes = treaty_record.load_treaty_actions()
    notes = notes[notes["date_precision"] == "month"].set_index("iso3")
    for iso3 in ("LKA", "PAK"):
        assert notes.loc[iso3, "date"].to_period("M") == tip.loc[iso3, "consent_date"].to_period("M")
        assert notes.loc[iso3, "action"] == tip.loc[iso3, "consent_kind"]
    # Before the day the list gives, Sri Lanka was a signatory only.
    before = tr.status_table(record, "2015-06-14", ["LKA"]).set_index("treaty").loc["UNTOC-TIP"]
    assert (before["status"], before["uncertain"]) == ("signatory only", False)


def test_a_later_report_is_kept_apart_with_its_source_and_never_a_day(record):
    """The mechanism for an action reported after a list's date, on a made-up report (no real one
    is left): a month-only ratification of the smuggling protocol (list of 10 Jul 2014)."""
    report = pd.DataFrame([{"iso3": "LKA", "treaty": "UNTOC-SOM", "action": "ratification",
                            "date": pd.Timestamp("2016-03-01"), "date_precision": "month",
                            "source_url": "https://example.org/report", "confidence": "medium"}])
    made_up = tr.TreatyRecord(record.participants, report)
    latest = tr.status_table(made_up, None, ["LKA"]).set_index("treaty").loc["UNTOC-SOM"]
    assert (latest["status"], latest["uncertain"], latest["confidence"]) == (tr.UNCONFIRMED, True, "medium")
    assert latest["as_of"] == pd.Timestamp("2014-07-10") and latest["reported"] == "March 2016"
    assert "example.org" in latest["source"] and "1 Mar" not in latest["reason"]
    inside = tr.status_table(made_up, "2016-03-15", ["LKA"]).set_index("treaty").loc["UNTOC-SOM"]
    assert (inside["status"], inside["uncertain"]) == ("signatory only", True) and "not known" in inside["reason"]
    assert not tr.status_table(made_up, "2014-01-01", ["LKA"])["uncertain"].any()


def test_every_state_has_a_status(record):
    states = tr.states(record.participants)
    assert len(states) == 197 and states["iso3"].is_unique  # 193 UN members, 2 observers, Cook Islands, Niue
    members = set(load_unga_votes()["iso3"])  # the 193 that vote in the General Assembly
    assert set(states["iso3"]) - members == {"VAT", "PSE", "COK", "NIU"}
    assert not set(tr.STATES_ON_NO_LIST) & set(record.participants["iso3"])
    table = tr.status_table(record, LIMA)
    assert len(table) == 4 * 197
    france = table[(table["iso3"] == "FRA") & (table["treaty"] == "UNTOC")].iloc[0]
    assert france["status"] == "party"
    bhutan = table[(table["iso3"] == "BTN")]
    assert (bhutan["status"] == "no action").all()


def test_parties_over_time(record, signatories):
    over = tr.parties_over_time(record, list(signatories["iso3"]))
    icrmw = over[(over["treaty"] == "ICRMW")]
    assert icrmw["date"].min() == pd.Timestamp("1990-12-31") and icrmw["date"].max() == pd.Timestamp("2026-02-03")
    at_end = icrmw[icrmw["date"] == pd.Timestamp("2026-02-03")].set_index("group")
    assert (at_end.loc["the 24", "parties"], at_end.loc["other states", "parties"]) == (16, 60 - 16)
    tip_years = over.loc[over["treaty"] == "UNTOC-TIP", "date"]
    assert tip_years.max() == pd.Timestamp("2022-11-04") and pd.Timestamp("2021-12-31") in set(tip_years)
    at_lima = icrmw[icrmw["date"] == LIMA].set_index("group")
    assert (at_lima.loc["the 24", "parties"], at_lima.loc["other states", "parties"]) == (12, 34 - 12)
    assert at_lima.loc["the 24", "share"] == pytest.approx(12 / 24)
    assert at_lima.loc["other states", "of"] == 197 - 24
    assert (over["share"] <= 1).all() and over.groupby(["treaty", "group"])["parties"].is_monotonic_increasing.all()
