"""The context tabs in Spanish and French (issue 10): every word of the tab in the reader's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from apptest_support import frame_with, map_spec, run
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from dashboard.core import compare, i18n
from dashboard.figures import world

ROOT = Path(__file__).resolve().parents[1]
# The context tabs' message catalogs (one per tab).
POTS = [ROOT / "dashboard" / "locales" / f"{area}.pot" for area in ("treaties", "processes", "population", "compare")]
# Proper names and quotations that stay in English in every language, on purpose.
KEPT = ("the importance of regional consultative",)


def english_sentences() -> list[str]:
    """The English messages of the context area longer than four words, placeholders cut out:
    the pieces of each that a page still in English would show."""
    messages = []
    for pot in POTS:
        with pot.open("rb") as handle:
            messages += list(read_po(handle))
    pieces = []
    for message in messages:
        if not message.id or len(message.id.split()) <= 4:
            continue
        for piece in re.split(r"\{[^}]*\}|<br>|\*\*", message.id):
            if len(piece.split()) > 4 and not any(k in piece for k in KEPT):
                pieces.append(piece.strip(" .;:,()“”"))
    return pieces


def page_text(at: AppTest) -> str:
    """What a visitor can read: text, captions, labels, tables, and the charts' words (JSON)."""
    parts = [e.value for kind in ("markdown", "caption", "subheader", "header", "title", "warning", "error",
                                  "info") for e in getattr(at, kind)]
    parts += [b.label for b in at.button] + [m.label for m in at.metric] + [str(m.value) for m in at.metric]
    parts += [w.label for kind in ("selectbox", "text_area", "segmented_control") for w in getattr(at, kind)]
    for frame in at.dataframe:
        parts += [str(c) for c in frame.value.columns]
        parts += [str(v) for v in frame.value.astype(str).to_numpy().ravel()]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        parts.append(json.dumps(spec["layout"].get("title", ""), ensure_ascii=False))
        for trace in spec["data"]:
            for key in ("name", "customdata", "x", "y", "labels", "text"):
                parts.append(json.dumps(trace.get(key, ""), ensure_ascii=False))
        parts.append(json.dumps(spec["layout"].get("xaxis", {}).get("title", ""), ensure_ascii=False))
        parts.append(json.dumps(spec["layout"].get("yaxis", {}).get("title", ""), ensure_ascii=False))
    return "\n".join(parts).replace("<br>", " ")


def left_in_english(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [piece for piece in english_sentences() if piece in flat]


@pytest.mark.parametrize("lang", ["es", "fr"])
@pytest.mark.parametrize(("view", "expected"), [
    ("treaties", {"es": ["La situación de los 24 respecto de los tratados", "Estado parte", "16 de mayo de 2006",
                         "Convención Internacional sobre la protección de los derechos de todos los trabajadores "
                         "migratorios y de sus familiares", "Perú"],
                  "fr": ["La situation des 24 au regard des traités", "État partie", "16 mai 2006",
                         "Convention internationale sur la protection des droits de tous les travailleurs "
                         "migrants et des membres de leur famille", "Pérou"]}),
    ("processes", {"es": ["Procesos consultivos regionales sobre migración", "observador", "Colombo Process",
                          "fundado en 2008, después de la reunión de Lima"],
                   "fr": ["Processus consultatifs régionaux sur la migration", "observateur", "Colombo Process",
                          "créé en 2008, après la réunion de Lima"]}),
    ("population", {"es": ["Población e ingreso", "PIB per cápita", "US$", "millones", "Esperanza de vida"],
                    "fr": ["Population et revenu", "PIB par habitant", "$ US", "millions", "Espérance de vie"]}),
    ("compare", {"es": ["Comparar una lista con los 24", "Nombres de países"],
                 "fr": ["Comparer une liste avec les 24", "Noms de pays"]}),
])
def test_each_context_tab_speaks_the_language(lang, view, expected):
    at = run(view=view, lang=lang)
    text = page_text(at)
    for words in expected[lang]:
        assert words in " ".join(text.split()), words
    assert not left_in_english(text), left_in_english(text)[:5]


def test_the_check_would_catch_an_english_page():
    """Without the translations the same check fails: the English page is full of those sentences."""
    at = run(view="treaties")
    assert len(left_in_english(page_text(at))) >= 5


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_compare_in_the_readers_language_and_the_overlap_link(lang):
    at = run(view="compare", lang=lang)
    names = {"es": "Perú\nViet Nam\nCorea del Sur\nAtlántida", "fr": "Pérou\nViet Nam\nCorée du Sud\nAtlantide"}
    at.text_area(key="compare_text").set_value(names[lang])
    at.button[0].click().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    both, only_list, unknown = {"es": ("En ambas", "Solo en su lista", "No reconocidos"),
                                "fr": ("Dans les deux", "Seulement dans votre liste", "Non reconnus")}[lang]
    assert (metrics[both], metrics[only_list], metrics[unknown]) == ("2", "1", "1")
    why = frame_with(at, {"es": "Motivo", "fr": "Motif"}[lang])
    assert why.iloc[0, 1].startswith({"es": "Ningún país se llama", "fr": "Aucun pays ne s’appelle"}[lang])
    assert not left_in_english(page_text(at)), left_in_english(page_text(at))[:5]
    at.button(key="compare-to-map").click().run()
    assert at.query_params["list"] in ("PER.VNM.KOR", ["PER.VNM.KOR"])
    spec = map_spec(at)
    legend = world.map_legend(spec)
    assert i18n.translator(lang)(compare.CATEGORY_WORDS["only the list"]) in legend


@pytest.mark.parametrize(("lang", "error"), [("es", "La lista del enlace"), ("fr", "La liste du lien")])
def test_a_bad_list_in_the_link_is_refused_in_the_language(lang, error):
    at = run(color="compare", list="<script>alert(1)</script>", lang=lang)
    assert any(error in w.value for w in at.warning), [w.value for w in at.warning]
