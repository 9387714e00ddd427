"""Laying a leaflet out: the fit search, and the checks that text stays in its pages and panels.

Text that does not fit its format is an error for the editor, found from the laid-out
document (WeasyPrint boxes): pages beyond the edition's count, lines below a panel's bottom or
beyond the third inside column. `Overflow` says where and by how much; messages.py words it.

The layout functions take a `Typeset`: a function from template choices (`LayoutChoices`) to a
laid-out WeasyPrint document, so this module knows nothing about templates or fonts.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Optional

from ..errors import BuildError
from .editions import BODY_PT, PX_PER_MM, Edition


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
    context: Optional[dict] = None  # the template values (the same for every edition)


Typeset = Callable[[LayoutChoices], object]  # choices -> laid-out weasyprint Document


class Overflow(Exception):
    """Text that does not fit: where ("pages" or a frame name), how much (mm), how many lines."""

    def __init__(self, where: str, mm: float, lines: int):
        super().__init__(f"{where}: {mm:.1f} mm, {lines} lines")
        self.where, self.mm, self.lines = where, mm, lines


def to_mm(px: float) -> float:
    """CSS px (WeasyPrint's layout unit) in millimetres."""
    return px / PX_PER_MM


# --------------------------------------------------------------------------------------------
# Walking the boxes


def walk(box, skip_decor: bool = True) -> Iterator:
    """A box and its descendants; elements marked data-decor (watermarks) are skipped."""
    element = getattr(box, "element", None)
    if skip_decor and element is not None and element.get("data-decor") is not None:
        return
    yield box
    for child in getattr(box, "children", None) or ():
        yield from walk(child, skip_decor)
    # table boxes keep their column groups apart; cells are in children already


def find(box, attr: str, value: str | None = None) -> Iterator:
    """Outermost boxes of the elements carrying `attr` (an element's anonymous line boxes and
    column boxes share its element: only the first, outermost box is yielded)."""
    seen: set[int] = set()
    for b in walk(box, skip_decor=False):
        element = getattr(b, "element", None)
        tag = getattr(b, "element_tag", "") or ""
        if element is None or "::" in tag or element.get(attr) is None or id(element) in seen:
            continue
        if value is None or element.get(attr) == value:
            seen.add(id(element))
            yield b


def _has_text(line) -> bool:
    from weasyprint.formatting_structure import boxes
    return any(isinstance(b, boxes.TextBox) and b.text.strip() for b in walk(line))


def text_lines(box) -> Iterator:
    """Line boxes with visible text inside box."""
    from weasyprint.formatting_structure import boxes
    for b in walk(box):
        if isinstance(b, boxes.LineBox) and _has_text(b):
            yield b


def content_bottom(box) -> float:
    """Bottom of a box's content area (px)."""
    return box.content_box_y() + box.height


def margin_bottom(box) -> float:
    """Bottom of a box's margin area (px)."""
    return box.position_y + box.margin_height()


def leaf_bottoms(box) -> Iterator[tuple[float, object]]:
    """Bottoms of what is drawn inside box: text lines and replaced elements (QR, logo)."""
    from weasyprint.formatting_structure import boxes
    for b in walk(box):
        if isinstance(b, boxes.LineBox):
            if _has_text(b):
                yield b.position_y + b.height, b
        elif isinstance(b, boxes.ReplacedBox):
            yield b.position_y + b.margin_height(), b


# --------------------------------------------------------------------------------------------
# Checks


def typical_line_height(document) -> float:
    """Typical height of a line of body text in the document (px)."""
    heights = sorted(b.height for page in document.pages for b in text_lines(page._page_box))
    return heights[len(heights) // 2] if heights else 5 * PX_PER_MM


def check_pages(document, limit: int) -> None:
    """More pages than the edition has: how much text is on the extra pages, less the room
    still free at the bottom of the last allowed page (blocks that must stay whole, like the
    contact strip or the table, move as a unit and leave that room empty). Raises Overflow."""
    if len(document.pages) <= limit:
        return
    extra_px = 0.0
    for page in document.pages[limit:]:
        page_box = page._page_box
        bottoms = [b for b, _ in leaf_bottoms(page_box)]
        if bottoms:
            extra_px += max(bottoms) - page_box.content_box_y()
    last = document.pages[limit - 1]._page_box
    used = [b for b, _ in leaf_bottoms(last)]
    free_px = max(0.0, content_bottom(last) - max(used)) if used else 0.0
    over_px = max(extra_px - free_px, 1.0)
    raise Overflow("pages", to_mm(over_px), math.ceil(over_px / typical_line_height(document)))


def _frame_overflow(frame, continued: bool) -> tuple[int, float]:
    """(lines, px) of a frame's content outside it."""
    from weasyprint.formatting_structure import boxes
    if continued:  # continued on another page: everything here is overflow
        leaves = list(leaf_bottoms(frame))
        lines = sum(isinstance(b, boxes.LineBox) for _, b in leaves)
        return lines, (max(bottom for bottom, _ in leaves) - frame.content_box_y()) if leaves else 0.0
    lines = 0
    limit_y = content_bottom(frame)
    limit_x = frame.content_box_x() + frame.width
    floors = list(find(frame, "data-floor"))
    floor_ids = {id(b) for floor in floors for b in walk(floor)}
    if floors:
        limit_y = min(limit_y, min(floor.position_y for floor in floors) - 2 * PX_PER_MM)
    below = beside = 0.0
    for bottom, b in leaf_bottoms(frame):
        if id(b) in floor_ids:
            continue
        is_line = isinstance(b, boxes.LineBox)
        if b.position_x >= limit_x - 0.5:
            lines += is_line
            beside += b.height if is_line else b.margin_height()
        elif bottom > limit_y + 0.5:
            lines += is_line
            below = max(below, bottom - limit_y)
    for floor in floors:  # the pinned part itself must stay inside the frame
        for bottom, b in leaf_bottoms(floor):
            if bottom > content_bottom(frame) + 0.5:
                below = max(below, bottom - content_bottom(frame))
    return lines, max(below, beside)


def check_frames(document) -> None:
    """Every box marked data-frame (a panel of fixed size) must hold its content.

    Lines below the frame's content box, or (multi-column frames) in columns to the right of
    it, overflow; so does a frame that WeasyPrint continued on a later page. A child marked
    data-floor is pinned to the bottom of its frame: the flowing content must end above it.
    Raises the largest Overflow.
    """
    worst: Overflow | None = None
    first_page: dict[str, int] = {}
    for page_no, page in enumerate(document.pages):
        for frame in find(page._page_box, "data-frame"):
            name = frame.element.get("data-frame")
            continued = name in first_page and first_page[name] != page_no
            first_page.setdefault(name, page_no)
            lines, over = _frame_overflow(frame, continued)
            if lines or over > 0.5:
                overflow = Overflow(name, to_mm(over), lines)
                if worst is None or overflow.mm > worst.mm:
                    worst = overflow
    if worst:
        raise worst


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
                return document
        except Overflow:
            pass
    document, choices = (fit_a5 if edition.layout == "a5" else fit)(typeset, edition)
    layouts.choices[edition.layout] = choices
    return document
