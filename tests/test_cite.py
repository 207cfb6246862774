"""Citations and data packages: the data version, the permalink, APA and BibTeX, file names, the ZIP;
and the "Cite this view" block as the page shows it (AppTest)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from dashboard.core import cite, i18n, package, sources
from dashboard.core.provenance import ROOT
from tests.apptest_support import run

MANIFEST = ROOT / "data" / "datapackage.json"
DAY = date(2026, 11, 29)


def _expected_version() -> str:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    canonical = json.dumps(manifest["resources"], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"{manifest['version']}+{hashlib.sha256(canonical.encode()).hexdigest()[:8]}"


def test_data_version_is_the_manifest_version_and_hash():
    version = cite.data_version(ROOT)
    assert version == _expected_version()
    assert version.startswith("1.") and len(version.split("+")[1]) == 8


def test_manifest_hash_follows_the_files_not_the_layout():
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    reordered = {"resources": [dict(reversed(list(r.items()))) for r in manifest["resources"]]}
    assert cite.manifest_hash(reordered) == cite.manifest_hash(manifest)
    changed = json.loads(json.dumps(manifest))
    changed["resources"][0]["hash"] = "0" * 64
    assert cite.manifest_hash(changed) != cite.manifest_hash(manifest)


HOSTILE = ['<script>alert("x")</script>', "a&b=c#frag", "Côte d’Ivoire", "50% off", "{}\\"]


def test_permalink_keeps_every_value_and_encodes_the_hostile_ones():
    url = cite.permalink("https://example.org/app/?old=1#top", {"view": ["treaties"], "region": HOSTILE,
                                                                  "empty": [""]})
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path, parts.fragment) == ("https", "example.org", "/app/", "")
    for ch in '<>"# {}\\':
        assert ch not in parts.query, ch
    assert parse_qs(parts.query) == {"view": ["treaties"], "region": HOSTILE}
    assert url.index("view=") < url.index("region=")  # the order given


@pytest.mark.parametrize("base", ["javascript:alert(1)", "not a url", "data:text/html,x"])
def test_permalink_refuses_a_base_that_is_not_a_web_address(base):
    with pytest.raises(ValueError, match="not a web address"):
        cite.permalink(base, {})


def test_apa_and_bibtex_carry_title_link_version_and_date():
    c = cite.cite("Legal frameworks · The Lima Declaration, 2006", "http://localhost:8501/",
                  {"view": ["treaties"], "region": ["Africa"]}, "1.0.0+abcdef12", DAY)
    assert c.apa == ("The Lima Declaration dashboard. (n.d.). Legal frameworks · The Lima Declaration, 2006 "
                     "[Interactive dashboard; data version 1.0.0+abcdef12]. Retrieved November 29, 2026, from "
                     "http://localhost:8501/?view=treaties&region=Africa")
    assert c.bibtex.startswith("@misc{lima2006_legal_frameworks_20261129,\n")
    assert "  url          = {http://localhost:8501/?view=treaties&region=Africa},\n" in c.bibtex
    assert "urldate      = {2026-11-29}" in c.bibtex and "version      = {1.0.0+abcdef12}" in c.bibtex


def test_bibtex_escapes_tex_specials_and_keeps_braces_balanced():
    c = cite.cite("50% of {R&D} #1_x", "http://h/", {"q": ["}{%"]}, "1+a", DAY)
    assert r"50\% of \{R\&D\} \#1\_x" in c.bibtex
    assert c.bibtex.count("{") - c.bibtex.count(r"\{") == c.bibtex.count("}") - c.bibtex.count(r"\}")


@pytest.mark.parametrize(("table", "filters", "expected"), [
    ("signatories", {"region": ["Africa"]}, "lima_declaration_signatories_region-africa.csv"),
    ("signatories", {"region": ["Africa", "Asia"], "subregion": []},
     "lima_declaration_signatories_region-africa+asia.csv"),
    ("signatories", {"subregion": ["Latin America and the Caribbean"]},
     "lima_declaration_signatories_subregion-latin-america-and-the-caribbean.csv"),
    ("signatories", {}, "lima_declaration_signatories.csv"),
    ("treaty status", {"when": ["../../etc/passwd"]}, "lima_declaration_treaty_status_when-etc-passwd.csv"),
])
def test_csv_file_names_say_the_view_and_the_filter(table, filters, expected):
    assert package.csv_file_name(table, filters) == expected


def test_a_long_filter_is_cut_but_keeps_its_extension():
    name = package.csv_file_name("signatories", {"region": ["x" * 80] * 10})
    assert len(name) <= package.MAX_NAME_CHARS + 4 and name.endswith(".csv")


def test_the_data_package_holds_the_tables_their_sources_and_the_citation():
    frame = pd.DataFrame({"iso3": ["PER", "MAR"], "name": ["Peru", "Morocco"]})
    c = cite.cite("Map & table · The Lima Declaration, 2006", "http://h/", {"view": ["map"]}, "1.0.0+x", DAY)
    blob = package.build_package([package.Table("signatories", "The signatories", frame, ("data/m49.csv",))],
                                 c, "Map & table", ROOT)
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        assert sorted(zf.namelist()) == ["README.md", "datapackage.json", "signatories.csv"]
        csv_bytes = zf.read("signatories.csv")
        descriptor = json.loads(zf.read("datapackage.json"))
        readme = zf.read("README.md").decode()
    assert pd.read_csv(io.BytesIO(csv_bytes)).to_dict("list") == {"iso3": ["PER", "MAR"], "name": ["Peru", "Morocco"]}
    (res,) = descriptor["resources"]
    assert res["hash"] == "sha256:" + hashlib.sha256(csv_bytes).hexdigest() and res["bytes"] == len(csv_bytes)
    m49 = next(r for r in json.loads(MANIFEST.read_text())["resources"] if r["path"] == "data/m49.csv")
    assert [s["path"] for s in res["sources"]] == [s["path"] for s in m49["sources"]]
    assert res["licenses"] == m49["licenses"]
    assert descriptor["version"] == "1.0.0+x" and c.apa in readme and c.bibtex in readme
    again = package.build_package([package.Table("signatories", "The signatories", frame, ("data/m49.csv",))],
                                  c, "Map & table", ROOT)
    assert again == blob  # fixed timestamps: the same view gives the same bytes


# --- the citation in the reader's language, naming the data's publishers (issue 21) -------------

NB, NNB = "\u00a0", "\u202f"
ACCESSED = date(2026, 12, 6)
MIGRATION_FILES = ("data/migrant_stock.csv", "data/corridors.csv", "data/remittances.csv")
MIGRATION_PUBLISHERS = ("undesa-stock", "wdi", "wpp")


def _cite(lang: str, publishers=MIGRATION_PUBLISHERS, day: date = ACCESSED) -> cite.Citation:
    return cite.cite(cite.view_title("Migration", lang), "https://example.org/app/", {"view": ["migration"]},
                     "1.0.0+abcdef12", day, lang=lang, publishers=publishers)


def test_english_with_no_publisher_is_the_citation_it_always_was():
    old = cite.cite("Legal frameworks · The Lima Declaration, 2006", "http://localhost:8501/",
                    {"view": ["treaties"]}, "1.0.0+abcdef12", DAY)
    new = cite.cite("Legal frameworks · The Lima Declaration, 2006", "http://localhost:8501/",
                    {"view": ["treaties"]}, "1.0.0+abcdef12", DAY, lang="en", publishers=())
    assert (new.apa, new.bibtex) == (old.apa, old.bibtex)
    assert "language" not in new.bibtex and "Data:" not in new.apa
    assert cite.view_title("Legal frameworks") == "Legal frameworks · The Lima Declaration, 2006"


def test_english_names_the_publishers_before_the_retrieval_statement():
    c = _cite("en")
    assert c.apa == ("The Lima Declaration dashboard. (n.d.). Migration · The Lima Declaration, 2006 "
                     "[Interactive dashboard; data version 1.0.0+abcdef12]. Data: UN DESA, International "
                     "Migrant Stock 2020 and 2024; World Bank, World Development Indicators; UN DESA, World "
                     "Population Prospects 2024. Retrieved "
                     "December 6, 2026, from https://example.org/app/?view=migration")
    assert c.apa.rsplit(" from ", 1)[1] == c.url  # the address stays last, as the page reads it
    assert ("note         = {Data version 1.0.0+abcdef12. Data: UN DESA, International Migrant Stock "
            "2020 and 2024; World Bank, World Development Indicators; UN DESA, World Population Prospects "
            "2024.},") in c.bibtex


def test_spanish_apa_uses_its_own_retrieval_statement_date_and_brackets():
    c = _cite("es")
    when = i18n.format_date(ACCESSED, "es")
    assert when == "6 de diciembre de 2026"
    assert c.apa == ("Tablero de la Declaración de Lima. (s. f.). Migration · La Declaración de Lima, 2006 "
                     "[Tablero interactivo; versión de datos 1.0.0+abcdef12]. Datos: DAES de las Naciones "
                     "Unidas, International Migrant Stock 2020 y 2024; Banco Mundial, Indicadores del desarrollo "
                     "mundial; DAES de las Naciones Unidas, World Population Prospects 2024. "
                     f"Recuperado el {when} de https://example.org/app/?view=migration")
    assert "language     = {spanish}" in c.bibtex and "Banco Mundial" in c.bibtex
    assert "Retrieved" not in c.apa and "n.d." not in c.apa


def test_french_apa_uses_its_own_forms_and_french_spacing():
    c = _cite("fr")
    when = i18n.format_date(ACCESSED, "fr")
    assert when == "6 décembre 2026"
    assert c.apa.startswith("Tableau de bord de la Déclaration de Lima. (s. d.). Migration · La Déclaration "
                            f"de Lima, 2006 [Tableau de bord interactif{NNB}; version des données 1.0.0+abcdef12]. ")
    assert (f"Données{NB}: DAES de l’ONU, International Migrant Stock 2020 et 2024{NNB}; Banque mondiale, "
            f"Indicateurs du développement dans le monde{NNB}; DAES de l’ONU, World Population Prospects 2024. "
            ) in c.apa
    assert c.apa.endswith(f"Consulté le {when}, à l’adresse https://example.org/app/?view=migration")
    assert " ;" not in c.apa and " :" not in c.apa  # never a breakable space before ; or :
    assert "language     = {french}" in c.bibtex


def test_french_writes_the_first_of_the_month_1er():
    assert "Consulté le 1er décembre 2026, à l’adresse" in _cite("fr", day=date(2026, 12, 1)).apa
    assert "Recuperado el 1 de diciembre de 2026 de" in _cite("es", day=date(2026, 12, 1)).apa
    assert cite.retrieved_on(date(2026, 12, 1), "en") == "December 1, 2026"


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_bibtex_stays_valid_in_every_language(lang):
    c = cite.cite(cite.view_title("Marcos jurídicos & 50%", lang), "http://h/", {"q": ["}{%"]}, "1+a", DAY,
                  lang=lang, publishers=("untc", "press-release"))
    bib = c.bibtex
    assert bib.count("{") - bib.count(r"\{") == bib.count("}") - bib.count(r"\}")
    assert r"\& 50\%" in bib
    assert c.key == "lima2006_marcos_juridicos_50_20261129" and c.key.isascii()
    # French no-break spaces become TeX's ~ (pdflatex's utf8 input knows no U+202F)
    assert NB not in bib and NNB not in bib
    assert len(c.credits) == 2 and all(cite.bibtex_escape(credit) in bib for credit in c.credits)


def test_a_citation_refuses_an_unknown_publisher_or_language():
    with pytest.raises(KeyError, match="unesco"):
        _cite("en", publishers=("unesco",))
    with pytest.raises(ValueError, match="'de'"):
        _cite("de")


@pytest.mark.parametrize(("paths", "extra", "expected"), [
    (MIGRATION_FILES, (), MIGRATION_PUBLISHERS),
    (("data/remittances.csv",), (), ("wdi",)),
    (("data/corridors.csv",), (), ("undesa-stock",)),
    (("data/treaties.csv",), (), ("untc",)),
    (("seeds/iom_press_release_2006_lima_declaration.txt", "data/m49.csv"), (), ("press-release", "m49")),
    (("data/events.csv",), (), ("press-release", "events-2006")),
    (("data/rcp.csv",), (), ("rcp",)),
    ((), ("Gapminder (gapminder.org), 2007, CC BY 4.0, via plotly's gapminder table",), ("gapminder",)),
    (("data/no-such-file.csv",), (), ()),
])
def test_the_publishers_come_from_the_manifests_sources(paths, extra, expected):
    assert sources.of_files(paths, extra) == expected


def test_every_cited_source_is_found_among_the_manifests_sources():
    """A source whose pattern matches no file would silently drop out of every citation."""
    titles = [s.get("title", "") for r in json.loads(MANIFEST.read_text())["resources"]
              for s in r.get("sources", []) + r.get("licenses", [])]
    unmatched = [s.key for s in sources.SOURCES.values()
                 if s.match and s.key != "gapminder" and not any(re.search(s.match, t) for t in titles)]
    assert not unmatched


# --- CSV bytes a spreadsheet opens correctly in every language ------------------------------------

def test_csv_bytes_start_with_the_byte_order_mark_and_keep_the_text():
    frame = pd.DataFrame({"name": ["Algérie", "Côte d’Ivoire", "Viêt Nam"], "value": [1, 2, 3]})
    data = package.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert data[3:].decode("utf-8") == frame.to_csv(index=False)
    assert "Algérie".encode() in data and "AlgÃ©rie".encode() not in data
    assert pd.read_csv(io.BytesIO(data))["name"].tolist() == ["Algérie", "Côte d’Ivoire", "Viêt Nam"]
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[0] == ["name", "value"]  # no stray mark
    text = frame.to_csv(index=False)  # CSV text made elsewhere (CompareResult.to_csv) gets one mark too
    assert package.csv_bytes(text) == package.csv_bytes("\ufeff" + text) == data


def test_the_package_csvs_carry_the_mark_and_its_readme_speaks_the_readers_language():
    frame = pd.DataFrame({"iso3": ["DZA", "PER"], "name": ["Argelia", "Perú"]})
    c = _cite("es", publishers=("press-release", "m49"))
    blob = package.build_package([package.Table("signatories", "Los países signatarios", frame,
                                                ("data/m49.csv",))], c, "Mapa y tabla", ROOT)
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        data = zf.read("signatories.csv")
        readme = zf.read("README.md").decode()
        descriptor = json.loads(zf.read("datapackage.json"))
    assert data.startswith(package.BOM) and "Perú".encode() in data
    (res,) = descriptor["resources"]
    assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest() and res["encoding"] == "utf-8-sig"
    assert descriptor["sources"] == [{"title": "OIM, comunicado de prensa de mayo de 2006"},
                                     {"title": "División de Estadística de las Naciones Unidas, norma M49"}]
    assert c.apa in readme and c.bibtex in readme and "Recuperado el 6 de diciembre de 2026 de" in readme
    assert "## Citar esta vista" in readme and "## Editores de los datos" in readme
    assert "- signatories.csv: Los países signatarios (2 filas)" in readme
    assert "- OIM, comunicado de prensa de mayo de 2006\n" in readme
    assert "The tables" not in readme and "Cite this view" not in readme


# --- the page (AppTest) ---------------------------------------------------------------------------

def _citation_texts(at) -> tuple[str, str]:
    if not at.code:  # the block opens with its switch (nothing of it is sent before)
        at.toggle(key="cite_open").set_value(True).run()
    apa = next(c.value for c in at.code if c.value.startswith("The Lima Declaration dashboard."))
    bib = next(c.value for c in at.code if c.value.startswith("@misc{"))
    return apa, bib


def test_the_page_cites_the_exact_view_with_the_manifest_version():
    at = run(view="treaties", region=["Africa", "Asia"], when="latest")
    apa, bib = _citation_texts(at)
    version = _expected_version()
    url = apa.rsplit(" from ", 1)[1]
    assert parse_qs(urlsplit(url).query) == {"view": ["treaties"], "region": ["Africa", "Asia"],
                                             "when": ["latest"]}
    assert apa.startswith("The Lima Declaration dashboard. (n.d.). Legal frameworks · The Lima Declaration, 2006 ")
    assert f"data version {version}]" in apa
    assert f"url          = {{{url}}}" in bib and f"version      = {{{version}}}" in bib
    assert version in at.toggle(key="cite_open").label and at.toggle(key="cite_open").label.startswith("Cite this")


def test_the_citation_leaves_out_values_the_page_ignored():
    at = run(view="regions", region=["Africa", '"><script>x</script>'])
    apa, _ = _citation_texts(at)
    url = apa.rsplit(" from ", 1)[1]
    assert parse_qs(urlsplit(url).query)["region"] == ["Africa"]
    assert "script" not in url


def test_nothing_of_the_citation_is_sent_until_asked():
    """Issue 13: the code viewer (1.5 MB of JavaScript) loads only for a reader who opens the block."""
    at = run()
    assert not at.code and not [b for b in at.get("download_button") if "ZIP" in b.proto.label]
    at.toggle(key="cite_open").set_value(True).run()
    # APA, BibTeX, then the map's link and its <iframe>
    assert [c.language for c in at.code] == ["plaintext", "bibtex", "plaintext", "html"]
