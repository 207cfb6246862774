"""UN General Assembly votes on 73/195 and 73/326: the build and its checks, the loader, the counts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core import votes as v
from dashboard.core.provenance import DataFileError, sha256
from dashboard.data import load_m49, load_signatories, load_unga_votes

ROOT = Path(__file__).resolve().parents[1]
# How the 24 voted on 73/195, as ../shared/facts/gcm_vote_24.csv gives it (each read directly in
# the UN Digital Library copy and in the Voeten data), written out here.
GCM_VOTE_24 = {
    "yes": "BOL BRA CHN COL ECU EGY SLV PHL GTM IND IDN JAM MAR MEX NGA PAK PER LKA ZAF THA VNM",
    "abstain": "DZA",
    "non-voting": "DOM PRY",
}
# 73/326, as the research notes' row on the IMRF-modalities vote gives it (one copy; medium).
IMRF_VOTE_24 = {
    "yes": "BOL CHN COL ECU EGY SLV PHL GTM IND IDN JAM MAR MEX NGA PAK PRY ZAF THA VNM",
    "abstain": "DZA",
    "non-voting": "BRA DOM PER LKA",
}


@pytest.fixture(scope="module")
def votes() -> pd.DataFrame:
    return load_unga_votes()


@pytest.fixture(scope="module")
def signatories() -> pd.DataFrame:
    return load_signatories()


def _build_copy(tmp_path: Path) -> Path:
    """A copy of what build_votes.py reads, to break on purpose."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "scripts" / "build", copy / "scripts" / "build")
    (copy / "data" / "raw").mkdir(parents=True)
    for name in ("raw/unga-73-195.csv", "raw/unga-73-326.csv", "m49.csv", "unga_votes.csv"):
        shutil.copy(ROOT / "data" / name, copy / "data" / name)
    return copy


def _run(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "scripts/build/build_votes.py", *args], cwd=copy,
                          capture_output=True, text=True)


def test_build_check_passes_and_detects_a_change(tmp_path):
    ok = subprocess.run([sys.executable, "scripts/build/build_votes.py", "--check"], cwd=ROOT,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    copy = _build_copy(tmp_path)
    target = copy / "data" / "unga_votes.csv"
    target.write_text(target.read_text(encoding="utf-8").replace("DZA,73/195,2018-12-19,abstain",
                                                                 "DZA,73/195,2018-12-19,yes"), encoding="utf-8")
    stale = _run(copy, "--check")
    assert stale.returncode == 1 and "differs" in stale.stdout


@pytest.mark.parametrize(("raw", "old", "new", "message"), [
    ("unga-73-195.csv", "DZA,lookup,A,A,A", "DZA,lookup,Q,Q,Q", "line 4 ('ALGERIA'): unknown vote code 'Q'"),
    ("unga-73-195.csv", "DZA,lookup,A,A,A", "DZA,lookup,A,A,Y", "line 4 ('ALGERIA'): the two copies disagree"),
    ("unga-73-326.csv", "ALGERIA,DZA,", "ALGERIA,XXX,", "line 4 ('ALGERIA'): 'XXX' is not an ISO3 code"),
    ("unga-73-326.csv", "ALBANIA,ALB,", "ALBANIA,AFG,", "line 3 ('ALBANIA'): AFG is already on line 2"),
    ("unga-73-326.csv", "ANDORRA,AND,lookup,Y,Y", "ANDORRA,AND,lookup,X,X", "totals"),
])
def test_a_wrong_value_fails_the_build_naming_its_row(tmp_path, raw, old, new, message):
    copy = _build_copy(tmp_path)
    path = copy / "data" / "raw" / raw
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = _run(copy)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert f"data/raw/{raw}" in result.stderr


def test_193_member_states_per_resolution_each_once(votes):
    assert votes.groupby("resolution").size().to_dict() == {"73/195": 193, "73/326": 193}
    assert not votes.duplicated(["iso3", "resolution"]).any()
    assert set(votes["iso3"]) <= set(load_m49()["iso3"])
    by = votes.groupby("resolution")["iso3"].apply(set)
    assert by["73/195"] == by["73/326"]
    assert votes.groupby("resolution")["date"].first().dt.strftime("%Y-%m-%d").to_dict() == {
        "73/195": "2018-12-19", "73/326": "2019-07-19"}
    # Members only: the Holy See and the State of Palestine (observers), Kosovo and Taiwan never vote.
    assert not set(votes["iso3"]) & {"VAT", "PSE", "XKX", "TWN", "COK", "NIU"}


def test_world_counts_equal_the_un_totals(votes):
    assert v.vote_counts(votes, "73/195") == {"yes": 152, "no": 5, "abstain": 12, "non-voting": 24}
    assert v.vote_counts(votes, "73/326") == {"yes": 118, "no": 5, "abstain": 13, "non-voting": 57}
    against = votes[(votes["resolution"] == "73/195") & (votes["vote"] == "no")]
    assert sorted(against["iso3"]) == ["CZE", "HUN", "ISR", "POL", "USA"]  # GA/12113
    against = votes[(votes["resolution"] == "73/326") & (votes["vote"] == "no")]
    assert sorted(against["iso3"]) == ["EST", "HUN", "ISR", "POL", "USA"]  # GA/12166
    with pytest.raises(KeyError, match="73/999"):
        v.vote_counts(votes, "73/999")


def test_the_24s_counts(votes, signatories):
    iso3s = list(signatories["iso3"])
    assert v.vote_counts(votes, "73/195", iso3s) == {"yes": 21, "no": 0, "abstain": 1, "non-voting": 2}
    assert v.vote_counts(votes, "73/326", iso3s) == {"yes": 19, "no": 0, "abstain": 1, "non-voting": 4}
    assert v.unrecorded(votes, "73/195", [*iso3s, "PSE"]) == ["PSE"]
    assert v.vote_of(votes, "73/195", "DZA") == "abstain" and v.vote_of(votes, "73/195", "PSE") is None


def test_the_24s_votes_equal_the_research_notes(votes, signatories):
    table = v.signatory_votes(votes, signatories)
    assert list(table.columns) == ["iso3", "country", "vote_73_195", "vote_73_326", "source"]
    assert list(table["iso3"]) == list(signatories["iso3"]) and len(table) == 24
    for column, expected in (("vote_73_195", GCM_VOTE_24), ("vote_73_326", IMRF_VOTE_24)):
        got = {vote: sorted(table.loc[table[column] == vote, "iso3"]) for vote in v.VOTES}
        assert got == {vote: sorted(expected.get(vote, "").split()) for vote in v.VOTES}, column
    algeria = table.set_index("iso3").loc["DZA"]
    assert (algeria["country"], algeria["vote_73_195"]) == ("Algeria", "abstain")
    assert "record 1656414" in algeria["source"] and "record 3813050" in algeria["source"]


def test_a_signatory_without_a_vote_is_an_error_not_a_gap(votes, signatories):
    with pytest.raises(LookupError, match="MEX"):
        v.signatory_votes(votes[votes["iso3"] != "MEX"], signatories)


def test_a_broken_votes_file_is_a_data_file_error(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    target = tmp_path / "data" / "unga_votes.csv"
    target.write_text(target.read_text(encoding="utf-8") + "x", encoding="utf-8")
    with pytest.raises(DataFileError, match="unga_votes.csv.*checksum"):
        load_unga_votes(tmp_path)
    manifest_path = tmp_path / "data" / "datapackage.json"
    for old, new, message in (("DZA,73/195,2018-12-19,abstain", "DZA,73/195,2018-12-19,maybe", "line .*'maybe'"),
                              ("AGO,73/195,2018-12-19,yes", "AFG,73/195,2018-12-19,yes", "AFG is listed twice"),
                              ("AGO,73/195,2018-12-19,", "AGO,73/195,2018-12-20,", "not the vote's")):
        text = (ROOT / "data" / "unga_votes.csv").read_text(encoding="utf-8").replace(old, new, 1)
        target.write_text(text, encoding="utf-8")
        manifest = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
        for entry in manifest["resources"]:
            if entry["path"] == "data/unga_votes.csv":
                entry["hash"] = sha256(target.read_bytes())
        manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
        with pytest.raises(DataFileError, match=message):
            load_unga_votes(tmp_path)
