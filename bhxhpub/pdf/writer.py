"""Writing a laid-out leaflet: PDF bytes (print-shop boxes, dates, glyph checks) and files.

With the same sources and the same epoch (SOURCE_DATE_EPOCH, given by the pipeline in
RenderSettings), two builds give byte-identical files: the only dates written into a PDF are
the creation and modification dates, both taken from that epoch.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..content.model import Leaflet
from ..errors import BuildError
from .context import w3c_timestamp
from .editions import BLEED_MM, MARKS_MM, Edition
from .glyphs import NotdefWatch
from .messages import foreign_fonts_error, notdef_error
from .pdfx import PDF_VARIANT, print_shop_finisher
from .resources import font_alias


def write_pdf(document, edition: Edition, leaflet: Leaflet, families: tuple[str, ...], epoch: int,
              identity: str = "", theme: Path | None = None) -> bytes:
    """The PDF bytes of a laid-out document: print-shop editions as PDF/X-4 (pdfx.py). BuildError
    if WeasyPrint drew a .notdef box for a character, or set text in a font that is not one of the
    locale's theme fonts."""
    from weasyprint.urls import FatalURLFetchingError
    document.metadata.created = document.metadata.modified = w3c_timestamp(epoch)
    options = {}
    if edition.shop:
        options = {"pdf_variant": PDF_VARIANT,
                   "finisher": print_shop_finisher(identity or f"leaflet/{leaflet.id}/{edition.id}", BLEED_MM, MARKS_MM,
                                                   theme=theme)}
    with NotdefWatch() as watch:
        try:
            data = document.write_pdf(**options)
        except FatalURLFetchingError as e:
            raise BuildError(str(e.__cause__ or e)) from e
    if watch.missing:
        raise notdef_error(leaflet, sorted(set("".join(watch.missing))))
    aliases = {font_alias(f) for f in families}
    foreign = sorted({font.family for font in document.fonts.values()} - aliases)
    if foreign:
        raise foreign_fonts_error(leaflet, foreign)
    return data


def write_file(target: Path, data: bytes) -> None:
    """Write a file atomically (a reader never sees half a PDF)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)
