"""The page's languages: complete catalogs, intact placeholders, CLDR/UN names, numbers, dates."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po

from dashboard.core import i18n, names, treaty_names
from dashboard.core.provenance import DataFileError
from dashboard.core.treaty_names import TREATIES

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "dashboard" / "locales"
# {name}, {count:,}, %(name)s, %s, %d: every placeholder a message may carry.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]+\)[sdif]|%[sdif]")
NB, NNB = "\u00a0", "\u202f"


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def areas() -> dict[str, list[str]]:
    """Area -> its source files, as scripts/build/i18n.sh declares them."""
    text = (ROOT / "scripts" / "build" / "i18n.sh").read_text(encoding="utf-8")
    return {name: files.split() for name, files in re.findall(r'^  \[(\w+)\]="([^"]*)"', text, re.M)}


def _messages(path: Path) -> set[str]:
    found = set()
    with path.open("rb") as handle:
        for _, _, message, _ in extract_python(handle, ["_", "N_"], [], {}):
            if message:  # _(variable) has no literal message to collect
                found.update([message] if isinstance(message, str) else [m for m in message if m])
    return found


def _source_messages(files: list[str] | None = None) -> set[str]:
    """Every message the code marks with _() or N_() today (what pybabel extract would collect)."""
    paths = [ROOT / f for f in files] if files is not None else sorted((ROOT / "dashboard").rglob("*.py"))
    return set().union(*(_messages(p) for p in paths if p.exists()))


def catalog_problems(po_path: Path, wanted: set[str]) -> list[str]:
    """Messages missing, untranslated, fuzzy, or whose translation breaks a placeholder."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    problems = [f"missing: {message!r}" for message in sorted(wanted - {m.id for m in catalog})]
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated or fuzzy: {ids[0]!r}")
            continue
        for string in strings:
            if _placeholders(string) != _placeholders(ids[-1] if len(strings) > 1 else ids[0]):
                problems.append(f"placeholders differ: {ids[0]!r} -> {string!r}")
    return problems


@pytest.mark.parametrize("lang", ["es", "fr"])
@pytest.mark.parametrize("area", sorted(areas()))
def test_every_message_of_the_page_is_translated_with_its_placeholders(lang: str, area: str) -> None:
    wanted = _source_messages(areas()[area])
    if area == "messages":
        assert "Language" in wanted and len(wanted) >= 3
    problems = catalog_problems(LOCALES / lang / "LC_MESSAGES" / f"{area}.po", wanted)
    assert not problems, f"run bash scripts/build/i18n.sh all {area}, then translate:\n" + "\n".join(problems)


def test_every_file_that_marks_messages_belongs_to_one_area() -> None:
    listed = [f for files in areas().values() for f in files]
    assert len(listed) == len(set(listed)), "a file is in two areas"
    marking = {str(p.relative_to(ROOT)) for p in (ROOT / "dashboard").rglob("*.py") if _messages(p)}
    assert marking <= set(listed), f"files with messages in no area of scripts/build/i18n.sh: {marking - set(listed)}"
    assert _source_messages() == _source_messages(listed)


def test_the_check_catches_a_missing_a_fuzzy_and_a_broken_translation(tmp_path: Path) -> None:
    po = tmp_path / "messages.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello {name}"\nmsgstr "Hola {nombre}"\n\n'
        'msgid "%(count)s countries"\nmsgstr "%(count)s países"\n\n'
        '#, fuzzy\nmsgid "Map"\nmsgstr "Mapa"\n\n'
        'msgid "Timeline"\nmsgstr ""\n', encoding="utf-8")
    problems = catalog_problems(po, {"Hello {name}", "Map", "Timeline", "Sources"})
    assert problems == ["missing: 'Sources'", "placeholders differ: 'Hello {name}' -> 'Hola {nombre}'",
                        "untranslated or fuzzy: 'Map'", "untranslated or fuzzy: 'Timeline'"]


def test_translator_reads_the_catalogs() -> None:
    assert i18n.translator("es")("Language") == "Idioma"
    assert i18n.translator("fr")("Language") == "Langue"
    assert i18n.translator("en")("Language") == "Language"
    assert i18n.translator("es")("A sentence nobody wrapped") == "A sentence nobody wrapped"
    message = i18n.translator("fr")("No country is called {name}. Did you mean: {choices}?")
    assert message.format(name="'Corea'", choices="Corée du Sud (KOR)") == (
        f"Aucun pays ne s’appelle 'Corea'. Vouliez-vous dire{NB}: Corée du Sud (KOR){NNB}?")
    with pytest.raises(ValueError, match="'de'"):
        i18n.translator("de")


def test_a_broken_catalog_names_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "es" / "LC_MESSAGES" / "messages.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "Language"\nmsgstr "Idioma"\nnot a po line\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    monkeypatch.setattr(i18n, "ROOT", tmp_path.parent)
    i18n.catalog.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"es/LC_MESSAGES/messages\.po"):
            i18n.catalog("es")
        with pytest.raises(DataFileError, match=r"fr/LC_MESSAGES/messages\.po.*missing"):
            i18n.catalog("fr")  # no file at all
    finally:
        monkeypatch.undo()
        i18n.catalog.cache_clear()
    assert i18n.translator("es")("Language") == "Idioma"


@pytest.mark.parametrize(("value", "lang"), [
    ("es", "es"), ("FR", "fr"), (" en ", "en"), ("es-PE", "es"), ("fr_CA", "fr"), ("de", None),
    ("", None), ("español", None), ("e", None), (None, None), (["es"], None), ("es;fr", None),
])
def test_pick_language(value: object, lang: str | None) -> None:
    assert i18n.pick_language(value) == lang


@pytest.mark.parametrize(("lang", "number", "compact", "day", "days", "months"), [
    ("en", "1,234,567.5", "10.6 million", "16 May 2006", "15–16 May 2006", "15 May – 14 Sept 2006"),
    ("es", "1.234.567,5", "10,6 millones", "16 de mayo de 2006", "15–16 de mayo de 2006",
     "15 de mayo – 14 de septiembre de 2006"),
    ("fr", f"1{NNB}234{NNB}567,5", "10,6 millions", "16 mai 2006", "15–16 mai 2006",
     "15 mai – 14 sept. 2006"),
])
def test_numbers_and_dates(lang, number, compact, day, days, months) -> None:
    assert i18n.format_number(1_234_567.5, lang) == number
    assert i18n.format_compact(10_600_000, lang) == compact
    assert i18n.format_date(dt.date(2006, 5, 16), lang) == day
    assert i18n.format_date_range(dt.date(2006, 5, 15), dt.date(2006, 5, 16), lang) == days
    assert i18n.format_date_range(dt.date(2006, 5, 15), dt.date(2006, 9, 14), lang) == months


def test_number_details() -> None:
    assert i18n.format_number(22.7, "es", digits=1) == "22,7"
    assert i18n.format_number(3, "fr", digits=2) == "3,00"
    assert i18n.format_number(1234, "en", digits=0) == "1,234"
    assert i18n.format_compact(22_700_000_000, "en") == "22.7 billion"
    assert i18n.format_compact(1_000_000, "es") == "1 millón"


@pytest.mark.parametrize(("iso3", "en", "es", "fr"), [
    ("PER", "Peru", "Perú", "Pérou"), ("DZA", "Algeria", "Argelia", "Algérie"),
    ("DOM", "Dominican Republic", "República Dominicana", "République dominicaine"),
    ("ZAF", "South Africa", "Sudáfrica", "Afrique du Sud"),
    ("CIV", "Côte d'Ivoire", "Côte d’Ivoire", "Côte d’Ivoire"),
    ("BOL", "Bolivia", "Bolivia", "Bolivie"), ("KOR", "South Korea", "Corea del Sur", "Corée du Sud"),
])
def test_country_names(iso3: str, en: str, es: str, fr: str) -> None:
    assert [i18n.country_name(iso3, lang) for lang in i18n.LANGUAGES] == [en, es, fr]


def test_every_country_has_a_cldr_name_and_every_name_resolves_back() -> None:
    import pycountry

    for country in pycountry.countries:
        for lang in ("es", "fr"):
            name = i18n.country_name(country.alpha_3, lang)
            assert names.to_iso3(name) == country.alpha_3, (name, lang)
    assert i18n.country_name("XKX", "es") == "XKX"  # no ISO country: shown as given


@pytest.mark.parametrize(("code", "en", "es", "fr"), [
    ("419", "Latin America and the Caribbean", "América Latina y el Caribe", "Amérique latine et Caraïbes"),
    ("035", "South-eastern Asia", "Asia sudoriental", "Asie du Sud-Est"),
    ("053", "Australia and New Zealand", "Australia y Nueva Zelandia", "Australie et Nouvelle-Zélande"),
    ("002", "Africa", "África", "Afrique"), (5, "South America", "América del Sur", "Amérique du Sud"),
])
def test_region_names_are_the_uns(code, en: str, es: str, fr: str) -> None:
    assert [i18n.region_name(code, lang) for lang in i18n.LANGUAGES] == [en, es, fr]


def test_every_m49_region_of_the_data_has_spanish_and_french_names() -> None:
    with open(ROOT / "data" / "m49.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pairs = {(row[f"{level}_code"], row[level]) for row in rows
             for level in ("region", "sub_region", "intermediate_region") if row[f"{level}_code"]}
    assert len(pairs) == 29
    for code, english in pairs:
        assert i18n.region_name(code, "en") == english
        for lang in ("es", "fr"):  # the UN's own name, not a fallback
            assert (code, lang) in i18n._regions()
            assert i18n.region_name_for(english, lang) == i18n._regions()[code, lang]
    assert i18n.region_name_for("Atlantis", "es") == "Atlantis"
    with pytest.raises(KeyError):
        i18n.region_name("999", "es")


def test_treaty_and_declaration_names() -> None:
    for key in TREATIES:
        assert treaty_names.treaty_name(key, "en") == TREATIES[key][1]
    assert treaty_names.treaty_name("ICRMW", "es") == (
        "Convención Internacional sobre la protección de los derechos de todos los trabajadores "
        "migratorios y de sus familiares")
    assert treaty_names.treaty_name("ICRMW", "fr") == (
        "Convention internationale sur la protection des droits de tous les travailleurs migrants "
        "et des membres de leur famille")
    assert i18n.LIMA_DECLARATION == {"en": "Lima Declaration", "es": "Declaración de Lima",
                                     "fr": "Déclaration de Lima"}


def test_the_glossary_holds_every_fixed_name() -> None:
    glossary = (ROOT / "docs" / "GLOSSARY.md").read_text(encoding="utf-8")
    fixed = [*i18n.LIMA_DECLARATION.values(),
             *(name for names_ in treaty_names.TREATY_NAMES.values() for name in names_.values()),
             *(name for names_ in i18n.TERMS.values() for name in names_.values())]
    missing = [name for name in fixed if f"| {name} |" not in glossary]
    assert not missing, missing


@pytest.mark.parametrize(("name", "lang", "sentence"), [
    ("Corea", "es", "Ningún país se llama 'Corea'. ¿Quiso decir: Corea del Sur (KOR), Corea del Norte (PRK)?"),
    ("Corea", "en", "No country is called 'Corea'. Did you mean: South Korea (KOR), North Korea (PRK)?"),
    ("San Martin", "fr", f"'San Martin' peut désigner plus d’un pays{NB}: Saint-Martin (MAF), "
                         "Saint-Martin (partie néerlandaise) (SXM)"),
    ("Atlantis", "fr", "Aucun pays ne s’appelle 'Atlantis'."),
])
def test_unresolved_names_are_worded_in_the_readers_language(name: str, lang: str, sentence: str) -> None:
    with pytest.raises(LookupError) as caught:
        names.to_iso3(name, lang=lang)
    assert i18n.describe_name_error(caught.value, lang) == sentence
