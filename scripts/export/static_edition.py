"""Write the static edition: an index and one light HTML page per chart (and language), plotly.js once beside them.

    python scripts/export/static_edition.py OUTDIR [--base-url https://example.org/lima/]

The pages need no server and no network: open OUTDIR/index.html from the disk (file://) or copy
OUTDIR to any static web host. Figures come from the same builders as the app
(dashboard.figures.catalog). Each chart is baked as an image, SVG for print and PNG for link previews,
with its title and source inside (maps drawn from the figure's own traces by world_svg.py, other
charts by plotly.js in the machine's Chromium: bake.py). A page shows that image first, readable with
no script at all, and loads the interactive chart (plotly.min.js and the figure) only when the reader
asks for it; it carries the chart's title, source, data version, citation, and Open Graph and Twitter
card tags with its PNG. Every text file is also written precompressed (.br, .gz) for static hosts.
Needs the dev set-up (Playwright, brotli and Chromium: `bash scripts/bootstrap.sh --test`).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import plotly
from plotly.io.json import to_json_plotly

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import precompress  # noqa: E402  (scripts/export/, beside this file)
import world_svg  # noqa: E402
from bake import Baker  # noqa: E402

from dashboard.config import VIEWS  # noqa: E402
from dashboard.core import cite  # noqa: E402
from dashboard.core.provenance import DataFileError, data_root  # noqa: E402
from dashboard.data import Tables  # noqa: E402
from dashboard.figures import catalog, export  # noqa: E402
from dashboard.figures.chart import Chart  # noqa: E402

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
DEFAULT_LANGUAGE = "en"
INTRO = ("The charts of the Lima Declaration dashboard, one page each, with their sources and a citation. "
         "This edition needs no server and no network.")
IMAGE_WIDTH = world_svg.WIDTH  # px: every baked SVG, for print, downloads and the PNG
NARROW_WIDTH = world_svg.NARROW  # px: a map's phone SVG (the same words, larger beside the map)
NARROW_UP_TO = 600  # px of viewport: the phone's image up to there
CHAR_EM = world_svg.CHAR_EM
FOOTER_CHARS = 110  # characters a footer line of a wide plotly image holds (with_credits wraps at 120)
PNG_WIDTH = 1200  # px: link previews ask for 1200 wide
LOAD_MODES = ("tap", "idle")  # when the interactive chart loads: on the reader's tap, or once the page is idle
# Extra views of a chart in the static edition (the live app builds any combination on demand).
VARIANTS: dict[str, list[dict[str, list[str]]]] = {
    "map": [{}, {"color": ["sub_region"]}, *({"color": [f"{t}-lima"]} for t in
                                              ("icrmw", "untoc", "untoc-tip", "untoc-som")), {"color": ["gcm-vote"]},
            {"color": ["remittance-cost"], "year": ["2011"]}, {"color": ["remittance-cost"]}],
    "treaties": [{}, {"when": ["latest"]}],
}


def languages() -> tuple[tuple[str, ...], Callable[[str], Callable[[str], str]] | None]:
    """The dashboard's languages (dashboard.core.i18n when it exists) and its translator factory."""
    try:
        from dashboard.core import i18n
    except ImportError:
        return (DEFAULT_LANGUAGE,), None
    return tuple(i18n.LANGUAGES), i18n.translator


@dataclass(frozen=True)
class Page:
    chart: Chart
    options: dict[str, list[str]]

    @property
    def file(self) -> str:
        suffix = "-".join(v for values in self.options.values() for v in values)
        return f"{self.chart.name}{'-' + suffix.replace('_', '-') if suffix else ''}.html"


CSS = """body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#31333F;margin:0;
line-height:1.45}header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}header{padding-top:12px}
a{color:#0068A3}h1{font-size:1.5rem;margin:.6em 0 .3em}h2{font-size:1.1rem;margin-top:1.6em}
.chart-box{position:relative;max-width:800px;margin:0}.chart-box img{display:block;width:100%;height:auto}
#chart{position:absolute;top:0;left:0;width:100%;height:100%}.drawn img{visibility:hidden}
.source{font-size:.9rem;color:#555}pre{white-space:pre-wrap;
background:#F6F6F8;padding:10px;border-radius:6px;font-size:.85rem}button{font:inherit;cursor:pointer;
min-height:44px;padding:0 14px}ul.charts li{margin:.3em 0}.note{font-size:.9rem;color:#555}
nav.lang{display:inline}nav.lang a{margin-right:.8em}.downloads a{display:inline-block;padding:8px 6px}"""

# Loads the interactive chart into the image's box (same size, so nothing moves): the figure file
# (a script, so that it loads from file:// too) and plotly.min.js, on the reader's tap or when idle.
SCRIPT = """(function(){
var b=document.body.dataset,box=document.getElementById('chart-box'),btn=document.getElementById('interactive');
function add(src,next){var s=document.createElement('script');s.src=src;s.onload=next;
 s.onerror=function(){btn.disabled=false;btn.textContent=b.failed;};document.body.appendChild(s);}
function draw(){var f=window.LIMA_FIGURE,layout=f.layout;layout.height=box.clientHeight;layout.autosize=true;
 Plotly.newPlot('chart',f.data,layout,f.config).then(function(gd){box.classList.add('drawn');gd.dataset.drawn='1';
 btn.parentNode.style.visibility='hidden';});}
function load(){if(btn.disabled)return;btn.disabled=true;btn.textContent=b.loading;if(b.geo){%s}
 add(b.figure,function(){add(b.plotly,draw);});}
btn.onclick=load;
if(b.load==='idle'){var idle=window.requestIdleCallback||function(f){setTimeout(f,1);};
 addEventListener('load',function(){idle(load,{timeout:4000});});}
cite();})();"""

CITE_SCRIPT = """function cite(){
var url=document.body.dataset.base?document.body.dataset.base+document.body.dataset.file+'.html':location.href;
var d=new Date(),iso=d.toISOString().slice(0,10);
var long=d.toLocaleDateString('en-US',{year:'numeric',month:'long',day:'numeric'});
document.querySelectorAll('.js-url').forEach(function(e){e.textContent=url;});
document.querySelectorAll('.js-date').forEach(function(e){e.textContent=long;});
document.querySelectorAll('.js-iso').forEach(function(e){e.textContent=iso;});
document.querySelectorAll('button[data-copy]').forEach(function(b){b.onclick=function(){
 var t=document.getElementById(b.dataset.copy).textContent;
 if(navigator.clipboard){navigator.clipboard.writeText(t);}b.textContent='Copied';};});}"""


def _translated(tr: Callable[[str], str] | None, lang: str) -> Callable[[str], str]:
    """Text in `lang`, escaped; a message with no translation yet stays English and says so (lang=en)."""
    def t(text: str) -> str:
        out = tr(text) if tr else text
        if lang != DEFAULT_LANGUAGE and out == text:
            return f'<span lang="en">{html.escape(text)}</span>'
        return html.escape(out)
    return t


def _citation_html(c: cite.Citation, t: Callable[[str], str], fallback_url: str) -> str:
    """APA and BibTeX with the page's own address and today's date filled in by the browser
    (the export date and the page's file name until then)."""
    esc_url = html.escape(c.url)
    apa = html.escape(c.apa).replace(esc_url, f'<span class="js-url">{html.escape(fallback_url)}</span>')
    when = html.escape(f"{c.accessed:%B} {c.accessed.day}, {c.accessed.year}")
    apa = apa.replace(when, f'<span class="js-date">{when}</span>')
    bib = html.escape(c.bibtex).replace(esc_url, f'<span class="js-url">{html.escape(fallback_url)}</span>')
    bib = bib.replace(f"{c.accessed:%Y-%m-%d}}}", f'<span class="js-iso">{c.accessed:%Y-%m-%d}</span>}}')
    return (f'<h2>{t("Cite this chart")}</h2><p>{t("APA style")} <button data-copy="apa">{t("Copy")}</button></p>'
            f'<pre id="apa">{apa}</pre><p>BibTeX <button data-copy="bibtex">{t("Copy")}</button></p>'
            f'<pre id="bibtex">{bib}</pre>')


def _shell(lang: str, title: str, body: str, data: dict[str, str], head: str = "") -> str:
    attrs = " ".join(f'data-{k}="{html.escape(v)}"' for k, v in data.items())
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title>{head}<style>{CSS}</style></head>"
            f"<body {attrs}>{body}</body></html>\n")


@dataclass(frozen=True)
class Image:
    """One baked SVG: its file, size, and the map's box inside it (x, y, width, height; maps only)."""
    file: str
    width: int
    height: int
    map_box: tuple[float, float, float, float] | None


@dataclass(frozen=True)
class Baked:
    """A chart's images beside its page: the wide one (print, downloads, the PNG) and the phone's (maps)."""
    wide: Image
    narrow: Image | None
    png_height: int


def _svg_height(svg: str) -> int:
    return int(float(re.search(r'<svg[^>]*?\sheight="([\d.]+)', svg).group(1)))


def _plotly_image(fig: dict, title: str, source: str, stamp: str, width: int, baker: Baker) -> str:
    """plotly.js's SVG of the figure with its credits, `width` px wide: the title and the footer are
    wrapped to that width (with_credits wraps the footer for a wide image, and never the title)."""
    title_lines = textwrap.wrap(title, max(30, int(width / (16 * CHAR_EM))))
    # The footer starts at the plotting area's left edge (paper x = 0), which axis labels may push
    # a third of the way in: a line holds what 70% of the image's width does.
    chars = max(40, min(FOOTER_CHARS, int(0.7 * width / (11 * CHAR_EM))))
    credited = export.with_credits(fig, "<br>".join(title_lines), "\n".join(textwrap.wrap(source, chars)),
                                   "\n".join(textwrap.wrap(stamp, chars)))
    layout = credited["layout"]
    extra = 20 * (len(title_lines) - 1)  # with_credits leaves room for one line of title
    layout["margin"]["t"] += extra
    layout["height"] += extra
    layout["title"]["pad"] = {**layout["title"].get("pad", {}), "t": layout["title"].get("pad", {}).get("t", 0) + extra}
    # with_credits keeps one line of x-axis title above the footer; a title of two lines would run
    # into it (population: "GDP per capita (...;<br>log scale)"): the footer moves down a line each.
    axis_title = (layout.get("xaxis") or {}).get("title") or {}
    axis_text = axis_title.get("text", "") if isinstance(axis_title, dict) else str(axis_title)
    more = 18 * axis_text.count("<br>")
    if more:
        layout["annotations"][-1]["yshift"] -= more
        layout["margin"]["b"] += more
        layout["height"] += more
    return baker.plotly_svg(credited, width, int(layout["height"]))


def bake_chart(fig: dict, title: str, source: str, stamp: str, folder: Path, stem: str, baker: Baker,
               title_for_config: str) -> Baked:
    """Write stem.svg (and stem.narrow.svg for phones: maps), stem.png and stem.figure.js (the
    interactive chart's data) into `folder`."""
    images = []
    # Maps get a phone's image too (their legend and words laid out anew for 480 px); a plotly chart
    # laid out that narrow runs its legend into its labels, so it keeps the wide image everywhere
    # and its interactive chart fits the phone.
    widths = ((IMAGE_WIDTH, f"{stem}.svg"), (NARROW_WIDTH, f"{stem}.narrow.svg")) if export.has_map(fig) else (
        (IMAGE_WIDTH, f"{stem}.svg"),)
    for width, name in widths:
        map_box = None
        if export.has_map(fig):  # drawn from the figure's own traces: MapLibre needs WebGL
            svg, box = world_svg.map_svg(fig, title, [source, stamp], width)
            map_box = (box["x"], box["y"], box["width"], box["height"])
        else:
            svg = _plotly_image(fig, title, source, stamp, width, baker)
        (folder / name).write_text(svg, encoding="utf-8")
        images.append(Image(name, width, _svg_height(svg), map_box))
        if width == IMAGE_WIDTH:
            (folder / f"{stem}.png").write_bytes(baker.png(svg, PNG_WIDTH))
    if export.has_map(fig):
        fig = export.to_geo(fig)  # the interactive chart: MapLibre cannot start from file://
    figure = json.loads(to_json_plotly(fig))
    figure["config"] = {**export.toolbar_config(title_for_config), "responsive": True}
    (folder / f"{stem}.figure.js").write_text(f"window.LIMA_FIGURE={json.dumps(figure, ensure_ascii=False)};\n",
                                              encoding="utf-8")
    wide = images[0]
    return Baked(wide, images[1] if len(images) > 1 else None, round(wide.height * PNG_WIDTH / wide.width))


def _picture(baked: Baked, alt: str) -> str:
    """The image, with its size, so the browser keeps the room before it arrives (nothing moves). A map
    has a phone's image up to NARROW_UP_TO px of viewport (a <picture>), and says where the map is
    inside each image (data-map-box: x y width height image-width), for bench/slow_network.py."""
    def box(image: Image) -> str:
        return " ".join(f"{v:g}" for v in (*image.map_box, image.width)) if image.map_box else ""
    wide, narrow = baked.wide, baked.narrow
    img = f'<img src="{wide.file}" width="{wide.width}" height="{wide.height}" alt="{html.escape(alt)}"'
    if narrow is None:
        return img + ">"
    marks = f' data-map-image data-map-box="{box(wide)}" data-map-box-narrow="{box(narrow)}"' if wide.map_box else ""
    return (f'<picture><source media="(max-width: {NARROW_UP_TO}px)" srcset="{narrow.file}" '
            f'width="{narrow.width}" height="{narrow.height}">{img}{marks}></picture>')


def _social(title: str, description: str, image: str, url: str, baked: Baked, alt: str) -> str:
    """Open Graph and Twitter card tags: a link pasted in a chat or a post shows the chart's PNG."""
    tags = [("property", "og:type", "article"), ("property", "og:site_name", cite.SITE_TITLE),
            ("property", "og:title", title), ("property", "og:description", description),
            ("property", "og:image", image), ("property", "og:image:type", "image/png"),
            ("property", "og:image:width", str(PNG_WIDTH)), ("property", "og:image:height", str(baked.png_height)),
            ("property", "og:image:alt", alt), ("name", "twitter:card", "summary_large_image"),
            ("name", "twitter:title", title), ("name", "twitter:description", description),
            ("name", "twitter:image", image), ("name", "twitter:image:alt", alt),
            ("name", "description", description)]
    if url:
        tags.insert(2, ("property", "og:url", url))
    meta = "".join(f'<meta {kind}="{name}" content="{html.escape(value)}">' for kind, name, value in tags)
    return meta + (f'<link rel="canonical" href="{html.escape(url)}">' if url else "")


def chart_page(page: Page, title: str, source: str, baked: Baked, lang: str, t: Callable[[str], str],
               version: str, base_url: str, today: date, lang_nav: str, up: str, load: str = "tap") -> str:
    """The light page: the baked image first (no script needed), the interactive chart on a tap."""
    stem = page.file.removesuffix(".html")
    here = (base_url + (f"{lang}/" if up else "")) if base_url else ""
    address = here + page.file if base_url else page.file
    citation = cite.Citation(title, address, version, today)
    alt = f"{title}. {source}"
    download = export.file_stem(title)
    body = (f'<header><a href="{up}index.html">{t(cite.SITE_TITLE)}</a> · {lang_nav}</header><main>'
            f"<h1>{html.escape(title)}</h1>"
            f'<figure class="chart-box" id="chart-box">'
            f"{_picture(baked, alt)}"
            f'<div id="chart"></div></figure>'
            f'<p class="interactive"><button id="interactive" type="button">{t("Interactive chart")}</button></p>'
            f'<p class="source">{html.escape(source)}</p>'
            f'<p class="downloads">{t("Download the chart, with its title and source inside:")} '
            f'<a id="png" href="{stem}.png" download="{download}.png">PNG</a> '
            f'<a id="svg" href="{stem}.svg" download="{download}.svg">SVG</a></p>'
            f'{_citation_html(citation, t, address)}'
            f'<p class="note">{t("Data version")} {html.escape(version)}. '
            f'{t("Static edition exported on")} {today:%Y-%m-%d}. '
            f'{t("The live dashboard has filters and a profile per country.")}</p>'
            f"</main><script>{CITE_SCRIPT}\n{SCRIPT % export.GEO_ASSETS_JS}</script>")
    data = {"file": stem, "base": here, "figure": f"{stem}.figure.js", "plotly": f"{up}plotly.min.js",
            "load": load, "loading": "…", "failed": "⟳"}
    if baked.wide.map_box:
        data["geo"] = "1"
    image = (here if base_url else "") + f"{stem}.png"
    return _shell(lang, cite.view_title(title), body, data,
                  head=_social(title, source, image, address if base_url else "", baked, alt)
                  + "<noscript><style>.interactive{display:none}</style></noscript>")


def index_page(pages: list[Page], inputs: Tables, lang: str, t: Callable[[str], str], version: str,
               today: date, lang_nav: str) -> str:
    groups: dict[str, list[str]] = {}
    for page in pages:
        title = html.escape(page.chart.title_of(inputs, {**page.options, "lang": (lang,)}))
        groups.setdefault(page.chart.view, []).append(f'<li><a href="{page.file}">{title}</a></li>')
    lists = "".join(f"<h2>{t(VIEWS.get(view, view))}</h2><ul class=\"charts\">{''.join(items)}</ul>"
                    for view, items in groups.items())
    body = (f"<header>{lang_nav}</header><main><h1>{t(cite.SITE_TITLE)}</h1>"
            f'<p>{t(INTRO)}</p>'
            f"{lists}<p class=\"note\">{t('Data version')} {html.escape(version)}. "
            f"{t('Static edition exported on')} {today:%Y-%m-%d}.</p></main>")
    return _shell(lang, cite.SITE_TITLE, body, {})


def _home(other: str, lang: str, up: str) -> str:
    """The folder of `other`'s index, relative to a page of `lang`."""
    if other == lang:
        return ""
    return up if other == DEFAULT_LANGUAGE else f"{up}{other}/"


def export_site(outdir: Path, base_url: str = "", today: date | None = None, root: Path | None = None,
                load: str = "tap") -> dict:
    """Write the site into `outdir` (images baked, text precompressed); returns {pages, bytes, languages, ...}.
    load: when a page loads its interactive chart, "tap" (on the reader's tap) or "idle"."""
    if load not in LOAD_MODES:
        raise ValueError(f"load must be one of {LOAD_MODES}, not {load!r}")
    today = today or date.today()
    root = root or data_root()
    base_url = base_url.rstrip("/") + "/" if base_url else ""
    inputs = Tables(root)
    version = cite.data_version(root)
    langs, factory = languages()
    pages = [Page(chart, options) for name, chart in catalog.CHARTS.items()
             for options in VARIANTS.get(name, [{}])]
    outdir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PLOTLY_JS, outdir / "plotly.min.js")
    stamp = f"{cite.SITE_TITLE}: static edition · data version {version} · {cite.today_label(today)}"
    with Baker(PLOTLY_JS) as baker:
        written = _write_languages(outdir, pages, inputs, langs, factory, version, base_url, today, stamp, baker,
                                   load)
    compressed = precompress.precompress_tree(outdir)
    size = sum(p.stat().st_size for p in outdir.rglob("*") if p.is_file())
    return {"pages": written, "bytes": size, "languages": langs, "charts": len(pages), "compressed": compressed}


def _write_languages(outdir: Path, pages: list[Page], inputs: Tables, langs: tuple[str, ...],
                     factory: Callable[[str], Callable[[str], str]] | None, version: str, base_url: str,
                     today: date, stamp: str, baker: Baker, load: str) -> int:
    written = 0
    for lang in langs:
        folder = outdir if lang == DEFAULT_LANGUAGE else outdir / lang
        up = "" if lang == DEFAULT_LANGUAGE else "../"
        folder.mkdir(parents=True, exist_ok=True)
        t = _translated(factory(lang) if factory else None, lang)
        nav = " ".join(f'<a href="{_home(other, lang, up)}index.html" hreflang="{other}">{other.upper()}</a>'
                       for other in langs) if len(langs) > 1 else ""
        nav = f'<nav class="lang">{nav}</nav>' if nav else ""
        for page in pages:
            options = {**page.options, "lang": (lang,)}  # the charts' words in the page's language
            title, source = page.chart.title_of(inputs, options), page.chart.source_of(inputs, options)
            stem = page.file.removesuffix(".html")
            baked = bake_chart(catalog.build(page.chart.name, inputs, options), title, source, stamp, folder,
                               stem, baker, title)
            (folder / page.file).write_text(chart_page(page, title, source, baked, lang, t, version, base_url,
                                                       today, nav, up, load), encoding="utf-8")
            written += 1
        (folder / "index.html").write_text(index_page(pages, inputs, lang, t, version, today, nav), encoding="utf-8")
        written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="folder to write (created if needed)")
    parser.add_argument("--base-url", default="", help="where the site will be published (citations, link previews)")
    parser.add_argument("--load-chart", choices=LOAD_MODES, default="tap",
                        help="when a page loads its interactive chart (default: on the reader's tap)")
    args = parser.parse_args(argv)
    if args.base_url and not args.base_url.startswith(("https://", "http://")):
        print(f"--base-url must start with https:// or http://, not {args.base_url[:60]!r}", file=sys.stderr)
        return 2
    try:
        result = export_site(args.outdir, args.base_url, load=args.load_chart)
    except DataFileError as exc:
        print(f"cannot export: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cannot write to {args.outdir}: {exc.strerror}", file=sys.stderr)
        return 1
    except RuntimeError as exc:  # no Playwright or no Chromium to bake the images
        print(f"cannot export: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {result['pages']} pages ({result['charts']} charts x {len(result['languages'])} "
          f"language(s): {', '.join(result['languages'])}, plus an index each), each chart as SVG and PNG, "
          f"plotly.min.js once, {result['compressed']} text files also as .br and .gz: "
          f"{result['bytes'] / 1e6:.1f} MB in {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
