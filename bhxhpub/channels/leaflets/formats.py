"""The one catalogue of PDF editions, and the fixed measures of the printed leaflets.

Editions per leaflet format (file names: pdf/<locale>/<leaflet-id>-<edition>.pdf):

    a5             A5 148 × 210 mm, two pages (front, back)
    a5-2up         office: A4 landscape, two A5 copies side by side; page 1 = two fronts,
                   page 2 = two backs: print both sides (flip on the short edge), cut once
    a5-nha-in      print shop: A5 trim, 3 mm bleed, crop marks, TrimBox/BleedBox, CMYK colours
    gap-ba         office tri-fold on A4 landscape, two pages:
                   outside = inside flap 97 | back 100 | front cover 100 mm,
                   inside = 100 | 100 | flap 97 mm, questions flowing through the inside panels
    gap-ba-nha-in  the tri-fold for a print shop: bleed, crop and fold marks, CMYK colours

Office editions are designed for a black-and-white laser printer: black text, light solid
fills, no meaning carried by colour alone, nothing closer than 6 mm to the paper edge.

The leaflet formats themselves (`LEAFLET_FORMATS`) belong to the content model: the loader
validates `formats:` against the same list, and every format has its editions here.
What a download list calls an edition is an interface string, content/ui.yaml
"pdf.edition_<id>" (see labels.py), not a field of the catalogue.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Optional

from ...model.types import LEAFLET_FORMATS, Leaflet

MAX_BYTES = 1_000_000  # largest file offered for download
QR_SYMBOL_MM = MappingProxyType({"a5": 21.0, "trifold": 24.0})  # printed QR symbol width, quiet zone not included
# Body text sizes tried from the largest: a short leaflet gets bigger type for older readers,
# a long one goes down to 10 pt and no further; below that it is an overflow error.
BODY_PT = MappingProxyType({"a5": (12.0, 11.5, 11.0, 10.5, 10.0),
                            "trifold": (12.5, 12.0, 11.5, 11.0, 10.5, 10.0)})

# The title on the cover: column width (mm) and size (pt). Its lines are broken between words and
# balanced in Python (pdf/linebreak.py), so the template takes both from here.
TITLE_BOX = MappingProxyType({"a5": (130.0, 20.0), "trifold": (80.0, 27.0)})
TITLE_FILL = 0.97  # measured widths leave this share of the column: kerning may add a little


@dataclass(frozen=True)
class PanelSlot:
    """The empty slot a commune's panel is stamped into (communes.py): on the A5 leaflet the
    contact strip at the foot of the back page, on the tri-fold the contact block of the back
    panel. Every commune's panel must fit it (its name, its collection agents, its office and
    a QR code to its entry on the site); the shared pages are laid out once around it."""

    width_mm: float
    height_mm: float
    qr_mm: float  # the largest printed QR code, quiet zone included (its symbol is 20 mm: panels.py)


PANEL_SLOTS = MappingProxyType({"a5": PanelSlot(130.0, 35.0, 26.0), "trifold": PanelSlot(80.0, 112.0, 28.0)})

# Tri-fold panel widths (mm), left to right. Outside: inside-flap | back | front cover.
TRIFOLD_OUTSIDE = (97.0, 100.0, 100.0)
TRIFOLD_INSIDE = (100.0, 100.0, 97.0)


@dataclass(frozen=True)
class Edition:
    """One kind of file made from a leaflet of a format."""

    id: str
    layout: str  # the leaflet format, and the template theme/pdf/<layout>.html.j2: a5 | trifold
    shop: bool  # print shop: bleed, marks, CMYK
    impose: Optional[str]  # "2up": two copies of the A5 pages on A4 landscape
    width_mm: float  # finished (trim) size of a page of the file
    height_mm: float
    pages: int
    format_name: str  # for error messages to editors (Vietnamese): "tờ rơi A5", "tờ gấp ba A4"

    @property
    def label_key(self) -> str:
        """The interface string (content/ui.yaml) that names this edition in download lists."""
        return f"pdf.edition_{self.id}"


EDITIONS: Mapping[str, tuple[Edition, ...]] = MappingProxyType({
    "a5": (
        Edition("a5", "a5", False, None, 148, 210, 2, "tờ rơi A5"),
        Edition("a5-2up", "a5", False, "2up", 297, 210, 2, "tờ rơi A5"),
        Edition("a5-nha-in", "a5", True, None, 148, 210, 2, "tờ rơi A5"),
    ),
    "trifold": (
        Edition("gap-ba", "trifold", False, None, 297, 210, 2, "tờ gấp ba A4"),
        Edition("gap-ba-nha-in", "trifold", True, None, 297, 210, 2, "tờ gấp ba A4"),
    ),
})
assert set(EDITIONS) == set(LEAFLET_FORMATS), "every leaflet format needs its editions"

SHOP_EDITIONS = frozenset(e.id for eds in EDITIONS.values() for e in eds if e.shop)


def editions_for(leaflet: Leaflet) -> list[Edition]:
    """The editions made from a leaflet, in the order of its formats and of the catalogue."""
    return [edition for fmt in leaflet.formats for edition in EDITIONS.get(fmt, ())]


def all_editions() -> list[Edition]:
    """Every edition of every format."""
    return [edition for eds in EDITIONS.values() for edition in eds]


def imposed_from(edition: Edition) -> Edition:
    """The edition an imposed edition (2-up) is made from: the office edition of its layout."""
    return next(e for e in EDITIONS[edition.layout] if not e.shop and not e.impose)
