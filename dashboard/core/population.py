"""Population and income of the 24 in 2007: Gapminder's table, which ships inside plotly (no Streamlit)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pandas as pd
import plotly
import plotly.express as px

SOURCE = "Gapminder (gapminder.org), via plotly.express.data.gapminder(), year 2007; CC BY 4.0"
GAPMINDER_YEAR = 2007


def gapminder_2007() -> pd.DataFrame:
    """The Gapminder table for GAPMINDER_YEAR (142 countries; ships inside plotly)."""
    table = px.data.gapminder()
    return table[table["year"] == GAPMINDER_YEAR].reset_index(drop=True)


def gapminder_context(signatories: pd.DataFrame,
                      table: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict[str, Any]]:
    """(signatories found in Gapminder 2007 with pop, gdpPercap, lifeExp; a summary dict with
    the missing signatories, population totals, the share of the table's population, SOURCE)."""
    table = gapminder_2007() if table is None else table
    found = signatories[["iso3", "name"]].merge(
        table.rename(columns={"iso_alpha": "iso3", "country": "gapminder_country"}),
        on="iso3", how="inner")
    found = found[["iso3", "name", "gapminder_country", "continent", "year", "pop", "gdpPercap",
                   "lifeExp"]].reset_index(drop=True)
    world = int(table["pop"].sum())
    missing = signatories.loc[~signatories["iso3"].isin(found["iso3"]), ["iso3", "name"]]
    info = {"year": GAPMINDER_YEAR, "source": SOURCE, "countries_in_table": len(table),
            "signatories_found": len(found), "missing": list(zip(missing["iso3"], missing["name"])),
            "world_pop": world, "signatories_pop": int(found["pop"].sum()),
            "share": float(found["pop"].sum()) / world if world else float("nan")}
    return found, info


def gapminder_source() -> dict[str, str]:
    """The provenance row of the Gapminder table, which ships inside the plotly package (it is
    read with plotly.express.data.gapminder(), not from data/): its file, version and checksum."""
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
