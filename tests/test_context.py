"""Treaty notes and the 24's status, RCP memberships (with the audit), Gapminder context, colour modes."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.express as px
import pytest

from dashboard.core import population, processes, treaties, treaty_record
from dashboard.core.provenance import DataFileError, sha256
from dashboard.data import Tables, load_signatories
from dashboard.figures import modes

ROOT = Path(__file__).resolve().parents[1]
LIMA = "2006-05-16"
# The treaty names as the notes write them -> the keys of treaties.TREATIES (written out here, not imported).
TREATY_KEYS = {"ICRMW": "ICRMW", "UNTOC": "UNTOC", "UNTOC Trafficking in Persons Protocol": "UNTOC-TIP",
               "UNTOC Smuggling of Migrants Protocol": "UNTOC-SOM"}
PARTY = {"ratification", "accession", "acceptance", "approval", "succession"}


def _rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _expected_status(on: str | None) -> dict[tuple[str, str], str]:
    """Recomputed from the CSV alone: ISO date strings compare in date order."""
    found: dict[tuple[str, str], set[str]] = {}
    for row in _rows("treaties.csv"):
        kinds = found.setdefault((row["iso3"], TREATY_KEYS[row["treaty"]]), set())
        status, when = row["status"], row["date"]
        if on is not None and (not when or len(when) < 10 or when > on):
            continue  # (no month-only date lies near 2006: both are 2015 and later)
        if status in PARTY:
            kinds.add("party")
        elif status == "signature" or status.startswith("signed only"):
            kinds.add("signature")
    return {key: "party" if "party" in k else "signatory only" if "signature" in k else "no action"
            for key, k in found.items()}


@pytest.fixture(scope="module")
def signatories() -> pd.DataFrame:
    return load_signatories()


@pytest.fixture(scope="module")
def actions() -> pd.DataFrame:
    return treaty_record.load_treaty_actions()


@pytest.fixture(scope="module")
def record() -> treaties.TreatyRecord:
    return treaty_record.treaty_record()


@pytest.fixture(scope="module")
def lima(record, signatories) -> pd.DataFrame:
    return treaty_record.treaty_status(record, pd.Timestamp(LIMA), signatories)


@pytest.fixture(scope="module")
def latest(record, signatories) -> pd.DataFrame:
    return treaty_record.treaty_status(record, None, signatories)


def _cell(frame: pd.DataFrame, iso3: str, treaty: str) -> pd.Series:
    match = frame[(frame["iso3"] == iso3) & (frame["treaty"] == treaty)]
    assert len(match) == 1
    return match.iloc[0]


def _root_with(tmp_path: Path, relpath: str, text: str, register: bool = True) -> Path:
    """A copy of the data with `relpath` replaced; registered in the manifest unless told not to."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / relpath).write_text(text, encoding="utf-8")
    if register:
        manifest = json.loads((tmp_path / "data" / "datapackage.json").read_text(encoding="utf-8"))
        for entry in manifest["resources"]:
            if entry["path"] == relpath:
                entry["hash"] = sha256((tmp_path / relpath).read_bytes())
        (tmp_path / "data" / "datapackage.json").write_text(json.dumps(manifest), encoding="utf-8")
    return tmp_path


def _csv_text(name: str) -> str:
    return (ROOT / "data" / name).read_text(encoding="utf-8")


# --- treaty actions ----------------------------------------------------------------------------

def test_actions_keep_every_row_with_normalized_treaties_and_actions(actions):
    raw = _rows("treaties.csv")
    assert len(actions) == len(raw) == 164
    assert list(actions["treaty"]) == [TREATY_KEYS[r["treaty"]] for r in raw]
    assert set(actions["action"]) == {"signature", "ratification", "accession", "none"}
    nones = [r["status"].startswith(("no action", "not a participant")) for r in raw]
    assert list(actions["action"] == "none") == nones
    for column in ["iso3", "country", "treaty", "action", "date", "source_url", "confidence", "note"]:
        assert column in actions.columns


def test_caveats_and_month_only_dates_are_kept(actions):
    caveated = actions[actions["note"] != ""]
    assert len(caveated) == 8 and caveated["note"].str.contains("later status not verified").all()
    month = actions[actions["date_precision"] == "month"]
    assert sorted(zip(month["iso3"], month["treaty"])) == [("LKA", "UNTOC-TIP"), ("PAK", "UNTOC-TIP")]
    assert actions["source_as_of"].dropna().eq(pd.Timestamp("2015-03-14")).all()


def test_unclassifiable_status_raises_naming_it(tmp_path):
    text = _csv_text("treaties.csv").replace("DZA,Algeria,ICRMW,accession", "DZA,Algeria,ICRMW,deposited", 1)
    root = _root_with(tmp_path, "data/treaties.csv", text)
    with pytest.raises(DataFileError, match=r"data/treaties.csv.*'deposited'"):
        treaty_record.load_treaty_actions(root)


def test_corrupted_or_incomplete_treaties_file_raises_naming_it(tmp_path):
    text = _csv_text("treaties.csv")
    with pytest.raises(DataFileError, match="data/treaties.csv.*checksum"):
        treaty_record.load_treaty_actions(_root_with(tmp_path / "a", "data/treaties.csv", text + "x", register=False))
    no_date = text.replace("iso3,country,treaty,status,date,", "iso3,country,treaty,status,when,", 1)
    with pytest.raises(DataFileError, match=r"data/treaties.csv.*\['date'\]"):
        treaty_record.load_treaty_actions(_root_with(tmp_path / "b", "data/treaties.csv", no_date))


# --- treaty status of the 24 (from the UN lists; see tests/test_treaties.py for the lists) ---------

def test_every_signatory_has_a_row_per_treaty(lima, latest, signatories):
    for frame in (lima, latest):
        assert len(frame) == 96
        assert set(zip(frame["iso3"], frame["treaty"])) == {
            (i, t) for i in signatories["iso3"] for t in TREATY_KEYS.values()}
        assert set(frame["status"]) <= set(treaties.STATUSES)
        assert list(dict.fromkeys(frame["iso3"])) == list(signatories["iso3"])  # the press release's order


def test_the_notes_and_the_lists_agree_on_the_lima_date(lima):
    # The research notes, re-read on their own, give the same 96 statuses as the UN lists.
    assert dict(zip(zip(lima["iso3"], lima["treaty"]), lima["status"])) == _expected_status(LIMA)
    assert (lima["as_of"] == pd.Timestamp(LIMA)).all() and not lima["uncertain"].any()


@pytest.mark.parametrize(("iso3", "treaty", "at_lima", "now", "dates"), [
    ("IDN", "ICRMW", "signatory only", "party", "signed 22 Sep 2004; ratification 31 May 2012"),
    ("JAM", "ICRMW", "no action", "party", "signed 25 Sep 2008; ratification 25 Sep 2008"),
    ("DOM", "UNTOC", "signatory only", "party", "signed 13 Dec 2000; ratification 26 Oct 2006"),
    ("BOL", "UNTOC-TIP", "signatory only", "party", "signed 12 Dec 2000; ratification 18 May 2006"),
    ("BRA", "ICRMW", "no action", "no action", "no signature, ratification or accession"),
])
def test_spot_checks(lima, latest, iso3, treaty, at_lima, now, dates):
    assert _cell(lima, iso3, treaty)["status"] == at_lima
    row = _cell(latest, iso3, treaty)
    assert (row["status"], row["dates_text"]) == (now, dates)


def test_latest_is_as_of_each_lists_date(latest):
    as_of = latest.groupby("treaty")["as_of"].agg(set).to_dict()
    # The ICRMW and the Trafficking Protocol read from their newer lists (2026, 2022-23).
    assert as_of == {"ICRMW": {pd.Timestamp("2026-02-03")}, "UNTOC": {pd.Timestamp("2014-01-27")},
                     "UNTOC-TIP": {pd.Timestamp("2022-11-04")}, "UNTOC-SOM": {pd.Timestamp("2014-07-10")}}
    # Sri Lanka's and Pakistan's later reports are now on the Trafficking Protocol's list: nothing uncertain.
    assert not latest["uncertain"].any()


def test_treaty_counts(record, signatories):
    counts = treaty_record.treaty_counts(record, signatories).set_index("treaty")
    assert counts["party_lima"].tolist() == [12, 17, 14, 12]
    assert counts["party_latest"].tolist() == [16, 24, 24, 16]  # Sri Lanka (2015) and Pakistan (2022) on the newer list
    assert counts.loc["ICRMW", "states_lima"] == 34 and counts["uncertain_lima"].sum() == 0
    assert counts["reported_latest"].tolist() == [0, 0, 0, 0]
    assert counts.loc["ICRMW", "states_latest"] == 60 and counts.loc["ICRMW", "as_of"] == pd.Timestamp("2026-02-03")


# --- regional consultative processes -----------------------------------------------------------

ROLE_OF_TEXT = {"member": "member", "observer country": "observer", "country of origin member": "member",
                "member (ECOWAS state)": "member", "partner country": "partner",
                "participating country": "participating", "participating state": "participating",
                "former partner country": "partner", "observer state": "observer",
                "attended 2012 preparatory meeting only (membership not confirmed)": "attended-only"}
AFTER_LIMA = {"Rabat Process", "Abu Dhabi Dialogue", "MIDCOM", "Almaty Process", "Khartoum Process", "ARCP", "CMC"}


@pytest.fixture(scope="module")
def memberships() -> pd.DataFrame:
    return processes.load_rcp_memberships()


def test_memberships_roles_and_years(memberships):
    raw = _rows("rcp.csv")
    assert len(memberships) == len(raw) == 58  # 55 rows of the notes and 3 added by the audit
    assert list(memberships["role"]) == [ROLE_OF_TEXT[r["rcp"].split(" - ", 1)[1]] for r in raw]
    assert list(memberships["iso3"]) == [r["iso3"] for r in raw]
    assert set(memberships["process"]) == set(processes.PROCESSES)
    budapest = memberships[memberships["process"] == "Budapest Process"]
    assert sorted(budapest["iso3"]) == ["CHN", "PAK"] and (budapest["founded_year"] == 1993).all()
    assert str(memberships["founded_year"].dtype) == "Int64"
    years = memberships.groupby("process")["founded_year"].agg(lambda y: set(y.dropna()))
    assert years["Puebla Process (RCM)"] == {1996} and years["ARCP"] == {2015} and years["Almaty Process"] == {2013}
    assert all(len(y) == 1 for y in years)  # one founding year per process
    after = set(memberships.loc[memberships["founded_after_lima"], "process"])
    assert after == AFTER_LIMA


def test_the_audits_corrections_are_applied(memberships):
    rows = memberships.set_index(["process", "iso3"])
    for process in ("Bali Process", "Colombo Process"):
        part = memberships[(memberships["process"] == process) & (memberships["role"] == "member")]
        assert len(part) == 8 and (part["confidence"] == "high").all()
    assert rows.loc[("Bali Process", "ZAF"), "role"] == "observer"
    assert rows.loc[("Almaty Process", "PAK"), "role"] == "observer"
    egypt = memberships[(memberships["process"] == "Rabat Process") & (memberships["iso3"] == "EGY")].iloc[0]
    assert egypt["role"] == "partner" and "until 2014" in egypt["joined"]
    dom = rows.loc[("Puebla Process (RCM)", "DOM")]
    assert "1999-2000" in dom["joined"] and "migracioninternacional.com" in dom["source_url"]
    assert rows.loc[("CMC", "JAM"), "joined"].startswith("January 2016")
    rebuilt = subprocess.run([sys.executable, "scripts/build/build_rcp.py", "--check"], cwd=ROOT, capture_output=True,
                             text=True)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr


def test_founding_is_said_in_words():
    assert processes.founded_text("Abu Dhabi Dialogue", 2008) == "founded 2008, after the Lima meeting"
    assert processes.founded_text("Rabat Process", 2006) == "founded July 2006, after the Lima meeting"
    assert processes.founded_text("Bali Process", 2002) == "founded 2002"


def test_unknown_role_or_process_raises(tmp_path):
    text = _csv_text("rcp.csv").replace("(RCM / Puebla Process) - member", "(RCM / Puebla Process) - friend", 1)
    with pytest.raises(DataFileError, match=r"data/rcp.csv.*'friend'"):
        processes.load_rcp_memberships(_root_with(tmp_path / "a", "data/rcp.csv", text))
    text = _csv_text("rcp.csv").replace("Abu Dhabi Dialogue - ", "Abu Dhabi Talks - ", 1)
    with pytest.raises(DataFileError, match="Abu Dhabi Talks"):
        processes.load_rcp_memberships(_root_with(tmp_path / "b", "data/rcp.csv", text))


def test_rcp_counts_per_signatory(memberships, signatories):
    counts = processes.rcp_counts(memberships, signatories).set_index("iso3")
    assert list(counts.index) == list(signatories["iso3"])
    expected: dict[str, dict[str, set[str]]] = {i: {"processes": set(), "later": set(), "observer": set(),
                                                    "attended_only": set()} for i in signatories["iso3"]}
    for row in _rows("rcp.csv"):
        name, role_text = row["rcp"].split(" - ", 1)
        role = ROLE_OF_TEXT[role_text]
        later = int(row["founded_year"]) > 2006 or name.endswith("(Rabat Process)")
        kind = {"observer": "observer", "attended-only": "attended_only"}.get(role, "later" if later else "processes")
        expected[row["iso3"]][kind].add(name.split(" (")[0] if name.startswith("Budapest") else name)
    for iso3, kinds in expected.items():
        assert {k: counts.loc[iso3, k] for k in kinds} == {k: len(v) for k, v in kinds.items()}
    # Pakistan: Colombo, Bali and Budapest (founded 1993, though Pakistan joined after 2010) by the
    # founding date; Abu Dhabi (2008) later; an Almaty observer.
    assert (counts.loc["PAK", "processes"], counts.loc["PAK", "later"], counts.loc["PAK", "observer"]) == (3, 1, 1)
    assert (counts.loc["EGY", "processes"], counts.loc["EGY", "later"]) == (0, 4)
    assert (counts.loc["DZA", "processes"], counts.loc["DZA", "later"], counts.loc["DZA", "observer"]) == (1, 1, 1)


def test_rcp_matrix(memberships, signatories):
    matrix = processes.rcp_matrix(memberships, signatories).set_index("iso3")
    assert matrix.shape == (24, 1 + len(processes.PROCESSES))
    assert matrix.loc["MEX", "Puebla Process (RCM)"] == "member"
    assert matrix.loc["MEX", "Lima Process (SACM)"] == "observer"
    assert matrix.loc["DZA", "Rabat Process"] == "observer"
    assert matrix.loc["NGA", "Rabat Process"] == "partner"
    assert matrix.loc["CHN", "Budapest Process"] == "attended-only"
    assert matrix.loc["BRA", "Colombo Process"] == ""
    filled = int((matrix[list(processes.PROCESSES)] != "").sum().sum())
    assert filled == 58


# --- Gapminder ---------------------------------------------------------------------------------

def test_gapminder_share_and_missing(signatories):
    table = px.data.gapminder()
    year = table[table["year"] == 2007]
    found, info = population.gapminder_context(signatories)
    wanted = year[year["iso_alpha"].isin(set(signatories["iso3"]))]
    assert info["share"] == pytest.approx(wanted["pop"].sum() / year["pop"].sum())
    assert 0.6 < info["share"] < 0.63 and info["countries_in_table"] == 142
    assert info["missing"] == [] and len(found) == 24
    assert found.set_index("iso3").loc["IND", "pop"] == int(year.set_index("iso_alpha").loc["IND", "pop"])
    assert "CC BY 4.0" in info["source"] and "gapminder()" in info["source"]
    # A signatory absent from the table is listed, not dropped silently.
    _, partial = population.gapminder_context(signatories, year[year["iso_alpha"] != "PER"])
    assert partial["missing"] == [("PER", "Peru")] and partial["signatories_found"] == 23


# --- colour modes ------------------------------------------------------------------------------

def test_treaty_mode_colours_every_state(record, signatories):
    mode = modes.treaty_mode(record, "ICRMW", "lima", list(signatories["iso3"]))
    assert mode.key == "icrmw-lima" and mode.categories == ("party", "signatory only", "no action")
    assert mode.colours == {"party": "#0072B2", "signatory only": "#56B4E9", "no action": "#E69F00"}
    assert len(mode.values) == 197 and sum(v == "party" for v in mode.values.values()) == 34
    assert (mode.values["IDN"], mode.values["JAM"], mode.values["DZA"]) == ("signatory only", "no action", "party")
    assert (mode.values["ALB"], mode.values["FRA"]) == ("no action", "no action")
    assert "signed 22 Sep 2004" in mode.hover["IDN"] and "list as of 16 May 2006" in mode.hover["IDN"]
    assert "UN Treaty Collection" in mode.note and "IV-13" in mode.note and "outlined" in mode.note
    now = modes.treaty_mode(record, "UNTOC-TIP", "latest", list(signatories["iso3"]))
    assert now.key == "untoc-tip-latest" and "4 Nov 2022" in now.label
    assert now.values["LKA"] == now.values["PAK"] == "party" and treaties.UNCONFIRMED not in now.categories
    assert "ratification 15 Jun 2015" in now.hover["LKA"] and "Uncertain" not in now.hover["LKA"]
    assert now.values["BOL"] == "party" and "notes" not in now.note
    assert "list as of 4 Nov 2022 (scraped by 12 Jun 2023)" in now.note


def test_rcp_mode(memberships, signatories):
    mode = modes.rcp_mode(memberships, "Puebla Process (RCM)", signatories)
    assert mode.key == "rcp-puebla-process-rcm"
    assert (mode.values["MEX"], mode.values["COL"], mode.values["BRA"]) == ("member", "observer", processes.NOT_LISTED)
    assert mode.categories == ("member", "observer", processes.NOT_LISTED)
    assert "founded 1996" in mode.note and "1999-2000" in mode.hover["DOM"]
    later = modes.rcp_mode(memberships, "Abu Dhabi Dialogue", signatories)
    assert "founded 2008, after the Lima meeting" in later.note and "not a status" in later.note


def _all_context_modes():
    tables = Tables()
    return modes.context_modes(tables.signatories, tables.record, tables.memberships)


def test_all_context_modes():
    modes = _all_context_modes()
    assert len(modes) == 8 + 15 and "icrmw-latest" in modes and "rcp-almaty-process" in modes
    for key, mode in modes.items():
        assert len(mode.values) == (197 if not key.startswith("rcp-") else 24)
        assert set(mode.values.values()) <= set(mode.categories) == set(mode.colours)
