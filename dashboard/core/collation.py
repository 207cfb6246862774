"""Names sorted as a reader of the language expects (the Unicode collation algorithm's levels, for
Latin script): accents and case second, Spanish ñ its own letter (no Streamlit, no data files)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from dashboard.core.i18n import check_language

# --- collation: names sorted as a reader of the language expects ----------------------------------
# Letters that Unicode decomposition does not split into a base letter and an accent.
_LETTERS = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th"}
# Punctuation in CLDR's root order (as ICU 77 sorts it); a group's marks differ only as accents do.
_PUNCTUATION = ("_", "-", "‐‑", "–", "—", ",", ";", ":", "!", "¡", "?", "¿", ".", "…", "·", "'‘’", "\"“”",
                "«", "»", "(", ")", "[", "]", "{", "}", "@", "*", "/", "\\", "&", "#", "%", "`", "^", "+",
                "<", "=", ">", "|", "~", "$")
_PUNCTUATION_RANK = {mark: (chr(0x21 + rank), chr(0x20 + group.index(mark)) if group.index(mark) else "")
                     for rank, group in enumerate(_PUNCTUATION) for mark in group}
# Accents in CLDR's order (acute, grave, breve, circumflex, caron, ring, diaeresis, double acute,
# tilde, dot, stroke, cedilla, ogonek, macron): "é" < "è" < "ê" < "ë", as ICU 77 sorts them.
_ACCENT_RANK = {mark: chr(0x21 + rank) for rank, mark in enumerate(
    "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0338\u0327\u0328\u0304")}
_OTHER_MARK, _LIGATURE = "\x7d", "\x7e"  # "ø" after "o" and "ö"; "œ" after "oe" and "öe"
_AFTER_N = "\U0010ffff"  # Spanish ñ: its own letter, after every n-word ("nz" < "ña" < "o")
_TILDE = "\u0303"


def collation_key(text: str, lang: str = "en") -> str:
    """A sort key that orders names as the language's dictionaries do (the Unicode collation
    algorithm's levels, for Latin script): first the letters alone, accents and case ignored,
    so "Égypte" sorts beside "Équateur" and "El Salvador", before "Viêt Nam"; then accents
    (unaccented first, compared left to right: "é" < "è" < "ê" < "ë"), then case (lower first),
    then the text itself, so no two different names tie. Spaces sort before punctuation,
    punctuation before digits, digits before letters ("Guinea" < "Guinea Ecuatorial" <
    "Guinea-Bisáu"). In Spanish, ñ is a letter of its own after n ("Niue" < "Ñandú" < "Omán").

    Checked against ICU 77's en, es and fr collators (PyICU), outside the test suite: the same
    order for every ISO 3166 country's name in the three languages and 4,000 random strings of
    accented letters, ligatures, apostrophes, punctuation and digits.

    The key is a string, so it serves sorted(), pandas' sort_values(key=...) and SQL alike.
    """
    check_language(lang)
    primary: list[str] = []
    accents: list[str] = []  # one slot per letter
    case: list[str] = []  # one slot per letter
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if not accents:
                continue  # a mark with no letter before it carries no order
            if lang == "es" and char == _TILDE and primary[-1] == "n":
                primary[-1] = "n" + _AFTER_N
            else:
                accents[-1] += _ACCENT_RANK.get(char, _OTHER_MARK)
            continue
        folded = char.casefold()
        if char.isspace():
            primary.append("\x01")
            accents.append("")
            case.append("0" if char == " " else "4")  # a no-break space after a space, as in CLDR
        elif not char.isalnum():  # punctuation and symbols in CLDR's order, the others after
            rank, variant = _PUNCTUATION_RANK.get(char, ("\x7f" + char, ""))
            primary.append("\x02" + rank)
            accents.append(variant)  # "'" < "’" as "e" < "é"
            case.append("0")
        else:
            piece = _LETTERS.get(folded, folded)
            primary.append(piece)
            # a letter spelled as two comes after its spelling ("oe" < "œ", "ss" < "ß"), as in CLDR
            mark = (_LIGATURE if len(piece) > 1 else _OTHER_MARK) if folded in _LETTERS else ""
            accents += [mark] + [""] * (len(piece) - 1)
            case += [str((char != char.lower()) + 2 * (len(piece) > 1))] * len(piece)
    second = "".join(marks + "\x01" for marks in accents)  # "\x01" ends a letter's marks: none first
    return "\x00".join(("".join(primary), second, "".join(case), text))


def sort_names(names: Iterable[str], lang: str = "en") -> list[str]:
    """`names` in the order of `lang`'s collation (collation_key)."""
    return sorted(names, key=lambda name: collation_key(name, lang))
