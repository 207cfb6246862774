"""Pure table transforms for the page: filtering, counts per region, coverage of the M49 regions."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.core import i18n


def filter_signatories(signatories: pd.DataFrame, regions: Sequence[str],
                       sub_regions: Sequence[str]) -> pd.DataFrame:
    """Rows in any chosen region or any chosen sub-region (a union); no choice keeps all."""
    if not regions and not sub_regions:
        return signatories
    keep = signatories["region"].isin(regions) | signatories["sub_region"].isin(sub_regions)
    return signatories[keep]


def category_order(signatories: pd.DataFrame, column: str) -> list[str]:
    """Stable category order for colours: by region, then name, over all 24 (not the filter)."""
    ordered = signatories.sort_values(["region", "sub_region", column])[column]
    return list(dict.fromkeys(ordered))


def region_counts(signatories: pd.DataFrame, column: str) -> pd.DataFrame:
    """Signatories per value of `column` (region or sub_region), largest first."""
    counts = signatories.groupby(column, sort=False).size().rename("signatories").reset_index()
    return counts.sort_values(["signatories", column], ascending=[False, True], ignore_index=True)


def coverage(signatories: pd.DataFrame, m49: pd.DataFrame) -> pd.DataFrame:
    """Per M49 region: countries and areas in M49, how many signed, and the share."""
    regions = m49[m49["region"] != ""]
    total = regions.groupby("region").size().rename("m49_countries_and_areas")
    signed = signatories.groupby("region").size().rename("signatories")
    table = pd.concat([total, signed], axis=1).fillna(0).astype(int).reset_index()
    table = table.rename(columns={"index": "region"})
    table["share"] = table["signatories"] / table["m49_countries_and_areas"]
    return table.sort_values("region", ignore_index=True)


def localized(signatories: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The signatories with country and UN M49 region names in `lang` (English: unchanged)."""
    if lang == "en":
        return signatories
    out = signatories.copy()
    out["name"] = [i18n.country_name(iso3, lang) for iso3 in out["iso3"]]
    for column in ("region", "sub_region", "intermediate_region"):
        out[column] = [i18n.region_name_for(v, lang) if v else v for v in out[column]]
    return out
