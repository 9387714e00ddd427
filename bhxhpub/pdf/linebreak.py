"""Balanced display lines: where a headline breaks, measured with the font's own widths.

A display text (render/words.py `Display`) is a row of units that never break (words) with a cost
for a break before each (PHRASE 0, WORD 1, POOR 2). For a number of lines, the breaks are found by
dynamic programming in two passes:

1. the widest line as narrow as possible, where a line that ends at a word boundary counts as
   `COST_WEIGHT` wider per cost unit (so a phrase boundary wins over a slightly narrower cut
   inside a phrase, never over a much narrower one);
2. among the splits whose every line stays within that width, the fewest poor breaks, then the
   most even lines (least sum of squared widths).

Banners, pennants and posters choose the number of lines that gives the largest type
(channels/largeformat/signfit.py); a leaflet title or a share image's title takes the fewest lines
that fit its column (`lines_for_width`) and balances them, as a designer breaks a headline by hand.
"""
from __future__ import annotations

from ..render.words import WORD, Display, split_units
from .fontmetrics import FontMetrics

COST_WEIGHT = 0.08  # a line ending at a word boundary counts 8 % wider, at a poor one 16 %
_SLACK = 1e-9


def words_of(text: str) -> list[tuple[str, str]]:
    """(word, the separator before it) for every unit of a text broken at spaces and U+200B."""
    display = split_units(text)
    return list(zip(display.units, display.seps))


def _width(metrics: FontMetrics, text: str) -> int:
    return sum(metrics.advance(c) for c in text)


def balanced_lines(words: list[tuple[str, str]], metrics: FontMetrics, count: int,
                   costs: tuple[int, ...] | None = None, max_width: float | None = None) -> tuple[tuple[str, ...], int]:
    """The `count` lines (at most) whose widest is as narrow as possible, phrase boundaries preferred
    (see the module docstring), and the real width of the widest (font units). With `max_width` (type
    of a fixed size in a column), pass 1 is replaced by that limit on the real widths: the best breaks
    that fit; no lines (an empty tuple) when none do."""
    n = len(words)
    count = max(1, min(count, n))
    costs = tuple(costs) if costs is not None else (WORD,) * n
    widths = [_width(metrics, w) for w, _ in words]
    seps = [_width(metrics, " ") if s == " " else 0 for _, s in words]
    starts = [0]
    for w, s in zip(widths, seps):
        starts.append(starts[-1] + w + s)

    def span(i: int, j: int) -> int:  # words i..j-1 on one line (no separator before the first)
        return starts[j] - starts[i] - seps[i]

    def effective(i: int, j: int) -> float:
        return span(i, j) * (1 + COST_WEIGHT * (costs[j] if j < n else 0))

    if max_width is None:
        inf = float("inf")
        best = [[inf] * (n + 1) for _ in range(count + 1)]
        best[0][0] = 0
        for k in range(1, count + 1):
            for j in range(k, n + 1):
                best[k][j] = min((max(best[k - 1][i], effective(i, j)) for i in range(k - 1, j)), default=inf)
        limit = best[count][n] * (1 + _SLACK) + _SLACK
    else:
        limit, effective = max_width, span  # noqa: F811 - the real widths against the column
    score: list[list[tuple[float, float] | None]] = [[None] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    score[0][0] = (0, 0)
    for k in range(1, count + 1):
        for j in range(k, n + 1):
            for i in range(k - 1, j):
                before = score[k - 1][i]
                if before is None or effective(i, j) > limit:
                    continue
                value = (before[0] + (costs[j] if j < n else 0), before[1] + float(span(i, j)) ** 2)
                if score[k][j] is None or value < score[k][j]:
                    score[k][j], cut[k][j] = value, i
    if score[count][n] is None:
        return (), 0
    lines, widest, j = [], 0, n
    for k in range(count, 0, -1):
        i = cut[k][j]
        lines.append("".join((sep if m > i else "") + words[m][0] for m, (_, sep) in enumerate(words[i:j], start=i)))
        widest = max(widest, span(i, j))
        j = i
    return tuple(reversed(lines)), int(widest)


def display_lines(display: Display, metrics: FontMetrics, count: int,
                  max_width: float | None = None) -> tuple[tuple[str, ...], int]:
    """balanced_lines of a Display."""
    return balanced_lines(list(zip(display.units, display.seps)), metrics, count, display.costs, max_width)


def lines_for_width(display: Display, metrics: FontMetrics, width_em: float) -> tuple[str, ...]:
    """The fewest lines in which the text fits width_em, with the best breaks (fewest poor ones, then
    the most even lines): a headline of a fixed size in a column of a fixed width."""
    limit = width_em * metrics.units_per_em
    n = len(display.units)
    for count in range(1, n + 1):
        lines, _ = display_lines(display, metrics, count, max_width=limit)
        if lines:
            return lines
    return display.units  # some word is wider than the column: one word a line


def nowrap_words(display: Display):
    """A text as HTML whose words of several syllables never break (nowrap spans: copied text stays plain)."""
    from markupsafe import Markup, escape
    out = []
    for sep, unit in zip(display.seps, display.units):
        out.append(escape(sep) + (Markup('<span class="nw">%s</span>') % unit if " " in unit else escape(unit)))
    return Markup("").join(out)


def lines_markup(lines: tuple[str, ...], metrics: FontMetrics | None = None, width_em: float | None = None):
    """Display lines as HTML: a line break between them, each line kept whole (nowrap) when it fits
    width_em; a longer one (a single word wider than the column) is left to WeasyPrint to break."""
    from markupsafe import Markup, escape

    def fits(line: str) -> bool:
        return metrics is None or width_em is None or _width(metrics, line) <= width_em * metrics.units_per_em
    return Markup("<br>").join(Markup('<span class="nw">%s</span>') % line if fits(line) else escape(line) for line in lines)


def title_markup(display: Display, metrics: FontMetrics, width_em: float):
    """A headline of a fixed size in a column: `lines_for_width` as HTML (`lines_markup`)."""
    return lines_markup(lines_for_width(display, metrics, width_em), metrics, width_em)
