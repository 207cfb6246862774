"""The reader's task to the end, in each language (AppTest): the Cite block's embed link and <iframe>
for the open tab's charts, the citation in the page's language naming the data's publishers, CSV
downloads a spreadsheet opens in any locale (UTF-8 with a byte-order mark), names in the order of
the page's language, and plotly's own words in that language."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from dashboard.config import VIEWS
from dashboard.core import collation, i18n, package, processes
from dashboard.core.provenance import ROOT
from dashboard.data import Tables
from dashboard.figures import catalog
from dashboard.page import embed
from dashboard.page.tabs import map as map_tab
from dashboard.page.tabs import treaties as treaties_tab
from tests.apptest_support import run

TABLES = Tables(ROOT)


def opened(**params):
    """The page with its Cite block open."""
    at = run(**params)
    at.toggle(key="cite_open").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def iframe(at) -> str:
    (snippet,) = [c.value for c in at.code if c.language == "html"]
    return snippet


def src_query(snippet: str) -> dict[str, list[str]]:
    src = html.unescape(re.search(r'src="([^"]+)"', snippet).group(1))
    return parse_qs(urlsplit(src).query)


def height(snippet: str) -> int:
    return int(re.search(r'height="(\d+)"', snippet).group(1))


def words(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


# --- embed, in the Cite block ----------------------------------------------------------------------

def test_the_cite_block_gives_the_tabs_charts_link_and_iframe():
    at = opened(view="regions")
    snippet = iframe(at)
    assert src_query(snippet) == {"chart": ["regions"], "embed": ["true"]}
    assert 'title="Signatories per region"' in snippet and 'width="100%"' in snippet
    links = [c.value for c in at.code if c.language == "plaintext" and c.value.startswith("http")]
    assert links == ["http://localhost:8501/?chart=regions"]
    # The snippet is the embed page's own, and as tall as its figure plus the caption under it.
    alone = run(chart="regions")
    assert iframe(alone) == snippet
    figure_height = json.loads(alone.get("plotly_chart")[0].proto.spec)["layout"]["height"]
    assert height(snippet) >= figure_height + embed.IFRAME_CHROME_PX + 2 * embed.CAPTION_LINE_PX
    # One select box lists the tab's charts, by their titles; another chart, another snippet.
    picker = at.selectbox(key=embed.PICK_KEY)
    assert picker.options == [c.title for c in catalog.CHARTS.values() if c.view == "regions"]
    assert len(picker.options) == 4
    picker.set_value("hierarchy").run()
    assert src_query(iframe(at)) == {"chart": ["hierarchy"], "embed": ["true"]}


def test_the_embed_link_keeps_the_filter_and_the_language_and_speaks_french():
    at = opened(view="regions", lang="fr", region="Africa")
    snippet = iframe(at)
    assert src_query(snippet) == {"chart": ["regions"], "region": ["Africa"], "lang": ["fr"], "embed": ["true"]}
    french_title = catalog.CHARTS["regions"].title_of(TABLES, {"lang": ("fr",)})
    assert french_title != "Signatories per region" and f'title="{french_title}"' in snippet
    text = words(at)
    assert "**Intégrer un graphique de cette vue** dans une autre page web" in text
    assert "Le graphique seul, avec sa source et un lien vers cette vue :" in text
    assert "Embed a chart" not in text and "The chart alone" not in text
    assert at.toggle(key="cite_open").label.startswith("Citer cette vue ou intégrer ses graphiques")


def test_the_links_write_each_value_once_and_leave_defaults_out():
    """?lang=en&color=region (both defaults) as a pasted link has them: the chart's link does not."""
    at = opened(view="map", lang="en", color="region", region=["Africa", "Asia"])
    links = [c.value for c in at.code if c.language == "plaintext" and c.value.startswith("http")]
    assert links == ["http://localhost:8501/?chart=map&region=Africa&region=Asia"]
    assert src_query(iframe(run(chart="map", lang="en", color="region"))) == {"chart": ["map"], "embed": ["true"]}


def test_a_tab_without_charts_offers_no_embed():
    at = opened(view="sources")
    assert not [c for c in at.code if c.language == "html"]
    assert at.toggle(key="cite_open").label.startswith("Cite this view · data version")


def test_the_embed_page_speaks_the_readers_language():
    at = run(chart="corridors", country="MEX", lang="es")
    spec = at.get("plotly_chart")[0].proto.spec
    assert "tablero interactivo · versión de los datos" in spec and "an interactive dashboard" not in spec
    apa = next(c.value for c in at.code if c.value.startswith("Tablero de la Declaración de Lima."))
    assert "Recuperado el" in apa and "Datos: DAES de las Naciones Unidas" in apa
    assert "La Declaración de Lima, 2006 [Tablero interactivo" in apa


# --- the citation in the reader's language, naming the publishers ----------------------------------

@pytest.mark.parametrize(("lang", "retrieved", "publisher", "bibtex_language"), [
    ("en", "Retrieved ", "World Bank, World Development Indicators", None),
    ("es", "Recuperado el ", "Banco Mundial, Indicadores del desarrollo mundial", "spanish"),
    ("fr", "Consulté le ", "Banque mondiale, Indicateurs du développement dans le monde", "french"),
])
def test_the_citation_speaks_the_pages_language_and_names_the_publishers(lang, retrieved, publisher,
                                                                         bibtex_language):
    at = opened(view="migration", lang=lang)
    apa = at.code[0].value
    bib = next(c.value for c in at.code if c.value.startswith("@misc{"))
    assert retrieved in apa and publisher in apa and publisher in bib
    assert "International Migrant Stock 2020" in apa  # UN DESA's, in every language
    assert (f"language     = {{{bibtex_language}}}" in bib) if bibtex_language else "language" not in bib
    if lang != "en":
        assert "Retrieved" not in apa and "Migration & remittances" not in apa


def test_the_map_tabs_citation_names_its_files_and_its_charts_publishers():
    apa = opened().code[0].value
    # the press release and M49 from the table's files; Natural Earth from the map chart's sources
    assert "Data: IOM, press release of May 2006; UN Statistics Division, M49 standard; Natural Earth." in apa
    assert apa.startswith("The Lima Declaration dashboard. (n.d.). Map & table · The Lima Declaration, 2006 [")


@pytest.fixture
def downloads(monkeypatch) -> list[tuple[str, object, str]]:
    """(file name, data or the deferred callable, MIME type) of every download button drawn."""
    seen: list[tuple[str, object, str]] = []
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        seen.append((file_name, data, mimetype))
        return add(self, data, mimetype, coordinates, file_name, is_for_static_download)

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen.append((file_name, data_callable, mimetype))
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return seen


def test_the_data_packages_readme_is_in_spanish(downloads):
    opened(view="timeline", lang="es")
    (build,) = [data for name, data, _ in downloads if name == "lima_declaration_timeline_package.zip"]
    with zipfile.ZipFile(io.BytesIO(build())) as zf:
        readme = zf.read("README.md").decode()
    assert "## Citar esta vista" in readme and "Recuperado el" in readme and "## Editores de los datos" in readme
    label = i18n.translator("es")(VIEWS["timeline"])
    assert label != VIEWS["timeline"] and f"la vista «{label}» del tablero" in readme


# --- CSV downloads: UTF-8 with a byte-order mark, on every tab that has one ------------------------

def _csvs(downloads, name: str) -> list[bytes]:
    found = [(data, mime) for file_name, data, mime in downloads if file_name == name]
    assert found, f"no download named {name}; saw {[n for n, _, _ in downloads]}"
    assert all(mime == "text/csv" for _, mime in found)
    return [data for data, _ in found]


def _header(data: bytes) -> list[str]:
    assert data.startswith(package.BOM), data[:20]
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_map_tabs_csvs_carry_the_mark_and_spanish_names(downloads):
    run(lang="es")
    shown, full = _csvs(downloads, "lima_declaration_signatories.csv")
    for data in (shown, full):
        assert _header(data) == map_tab.CSV_COLUMNS
        assert "Perú".encode() in data


@pytest.mark.parametrize(("view", "name", "columns"), [
    ("migration", "lima_declaration_migration_2005_2020.csv", list(TABLES.migration_table().columns)),
    ("treaties", "lima_declaration_treaties_lima.csv", list(treaties_tab.CSV_COLUMNS.values())),
    ("processes", "lima_declaration_rcp_memberships.csv",
     list(processes.membership_table(TABLES.memberships, "fr", headers=False).columns)),
])
def test_each_tabs_csv_carries_the_mark(downloads, view, name, columns):
    run(view=view, lang="fr")
    (data,) = _csvs(downloads, name)
    assert _header(data) == columns


def test_the_comparison_csv_carries_the_mark(downloads):
    at = run(view="compare", lang="fr")
    at.text_area(key="compare_text").set_value("Pérou\nFrance")
    at.button[0].click().run()
    (data,) = _csvs(downloads, "lima_comparison.csv")
    assert _header(data) == ["iso3", "name", "in_lima", "in_list", "input_name", "note"]
    assert "Pérou".encode() in data


# --- names in the order of the page's language ------------------------------------------------------

def test_the_french_pickers_sort_accented_names_in_place():
    at = run(lang="fr")
    names = at.selectbox(key="country").options[1:]  # the first is "— choose —"
    assert names[-3:] == ["Sri Lanka", "Thaïlande", "Viêt Nam"]
    assert names[names.index("Colombie") + 1:names.index("Guatemala")] == ["Égypte", "Équateur"]
    # the map's description, for readers who cannot see it, in the same order
    assert "Afrique du Sud, Algérie, Égypte, Maroc, Nigeria" in words(at)
    at = run(view="migration", lang="fr")
    assert at.selectbox(key="mig_country").options[-2:] == ["Thaïlande", "Viêt Nam"]


def test_the_french_table_is_in_french_order():
    names = list(map_tab.table_frame(TABLES.signatories, "fr")["Pays"])
    assert names == collation.sort_names(names, "fr") != sorted(names)
    assert names.index("Égypte") < names.index("Guatemala")


def test_the_sunburst_and_the_remittance_lines_follow_the_language():
    sunburst = catalog.build("hierarchy", TABLES, {"lang": ("fr",)})["data"][0]
    northern = [label for label, parent in zip(sunburst["labels"], sunburst["parents"])
                if parent == "Africa/Northern Africa"]
    assert northern == ["Algérie", "Égypte", "Maroc"]
    lines = catalog.build("remittances", TABLES, {"lang": ("fr",)})["data"]
    names = [t["hovertemplate"].split(",")[0] for t in lines if t.get("mode") == "lines" and "hovertemplate" in t]
    assert names == collation.sort_names(names, "fr") != sorted(names)


# --- the libraries' own words ------------------------------------------------------------------------

def test_the_spanish_charts_carry_plotlys_spanish_words():
    config = json.loads(run(lang="es").get("plotly_chart")[0].proto.config)
    assert config["locale"] == "es"
    spanish = config["locales"]["es"]
    assert spanish["dictionary"]["Download plot as a PNG"] == "Descargar gráfico como PNG"
    assert spanish["format"]["thousands"] == "." and spanish["format"]["months"][4] == "mayo"
    assert config["modeBarButtons"] == [["toImage"]]  # the toolbar is still ours
    assert "locale" not in json.loads(run().get("plotly_chart")[0].proto.config)
    embedded = json.loads(run(chart="regions", lang="fr").get("plotly_chart")[0].proto.config)
    assert embedded["locales"]["fr"]["dictionary"]["Download plot as a PNG"] == (
        "Télécharger le graphique en fichier PNG")


def test_the_compare_form_says_in_french_how_to_send_it():
    at = run(view="compare", lang="fr")
    form = next(b for b in _blocks(at) if b.proto.WhichOneof("type") == "form")
    assert form.proto.form.form_id == "compare_form" and form.proto.form.enter_to_submit is False
    assert "Appuyez ensuite sur « Comparer »" in words(at)
    assert "« Upload »" in at.get("file_uploader")[0].proto.help


def _blocks(at):
    todo = [at._tree]
    while todo:
        node = todo.pop()
        children = list(getattr(node, "children", {}).values())
        todo += children
        yield from (c for c in children if type(c).__name__ == "Block" and c.proto is not None)
