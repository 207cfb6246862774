"""Plain-text helpers shared by every layer: slugs for keys and file names, lines wrapped to a width."""

from __future__ import annotations

import re
import textwrap


def slug(text: str) -> str:
    """'UNTOC-SOM' -> 'untoc-som', 'Puebla Process (RCM)' -> 'puebla-process-rcm': lower case, runs of
    anything but a-z and 0-9 become one '-'."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def wrap_lines(text: str, width: int) -> list[str]:
    """`text`'s lines (its own line breaks kept) wrapped to `width` characters, words never split."""
    return [line for part in text.split("\n")
            for line in (textwrap.wrap(part, width, break_long_words=False) or [""])]
