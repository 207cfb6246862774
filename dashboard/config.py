"""Constants a reader may want to change: colours, default view, limits."""

from __future__ import annotations

from typing import Final

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE: Final[tuple[str, ...]] = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
)
NOT_SIGNATORY: Final = "#E6E6E6"  # quiet grey for the rest of the world
FILTERED_OUT: Final = "#808080"  # a signatory outside the filter: 3.2:1 against NOT_SIGNATORY (WCAG 1.4.11)
BORDER: Final = "#FFFFFF"
OUTLINE: Final = "#1A1A1A"  # the 24's border when a map colours every country
# Sequential, colour-blind safe (viridis, light to dark reversed so more reads darker on white).
SEQUENTIAL: Final[tuple[str, ...]] = ("#FDE725", "#7AD151", "#22A884", "#2A788E", "#414487", "#440154")

DEFAULT_COLOR_MODE: Final = "region"

MAX_PARAM_VALUES: Final = 20  # query-parameter values read per key; the rest are ignored
MAX_PARAM_CHARS: Final = 80  # longer values are ignored (and reported shortened)

MAP_HEIGHT: Final = 440
MAP_CENTER: Final[dict[str, float]] = {"lat": 12.0, "lon": 10.0}
MAP_ZOOM: Final = 0.55
# 0.1 degree (about 11 km): under one pixel at the default world view (~0.5 degree a pixel),
# and 12% fewer bytes than 0.01 degree; the 1:110m source is no finer than that anyway.
GEOJSON_DIGITS: Final = 1



def N_(message: str) -> str:
    """Marks a message for translation where it is defined; the page translates it when shown."""
    return message


# The page's tabs: URL value (?view=...) -> tab label (English; translated when shown).
# Only the open tab is built and sent.
VIEWS: Final[dict[str, str]] = {
    "map": N_("Map & table"),
    "migration": N_("Migration & remittances"),
    "regions": N_("By region"),
    "timeline": N_("Lima and after"),
    "treaties": N_("Legal frameworks"),
    "processes": N_("Regional processes"),
    "population": N_("Population"),
    "compare": N_("Compare a list"),
    "sources": N_("Source & provenance"),
}
DEFAULT_VIEW: Final = "map"
