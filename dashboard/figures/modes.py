"""What the map can be coloured by: a category per country (ColorMode: UN M49 regions, each treaty's
status, a role in a regional process, a compared list) or a quantity per country (ScaleMode; the
migration indicators build theirs in dashboard/figures/migration.py). No Streamlit, no I/O."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.config import N_, NOT_SIGNATORY, PALETTE
from dashboard.core import i18n
from dashboard.core.collation import collation_key
from dashboard.core.compare import CATEGORIES, CATEGORY_WORDS, COLOURS, CompareResult
from dashboard.core.processes import (
    INTER_REGIONAL_MARK,
    NOT_LISTED,
    PROCESSES,
    ROLE_COLOURS,
    ROLES,
    founded_text,
    label,
    role_word,
)
from dashboard.core.summary import category_order
from dashboard.core.text import slug
from dashboard.core.treaties import (
    LIMA_DATE,
    STATUS_COLOURS,
    STATUS_WORDS,
    STATUSES,
    TreatyRecord,
    action_word,
    confidence_words,
    day,
    status_table,
)
from dashboard.core.treaty_names import TREATIES, treaty_name
from dashboard.core.votes import RESOLUTIONS, VOTE_WORDS, VOTES, vote_counts


@dataclass(frozen=True)
class ColorMode:
    key: str  # the URL value, e.g. "region" or "icrmw-lima"
    label: str  # what the selector shows
    values: dict[str, str]  # iso3 -> category, for every one of the 24
    categories: tuple[str, ...]  # legend order
    colours: dict[str, str]  # category -> colour
    note: str = ""  # source and caveats, shown under the map
    hover: dict[str, str] = field(default_factory=dict)  # iso3 -> extra hover line (dates...)
    group: str = N_("Regions")  # where the colour menu lists it (English; translated when shown)


@dataclass(frozen=True)
class ScaleMode:
    """A quantity for every country, shaded on a sequential scale (log where it spans decades)."""

    key: str  # the URL value, e.g. "emigrants"
    label: str  # what the selector and the hover show, e.g. "Emigrants living abroad, 2020"
    values: dict[str, float | None]  # iso3 -> value, any country; missing = no data
    unit: str  # the colour bar's title, with the unit ("people", "US$", "% of GDP")
    format: Callable[[float], str]  # a value as a reader reads it ("10.9 million")
    colourscale: tuple[str, ...]  # low -> high, colour-blind safe
    log: bool = False
    zero_based: bool = True  # a linear scale starts at 0
    note: str = ""
    hover: dict[str, str] = field(default_factory=dict)
    group: str = N_("Migration")
    short: Callable[[float], str] | None = None  # tick labels ("10M"); `format` when None


def palette_colours(categories: tuple[str, ...]) -> dict[str, str]:
    """Okabe-Ito colours in category order."""
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}


def region_mode(signatories: pd.DataFrame, column: str, key: str, label: str) -> ColorMode:
    """Colour by an M49 level (`region` or `sub_region`), in a stable order over all 24."""
    categories = tuple(category_order(signatories, column))
    return ColorMode(key=key, label=label, values=dict(zip(signatories["iso3"], signatories[column])),
                     categories=categories, colours=palette_colours(categories))




def base_modes(signatories: pd.DataFrame) -> dict[str, ColorMode]:
    modes = [region_mode(signatories, "region", "region", N_("UN M49 region")),
             region_mode(signatories, "sub_region", "sub_region", N_("UN M49 sub-region"))]
    return {m.key: m for m in modes}


# The two dates of every treaty mode: the Lima date, and the latest known (the UN list's date).
WHEN_KEYS = ("lima", "latest")
NEITHER = N_("in neither")  # the compare map: every other country


def when_label(when_key: str, as_of: pd.Timestamp, lang: str = "en") -> str:
    """'At Lima, 16 May 2006' or 'Latest known: UN list of 26 Oct 2014'."""
    _ = i18n.translator(lang)
    if when_key == "lima":
        return _("At Lima, {date}").format(date=day(LIMA_DATE, lang))
    return _("Latest known: UN list of {date}").format(date=day(as_of, lang))


# A list copied from the UN's site on an unknown day is read as of its latest action; the day it
# was copied by (data/datapackage.json, data/raw/untc-18-12-a-2023.csv: "as_of_note").
SCRAPED_BY = {"UNTOC-TIP": pd.Timestamp("2023-06-12")}


def list_date(treaty: str, as_of: pd.Timestamp, lang: str = "en") -> str:
    """The date of a treaty's UN list as a reader needs it: '3 Feb 2026', or '4 Nov 2022 (scraped
    by 12 Jun 2023)' for a list whose copy is not dated."""
    if treaty not in SCRAPED_BY:
        return day(as_of, lang)
    _ = i18n.translator(lang)
    return _("{date} (scraped by {scraped})").format(
        date=day(as_of, lang), scraped=day(SCRAPED_BY[treaty], lang))


def treaty_short(treaty: str, lang: str = "en") -> str:
    """The name a chart or a menu shows: 'ICRMW' in English; in Spanish and French the short
    labels are English acronyms, so a short descriptive name is used instead."""
    _ = i18n.translator(lang)
    shorts = {"ICRMW": N_("Migrant Workers Convention"), "UNTOC": N_("Organized Crime Convention"),
              "UNTOC-TIP": N_("Trafficking Protocol"), "UNTOC-SOM": N_("Smuggling Protocol")}
    return TREATIES[treaty][0] if lang == "en" else _(shorts[treaty])


def _hover(row: dict, as_of: pd.Timestamp, lang: str) -> str:
    _ = i18n.translator(lang)
    parts = []
    if pd.notna(row["signature_date"]):
        parts.append(_("signed {date}").format(date=day(row["signature_date"], lang)))
    if pd.notna(row["consent_date"]):
        parts.append(_("{action} {date}").format(action=action_word(row["consent_kind"], lang),
                                                 date=day(row["consent_date"], lang)))
    lines = ["; ".join(parts) or _("no signature, ratification or accession in the UN list")]
    lines.append(_("UN Treaty Collection list as of {date}").format(date=day(as_of, lang)))
    if row["uncertain"]:
        lines.append(_("Uncertain: {reason}").format(reason=row["reason"]))
    return "<br>".join(lines)


def treaty_mode(record: TreatyRecord, treaty: str, when_key: str,
                signatories: list[str] | None = None, lang: str = "en") -> ColorMode:
    """Colour every state by its status under `treaty` at Lima or at the latest known date."""
    _ = i18n.translator(lang)
    short, full, chapter = TREATIES[treaty]
    name = full if lang == "en" else treaty_name(treaty, lang)
    as_of = record.as_of[treaty]
    table = status_table(record, LIMA_DATE if when_key == "lima" else None, lang=lang)
    part = table[table["treaty"] == treaty]
    rows = part.to_dict("records")
    words = {s: _(STATUS_WORDS[s]) for s in STATUSES}
    values = {r["iso3"]: words[r["status"]] for r in rows}
    hover = {r["iso3"]: _hover(r, min(r["as_of"], as_of), lang) for r in rows}
    categories = tuple(words[s] for s in STATUSES if words[s] in values.values())
    mine = set(signatories or [])
    uncertain = [r for r in rows if r["uncertain"] and (not mine or r["iso3"] in mine)]
    when = when_label(when_key, as_of, lang)
    note = _("{name} ({short}). {when}. Every state is coloured; the 24 signatories are outlined.").format(
        name=name, short=treaty_short(treaty, lang), when=when)
    note += " " + _("Chapter {chapter} of the UN Treaty Collection, list as of {date}.").format(
        chapter=chapter.removeprefix("chapter "), date=list_date(treaty, as_of, lang))
    if uncertain:
        note += " " + _("Signatories that acted later according to other sources, not yet checked against the "
                        "UN record: {count}, shown as “{status}”, with the source in the hover.").format(
            count=len(uncertain), status=words["party (later report)"])
    return ColorMode(key=treaty_mode_key(treaty, when_key), label=f"{treaty_short(treaty, lang)}: {when}",
                     values=values, categories=categories,
                     colours={words[s]: STATUS_COLOURS[s] for s in STATUSES if words[s] in categories},
                     note=note, hover=hover, group=N_("Treaties"))


def rcp_mode(memberships: pd.DataFrame, process: str, signatories: pd.DataFrame, lang: str = "en") -> ColorMode:
    """Colour the 24 by their role in `process`; none recorded = NOT_LISTED."""
    _ = i18n.translator(lang)
    iso3s = list(signatories["iso3"])
    part = memberships[memberships["process"] == process]
    roles = part.groupby("iso3")["role"].agg(lambda r: sorted(set(r), key=ROLES.index)[0])
    words = {r: role_word(r, lang) for r in (*ROLES, NOT_LISTED)}
    values = {iso3: words[roles.get(iso3, NOT_LISTED)] for iso3 in iso3s}
    hover = {}
    for r in part.to_dict("records"):
        line = r["role_text"] if lang == "en" else role_word(r["role"], lang)
        if r["joined"]:
            line += "; " + _("joined {when}").format(when=r["joined"])
        hover[r["iso3"]] = f"{line} ({confidence_words(r['confidence'], lang)})"
    years = part["founded_year"].dropna().unique()
    founded = (founded_text(process, int(years[0]), lang) if len(years) == 1
               else _("founding year not verified"))
    cited = part["source_url"].str.contains(INTER_REGIONAL_MARK, case=False).any()
    note = f"{PROCESSES[process]}: {founded}."
    if part["founded_after_lima"].any():
        note += " " + _("A role in it is not a status at the time of the Lima meeting.")
    if cited:
        note += " " + _("IOM classes it as an inter-regional forum.")
    note += " " + _("“{none}”: no role found in the sources, not a verified non-membership.").format(
        none=words[NOT_LISTED])
    categories = tuple(words[c] for c in (*ROLES, NOT_LISTED) if words[c] in values.values())
    return ColorMode(key=f"rcp-{slug(process)}",
                     label=_("Regional process: {name}").format(name=label(process)), values=values,
                     categories=categories,
                     colours={words[c]: ROLE_COLOURS[c] for c in (*ROLES, NOT_LISTED) if words[c] in categories},
                     note=note, hover=hover, group=N_("Regional processes"))


def treaty_mode_key(treaty: str, when_key: str) -> str:
    """The URL value of a treaty colouring mode, e.g. ("UNTOC-SOM", "lima") -> "untoc-som-lima"."""
    return f"{slug(treaty)}-{when_key}"


def context_modes(signatories: pd.DataFrame, record: TreatyRecord, memberships: pd.DataFrame,
                  lang: str = "en") -> dict[str, ColorMode]:
    """Treaty modes (each treaty at Lima and latest known) and one mode per process, keyed by key."""
    iso3s = list(signatories["iso3"])
    modes = [treaty_mode(record, treaty, when, iso3s, lang) for treaty in TREATIES for when in WHEN_KEYS]
    modes += [rcp_mode(memberships, p, signatories, lang) for p in PROCESSES if p in set(memberships["process"])]
    return {m.key: m for m in modes}


def compare_mode(result: CompareResult, lang: str = "en", world: Iterable[str] = ()) -> ColorMode:
    """Colour the visitor's list against the 24: in both, only among the 24, only in the list
    (any country), and every other country of `world` (map ids) "in neither"."""
    _ = i18n.translator(lang)
    world = list(world)
    words = {c: _(CATEGORY_WORDS[c]) for c in CATEGORIES}
    inputs = dict(zip(result.matched["iso3"], result.matched["input_name"]))
    values = {iso3: _(NEITHER) for iso3 in world}
    values |= {iso3: words["only the list"] for iso3 in result.only_list}
    values |= {iso3: words["both" if iso3 in inputs else "only Lima"] for iso3 in result.lima_names}
    # User text: escaped, since plotly renders tags in hover labels.
    hover = {iso3: _("in your list as: {name}").format(name=html.escape(inputs[iso3][:80]))
             for iso3 in [*result.both, *result.only_list]}
    c = result.counts
    note = _("Your list. Names: {names}; countries recognised: {matched}; not recognised: {unmatched}. "
             "Signatories in it: {both} of {signatories}; countries only in your list: {only_list}.").format(
        **{k: i18n.format_number(v, lang) for k, v in c.items()})
    categories = (*(words[k] for k in CATEGORIES), *([_(NEITHER)] if world else []))
    colours = {words[k]: COLOURS[k] for k in CATEGORIES} | {_(NEITHER): NOT_SIGNATORY}
    return ColorMode(key="compare", label=_("Compared with your list"), values=values, categories=categories,
                     colours=colours, note=note, hover=hover, group=N_("Your list"))


# The map's colourings by a recorded vote of the General Assembly: URL value -> resolution.
VOTE_MODES = {"gcm-vote": "73/195", "imrf-vote": "73/326"}
VOTE_LABELS = {"73/195": N_("Vote on the Global Compact for Migration (73/195, December 2018)"),
               "73/326": N_("Vote on the format of the review forums (73/326, July 2019)")}
VOTE_COLOURS = {"yes": PALETTE[0], "no": PALETTE[5], "abstain": PALETTE[6], "non-voting": PALETTE[3]}
NOT_MEMBER = N_("no recorded vote (not a UN member state)")
COMPACT = N_("The Global Compact")


def vote_sentence(votes: pd.DataFrame, resolution: str, signatories: list[str], lang: str = "en") -> str:
    """The world's totals and the 24's, naming the signatories that did not vote in favour."""
    _ = i18n.translator(lang)
    world = vote_counts(votes, resolution)
    ours = vote_counts(votes, resolution, signatories)
    rows = votes[(votes["resolution"] == resolution) & votes["iso3"].isin(signatories)]

    def who(vote: str) -> str:
        names = sorted((i18n.country_name(c, lang) for c in rows.loc[rows["vote"] == vote, "iso3"]),
                       key=lambda name: collation_key(name, lang))
        return f" ({', '.join(names)})" if names else ""

    res = RESOLUTIONS[resolution]
    counts = {f"{prefix}{v.replace('-', '_')}": i18n.format_number(n, lang)
              for prefix, found in (("", world), ("our_", ours)) for v, n in found.items()}
    return _("The General Assembly's recorded vote on resolution {symbol} ({title}), {date}: {yes} in favour, "
             "{no} against, {abstain} abstained, {non_voting} did not vote. The {n} signatories: {our_yes} in "
             "favour, {our_no} against, {our_abstain} abstained{abstained}, {our_non_voting} did not "
             "vote{absent}.").format(
        symbol=res.symbol.removeprefix("A/RES/"), title=_(res.title), date=day(res.date, lang),
        n=i18n.format_number(len(signatories), lang), abstained=who("abstain"), absent=who("non-voting"), **counts)


def vote_mode(votes: pd.DataFrame, key: str, signatories: list[str], world: Iterable[str] = (),
              lang: str = "en") -> ColorMode:
    """Every member state by its recorded vote on the resolution of VOTE_MODES[key]; every other
    country of `world` (map ids) has no recorded vote (not a member state)."""
    _ = i18n.translator(lang)
    resolution = VOTE_MODES[key]
    words = {v: _(VOTE_WORDS[v]) for v in VOTES}
    rows = votes[votes["resolution"] == resolution]
    values = dict.fromkeys(world, _(NOT_MEMBER)) | {c: words[v] for c, v in zip(rows["iso3"], rows["vote"])}
    return ColorMode(key=key, label=_(VOTE_LABELS[resolution]), values=values,
                     categories=(*words.values(), _(NOT_MEMBER)),
                     colours={words[v]: VOTE_COLOURS[v] for v in VOTES} | {_(NOT_MEMBER): NOT_SIGNATORY},
                     note=vote_sentence(votes, resolution, signatories, lang) + " " + _(
                         "Every member state is coloured; the 24 signatories are outlined."), group=COMPACT)
