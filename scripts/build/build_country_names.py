"""Rebuild the Spanish and French country and region name tables from pinned inputs.

usage: python scripts/build/build_country_names.py [--check]
Inputs (see data/datapackage.json):
  data/raw/country-codes-caa72d1-UNSD-{es,fr}.csv  UN M49 tables in Spanish and French, as the
      UN Statistics Division publishes them (https://unstats.un.org/unsd/methodology/m49/overview/),
      copied by datasets/country-codes (ODC-PDDL) with one row of its own (Taiwan) that is dropped;
  data/raw/country-codes-caa72d1-country-codes.csv  its UNTERM columns: the UN Protocol and
      Liaison Service's short and formal names of member and observer states;
  Babel 2.19.0 (CLDR territory names for es, es_419, fr, fr_CA) and pycountry 26.2.16
      (the iso-codes project's Spanish and French ISO 3166-1 names), both pinned in requirements.txt.
Outputs: data/country_names_i18n.csv (iso3, lang, name, sources) and data/m49_regions_i18n.csv
(m49_code, lang, name, source). --check rebuilds in memory and exits 1 if either file differs.
"""

from __future__ import annotations

import csv
import gettext
import io
import re
import sys
from pathlib import Path

import babel
import pycountry
from babel import Locale
from derive import write_or_check  # scripts/build/derive.py, beside this file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dashboard.core import names  # noqa: E402  (English resolver, to check the UNTERM join)

RAW = ROOT / "data" / "raw"
M49_CSV = ROOT / "data" / "m49.csv"
UNSD = {lang: RAW / f"country-codes-caa72d1-UNSD-{lang}.csv" for lang in ("es", "fr")}
UNTERM = RAW / "country-codes-caa72d1-country-codes.csv"
NAMES_CSV = ROOT / "data" / "country_names_i18n.csv"
REGIONS_CSV = ROOT / "data" / "m49_regions_i18n.csv"
LANGS = ("es", "fr")
CLDR_LOCALES = {"es": ("es", "es_419"), "fr": ("fr", "fr_CA")}
# The order in which a name's sources are listed (the UN's own first).
SOURCES = ("un-m49", "unterm-short", "unterm-formal", "cldr", "cldr-es_419", "cldr-fr_CA",
           "iso-codes")
EXPECTED_BABEL, EXPECTED_PYCOUNTRY_SAMPLE = "2.19.0", "Bolivia, Estado plurinacional de"
# Rows the copy added to the UN's table; the build fails if any other row is unknown.
NOT_IN_M49 = {"158"}
_MARKERS = re.compile(r"\s*\*+\s*$")  # UNTERM marks observers "*" and Cook Islands/Niue "**"


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _clean(name: str) -> str:
    return " ".join(_MARKERS.sub("", name).split())


def un_m49(m49_iso3: dict[str, str]) -> tuple[list[tuple], list[tuple]]:
    """(iso3, lang, name, source) and (m49_code, lang, name, source) rows from the UN tables."""
    countries, regions = [], {}
    for lang in LANGS:
        rows = _csv(UNSD[lang])
        extra = {row["M49 Code"] for row in rows} - set(m49_iso3)
        missing = set(m49_iso3) - {row["M49 Code"] for row in rows}
        if extra != NOT_IN_M49 or missing:
            sys.exit(f"{UNSD[lang]}: unexpected rows {sorted(extra)}, missing {sorted(missing)}")
        for row in rows:
            if row["M49 Code"] in NOT_IN_M49:
                continue
            if row["ISO-alpha3 Code"] != m49_iso3[row["M49 Code"]]:
                sys.exit(f"{UNSD[lang]}: M49 {row['M49 Code']} is {row['ISO-alpha3 Code']}, "
                         f"data/m49.csv says {m49_iso3[row['M49 Code']]}")
            if row["ISO-alpha3 Code"]:  # Sark (680) has no ISO code
                countries.append((row["ISO-alpha3 Code"], lang, _clean(row["Country or Area"]),
                                  "un-m49"))
            for code, name in (("Region Code", "Region Name"), ("Sub-region Code", "Sub-region Name"),
                               ("Intermediate Region Code", "Intermediate Region Name")):
                if row[code]:
                    seen = regions.setdefault((row[code], lang), row[name])
                    if seen != row[name]:
                        sys.exit(f"{UNSD[lang]}: region {row[code]} named {seen!r} and {row[name]!r}")
    region_rows = [(code, lang, name, "un-m49") for (code, lang), name in regions.items()]
    return countries, region_rows


def unterm() -> list[tuple]:
    """Short and formal names; a row whose English name is not its own country's is refused."""
    out = []
    for row in _csv(UNTERM):
        english, iso3 = _clean(row["UNTERM English Short"]), row["ISO3166-1-Alpha-3"]
        if not english:
            continue
        resolved = set(names._lookup_english(english))
        if resolved != {iso3}:  # the copy joined the UN's list to ISO rows by fuzzy matching
            sys.exit(f"{UNTERM}: UNTERM name {english!r} sits on the row of {iso3} ({resolved})")
        for lang, language in (("es", "Spanish"), ("fr", "French")):
            for kind in ("Short", "Formal"):
                if value := _clean(row[f"UNTERM {language} {kind}"]):
                    out.append((iso3, lang, value, f"unterm-{kind.lower()}"))
    return out


def cldr() -> list[tuple]:
    """CLDR names of the territories that have an ISO 3166-1 code (not EU, UN, XK, regions)."""
    if babel.__version__ != EXPECTED_BABEL:
        sys.exit(f"Babel {babel.__version__} is installed; the table is built with {EXPECTED_BABEL}")
    out = []
    for lang, locales in CLDR_LOCALES.items():
        for locale in locales:
            source = "cldr" if locale == lang else f"cldr-{locale}"
            for code, name in Locale.parse(locale).territories.items():
                country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
                if country:
                    out.append((country.alpha_3, lang, name, source))
    return out


def iso_codes() -> list[tuple]:
    """pycountry's own translations (the iso-codes project) of ISO names."""
    out = []
    for lang in LANGS:
        catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        if lang == "es" and catalog.gettext("Bolivia, Plurinational State of") != EXPECTED_PYCOUNTRY_SAMPLE:
            sys.exit("pycountry's Spanish catalog is not the pinned one")
        for country in pycountry.countries:
            for attribute in ("name", "official_name", "common_name"):
                english = getattr(country, attribute, None)
                translated = catalog.gettext(english) if english else ""
                if translated and translated != english:
                    out.append((country.alpha_3, lang, translated, "iso-codes"))
    return out


def build() -> tuple[str, str]:
    m49_iso3 = {row["m49_code"]: row["iso3"] for row in _csv(M49_CSV)}
    countries, regions = un_m49(m49_iso3)
    merged: dict[tuple[str, str, str], set[str]] = {}
    for iso3, lang, name, source in [*countries, *unterm(), *cldr(), *iso_codes()]:
        merged.setdefault((iso3, lang, name), set()).add(source)
    names_out = io.StringIO()
    writer = csv.writer(names_out, lineterminator="\n")
    writer.writerow(["iso3", "lang", "name", "sources"])
    for key in sorted(merged):
        writer.writerow([*key, ";".join(s for s in SOURCES if s in merged[key])])
    regions_out = io.StringIO()
    writer = csv.writer(regions_out, lineterminator="\n")
    writer.writerow(["m49_code", "lang", "name", "source"])
    writer.writerows(sorted(regions))
    return names_out.getvalue(), regions_out.getvalue()


def main(argv: list[str]) -> int:
    return write_or_check(dict(zip((NAMES_CSV, REGIONS_CSV), build(), strict=True)), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
