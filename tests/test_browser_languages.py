"""plotly.js's own words in the reader's language, in a real browser against `streamlit run`: the
camera button's tooltip on the Spanish page and on a French embedded chart."""

from __future__ import annotations

import pytest

from tests import browser_support as bs

pytestmark = pytest.mark.browser
CAMERA = ".js-plotly-plot .modebar-btn"


def _camera_title(page, url: str) -> str:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(CAMERA, state="attached", timeout=60_000)
    bs.wait_until_idle(page)
    return page.locator(CAMERA).first.get_attribute("data-title") or ""


def test_the_camera_button_speaks_the_pages_language(page, server):
    assert _camera_title(page, bs.page_url(server.url, {"view": "regions", "lang": "es"})) == (
        "Descargar gráfico como PNG")
    assert _camera_title(page, bs.page_url(server.url, {"chart": "regions", "lang": "fr"})) == (
        "Télécharger le graphique en fichier PNG")
