"""Plotly's own words in Spanish and French: the chart toolbar's tooltips, its notices, hover
labels, month and day names, decimal and thousands marks (plotly.js's locale dictionaries).

plotly.js localizes its own interface through its config: `locale` names the language and
`locales` carries that language's `dictionary` (English text -> translation) and `format`
(d3 number and date formats). Streamlit's st.plotly_chart sends the config to plotly.js as it is
given (Streamlit 1.67: the frontend copies it, adds its own full-screen button and removes the
lasso and box-select buttons, and touches neither key), so `plotly_config_locale` only has to be
merged into a chart's config.

Where the words come from:
- PLOTLY_DICTIONARY: plotly.js's own Spanish and French locale files, es.js and fr.js of the npm
  package plotly.js-locales 3.7.0 (the same text as lib/locales/ in the plotly.js repository),
  MIT licence, copyright (c) 2016-2024 Plotly Technologies Inc. Kept: every entry whose English
  text the plotly.js that Streamlit 1.67 bundles (4.2.0) still looks up; the five it no longer
  shows (Chart Studio, Internet Explorer and the old "snapshot" notices) are left out.
  Changed: Spanish "gráfica" -> "gráfico" in the two download tooltips (the page says
  "gráfico" everywhere); French no-break space before ":" (plotly's files have a plain one).
- PAGE_DICTIONARY: ours, for the three download notices plotly.js 4 shows that the locale
  package (written for plotly.js 2 and 3) has no entry for yet.
- plotly_format: Unicode CLDR through Babel, the source of the page's own numbers and dates, so
  a chart's axis says "1.599.647" where the text beside it does (plotly's es.js groups thousands
  with a space and capitalizes month names; the page follows CLDR); the date patterns follow
  plotly's fr.js ("16 mai 2006"), Spanish too.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

LANGUAGES = ("es", "fr")  # English is plotly.js's own language: nothing to add
NBSP = "\u00a0"

PLOTLY_DICTIONARY: dict[str, dict[str, str]] = {
    "es": {
        "Autoscale": "Autoescalar",
        "Box Select": "Seleccionar Caja",
        "Click to enter Colorscale title": "Introducir el título de la Escala de Color",
        "Click to enter Component A title": "Introducir el título del Componente A",
        "Click to enter Component B title": "Introducir el título del Componente B",
        "Click to enter Component C title": "Introducir el título del Componente C",
        "Click to enter Plot subtitle": "Introducir el subtítulo de la Gráfica",
        "Click to enter Plot title": "Introducir el título de la Gráfica",
        "Click to enter radial axis title": "Introducir el título del eje radial",
        "Click to enter X axis title": "Introducir el título del eje X",
        "Click to enter Y axis title": "Introducir el título del eje Y",
        "close:": "cierre:",
        "Compare data on hover": "Comparar datos al pasar por encima",
        "Double-click on legend to isolate one trace": "Haga doble-clic en la leyenda para aislar una traza",
        "Double-click to zoom back out": "Haga doble-clic para restaurar la escala",
        "Download plot": "Descargar gráfica",
        "Download plot as a PNG": "Descargar gráfica como PNG",
        "high:": "alza:",
        "incoming flow count:": "flujo de entrada:",
        "kde:": "edp:",
        "Lasso Select": "Seleccionar con lazo",
        "lat:": "lat:",
        "lon:": "lon:",
        "low:": "baja:",
        "lower fence:": "límite inferior:",
        "max:": "máx:",
        "mean ± σ:": "media ± σ:",
        "mean:": "media:",
        "median:": "mediana:",
        "min:": "mín:",
        "new text": "nuevo texto",
        "open:": "apertura:",
        "Orbital rotation": "Rotación esférica",
        "outgoing flow count:": "flujo de salida:",
        "Pan": "Modo Panorámica",
        "Produced with Plotly.js": "Hecho con Plotly.js",
        "q1:": "q1:",
        "q3:": "q3:",
        "Reset": "Reiniciar",
        "Reset axes": "Reiniciar ejes",
        "Reset camera to default": "Restaurar cámara predeterminada",
        "Reset camera to last save": "Restaurar anterior cámara",
        "Reset view": "Restaurar vista",
        "Reset views": "Restaurar vistas",
        "Show closest data on hover": "Mostrar el dato más cercano al pasar por encima",
        "source:": "fuente:",
        "target:": "destino:",
        "Toggle show closest data on hover": "Activar/Desactivar mostrar el dato más cercano al pasar por encima",
        "Toggle Spike Lines": "Mostrar/Ocultar Guías",
        "trace": "traza",
        "Turntable rotation": "Rotación plana",
        "upper fence:": "límite superior:",
        "Zoom": "Modo Ampliar/Reducir",
        "Zoom in": "Ampliar",
        "Zoom out": "Reducir",
    },
    "fr": {
        "Autoscale": "Échelle automatique",
        "Box Select": "Sélection rectangulaire",
        "Click to enter Colorscale title": "Ajouter un titre à l'échelle de couleurs",
        "Click to enter Component A title": "Ajouter un titre à la composante A",
        "Click to enter Component B title": "Ajouter un titre à la composante B",
        "Click to enter Component C title": "Ajouter un titre à la composante C",
        "Click to enter Plot subtitle": "Ajouter un sous-titre au graphique",
        "Click to enter Plot title": "Ajouter un titre au graphique",
        "Click to enter radial axis title": "Ajouter un titre à l'axe radial",
        "Click to enter X axis title": "Ajouter un titre à l'axe des x",
        "Click to enter Y axis title": "Ajouter un titre à l'axe des y",
        "close:": "fermeture :",
        "Compare data on hover": "Comparaison entre données en survol",
        "Double-click on legend to isolate one trace": "Double-cliquer sur la légende pour isoler une série",
        "Double-click to zoom back out": "Double-cliquer pour dézoomer",
        "Download plot": "Télécharger le graphique",
        "Download plot as a PNG": "Télécharger le graphique en fichier PNG",
        "high:": "haut :",
        "incoming flow count:": "flux entrant :",
        "kde:": "est. par noyau :",
        "Lasso Select": "Sélection lasso",
        "lat:": "lat. :",
        "lon:": "lon. :",
        "low:": "bas :",
        "lower fence:": "clôture inférieure :",
        "max:": "max. :",
        "mean ± σ:": "moyenne ± σ :",
        "mean:": "moyenne :",
        "median:": "médiane :",
        "min:": "min. :",
        "new text": "nouveau texte",
        "open:": "ouverture :",
        "Orbital rotation": "Rotation orbitale",
        "outgoing flow count:": "flux sortant :",
        "Pan": "Translation",
        "Produced with Plotly.js": "Généré avec Plotly.js",
        "q1:": "q1 :",
        "q3:": "q3 :",
        "Reset": "Réinitialiser",
        "Reset axes": "Réinitialiser les axes",
        "Reset camera to default": "Régler la caméra à sa valeur défaut",
        "Reset camera to last save": "Régler la caméra à sa valeur sauvegardée",
        "Reset view": "Réinitialiser",
        "Reset views": "Réinitialiser",
        "Show closest data on hover": "Données les plus proches en survol",
        "source:": "source :",
        "target:": "embouchure :",
        "Toggle show closest data on hover": "Activer/désactiver le survol",
        "Toggle Spike Lines": "Activer/désactiver les pics",
        "trace": "série",
        "Turntable rotation": "Rotation planaire",
        "upper fence:": "clôture supérieure :",
        "Zoom": "Zoom",
        "Zoom in": "Zoom intérieur",
        "Zoom out": "Zoom extérieur",
    },
}
# plotly.js's two download tooltips in the page's word for a chart (plotly's es.js: "gráfica").
_PAGE_WORDING = {"es": {"Download plot": "Descargar gráfico", "Download plot as a PNG": "Descargar gráfico como PNG"}}
PAGE_DICTIONARY: dict[str, dict[str, str]] = {
    "es": {
        "Preparing image - this may take a few seconds": "Preparando la imagen; puede tardar unos segundos",
        "Image download succeeded": "La imagen se ha descargado",
        "Sorry, there was a problem downloading your image!": "No se pudo descargar la imagen.",
    },
    "fr": {
        "Preparing image - this may take a few seconds": "Préparation de l’image, cela peut prendre quelques secondes",
        "Image download succeeded": "Image téléchargée",
        "Sorry, there was a problem downloading your image!": "Désolé, l’image n’a pas pu être téléchargée.",
    },
}


def _check(lang: str) -> str:
    if lang not in ("en", *LANGUAGES):
        raise ValueError(f"language must be one of ('en', 'es', 'fr'), not {lang!r}")
    return lang


def plotly_dictionary(lang: str) -> dict[str, str]:
    """plotly.js's English interface text -> `lang` (empty for English)."""
    if _check(lang) == "en":
        return {}
    words = {**PLOTLY_DICTIONARY[lang], **_PAGE_WORDING.get(lang, {}), **PAGE_DICTIONARY[lang]}
    if lang == "fr":  # French typography: a no-break space before the colon, never a line break
        words = {key: value.replace(" :", NBSP + ":") for key, value in words.items()}
    return words


@functools.cache
def _format(lang: str) -> dict[str, Any]:
    locale = Locale.parse(lang)
    days, short_days = locale.days["format"]["wide"], locale.days["format"]["abbreviated"]
    months, short_months = locale.months["format"]["wide"], locale.months["format"]["abbreviated"]
    sunday_first = (6, 0, 1, 2, 3, 4, 5)  # Babel counts from Monday (0); d3 from Sunday
    return {
        "days": [days[i] for i in sunday_first], "shortDays": [short_days[i] for i in sunday_first],
        "months": [months[i] for i in range(1, 13)], "shortMonths": [short_months[i] for i in range(1, 13)],
        "decimal": get_decimal_symbol(locale), "thousands": get_group_symbol(locale),
        "date": "%d/%m/%Y", "year": "%Y", "month": "%b %Y", "dayMonth": "%-d %b", "dayMonthYear": "%-d %b %Y",
    }


def plotly_format(lang: str) -> dict[str, Any]:
    """d3's number and date format of `lang` for plotly.js (empty for English)."""
    return {} if _check(lang) == "en" else copy.deepcopy(_format(lang))


def plotly_config_locale(lang: str) -> dict[str, Any]:
    """The keys to merge into a chart's plotly.js config so its own words are in `lang`:
    {"locale": "es", "locales": {"es": {"dictionary": {...}, "format": {...}}}}; {} for English.
    A new dict each time: `config = {**toolbar_config(...), **plotly_config_locale(lang)}`."""
    if _check(lang) == "en":
        return {}
    return {"locale": lang, "locales": {lang: {"dictionary": plotly_dictionary(lang), "format": plotly_format(lang)}}}
