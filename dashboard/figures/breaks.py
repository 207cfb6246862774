"""A series break in words: the sentence that names it, the mark that flags its figures (no Streamlit).

dashboard/core/ranking.py finds the figures inside a break; the ranked bars, the remittance lines, the
indicator map, the 24's table and the profile all name it with these words.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.config import N_
from dashboard.core import i18n
from dashboard.figures import formats

BREAK_MARK = "†"
# The publisher whose series a break is in, by column (for the sentence that names it).
SERIES_OWNER = {"remittances_usd": N_("the World Bank's series"), "gdp_usd": N_("the World Bank's series"),
                "remittances_pct_gdp": N_("the World Bank's series"),
                "immigrants": N_("UN DESA's series"), "emigrants": N_("UN DESA's series"),
                "population": N_("the World Bank's series"), "emigrants_pct_population": N_("UN DESA's series")}
SERIES_KIND = {"remittances_usd": "usd", "gdp_usd": "usd", "remittances_pct_gdp": "percent",
               "immigrants": "people", "emigrants": "people", "population": "people",
               "emigrants_pct_population": "percent"}


def usd_bn(value: float, lang: str = "en") -> str:
    """US$ in billions with two decimals, so that a fall and a return can be compared: 'US$0.17 bn',
    '0,17 mil millones de US$', '0,17 milliard de dollars US'."""
    number = i18n.format_number(value / 1e9, lang, 2)
    if lang == "en":
        return f"US${number} bn"
    unit = "mil millones de US$" if lang == "es" else ("milliards" if value >= 2e9 else "milliard") + " de dollars US"
    return f"{number} {unit}"


def break_sentence(row: dict[str, Any], name: str, lang: str = "en") -> str:
    """'Algeria: the World Bank's series falls from US$2.46 bn (2004) to US$0.17 bn (2005) and is
    back at US$2.45 bn in 2014: most likely a break in the series, not a real change of that size;
    the figures of 2005-2013 are marked †.' in `lang`, from one row of the series-break check."""
    _ = i18n.translator(lang)
    kind = SERIES_KIND.get(row["column"], "people")
    in_bn = kind == "usd" and max(row["before"], row["after"], row["back"]) >= 1e9

    def say(value: float) -> str:
        return usd_bn(value, lang) if in_bn else formats.LONG[kind](value, lang)

    fell = row["after"] < row["before"]
    text = (_("{country}: {series} falls from {before} ({year_from}) to {after} ({year_to}) and is back at {back} "
              "in {year_back}") if fell else
            _("{country}: {series} rises from {before} ({year_from}) to {after} ({year_to}) and is back at {back} "
              "in {year_back}"))
    text = text.format(country=name, series=_(SERIES_OWNER.get(row["column"], "the series")),
                       before=say(row["before"]), year_from=int(row["year_from"]), after=say(row["after"]),
                       year_to=int(row["year_to"]), back=say(row["back"]), year_back=int(row["year_back"]))
    return text + ": " + _("most likely a break in the series, not a real change of that size; the figures of "
                           "{start}-{end} are marked {mark}.").format(start=int(row["year_to"]),
                                                                     end=int(row["year_back"]) - 1, mark=BREAK_MARK)


def break_notes(breaks: pd.DataFrame, names: dict[str, str], lang: str = "en") -> str:
    """One sentence per break among `breaks` (each country once per column), in `lang`."""
    rows = breaks.drop_duplicates(["iso3", "column", "year_to"]).to_dict("records")
    return " ".join(break_sentence({str(k): v for k, v in r.items()}, names.get(r["iso3"], r["iso3"]), lang)
                    for r in rows)
