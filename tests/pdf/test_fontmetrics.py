"""Glyph extents read from the glyf headers are the ones fontTools gives when it decodes every outline."""
from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from bhxhpub.pdf.fontmetrics import read_metrics

ROOT = Path(__file__).resolve().parents[2]
FONTS = sorted((ROOT / "theme" / "fonts").glob("*.ttf"))


@pytest.mark.parametrize("path", FONTS, ids=[p.name for p in FONTS])
def test_metrics_match_a_full_decode_of_the_font(path: Path):
    metrics = read_metrics(path)
    with TTFont(path, lazy=False) as font:
        glyf, hmtx = font["glyf"], font["hmtx"]
        for cp, name in font.getBestCmap().items():
            assert metrics.advances[cp] == hmtx[name][0]
            glyph = glyf[name]
            if glyph.numberOfContours:
                assert metrics.extent(chr(cp)) == (glyph.yMin, glyph.yMax), (path.name, hex(cp))
            else:
                assert cp not in metrics.tops
