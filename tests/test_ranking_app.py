"""The migration tab's ranked answers and the profile through AppTest: the ranked bars follow the tab's
indicator, "The 24 in figures" is sorted largest first with numbers written for the page's language, the
page names Algeria's series break, and the profile's treaty names and scroll into view."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
from apptest_support import run

from dashboard.core import i18n
from dashboard.figures import formats

NNBSP = "\u202f"  # CLDR's French group separator


def _display(at, key: str = "migration_table"):
    """The table as the reader sees it: the Styler's display values (the cells keep their numbers)."""
    (frame,) = [d for d in at.dataframe if d.proto.id and key in d.proto.id] or at.dataframe[-1:]
    styler = frame.proto.arrow_data.styler
    return frame.value, pa.ipc.open_stream(styler.display_values).read_all().to_pandas()


def _captions(at) -> str:
    """The captions as the reader reads them ("$" is escaped in the Markdown, so that no formula opens)."""
    return " ".join(c.value for c in at.caption).replace("\\$", "$")


def _ranked(at) -> dict:
    (spec,) = [s for s in (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
               if s["data"] and s["data"][0].get("type") == "bar" and len(s["data"][0]["y"]) == 24]
    return spec


def test_the_ranked_bars_and_the_table_follow_the_indicator():
    at = run(view="migration")
    bars = _ranked(at)["data"][0]
    assert bars["y"][:3] == ["India", "Mexico", "China"]
    values, shown = _display(at)
    emigrants = values["Emigrants 2020"].tolist()
    assert emigrants == sorted(emigrants, reverse=True) and values["Country"].iloc[0] == "India"
    assert shown["Emigrants 2020"].iloc[0] == "17,869,492" and shown["Emigrants 2005"].iloc[0] == "9,588,533"
    headers = list(values.columns)
    assert headers.index("Remittances 2023 (US$ million)") < 8, "the remittances come before the long columns"
    assert headers[-1] == "Top destinations 2020"
    captions = _captions(at)
    assert "Sorted by “Emigrants 2020”, largest first" in captions

    at = run(view="migration", indicator="remittances", year="2005")
    assert _ranked(at)["data"][0]["y"][0] == "Mexico"
    values, shown = _display(at)
    assert values["Country"].iloc[0] == "Mexico"
    column = "Remittances 2005 (US$ million)"
    assert values[column].dropna().tolist() == sorted(values[column].dropna(), reverse=True)
    algeria = values.index[values["Country"] == "Algeria"][0]
    assert shown[column].iloc[algeria] == "170 †"  # the figure, marked: inside a series break
    captions = _captions(at)
    assert ("† Algeria: the World Bank's series falls from US$2.46 bn (2004) to US$0.17 bn (2005) and is back at "
            "US$2.45 bn in 2014") in captions


@pytest.mark.parametrize(("lang", "number", "country"), [("es", "17.869.492", "India"),
                                                          ("fr", f"17{NNBSP}869{NNBSP}492", "Inde")])
def test_the_table_writes_numbers_for_the_language(lang, number, country):
    at = run(view="migration", lang=lang)
    values, shown = _display(at)
    header = i18n.translator(lang)("Emigrants 2020")
    assert values.iloc[0, 0] == country and shown[header].iloc[0] == number
    assert values[header].iloc[0] == 17_869_492, "the cell keeps its number, so a header click sorts by number"
    gdp = i18n.translator(lang)("Remittances 2023, % of GDP")
    assert shown[gdp].iloc[0] == i18n.format_number(values[gdp].iloc[0], lang, 1) and "," in shown[gdp].iloc[0]


def test_a_year_the_table_lacks_adds_its_column_and_sorts_by_it():
    at = run(view="migration", indicator="immigrants", year="2024")
    values, _ = _display(at)
    assert list(values.columns[:2]) == ["Country", "Immigrants 2024"]
    assert values["Immigrants 2024"].tolist() == sorted(values["Immigrants 2024"], reverse=True)


def test_the_remittance_lines_name_the_break_and_the_chosen_figures():
    at = run(view="migration", country="PHL")
    captions = _captions(at)
    assert "Philippines: US$13.7 bn in 2005, US$39.1 bn in 2023." in captions
    assert "Algeria: the World Bank's series falls from US$2.46 bn (2004) to US$0.17 bn (2005)" in captions


def test_the_profile_names_the_treaties_in_the_readers_language():
    at = run(country="PER", lang="es")
    text = "\n".join(m.value for m in at.markdown)
    for english in ("ICRMW", "UNTOC", "Trafficking Protocol", "Smuggling Protocol"):
        assert english not in text, english
    assert "Convención sobre los trabajadores migratorios" in text and "Protocolo contra el tráfico ilícito" in text
    table = [m.value for m in at.markdown if m.value.startswith("| Tratado")]
    listed = [m.value for m in at.markdown if m.value.startswith("- **Convención sobre los trabajadores")]
    assert len(table) == 1 and len(listed) == 1, "a table for wide screens, a list for phones"
    assert listed[0].count("\n") == 3  # one line per treaty


def test_the_profile_scrolls_into_view_only_when_the_country_changes():
    at = run(country="PER")
    scripts = [h for h in at.get("html") if "scrollIntoView" in h.proto.body]
    assert len(scripts) == 1
    at.run()  # the same profile again (a widget elsewhere changed): no scroll
    assert not [h for h in at.get("html") if "scrollIntoView" in h.proto.body]
    at.selectbox(key="country").set_value("DZA").run()
    assert len([h for h in at.get("html") if "scrollIntoView" in h.proto.body]) == 1


def test_the_profile_keeps_a_broken_2005_figure_out_of_the_comparison():
    at = run(country="DZA")
    text = "\n".join(m.value for m in at.markdown)
    assert "**Remittances received:** US$1.9 bn in 2023" in text
    assert f"the 2005 figure, {formats.usd(0.17e9)} †, is inside a break in the series" in text
    assert "in 2005 (" not in text.split("**Remittances received:**")[1]
    captions = _captions(at)
    assert "† Algeria: the World Bank's series falls from US$2.46 bn (2004)" in captions


def test_no_dollar_opens_a_formula_in_spanish():
    """"de US$; ... de US$ (2004)" would be a LaTeX formula in Streamlit's Markdown: every $ of the
    break notes and of the captions that carry them is escaped."""
    at = run(view="migration", indicator="remittances", year="2005", country="DZA", lang="es")
    notes = [c.value for c in at.caption if "Argelia: la serie del Banco Mundial" in c.value]
    assert len(notes) >= 3  # the ranked bars, the remittance lines, the table
    for note in notes:
        assert "$" not in note.replace("\\$", ""), note
