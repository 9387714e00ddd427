"""Line-break opportunities for scripts written without spaces (Khmer).

Browsers break Khmer lines with dictionaries; WeasyPrint does not, so a Khmer
paragraph would overflow its column. We segment Khmer runs into words with
khmercut (a CRF model shipped in the package, no network) and put U+200B
ZERO WIDTH SPACE between words. Other text is returned unchanged.
(No cache here: the renderer prepares a leaflet's texts once for all its editions.)
"""
from __future__ import annotations

import re

ZWSP = "\u200b"
_KHMER_RUN = re.compile(r"[\u1780-\u17FF\u19E0-\u19FF]+")


def _segment_run(run: str) -> str:
    from khmercut import tokenize
    return ZWSP.join(tok for tok in tokenize(run) if tok)


def break_khmer(text: str) -> str:
    """Khmer runs of `text` with U+200B between their words; other text unchanged."""
    if not text or not _KHMER_RUN.search(text):
        return text
    return _KHMER_RUN.sub(lambda m: _segment_run(m.group(0)), text.replace(ZWSP, ""))


def prepare(text: str, script: str) -> str:
    """Text as the PDF renderer should lay it out for a script."""
    return break_khmer(text) if script == "Khmr" else text
