"""The "Source & provenance" tab: the press release verbatim with the 24 in bold, and every data
file's source, licence, date accessed, checksum and edits."""

from __future__ import annotations

import re

import streamlit as st

from dashboard.config import N_
from dashboard.core import i18n, sources
from dashboard.core.package import Table
from dashboard.page import language
from dashboard.page.filters import escape_markdown
from dashboard.page.frame import Page
from dashboard.page.language import _

SOURCE_HEADERS = {"file": N_("File"), "title": N_("Title"), "source": N_("Source"), "license": N_("License"),
                  "accessed": N_("Accessed"), "sha256": N_("Checksum (SHA-256)"), "edits": N_("Edits"),
                  "derived_by": N_("Built by")}


def show(page: Page) -> None:
    """The press release, then the provenance of every file."""
    press_release(page)
    provenance(page)


def bold_the_list(seed: str, list_sentence: str, names: list[str]) -> str:
    """The press release as markdown, each signatory's name in bold exactly once: in the list of
    the 24 (a name split by a line break, like Sri Lanka, included; Morocco as the next venue not)."""
    paragraphs = [" ".join(p.split()) for p in seed.split("\n\n") if p.strip()]
    sentence = " ".join(list_sentence.split())
    out = []
    for paragraph in paragraphs:
        at = paragraph.find(sentence)
        if at < 0:
            out.append(escape_markdown(paragraph))
            continue
        listed = escape_markdown(sentence)
        for name in sorted(names, key=len, reverse=True):  # "Dominican Republic" before a shorter name in it
            listed = re.sub(rf"(?<![\w*]){re.escape(escape_markdown(name))}(?![\w*])",
                            lambda m: f"**{m.group(0)}**", listed, count=1)
        out.append(escape_markdown(paragraph[:at]) + listed + escape_markdown(paragraph[at + len(sentence):]))
    return "\n\n".join(out)


def press_release(page: Page) -> None:
    lang = language.current()
    st.header(_("The press release, verbatim, with the signatory names highlighted"), anchor="press-release")
    if lang != "en":
        st.info(i18n.language_messages(lang)["press_release"])
    with st.container(border=True):
        st.markdown(bold_the_list(page.tables.seed, page.tables.list_sentence,
                                  list(page.tables.signatories["name_in_source"])))
        st.caption(_("The text is cut off mid-sentence after “which hosted the” and after “regional consultative”, "
                     "and the list of organisations ends with a comma: kept as received.") + " "
                   + sources.caption(("press-release",), lang) + " " + sources.SOURCES["press-release"].url)


def provenance(page: Page) -> None:
    st.header(_("Sources and provenance of every data file"), anchor="sources")
    with st.container():
        st.dataframe(page.tables.sources.rename(columns={c: _(h) for c, h in SOURCE_HEADERS.items()}),
                     hide_index=True)
        st.caption(_("Checksums are SHA-256 of the shipped files and are verified when the data loads. The "
                     "Gapminder table ships inside the plotly package: its checksum is of the file installed."))


def package_tables(page: Page) -> list[Table]:
    return [Table("sources", "Every data file's source, licence and checksum", page.tables.sources, ())]
