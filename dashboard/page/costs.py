"""The migration tab's section on what it costs to send money home to the 24 ("cheaper, faster and
safer"): the 24 in 2011 and 2020, one signatory's corridors, the share of corridors above 5%, the
downloads; and the profile's line on it."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from dashboard.core import collation, costs, i18n, package, sources
from dashboard.core.package import Table
from dashboard.figures import costs as cost_figures
from dashboard.figures import formats
from dashboard.page import credits, language, store, urlstate
from dashboard.page.frame import Page
from dashboard.page.language import _

COST_FILE, CORRIDOR_FILE = costs.COSTS, costs.CORRIDOR_COSTS
THEN, NOW = cost_figures.YEARS  # 2011 (no data before), 2020


def _pct(value: float | None) -> str:
    return cost_figures.pct(value, language.current())


def _share(share: costs.Share) -> str:
    """'76% (71 of 93)'."""
    return _("{share} ({above} of {corridors})").format(
        share=formats.percent(share.share_pct, language.current(), 0), above=share.above, corridors=share.corridors)


def show(page: Page) -> None:
    """The section, after the remittances: the 24, then one signatory's corridors, then downloads."""
    lang = language.current()
    st.markdown("### " + _("What it costs to send money home"))
    st.markdown(_("How much cheaper did transfers get? The World Bank's Remittance Prices Worldwide measures the "
                  "cost of sending money: the fee plus the exchange-rate margin on US$200, as a share of the "
                  "amount. The world later set a target (SDG 10.c): under 3% on average by 2030, and no corridor "
                  "above 5%. The measures start in 2011, five years after Lima: there are no earlier data to "
                  "compare with."))
    change, shares, mexico = store.cost_summary(page.root)
    now = list(zip(change.table["iso3"], change.table["cost_now"]))  # costliest first; all 24 have both years
    cheap = [i18n.country_name(c, lang) for c, v in now if v < costs.TARGET_PCT]
    st.markdown(_("From {then} to {now}, sending money got cheaper to **{cheaper} of the {n}**. In {now}, it cost "
                  "under 3% on average to **{target}** of them ({names}) and under 5% to **{ceiling}**; the "
                  "dearest, {dearest}, cost {cost}.").format(
        then=THEN, now=NOW, cheaper=change.cheaper, n=len(now) - len(change.missing), target=change.under_target,
        names=", ".join(cheap) or _("none"), ceiling=change.under_ceiling,
        dearest=i18n.country_name(now[0][0], lang), cost=_pct(now[0][1])))
    caption = credits.draw(page, "cost-change", options={"lang": (lang,)}, key="cost_change",
                           alt=_("Dot chart: the cost of sending US$200 to each of the 24 in {then} and {now}, "
                                 "the 3% target and the 5% line drawn.").format(then=THEN, now=NOW))
    st.caption(caption + " " + _later_edition(mexico))
    st.button(_("Colour the map at the top of this tab by this cost"), key="cost_to_map", on_click=_to_map)
    corridors(page, shares)


def _later_edition(mexico: dict[str, float]) -> str:
    """The 2026 edition in words, never drawn: Mexico's value in both editions, from the data."""
    if not {costs.VINTAGE_2023, costs.VINTAGE_2026} <= mexico.keys():
        return ""
    return _("The World Bank's 2026 edition of this series (2016-2023) is revised down sharply, by a method it does "
             "not document, and sits far below its own corridor averages (Mexico, {year}: {new} against {old}): it "
             "is not drawn here, and never joined to the 2023 edition.").format(
        year=NOW, new=_pct(mexico[costs.VINTAGE_2026]), old=_pct(mexico[costs.VINTAGE_2023]))


def _to_map() -> None:
    st.session_state["mig_indicator"] = cost_figures.COST_KEY
    st.session_state["mig_year"] = str(NOW)  # not the previous indicator's year, which this one may lack
    urlstate.write_from_widgets()


def _pick() -> None:
    """The picker here and the corridors section's are one choice: the other one follows."""
    st.session_state["country"] = st.session_state.get("cost_country") or ""
    st.session_state.pop("mig_country", None)
    urlstate.write_from_widgets()


def corridors(page: Page, shares: tuple[costs.Share, ...]) -> None:
    lang = language.current()
    st.markdown("#### " + _("Corridors into one signatory"))
    sig = page.tables.signatories
    names = {c: i18n.country_name(c, lang) for c in sig["iso3"]}
    chosen = cost_figures.country_of(page.tables, {"country": (st.session_state.get("country") or "",)})
    ordered = sorted(names, key=lambda c: collation.collation_key(names[c], lang))
    st.session_state["cost_country"] = chosen
    st.selectbox(_("Signatory (the same as in the corridors above)"), ordered, format_func=lambda c: names[c],
                 key="cost_country", on_change=_pick, width=360)
    rows = store.corridors_into(page.root, chosen)
    country = cost_figures.in_text(chosen, lang)
    st.markdown(_corridor_sentence(rows, country, lang))
    options = {"country": (chosen,), "lang": (lang,)}
    caption = credits.draw(page, "cost-corridors", options=options, key="cost_corridors",
                           alt=_("Bar chart: the cost of each corridor into {country}, costliest first.").format(
                               country=country))
    st.caption(caption)
    credits.draw(page, "cost-trend", options=options, key="cost_trend",
                 alt=_("Line chart: the cost of each corridor into {country} over time.").format(country=country))
    hidden = max(0, len(rows) - cost_figures.SHOWN_LINES)
    st.caption(_("Solid lines: the World Bank's own corridor averages, 2011-2020 (twice a year until 2012, then "
                 "every quarter). Dotted lines: a third party's averages of the same survey's data, 2016-2025: "
                 "derived, not official; within 0.01 points of the official figure in 85% of the quarters both "
                 "have. The two are never joined into one line.")
               + (" " + _("The {n} costliest corridors are drawn; click a country in the legend to add one of the "
                          "{hidden} others.").format(n=cost_figures.SHOWN_LINES, hidden=hidden) if hidden else ""))
    first, latest, derived = shares
    st.markdown(_("Of the corridors into the 24 that the World Bank measured, {first} cost more than 5% in {q1} and "
                  "{latest} in {q2}. In the derived series, {derived} did in {q3}.").format(
        first=_share(first), q1=cost_figures.quarter_text(first.quarter, lang), latest=_share(latest),
        q2=cost_figures.quarter_text(latest.quarter, lang), derived=_share(derived),
        q3=cost_figures.quarter_text(derived.quarter, lang)))
    downloads(page, rows, chosen, lang)


def _corridor_sentence(rows: pd.DataFrame, country: str, lang: str) -> str:
    official = rows[rows["official_cost_pct"].notna()]  # a few rows, cached: no per-run filtering of the tables
    derived = rows[rows["derived_cost_pct"].notna()]
    parts = []
    if official.empty:
        parts.append(_("The World Bank measured no corridor into {country}.").format(country=country))
    else:
        top = official.iloc[0]
        text = (_("In {quarter}, the World Bank measured one corridor into {country}, from {sender}: it cost "
                  "{cost}.") if len(official) == 1 else
                _("In {quarter}, the World Bank measured {n} corridors into {country}; the dearest, from "
                  "{sender}, cost {cost}, and {above} of them cost more than 5%."))
        parts.append(text.format(
            quarter=cost_figures.quarter_text(str(top["official_quarter"]), lang), n=len(official), country=country,
            sender=cost_figures.in_text(str(top["partner_iso3"]), lang), cost=_pct(float(top["official_cost_pct"])),
            above=int((official["official_cost_pct"] > costs.CORRIDOR_CEILING_PCT).sum())))
    if derived.empty:
        parts.append(_("The derived series has no corridor into {country}.").format(country=country))
    else:
        parts.append(_("The derived series has {n} of them in {quarter}.").format(
            n=len(derived), quarter=cost_figures.quarter_text(str(derived["derived_quarter"].iloc[0]), lang)))
    return " ".join(parts)


def cost_table(page: Page, lang: str) -> pd.DataFrame:
    """The 24's cost in 2011 and 2020 (the 2023 edition), with names in `lang`: the CSV's columns."""
    table = store.cost_summary(page.root)[0].table
    return pd.DataFrame({
        "iso3": table["iso3"], "name": [i18n.country_name(c, lang) for c in table["iso3"]],
        f"cost_pct_{THEN}": table["cost_then"].round(4), f"cost_pct_{NOW}": table["cost_now"].round(4),
        "change_points": table["change"].round(4), "vintage": costs.VINTAGE_2023})


def _csv(page: Page, lang: str) -> bytes:
    return package.csv_bytes(cost_table(page, lang))


def downloads(page: Page, rows: pd.DataFrame, iso3: str, lang: str) -> None:
    left, right = st.columns(2)
    left.download_button(_("Download the 24's costs, {then} and {now} (CSV)").format(then=THEN, now=NOW),
                         partial(_csv, page, lang),  # made only when clicked: nothing on an ordinary rerun
                         file_name=package.csv_file_name(f"remittance_costs_{THEN}_{NOW}"), mime="text/csv",
                         on_click="ignore", key="cost_csv")
    country = cost_figures.in_text(iso3, lang)
    right.download_button(_("Download the corridors into {country} (CSV)").format(country=country),
                          partial(package.csv_bytes, rows), mime="text/csv", on_click="ignore", key="corridor_csv",
                          file_name=package.csv_file_name("corridor_costs", {"to": [iso3]}))
    st.caption(_("Costs are % of US$200 sent; the files keep the source's four decimals.") + " "
               + sources.credit((cost_figures.RPW_SOURCE, (cost_figures.DERIVED_SOURCE, "derived")), lang) + ".")


def profile_source() -> str:
    return sources.caption((cost_figures.RPW_SOURCE,), language.current())


def profile_line(page: Page, iso3: str) -> str:
    """The profile's line: the cost of sending money to the signatory in 2011 and 2020, and its
    dearest corridor in the latest official quarter."""
    lang = language.current()
    table = store.cost_summary(page.root)[0].table.set_index("iso3")
    line = _("**Cost of sending US$200 to it:** {then_cost} ({then}) → {now_cost} ({now})").format(
        then_cost=_pct(table["cost_then"].get(iso3)), then=THEN, now_cost=_pct(table["cost_now"].get(iso3)), now=NOW)
    rows = store.corridors_into(page.root, iso3).dropna(subset=["official_cost_pct"])
    if rows.empty:
        return line + " · " + _("no corridor measured")
    top = rows.iloc[0]
    return line + " · " + _("**Dearest corridor, {quarter}:** from {sender}, {cost}").format(
        quarter=cost_figures.quarter_text(str(top["official_quarter"]), lang),
        sender=cost_figures.in_text(str(top["partner_iso3"]), lang),
        cost=_pct(float(top["official_cost_pct"])))


def package_tables(page: Page) -> list[Table]:
    """The cost tables of the migration view's data package."""
    every = page.tables.remittance_costs
    shown = every[(every["vintage"] == costs.VINTAGE_2023) & (every["direction"] == "to")].reset_index(drop=True)
    corridors = page.tables.corridor_costs
    into = corridors[corridors["receiver_iso3"].isin(set(page.tables.signatories["iso3"]))].reset_index(drop=True)
    return [Table(f"remittance_costs_{THEN}_{NOW}", "The 24's cost of sending US$200, 2011 and 2020 (World Bank "
                  "WDI, edition of 10 May 2023)", cost_table(page, "en"), (COST_FILE,)),
            Table("remittance_costs", "The cost of sending US$200 to every country with data, 2011-2020 (World Bank "
                  "WDI, edition of 10 May 2023)", shown, (COST_FILE,)),
            Table("corridor_costs", "The cost of sending US$200 in every corridor into the 24, per quarter: official "
                  "(2011-2020) and derived (2016-2025) series, kept apart", into, (CORRIDOR_FILE,))]
