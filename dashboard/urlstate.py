"""The view lives in the URL: read query parameters into widget state and write widget changes back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from dashboard.config import DEFAULT_COLOR_MODE
from dashboard.filters import Choice, choose, choose_one

# query parameter -> session-state key of the widget that shows it
PARAMS = {"region": "regions", "subregion": "sub_regions", "color": "color_by", "country": "country"}
NO_COUNTRY = ""


@dataclass(frozen=True)
class View:
    regions: tuple[str, ...]
    sub_regions: tuple[str, ...]
    color_by: str
    country: str  # ISO3 of the open profile, or ""
    ignored: tuple[tuple[str, str], ...]  # (parameter, value shown safely)


def _values(name: str) -> list[str]:
    try:
        return st.query_params.get_all(name)
    except Exception:  # a malformed query string must not break the page
        return []


def read(regions: Sequence[str], sub_regions: Sequence[str], countries: Sequence[str],
         color_modes: Sequence[str]) -> View:
    """Parse the URL against the allowed values; unknown values are collected, not raised."""
    found: dict[str, Choice] = {
        "region": choose(_values("region"), regions),
        "subregion": choose(_values("subregion"), sub_regions),
        "color": choose_one(_values("color"), color_modes, DEFAULT_COLOR_MODE),
        "country": choose_one(_values("country"), [NO_COUNTRY, *countries], NO_COUNTRY),
    }
    ignored = tuple((p, v) for p, c in found.items() for v in c.ignored)
    return View(found["region"].selected, found["subregion"].selected,
                found["color"].selected[0], found["country"].selected[0], ignored)


def sync_widgets(view: View) -> None:
    """Put the URL's view into the widgets when the URL changed since we last wrote it
    (first visit, a pasted link, or a test setting query parameters)."""
    snapshot = (view.regions, view.sub_regions, view.color_by, view.country)
    if st.session_state.get("_url_snapshot") != snapshot:
        st.session_state["regions"] = list(view.regions)
        st.session_state["sub_regions"] = list(view.sub_regions)
        st.session_state["color_by"] = view.color_by
        st.session_state["country"] = view.country
        st.session_state["_url_snapshot"] = snapshot


def write_from_widgets() -> None:
    """Widget callback: make the URL say what the widgets show (defaults left out)."""
    state = st.session_state
    regions = list(state.get("regions", []))
    sub_regions = list(state.get("sub_regions", []))
    color_by = state.get("color_by") or DEFAULT_COLOR_MODE
    country = state.get("country") or NO_COUNTRY
    wanted: dict[str, list[str]] = {
        "region": regions,
        "subregion": sub_regions,
        "color": [color_by] if color_by != DEFAULT_COLOR_MODE else [],
        "country": [country] if country else [],
    }
    # Only this module's parameters are touched: other sections keep theirs in the URL.
    for name, values in wanted.items():
        if values:
            st.query_params[name] = values
        elif name in st.query_params:
            del st.query_params[name]
    state["_url_snapshot"] = (tuple(regions), tuple(sub_regions), color_by, country)


def open_country(iso3: str) -> None:
    st.session_state["country"] = iso3
    write_from_widgets()
