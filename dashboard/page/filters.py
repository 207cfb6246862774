"""Query-parameter parsing: untrusted URL values in, a valid selection and what was ignored out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dashboard.config import MAX_PARAM_CHARS, MAX_PARAM_VALUES


@dataclass(frozen=True)
class Choice:
    selected: tuple[str, ...]  # canonical spellings, in the order of `allowed`
    ignored: tuple[str, ...] = field(default_factory=tuple)  # printable, shortened


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=^&])")


def escape_markdown(text: str) -> str:
    """Backslash-escape everything Streamlit's markdown would interpret (links, emphasis,
    HTML, `:colour[...]`, emoji shortcodes, `$` maths), so echoed input shows as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def shorten(value: str, limit: int = 40) -> str:
    """A value made safe to show: control characters removed and long values cut."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in value)
    return clean if len(clean) <= limit else f"{clean[:limit]}… ({len(value):,} characters)"


def choose(values: Iterable[str], allowed: Sequence[str]) -> Choice:
    """Match values case-insensitively (and ignoring surrounding spaces) against `allowed`.

    Unknown, over-long or surplus values are ignored and reported, never raised.
    """
    by_key = {a.casefold(): a for a in allowed}
    picked: set[str] = set()
    ignored: list[str] = []
    for i, value in enumerate(values):
        if i >= MAX_PARAM_VALUES:
            ignored.append(f"{shorten(str(value))} (more than {MAX_PARAM_VALUES} values)")
            continue
        text = str(value)
        match = by_key.get(text.strip().casefold()) if len(text) <= MAX_PARAM_CHARS else None
        if match is None:
            ignored.append(shorten(text))
        else:
            picked.add(match)
    return Choice(tuple(a for a in allowed if a in picked), tuple(ignored))


def choose_one(values: Sequence[str], allowed: Sequence[str], default: str) -> Choice:
    """Like `choose` for a single-valued parameter: the first valid value wins, else `default`."""
    choice = choose(values[:1], allowed)
    extra = tuple(shorten(str(v)) for v in values[1:])
    return Choice(choice.selected or (default,), choice.ignored + extra)
