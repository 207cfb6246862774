"""The reader's language on the page: `_("...")` translates into the language the URL chose."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.core import i18n

STATE_KEY = "lang"


def current() -> str:
    """The page's language: the value the URL (or the picker) put in the session, else English."""
    lang = st.session_state.get(STATE_KEY) or i18n.DEFAULT_LANGUAGE
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def _(message: str) -> str:
    """`message` in the page's language (English when a catalog lacks it)."""
    return i18n.translator(current())(message)


def bound() -> Callable[[str], str]:
    """The translation function of the page's language now, fixed: for a widget's format_func,
    which may be called after the run (AppTest does), when the session is no longer at hand."""
    return i18n.translator(current())
