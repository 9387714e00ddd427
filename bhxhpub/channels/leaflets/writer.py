"""A laid-out leaflet as PDF bytes: print-shop editions as PDF/X-4, dates from the epoch, glyph checks."""
from __future__ import annotations

from pathlib import Path

from ...errors import BuildError
from ...model.types import Leaflet
from ...pdf.glyphs import NotdefWatch
from ...pdf.measures import BLEED_MM, MARKS_MM
from ...pdf.pdfx import print_shop_finisher
from ...pdf.resources import font_alias
from ...pdf.tagging import write_options
from ...render.text import w3c_timestamp
from .errors import foreign_fonts_error, notdef_error
from .formats import Edition


def write_pdf(document, edition: Edition, leaflet: Leaflet, families: tuple[str, ...], epoch: int,
              identity: str = "", theme: Path | None = None, copyfit: str = "", view=None) -> bytes:
    """The PDF bytes of a laid-out document, tagged (pdf/tagging.py): office editions PDF/UA-1, print-shop
    editions PDF/X-4 (pdfx.py) with the same tags. BuildError
    if WeasyPrint drew a .notdef box for a character, or set text in a font that is not one of the
    locale's theme fonts. `copyfit` (how full the panels are, pdf/copyfit.py) is written as /copyfit."""
    from weasyprint.urls import FatalURLFetchingError
    document.metadata.created = document.metadata.modified = w3c_timestamp(epoch)
    if copyfit:
        document.metadata.custom["copyfit"] = copyfit
    finisher = None
    if edition.shop:
        finisher = print_shop_finisher(identity or f"leaflet/{leaflet.id}/{edition.id}", BLEED_MM, MARKS_MM, theme=theme)
    options = write_options(edition.shop, finisher)
    with NotdefWatch() as watch:
        try:
            data = document.write_pdf(**options)
        except FatalURLFetchingError as e:
            raise BuildError(str(e.__cause__ or e)) from e
    if watch.missing:
        raise notdef_error(leaflet, sorted(set("".join(watch.missing))), view)  # the view: a translation names its file
    aliases = {font_alias(f) for f in families}
    foreign = sorted({font.family for font in document.fonts.values()} - aliases)
    if foreign:
        raise foreign_fonts_error(leaflet, foreign)
    return data
