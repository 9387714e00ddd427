"""Laid-out WeasyPrint boxes: walking them, and the checks that text stays in its pages and frames.

Text that does not fit is an error for the editor, found from the laid-out document: pages
beyond a file's count, lines below a frame's bottom. `Overflow` says where and by how much;
each channel words it for its editors.
"""
from __future__ import annotations

import math
from collections.abc import Iterator

from .measures import PX_PER_MM


class Overflow(Exception):
    """Text that does not fit: where ("pages" or a frame name), how much (mm), how many lines."""

    def __init__(self, where: str, mm: float, lines: int):
        super().__init__(f"{where}: {mm:.1f} mm, {lines} lines")
        self.where, self.mm, self.lines = where, mm, lines


def to_mm(px: float) -> float:
    """CSS px (WeasyPrint's layout unit) in millimetres."""
    return px / PX_PER_MM


def walk(box, skip_decor: bool = True) -> Iterator:
    """A box and its descendants; elements marked data-decor (watermarks) are skipped."""
    element = getattr(box, "element", None)
    if skip_decor and element is not None and element.get("data-decor") is not None:
        return
    yield box
    for child in getattr(box, "children", None) or ():
        yield from walk(child, skip_decor)


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

