"""The page's figure cache: a cached figure hands Streamlit the same dict on every rerun."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.page.store import FrozenFigure


def test_frozen_figure_returns_one_dict():
    fig = FrozenFigure({"data": [{"type": "bar", "x": [1, 2], "y": [3, 4]}], "layout": {"height": 200}})
    first, second = fig.to_dict(), fig.to_dict()
    assert first is second  # no deep copy per rerun
    assert first["data"][0]["y"] == [3, 4] and first["layout"]["height"] == 200
    assert isinstance(fig, go.Figure)  # Streamlit's plotly_chart takes it as a validated figure
    go.Figure(first)  # valid in plotly's schema (the page itself skips this check)
