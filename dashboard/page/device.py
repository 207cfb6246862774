"""The reader's screen: a phone's browser gets maps at a wider zoom, so every signatory is on it."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard.page.store import FrozenFigure

# All 24 on a 390 px screen: the whole span from Mexico to the Philippines.
PHONE_MAP_ZOOM, PHONE_MAP_CENTER = -0.35, {"lat": 10.0, "lon": 5.0}


def user_agent() -> str:
    """The session's browser as it names itself; "" without one (AppTest, bare mode)."""
    try:
        return st.context.headers.get("User-Agent") or ""
    except Exception:  # no session
        return ""


def is_phone() -> bool:
    """A phone's browser (its user agent says Mobile). A guess about the device: a narrow desktop
    window still gets the desktop zoom."""
    return "Mobile" in user_agent()


def with_map_view(figure: go.Figure, zoom: float, center: dict[str, float]) -> FrozenFigure:
    """The same map at another zoom and centre (a new layout; the data, geometry included, shared)."""
    spec = figure.to_dict()
    return FrozenFigure({"data": spec["data"],
                         "layout": {**spec["layout"], "map": {**spec["layout"].get("map", {}),
                                                              "zoom": zoom, "center": center}}})


def fit_map(figure: go.Figure) -> go.Figure:
    """A world map as this screen should show it (the cached figure itself on a desktop)."""
    return with_map_view(figure, PHONE_MAP_ZOOM, PHONE_MAP_CENTER) if is_phone() else figure
