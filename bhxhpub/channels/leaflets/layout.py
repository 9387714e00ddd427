"""Laying a leaflet out: the fit search, and the checks that text stays in its pages and panels.

Text that does not fit its format is an error for the editor, found from the laid-out
document (WeasyPrint boxes): pages beyond the edition's count, lines below a panel's bottom or
beyond the third inside column. `Overflow` says where and by how much; messages.py words it.

The layout functions take a `Typeset`: a function from template choices (`LayoutChoices`) to a
laid-out WeasyPrint document, so this module knows nothing about templates or fonts.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Optional

from ...errors import BuildError
from ...pdf.boxes import Overflow, check_frames, check_pages, content_bottom, find, margin_bottom, to_mm
from ...pdf.copyfit import Copyfit, frame_fill, pages_fill
from .formats import BODY_PT, Edition


@dataclass(frozen=True)
class LayoutChoices:
    """What the fit search decides for a leaflet in a layout (template values)."""

    body_pt: float  # body text size
    spacer_mm: float = 0.0  # A5: empty height pushing the back-page footer to the bottom
    spacer_break: bool = False  # A5: the footer starts the back page (all text fits the front)

    def values(self) -> dict:
        """The choices as template values."""
        return asdict(self)


@dataclass
class LeafletLayouts:
    """What one leaflet's editions share while they are rendered one after the other.

    Editions of the same layout (office and print shop) lay out identically, so the second one
    starts from the first one's choices; an imposed edition (2-up) reuses the PDF of the edition
    it is made from; the template values (texts prepared once, Khmer segmented once) are shared.
    """

    choices: dict[str, LayoutChoices] = field(default_factory=dict)  # layout -> choices that fit
    pdfs: dict[str, bytes] = field(default_factory=dict)  # edition id -> the file's bytes
    fills: dict[str, Copyfit] = field(default_factory=dict)  # edition id -> how full its panels are
    context: Optional[dict] = None  # the template values (the same for every edition)


Typeset = Callable[[LayoutChoices], object]  # choices -> laid-out weasyprint Document

def copyfit(document, edition: Edition, choices: LayoutChoices) -> Copyfit:
    """How full an edition's panels are, from its laid-out boxes (no second layout)."""
    if edition.layout == "a5":
        panels = (("pages", pages_fill(document)),)
    else:
        seen: dict[str, float] = {}
        for page in document.pages:
            for frame in find(page._page_box, "data-frame"):
                name = frame.element.get("data-frame")
                seen[name] = max(seen.get(name, 0.0), frame_fill(frame))
        panels = tuple(sorted(seen.items()))
    return Copyfit(choices.body_pt, BODY_PT[edition.layout][-1], panels)


def check_fits(document, edition: Edition) -> None:
    """Pages and frames (Overflow if the text does not fit the edition)."""
    check_pages(document, edition.pages)
    check_frames(document)


# --------------------------------------------------------------------------------------------
# Fit search


def fit(typeset: Typeset, edition: Edition) -> tuple[object, LayoutChoices]:
    """Lay out with the largest body size that fits (binary search over BODY_PT, assuming
    that text that fits at a size fits at every smaller one); raise the overflow at 10 pt.
    Returns (document, choices used)."""
    sizes = BODY_PT[edition.layout]  # largest first
    low, high = 0, len(sizes) - 1
    best = None
    error = None
    while low <= high:
        middle = (low + high) // 2
        choices = LayoutChoices(body_pt=sizes[middle])
        document = typeset(choices)
        try:
            check_fits(document, edition)
        except Overflow as overflow:
            if middle == len(sizes) - 1:
                error = overflow
            low = middle + 1
            continue
        best = (document, choices)
        high = middle - 1
    if best is None:
        raise error
    return best


def _footer(document) -> tuple[int, object]:
    for i, page in enumerate(document.pages):
        for b in find(page._page_box, "data-role", "footer"):
            return i, b
    raise BuildError("Mẫu tờ rơi A5 thiếu phần chân trang (data-role=footer).")  # pragma: no cover


def fit_a5(typeset: Typeset, edition: Edition) -> tuple[object, LayoutChoices]:
    """Fit, then push the back-page footer (sources, contact strip with the QR code) to the
    bottom of page 2 by a spacer of the measured free height, and lay out again. When all
    the text fits the front, the footer goes alone to the bottom of the back."""
    document, choices = fit(typeset, edition)
    footer_page, footer = _footer(document)
    if footer_page == 0:
        choices = replace(choices, spacer_mm=0.0, spacer_break=True)
        document = typeset(choices)
        footer_page, footer = _footer(document)
    page_box = document.pages[footer_page]._page_box
    free = content_bottom(page_box) - margin_bottom(footer)
    choices = replace(choices, spacer_mm=round(max(0.0, to_mm(free) - 0.3), 2))
    if choices.spacer_mm < 0.5:
        return document, choices
    pushed = typeset(choices)
    if len(pushed.pages) == edition.pages:
        return pushed, choices
    return document, replace(choices, spacer_mm=0.0)  # pragma: no cover - rounding: the unpushed layout


def lay_out_edition(typeset: Typeset, edition: Edition, layouts: LeafletLayouts):
    """The laid-out document for an edition (Overflow if it does not fit). Starts from the
    choices an earlier edition of the same layout made, and needs a single pass when they hold;
    records the choices for the next one."""
    hint = layouts.choices.get(edition.layout)
    if hint is not None:
        document = typeset(hint)
        try:
            check_fits(document, edition)
            if len(document.pages) == edition.pages:
                layouts.fills[edition.id] = copyfit(document, edition, hint)
                return document
        except Overflow:
            pass
    document, choices = (fit_a5 if edition.layout == "a5" else fit)(typeset, edition)
    layouts.choices[edition.layout] = choices
    layouts.fills[edition.id] = copyfit(document, edition, choices)
    return document
