"""The static edition: scripts/export/static_edition.py into a temporary folder, then its pages opened in
Debian's Chromium from file://, offline: each draws its chart and no request leaves the machine."""

from __future__ import annotations

import html
import importlib.util
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from dashboard.core import cite
from dashboard.core.provenance import ROOT
from dashboard.data import Tables
from dashboard.figures import catalog

ROOT_DIR = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("export_static", ROOT_DIR / "scripts" / "export" / "static_edition.py")
export_static = importlib.util.module_from_spec(_spec)
sys.modules["export_static"] = export_static  # dataclasses look their module up there
_spec.loader.exec_module(export_static)

DAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("static")
    return out, export_static.export_site(out, today=DAY)


def _chart_pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if p.name != "index.html")


def test_every_chart_in_every_language_and_plotly_once(site):
    out, result = site
    langs, _ = export_static.languages()
    expected = sum(len(export_static.VARIANTS.get(n, [{}])) for n in catalog.CHARTS)
    assert result["charts"] == expected >= len(catalog.CHARTS)
    assert len(_chart_pages(out)) == expected * len(langs)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html")) == sorted(
        "index.html" if lang == "en" else f"{lang}/index.html" for lang in langs)
    assert [p.relative_to(out).as_posix() for p in out.rglob("plotly*.js")] == ["plotly.min.js"]
    assert (out / "plotly.min.js").read_bytes() == export_static.PLOTLY_JS.read_bytes()
    for page in _chart_pages(out):
        text = page.read_text(encoding="utf-8")
        assert len(text) < 1_000_000, f"{page.name} inlines plotly.js"
        src = re.findall(r'<script src="([^"]+)"', text)
        assert src == ["plotly.min.js" if page.parent == out else "../plotly.min.js"], (page, src)
        assert not re.search(r'(src|href)="(https?:)?//', text), f"{page.name} points off the machine"


def test_pages_carry_title_source_version_and_citation(site):
    out, _ = site
    inputs = Tables(ROOT)
    version = cite.data_version(ROOT)
    pages = [export_static.Page(c, o) for n, c in catalog.CHARTS.items() for o in export_static.VARIANTS.get(n, [{}])]
    for page in pages:
        text = (out / page.file).read_text(encoding="utf-8")
        title = page.chart.title_of(inputs, page.options)
        assert f"<title>{html.escape(title)} · The Lima Declaration, 2006</title>" in text, page.file
        source = page.chart.source_of(inputs, page.options)
        assert html.escape(source)[:60] in text, page.file
        assert f"data version {version}]" in text and "@misc{lima2006_" in text
        assert "Retrieved <span class=\"js-date\">November 29, 2026</span>" in text


def test_the_export_refuses_a_bad_base_url(tmp_path, capsys):
    assert export_static.main([str(tmp_path / "x"), "--base-url", "javascript:alert(1)"]) == 2
    assert "must start with https://" in capsys.readouterr().err


# --- in Chromium, from file://, offline ----------------------------------------------------------

@pytest.mark.browser
def test_each_page_draws_offline_from_file(site, browser):
    """Every English page and each language's index and map page: drawn, and nothing requested
    but files (Chromium's proxy would catch any other host)."""
    out, _ = site
    pages = [p for p in _chart_pages(out) if p.parent == out]
    pages += [p for p in out.rglob("index.html")] + [p for p in out.glob("*/map.html")]
    context = browser.new_context(viewport={"width": 1100, "height": 800}, accept_downloads=True)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for path in pages:
            tab.goto(path.as_uri(), wait_until="load")
            if path.name == "index.html":
                assert tab.locator("ul.charts a").count() == len(_chart_pages(out)) // len(
                    export_static.languages()[0])
                continue
            tab.wait_for_selector("#chart[data-drawn='1']", timeout=20_000)
            marks = tab.locator("#chart .plot path, #chart .choroplethlocation, #chart .point, "
                                "#chart .slice, #chart .hm, #chart .bars path, #chart path.js-line").count()
            assert marks > 0, f"{path.name}: the chart drew nothing"
            assert tab.title().endswith("· The Lima Declaration, 2006")
        assert not errors, errors
        off = [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
        assert not off, f"requests off the machine: {off[:5]}"
        with tab.expect_download() as download:
            tab.click("#svg")
        assert download.value.suggested_filename.endswith(".svg")
        svg = Path(download.value.path()).read_text(encoding="utf-8")
        # the last page visited is a map in another language: its source line is in that language
        assert svg.startswith("<svg") and any(w in svg for w in ("Source:", "Fuente:", "Source :"))
        assert "data version" in svg
    finally:
        context.close()


def test_pages_in_other_languages_carry_the_charts_words_in_that_language(site):
    out, _ = site
    spanish = (out / "es" / "map.html").read_text(encoding="utf-8")
    french = (out / "fr" / "remittances.html").read_text(encoding="utf-8")
    assert "Dónde están los 24 países signatarios" in spanish and "Fuente: comunicado de prensa de la OIM" in spanish
    assert "Envois de fonds reçus par chacun des 24, 1990-2023" in french
    assert "Banque mondiale" in french
