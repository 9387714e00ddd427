"""Setting one text as large as it fits a box: banners, pennants, poster headlines.

Pure functions of font metrics (fontTools, read from the theme's font files): the words of a
text are measured once in font units; for every number of lines, the line breaks that make the
widest line as narrow as possible are found (dynamic programming, like balanced text), and the
size is whichever of width and height limits it first. The number of lines that gives the
largest type wins (fewer lines when two are within 3 %).

Vietnamese stacks marks above capitals ("Ẩ", "Ỗ" reach 1.05 em in Noto Sans) and letters such as
"g", "ỹ" reach 0.24 em below the baseline, so the distance between baselines is taken from the
glyphs the text really has: the highest top and the lowest bottom of any of its characters plus a
gap of `GAP_EM`. No mark of one line can then touch a letter of the next, whatever the size.
The renderer checks the laid-out result again (largeformat.py) and the tests look at the PDF.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GAP_EM = 0.06  # clear space between the lowest descender of a line and the highest mark below it
TIE = 0.97  # fewer lines win unless more lines give over 3 % larger type
BREAKS = (" ", "\u200b")  # spaces; zero-width spaces between Khmer words (context.prepare_text)


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
    with TTFont(io.BytesIO(data), lazy=False) as font:
        cmap = font.getBestCmap()
        hmtx, glyf = font["hmtx"], font["glyf"] if "glyf" in font else None
        advances, tops, bottoms = {}, {}, {}
        for cp, name in cmap.items():
            advances[cp] = hmtx[name][0]
            if glyf is not None:
                glyph = glyf[name]
                if getattr(glyph, "numberOfContours", 0):
                    tops[cp], bottoms[cp] = glyph.yMax, glyph.yMin
        os2 = font["OS/2"]
        return FontMetrics(units_per_em=font["head"].unitsPerEm, ascent=font["hhea"].ascent,
                           descent=-font["hhea"].descent, cap_height=getattr(os2, "sCapHeight", 0) or 700,
                           advances=advances, tops=tops, bottoms=bottoms,
                           fallback=_metrics(fallback, None) if fallback is not None else None)


@dataclass(frozen=True)
class Fit:
    """A text set in a box: its lines, the font size and the distance between baselines."""

    lines: tuple[str, ...]
    font_mm: float  # font size (1 em)
    pitch_em: float  # baseline to baseline
    top_em: float  # from the top of the text block to the first baseline
    block_em: float  # height of the text block (first glyph top to last glyph bottom, with room)
    cap_mm: float  # height of a capital letter at this size
    width_em: float  # widest line


def words_of(text: str) -> list[tuple[str, str]]:
    """(word, the separator before it) for every word; a separator is a space, or a zero-width
    space between Khmer words, or "" for the first word."""
    out: list[tuple[str, str]] = []
    word, sep, pending = "", "", ""
    for char in text:
        if char in BREAKS:
            if word:
                out.append((word, sep))
                word = ""
            pending = " " if char == " " or pending == " " else (pending or char)
            continue
        if not word:
            sep, pending = (pending if out else ""), ""
        word += char
    if word:
        out.append((word, sep))
    return out


def _width(metrics: FontMetrics, text: str) -> int:
    return sum(metrics.advance(c) for c in text)


def balanced_lines(words: list[tuple[str, str]], metrics: FontMetrics, count: int) -> tuple[tuple[str, ...], int]:
    """The `count` lines (at most) whose widest is as narrow as possible, and that width (font units)."""
    n = len(words)
    count = max(1, min(count, n))
    widths = [_width(metrics, w) for w, _ in words]
    seps = [_width(metrics, " ") if s == " " else 0 for _, s in words]

    def span(i: int, j: int) -> int:  # words i..j-1 on one line
        return sum(widths[i:j]) + sum(seps[i + 1:j])

    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0
    for k in range(1, count + 1):
        for j in range(1, n + 1):
            for i in range(k - 1, j):
                value = max(best[k - 1][i], span(i, j))
                if value < best[k][j]:
                    best[k][j], cut[k][j] = value, i
    lines, j = [], n
    for k in range(count, 0, -1):
        i = cut[k][j]
        line = "".join((sep if m > i else "") + words[m][0] for m, (_, sep) in enumerate(words[i:j], start=i))
        lines.append(line)
        j = i
    return tuple(reversed(lines)), int(best[count][n])


@lru_cache(maxsize=4096)  # the same texts at the same sizes in the plan's check and in the render
def fit_text(text: str, metrics: FontMetrics, width_mm: float, height_mm: float, max_lines: int) -> Fit:
    """The largest setting of `text` inside width_mm × height_mm, in 1 to max_lines lines."""
    words = words_of(text)
    upm = metrics.units_per_em
    chars = [c for c in text if c not in BREAKS]
    top = max((metrics.extent(c)[1] for c in chars), default=metrics.cap_height)
    bottom = min((metrics.extent(c)[0] for c in chars), default=0)
    pitch = (top - bottom) / upm + GAP_EM
    best: Fit | None = None
    for count in range(1, min(max_lines, len(words)) + 1):
        lines, widest = balanced_lines(words, metrics, count)
        block = pitch * (len(lines) - 1) + (top - bottom) / upm
        size = min(width_mm / (widest / upm), height_mm / block)
        fit = Fit(lines=lines, font_mm=size, pitch_em=pitch, top_em=top / upm, block_em=block,
                  cap_mm=size * metrics.cap_height / upm, width_em=widest / upm)
        if best is None or fit.font_mm * TIE > best.font_mm:
            best = fit
    assert best is not None, "fit_text needs a text"
    return best
