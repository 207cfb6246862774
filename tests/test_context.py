"""Treaty status, RCP memberships, Gapminder context and colour modes against the research notes."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import plotly.express as px
import pytest

from dashboard.core import context as ctx
from dashboard.core.provenance import DataFileError, sha256
from dashboard.data import load_signatories
from dashboard.figures import context_modes

ROOT = Path(__file__).resolve().parents[1]
LIMA = "2006-05-16"
# The treaty names as the notes write them -> the keys of ctx.TREATIES (written out here, not imported).
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
    return ctx.load_treaty_actions()


@pytest.fixture(scope="module")
def lima(actions, signatories) -> pd.DataFrame:
    return ctx.treaty_status(actions, pd.Timestamp(LIMA), signatories)


@pytest.fixture(scope="module")
def latest(actions, signatories) -> pd.DataFrame:
    return ctx.treaty_status(actions, None, signatories)


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
        ctx.load_treaty_actions(root)


def test_corrupted_or_incomplete_treaties_file_raises_naming_it(tmp_path):
    text = _csv_text("treaties.csv")
    with pytest.raises(DataFileError, match="data/treaties.csv.*checksum"):
        ctx.load_treaty_actions(_root_with(tmp_path / "a", "data/treaties.csv", text + "x", register=False))
    no_date = text.replace("iso3,country,treaty,status,date,", "iso3,country,treaty,status,when,", 1)
    with pytest.raises(DataFileError, match=r"data/treaties.csv.*\['date'\]"):
        ctx.load_treaty_actions(_root_with(tmp_path / "b", "data/treaties.csv", no_date))


# --- treaty status -----------------------------------------------------------------------------

def test_every_signatory_has_a_row_per_treaty(lima, latest, signatories):
    for frame in (lima, latest):
        assert len(frame) == 96
        assert set(zip(frame["iso3"], frame["treaty"])) == {
            (i, t) for i in signatories["iso3"] for t in TREATY_KEYS.values()}
        assert set(frame["status"]) <= set(ctx.STATUSES)


def test_lima_statuses_follow_from_the_dates(lima):
    expected = _expected_status(LIMA)
    assert dict(zip(zip(lima["iso3"], lima["treaty"]), lima["status"])) == expected
    assert (lima["as_of"] == pd.Timestamp(LIMA)).all()


def test_latest_statuses_follow_from_the_notes(latest):
    assert dict(zip(zip(latest["iso3"], latest["treaty"]), latest["status"])) == _expected_status(None)


@pytest.mark.parametrize(("iso3", "treaty", "at_lima", "now", "signed", "party"), [
    ("IDN", "ICRMW", "signatory only", "party", "2004-09-22", "2012-05-31"),
    ("JAM", "ICRMW", "no action", "party", "2008-09-25", "2008-09-25"),
    ("BRA", "ICRMW", "no action", "no action", None, None),
    ("BOL", "UNTOC-TIP", "signatory only", "party", "2000-12-12", "2006-05-18"),  # two days after
    ("DOM", "UNTOC", "signatory only", "party", "2000-12-13", "2006-10-26"),
    ("DZA", "ICRMW", "party", "party", None, "2005-04-21"),
    ("CHN", "UNTOC-TIP", "no action", "party", None, "2010-02-08"),
    ("THA", "UNTOC-SOM", "signatory only", "signatory only", "2001-12-18", None),
])
def test_spot_checks(lima, latest, iso3, treaty, at_lima, now, signed, party):
    then_row, now_row = _cell(lima, iso3, treaty), _cell(latest, iso3, treaty)
    assert (then_row["status"], now_row["status"]) == (at_lima, now)
    for row in (then_row, now_row):
        for column, want in (("signature_date", signed), ("party_date", party)):
            assert pd.isna(row[column]) if want is None else row[column] == pd.Timestamp(want)


def test_the_day_of_a_ratification_decides(actions, signatories):
    before = ctx.treaty_status(actions, "2006-05-17", signatories)
    after = ctx.treaty_status(actions, "2006-05-18", signatories)
    assert _cell(before, "BOL", "UNTOC-TIP")["status"] == "signatory only"
    assert _cell(after, "BOL", "UNTOC-TIP")["status"] == "party"


def test_month_only_dates_are_not_given_a_day(actions, signatories, latest):
    inside = _cell(ctx.treaty_status(actions, "2015-06-10", signatories), "LKA", "UNTOC-TIP")
    assert inside["status"] == "signatory only" and inside["uncertain"]
    assert "2015-06 (month only)" in inside["uncertain_reason"]
    after = _cell(ctx.treaty_status(actions, "2015-07-01", signatories), "LKA", "UNTOC-TIP")
    assert after["status"] == "party"
    row = _cell(latest, "LKA", "UNTOC-TIP")
    assert (row["party_date_precision"], row["as_of"]) == ("month", pd.Timestamp("2015-06-30"))
    assert "ratification 2015-06 (month only)" in row["dates_text"]
    assert _cell(latest, "PAK", "UNTOC-TIP")["as_of"] == pd.Timestamp("2022-11-30")


def test_uncertain_rows_are_flagged(lima, latest):
    caveated = {(r["iso3"], TREATY_KEYS[r["treaty"]]) for r in _rows("treaties.csv")
                if "not verified" in r["status"]}
    assert len(caveated) == 8
    for key in caveated:
        row = _cell(latest, *key)
        assert row["uncertain"] and "later status not verified" in row["note"]
        # The caveat is about later years: it does not reach back to the Lima date.
        assert "not verified" not in _cell(lima, *key)["uncertain_reason"]
    not_high = {(r["iso3"], TREATY_KEYS[r["treaty"]]) for r in _rows("treaties.csv")
                if r["confidence"] != "high"}
    assert {k for k, u in zip(zip(latest["iso3"], latest["treaty"]), latest["uncertain"]) if u} == not_high
    assert not _cell(latest, "DZA", "ICRMW")["uncertain"]  # high confidence, no caveat
    assert _cell(latest, "DZA", "UNTOC")["uncertain_reason"] == "confidence medium"


def test_as_of_comes_from_the_sources(latest):
    scraped = _cell(latest, "COL", "UNTOC-SOM")
    assert scraped["as_of"] == pd.Timestamp("2015-03-14") and "2015-03-14" in scraped["as_of_note"]
    undated = _cell(latest, "BRA", "ICRMW")  # the UNTC page as read: no date in the notes
    assert pd.isna(undated["as_of"]) and "undated" in undated["as_of_note"]


def test_as_of_is_derived_not_hard_coded(tmp_path):
    text = _csv_text("treaties.csv").replace("last updated 2015-03-14", "last updated 2019-01-02")
    status = ctx.treaty_status(ctx.load_treaty_actions(_root_with(tmp_path, "data/treaties.csv", text)),
                               None, load_signatories())
    assert _cell(status, "COL", "UNTOC-SOM")["as_of"] == pd.Timestamp("2019-01-02")


def test_a_missing_pair_is_no_data(actions, signatories):
    gap = actions[~((actions["iso3"] == "PER") & (actions["treaty"] == "ICRMW"))]
    for on in (LIMA, None):
        status = ctx.treaty_status(gap, on, signatories)
        assert len(status) == 96
        row = _cell(status, "PER", "ICRMW")
        assert row["status"] == "no data" and row["uncertain"]
        assert (status["status"] == "no data").sum() == 1


def test_no_action_beside_an_earlier_action_is_refused(actions, signatories):
    bad = actions.copy()
    hit = (bad["iso3"] == "COL") & (bad["treaty"] == "UNTOC-SOM")
    extra = bad[hit].assign(action="signature", date=pd.Timestamp("2001-01-01"), date_precision="day")
    with pytest.raises(DataFileError, match="COL UNTOC-SOM"):
        ctx.treaty_status(pd.concat([bad, extra]), None, signatories)


def test_treaty_counts(lima, latest):
    counts = ctx.treaty_counts(lima, latest).set_index("treaty")
    for on, suffix in ((LIMA, "lima"), (None, "latest")):
        expected = _expected_status(on)
        for treaty in TREATY_KEYS.values():
            got = {s: counts.loc[treaty, f"{s.replace(' ', '_')}_{suffix}"] for s in ctx.STATUSES}
            want = {s: sum(1 for (_, t), v in expected.items() if t == treaty and v == s)
                    for s in ctx.STATUSES}
            assert got == want
    assert list(counts["party_lima"]) == [12, 17, 14, 12]
    assert list(counts["party_latest"]) == [16, 24, 24, 16]
    assert counts.loc["UNTOC-SOM", "uncertain_latest"] == 24
    assert counts.loc["UNTOC-TIP", "as_of_latest_max"] == pd.Timestamp("2022-11-30")


# --- regional consultative processes -----------------------------------------------------------

ROLE_OF_TEXT = {"member": "member", "observer country": "observer", "country of origin member": "member",
                "member (ECOWAS state)": "member", "partner country": "partner",
                "participating country": "participating", "participating state": "participating",
                "attended 2012 preparatory meeting only (membership not confirmed)": "attended-only"}


@pytest.fixture(scope="module")
def memberships() -> pd.DataFrame:
    return ctx.load_rcp_memberships()


def test_memberships_roles_and_years(memberships):
    raw = _rows("rcp.csv")
    assert len(memberships) == len(raw) == 55
    assert list(memberships["role"]) == [ROLE_OF_TEXT[r["rcp"].split(" - ", 1)[1]] for r in raw]
    assert list(memberships["iso3"]) == [r["iso3"] for r in raw]
    assert set(memberships["process"]) == set(ctx.PROCESSES)
    budapest = memberships[memberships["process"] == "Budapest Process"]
    assert sorted(budapest["iso3"]) == ["CHN", "PAK"] and budapest["founded_year"].isna().all()
    assert str(memberships["founded_year"].dtype) == "Int64"
    years = memberships.groupby("process")["founded_year"].agg(lambda y: set(y.dropna()))
    assert years["Puebla Process (RCM)"] == {1996} and years["ARCP"] == {2015}
    assert all(len(y) <= 1 for y in years)  # one founding year per process


def test_unknown_role_or_process_raises(tmp_path):
    text = _csv_text("rcp.csv").replace("(RCM / Puebla Process) - member", "(RCM / Puebla Process) - friend", 1)
    with pytest.raises(DataFileError, match=r"data/rcp.csv.*'friend'"):
        ctx.load_rcp_memberships(_root_with(tmp_path / "a", "data/rcp.csv", text))
    text = _csv_text("rcp.csv").replace("Abu Dhabi Dialogue - ", "Abu Dhabi Talks - ", 1)
    with pytest.raises(DataFileError, match="Abu Dhabi Talks"):
        ctx.load_rcp_memberships(_root_with(tmp_path / "b", "data/rcp.csv", text))


def test_rcp_counts_per_signatory(memberships, signatories):
    counts = ctx.rcp_counts(memberships, signatories).set_index("iso3")
    assert list(counts.index) == list(signatories["iso3"])
    expected: dict[str, dict[str, set[str]]] = {i: {"processes": set(), "observer": set(),
                                                    "attended_only": set()} for i in signatories["iso3"]}
    for row in _rows("rcp.csv"):
        name, role_text = row["rcp"].split(" - ", 1)
        role = ROLE_OF_TEXT[role_text]
        kind = {"observer": "observer", "attended-only": "attended_only"}.get(role, "processes")
        expected[row["iso3"]][kind].add(name.split(" (")[0] if name.startswith("Budapest") else name)
    for iso3, kinds in expected.items():
        assert {k: counts.loc[iso3, k] for k in kinds} == {k: len(v) for k, v in kinds.items()}
    assert (counts.loc["PAK", "processes"], counts.loc["CHN", "attended_only"]) == (4, 1)
    assert (counts.loc["DZA", "processes"], counts.loc["DZA", "observer"]) == (2, 1)


def test_rcp_matrix(memberships, signatories):
    matrix = ctx.rcp_matrix(memberships, signatories).set_index("iso3")
    assert matrix.shape == (24, 1 + len(ctx.PROCESSES))
    assert matrix.loc["MEX", "Puebla Process (RCM)"] == "member"
    assert matrix.loc["MEX", "Lima Process (SACM)"] == "observer"
    assert matrix.loc["DZA", "Rabat Process"] == "observer"
    assert matrix.loc["NGA", "Rabat Process"] == "partner"
    assert matrix.loc["CHN", "Budapest Process"] == "attended-only"
    assert matrix.loc["BRA", "Colombo Process"] == ""
    filled = int((matrix[list(ctx.PROCESSES)] != "").sum().sum())
    assert filled == 55


# --- Gapminder ---------------------------------------------------------------------------------

def test_gapminder_share_and_missing(signatories):
    table = px.data.gapminder()
    year = table[table["year"] == 2007]
    found, info = ctx.gapminder_context(signatories)
    wanted = year[year["iso_alpha"].isin(set(signatories["iso3"]))]
    assert info["share"] == pytest.approx(wanted["pop"].sum() / year["pop"].sum())
    assert 0.6 < info["share"] < 0.63 and info["countries_in_table"] == 142
    assert info["missing"] == [] and len(found) == 24
    assert found.set_index("iso3").loc["IND", "pop"] == int(year.set_index("iso_alpha").loc["IND", "pop"])
    assert "CC BY 4.0" in info["source"] and "gapminder()" in info["source"]
    # A signatory absent from the table is listed, not dropped silently.
    _, partial = ctx.gapminder_context(signatories, year[year["iso_alpha"] != "PER"])
    assert partial["missing"] == [("PER", "Peru")] and partial["signatories_found"] == 23


# --- colour modes ------------------------------------------------------------------------------

def test_treaty_mode(lima, latest):
    mode = context_modes.treaty_mode(lima, "ICRMW", "lima", "at Lima, 16 May 2006")
    assert mode.key == "icrmw-lima" and mode.categories == ("party", "signatory only", "no action", "no data")
    assert mode.colours == {"party": "#0072B2", "signatory only": "#56B4E9", "no action": "#E69F00",
                            "no data": "#999999"}
    assert (mode.values["IDN"], mode.values["JAM"], mode.values["DZA"]) == ("signatory only", "no action", "party")
    assert "ratification 2012-05-31" in mode.hover["IDN"]
    assert "UN Treaty Collection" in mode.note and "IV-13" in mode.note
    now = context_modes.treaty_mode(latest, "UNTOC-SOM", "latest", "latest in the notes")
    assert now.key == "untoc-som-latest" and now.values["BOL"] == "signatory only"
    assert "uncertain: " in now.hover["BOL"] and "later status not verified" in now.hover["BOL"]
    assert "2015-03-14" in now.note


def test_rcp_mode(memberships, signatories):
    mode = context_modes.rcp_mode(memberships, "Puebla Process (RCM)", signatories)
    assert mode.key == "rcp-puebla-process-rcm"
    assert (mode.values["MEX"], mode.values["COL"], mode.values["BRA"]) == ("member", "observer", ctx.NOT_LISTED)
    assert mode.categories == ("member", "observer", ctx.NOT_LISTED)
    assert "founded 1996" in mode.note


def test_all_context_modes_cover_the_24():
    modes = context_modes.all_context_modes()
    assert len(modes) == 8 + 14 and "icrmw-latest" in modes and "rcp-budapest-process" in modes
    for mode in modes.values():
        assert len(mode.values) == 24
        assert set(mode.values.values()) <= set(mode.categories) == set(mode.colours)
