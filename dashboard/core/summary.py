"""Pure table transforms for the page: filtering, counts per region, coverage of the M49 regions."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

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


def gapminder_source() -> dict[str, str]:
    """The provenance row of the Gapminder table, which ships inside the plotly package (it is
    read with plotly.express.data.gapminder(), not from data/): its file, version and checksum."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "datasets" / "gapminder.csv.gz"
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    return {
        "file": f"plotly {plotly.__version__}: package_data/datasets/gapminder.csv.gz",
        "title": "Gapminder: population, life expectancy and GDP per capita, 1952–2007 "
                 "(the Population tab uses 2007)",
        "source": "Gapminder Foundation <https://www.gapminder.org/data/>, as bundled in the plotly "
                  "Python package (plotly.express.data.gapminder()) <https://pypi.org/project/plotly/>",
        "license": "Gapminder data: CC BY 4.0; plotly: MIT license",
        "accessed": f"with plotly {plotly.__version__} (requirements.txt)",
        "sha256": digest,
        "edits": "none: read from the package as installed; not copied into data/",
        "derived_by": "",
    }
