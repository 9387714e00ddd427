"""Stamping: one small page (a panel) placed onto the pages of a finished PDF, without laying
anything out again.

A province prints the same leaflet for every commune; the copies differ only in a panel (the
commune's name, its collection agents, a QR code to its own page). The shared pages are laid out
once with an empty slot of a fixed size (`Slot`, found in the laid-out boxes); every commune's
panel is laid out once, as a page of exactly that size; `Stamper` then draws a panel page into the
slots of the shared pages (pikepdf, i.e. qpdf): the panel's fonts and colours come with it, its text
stays text, its structure elements join a tagged file's (PDF/UA), and nothing else changes.

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
    (x, y) its lower-left corner in the page's user space. `artifact`: a copy that is drawn but not
    read (the second leaflet of a 2-up sheet): marked as an Artifact, outside the structure tree."""

    page: int
    x: float
    y: float
    width: float
    height: float
    artifact: bool = False

    def moved(self, dx: float = 0.0, dy: float = 0.0, artifact: bool = False) -> Slot:
        """The same slot drawn elsewhere (a copy of a 2-up sheet)."""
        return Slot(self.page, self.x + dx, self.y + dy, self.width, self.height, artifact)


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


_MARKED = {"BDC", "BMC", "EMC", "MP", "DP"}
_RESOURCE_KINDS = ("/Font", "/XObject", "/ExtGState", "/ColorSpace", "/Pattern", "/Shading", "/Properties")
PREFIX = "Pnl"  # a panel's resource names in the shared page: /Pnl<name>, never one of the page's own


class Panel:
    """One panel page (a one-page file from `single_pages`), read once for every file it is stamped
    into: its content as operators, its resources and, when it is tagged, its structure elements."""

    def __init__(self, data: bytes):
        import pikepdf
        self.pdf = pikepdf.open(io.BytesIO(data))
        self.page = self.pdf.pages[0]
        self.box = [float(v) for v in self.page.mediabox]
        resources = self.page.obj.get("/Resources", pikepdf.Dictionary())
        self.names = {str(n) for kind in _RESOURCE_KINDS for n in (resources.get(kind) or {}).keys()}
        self.ops = [(list(operands), str(op)) for operands, op in pikepdf.parse_content_stream(self.page)]
        self.structure = self.page.obj.get("/BhxhStructure")  # see single_pages
        self._runs: dict[bool, list] = {}  # tagged -> the operators in runs (see _split)

    def content(self, mcid_offset: int, tagged: bool) -> bytes:
        """The panel's operators with its resource names prefixed; its marked content renumbered
        after the shared page's own (`tagged`), or left out, the whole being one Artifact. Written
        in runs once (see _split); a commune's panel goes into every leaflet and edition of its layout."""
        runs = self._runs.get(tagged)
        if runs is None:  # both ways at once: the parsed operators are then let go (0.3 MB a panel)
            self._runs = {way: self._split(way) for way in (True, False)}
            self.ops = ()
            runs = self._runs[tagged]
        ops = b"\n".join(run if isinstance(run, bytes) else run[0] + str(run[1] + mcid_offset).encode() + run[2]
                         for run in runs)
        return ops if tagged else b"/Artifact BMC\n" + ops + b"\nEMC"

    def _split(self, tagged: bool) -> list:
        """The operators, resource names prefixed, as bytes: runs with no marked-content number as
        they are written, and each operator with one as (bytes before the number, the number, bytes
        after it), so that a page's offset is only added in."""
        import pikepdf
        runs: list = []
        current: list = []
        for operands, op in self.ops:
            if op in _MARKED and not tagged:
                continue
            new = [pikepdf.Name("/" + PREFIX + str(v)[1:]) if isinstance(v, pikepdf.Name) and str(v) in self.names else v
                   for v in operands]
            numbered = [i for i, v in enumerate(new) if op in ("BDC", "DP") and isinstance(v, pikepdf.Dictionary) and "/MCID" in v]
            if not numbered:
                current.append((new, pikepdf.Operator(op)))
                continue
            if current:
                runs.append(pikepdf.unparse_content_stream(current))
                current = []
            i = numbered[0]
            mcid = int(new[i].MCID)
            marked = pikepdf.Dictionary({k: new[i][k] for k in new[i].keys()})
            marked.MCID = _SENTINEL
            written = pikepdf.unparse_content_stream([(new[:i] + [marked] + new[i + 1:], pikepdf.Operator(op))])
            before, sep, after = written.partition(str(_SENTINEL).encode())
            if not sep or sep in after or len(numbered) > 1:
                raise ValueError(f"unexpected marked-content operator in a panel: {written[:200]!r}")
            runs.append((before, mcid, after))
        if current:
            runs.append(pikepdf.unparse_content_stream(current))
        return runs


_SENTINEL = 918273645546372819  # a marked-content number no panel has: where the page's own number goes


class Stamper:
    """Draws panels into the slots of one shared PDF. Made once per shared file; `stamp` gives a
    new file per panel (the shared bytes are parsed again each time: a few ms for a leaflet).

    A tagged shared file (every office and print-shop edition: pdf/tagging.py) gets the panel's
    operators in its page, their marked content renumbered after the page's own, and the panel's
    structure elements (its section: paragraphs, the QR code as a Figure with its alternative text)
    at the end of the document's structure, where a screen reader reads them last, as the eye
    does; a copy in an `artifact` slot is one Artifact. An untagged one gets the panel as a form
    XObject."""

    def __init__(self, shared: bytes, slots: Sequence[Slot]):
        self.shared = shared
        self.slots = tuple(slots)

    def stamp(self, panel: Panel) -> bytes:
        """The shared file with the panel drawn into every slot (the panel page must have the
        slot's size: checked to 0.1 pt)."""
        import pikepdf
        box = panel.box
        for slot in self.slots:
            if abs((box[2] - box[0]) - slot.width) > 0.1 or abs((box[3] - box[1]) - slot.height) > 0.1:
                raise ValueError(f"panel page {box} does not fit slot {slot}")
        pdf = pikepdf.open(io.BytesIO(self.shared))
        tagged = "/StructTreeRoot" in pdf.Root and panel.structure is not None
        by_page: dict[int, list[Slot]] = {}
        for slot in self.slots:
            by_page.setdefault(slot.page, []).append(slot)
        for number, slots in by_page.items():
            page = pdf.pages[number]
            page.contents_add(b"q\n", prepend=True)  # the page's own content may leave its state changed
            ops = [b"Q"]
            if tagged:
                offset = _add_structure(pdf, page, panel) if any(not s.artifact for s in slots) else 0
                _add_resources(pdf, page, panel)
                ops += [b"q 1 0 0 1 %.4f %.4f cm\n" % (slot.x - box[0], slot.y - box[1]) + panel.content(offset, not slot.artifact)
                        + b"\nQ" for slot in slots]
            else:
                form = pdf.copy_foreign(panel.page.as_form_xobject())
                used = set(page.obj.get("/Resources", {}).get("/XObject", {}).keys())
                name = next(f"/Panel{i}" for i in range(len(used) + 1) if f"/Panel{i}" not in used)  # not a random name
                page.add_resource(form, pikepdf.Name.XObject, name=pikepdf.Name(name))
                ops += [b"q 1 0 0 1 %.4f %.4f cm %s Do Q" % (slot.x - box[0], slot.y - box[1], name.encode("ascii"))
                        for slot in slots]
            page.contents_add(pikepdf.Stream(pdf, b"\n".join(ops) + b"\n"), prepend=False)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _add_resources(pdf, page, panel: Panel) -> None:
    """The panel page's resources in the shared page's, under their prefixed names."""
    import pikepdf
    resources = page.obj.Resources
    own = pdf.copy_foreign(panel.page.obj.Resources)
    for kind in _RESOURCE_KINDS:
        if kind in own:
            target = resources.get(kind)
            if target is None:
                resources[kind] = target = pikepdf.Dictionary()
            for name in own[kind].keys():
                target["/" + PREFIX + name[1:]] = own[kind][name]


def _add_structure(pdf, page, panel: Panel) -> int:
    """The panel's structure elements appended to the document's, on this page; returns the
    number its marked content starts at (after the page's own, in the page's parent tree)."""
    import pikepdf
    root = pdf.Root.StructTreeRoot
    document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
    parents = _page_parents(root, int(page.obj.StructParents))
    offset = len(parents)

    def build(template, parent):
        element = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=template.S, P=parent, Pg=page.obj))
        for key in ("/Alt", "/ActualText", "/Lang", "/A", "/E"):
            if key in template:
                element[key] = template[key]
        kids = pikepdf.Array()
        for kid in template.K:
            if isinstance(kid, int):
                kids.append(kid + offset)
                while len(parents) <= kid + offset:
                    parents.append(None)
                parents[kid + offset] = element
            else:
                kids.append(build(kid, element))
        element.K = kids
        return element
    kids = document.K if isinstance(document.K, pikepdf.Array) else pikepdf.Array([document.K])
    for template in pdf.copy_foreign(panel.structure):  # the panel file's elements, copied into this one
        kids.append(build(template, document))
    document.K = kids
    return offset


def _page_parents(root, key: int):
    """The parent tree's array of a page (its marked content's structure elements, by number)."""
    stack = [root.ParentTree]
    while stack:
        node = stack.pop()
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums), 2):
                if int(nums[i]) == key:
                    return nums[i + 1]
        stack.extend(node.get("/Kids", []))
    raise ValueError(f"no parent tree entry {key}")  # pragma: no cover - WeasyPrint writes one per page


def single_pages(data: bytes) -> list[bytes]:
    """Each page of a PDF as a file of its own (a panel page to cache on its own), its font
    subsets renamed after their own bytes (`retag_fonts`). A tagged document's structure elements
    of each page go with it, as /BhxhStructure of the page (roles, alternative texts, marked-
    content numbers; no page or parent references), for `Stamper` to rebuild in the shared file."""
    import pikepdf
    source = pikepdf.open(io.BytesIO(data))
    retag_fonts(source)
    tops = _top_elements(source)
    out = []
    for number, page in enumerate(source.pages):
        pdf = pikepdf.new()
        pdf.pages.append(page)
        if "/StructParents" in pdf.pages[0].obj:  # the page's place in its batch: not the panel's
            del pdf.pages[0].obj["/StructParents"]
        if tops is not None:
            pdf.pages[0].obj["/BhxhStructure"] = pdf.make_indirect(pikepdf.Array(
                [_detached(pdf, e) for e in tops if _page_of(source, e) == number]))
        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True)
        out.append(buffer.getvalue())
    return out


def _top_elements(pdf):
    """The document element's children (None: the file is not tagged)."""
    import pikepdf
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return None
    document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
    return list(document.K) if isinstance(document.K, pikepdf.Array) else [document.K]


def _page_of(pdf, element) -> int:
    import pikepdf
    pg = element.get("/Pg")
    return pdf.pages.index(pikepdf.Page(pg)) if pg is not None else -1


def _detached(pdf, element):
    """A structure element as a direct object of `pdf`: role, texts, attributes, kids (marked-
    content numbers as integers), without its page and parent."""
    import pikepdf
    out = pikepdf.Dictionary(S=element.S)
    for key in ("/Alt", "/ActualText", "/Lang", "/A", "/E"):
        if key in element:
            out[key] = pdf.copy_foreign(element[key]) if element[key].is_indirect else element[key]
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
    out.K = pikepdf.Array()
    for kid in kids:
        if isinstance(kid, int):
            out.K.append(kid)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            out.K.append(int(kid.MCID))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out.K.append(_detached(pdf, kid))
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
