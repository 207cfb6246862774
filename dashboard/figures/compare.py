"""The "Compare a list" tab's chart: the visitor's list against the 24 (no Streamlit). Its map
colouring is in dashboard/figures/modes.py."""

from __future__ import annotations

from dashboard.config import N_
from dashboard.core import compare, i18n
from dashboard.core.compare import CATEGORIES, CATEGORY_WORDS, COLOURS, CompareResult
from dashboard.data import Tables
from dashboard.figures.chart import Chart, Options, first, lang_of
from dashboard.figures.style import Figure, base_layout, title_dict, title_height, wrap

LIST_PARAM = "list"  # ?color=compare&list=PER.VNM.KOR: a compared list, as its link carries it
NAMES_OPTION = "list_names"  # the names a visitor typed or uploaded in this session (never in a URL)


def compared_result(tables: Tables, options: Options) -> CompareResult | None:
    """The visitor's list against the 24: the names typed in this session, else the codes of a link
    (?list=); None if there is none or it cannot be read."""
    raw, lang = first(options, LIST_PARAM), lang_of(options)
    typed = list(options.get(NAMES_OPTION) or ())
    if not raw and not typed:
        return None
    try:
        return compare.compare(typed or compare.parse_url_value(raw, lang), tables.signatories, lang)
    except compare.CompareInputError:
        return None


def build_compare_counts(counts: dict[str, int], lang: str = "en") -> Figure:
    """Bars: in both / only among the 24 / only in the list, from CompareResult.counts."""
    _ = i18n.translator(lang)
    keys = {"both": "both", "only Lima": "only_lima", "only the list": "only_list"}
    values = [counts[keys[c]] for c in CATEGORIES]
    names = [_(CATEGORY_WORDS[c]) for c in CATEGORIES]
    trace = {"type": "bar", "x": [wrap(n, 14) for n in names], "y": values, "text": values,
             "textposition": "outside", "cliponaxis": False,
             "marker": {"color": [COLOURS[c] for c in CATEGORIES]},
             "customdata": [f"{n}: {v}" for n, v in zip(names, values)],
             "hovertemplate": "%{customdata}<extra></extra>"}
    title = _("Your list and the 24")
    layout = base_layout(height=300, title=title_dict(title), margin={"l": 10, "r": 10, "t": title_height(title) + 10,
                                                              "b": 10},
                     xaxis={"tickangle": 0, "automargin": True},
                     yaxis={"title": {"text": _("countries")}, "rangemode": "tozero", "automargin": True})
    return {"data": [trace], "layout": layout}


def _counts(tables: Tables, options: Options) -> Figure:
    result = compared_result(tables, options)
    empty = {"both": 0, "only_lima": 0, "only_list": 0}
    return build_compare_counts(result.counts if result is not None else empty, lang_of(options))


CHARTS = (
    Chart("compare", N_("Your list and the 24"), ("your-list", "press-release"), "compare", _counts, ("list",)),
)
