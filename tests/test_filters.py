"""URL values in, a valid selection out: case-insensitive, hostile values ignored and reported."""

from __future__ import annotations

import pytest

from dashboard.config import MAX_PARAM_VALUES
from dashboard.page.filters import choose, choose_one, escape_markdown, shorten

REGIONS = ["Africa", "Americas", "Asia"]


@pytest.mark.parametrize("values, selected, ignored", [
    ([], (), ()),
    (["Africa"], ("Africa",), ()),
    (["asia"], ("Asia",), ()),
    (["  AMERICAS "], ("Americas",), ()),
    (["Asia", "africa"], ("Africa", "Asia"), ()),
    (["Asia", "Asia"], ("Asia",), ()),
    (["Atlantis"], (), ("Atlantis",)),
    (["Asia", "<script>alert(1)</script>"], ("Asia",), ("<script>alert(1)</script>",)),
    (["' OR 1=1 --"], (), ("' OR 1=1 --",)),
    (["Ásia"], (), ("Ásia",)),
])
def test_choose(values, selected, ignored):
    choice = choose(values, REGIONS)
    assert choice.selected == selected
    assert choice.ignored == ignored


def test_long_value_is_ignored_and_shortened():
    choice = choose(["A" * 5000], REGIONS)
    assert choice.selected == ()
    assert choice.ignored == ("A" * 40 + "… (5,000 characters)",)


def test_control_characters_are_not_echoed():
    choice = choose(["Asia\x00\x1b[31m"], REGIONS)
    assert choice.selected == ()
    assert "\x00" not in choice.ignored[0] and "\x1b" not in choice.ignored[0]


def test_too_many_values_are_cut():
    values = ["Asia"] * (MAX_PARAM_VALUES + 3)
    choice = choose(values, REGIONS)
    assert choice.selected == ("Asia",)
    assert len(choice.ignored) == 3 and "more than" in choice.ignored[0]


def test_choose_one_falls_back_to_default_and_reports_extras():
    assert choose_one([], ["region", "sub_region"], "region").selected == ("region",)
    assert choose_one(["SUB_REGION"], ["region", "sub_region"], "region").selected == ("sub_region",)
    choice = choose_one(["bogus", "region"], ["region", "sub_region"], "sub_region")
    assert choice.selected == ("sub_region",) and choice.ignored == ("bogus", "region")


def test_shorten():
    assert shorten("abc") == "abc"
    assert shorten("x" * 41).endswith("(41 characters)")


@pytest.mark.parametrize("raw, escaped", [
    ("[x](https://evil.example)", r"\[x\]\(https\://evil\.example\)"),
    ("**b**", r"\*\*b\*\*"),
    (":red[x]", r"\:red\[x\]"),
    ("$x$", r"\$x\$"),
    ("<script>", r"\<script\>"),
    ("Asia", "Asia"),
])
def test_escape_markdown(raw, escaped):
    assert escape_markdown(raw) == escaped
