"""Comparing a pasted or uploaded list with the 24: parsing rules, limits, hostile input, results."""

from __future__ import annotations

import csv
import io
import re
import time

import pandas as pd
import pycountry
import pytest

from dashboard.core import compare as cmp
from dashboard.core.compare import MAX_BYTES, MAX_LINES, CompareInputError, compare, parse_text, parse_upload
from dashboard.core.names import to_iso3
from dashboard.data import load_signatories
from dashboard.figures.modes import compare_mode

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


@pytest.fixture(scope="module")
def signatories() -> pd.DataFrame:
    return load_signatories()


def _table(result: cmp.CompareResult) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(result.to_csv())))


# --- parse_text --------------------------------------------------------------------------------

def test_newlines_split_only_on_newlines():
    text = "Korea, Rep.\r\nBolivia (Plurinational State of)\n\n  Peru  \nPeru\n"
    assert parse_text(text) == ["Korea, Rep.", "Bolivia (Plurinational State of)", "Peru"]


def test_one_line_splits_on_semicolons_else_commas():
    assert parse_text("Peru; Korea, Rep.; Chile") == ["Peru", "Korea, Rep.", "Chile"]
    assert parse_text("Peru, Chile ,Brazil,") == ["Peru", "Chile", "Brazil"]
    assert parse_text("\n\n  Peru, Chile \n") == ["Peru", "Chile"]  # one non-blank line
    assert parse_text("\ufeffPeru") == ["Peru"]
    assert parse_text("") == [] and parse_text(" \n\t\n") == []


def test_text_limits_say_the_limit():
    assert len(parse_text("\n".join(f"n{i}" for i in range(MAX_LINES)))) == MAX_LINES
    with pytest.raises(CompareInputError, match="10,000"):
        parse_text("\n".join(f"n{i}" for i in range(MAX_LINES + 1)))
    with pytest.raises(CompareInputError, match="1,000,000 bytes"):
        parse_text("a" * (MAX_BYTES + 1))
    with pytest.raises(CompareInputError, match="1,000,000 bytes"):
        parse_text("é" * (MAX_BYTES // 2 + 1))  # counted in UTF-8 bytes, not characters


@pytest.mark.parametrize(("text", "code"), [("Peru\x00", "U+0000"), ("Peru\nChi\x07le", "U+0007"),
                                            ("Peru\u202eurep", "U+202E"), ("a\x1bb", "U+001B")])
def test_control_characters_are_refused(text, code):
    with pytest.raises(CompareInputError, match=re.escape(code)):
        parse_text(text)


# --- parse_upload ------------------------------------------------------------------------------

def test_csv_with_a_country_column():
    data = b"id,Country Name,pop\n1,Peru,3\n2,\"Korea, Rep.\",5\n3,,1\n4,Peru,2\n"
    assert parse_upload(data, "list.CSV") == ["Peru", "Korea, Rep."]


def test_csv_without_header_uses_the_first_column_and_bom_is_dropped():
    data = "\ufeffPeru,1\n\"Bolivia (Plurinational State of)\",2\nChile".encode()
    assert parse_upload(data, "x.csv") == ["Peru", "Bolivia (Plurinational State of)", "Chile"]


def test_tsv_and_txt():
    assert parse_upload(b"name\tx\nPeru\t1\nChile\t2\n", "a.tsv") == ["Peru", "Chile"]
    assert parse_upload(b"Peru; Chile", "a.txt") == ["Peru", "Chile"]


@pytest.mark.parametrize(("data", "filename", "message"), [
    (PNG_HEADER, "flag.csv", "not a UTF-8 text or CSV file"),
    (PNG_HEADER, "flag.png", r"\.csv, \.tsv or \.txt"),
    ("Perú\n".encode("latin-1"), "list.csv", "not a UTF-8 text or CSV file"),
    (b"Peru\x00\nChile", "list.txt", "not a UTF-8 text or CSV file"),
    (b"a" * (MAX_BYTES + 1), "big.csv", "1,000,000 bytes"),
    (b"Peru,\"Chile\nBrazil\n", "bad.csv", "not valid CSV"),
    (b"\"Peru\"x,Chile\n", "bad.csv", "not valid CSV"),
    (b"\"" + b"a" * 200_000 + b"\"\n", "wide.csv", "not valid CSV"),  # over the csv field limit
    ("\n".join(["Peru"] * (MAX_LINES + 1)).encode(), "long.csv", "10,000"),
    (b"Peru\x07,1\n", "bell.csv", "U\\+0007"),
    (b"PK\x03\x04\x14\x00", "sheet.xlsx", r"\.csv, \.tsv or \.txt"),
])
def test_bad_uploads_are_refused_with_a_message(data, filename, message):
    with pytest.raises(CompareInputError, match=message):
        parse_upload(data, filename)


# --- compare -----------------------------------------------------------------------------------

def test_all_24_by_name(signatories):
    result = compare(list(signatories["name"]), signatories)
    assert result.both == list(signatories["iso3"])
    assert result.only_lima == [] and result.only_list == [] and result.unmatched == []
    assert result.matched["in_lima"].all()


def test_mixed_list(signatories):
    names = ["Peru", "Chile", "Atlantis", "peru", "Korea, Rep.", "Korea", "Viet Nam"]
    result = compare(names, signatories)
    assert list(result.matched["iso3"]) == ["PER", "CHL", "KOR", "VNM"]
    assert list(result.matched["in_lima"]) == [True, False, False, True]
    assert [u[0] for u in result.unmatched] == ["Atlantis", "Korea"]
    assert "PRK" in result.unmatched[1][1] and "KOR" in result.unmatched[1][1]  # suggestions
    assert result.duplicates == [("peru", "PER", "Peru")]
    assert result.both == ["PER", "VNM"] and result.only_list == ["CHL", "KOR"]
    assert len(result.only_lima) == 22 and "PER" not in result.only_lima
    assert result.counts == {"names": 7, "matched": 4, "unmatched": 2, "duplicates": 1, "both": 2,
                             "only_lima": 22, "only_list": 2, "signatories": 24}


HOSTILE = ["<script>alert(1)</script>", "'; DROP TABLE countries; --", "Robert'); DROP TABLE x;--",
           "x" * 5000, "{{7*7}}", "${jndi:ldap://x}", "../../etc/passwd", "%00", "🇵🇪", "\u200b",
           "=HYPERLINK(\"http://x\")", "@SUM(A1)"]


def test_hostile_names_are_listed_unmatched(signatories):
    result = compare([*HOSTILE, "Peru"], signatories)
    assert [u[0] for u in result.unmatched] == HOSTILE
    assert result.both == ["PER"]
    long_reason = dict(result.unmatched)["x" * 5000]
    assert "5000 characters" in long_reason and len(long_reason) < 200
    rows = _table(result)
    injected = {r["input_name"] for r in rows if r["note"].startswith("unmatched")}
    assert "'=HYPERLINK(\"http://x\")" in injected and "'@SUM(A1)" in injected


def test_hostile_text_through_the_parser(signatories):
    text = "\n".join([*HOSTILE[:8], "Peru", "Chile"])
    result = compare(parse_text(text), signatories)
    assert len(result.unmatched) == 8 and result.both == ["PER"] and result.only_list == ["CHL"]


def test_ten_thousand_unknown_lines_stay_fast_and_listed(signatories):
    names = parse_text("\n".join(f"nowhere {i}" for i in range(MAX_LINES)))
    start = time.perf_counter()
    result = compare(names, signatories)
    assert time.perf_counter() - start < 15
    assert len(result.unmatched) == MAX_LINES and result.counts["unmatched"] == MAX_LINES
    assert "did you mean" not in result.unmatched[-1][1] and "first 50" in result.unmatched[-1][1]


def test_cheap_check_agrees_with_to_iso3():
    """_may_match must never say no to a name to_iso3 resolves (it skips suggestions only)."""
    corpus = [c.name for c in pycountry.countries] + [
        getattr(c, "official_name", "") for c in pycountry.countries] + [
        "Korea, Rep.", "U.S.", "PER", "  peru ", "Congo", "Korea", "Atlantis", "x" * 300, "Viet Nam"]
    for name in filter(None, corpus):
        try:
            to_iso3(name)
            resolved = True
        except LookupError:
            resolved = False
        assert cmp._may_match(name) or not resolved, name


def test_after_the_budget_a_real_country_still_matches(signatories):
    result = compare([f"nowhere {i}" for i in range(cmp.MAX_SUGGESTED + 5)] + ["Peru", "Korea, Rep."],
                     signatories)
    assert result.both == ["PER"] and result.only_list == ["KOR"]


def test_too_many_or_non_text_names(signatories):
    with pytest.raises(CompareInputError, match="10,000"):
        compare(["Peru"] * (MAX_LINES + 1), signatories)
    with pytest.raises(CompareInputError, match="text"):
        compare(["Peru", 3], signatories)  # type: ignore[list-item]


def test_to_csv(signatories):
    result = compare(["Peru", "=Peru", "Chile", "Atlantis"], signatories)
    rows = _table(result)
    assert list(rows[0]) == ["iso3", "name", "in_lima", "in_list", "input_name", "note"]
    by_iso3 = {r["iso3"]: r for r in rows if r["iso3"]}
    assert len(by_iso3) == 25  # the 24 and Chile
    assert by_iso3["PER"] == {"iso3": "PER", "name": "Peru", "in_lima": "True", "in_list": "True",
                              "input_name": "Peru | =Peru", "note": ""}
    assert (by_iso3["CHL"]["in_lima"], by_iso3["CHL"]["in_list"]) == ("False", "True")
    assert (by_iso3["BRA"]["in_lima"], by_iso3["BRA"]["in_list"]) == ("True", "False")
    assert rows[-1]["input_name"] == "Atlantis" and rows[-1]["note"].startswith("unmatched")


def test_compare_mode(signatories):
    """Issue 12, item 3: all three groups on the map, countries only in the list included."""
    result = compare(["Peru <", "Chile", "India"], signatories)
    mode = compare_mode(result)
    assert mode.categories == ("in both", "only among the 24", "only in your list")
    assert len(mode.values) == 25 and mode.values["CHL"] == "only in your list"
    assert {k for k, v in mode.values.items() if v == "in both"} == {"PER", "IND"}
    assert mode.colours == {"in both": "#0072B2", "only among the 24": "#E69F00", "only in your list": "#009E73",
                            "in neither": "#E6E6E6"}
    assert mode.hover["PER"] == "in your list as: Peru &lt;"  # user text escaped
    assert mode.hover["CHL"] == "in your list as: Chile"
    assert "countries only in your list: 1" in mode.note and "1 countries" not in mode.note
    world = compare_mode(result, "en", ["PER", "CHL", "FRA", "Kosovo"])
    assert world.values["FRA"] == world.values["Kosovo"] == "in neither" and world.values["CHL"] == "only in your list"
    spanish = compare_mode(result, "es")
    assert spanish.values["CHL"] != "only in your list" and set(spanish.values.values()) <= set(spanish.colours)


@pytest.mark.parametrize(("value", "codes"), [
    ("PER.VNM.KOR", ["PER", "VNM", "KOR"]), ("per,vnm;kor", ["PER", "VNM", "KOR"]), (" PER ", ["PER"]),
    ("PER.PER.CHL", ["PER", "CHL"]),
])
def test_the_list_in_a_link_reads_back(value, codes):
    assert cmp.parse_url_value(value) == codes


@pytest.mark.parametrize(("value", "message"), [
    ("<script>alert(1)</script>", "not a list of three-letter country codes"),
    ("PER.XXX.QQQ", "codes that are no country: XXX, QQQ"),
    ("PER." * 400, "the limit is 1,200"),
    ("PER..VNM", "not a list"), ("", "not a list"), (None, "not a list"), ("Peru", "not a list"),
    ("PER\x00VNM", "not a list"), ("PER.VNM%00", "not a list"),
])
def test_a_hostile_list_in_a_link_is_refused_with_a_message(value, message):
    with pytest.raises(cmp.CompareInputError, match=message):
        cmp.parse_url_value(value)


def test_every_list_fits_in_a_link(signatories):
    """url_value -> parse_url_value is the identity, and every country at once is within the limit."""
    import pycountry

    everyone = [c.alpha_3 for c in pycountry.countries]
    assert len(everyone) <= cmp.MAX_URL_CODES
    result = compare(everyone, signatories)
    assert cmp.parse_url_value(cmp.url_value(result)) == list(result.matched["iso3"]) == everyone


# --- Spanish and French (issue 10) -------------------------------------------------------------

def test_cheap_check_agrees_with_to_iso3_in_spanish_and_french():
    from dashboard.core.provenance import ROOT

    with open(ROOT / "data" / "country_names_i18n.csv", encoding="utf-8") as handle:
        corpus = [row["name"] for row in csv.DictReader(handle)]
    corpus += ["América Latina", "Unión Europea", "Royaume", "Sur", "Corea", "San Martin", "EE. UU."]
    for name in corpus:
        try:
            to_iso3(name)
            resolved = True
        except LookupError:
            resolved = False
        assert cmp._may_match(name) or not resolved, name
    assert cmp._may_match("Bolivie (État plurinational de)") and not cmp._may_match("Unión Europea")


def test_a_spanish_list_compares_in_spanish(signatories):
    text = ("Argelia\nBolivia (Estado Plurinacional de)\nRepública Dominicana\nEE. UU.\n"
            "Costa de Marfil\nAmérica Latina\nCorea\n")
    result = compare(parse_text(text), signatories, lang="es")
    assert result.both == ["DZA", "BOL", "DOM"] and result.only_list == ["USA", "CIV"]
    assert [name for name, _ in result.unmatched] == ["América Latina", "Corea"]
    assert result.unmatched[1][1] == ("Ningún país se llama 'Corea'. "
                                      "¿Quiso decir: Corea del Sur (KOR), Corea del Norte (PRK)?")
    rows = {row["iso3"]: row for row in _table(result)}
    assert rows["DOM"]["name"] == "República Dominicana" and rows["USA"]["name"] == "Estados Unidos"
    assert rows["PER"]["name"] == "Perú" and rows["PER"]["in_list"] == "False"
    # the column names stay machine-readable in every language
    assert list(rows["DZA"]) == ["iso3", "name", "in_lima", "in_list", "input_name", "note"]


def test_a_french_list_after_the_suggestion_budget_still_matches(signatories):
    names = [f"nulle part {i}" for i in range(cmp.MAX_SUGGESTED + 5)] + ["Pérou", "Corée du Sud"]
    result = compare(names, signatories, lang="fr")
    assert result.both == ["PER"] and result.only_list == ["KOR"]
    assert result.matched.set_index("iso3").loc["KOR", "name"] == "Corée du Sud"
