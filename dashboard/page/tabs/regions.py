"""The "By region" tab: signatories per UN M49 region and sub-region, the hierarchy, and the share of
each region that signed, for the sidebar's filter."""

from __future__ import annotations

import streamlit as st

from dashboard.core.package import Table
from dashboard.core.summary import coverage, region_counts
from dashboard.page import credits
from dashboard.page.frame import Page
from dashboard.page.language import _
from dashboard.page.tabs.map import SIGNATORY_FILES


def show(page: Page) -> None:
    """The four breakdowns of the filter's signatories."""
    st.header(_("By region"), anchor="by-region")
    if page.shown.empty:
        st.info(_("No signatory matches the filter."))
        return
    left, right = st.columns(2)
    credits.draw(page, "regions", where=left)
    credits.draw(page, "subregions", where=left)
    credits.draw(page, "hierarchy", where=right)
    caption = credits.draw(page, "coverage")
    st.caption(_("Regions, sub-regions and countries (UN M49): each ring divides the one inside it.") + " " + caption)


def package_tables(page: Page) -> list[Table]:
    return [Table("signatories_per_region", "Signatories per UN M49 region", region_counts(page.shown, "region"),
                  SIGNATORY_FILES),
            Table("signatories_per_subregion", "Signatories per UN M49 sub-region",
                  region_counts(page.shown, "sub_region"), SIGNATORY_FILES),
            Table("region_coverage", "Share of each region's countries and areas that signed",
                  coverage(page.shown, page.tables.m49), SIGNATORY_FILES)]
