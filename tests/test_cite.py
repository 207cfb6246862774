"""Citations and data packages: the data version, the permalink, APA and BibTeX, file names, the ZIP;
and the "Cite this view" block as the page shows it (AppTest)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from dashboard.core import cite, package
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
    assert len(at.code) == 2
