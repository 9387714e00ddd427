"""Characters the theme fonts cannot print: found before layout, and caught while writing.

Two checks, because a leaflet with empty boxes instead of letters must never be printed:

- `check_coverage` compares the printed text of the HTML with the character maps of the
  locale's fonts before anything is laid out (a clear message naming the characters);
- `NotdefWatch` listens to WeasyPrint's own ".notdef glyph rendered" warnings while a document
  is written. It is attached to the `weasyprint` logger only for the duration of a `with`
  block and removed after; it never changes the logger's level. (WeasyPrint logs these at
  WARNING, which is its logger's default effective level; an application that raises that
  level above WARNING silences them, and the coverage check above still applies.)
"""
from __future__ import annotations

import html.parser
import logging
import re
from collections.abc import Iterable

from ..render.fonts import FontFace

_IGNORABLE = frozenset({0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x000A, 0x000D, 0x0009})
_HIDDEN_TAGS = ("style", "svg", "title", "script")
WEASYPRINT_LOGGER = "weasyprint"


class _TextCollector(html.parser.HTMLParser):
    """The text content of an HTML document, without styles, SVG, titles and scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden_depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN_TAGS:
            self.hidden_depth += 1

    def handle_endtag(self, tag):
        if tag in _HIDDEN_TAGS and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def printed_text(document_html: str) -> str:
    """The text of an HTML document that ends up on paper."""
    collector = _TextCollector()
    collector.feed(document_html)
    return "".join(collector.parts)


def _synthetic_bold(families: Iterable[str], faces: tuple[FontFace, ...]) -> set:
    """Characters of families without a bold face: WeasyPrint emboldens their regular face."""
    out = set()
    for family in families:
        if not any(f.family == family and f.weight >= 600 for f in faces):
            for face in faces:
                if face.family == family:
                    out |= face.cmap
    return out


def check_coverage(faces: tuple[FontFace, ...], families: tuple[str, ...], text: str) -> dict[str, list[str]]:
    """Characters of `text` that no regular face of the families has, and those that a bold face
    lacks (headings are bold). Returns {"regular": [...], "bold": [...]}, empty lists if fine."""
    regular = set().union(*[f.cmap for f in faces if f.family in families and not f.italic and f.weight < 600] or [set()])
    bold_faces = [f for f in faces if f.family in families and f.weight >= 600]
    bold = set().union(*[f.cmap for f in bold_faces] or [set()]) if bold_faces else regular
    synthetic = _synthetic_bold(families, faces)
    chars = sorted({c for c in text if not c.isspace() and ord(c) not in _IGNORABLE})
    return {"regular": [c for c in chars if ord(c) not in regular],
            "bold": [c for c in chars if ord(c) in regular and ord(c) not in bold and ord(c) not in synthetic]}


def describe_chars(chars: list[str]) -> str:
    """“→” (U+2192), … for messages to editors (at most 12 characters)."""
    return ", ".join(f"“{c}” (U+{ord(c):04X})" for c in chars[:12]) + (" …" if len(chars) > 12 else "")


class NotdefWatch(logging.Handler):
    """Collects the characters of WeasyPrint's ".notdef glyph rendered" warnings.

    Use as a context manager around `Document.write_pdf` (where WeasyPrint draws the glyphs):

        with NotdefWatch() as watch:
            data = document.write_pdf()
        watch.missing  # ["ꪼ", ...]
    """

    def __init__(self):
        super().__init__(logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record):
        """Keep the character named by a .notdef warning; ignore every other record."""
        message = record.getMessage()
        if ".notdef glyph rendered" in message:
            found = re.search(r'"(.*)" \(U\+', message, re.S)
            self.missing.append(found.group(1) if found else message)

    def __enter__(self) -> NotdefWatch:
        logging.getLogger(WEASYPRINT_LOGGER).addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        logging.getLogger(WEASYPRINT_LOGGER).removeHandler(self)
