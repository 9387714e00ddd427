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
from .editions import BLEED_MM, PT_PER_MM, Edition
from .glyphs import NotdefWatch
from .messages import foreign_fonts_error, notdef_error
from .resources import font_alias


def bleed_box_finisher(edition: Edition):
    """A WeasyPrint finisher: print-shop files get a BleedBox exactly 3 mm around the TrimBox
    (WeasyPrint puts it at the edge of the CSS bleed area, which here also holds the marks).
    Office files are left as they are."""
    def finish(document, pdf):
        import pydyf
        if not edition.shop:
            return
        bleed = BLEED_MM * PT_PER_MM
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
                left, top, right, bottom = (float(v) for v in obj["TrimBox"])
                obj["BleedBox"] = pydyf.Array([left - bleed, top - bleed, right + bleed, bottom + bleed])
    return finish


def write_pdf(document, edition: Edition, leaflet: Leaflet, families: tuple[str, ...], epoch: int) -> bytes:
    """The PDF bytes of a laid-out document. BuildError if WeasyPrint drew a .notdef box for a
    character, or set text in a font that is not one of the locale's theme fonts."""
    from weasyprint.urls import FatalURLFetchingError
    document.metadata.created = document.metadata.modified = w3c_timestamp(epoch)
    with NotdefWatch() as watch:
        try:
            data = document.write_pdf(finisher=bleed_box_finisher(edition))
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
