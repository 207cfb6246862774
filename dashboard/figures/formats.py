"""Numbers as a reader reads them: 10.9 million people, US$22.7 bn, 4.2%."""

from __future__ import annotations

import math


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def people(value: float | None) -> str:
    """10,853,105 -> '10.9 million'; 84,087 -> '84,087'; None -> 'no data'."""
    if _missing(value):
        return "no data"
    if abs(value) >= 1e6:
        return f"{value / 1e6:.1f} million"
    return f"{value:,.0f}"


def usd(value: float | None) -> str:
    """22,740,000,000 -> 'US$22.7 bn'; 540,000,000 -> 'US$540 million'; 2,569,832 -> 'US$2.6 million'."""
    if _missing(value):
        return "no data"
    if abs(value) >= 1e9:
        return f"US${value / 1e9:,.1f} bn"
    if abs(value) >= 1e8:
        return f"US${value / 1e6:,.0f} million"
    if abs(value) >= 1e6:
        return f"US${value / 1e6:,.1f} million"
    return f"US${value:,.0f}"


def percent(value: float | None, digits: int = 1) -> str:
    """4.236 -> '4.2%'; small shares keep one significant figure: 0.0123 -> '0.01%'."""
    if _missing(value):
        return "no data"
    if 0 < abs(value) < 0.1:
        return f"{value:.2g}%"
    return f"{value:.{digits}f}%"


def axis_people(value: float) -> str:
    """Short tick labels for a log axis of people: 1k, 10k, 1M, 10M."""
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def axis_usd(value: float) -> str:
    """Short tick labels in US$: US$1M, US$10bn."""
    return "US$" + axis_people(value)


def axis_percent(value: float) -> str:
    """Short tick labels in %: 0.01%, 1%, 10%."""
    return f"{value:g}%"


SHORT = {"people": axis_people, "usd": axis_usd, "percent": axis_percent}
