"""Read the source press release: the signatory list and the count it states."""

from __future__ import annotations

import re
from dataclasses import dataclass

SEED = "seeds/iom_press_release_2006_lima_declaration.txt"
LIST_INTRO = "The countries present included:"

_NUMBER_WORDS = {"twenty-four": 24, "twenty four": 24}


class SeedParseError(ValueError):
    """The seed text does not say what the data layer expects it to say."""


@dataclass(frozen=True)
class SignatoryList:
    names: list[str]  # as written, e.g. "the Dominican Republic"
    stated_count: int  # the number in "Ministers from 24 countries"
    sentence: str  # the sentence that names them, whitespace collapsed


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse_signatories(text: str) -> SignatoryList:
    """The names after "The countries present included:" and the count stated earlier.

    Raises SeedParseError if either is missing or if the two disagree, saying what was found.
    """
    flat = _collapse(text)
    start = flat.find(LIST_INTRO)
    if start < 0:
        raise SeedParseError(f"the seed has no sentence starting {LIST_INTRO!r}")
    end = flat.find(".", start)
    if end < 0:
        raise SeedParseError("the list of countries in the seed does not end with a full stop")
    sentence = flat[start:end + 1]
    body = sentence[len(LIST_INTRO):-1]
    names = [n.strip() for n in re.split(r",|\band\b", body) if n.strip()]

    count_match = re.search(r"Ministers from (\d+|[a-z-]+(?: [a-z]+)?) countries", flat)
    if not count_match:
        raise SeedParseError("the seed does not state how many countries signed "
                             "('Ministers from N countries')")
    token = count_match.group(1)
    stated = int(token) if token.isdigit() else _NUMBER_WORDS.get(token.lower(), -1)
    if len(names) != stated:
        raise SeedParseError(
            f"the seed states {token} countries but its list names {len(names)}: {names}")
    return SignatoryList(names, stated, sentence)
