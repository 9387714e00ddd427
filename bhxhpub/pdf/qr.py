"""QR codes for printed material: the address of a leaflet's page, as inline SVG.

Generated in Python with segno, so a renderer needs no network and no image file.
The printed size is given in millimetres; the quiet zone (4 modules, required
by ISO/IEC 18004 for reliable scanning) is always drawn in white, so a code
stays readable on a coloured background.
"""
from __future__ import annotations

from functools import lru_cache

import segno

from ..model.settings import Settings
from ..model.types import Leaflet

QUIET_ZONE = 4  # modules


def leaflet_url(settings: Settings, leaflet: Leaflet, locale: str) -> str:
    """Public URL of a leaflet's page: the default locale lives at the site root."""
    base = settings.base_url.rstrip("/") + "/"
    if locale == settings.default_locale:
        return base + leaflet.url_path
    return f"{base}{locale}/{leaflet.url_path}"


@lru_cache(maxsize=4096)
def make(data: str) -> segno.QRCode:
    """The QR code of `data` (no Micro QR; error correction raised when it costs no size). Made once
    per process for the same data (segno tries eight masks in Python: 2 ms a code): a commune's
    code goes on its panel in every layout and ink, and is measured before it is drawn. Callers
    only read it."""
    # Level M (15 % recovery) keeps the symbol small for a given printed size;
    # segno raises the level by itself when that does not need a larger version.
    return segno.make(data, error="m", micro=False, boost_error=True)


def qr_svg(data: str, size_mm: float = 26.0, dark: str = "#000000", light: str = "#ffffff",
           title: str | None = None, css_class: str = "qr") -> str:
    """An inline <svg> element of exactly size_mm × size_mm, quiet zone included.

    Keep the symbol itself (size_mm minus the quiet zone) at 20 mm or more for
    printed leaflets: phones then read it from arm's length at 300 dpi or less.
    """
    code = make(data)
    modules = code.symbol_size(border=QUIET_ZONE)[0]
    scale = size_mm / modules
    svg = code.svg_inline(scale=scale, border=QUIET_ZONE, unit="mm", dark=dark, light=light,
                          title=title, svgclass=css_class, lineclass=None)
    return svg


def symbol_mm(data: str, size_mm: float) -> float:
    """Printed width of the symbol without its quiet zone, for checks."""
    code = make(data)
    modules = code.symbol_size(border=QUIET_ZONE)[0]
    return size_mm * (modules - 2 * QUIET_ZONE) / modules


def printed_size_mm(data: str, min_symbol_mm: float = 21.0) -> float:
    """Total printed size (quiet zone included) that gives the symbol at least min_symbol_mm."""
    code = make(data)
    modules = code.symbol_size(border=QUIET_ZONE)[0]
    inner = modules - 2 * QUIET_ZONE
    return round(min_symbol_mm * modules / inner + 0.05, 1)
