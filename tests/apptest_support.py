"""Shared AppTest helpers: run the page with query parameters and read what a visitor sees."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard" / "app.py")


def run(**params: str | list[str]) -> AppTest:
    """The page after one run with these query parameters; fails on any exception."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def map_spec(at: AppTest) -> dict:
    """The world map's plotly figure (the first chart of the map tab)."""
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def frame_with(at: AppTest, column: str):
    """The one dataframe on the page that has `column`."""
    (frame,) = [d.value for d in at.dataframe if column in d.value.columns]
    return frame
