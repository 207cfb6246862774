"""A chart by name: its title, its sources, the tab that shows it, and its builder (no Streamlit).

Each module of dashboard/figures/ named after a tab lists its charts in `CHARTS`; the catalog
(dashboard/figures/catalog.py) collects them. A builder takes the data layer's tables
(`dashboard.data.Tables`) and the view's options (URL parameter -> valid values, `lang` among
them) and returns a plotly figure dict. The page's tabs, `?chart=<name>` and the static edition
all draw a chart through its builder, so they draw the same figure for the same view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dashboard.core import i18n, sources
from dashboard.core.sources import Cited
from dashboard.data import Tables

Figure = dict[str, Any]
Options = Mapping[str, Sequence[str]]  # URL parameter -> values (already checked by the page)


def first(options: Options, name: str, default: str = "") -> str:
    """The first value of a URL parameter among the options, else `default`."""
    values = options.get(name) or ()
    return values[0] if values else default


def lang_of(options: Options) -> str:
    """The view's language: ?lang= among the options, English when absent or unknown."""
    lang = first(options, "lang", i18n.DEFAULT_LANGUAGE)
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Chart:
    name: str  # the URL value: ?chart=<name>
    title: str  # English, marked for translation (N_)
    sources: tuple[Cited, ...]  # keys of dashboard.core.sources, each with a role or not
    view: str  # the tab that shows it in the full page (?view=)
    build: Callable[[Tables, Options], Figure]
    params: tuple[str, ...] = ()  # the URL parameters it follows (region, color, when, ...)
    title_for: Callable[[Tables, Options], str] | None = field(default=None, compare=False)
    sources_for: Callable[[Tables, Options], tuple[Cited, ...]] | None = field(default=None, compare=False)
    note_for: Callable[[Tables, Options], str] | None = field(default=None, compare=False)  # caveats, in `lang`

    def title_of(self, tables: Tables, options: Options) -> str:
        """The title in the view's language."""
        return self.title_for(tables, options) if self.title_for else i18n.translator(lang_of(options))(self.title)

    def cited(self, tables: Tables, options: Options) -> tuple[Cited, ...]:
        return self.sources_for(tables, options) if self.sources_for else self.sources

    def credit_of(self, tables: Tables, options: Options) -> str:
        """The short source line drawn inside the chart."""
        return sources.credit(self.cited(tables, options), lang_of(options))

    def source_of(self, tables: Tables, options: Options) -> str:
        """The caption under the chart: its sources in full, then its caveats."""
        caption = sources.caption(self.cited(tables, options), lang_of(options))
        note = self.note_for(tables, options) if self.note_for else ""
        return f"{caption} {note}" if note else caption
