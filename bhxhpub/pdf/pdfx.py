"""PDF/X-4 for print shops: the output intent, the page boxes, CMYK crop marks, fixed metadata.

Every print-shop file (leaflets `*-nha-in`, banners, pennants, posters) is written by WeasyPrint
with `pdf_variant="pdf/x-4"` and the stylesheet rule of `output_intent_css()`, which names the
shipped FOGRA39 profile (theme/pdf/icc/) as `device-cmyk`: WeasyPrint embeds it as the
OutputIntent (OutputConditionIdentifier "FOGRA39") and writes `device-cmyk()` colours as
DeviceCMYK. `print_shop_finisher` then completes each page after layout:

- BleedBox exactly `bleed_mm` around the TrimBox (WeasyPrint puts it at the edge of the CSS bleed
  area, which here also holds the marks);
- crop marks in registration colour (C, M, Y and K at 100 %, so every plate shows them), drawn
  in the mark area outside the bleed: WeasyPrint's own `marks: crop` are RGB black;
- `GTS_PDFXVersion` in the Info dictionary too (WeasyPrint writes it in XMP only for X-4);
- a DocumentID derived from the file's identity instead of a random UUID, so that two builds of
  the same sources give the same bytes (the dates are set from the build epoch by the caller).

The preflight (preflight.py) checks the result of every print-shop file.
"""
from __future__ import annotations

import re
import uuid
import zlib
from functools import lru_cache
from pathlib import Path

from .measures import PT_PER_MM
from .tagging import artifact

PDF_VARIANT = "pdf/x-4"
PROFILE_RELATIVE = "pdf/icc/FOGRA39L.icc"  # under theme/
MARK_LINE_PT = 0.3
MARK_GAP_MM = 3.0  # marks start this far outside the trim: never inside the 3 mm bleed

_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-fA-F-]{36}")


def output_intent_css(theme: Path) -> str:
    """The @color-profile rule of a print-shop document (no other document may carry it: its
    presence alone makes WeasyPrint write an OutputIntent)."""
    url = (Path(theme) / PROFILE_RELATIVE).resolve().as_uri()
    return f"@color-profile device-cmyk {{ src: url({url}); components: c, m, y, k; }}"


def document_uuid(identity: str) -> str:
    """A stable UUID for a print-shop file (e.g. "leaflet/vi/ten-to-roi/a5-nha-in")."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "bhxhpub:" + identity))


def crop_marks(trim: tuple[float, float, float, float], bleed_mm: float, marks_mm: float) -> bytes:
    """Content-stream operators drawing the eight crop marks of a TrimBox (points), from
    MARK_GAP_MM outside the trim to 1 mm short of the media edge, in registration colour."""
    left, bottom, right, top = trim
    start = max(MARK_GAP_MM, bleed_mm) * PT_PER_MM
    end = (marks_mm - 1.0) * PT_PER_MM
    ops = [f"q {MARK_LINE_PT} w 0 J [] 0 d 1 1 1 1 K"]
    for y in (bottom, top):
        ops.append(f"{left - start:.3f} {y:.3f} m {left - end:.3f} {y:.3f} l S")
        ops.append(f"{right + start:.3f} {y:.3f} m {right + end:.3f} {y:.3f} l S")
    for x in (left, right):
        ops.append(f"{x:.3f} {bottom - start:.3f} m {x:.3f} {bottom - end:.3f} l S")
        ops.append(f"{x:.3f} {top + start:.3f} m {x:.3f} {top + end:.3f} l S")
    ops.append("Q")
    return "\n".join(ops).encode("ascii")


@lru_cache(maxsize=4)
def deflated_profile(theme: Path) -> bytes:
    """The shipped output-intent profile, deflated once per build (FlateDecode)."""
    return zlib.compress((Path(theme) / PROFILE_RELATIVE).read_bytes(), 6)


def print_shop_finisher(identity: str, bleed_mm: float, marks_mm: float, marks: bool = True, theme: Path | None = None):
    """A WeasyPrint finisher for a print-shop file (see the module docstring). With `theme`, the
    embedded output profile is replaced by the shipped file's own bytes."""
    profile = deflated_profile(Path(theme).resolve()) if theme is not None else None

    def finish(document, pdf):
        import pydyf
        bleed = bleed_mm * PT_PER_MM
        for obj in list(pdf.objects):
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
                left, bottom, right, top = (float(v) for v in obj["TrimBox"])
                obj["BleedBox"] = pydyf.Array([left - bleed, bottom - bleed, right + bleed, top + bleed])
                if marks:
                    # before the page's own stream, which leaves its flipped CTM in place
                    stream = pydyf.Stream([artifact(crop_marks((left, bottom, right, top), bleed_mm, marks_mm))])
                    pdf.add_object(stream)
                    obj["Contents"] = pydyf.Array([stream.reference, obj["Contents"]])
            elif isinstance(obj, pydyf.Stream) and dict(obj.extra) == {"N": 4} and profile is not None:
                # WeasyPrint embeds the profile as LittleCMS re-serialises it (409 KB, 0.3 s to
                # deflate at level 9); the shipped file is the same profile in 155 KB
                obj.stream, obj.compress = [profile], False
                obj.extra["Filter"] = "/FlateDecode"
            elif isinstance(obj, pydyf.Stream) and obj.extra.get("Subtype") == "/XML":
                obj.stream = [_DOCUMENT_ID.sub(f"xmp.did:{document_uuid(identity)}".encode(), _bytes(part))
                              for part in obj.stream]
        pdf.info["GTS_PDFXVersion"] = pydyf.String("PDF/X-4")
    return finish


def _bytes(part) -> bytes:
    return part if isinstance(part, bytes) else str(part).encode("utf-8")


def shop_logo_svg(theme: Path, logo_uri: str | None, alt: str = ""):
    """The organisation's SVG mark inlined with CMYK colours for a print-shop file, `alt` as its
    <title> (a tagged PDF's alternative text; None when there is no logo or it is not an SVG file
    under theme/: the template then uses <img>, and the preflight reports an RGB picture)."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from markupsafe import Markup
    if not logo_uri:
        return None
    path = Path(url2pathname(urlsplit(logo_uri).path)).resolve()
    if path.suffix.lower() != ".svg" or not path.is_relative_to(Path(theme).resolve()) or not path.is_file():
        return None
    from .cmyk import svg_to_cmyk
    svg = path.read_text(encoding="utf-8")
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<script\b.*?</script>|<title\b.*?</title>", "", svg, flags=re.S | re.I)
    if alt:
        from markupsafe import escape
        svg = re.sub(r"(<svg\b[^>]*>)", lambda m: f"{m.group(1)}<title>{escape(alt)}</title>", svg, count=1, flags=re.I)
    return Markup(svg_to_cmyk(svg))


def shop_values(theme: Path, logo_uri: str | None, logo_alt: str = "") -> dict:
    """Template values every print-shop template needs: the output intent rule and the CMYK mark."""
    from markupsafe import Markup
    return {"output_intent_css": Markup(output_intent_css(theme)), "logo_svg": shop_logo_svg(theme, logo_uri, logo_alt)}
