"""Content: colours, images, fonts, in one walk through every page's content streams and resources."""
from __future__ import annotations

import math
from typing import NamedTuple

from .base import _MAX_DEPTH, IDENTITY, Finding, Matrix, _get, _join, _matrix, _mm, _mul, _name, _num, _obj, _reason
from .colour import ColourSpaces
from .document import _user_unit

# ------------------------------------------------------------------------------------------
# Content: colours, images, fonts (one walk through every page's content and resources)


class _State(NamedTuple):
    """The part of the graphics state the colour and resolution checks need: the CTM, what is RGB
    about the fill and stroke colours (None: not RGB) and the text rendering mode."""

    ctm: Matrix
    fill: str | None
    stroke: str | None
    tr: int


_FILL_PAINT = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
_STROKE_PAINT = {b"S", b"s", b"B", b"B*", b"b", b"b*"}
_TEXT_SHOW = {b"Tj", b"TJ", b"'", b'"'}


class _Scanner(ColourSpaces):
    """Walks the content streams (pages, forms, tiling patterns, soft-mask groups) once and keeps
    RGB uses per page, low-resolution image draws per page and non-embedded fonts per font."""

    def __init__(self, min_ppi: float):
        self.min_ppi = min_ppi
        self.rgb: dict[int, list[str]] = {}
        self.low: dict[int, list[str]] = {}
        self.fonts: dict[int, tuple[int, str]] = {}  # font object id -> (first page, detail)
        self.font_seen: set[int] = set()
        self.ops_cache: dict[int, list] = {}
        self.page_no = 0
        self.unit = 1.0

    # -- results

    def findings(self) -> list[Finding]:
        out = []
        for n, items in self.rgb.items():
            out.append(Finding("rgb-colour", n, f"trang {n}: {_join(items)}."))
        for n, items in self.low.items():
            for item in items[:10]:
                out.append(Finding("image-resolution", n, f"trang {n}: {item}."))
            if len(items) > 10:
                out.append(Finding("image-resolution", n, f"trang {n}: và {len(items) - 10} ảnh khác thiếu độ phân giải."))
        for page, detail in self.fonts.values():
            out.append(Finding("font-embedded", page, f"trang {page}: {detail}."))
        return out

    def _rgb(self, what: str) -> None:
        items = self.rgb.setdefault(self.page_no, [])
        if what not in items:
            items.append(what)

    # -- walking

    def page(self, page, number: int) -> list[Finding]:
        self.page_no = number
        self.unit = _user_unit(page)
        resources = _obj(page.get("/Resources"))
        if resources is None:  # inherited from the page tree
            try:
                resources = _obj(page["/Resources"])
            except Exception:
                resources = None
        group_cs = _get(_get(page, "/Group"), "/CS")
        if group_cs is not None:
            kind = self._rgb_kind(group_cs, resources)
            if kind:
                self._rgb(f"nhóm trong suốt của trang (/Group /CS) dùng {kind}")
        self._fonts(resources)
        contents = page.get("/Contents")
        if contents is None:
            return []
        try:
            ops = self._operations(page.get_contents(), resources, key=None)
        except Exception as e:
            raise ValueError(f"không đọc được nội dung trang: {_reason(e)}") from e
        self._walk(ops, resources, IDENTITY, (), 0)
        return []

    def _operations(self, stream, resources, key: int | None) -> list:
        from pypdf.generic import ContentStream
        if key is not None and key in self.ops_cache:
            return self.ops_cache[key]
        if stream is None:
            return []
        ops = _fast_operations(stream.get_data())
        if ops is None:  # inline images: pypdf's reading of them is what the checks expect
            ops = ContentStream(stream, None).operations if not isinstance(stream, ContentStream) else stream.operations
        if key is not None:
            self.ops_cache[key] = ops
        return ops

    def _walk(self, ops: list, resources, base: Matrix, stack: tuple[int, ...], depth: int,
              inherited: _State | None = None, images: bool = True) -> None:
        """One content stream. `base` is the CTM at its start (the default space of its patterns);
        `inherited` the graphics state it starts with (a form starts with its caller's colours).
        An RGB colour counts when something is painted with it (a colour set and never used, as
        WeasyPrint writes for SVG shapes that are only stroked, is not printed)."""
        state = inherited._replace(ctm=base) if inherited is not None else _State(base, None, None, 0)
        saved: list[_State] = []
        for operands, op in ops:
            try:
                if op == b"cm":
                    m = _matrix(operands)
                    if m is not None:
                        state = state._replace(ctm=_mul(m, state.ctm))
                elif op == b"q":
                    saved.append(state)
                elif op == b"Q":
                    if saved:
                        state = saved.pop()
                elif op in _FILL_PAINT:
                    self._paint(state.fill)
                    if op in _STROKE_PAINT:
                        self._paint(state.stroke)
                elif op in _STROKE_PAINT:
                    self._paint(state.stroke)
                elif op in _TEXT_SHOW:
                    if state.tr in (0, 2, 4, 6):
                        self._paint(state.fill)
                    if state.tr in (1, 2, 5, 6):
                        self._paint(state.stroke)
                elif op == b"Tr":
                    state = state._replace(tr=int(operands[0]))
                elif op in (b"rg", b"RG"):
                    what = f"màu DeviceRGB ({' '.join(_num(float(v), 3) for v in operands)} {op.decode()})"
                    state = state._replace(**{"fill" if op == b"rg" else "stroke": what})
                elif op in (b"g", b"k"):
                    state = state._replace(fill=None)
                elif op in (b"G", b"K"):
                    state = state._replace(stroke=None)
                elif op in (b"cs", b"CS"):
                    kind = self._rgb_kind(operands[0], resources) if operands else None
                    what = f"không gian màu {_name(operands[0])} là {kind} ({op.decode()})" if kind else None
                    state = state._replace(**{"fill" if op == b"cs" else "stroke": what})
                elif op in (b"scn", b"SCN"):
                    if operands and _name(operands[-1]).startswith("/"):
                        what = self._pattern(operands[-1], resources, base, stack, depth, images)
                        if what is not None:
                            state = state._replace(**{"fill" if op == b"scn" else "stroke": what})
                elif op == b"sh":
                    if operands:
                        shading = _get(_get(resources, "/Shading"), str(operands[0]))
                        problem = self._shading_rgb(shading, resources)
                        if problem:
                            self._rgb(f"dải màu /Shading {_name(operands[0])} {problem}")
                elif op == b"gs":
                    if operands:
                        self._ext_gstate(operands[0], resources, state, stack, depth)
                elif op == b"Do":
                    if operands:
                        self._do(operands[0], resources, state, stack, depth, images)
                elif op == b"INLINE IMAGE":
                    self._inline_image(operands, resources, state, images)
            except RecursionError:
                raise
            except Exception:
                continue  # one odd operator does not stop the walk

    def _paint(self, what: str | None) -> None:
        if what:
            self._rgb(what)

    def _pattern(self, name, resources, base: Matrix, stack, depth, images: bool) -> str | None:
        """Walk a tiling pattern; the RGB description of a shading pattern's colours ("" if not RGB)."""
        pattern = _get(_get(resources, "/Pattern"), str(name))
        if pattern is None:
            return None
        if _get(pattern, "/PatternType") == 2:
            problem = self._shading_rgb(_get(pattern, "/Shading"), resources)
            return f"mẫu tô /Pattern {_name(name)} có dải màu {problem}" if problem else ""
        ident = getattr(getattr(pattern, "indirect_reference", None), "idnum", None) or id(pattern)
        if ident in stack or depth >= _MAX_DEPTH or not hasattr(pattern, "get_data"):
            return None
        own = _get(pattern, "/Resources")
        matrix = _matrix(_get(pattern, "/Matrix")) or IDENTITY
        self._fonts(own)
        ops = self._operations(pattern, own, key=ident)
        self._walk(ops, own if own is not None else resources, _mul(matrix, base), stack + (ident,), depth + 1, images=images)
        return None

    def _ext_gstate(self, name, resources, state: _State, stack, depth) -> None:
        extgstate = _get(_get(resources, "/ExtGState"), str(name))
        smask = _get(extgstate, "/SMask")
        if smask is None or not hasattr(smask, "get"):
            return
        group = _get(smask, "/G")
        if group is not None:  # a soft mask's colours are not printed, its blending space counts
            self._form(group, "/SMask", resources, state._replace(fill=None, stroke=None), stack, depth, images=False)

    def _do(self, name, resources, state: _State, stack, depth, images: bool) -> None:
        xobject = _get(_get(resources, "/XObject"), str(name))
        if xobject is None:
            return
        subtype = _name(_get(xobject, "/Subtype"))
        if subtype == "/Image":
            self._image(_name(name), xobject, resources, state, images)
        elif subtype == "/Form":
            self._form(xobject, _name(name), resources, state, stack, depth, images)

    def _form(self, form, label: str, resources, state: _State, stack, depth, images: bool = True) -> None:
        ident = getattr(getattr(form, "indirect_reference", None), "idnum", None) or id(form)
        if ident in stack or depth >= _MAX_DEPTH or not hasattr(form, "get_data"):
            return
        own = _get(form, "/Resources")
        effective = own if own is not None else resources
        kind = self._rgb_kind(_get(_get(form, "/Group"), "/CS"), effective)
        if kind:
            self._rgb(f"nhóm trong suốt của hình {label} (/Group /CS) dùng {kind}")
        self._fonts(own)
        matrix = _matrix(_get(form, "/Matrix")) or IDENTITY
        ops = self._operations(form, effective, key=ident)
        self._walk(ops, effective, _mul(matrix, state.ctm), stack + (ident,), depth + 1, state, images)

    def _image(self, label: str, image, resources, state: _State, images: bool) -> None:
        cs = _get(image, "/ColorSpace")
        if cs is not None:
            kind = self._rgb_kind(cs, resources)
            if kind:
                self._rgb(f"ảnh {label} dùng {kind}")
        if _get(image, "/ImageMask") is True:
            self._paint(state.fill)  # a stencil mask paints with the fill colour
            return
        if images:
            self._resolution(f"ảnh {label}", _get(image, "/Width"), _get(image, "/Height"), state.ctm)

    def _inline_image(self, operands, resources, state: _State, images: bool) -> None:
        settings = operands.get("settings", {}) if isinstance(operands, dict) else {}
        cs = settings.get("/CS", settings.get("/ColorSpace"))
        if cs is not None:
            kind = self._rgb_kind(cs, resources)
            if kind:
                self._rgb(f"ảnh nhúng trong nội dung (BI … EI) dùng {kind}")
        if settings.get("/IM", settings.get("/ImageMask")) is True:
            self._paint(state.fill)
            return
        if images:
            self._resolution("ảnh nhúng trong nội dung (BI … EI)", settings.get("/W", settings.get("/Width")),
                             settings.get("/H", settings.get("/Height")), state.ctm)

    def _resolution(self, label: str, width, height, ctm: Matrix) -> None:
        try:
            w, h = int(width), int(height)
        except Exception:
            return
        a, b, c, d = ctm[:4]
        wide, high = math.hypot(a, b) * self.unit, math.hypot(c, d) * self.unit  # printed size, in points
        if w <= 0 or h <= 0 or wide < 1e-3 or high < 1e-3:
            return
        ppi_x, ppi_y = w / (wide / 72), h / (high / 72)
        if min(ppi_x, ppi_y) >= self.min_ppi - 1e-6:
            return
        ppi = f"{ppi_x:.0f}" if round(ppi_x) == round(ppi_y) else f"{ppi_x:.0f} × {ppi_y:.0f}"
        text = (f"{label} {w} × {h} điểm ảnh in ở {_mm(wide)} × {_mm(high)} mm = {ppi} ppi, "
                f"cần ít nhất {self.min_ppi:.0f} ppi")
        items = self.low.setdefault(self.page_no, [])
        if text not in items:
            items.append(text)

        return None

    # -- fonts

    def _fonts(self, resources) -> None:
        fonts = _get(resources, "/Font")
        if fonts is None or not hasattr(fonts, "items"):
            return
        for key, ref in list(fonts.items()):
            font = _obj(ref)
            ident = getattr(ref, "idnum", None) or id(font)
            if ident in self.font_seen or font is None:
                continue
            self.font_seen.add(ident)
            detail = self._font_problem(str(key), font)
            if detail:
                self.fonts[ident] = (self.page_no, detail)

    def _font_problem(self, key: str, font) -> str | None:
        subtype = _name(_get(font, "/Subtype"))
        base = _name(_get(font, "/BaseFont")).lstrip("/")
        label = f"phông {base} ({key}, {subtype.lstrip('/')})"
        if subtype == "/Type3":
            return None
        if subtype == "/Type0":
            descendants = _get(font, "/DescendantFonts")
            try:
                descendant = _obj(descendants[0])
            except Exception:
                return f"{label} không có DescendantFonts nên không có chương trình phông nhúng"
            font = descendant
        descriptor = _get(font, "/FontDescriptor")
        if descriptor is None:
            return f"{label} không được nhúng (không có FontDescriptor)"
        if not any(_get(descriptor, k) is not None for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            return f"{label} không được nhúng (FontDescriptor không có FontFile, FontFile2 hay FontFile3)"
        return None


def _fast_operations(data: bytes) -> list | None:
    """A content stream's (operands, operator) as pypdf gives them, parsed by qpdf (pikepdf): ten
    times faster than pypdf's parser on WeasyPrint's pages. None when the stream has an inline
    image (left to pypdf) or cannot be parsed (pypdf then reports it)."""
    import pikepdf
    try:
        instructions = pikepdf.parse_content_stream(pikepdf.Stream(pikepdf.new(), data))
    except Exception:
        return None
    out = []
    for inst in instructions:
        if isinstance(inst, pikepdf.ContentStreamInlineImage):
            return None
        out.append(([_plain(o) for o in inst.operands], inst.operator.unparse()))
    return out


def _plain(value):
    """A pikepdf operand as the pypdf object the checks read (names, numbers, arrays, strings)."""
    import pikepdf
    from pypdf.generic import ArrayObject, ByteStringObject, FloatObject, NameObject, NumberObject
    if isinstance(value, pikepdf.Name):
        return NameObject(str(value))
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return NumberObject(value)
    if isinstance(value, (float, __import__("decimal").Decimal)):
        return FloatObject(float(value))
    if isinstance(value, pikepdf.Array):
        return ArrayObject(_plain(v) for v in value)
    if isinstance(value, pikepdf.String):
        return ByteStringObject(bytes(value))
    return value
