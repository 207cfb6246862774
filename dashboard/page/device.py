"""The reader's browser as it names itself: whether a browser is on the other end (first_paint.py),
and whether it is a phone's (profile.py offers a list to tap, for fingers on small countries).

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


def is_phone() -> bool:
    """A phone's browser (its user agent says Mobile): a touch screen held in the hand. A guess about
    the device, not the window's width (a narrow desktop window has a mouse)."""
    return "Mobile" in user_agent()
