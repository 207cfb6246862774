"""Numbers as a reader reads them, in English, Spanish or French: 10.9 million, 10,9 millones, US$22.7 bn."""

from __future__ import annotations

import math

from dashboard.core import i18n

NBSP = "\u00a0"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def no_data(lang: str = "en") -> str:
    _ = i18n.translator(lang)
    return _("no data")


def people(value: float | None, lang: str = "en") -> str:
    """10,853,105 -> '10.9 million' / '10,9 millones' / '10,9 millions'; 84,087 -> '84,087' / '84.087'."""
    if value is None or _missing(value):
        return no_data(lang)
    if abs(value) >= 1e6:
        return f"{value / 1e6:.1f} million" if lang == "en" else i18n.format_compact(value, lang)
    return i18n.format_number(round(value), lang)


def usd(value: float | None, lang: str = "en") -> str:
    """22.74e9 -> 'US$22.7 bn' / '22,7 mil millones de US$' / '22,7 milliards de dollars US'."""
    if value is None or _missing(value):
        return no_data(lang)
    if lang == "en":
        if abs(value) >= 1e9:
            return f"US${value / 1e9:,.1f} bn"
        if abs(value) >= 1e8:
            return f"US${value / 1e6:,.0f} million"
        if abs(value) >= 1e6:
            return f"US${value / 1e6:,.1f} million"
        return f"US${value:,.0f}"
    amount = i18n.format_compact(value, lang) if abs(value) >= 1e6 else i18n.format_number(round(value), lang)
    return f"{amount} de US$" if lang == "es" else f"{amount} de dollars US"


def percent(value: float | None, lang: str = "en", digits: int = 1) -> str:
    """4.236 -> '4.2%' / '4,2 %' / '4,2 %'; small shares keep one significant figure: '0.012%'."""
    if value is None or _missing(value):
        return no_data(lang)
    if 0 < abs(value) < 0.1:
        number = i18n.format_number(float(f"{value:.2g}"), lang, None)
    else:
        number = i18n.format_number(value, lang, digits)
    return f"{number}%" if lang == "en" else f"{number}{NBSP}%"


def axis_people(value: float, lang: str = "en") -> str:
    """Short tick labels for a log axis of people: 1k, 10k, 1M, 10M (es/fr: 1 k, 10 M)."""
    if lang == "es" and value >= 1e9:  # Spanish counts in millions: 1.000 M, not "billones"
        return f"{i18n.format_number(value / 1e6, lang, 0)}{NBSP}M"
    for size, suffix in ((1e9, "bn" if lang == "en" else "Md"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            number = f"{float(f'{value / size:.3g}'):g}"  # three significant figures: 2.06 M, 645 k
            number = number if lang == "en" else number.replace(".", ",")
            return f"{number}{suffix}" if lang == "en" else f"{number}{NBSP}{suffix}"
    return f"{value:g}"


def axis_usd(value: float, lang: str = "en") -> str:
    """Short tick labels in US$: US$1M, US$10bn."""
    return "US$" + axis_people(value, lang) if lang == "en" else axis_people(value, lang) + f"{NBSP}US$"


def axis_percent(value: float, lang: str = "en") -> str:
    """Short tick labels in %: 0.01%, 1%, 10%."""
    number = f"{value:g}" if lang == "en" else f"{value:g}".replace(".", ",")
    return f"{number}%" if lang == "en" else f"{number}{NBSP}%"


SHORT = {"people": axis_people, "usd": axis_usd, "percent": axis_percent}
LONG = {"people": people, "usd": usd, "percent": percent}
