"""What every figure shares: a small explicit layout, text colours that pass WCAG contrast, wrapped
titles and labels, legend swatches, country labels in the reader's language (no Streamlit, no I/O).

Figures are plain dicts in plotly's schema (`{"data": [...], "layout": {...}}`): plotly's object
model deep-copies and validates every trace on construction, the world geometry included, and
`st.plotly_chart` validates the figure again; building dicts leaves that to one pass.
`plotly.graph_objects.Figure(fig)` accepts each of them (the tests check every builder).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from dashboard.core import i18n
from dashboard.core.text import wrap_lines

Figure = dict[str, Any]

TEXT = "#31333F"  # 12.6:1 on white; Streamlit's chart theme greys tick labels to 3.7:1 (WCAG needs 4.5)
DARK_TEXT, LIGHT_TEXT = "#1A1A1A", "#FFFFFF"
TITLE_FONT = {"size": 14}
TITLE_CHARS = 44  # a title line at 14 px fits a 390 px phone


def base_layout(**extra: Any) -> dict[str, Any]:
    """A small explicit layout: the default template adds ~3 KB of JSON to every figure.

    Axis and legend text colours are set here, because st.plotly_chart's theme would otherwise
    grey them below the 4.5:1 contrast that WCAG 2.1 AA asks of text."""
    out = {
        "template": "none",
        "font": {"family": "sans-serif", "size": 13, "color": TEXT},
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        **extra,
    }
    for axis in ("xaxis", "yaxis"):
        out[axis] = {"color": TEXT, "tickfont": {"color": TEXT}, **out.get(axis, {})}
    out["legend"] = {**out.get("legend", {}), "font": {"color": TEXT, **out.get("legend", {}).get("font", {})}}
    return out


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(fill: str) -> str:
    """Dark or white text, whichever reads better on `fill` (plotly's own choice can fall to 2:1)."""
    return DARK_TEXT if contrast(DARK_TEXT, fill) >= contrast(LIGHT_TEXT, fill) else LIGHT_TEXT


def stepped_scale(colours: Sequence[str]) -> list[list[Any]]:
    """A colourscale that gives each integer 0..n-1 one flat colour (zmin=-0.5, zmax=n-0.5)."""
    n = len(colours)
    scale: list[list[Any]] = []
    for i, colour in enumerate(colours):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def wrap(text: str, width: int) -> str:
    """`text` broken into lines of at most `width` characters, joined with plotly's <br>."""
    return "<br>".join(wrap_lines(text, width)) or text


def wrap_title(text: str) -> str:
    """A chart title on two lines, at its first colon or last comma, so a phone shows all of it."""
    for mark in (": ", " : "):
        if mark in text:
            head, tail = text.split(mark, 1)
            return f"{head}{mark.rstrip()}<br>{tail}"
    head, sep, tail = text.rpartition(", ")
    return f"{head},<br>{tail}" if sep else text


def title_lines(text: str) -> int:
    return len(wrap_lines(text, TITLE_CHARS)) or 1


def title_dict(text: str) -> dict[str, Any]:
    """A title wrapped for a phone, left-aligned at the top of the figure."""
    # plotly anchors a wrapped title's top one line too high (measured in Chromium): pad it down.
    return {"text": wrap(text, TITLE_CHARS), "font": TITLE_FONT, "x": 0, "xanchor": "left",
            "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 8 + 17 * (title_lines(text) - 1), "l": 4}}


def title_height(text: str) -> int:
    return 14 + 20 * title_lines(text)


def legend_entries(labels: Iterable[str], colours: Iterable[str]) -> list[dict[str, Any]]:
    """Legend-only traces (square swatches): a legend wraps on a phone, a colour bar does not."""
    return [{"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": name,
             "marker": {"symbol": "square", "size": 12, "color": colour,
                        "line": {"color": "#767676", "width": 1}},
             "hoverinfo": "skip", "showlegend": True}
            for name, colour in zip(labels, colours)]


def country_label(iso3: str, english: str, lang: str) -> str:
    """A country's name in `lang`: the English name given, else CLDR's."""
    return english if lang == "en" else i18n.country_name(iso3, lang)


THE = frozenset({"ARE", "BHS", "CAF", "COD", "COM", "DOM", "GBR", "GMB", "MDV", "NLD", "PHL", "SLB", "USA"})


def in_text(iso3: str, lang: str) -> str:
    """A name inside a sentence: "from the United States" (es/fr words take the bare name)."""
    name = i18n.country_name(iso3, lang)
    return f"the {name}" if lang == "en" and iso3 in THE else name


def names_of(codes: Iterable[str], lang: str) -> dict[str, str]:
    """iso3 -> the short name in `lang` (CLDR: "United States", "Royaume-Uni"), as the pickers write them."""
    return {c: i18n.country_name(c, lang) for c in codes}


def category_matrix(z: list[list[int]], x: list[str], y: list[str], labels: tuple[str, ...],
            colours: list[str], hover: list[list[str]], text: list[list[str]], title: str,
            vertical: bool) -> Figure:
    """A categorical heatmap: each integer 0..n-1 one flat colour, first row at the top; marks in
    `text` are drawn on top in black or white, whichever contrasts with the cell."""
    heat = {
        "type": "heatmap", "z": z, "x": x, "y": y, "zmin": -0.5, "zmax": len(labels) - 0.5,
        "colorscale": stepped_scale(colours), "xgap": 2, "ygap": 2, "showscale": False,
        "customdata": hover, "hovertemplate": "%{customdata}<extra></extra>", "showlegend": False,
    }
    marks = [(xi, yi, mark, colours[z[r][c]]) for r, (yi, row) in enumerate(zip(y, text))
             for c, (xi, mark) in enumerate(zip(x, row)) if mark]
    traces = [heat]
    if marks:
        traces.append({"type": "scatter", "mode": "text", "x": [m[0] for m in marks], "y": [m[1] for m in marks],
                       "text": [m[2] for m in marks], "hoverinfo": "skip", "showlegend": False,
                       "textfont": {"size": 13, "color": [text_on(m[3]) for m in marks]}})
    traces += legend_entries(labels, colours)
    # The column labels sit on top, under the title: vertical ones need the height of the longest.
    lines = max(len(t.split("<br>")) for t in x)
    longest = max(len(line) for t in x for line in t.split("<br>"))
    axis = 12 + (int(longest * 6.6) if vertical else 16 * lines)
    top = title_height(title) + axis if title else axis
    layout = base_layout(height=top + 90 + 22 * len(y), margin={"l": 10, "r": 10, "t": top, "b": 10},
                     xaxis={"side": "top", "tickangle": -90 if vertical else 0, "tickmode": "array",
                            "tickvals": x, "ticktext": x, "tickfont": {"size": 11 if vertical else 12},
                            "showgrid": False, "zeroline": False, "fixedrange": True},
                     yaxis={"autorange": "reversed", "automargin": True, "tickmode": "array", "tickvals": y,
                            "ticktext": y, "showgrid": False, "zeroline": False, "fixedrange": True},
                     showlegend=True,
                     legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.01, "yanchor": "top",
                             "itemclick": False, "itemdoubleclick": False})
    if title:
        layout["title"] = title_dict(title)
    return {"data": traces, "layout": layout}


END_LABEL_PX, END_LINE_PX, END_LEAD_PX, END_CHAR_PX = 11, 14, 12, 6.6  # font, line, leader, a character
END_LABEL_CHARS = 11  # a line of an end label: a phone keeps most of its width for the plot
LEADER_COLOUR = "#8A8A8A"


def _spread(own: list[float], heights: list[int], gap: float = 2) -> list[float]:
    """Centres for boxes of these heights, in order, as near their own centres as they can be without
    meeting: boxes that would meet are moved as one block centred on their own mean."""
    blocks = [[i] for i in range(len(own))]

    def place(block: list[int]) -> list[float]:
        size = [heights[i] + gap for i in block]
        top = sum(own[i] for i in block) / len(block) - (sum(size) - gap) / 2
        return [top + sum(size[:k]) + heights[i] / 2 for k, i in enumerate(block)]

    merged = True
    while merged:
        merged = False
        for k in range(len(blocks) - 1):
            a, b = place(blocks[k]), place(blocks[k + 1])
            if a[-1] + heights[blocks[k][-1]] / 2 + gap > b[0] - heights[blocks[k + 1][0]] / 2:
                blocks[k:k + 2] = [blocks[k] + blocks[k + 1]]
                merged = True
                break
    return [c for block in blocks for c in place(block)]


def end_labels(ends: Sequence[tuple[str, float, float, str]], top: float, plot_px: float) -> tuple[
        list[dict[str, Any]], int]:
    """Each line named at its right end, for a chart whose lines a legend would name on a phone only
    in rows of swatches: `ends` are (name, x, y, colour) of each line's last point, `top` the y axis's
    top (its bottom is 0) and `plot_px` the plotting area's smallest height (a taller one only widens
    the gaps). Labels that would meet are moved apart as a block centred on their points, and a grey
    leader ties each to its point; the name is dark (4.5:1 on white, which the palette's colours are
    not) after a dash in its line's colour. Returns the annotations and the right margin they need."""
    items = sorted(((wrap(name, END_LABEL_CHARS), x, y, colour) for name, x, y, colour in ends),
                   key=lambda item: -item[2])
    heights = [END_LINE_PX * (text.count("<br>") + 1) for text, *_rest in items]
    per_px = top / plot_px  # y axis units a pixel
    centres = _spread([(top - y) / per_px for _t, _x, y, _c in items], heights)
    notes = [{"x": x, "y": y, "xref": "x", "yref": "y", "showarrow": True, "arrowhead": 0, "arrowwidth": 1,
              "arrowcolor": LEADER_COLOUR, "standoff": 2, "axref": "pixel", "ax": END_LEAD_PX, "ayref": "y",
              "ay": round(top - at * per_px, 3), "xanchor": "left", "yanchor": "middle", "align": "left",
              "text": f'<span style="color:{colour}"><b>—</b></span> {text}', "bgcolor": "rgba(255,255,255,0.8)",
              "font": {"size": END_LABEL_PX, "color": TEXT}}
             for (text, x, y, colour), at in zip(items, centres)]
    longest = max((len(line) for text, *_rest in items for line in text.split("<br>")), default=0)
    return notes, int(END_LEAD_PX + 20 + END_CHAR_PX * longest) if items else 0
