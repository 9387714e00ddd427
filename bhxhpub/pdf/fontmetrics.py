"""What setting display type needs of a font: advance widths and glyph extents, read with fontTools.

Pure data read once per process for the same bytes (every project copy has its own theme/fonts):
banners, pennants and posters are fitted with it (channels/largeformat/signfit.py), leaflet titles
and share-image titles are broken into balanced lines with it (pdf/linebreak.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, eq=False)  # compared (and cached) by identity: one object per face and fallback
class FontMetrics:
    """What fitting needs of one face (font units; `units_per_em` of them make 1 em)."""

    units_per_em: int
    ascent: int  # hhea: where the line box puts the baseline
    descent: int  # positive, below the baseline
    cap_height: int
    advances: dict  # code point -> advance width
    tops: dict  # code point -> glyph yMax
    bottoms: dict  # code point -> glyph yMin
    fallback: FontMetrics | None = None  # Noto Sans for characters this face does not have

    def advance(self, char: str) -> int:
        cp = ord(char)
        if cp in self.advances:
            return self.advances[cp]
        if self.fallback is not None:
            return self.fallback.advance(char)
        return self.units_per_em // 2

    def extent(self, char: str) -> tuple[int, int]:
        """(yMin, yMax) of a character's glyph; blanks have none (0, 0)."""
        cp = ord(char)
        if cp in self.tops:
            return self.bottoms[cp], self.tops[cp]
        if self.fallback is not None:
            return self.fallback.extent(char)
        return (0, self.cap_height)


def read_metrics(path: Path, fallback: Path | None = None) -> FontMetrics:
    """The metrics of a .ttf face (glyph bounds from its glyf table), read once per process for the same
    bytes wherever the file lies (every project copy has its own theme/fonts)."""
    other = Path(fallback).read_bytes() if fallback and fallback != path else None
    return _metrics(Path(path).read_bytes(), other)


@lru_cache(maxsize=16)
def _metrics(data: bytes, fallback: bytes | None) -> FontMetrics:
    import io

    from fontTools.ttLib import TTFont
    with TTFont(io.BytesIO(data), lazy=True) as font:
        cmap = font.getBestCmap()
        hmtx, glyf = font["hmtx"], font["glyf"] if "glyf" in font else None
        advances, tops, bottoms = {}, {}, {}
        for cp, name in cmap.items():
            advances[cp] = hmtx[name][0]
            if glyf is not None:
                contours, bottom, top = _glyph_header(glyf.glyphs[name])
                if contours:
                    tops[cp], bottoms[cp] = top, bottom
        os2 = font["OS/2"]
        return FontMetrics(units_per_em=font["head"].unitsPerEm, ascent=font["hhea"].ascent,
                           descent=-font["hhea"].descent, cap_height=getattr(os2, "sCapHeight", 0) or 700,
                           advances=advances, tops=tops, bottoms=bottoms,
                           fallback=_metrics(fallback, None) if fallback is not None else None)


def _glyph_header(glyph) -> tuple[int, int, int]:
    """(numberOfContours, yMin, yMax) of a glyf entry from its header, the first ten bytes, without
    decoding its outline (a tenth of the time for a whole font; the same numbers: a composite
    glyph's box is its header's too)."""
    import struct
    raw = getattr(glyph, "data", None)
    if raw is None:  # no outline, or already decoded
        contours = getattr(glyph, "numberOfContours", 0)
        return (contours, glyph.yMin, glyph.yMax) if contours else (0, 0, 0)
    contours, _x_min, y_min, _x_max, y_max = struct.unpack(">hhhhh", raw[:10])
    return contours, y_min, y_max


def bold_metrics(resources, locale) -> FontMetrics:
    """The bold face of a locale's first font family (ThemeResources), with Noto Sans Bold for what it lacks."""
    return family_bold_metrics(resources, resources.families(locale))


def family_bold_metrics(resources, families: tuple[str, ...]) -> FontMetrics:
    """The bold face of the first of some font families, with the last one (Noto Sans) for what it lacks."""

    def boldest(family: str) -> Path:
        faces = [f for f in resources.faces if f.family == family and not f.italic]
        return max(faces, key=lambda f: f.weight).path
    return read_metrics(boldest(families[0]), boldest(families[-1]))
