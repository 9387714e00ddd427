"""Colours for print shops: sRGB colours of theme files (logo, QR code) as DeviceCMYK.

Print-shop PDFs are PDF/X-4 with a CMYK output intent (pdfx.py); an RGB colour in them would be
converted by the print shop's RIP, each shop its own way. So the few RGB colours that reach a
print-shop file (the organisation's SVG mark, the QR code) are converted here, once, through the
shipped FOGRA39 profile with LittleCMS (Pillow's ImageCms, already a dependency of WeasyPrint).
Greys, black and white become pure K (0 0 0 k): text and QR modules print with one ink, sharp
on any press, never as a four-colour black that shows registration errors.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

PROFILE = Path(__file__).resolve().parents[2] / "theme" / "pdf" / "icc" / "FOGRA39L.icc"

_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_NAMED = {"black": "000000", "white": "ffffff"}
_SVG_ROOT = re.compile(r"<svg\b[^>]*>")
_NAMED_ATTR = re.compile(r'(\b(?:fill|stroke|stop-color|color)\s*[=:]\s*"?)(black|white)\b')


def _rgb(hex_digits: str) -> tuple[int, int, int]:
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    return int(hex_digits[0:2], 16), int(hex_digits[2:4], 16), int(hex_digits[4:6], 16)


@lru_cache(maxsize=1)
def _transform():
    from PIL import ImageCms
    srgb = ImageCms.createProfile("sRGB")
    return ImageCms.buildTransform(srgb, ImageCms.getOpenProfile(str(PROFILE)), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


@lru_cache(maxsize=256)
def rgb_to_cmyk(hex_digits: str) -> tuple[float, float, float, float]:
    """The CMYK (0–1, two decimals) of an sRGB colour "rrggbb" or "rgb": greys as K only,
    other colours through the FOGRA39 profile (relative colorimetric)."""
    r, g, b = _rgb(hex_digits)
    if r == g == b:
        return (0.0, 0.0, 0.0, round(1 - r / 255, 2))
    from PIL import Image, ImageCms
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), (r, g, b)), _transform()).getpixel((0, 0))
    return tuple(round(v / 255, 2) for v in pixel)


def device_cmyk(hex_digits: str) -> str:
    """The CSS/SVG colour `device-cmyk(c m y k)` of an sRGB colour."""
    return "device-cmyk({:g} {:g} {:g} {:g})".format(*rgb_to_cmyk(hex_digits))


def svg_to_cmyk(svg: str) -> str:
    """An SVG whose hex colours (and the names black and white in colour attributes) are written
    as device-cmyk(): WeasyPrint then draws it in DeviceCMYK. Other colour forms are left as they
    are; the preflight refuses a file where one remains."""
    svg = _NAMED_ATTR.sub(lambda m: m.group(1) + "#" + _NAMED[m.group(2)], svg)
    svg = _HEX.sub(lambda m: device_cmyk(m.group(1)), svg)
    # SVG's default fill is black: WeasyPrint would set it in RGB even for a path that is only stroked
    return _SVG_ROOT.sub(lambda m: m.group(0) if "fill=" in m.group(0) else m.group(0)[:-1] + ' fill="device-cmyk(0 0 0 1)">',
                         svg, count=1)
