"""Setting one text as large as it fits a box: banners, pennants, poster headlines.

Pure functions of font metrics (fontTools, read from the theme's font files: pdf/fontmetrics.py):
the words of a text (render/words.py: Vietnamese syllables of one word stay together, phrase
boundaries are preferred) are measured once in font units; for every number of lines, the line
breaks that make the widest line as narrow as possible are found (pdf/linebreak.py: dynamic
programming, like balanced text), and the size is whichever of width and height limits it first.
The number of lines that gives the largest type wins (fewer lines when two are within 3 %). A tall
pennant may also stack one syllable per line (`stack`), never mix the two.

Vietnamese stacks marks above capitals ("Ẩ", "Ỗ" reach 1.05 em in Noto Sans) and letters such as
"g", "ỹ" reach 0.24 em below the baseline, so the distance between baselines is taken from the
glyphs the text really has: the highest top and the lowest bottom of any of its characters plus a
gap of `GAP_EM`. No mark of one line can then touch a letter of the next, whatever the size.
The renderer checks the laid-out result again (largeformat.py) and the tests look at the PDF.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...pdf.fontmetrics import FontMetrics, read_metrics
from ...pdf.linebreak import balanced_lines, display_lines, words_of
from ...render.words import Display, split_units

GAP_EM = 0.06  # clear space between the lowest descender of a line and the highest mark below it
TIE = 0.97  # fewer lines win unless more lines give over 3 % larger type
BREAKS = (" ", "\u200b")  # spaces; zero-width spaces between Khmer words (context.prepare_text)

__all__ = ["Fit", "FontMetrics", "balanced_lines", "fit_text", "read_metrics", "words_of"]


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


@lru_cache(maxsize=4096)  # the same texts at the same sizes in the plan's check and in the render
def fit_text(text: str | Display, metrics: FontMetrics, width_mm: float, height_mm: float, max_lines: int,
             stack: bool = False) -> Fit:
    """The largest setting of `text` inside width_mm × height_mm, in 1 to max_lines lines, broken
    between words (a plain string: at spaces); with `stack`, also one syllable per line."""
    display = split_units(text) if isinstance(text, str) else text
    upm = metrics.units_per_em
    chars = [c for c in display.text if c not in BREAKS]
    top = max((metrics.extent(c)[1] for c in chars), default=metrics.cap_height)
    bottom = min((metrics.extent(c)[0] for c in chars), default=0)
    pitch = (top - bottom) / upm + GAP_EM
    candidates = [(display, count) for count in range(1, min(max_lines, len(display.units)) + 1)]
    syllables = display.syllables()
    if stack and len(syllables.units) <= max_lines and len(syllables.units) > len(display.units):
        candidates.append((syllables, len(syllables.units)))
    best: Fit | None = None
    for units, count in candidates:
        lines, widest = display_lines(units, metrics, count)
        block = pitch * (len(lines) - 1) + (top - bottom) / upm
        size = min(width_mm / (widest / upm), height_mm / block)
        fit = Fit(lines=lines, font_mm=size, pitch_em=pitch, top_em=top / upm, block_em=block,
                  cap_mm=size * metrics.cap_height / upm, width_em=widest / upm)
        if best is None or fit.font_mm * TIE > best.font_mm:
            best = fit
    assert best is not None, "fit_text needs a text"
    return best
