"""The reader's browser as it names itself (first_paint.py asks whether a browser is on the other end).

Maps do not guess the screen from it: the browser fits them to their real width (page/map_fit.py).
"""

from __future__ import annotations

import streamlit as st


def user_agent() -> str:
    """The session's browser as it names itself; "" without one (AppTest, bare mode)."""
    try:
        return st.context.headers.get("User-Agent") or ""
    except Exception:  # no session
        return ""
