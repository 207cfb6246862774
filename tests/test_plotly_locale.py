"""Plotly's own words (toolbar, notices, months, number marks) in the chart's language."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import streamlit

from dashboard.core import i18n
from dashboard.figures import export, locale

# The plotly.js that draws the page's charts: Streamlit's bundle (st.plotly_chart), not plotly.py's.
STREAMLIT_PLOTLY = next((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))


def test_english_adds_nothing():
    assert locale.plotly_config_locale("en") == {}
    config = export.toolbar_config("chart", "png")
    assert {**config, **locale.plotly_config_locale("en")} == config


@pytest.mark.parametrize(("lang", "png", "other"), [
    ("es", "Descargar gráfico como PNG", "Descargar gráfico"),
    ("fr", "Télécharger le graphique en fichier PNG", "Télécharger le graphique"),
])
def test_a_config_carries_the_toolbar_words_of_its_language(lang, png, other):
    config = {**export.toolbar_config("chart", "png"), **locale.plotly_config_locale(lang)}
    assert config["locale"] == lang and list(config["locales"]) == [lang]
    words = config["locales"][lang]["dictionary"]
    assert words["Download plot as a PNG"] == png and words["Download plot"] == other
    assert words["Preparing image - this may take a few seconds"] != "Preparing image - this may take a few seconds"
    assert config["modeBarButtons"] == [["toImage"]]  # the toolbar itself is untouched
    json.dumps(config)  # what Streamlit sends to the browser


def test_french_words_keep_a_no_break_space_before_the_colon():
    words = locale.plotly_dictionary("fr")
    assert words["median:"] == "médiane\u00a0:" and not any(" :" in v for v in words.values())


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_numbers_and_months_match_the_pages_own(lang):
    fmt = locale.plotly_format(lang)
    sample = i18n.format_number(1234567.5, lang)  # "1.234.567,5" / "1 234 567,5"
    assert sample == f"1{fmt['thousands']}234{fmt['thousands']}567{fmt['decimal']}5"
    assert len(fmt["months"]) == 12 and len(fmt["days"]) == 7
    assert fmt["months"][4] in i18n.format_date(dt.date(2006, 5, 16), lang)  # mayo / mai
    assert fmt["days"][0] in ("domingo", "dimanche")  # d3 counts from Sunday


def test_every_word_is_one_the_bundled_plotly_js_looks_up():
    """A plotly.js upgrade that renames a string would leave its translation unused: caught here."""
    bundle = STREAMLIT_PLOTLY.read_text(encoding="utf-8")
    assert re.search(r'"src/lib/localize\.js"', bundle) and "_context.locales" in bundle
    for lang in ("es", "fr"):
        missing = [key for key in locale.plotly_dictionary(lang) if f"`{key}`" not in bundle]
        assert not missing, f"{lang}: plotly.js no longer shows {missing}"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="'de'"):
        locale.plotly_config_locale("de")
