"""How full a leaflet is (copyfit): the share of the available height its text takes, per panel.

Measured on the laid-out WeasyPrint boxes the fit search already has (channels/leaflets/layout.py),
never by a second layout. A panel fuller than `FULL` while the body text is already at its smallest
size has no room left: one more sentence and the build fails; the build warns about it and the
editors' report page (/bao-cao-dich/) shows every leaflet's fill per locale. The measure travels
with the PDF as its /copyfit document-information entry, so a file taken from the cache still says
how full it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .boxes import content_bottom, find, leaf_bottoms, walk
from .measures import PX_PER_MM

FULL = 0.90  # a panel fuller than this at the smallest body size: one more sentence and the build fails
PANELS = {"pages": "hai trang", "flap": "nắp trong", "back": "mặt sau", "cover": "bìa", "inside": "mặt trong"}


@dataclass(frozen=True)
class Copyfit:
    """How full a laid-out edition is: its body size, the smallest allowed, and the share of the
    available height each panel's text takes (A5: both pages; tri-fold: each panel)."""

    body_pt: float
    smallest_pt: float
    panels: tuple[tuple[str, float], ...]  # (panel, share 0–1)

    @property
    def fullest(self) -> tuple[str, float]:
        return max(self.panels, key=lambda p: p[1]) if self.panels else ("", 0.0)

    @property
    def tight(self) -> bool:
        """No room left: body text at its smallest size and a panel over FULL."""
        return self.body_pt <= self.smallest_pt and self.fullest[1] > FULL

    def text(self) -> str:
        """As written into the PDF's document information (/copyfit) and read back (`parse`)."""
        return f"{self.body_pt:g}/{self.smallest_pt:g} pt; " + ", ".join(f"{name} {share:.3f}" for name, share in self.panels)

    @classmethod
    def parse(cls, text: str) -> Optional[Copyfit]:
        match = re.match(r"^([\d.]+)/([\d.]+) pt; (.*)$", text or "")
        if not match:
            return None
        panels = tuple((name, float(share)) for name, share in (part.rsplit(" ", 1) for part in match.group(3).split(", ") if part))
        return cls(float(match.group(1)), float(match.group(2)), panels)



def _flow_bottoms(box, skip: set[int]) -> list[tuple[float, float]]:
    """(x, bottom) of what is drawn inside box (text lines, pictures), skipping boxes in `skip`."""
    return [(b.position_x, bottom) for bottom, b in leaf_bottoms(box) if id(b) not in skip]


def frame_fill(frame) -> float:
    """The share (0–1) of a data-frame's height that its flowing content takes or can no longer use:
    down to the pinned data-floor part (less 2 mm, as check_frames has it) or to the frame's bottom.
    In a frame of several columns the room left is what the last column has below its text (a
    column that ends early because a block would not fit it has no room for more text)."""
    top = frame.content_box_y()
    limit = content_bottom(frame)
    floors = list(find(frame, "data-floor"))
    if floors:
        limit = min(limit, min(floor.position_y for floor in floors) - 2 * PX_PER_MM)
    skip = {id(b) for floor in floors for b in walk(floor)}
    drawn = [(b.position_x, bottom) for bottom, b in leaf_bottoms(frame) if id(b) not in skip]
    if not drawn or limit <= top:
        return 0.0
    columns = frame.style["column_count"] if frame.style["column_count"] != "auto" else 1
    width = frame.width / columns
    last = max(min(columns - 1, max(0, int((x - frame.content_box_x() + 0.5) // width))) for x, _ in drawn)
    used = max(bottom for x, bottom in drawn if int((x - frame.content_box_x() + 0.5) // width) >= last) - top
    return (last * (limit - top) + used) / (columns * (limit - top))


def pages_fill(document, spacer_class: str = "push") -> float:
    """The share of the pages' content height that the text takes or can no longer use: all but the
    empty height (element of class `spacer_class`) that pushes the A5's back-page footer down, and,
    when that spacer starts the last page, the room left at the bottom of the page before."""
    pages = [page._page_box for page in document.pages]
    available = sum(content_bottom(p) - p.content_box_y() for p in pages)
    free = 0.0
    for number, page_box in enumerate(pages):
        for spacer in find(page_box, "class", spacer_class):
            free += spacer.margin_height()
            if number and spacer.position_y <= page_box.content_box_y() + 0.5:  # it starts its page
                before = pages[number - 1]
                bottoms = [bottom for bottom, _ in leaf_bottoms(before)]
                free += content_bottom(before) - (max(bottoms) if bottoms else before.content_box_y())
    return max(0.0, 1 - free / available) if available else 0.0


def read_copyfit(data: bytes) -> Optional[Copyfit]:
    """The /copyfit entry of a PDF's document information (None when it has none)."""
    import io

    import pikepdf
    with pikepdf.open(io.BytesIO(data)) as pdf:  # reads only the trailer's /Info: 1 ms, not pypdf's 100
        value = pdf.trailer.get("/Info", {}).get("/copyfit")
        return Copyfit.parse(str(value) if value is not None else "")
