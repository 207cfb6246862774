"""Write the static edition: an index and one HTML page per chart (and language), plotly.js once beside them.

    python scripts/export/static_edition.py OUTDIR [--base-url https://example.org/lima/]

The pages need no server and no network: open OUTDIR/index.html from the disk (file://) or copy
OUTDIR to any static web host. Figures come from the same builders as the app
(dashboard.figures.catalog); each page carries the chart's title, source, data version and
citation, and offers PNG and SVG downloads with the title and source inside the image.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import plotly
from plotly.io.json import to_json_plotly

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

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
# Extra views of a chart in the static edition (the live app builds any combination on demand).
VARIANTS: dict[str, list[dict[str, list[str]]]] = {
    "map": [{}, {"color": ["sub_region"]}, *({"color": [f"{t}-lima"]} for t in
                                              ("icrmw", "untoc", "untoc-tip", "untoc-som")),
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
header a{color:#0072B2}h1{font-size:1.5rem;margin:.6em 0 .3em}h2{font-size:1.1rem;margin-top:1.6em}
.chart{width:100%;min-height:300px}.source{font-size:.9rem;color:#555}pre{white-space:pre-wrap;
background:#F6F6F8;padding:10px;border-radius:6px;font-size:.85rem}button{font:inherit;cursor:pointer}
ul.charts li{margin:.3em 0}.note{font-size:.9rem;color:#555}nav.lang{display:inline}nav.lang a{margin-right:.8em}"""

SCRIPT = """(function(){
var fig=JSON.parse(document.getElementById('figure').textContent);
var exp=JSON.parse(document.getElementById('export-layout').textContent);
var name=document.body.dataset.file;
function save(fmt){Plotly.downloadImage({data:fig.data,layout:exp},
  {format:fmt,filename:name,scale:fmt==='png'?2:1,width:1000,height:exp.height});}
var config={displaylogo:false,scrollZoom:false,responsive:true,modeBarButtons:[[
 {name:'png',title:document.body.dataset.png,icon:Plotly.Icons.camera,click:function(){save('png');}},
 {name:'svg',title:document.body.dataset.svg,icon:Plotly.Icons.disk,click:function(){save('svg');}}]]};
Plotly.newPlot('chart',fig.data,fig.layout,config).then(function(gd){gd.dataset.drawn='1';});
document.getElementById('png').onclick=function(){save('png');};
document.getElementById('svg').onclick=function(){save('svg');};
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


def _json_for_script(obj: object) -> str:
    """JSON that cannot end its <script> element early."""
    text = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


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
            f"<title>{html.escape(title)}</title><style>{CSS}</style>{head}</head>"
            f"<body {attrs}>{body}</body></html>\n")


def chart_page(page: Page, inputs: Tables, lang: str, t: Callable[[str], str], version: str,
               base_url: str, today: date, lang_nav: str, up: str) -> str:
    chart, options = page.chart, {**page.options, "lang": (lang,)}  # the charts' words in the page's language
    title, source = chart.title_of(inputs, options), chart.source_of(inputs, options)
    fig = catalog.build(chart.name, inputs, options)
    geo = export.has_map(fig)
    if geo:  # MapLibre cannot start from file://: the same data as SVG geo traces
        fig = export.to_geo(fig)
    stem = page.file.removesuffix(".html")
    address = (base_url + (f"{lang}/" if up else "") + page.file) if base_url else page.file
    stamp = f"{cite.SITE_TITLE}: static edition · data version {version} · {cite.today_label(today)}"
    credited = export.with_credits(fig, title, source, stamp)
    citation = cite.Citation(title, address, version, today)
    fig_json = to_json_plotly(fig)
    main = "<main>"
    body = (f'<header><a href="{up}index.html">{t(cite.SITE_TITLE)}</a> · {lang_nav}</header>{main}'
            f"<h1>{html.escape(title)}</h1>"
            f'<div id="chart" class="chart" role="img" aria-label="{html.escape(title)}"></div>'
            f'<p class="source">{html.escape(source)}</p>'
            f'<p>{t("Download the chart, with its title and source inside:")} '
            f'<button id="png">PNG</button> <button id="svg">SVG</button></p>'
            f'{_citation_html(citation, t, address)}'
            f'<p class="note">{t("Data version")} {html.escape(version)}. '
            f'{t("Static edition exported on")} {today:%Y-%m-%d}. '
            f'{t("The live dashboard has filters and a profile per country.")}</p>'
            f'</main><script id="figure" type="application/json">{_json_for_script(fig_json)}</script>'
            f'<script id="export-layout" type="application/json">{_json_for_script(credited["layout"])}</script>'
            f"<script>{CITE_SCRIPT}\n{SCRIPT}</script>")
    data = {"file": stem, "png": "Download PNG", "svg": "Download SVG",
            "base": (base_url + (f"{lang}/" if up else "")) if base_url else ""}
    return _shell(lang, cite.view_title(title), body,
                  data, head=f'<script src="{up}plotly.min.js"></script>'
                  + (f"<script>{export.GEO_ASSETS_JS}</script>" if geo else ""))


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


def export_site(outdir: Path, base_url: str = "", today: date | None = None, root: Path | None = None) -> dict:
    """Write the site into `outdir`; returns {pages, bytes, languages}."""
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
            (folder / page.file).write_text(chart_page(page, inputs, lang, t, version, base_url, today, nav, up),
                                            encoding="utf-8")
            written += 1
        (folder / "index.html").write_text(index_page(pages, inputs, lang, t, version, today, nav), encoding="utf-8")
        written += 1
    size = sum(p.stat().st_size for p in outdir.rglob("*") if p.is_file())
    return {"pages": written, "bytes": size, "languages": langs, "charts": len(pages)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="folder to write (created if needed)")
    parser.add_argument("--base-url", default="", help="where the site will be published, for citations")
    args = parser.parse_args(argv)
    if args.base_url and not args.base_url.startswith(("https://", "http://")):
        print(f"--base-url must start with https:// or http://, not {args.base_url[:60]!r}", file=sys.stderr)
        return 2
    try:
        result = export_site(args.outdir, args.base_url)
    except DataFileError as exc:
        print(f"cannot export: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cannot write to {args.outdir}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {result['pages']} pages ({result['charts']} charts x {len(result['languages'])} "
          f"language(s): {', '.join(result['languages'])}, plus an index each) and plotly.min.js once: "
          f"{result['bytes'] / 1e6:.1f} MB in {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
