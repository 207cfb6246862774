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
from dashboard.data import load_signatories, load_treaty_participants

ROOT = Path(__file__).resolve().parents[1]
LIMA = pd.Timestamp("2006-05-16")
RAW = {"ICRMW": "untc-4-13.csv", "UNTOC": "untc-18-12.csv", "UNTOC-TIP": "untc-18-12-a.csv",
       "UNTOC-SOM": "untc-18-12-b.csv"}
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


def _raw_parties_on(treaty: str, on: str) -> int:
    """Counted straight from the raw list: consent dates on or before `on`, states only."""
    from datetime import datetime

    with (ROOT / "data" / "raw" / RAW[treaty]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
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
    raw = copy / "data" / "raw" / "untc-4-13.csv"
    raw.write_text(raw.read_text(encoding="utf-8").replace("Albania,", "Atlantis,", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/build/build_treaties.py"], cwd=copy, capture_output=True,
                            text=True)
    assert result.returncode == 2 and "'Atlantis'" in result.stderr and "Traceback" not in result.stderr


def test_every_participant_is_kept_and_the_eu_is_marked(participants):
    sizes = {t: sum(1 for _ in (ROOT / "data" / "raw" / f).open(encoding="utf-8")) - 1 for t, f in RAW.items()}
    assert participants.groupby("treaty").size().to_dict() == sizes == {
        "ICRMW": 66, "UNTOC": 185, "UNTOC-TIP": 167, "UNTOC-SOM": 152}
    eu = participants[participants["participant"] == "European Union"]
    assert list(eu["treaty"]) == ["UNTOC", "UNTOC-TIP", "UNTOC-SOM"]
    assert (~eu["is_state"]).all() and (eu["iso3"] == "").all() and (eu["consent_kind"] == "approval").all()
    assert participants.loc[participants["is_state"], "iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert set(participants["consent_kind"]) == {"", "ratification", "accession", "acceptance", "approval",
                                                 "succession"}
    assert participants.groupby("treaty")["list_as_of"].max().dt.strftime("%Y-%m-%d").to_dict() == {
        "ICRMW": "2014-10-26", "UNTOC": "2014-01-27", "UNTOC-TIP": "2014-01-27", "UNTOC-SOM": "2014-07-10"}


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
        assert counts.loc[treaty, "states"] == _raw_parties_on(treaty, "2015-01-01")
    # The smuggling protocol had 138 parties in its list: 137 states and the European Union.
    assert (counts.loc["UNTOC-SOM", "states"], counts.loc["UNTOC-SOM", "eu"]) == (137, True)
    assert counts["date"].dt.strftime("%Y-%m-%d").tolist() == ["2014-10-26", "2014-01-27", "2014-01-27",
                                                               "2014-07-10"]


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


def test_later_reports_are_kept_apart_with_their_source_and_never_a_day(record, signatories):
    assert sorted(zip(record.later["iso3"], record.later["treaty"])) == [("LKA", "UNTOC-TIP"), ("PAK", "UNTOC-TIP")]
    latest = treaty_record.treaty_status(record, None, signatories)
    unsure = latest[latest["uncertain"]].set_index("iso3")
    assert list(unsure.index) == ["PAK", "LKA"] and (unsure["status"] == tr.UNCONFIRMED).all()
    assert (unsure["confidence"] == "medium").all() and (unsure["as_of"] == pd.Timestamp("2014-01-27")).all()
    assert "June 2015" in unsure.loc["LKA", "reason"] and "defence.lk" in unsure.loc["LKA", "source"]
    assert "November 2022" in unsure.loc["PAK", "dates_text"]
    assert "30 Nov" not in " ".join(unsure["dates_text"]) + " ".join(unsure["reason"])
    # Inside the reported month the status is not known; before the list's date the report is ignored.
    june = tr.status_table(record, "2015-06-15", ["LKA"]).set_index("treaty").loc["UNTOC-TIP"]
    assert (june["status"], june["uncertain"]) == ("signatory only", True) and "not known" in june["reason"]
    assert not tr.status_table(record, "2013-01-01", ["LKA"])["uncertain"].any()


def test_every_state_has_a_status(record):
    states = tr.states(record.participants)
    assert len(states) == 197 and states["iso3"].is_unique  # 193 UN members, 2 observers, Cook Islands, Niue
    table = tr.status_table(record, LIMA)
    assert len(table) == 4 * 197
    france = table[(table["iso3"] == "FRA") & (table["treaty"] == "UNTOC")].iloc[0]
    assert france["status"] == "party"
    bhutan = table[(table["iso3"] == "BTN")]
    assert (bhutan["status"] == "no action").all()


def test_parties_over_time(record, signatories):
    over = tr.parties_over_time(record, list(signatories["iso3"]))
    icrmw = over[(over["treaty"] == "ICRMW")]
    assert icrmw["date"].min() == pd.Timestamp("1990-12-31") and icrmw["date"].max() == pd.Timestamp("2014-10-26")
    at_lima = icrmw[icrmw["date"] == LIMA].set_index("group")
    assert (at_lima.loc["the 24", "parties"], at_lima.loc["other states", "parties"]) == (12, 34 - 12)
    assert at_lima.loc["the 24", "share"] == pytest.approx(12 / 24)
    assert at_lima.loc["other states", "of"] == 197 - 24
    assert (over["share"] <= 1).all() and over.groupby(["treaty", "group"])["parties"].is_monotonic_increasing.all()
