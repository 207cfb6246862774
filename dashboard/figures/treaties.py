"""The "Legal frameworks" tab's charts: the 24 x the four treaties at Lima and at each list's date,
the parties among the 24, and parties over time against the rest of the world (no Streamlit).
Every state's status as a map colouring is in dashboard/figures/modes.py."""

from __future__ import annotations

import pandas as pd

from dashboard.config import N_
from dashboard.core import i18n
from dashboard.core.text import slug
from dashboard.core.treaties import LIMA_DATE, STATUS_COLOURS, STATUS_WORDS, STATUSES, day
from dashboard.core.treaty_names import TREATIES
from dashboard.data import Tables
from dashboard.figures.chart import Chart, Options, first, lang_of
from dashboard.figures.modes import list_date, treaty_short
from dashboard.figures.style import (
    Figure,
    base_layout,
    category_matrix,
    title_dict,
    title_height,
    wrap,
)

OTHER_STATES = "#666666"  # the rest of the world on "parties over time" (dark enough for text)
WHEN = {"lima": N_("At Lima, 16 May 2006"), "latest": N_("Latest known (each treaty's UN list)")}


def build_treaty_matrix(status: pd.DataFrame, title: str, lang: str = "en") -> Figure:
    """Signatories x the 4 treaties from a treaty_status() frame (at Lima or latest known).

    Cells are coloured by status; "?" marks an uncertain cell; the hover gives the dates, the
    date of the UN list and, for an uncertain cell, why in words.
    """
    _ = i18n.translator(lang)
    countries = list(dict.fromkeys(status["country"]))
    cells = {(r["country"], r["treaty"]): r for r in status.to_dict("records")}
    z, hover, text = [], [], []
    for country in countries:
        z_row, h_row, t_row = [], [], []
        for treaty in TREATIES:
            row = cells[(country, treaty)]
            z_row.append(STATUSES.index(row["status"]))
            lines = [f"<b>{country}</b> · {treaty_short(treaty, lang)}", _(STATUS_WORDS[row["status"]]),
                     row["dates_text"],
                     _("UN Treaty Collection list read on {date}").format(date=day(row["as_of"], lang))]
            if row["uncertain"]:
                lines.append(_("Uncertain: {reason}").format(reason=row["reason"]))
            h_row.append("<br>".join(lines))
            t_row.append("?" if row["uncertain"] else "")
        z.append(z_row)
        hover.append(h_row)
        text.append(t_row)
    # Upright names, at most two lines: four columns side by side on a phone never overprint.
    columns = [wrap(treaty_short(t, lang), 26) for t in TREATIES]
    return category_matrix(z, columns, countries, tuple(_(STATUS_WORDS[s]) for s in STATUSES),
                   [STATUS_COLOURS[s] for s in STATUSES], hover, text, title, vertical=True)


def build_treaty_counts(counts: pd.DataFrame, lang: str = "en") -> Figure:
    """Grouped horizontal bars per treaty: parties among the 24 at Lima and at the date of the
    treaty's UN list (horizontal, so that long treaty names wrap on the left on a phone)."""
    _ = i18n.translator(lang)
    ticks = [wrap(treaty_short(r["treaty"], lang), 20) + "<br>" + wrap(
        _("list of {date}").format(date=day(r["as_of"], lang)), 20) for r in counts.to_dict("records")]
    bars = [("party_lima", "states_lima", _("At Lima, {date}").format(date=day(LIMA_DATE, lang)),
             STATUS_COLOURS["signatory only"]),
            ("party_latest", "states_latest", _("At the date of the treaty's UN list"), STATUS_COLOURS["party"])]
    hover = _("{count} of the 24 were parties ({when}); {states} states in all")
    data = [{"type": "bar", "orientation": "h", "name": wrap(name, 34), "y": ticks, "x": counts[col].tolist(),
             "text": counts[col].tolist(), "textposition": "outside", "cliponaxis": False,
             "marker": {"color": colour},
             "customdata": [hover.format(count=n, when=name, states=s) for n, s in zip(counts[col], counts[world])],
             "hovertemplate": "%{customdata}<extra></extra>"}
            for col, world, name, colour in bars]
    title = _("Parties among the 24 signatories, at Lima and at each UN list's date")
    band = max(70, 17 * max(len(t.split("<br>")) for t in ticks) + 16)  # each treaty's labels fit its band
    layout = base_layout(height=title_height(title) + 110 + band * len(ticks), barmode="group", title=title_dict(title),
                     margin={"l": 10, "r": 24, "t": title_height(title) + 10, "b": 10},
                     xaxis={"range": [0, 26], "dtick": 4, "automargin": True},
                     yaxis={"autorange": "reversed", "automargin": True},
                     legend={"orientation": "h", "x": 0, "y": -0.1, "yanchor": "top", "traceorder": "normal"})
    return {"data": data, "layout": layout}


def build_parties_over_time(over: pd.DataFrame, treaty: str, lang: str = "en") -> Figure:
    """Share of the 24 and of all other states that were parties to `treaty`, year by year up to
    its list's date (from parties_over_time), the Lima date marked."""
    _ = i18n.translator(lang)
    short = treaty_short(treaty, lang)
    part = over[over["treaty"] == treaty]
    end = part["date"].max()
    data = []
    for group, colour, dash in (("the 24", STATUS_COLOURS["party"], "solid"), ("other states", OTHER_STATES, "dot")):
        rows = part[part["group"] == group]
        size = int(rows["of"].iloc[0])
        name = _("the 24 signatories") if group == "the 24" else _("the {count} other states").format(count=size)
        text = _("{date}: {count} of {size} ({group}) were parties, {share}")
        data.append({"type": "scatter", "mode": "lines+markers", "name": name,
                     "x": [d.strftime("%Y-%m-%d") for d in rows["date"]],
                     "y": [round(100 * v, 1) for v in rows["share"]],
                     "customdata": [text.format(date=day(d, lang), count=int(n), size=size, group=name,
                                                share=i18n.format_number(round(100 * v), lang) + " %"
                                                if lang == "fr" else f"{i18n.format_number(round(100 * v), lang)}%")
                                    for n, d, v in zip(rows["parties"], rows["date"], rows["share"])],
                     "line": {"color": colour, "dash": dash, "width": 2}, "marker": {"size": 5},
                     "hovertemplate": "%{customdata}<extra></extra>"})
    lima = LIMA_DATE.strftime("%Y-%m-%d")
    title = _("{treaty}: share of states that were parties, to {date}").format(treaty=short, date=day(end, lang))
    layout = base_layout(
        height=300 + title_height(title), title=title_dict(title),
        margin={"l": 10, "r": 10, "t": title_height(title) + 10, "b": 10},
        # No tick at 0: it met the first year's label in the corner.
        yaxis={"range": [0, 105], "title": {"text": _("% of the group")}, "ticksuffix": "%",
               "tickmode": "array", "tickvals": [20, 40, 60, 80, 100], "automargin": True},
        xaxis={"type": "date", "automargin": True, "nticks": 6}, legend={"orientation": "h", "y": -0.2},
        shapes=[{"type": "line", "xref": "x", "yref": "paper", "x0": lima, "x1": lima, "y0": 0, "y1": 1,
                 "line": {"color": "#000000", "width": 1, "dash": "dash"}}],
        annotations=[{"x": lima, "y": 1, "xref": "x", "yref": "paper", "text": _("Lima, May 2006"),
                      "showarrow": False, "xanchor": "left", "yanchor": "top", "font": {"size": 11},
                      "bgcolor": "rgba(255,255,255,0.85)"}])
    return {"data": data, "layout": layout}


def when_of(options: Options) -> str:
    when = first(options, "when", "lima")
    return when if when in WHEN else "lima"


def lists_note(tables: Tables, options: Options) -> str:
    """Which list each treaty's status is read from, and what is known only from other sources."""
    lang = lang_of(options)
    _ = i18n.translator(lang)
    lists = "; ".join(_("{treaty} as of {date}").format(treaty=treaty_short(r["treaty"], lang),
                                                         date=list_date(r["treaty"], r["as_of"], lang))
                      for r in tables.treaty_counts.to_dict("records"))
    later = tables.record.later
    text = _("Lists: {lists}. Each status is read from the list, up to the list's date and no later.").format(
        lists=lists)
    if len(later):
        text += " " + _("After those dates, {count} actions of the 24 are known only from other sources: they "
                        "are shown apart, marked “?”.").format(count=len(later))
    return text + " " + _("Whether others acted after a list's date is not known here: no status is given for "
                          "today.")


def _matrix_title(tables: Tables, options: Options) -> str:
    _ = i18n.translator(lang_of(options))
    if when_of(options) == "latest":
        return _("Treaty status of the 24: the latest known (each treaty's UN list)")
    return _("Treaty status of the 24 on the day of the Lima Declaration, 16 May 2006")


def _over_time(treaty: str) -> Chart:
    return Chart(f"parties-{slug(treaty)}", N_("Parties over time: the 24 and the rest of the world"), UNTC,
                 "treaties", lambda t, o: build_parties_over_time(t.parties_over_time, treaty, lang_of(o)),
                 title_for=lambda t, o: _over_time_title(t, treaty, lang_of(o)), note_for=lists_note)


def _over_time_title(tables: Tables, treaty: str, lang: str) -> str:
    end = tables.parties_over_time.loc[tables.parties_over_time["treaty"] == treaty, "date"].max()
    return i18n.translator(lang)("{treaty}: share of states that were parties, to {date}").format(
        treaty=treaty_short(treaty, lang), date=day(end, lang))


UNTC = ("untc",)
CHARTS = (
    Chart("treaties", N_("Treaty status of the 24"), UNTC, "treaties",
          lambda t, o: build_treaty_matrix(t.treaty_status(when_of(o), lang_of(o)), "", lang_of(o)), ("when",),
          title_for=_matrix_title, note_for=lists_note),
    Chart("treaty-counts", N_("Parties to each treaty, at Lima and at the date of its UN list"), UNTC, "treaties",
          lambda t, o: build_treaty_counts(t.treaty_counts, lang_of(o)), note_for=lists_note),
    *(_over_time(treaty) for treaty in TREATIES),
)
