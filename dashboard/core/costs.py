"""The cost of sending remittances (World Bank, Remittance Prices Worldwide): loaders and pure summaries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.core.provenance import REBUILD, ROOT, DataFileError, read_verified_csv

__all__ = [
    "COSTS", "CORRIDOR_COSTS", "COST_COLUMNS", "CORRIDOR_COST_COLUMNS", "VINTAGE_2023", "VINTAGE_2026",
    "VINTAGES", "DIRECTIONS", "SERIES", "FIRST_YEAR", "TARGET_PCT", "CORRIDOR_CEILING_PCT",
    "CostChange", "Share", "load_remittance_costs", "load_corridor_costs", "costs_in", "cost_change",
    "quarter_label", "latest_quarter", "corridors_of", "corridor_series", "share_above", "dearest_corridor",
]

BUILD_SCRIPT = "scripts/build/build_costs.py"
COSTS = "data/remittance_costs.csv"
CORRIDOR_COSTS = "data/corridor_costs.csv"
COST_COLUMNS = ["iso3", "year", "direction", "cost_pct", "vintage"]
CORRIDOR_COST_COLUMNS = ["sender_iso3", "receiver_iso3", "year", "quarter", "cost_pct", "series"]
# WDI vintages ("Last Updated Date"). 2023-05-10 covers 2011-2020 and is the consistent series;
# 2026-04-08 covers 2016-2023, revised down sharply by an undocumented method: never splice the two.
VINTAGE_2023 = "2023-05-10"
VINTAGE_2026 = "2026-04-08"
VINTAGES = (VINTAGE_2023, VINTAGE_2026)
DIRECTIONS = ("to", "from")  # "to": SI.RMT.COST.IB.ZS (sending to the country); "from": SI.RMT.COST.OB.ZS
# "official": RPW corridor averages from DataBank (ATCR.CORR), 2011Q1-2020Q3; "derived": a third
# party's means over RPW provider rows, 2016Q2-2025Q1 (no Algeria as receiver). Never mixed.
SERIES = ("official", "derived")
FIRST_YEAR = 2011  # no cost series starts earlier (RPW began in 2008; 2008-2010 not found)

# SDG target 10.c: "By 2030, reduce to less than 3 per cent the transaction costs of migrant
# remittances and eliminate remittance corridors with costs higher than 5 per cent"
# (worldbank/sdg-metadata, docs/metadata/en/10-c-1/SDG_TARGET.md and STAT_CONC_DEF.md, commit
# ad47407a9891b3a11a6ccc2cb3c6314b1b3dee0c; the cost of sending USD 200). Counted here as
# "under 3%" (< 3.0) and "above 5%" (> 5.0), the target's own words.
TARGET_PCT = 3.0
CORRIDOR_CEILING_PCT = 5.0

_COST_DTYPES = {"iso3": "str", "year": "int64", "direction": "str", "cost_pct": "float64", "vintage": "str"}
_CORRIDOR_DTYPES = {"sender_iso3": "str", "receiver_iso3": "str", "year": "int64", "quarter": "int64",
                    "cost_pct": "float64", "series": "str"}


def _read(relpath: str, root: Path, dtypes: dict[str, str], allowed: dict[str, tuple[object, ...]]) -> pd.DataFrame:
    """A derived CSV after its checksum check, with exactly `dtypes`' columns and types, and only
    `allowed` values in the columns it names; anything else raises DataFileError naming the file."""
    frame = read_verified_csv(relpath, root, dtype=dtypes, na_values=[""])
    remedy = REBUILD.format(script=BUILD_SCRIPT, path=relpath)
    if list(frame.columns) != list(dtypes):
        raise DataFileError(relpath, f"its columns are {list(frame.columns)}, not {list(dtypes)}", remedy)
    for column, values in allowed.items():
        bad = sorted(set(frame[column]) - set(values), key=str)
        if bad:
            raise DataFileError(relpath, f"the column {column} holds {bad[:3]}, not one of {list(values)}", remedy)
    if frame["cost_pct"].isna().any() or (frame["cost_pct"] <= 0).any():
        raise DataFileError(relpath, "a cost is empty, 0 or negative", remedy)
    return frame


def load_remittance_costs(root: Path = ROOT) -> pd.DataFrame:
    """Average cost of sending USD 200 to ("to") or from ("from") a country, % of the amount
    (fee plus exchange-rate margin over every service in RPW), World Bank WDI, one row per
    country, year, direction and vintage: iso3, year, direction, cost_pct, vintage.

    vintage "2023-05-10": 2011-2020, every country with data ("to": 104, "from": 48);
    vintage "2026-04-08": 2016-2023, "to" only, the 24 signatories only; revised down sharply
    and far below RPW's own corridor averages (method undocumented): show it, if at all, as a
    separate series, never joined to the 2023 one. Its zeros (El Salvador 2020 and 2022) are
    not costs and are left out. Nothing before 2011. Kosovo has no ISO code and is left out.
    """
    return _read(COSTS, root, _COST_DTYPES, {"direction": DIRECTIONS, "vintage": VINTAGES})


def load_corridor_costs(root: Path = ROOT) -> pd.DataFrame:
    """Average total cost of sending USD 200 from one country to another, % of the amount, per
    quarter: sender_iso3, receiver_iso3, year, quarter (1-4), cost_pct, series; every corridor
    with a Lima signatory at either end.

    series "official": RPW corridor averages (DataBank ATCR.CORR, updated 2020-12-07), 2011Q1,
    2011Q3, 2012Q1, 2012Q3, then every quarter to 2020Q3; "derived": a third party's means over
    the RPW dataset's provider rows, 2016Q2-2025Q1, no corridor into Algeria and a few others
    missing; within 0.01 points of the official figure in 85% of shared quarters. A mean of 0 or
    less (distorted exchange rates) is not a cost and is left out.
    """
    frame = _read(CORRIDOR_COSTS, root, _CORRIDOR_DTYPES, {"series": SERIES})
    if not frame["quarter"].between(1, 4).all():
        raise DataFileError(CORRIDOR_COSTS, "a quarter is not 1-4", REBUILD.format(script=BUILD_SCRIPT,
                                                                                    path=CORRIDOR_COSTS))
    return frame


def costs_in(costs: pd.DataFrame, year: int, vintage: str = VINTAGE_2023, direction: str = "to") -> pd.Series:
    """iso3 -> cost in `year` for one vintage and direction (a map's colours); empty if none."""
    rows = costs[(costs["year"] == year) & (costs["vintage"] == vintage) & (costs["direction"] == direction)]
    return rows.set_index("iso3")["cost_pct"].sort_index()


@dataclass(frozen=True)
class CostChange:
    """Costs of sending to a list of countries in two years, one vintage (see cost_change)."""

    table: pd.DataFrame  # iso3, cost_then, cost_now, change (points); costliest now first
    then: int
    now: int
    vintage: str
    cheaper: int  # countries with both years whose cost fell
    under_target: int  # cost_now < TARGET_PCT
    under_ceiling: int  # cost_now < CORRIDOR_CEILING_PCT
    missing: tuple[str, ...]  # countries without a value in one of the years


def cost_change(costs: pd.DataFrame, iso3s: list[str] | tuple[str, ...], then: int = 2011, now: int = 2020,
                vintage: str = VINTAGE_2023, direction: str = "to") -> CostChange:
    """The cost of sending to (direction "from": from) each of `iso3s` in `then` and `now`,
    within one vintage, with counts: how many got cheaper, how many cost under 3% and under 5%
    in `now`. A country missing a year is listed in `missing`, and counted in no total."""
    if vintage not in VINTAGES:
        raise ValueError(f"vintage must be one of {VINTAGES}, not {vintage!r}")
    codes = list(dict.fromkeys(iso3s))
    a = costs_in(costs, then, vintage, direction).reindex(codes)
    b = costs_in(costs, now, vintage, direction).reindex(codes)
    table = pd.DataFrame({"iso3": codes, "cost_then": a.to_numpy(), "cost_now": b.to_numpy()})
    table["change"] = table["cost_now"] - table["cost_then"]
    both = table.dropna(subset=["cost_then", "cost_now"])
    table = table.sort_values(["cost_now", "iso3"], ascending=[False, True], na_position="last")
    return CostChange(
        table=table.reset_index(drop=True), then=then, now=now, vintage=vintage,
        cheaper=int((both["change"] < 0).sum()),
        under_target=int((both["cost_now"] < TARGET_PCT).sum()),
        under_ceiling=int((both["cost_now"] < CORRIDOR_CEILING_PCT).sum()),
        missing=tuple(sorted(set(codes) - set(both["iso3"]))),
    )


def quarter_label(year: int, quarter: int) -> str:
    """'2020Q3'."""
    return f"{int(year)}Q{int(quarter)}"


def _parse_quarter(label: str) -> tuple[int, int]:
    year, sep, quarter = label.upper().partition("Q")
    if not (sep and year.isdigit() and quarter in ("1", "2", "3", "4")):
        raise ValueError(f"a quarter is written like '2020Q3', not {label!r}")
    return int(year), int(quarter)


def latest_quarter(corridor_costs: pd.DataFrame, series: str = "official") -> str:
    """The last quarter of a series with any value, e.g. '2020Q3' (official), '2025Q1' (derived)."""
    rows = corridor_costs[corridor_costs["series"] == series]
    if rows.empty:
        raise ValueError(f"no corridor costs in the series {series!r}")
    year, quarter = max(zip(rows["year"], rows["quarter"]))
    return quarter_label(year, quarter)


def _in_quarter(corridor_costs: pd.DataFrame, series: str, label: str) -> pd.DataFrame:
    year, quarter = _parse_quarter(label)
    return corridor_costs[(corridor_costs["series"] == series) & (corridor_costs["year"] == year)
                          & (corridor_costs["quarter"] == quarter)]


def corridors_of(corridor_costs: pd.DataFrame, iso3: str, direction: str = "to") -> pd.DataFrame:
    """The corridors into `iso3` (direction "to") or out of it ("from"), costliest to cheapest in
    the latest official quarter, with the latest derived quarter's cost beside it.

    Columns: partner_iso3, sender_iso3, receiver_iso3, official_cost_pct, official_quarter,
    derived_cost_pct, derived_quarter. The quarters are the latest of each series over every
    corridor (2020Q3 and 2025Q1), so all rows compare one quarter. A corridor measured in only
    one of the two quarters has the other cost empty; those measured in the derived quarter only
    come after the official ranking, costliest first.
    """
    if direction not in ("to", "from"):
        raise ValueError(f"direction must be 'to' or 'from', not {direction!r}")
    own, other = ("receiver_iso3", "sender_iso3") if direction == "to" else ("sender_iso3", "receiver_iso3")
    mine = corridor_costs[corridor_costs[own] == iso3]
    columns = {}
    for series in SERIES:
        label = latest_quarter(corridor_costs, series)
        rows = _in_quarter(mine, series, label).set_index(other)["cost_pct"]
        columns[series] = (label, rows)
    partners = sorted(set(columns["official"][1].index) | set(columns["derived"][1].index))
    out = pd.DataFrame({"partner_iso3": partners})
    out["sender_iso3"] = out["partner_iso3"] if direction == "to" else iso3
    out["receiver_iso3"] = iso3 if direction == "to" else out["partner_iso3"]
    for series, (label, rows) in columns.items():
        out[f"{series}_cost_pct"] = rows.reindex(partners).to_numpy(dtype="float64")
        out[f"{series}_quarter"] = label
    out = out.sort_values(["official_cost_pct", "derived_cost_pct", "partner_iso3"],
                          ascending=[False, False, True], na_position="last")
    return out.reset_index(drop=True)


def corridor_series(corridor_costs: pd.DataFrame, sender: str, receiver: str) -> pd.DataFrame:
    """One corridor's cost over time: series, year, quarter, label ('2011Q1'), date (the first day
    of the quarter), cost_pct; official rows first, then derived, each in time order. Draw the
    two series as separate lines: they are different measures, never one line."""
    rows = corridor_costs[(corridor_costs["sender_iso3"] == sender) & (corridor_costs["receiver_iso3"] == receiver)]
    out = rows[["series", "year", "quarter", "cost_pct"]].copy()
    out["label"] = [quarter_label(y, q) for y, q in zip(out["year"], out["quarter"])]
    out["date"] = pd.to_datetime({"year": out["year"], "month": 3 * out["quarter"] - 2, "day": 1})
    out["order"] = out["series"].map(SERIES.index)
    out = out.sort_values(["order", "year", "quarter"]).drop(columns="order")
    return out[["series", "year", "quarter", "label", "date", "cost_pct"]].reset_index(drop=True)


@dataclass(frozen=True)
class Share:
    """How many corridors into a list of countries cost more than a threshold in one quarter."""

    quarter: str
    series: str
    threshold: float
    above: int
    corridors: int

    @property
    def share_pct(self) -> float:
        return 100 * self.above / self.corridors if self.corridors else float("nan")


def share_above(corridor_costs: pd.DataFrame, iso3s: list[str] | tuple[str, ...],
                threshold: float = CORRIDOR_CEILING_PCT, quarter: str | None = None,
                series: str = "official") -> Share:
    """The corridors into any of `iso3s` measured in `quarter` (default: the series' latest) and
    how many of them cost more than `threshold` (SDG 10.c: no corridor above 5%)."""
    label = quarter or latest_quarter(corridor_costs, series)
    rows = _in_quarter(corridor_costs, series, label)
    rows = rows[rows["receiver_iso3"].isin(list(iso3s))]
    return Share(quarter=label, series=series, threshold=threshold,
                 above=int((rows["cost_pct"] > threshold).sum()), corridors=len(rows))


@dataclass(frozen=True)
class Corridor:
    """One corridor's cost in one quarter."""

    sender_iso3: str
    receiver_iso3: str
    quarter: str
    cost_pct: float
    series: str


def dearest_corridor(corridor_costs: pd.DataFrame, iso3: str, series: str = "official") -> Corridor | None:
    """The costliest corridor into `iso3` in the series' latest quarter (2020Q3 official), or
    None when none into it was measured then (ties: the sender first in code order)."""
    label = latest_quarter(corridor_costs, series)
    rows = _in_quarter(corridor_costs, series, label)
    rows = rows[rows["receiver_iso3"] == iso3].sort_values(["cost_pct", "sender_iso3"], ascending=[False, True])
    if rows.empty:
        return None
    top = rows.iloc[0]
    return Corridor(sender_iso3=str(top["sender_iso3"]), receiver_iso3=iso3, quarter=label,
                    cost_pct=float(top["cost_pct"]), series=series)
