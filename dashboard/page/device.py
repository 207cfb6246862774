"""The reader's browser as it names itself: whether a browser is on the other end (first_paint.py).

Nothing is laid out from it: the browser fits the maps to their real width (page/map_fit.py), and the
page's style decides by width and pointer what a small or touch screen gets (frame.PAGE_CSS).
"""

from __future__ import annotations

import streamlit as st


def user_agent() -> str:
    """The session's browser as it names itself; "" without one (AppTest, bare mode)."""
    try:
        return st.context.headers.get("User-Agent") or ""
    except Exception:  # no session
        return ""

