"""The four treaties the Declaration names: their keys, short labels, full names and UN Treaty
Collection chapters, and their official names in Spanish and French (no Streamlit)."""

from __future__ import annotations

from dashboard.core import i18n

# key -> (short label, full name, UN Treaty Collection chapter)
TREATIES: dict[str, tuple[str, str, str]] = {
    "ICRMW": ("ICRMW", "International Convention on the Protection of the Rights of All Migrant "
              "Workers and Members of Their Families", "chapter IV-13"),
    "UNTOC": ("UNTOC", "United Nations Convention against Transnational Organized Crime",
              "chapter XVIII-12"),
    "UNTOC-TIP": ("Trafficking Protocol", "Protocol to Prevent, Suppress and Punish Trafficking in "
                  "Persons, Especially Women and Children, supplementing the UNTOC", "chapter XVIII-12-a"),
    "UNTOC-SOM": ("Smuggling Protocol", "Protocol against the Smuggling of Migrants by Land, Sea "
                  "and Air, supplementing the UNTOC", "chapter XVIII-12-b"),
}
# Official names in the UN's own forms (the UN Treaty Collection and the UN terminology database).
# English is the page's current wording (TREATIES above), unchanged.
TREATY_NAMES: dict[str, dict[str, str]] = {
    "ICRMW": {
        "es": "Convención Internacional sobre la protección de los derechos de todos los "
              "trabajadores migratorios y de sus familiares",
        "fr": "Convention internationale sur la protection des droits de tous les travailleurs "
              "migrants et des membres de leur famille",
    },
    "UNTOC": {
        "es": "Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional",
        "fr": "Convention des Nations Unies contre la criminalité transnationale organisée",
    },
    "UNTOC-TIP": {
        "es": "Protocolo para prevenir, reprimir y sancionar la trata de personas, especialmente "
              "mujeres y niños",
        "fr": "Protocole visant à prévenir, réprimer et punir la traite des personnes, en "
              "particulier des femmes et des enfants",
    },
    "UNTOC-SOM": {
        "es": "Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire",
        "fr": "Protocole contre le trafic illicite de migrants par terre, mer et air",
    },
}


def treaty_name(key: str, lang: str) -> str:
    """The full name of a treaty (ICRMW, UNTOC, UNTOC-TIP, UNTOC-SOM) in `lang`."""
    if lang == "en":
        return TREATIES[key][1]
    return TREATY_NAMES[key][i18n.check_language(lang)]
