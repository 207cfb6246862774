"""Map colouring modes: a category per country (ColorMode) or a quantity per country (ScaleMode)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.config import N_, PALETTE
from dashboard.core.compare import CompareResult
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
    group: str = N_("Regions")  # where the colour menu lists it (English; translated when shown)


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
    group: str = N_("Migration")
    short: Callable[[float], str] | None = None  # tick labels ("10M"); `format` when None


def palette_colours(categories: tuple[str, ...]) -> dict[str, str]:
    """Okabe-Ito colours in category order."""
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}


def region_mode(signatories: pd.DataFrame, column: str, key: str, label: str) -> ColorMode:
    """Colour by an M49 level (`region` or `sub_region`), in a stable order over all 24."""
    categories = tuple(category_order(signatories, column))
    return ColorMode(key=key, label=label, values=dict(zip(signatories["iso3"], signatories[column])),
                     categories=categories, colours=palette_colours(categories),
                     note=REGION_NOTE)


REGION_NOTE = N_("Regions: the UN's standard country or area codes for statistical use (M49).")


def base_modes(signatories: pd.DataFrame) -> dict[str, ColorMode]:
    modes = [region_mode(signatories, "region", "region", N_("UN M49 region")),
             region_mode(signatories, "sub_region", "sub_region", N_("UN M49 sub-region"))]
    return {m.key: m for m in modes}


def compare_mode(result: CompareResult, lang: str = "en", world: Iterable[str] = ()) -> ColorMode:
    """The visitor's list against the 24, every group drawn (dashboard.figures.context_modes)."""
    from dashboard.figures import context_modes  # imported here: context_modes imports this module

    return context_modes.compare_mode(result, lang, world)
