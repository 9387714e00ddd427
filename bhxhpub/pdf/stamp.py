"""Stamping: one small page (a panel) placed onto the pages of a finished PDF, without laying
anything out again.

A province prints the same leaflet for every commune; the copies differ only in a panel (the
commune's name, its collection agents, a QR code to its own page). The shared pages are laid out
once with an empty slot of a fixed size (`Slot`, found in the laid-out boxes); every commune's
panel is laid out once, as a page of exactly that size; `Stamper` then draws a panel page into the
slots of the shared pages as a form XObject (pikepdf, i.e. qpdf): the panel's fonts and colours
come with it, its text stays text, and nothing else of the shared file changes.

Output is reproducible: qpdf writes objects in a fixed order and the file identifier is derived
from the content (`deterministic_id`).
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from .measures import PT_PER_MM, PX_PER_MM


@dataclass(frozen=True)
class Slot:
    """Where a panel goes: a page of the shared file (0-based) and a rectangle in PDF points,
    (x, y) its lower-left corner in the page's user space."""

    page: int
    x: float
    y: float
    width: float
    height: float

    def moved(self, dx: float = 0.0, dy: float = 0.0, page: int | None = None) -> Slot:
        """The same slot drawn elsewhere (the second copy of a 2-up sheet)."""
        return Slot(self.page if page is None else page, self.x + dx, self.y + dy, self.width, self.height)


def slot_from_box(box, page_index: int, page_height_px: float) -> Slot:
    """The slot of a laid-out WeasyPrint box (its padding box), in the PDF coordinates WeasyPrint
    writes: the page box's top-left corner is the origin of the layout, y grows downwards; in the
    PDF the trim box starts at (0, 0) and y grows upwards (the bleed, if any, lies below zero)."""
    scale = 0.75  # CSS px -> pt
    x = box.padding_box_x()
    top = box.padding_box_y()
    width, height = box.padding_width(), box.padding_height()
    return Slot(page_index, x * scale, (page_height_px - top - height) * scale, width * scale, height * scale)


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_MM


def px_to_mm(px: float) -> float:
    return px / PX_PER_MM


class Stamper:
    """Draws panels into the slots of one shared PDF. Made once per shared file; `stamp` gives a
    new file per panel (the shared bytes are parsed again each time: 1-2 ms for a leaflet)."""

    def __init__(self, shared: bytes, slots: Sequence[Slot]):
        self.shared = shared
        self.slots = tuple(slots)

    def stamp(self, panels, index: int) -> bytes:
        """The shared file with page `index` of `panels` (an open pikepdf.Pdf of panel pages)
        drawn into every slot. The panel page must have the slot's size (checked: 0.1 pt)."""
        import pikepdf
        pdf = pikepdf.open(io.BytesIO(self.shared))
        panel = panels.pages[index]
        box = [float(v) for v in panel.mediabox]
        for slot in self.slots:
            if abs((box[2] - box[0]) - slot.width) > 0.1 or abs((box[3] - box[1]) - slot.height) > 0.1:
                raise ValueError(f"panel page {box} does not fit slot {slot}")
        form = pdf.copy_foreign(panel.as_form_xobject())
        by_page: dict[int, list[Slot]] = {}
        for slot in self.slots:
            by_page.setdefault(slot.page, []).append(slot)
        for number, slots in by_page.items():
            page = pdf.pages[number]
            used = set(page.obj.get("/Resources", {}).get("/XObject", {}).keys())
            name = next(f"/Panel{i}" for i in range(len(used) + 1) if f"/Panel{i}" not in used)  # not a random name
            page.add_resource(form, pikepdf.Name.XObject, name=pikepdf.Name(name))
            # the shared page's own content may leave its graphics state changed: wrap it first
            page.contents_add(b"q\n", prepend=True)
            ops = [b"Q"]
            for slot in slots:
                ops.append(b"q 1 0 0 1 %.4f %.4f cm %s Do Q" % (slot.x - box[0], slot.y - box[1], name.encode("ascii")))
            page.contents_add(pikepdf.Stream(pdf, b"\n".join(ops) + b"\n"), prepend=False)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def open_pdf(data: bytes):
    """An open pikepdf.Pdf of some bytes (panel pages)."""
    import pikepdf
    return pikepdf.open(io.BytesIO(data))


def single_pages(data: bytes) -> list[bytes]:
    """Each page of a PDF as a file of its own (a panel page to cache on its own), its font
    subsets renamed after their own bytes (`retag_fonts`)."""
    import pikepdf
    source = pikepdf.open(io.BytesIO(data))
    retag_fonts(source)
    out = []
    for page in source.pages:
        pdf = pikepdf.new()
        pdf.pages.append(page)
        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True)
        out.append(buffer.getvalue())
    return out


def retag_fonts(pdf) -> None:
    """Give every embedded font subset a tag (the six letters before "+" in its name) made from
    its own font program. WeasyPrint derives the tag from the font's name alone, so a stamped
    panel's subset of Noto Sans would carry the same name as the shared pages' different subset:
    a print shop's RIP may take one for the other and drop letters."""
    import hashlib

    import pikepdf
    for font in _fonts(pdf):
        fonts = [font, *font.get("/DescendantFonts", [])]
        program = next((f.FontDescriptor.get(k) for f in fonts if "/FontDescriptor" in f
                        for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in f.FontDescriptor), None)
        if program is None:
            continue
        digest = hashlib.sha256(program.read_raw_bytes()).digest()
        tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
        for f in fonts:
            for holder, key in ((f, "/BaseFont"), (f.get("/FontDescriptor"), "/FontName")):
                if holder is not None and key in holder and "+" in str(holder[key])[:8]:
                    holder[key] = pikepdf.Name("/" + tag + str(holder[key])[7:])


def _fonts(pdf):
    """Every font dictionary reachable from the pages' resources (forms included), once."""
    import pikepdf
    seen: set = set()
    stack = [page.obj.get("/Resources") for page in pdf.pages]
    while stack:
        resources = stack.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        for font in (resources.get("/Font") or {}).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.objgen not in seen and xobject.get("/Subtype") == "/Form":
                seen.add(xobject.objgen)
                stack.append(xobject.get("/Resources"))


def join_pages(files: Sequence[bytes]) -> bytes:
    """Single-page files as one PDF, in order (panels taken from the cache, for one Stamper run)."""
    import pikepdf
    pdf = pikepdf.new()
    for data in files:
        pdf.pages.extend(pikepdf.open(io.BytesIO(data)).pages)
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True)
    return buffer.getvalue()
