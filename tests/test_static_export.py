"""The static edition: scripts/export/static_edition.py into a temporary folder (images baked with Debian's
Chromium), then its pages opened in Chromium from file://, offline: each shows its image with no script,
draws its interactive chart on a tap without moving the page, and no request leaves the machine."""

from __future__ import annotations

import gzip
import html
import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import brotli
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
BASE = "https://example.org/lima/"


@pytest.fixture(scope="module")
def site(tmp_path_factory, chromium_path) -> tuple[Path, dict]:
    """One export for the module (it bakes every chart's images in Chromium: about a minute)."""
    out = tmp_path_factory.mktemp("static")
    return out, export_static.export_site(out, base_url=BASE, today=DAY)


def _meta(text: str, name: str) -> str:
    found = re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', text)
    assert len(found) == 1, (name, found)
    return html.unescape(found[0])


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
        # plotly.js is not on the page's path to its first paint: no script element loads it, the
        # page's own script adds it when the reader asks for the interactive chart
        assert not re.findall(r"<script[^>]* src=", text), f"{page.name} has a script to fetch before it is drawn"
        head = text[:text.index("</head>")]
        assert "<script" not in head.replace("<noscript>", ""), f"{page.name} has a script in its head"
        plotly_js = "plotly.min.js" if page.parent == out else "../plotly.min.js"
        assert f'data-plotly="{plotly_js}"' in text
        fetched = re.sub(r'<link rel="canonical" href="[^"]*">', "", text)  # names the page, fetches nothing
        assert not re.search(r'(src|href)="(https?:)?//', fetched), f"{page.name} points off the machine"


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


def test_every_page_shows_its_baked_image_first_with_a_png_beside_it(site):
    out, _ = site
    for page in _chart_pages(out):
        text = page.read_text(encoding="utf-8")
        stem = page.name.removesuffix(".html")
        img = re.search(r'<img src="([^"]+)" width="(\d+)" height="(\d+)" alt="([^"]+)"', text)
        assert img and img.group(1) == f"{stem}.svg", page
        phone = re.search(r'<source media="\(max-width: \d+px\)" srcset="([^"]+)" width="(\d+)" height="(\d+)">',
                          text)
        is_map = "data-map-image" in text
        world_maps = stem == "map" or stem.startswith("map-") or stem in ("migration", "corridors", "venues")
        assert bool(phone) == is_map == world_maps, page
        assert not phone or phone.group(1) == f"{stem}.narrow.svg", page
        assert text.index("<img") < text.index('id="chart"'), "the image comes before the interactive chart"
        for file, width, height in (img.groups()[:3], *([phone.groups()] if phone else [])):
            svg = ET.parse(page.parent / file).getroot()
            assert svg.tag == "{http://www.w3.org/2000/svg}svg"
            assert (svg.get("width"), svg.get("height")) == (width, height), (page, file)
            words = re.sub(r"\s+", " ", " ".join(svg.itertext()))  # lines wrap anywhere
            title = html.unescape(img.group(4)).split(". ")[0]
            assert title.split()[0] in words and title.split()[-1] in words, f"{file}: the title is not in the image"
            assert "data version" in words and ("Source" in words or "Fuente" in words), (page, file)
        png = (page.parent / f"{stem}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == export_static.PNG_WIDTH
        assert (page.parent / f"{stem}.figure.js").read_text(encoding="utf-8").startswith("window.LIMA_FIGURE={")


def test_map_images_are_drawn_from_the_figures_own_colours(site):
    """Every colour the map figure paints a country is in its image, and the image draws one world."""
    out, _ = site
    inputs = Tables(ROOT)
    for options, stem in (({}, "map"), ({"color": ["icrmw-lima"]}, "map-icrmw-lima")):
        fig = catalog.build("map", inputs, options)
        svg = (out / f"{stem}.svg").read_text(encoding="utf-8")
        fills = set(re.findall(r'<path fill="(#[0-9A-F]{6})"', svg))
        wanted = {t["colorscale"][0][1].upper() for t in fig["data"] if t["type"] == "choroplethmap"}
        assert wanted <= fills, wanted - fills
        for trace in fig["data"]:
            if trace.get("showlegend"):
                assert f">{html.escape(trace['name'])}</text>" in svg, trace["name"]
        xs = [float(x) for x in re.findall(r"[MZ ](-?\d+\.\d) -?\d+\.\d", svg)]
        assert min(xs) >= 0 and max(xs) <= 800, "a country drawn outside the one world"
        assert "data-map-image" in (out / f"{stem}.html").read_text(encoding="utf-8")


def test_pages_carry_open_graph_and_twitter_cards_with_their_png(site):
    out, _ = site
    for page in _chart_pages(out):
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(out).as_posix()
        stem = rel.removesuffix(".html")
        title = html.unescape(re.search(r"<h1>(.*?)</h1>", text).group(1))
        assert _meta(text, "og:title") == title == _meta(text, "twitter:title")
        assert _meta(text, "og:image") == BASE + stem + ".png" == _meta(text, "twitter:image")
        assert _meta(text, "og:url") == BASE + rel
        assert _meta(text, "twitter:card") == "summary_large_image"
        assert _meta(text, "og:description").startswith(("Source", "Fuente", "Sources"))
        assert int(_meta(text, "og:image:width")) == export_static.PNG_WIDTH


def test_every_text_file_is_precompressed_and_decompresses_to_itself(site):
    out, result = site
    texts = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".svg", ".css", ".json")]
    assert result["compressed"] == len(texts) > 3 * len(_chart_pages(out))
    for path in texts:
        data = path.read_bytes()
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
    assert not list(out.rglob("*.png.gz")) and not list(out.rglob("*.br.br"))
    light = (out / "map.html.br").stat().st_size + (out / "map.svg.br").stat().st_size
    assert light < 100_000, f"the map page and its image weigh {light} bytes compressed"


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
            where = "e => { const r = e.getBoundingClientRect(); return [r.left, r.top + scrollY, r.width, r.height]; }"
            box = tab.locator("#chart-box").evaluate(where)  # in the page (the click may scroll the window)
            after = tab.locator(".source").evaluate(where)
            tab.click("#interactive")
            tab.wait_for_selector("#chart[data-drawn='1']", timeout=20_000)
            assert tab.locator("#chart-box").evaluate(where) == box, f"{path.name}: the chart resized its box"
            assert tab.locator(".source").evaluate(where) == after, f"{path.name}: the text below moved"
            marks = tab.locator("#chart .plot path, #chart .choroplethlocation, #chart .point, "
                                "#chart .slice, #chart .hm, #chart .bars path, #chart path.js-line").count()
            assert marks > 0, f"{path.name}: the chart drew nothing"
            assert tab.title().endswith("· The Lima Declaration, 2006")
        assert not errors, errors
        off = [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
        assert not off, f"requests off the machine: {off[:5]}"
        # The download links are the baked files (a browser honours `download` on a web host; from
        # file:// Chromium opens the file instead): the SVG the last page offers, a map in another
        # language, carries its source line in that language.
        link = tab.locator("a#svg")
        assert link.get_attribute("download").startswith("lima_declaration_") and link.get_attribute(
            "download").endswith(".svg")
        svg = (path.parent / link.get_attribute("href")).read_text(encoding="utf-8")
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


@pytest.mark.browser
def test_the_map_page_reads_with_no_script_at_all(site, browser):
    """JavaScript off: the map's image is drawn, the text is there, no dead button is shown."""
    out, _ = site
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto((out / "map.html").as_uri(), wait_until="load")
        image = tab.locator("img[data-map-image]")
        assert image.evaluate("i => i.complete && i.naturalWidth") == export_static.NARROW_WIDTH  # the phone's
        assert image.evaluate("i => i.currentSrc").endswith("/map.narrow.svg")
        box = image.bounding_box()
        assert box["width"] == 358 and box["y"] < 844, box  # on the first screen, the page's width
        assert not tab.locator("#interactive").is_visible()
        assert tab.locator("h1").inner_text().startswith("Where the 24 signatories are")
        assert tab.locator("a#png").get_attribute("href") == "map.png"
    finally:
        context.close()
