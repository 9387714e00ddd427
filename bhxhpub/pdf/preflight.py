"""Preflight of a print-shop PDF (PDF/X-4, CMYK output intent), the checks a print shop runs
before it accepts a file: the PDF/X-4 declaration, the CMYK output intent, TrimBox and a 3 mm
BleedBox on every page, no RGB colour, embedded fonts, enough image resolution at the printed size
and no text too close to the trim.

    findings = preflight(pdf_bytes)
    if findings:
        print(preflight_message("leaflet.pdf", findings))

The file is parsed once with pypdf (structure, resources, content streams); character boxes come
from pypdfium2. Nothing here raises on a damaged or odd file: an unreadable file is one finding.
"""
from __future__ import annotations

import io
import logging
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["RULES", "Finding", "preflight", "preflight_message"]

RULES: dict[str, str] = {
    "pdfx-version": "khai báo PDF/X-4",
    "output-intent": "OutputIntent CMYK",
    "trim-box": "TrimBox",
    "bleed-box": "BleedBox (lề xén 3 mm)",
    "rgb-colour": "màu RGB",
    "font-embedded": "phông chữ nhúng",
    "image-resolution": "độ phân giải ảnh",
    "text-near-trim": "chữ sát đường xén",
}

FIXES: dict[str, str] = {
    "pdfx-version": "xuất lại tệp bằng bản dựng (WeasyPrint với pdf_variant=\"pdf/x-4\", bản in nhà in); "
                    "không mở và lưu lại tệp bằng công cụ khác sau khi xuất.",
    "output-intent": "kiểm tra quy tắc @color-profile device-cmyk trong CSS của theme/pdf trỏ tới hồ sơ màu CMYK "
                     "theme/pdf/icc/FOGRA39L.icc và xuất với pdf_variant=\"pdf/x-4\".",
    "trim-box": "xuất với @page { bleed: 3mm } trong CSS của theme/pdf để WeasyPrint ghi TrimBox (khổ thành phẩm) cho mọi trang.",
    "bleed-box": "ghi PDF qua print_shop_finisher (bhxhpub/pdf/pdfx.py) và giữ @page { bleed: 3mm } (hoặc rộng hơn) "
                 "để MediaBox chứa đủ lề xén 3 mm quanh TrimBox.",
    "rgb-colour": "chỉ dùng màu device-cmyk(c m y k) trong CSS và SVG của theme/pdf; đổi ảnh sang CMYK (JPEG CMYK) hoặc ảnh xám; "
                  "không dùng rgb(), #hex, tên màu hay hiệu ứng trong suốt trên nền RGB.",
    "font-embedded": "chỉ dùng phông chữ trong theme/fonts (WeasyPrint nhúng chúng); không dùng phông hệ thống "
                     "hay 14 phông chuẩn PDF không nhúng.",
    "image-resolution": "thay ảnh gốc có nhiều điểm ảnh hơn (đủ ppi ở kích thước in) hoặc in ảnh nhỏ lại; "
                        "không phóng to ảnh nhỏ trong CSS.",
    "text-near-trim": "biên tập viên: rút ngắn đoạn chữ; lập trình viên: kiểm tra lề an toàn của mẫu trang trong theme/pdf "
                      "(chữ phải nằm trong TrimBox, cách đường xén đủ lề an toàn).",
}

PT_PER_MM = 72 / 25.4
_PDFXID_NS = "http://www.npes.org/pdfx/ns/id/"
_MAX_DEPTH = 12  # nesting of forms / patterns
_MAX_ITEMS = 5  # items named in one detail
_BOX_TOL_PT = 0.01


@dataclass(frozen=True)
class Finding:
    """One broken print-shop rule: `rule` is a key of RULES, `page` 1-based (None for the
    whole document), `detail` a Vietnamese sentence saying what is wrong and where."""

    rule: str
    page: int | None
    detail: str


# ------------------------------------------------------------------------------------------
# Small helpers


def _num(x: float, digits: int = 1) -> str:
    """A number the Vietnamese way: decimal comma (1,2), no trailing zeros."""
    text = f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",")


def _mm(pt: float) -> str:
    return _num(pt / PT_PER_MM, 1)


def _obj(x):
    """Resolve an indirect object (None stays None)."""
    if x is None or not hasattr(x, "get_object"):
        return x
    try:
        return x.get_object()
    except Exception:
        return None


def _get(d, key: str):
    """d[key], resolved, or None when d is not a dictionary or has no such key."""
    d = _obj(d)
    try:
        return _obj(d.get(key)) if hasattr(d, "get") else None
    except Exception:
        return None


def _rect(value) -> tuple[float, float, float, float] | None:
    """A normalised rectangle (x0, y0, x1, y1) from a PDF array, or None."""
    value = _obj(value)
    try:
        a, b, c, d = (float(_obj(v)) for v in value)
    except Exception:
        return None
    if not all(math.isfinite(v) for v in (a, b, c, d)):
        return None
    return min(a, c), min(b, d), max(a, c), max(b, d)


def _fmt_rect(r: tuple[float, float, float, float]) -> str:
    return "[" + " ".join(_num(v, 2) for v in r) + "]"


def _inside(inner, outer, tol: float = _BOX_TOL_PT) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def _name(x) -> str:
    x = _obj(x)
    return str(x) if x is not None else "?"


def _join(items: list[str]) -> str:
    shown = "; ".join(items[:_MAX_ITEMS])
    if len(items) > _MAX_ITEMS:
        shown += f"; và {len(items) - _MAX_ITEMS} chỗ khác"
    return shown


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m × n (m applied first, as in PDF `cm`: CTM' = m × CTM)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(value) -> Matrix | None:
    value = _obj(value)
    try:
        m = tuple(float(_obj(v)) for v in value)
    except Exception:
        return None
    return m if len(m) == 6 and all(math.isfinite(v) for v in m) else None  # type: ignore[return-value]


# ------------------------------------------------------------------------------------------
# Entry points


def preflight(data: bytes, *, bleed_mm: float = 3.0, min_ppi: float = 300.0, safe_mm: float = 3.0) -> list[Finding]:
    """Every print-shop rule the PDF `data` breaks (empty list: the file passes).

    bleed_mm: the bleed the BleedBox must add around the TrimBox on each side (0.05 mm tolerance);
    min_ppi: the least effective image resolution at the printed size, on both axes;
    safe_mm: how far inside the TrimBox every visible character must stay.
    Never raises: an unreadable file gives a single "pdfx-version" finding.
    """
    from pypdf import PdfReader

    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)  # a damaged file is reported here, not logged
    try:
        try:
            reader = PdfReader(io.BytesIO(bytes(data)))
            if reader.is_encrypted:
                return [Finding("pdfx-version", None, "tệp PDF được mã hoá hoặc có mật khẩu; PDF/X không cho phép mã hoá.")]
            pages = list(reader.pages)
            root = _obj(reader.trailer["/Root"])
            if not pages:
                raise ValueError("không có trang nào")
        except Exception as e:
            return [Finding("pdfx-version", None, f"không đọc được tệp PDF ({_reason(e)}); tệp hỏng hoặc không phải PDF.")]
        findings: list[Finding] = []
        _guard(findings, "pdfx-version", None, lambda: _check_pdfx(reader, root))
        _guard(findings, "output-intent", None, lambda: _check_output_intent(root))
        boxes: list[tuple | None] = []
        for number, page in enumerate(pages, 1):
            _guard(findings, "trim-box", number, lambda p=page, n=number: _check_boxes(p, n, bleed_mm, boxes))
        scan = _Scanner(min_ppi)
        for number, page in enumerate(pages, 1):
            _guard(findings, "rgb-colour", number, lambda p=page, n=number: scan.page(p, n))
        findings += scan.findings()
        findings += _check_text(data, boxes, safe_mm)
        order = list(RULES)
        findings.sort(key=lambda f: (order.index(f.rule), f.page or 0))
        return findings
    except Exception as e:  # a last guard: a preflight never crashes the build
        return [Finding("pdfx-version", None, f"không kiểm tra được tệp PDF ({_reason(e)}).")]
    finally:
        pypdf_logger.setLevel(level)


def preflight_message(path: str, findings: list[Finding]) -> str:
    """A Vietnamese report for editors and developers: the file, each broken rule (its RULES name)
    with its details, and one "→ Cách sửa: …" line per rule."""
    if not findings:
        return f"Tệp in “{path}” đạt kiểm tra trước khi in (PDF/X-4): không có lỗi."
    rules = [r for r in RULES if any(f.rule == r for f in findings)]
    rules += sorted({f.rule for f in findings} - set(rules))
    lines = [f"Tệp in “{path}” không đạt kiểm tra trước khi in (PDF/X-4): {len(findings)} lỗi, {len(rules)} quy tắc."]
    for rule in rules:
        lines.append(f"✗ {RULES.get(rule, rule)} [{rule}]:")
        for f in findings:
            if f.rule == rule:
                lines.append(f"  - {f.detail}")
        lines.append(f"  → Cách sửa: {FIXES.get(rule, 'xuất lại tệp bằng bản dựng.')}")
    return "\n".join(lines)


def _reason(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else ""
    text = text[:120]
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _guard(findings: list[Finding], rule: str, page: int | None, check) -> None:
    """Run one check; a damaged structure becomes a finding of that rule instead of an exception."""
    try:
        findings += check() or []
    except Exception as e:
        where = f"trang {page}: " if page else ""
        findings.append(Finding(rule, page, f"{where}không kiểm tra được vì cấu trúc PDF hỏng ({_reason(e)})."))


# ------------------------------------------------------------------------------------------
# Document level: PDF/X-4 declaration, output intent


def _xmp_versions(xmp: bytes) -> list[str]:
    """The pdfxid:GTS_PDFXVersion values of an XMP packet (element or attribute form)."""
    tag = f"{{{_PDFXID_NS}}}GTS_PDFXVersion"
    try:
        text = xmp.decode("utf-8", "replace").lstrip("\ufeff")
        tree = ET.fromstring(text[text.index("<x:xmpmeta"):] if "<x:xmpmeta" in text else text)
    except Exception:
        tree = None
    if tree is not None:
        values = []
        for el in tree.iter():
            if el.tag == tag:
                values.append((el.text or "").strip())
            if tag in el.attrib:
                values.append(el.attrib[tag].strip())
        return values
    # not well-formed XML: a plain search for the (usual) prefix
    found = re.findall(rb"pdfxid:GTS_PDFXVersion\s*(?:>|=\s*[\"'])\s*([^<\"']*)", xmp)
    return [v.decode("utf-8", "replace").strip() for v in found]


def _check_pdfx(reader, root) -> list[Finding]:
    out = []
    metadata = _get(root, "/Metadata")
    if metadata is None or not hasattr(metadata, "get_data"):
        out.append(Finding("pdfx-version", None, "không có siêu dữ liệu XMP (/Metadata của catalog), nên không có khai báo "
                                                 "pdfxid:GTS_PDFXVersion = “PDF/X-4”; đây không phải tệp PDF/X-4."))
    else:
        versions = _xmp_versions(metadata.get_data())
        if not versions:
            out.append(Finding("pdfx-version", None, "siêu dữ liệu XMP không có pdfxid:GTS_PDFXVersion; "
                                                     "cần khai báo “PDF/X-4” (tệp không phải PDF/X)."))
        elif any(v != "PDF/X-4" for v in versions):
            out.append(Finding("pdfx-version", None, f"XMP khai báo pdfxid:GTS_PDFXVersion = “{', '.join(versions)}”, cần “PDF/X-4”."))
    info = _get(reader.trailer, "/Info")
    info_version = _get(info, "/GTS_PDFXVersion")
    if info_version is not None and str(info_version).strip() != "PDF/X-4":
        out.append(Finding("pdfx-version", None,
                           f"từ điển Info khai báo /GTS_PDFXVersion = “{info_version}”, không khớp với “PDF/X-4”."))
    return out


def _check_output_intent(root) -> list[Finding]:
    intents = _get(root, "/OutputIntents")
    if intents is None:
        return [Finding("output-intent", None, "catalog không có /OutputIntents: thiếu OutputIntent /GTS_PDFX với hồ sơ màu CMYK.")]
    seen = []
    try:
        items = list(intents)
    except Exception:
        items = []
    for item in items:
        intent = _obj(item)
        subtype = _name(_get(intent, "/S"))
        profile = _get(intent, "/DestOutputProfile")
        n = _get(profile, "/N")
        if subtype == "/GTS_PDFX":
            if profile is None:
                seen.append("OutputIntent /GTS_PDFX không có /DestOutputProfile")
                continue
            try:
                if int(n) == 4:
                    return []
            except Exception:
                pass
            seen.append(f"OutputIntent /GTS_PDFX có hồ sơ màu /N = {n if n is not None else 'không có'} (cần 4, CMYK)")
        else:
            seen.append(f"OutputIntent loại {subtype} (không phải /GTS_PDFX)")
    if not seen:
        return [Finding("output-intent", None, "/OutputIntents rỗng: thiếu OutputIntent /GTS_PDFX với hồ sơ màu CMYK (/N 4).")]
    return [Finding("output-intent", None, "không có OutputIntent CMYK: " + "; ".join(seen) + ".")]


# ------------------------------------------------------------------------------------------
# Page boxes


def _user_unit(page) -> float:
    """The page's /UserUnit (PDF 1.6: a large page drawn at 1:10 says 10); 1 when absent or odd."""
    try:
        unit = float(page.get("/UserUnit", 1) or 1)
    except Exception:
        return 1.0
    return unit if math.isfinite(unit) and unit > 0 else 1.0


def _check_boxes(page, number: int, bleed_mm: float, boxes: list) -> list[Finding]:
    """TrimBox and BleedBox of one page; appends (media, trim) to `boxes` for the text check."""
    out = []
    media = None
    try:
        media = _rect(page.mediabox)  # inherited from the page tree when not on the page
    except Exception:
        pass
    trim = _rect(page.get("/TrimBox"))
    bleed = _rect(page.get("/BleedBox"))
    unit = _user_unit(page)
    boxes.append((media, trim, unit))
    where = f"trang {number}"
    if media is None:
        out.append(Finding("trim-box", number, f"{where}: không có MediaBox hợp lệ."))
    if "/TrimBox" not in page:
        out.append(Finding("trim-box", number, f"{where}: không có TrimBox (khổ thành phẩm sau khi xén)."))
    elif trim is None:
        out.append(Finding("trim-box", number, f"{where}: TrimBox không hợp lệ ({page.get('/TrimBox')})."))
    elif media is not None and not _inside(trim, media):
        out.append(Finding("trim-box", number, f"{where}: TrimBox {_fmt_rect(trim)} nằm ngoài MediaBox {_fmt_rect(media)} (điểm)."))
    if "/BleedBox" not in page:
        out.append(Finding("bleed-box", number, f"{where}: không có BleedBox (cần lề xén {_num(bleed_mm)} mm quanh TrimBox)."))
        return out
    if bleed is None:
        out.append(Finding("bleed-box", number, f"{where}: BleedBox không hợp lệ ({page.get('/BleedBox')})."))
        return out
    problems = []
    if trim is not None:
        need = (bleed_mm - 0.05) * PT_PER_MM / unit
        sides = (("trái", trim[0] - bleed[0]), ("dưới", trim[1] - bleed[1]), ("phải", bleed[2] - trim[2]), ("trên", bleed[3] - trim[3]))
        short = [f"{side} {_mm(d * unit)} mm" for side, d in sides if d < need]
        if short:
            problems.append(f"BleedBox chỉ rộng hơn TrimBox {', '.join(short)}, cần ít nhất {_num(bleed_mm)} mm mỗi cạnh")
    if media is not None and not _inside(bleed, media):
        problems.append(f"BleedBox {_fmt_rect(bleed)} vượt ra ngoài MediaBox {_fmt_rect(media)} (điểm)")
    if problems:
        out.append(Finding("bleed-box", number, f"{where}: " + "; ".join(problems) + "."))
    return out


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


class _Scanner:
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

    # -- colour spaces

    def _shading_rgb(self, shading, resources) -> str | None:
        """What is RGB about a shading: its colour space, or colour functions giving 3 values
        (RGB) in a colour space of another size (WeasyPrint 70 writes CSS rgb() gradients so, with
        the CMYK ICC profile as colour space)."""
        cs = _get(shading, "/ColorSpace")
        kind = self._rgb_kind(cs, resources)
        if kind:
            return f"dùng {kind}"
        n = self._components(cs, resources)
        out = _function_outputs(_get(shading, "/Function"))
        if n and out == 3 and n != 3:
            return f"có màu 3 thành phần (RGB) trong không gian màu {n} thành phần"
        return None

    def _components(self, cs, resources, depth: int = 0) -> int | None:
        """The number of colour components of a colour space, when known."""
        cs = _obj(cs)
        if cs is None or depth > 8:
            return None
        if not isinstance(cs, list):
            name = str(cs)
            fixed = {"/DeviceGray": 1, "/G": 1, "/DeviceRGB": 3, "/RGB": 3, "/DeviceCMYK": 4, "/CMYK": 4}
            if name in fixed:
                return fixed[name]
            named = _get(_get(resources, "/ColorSpace"), name)
            return self._components(named, resources, depth + 1) if named is not None else None
        if not cs:
            return None
        family = _name(cs[0])
        try:
            if family == "/ICCBased":
                return int(_get(cs[1], "/N"))
            if family in ("/CalGray", "/Indexed", "/I", "/Separation"):
                return 1
            if family in ("/CalRGB", "/Lab"):
                return 3
            if family == "/DeviceN":
                return len(_obj(cs[1]))
        except Exception:
            return None
        return None

    def _rgb_kind(self, cs, resources, depth: int = 0) -> str | None:
        """The RGB family of a colour space ("DeviceRGB", "CalRGB", "ICCBased 3 kênh (RGB)",
        "Indexed trên nền …"), or None when it is not RGB."""
        from pypdf.generic import ArrayObject, NameObject
        cs = _obj(cs)
        if cs is None or depth > 8:
            return None
        if isinstance(cs, NameObject) or isinstance(cs, str) and cs.startswith("/"):
            name = str(cs)
            if name in ("/DeviceRGB", "/RGB"):
                return "DeviceRGB"
            if name in ("/DeviceCMYK", "/DeviceGray", "/CMYK", "/G", "/Pattern"):
                return None
            named = _get(_get(resources, "/ColorSpace"), name)
            return self._rgb_kind(named, resources, depth + 1) if named is not None else None
        if isinstance(cs, ArrayObject) or isinstance(cs, list):
            if not cs:
                return None
            family = _name(cs[0])
            if family == "/CalRGB":
                return "CalRGB"
            if family == "/ICCBased" and len(cs) > 1:
                stream = _obj(cs[1])
                n = _get(stream, "/N")
                try:
                    if int(n) == 3:
                        return "ICCBased 3 kênh (RGB)"
                except Exception:
                    pass
                if n is None:
                    alternate = self._rgb_kind(_get(stream, "/Alternate"), resources, depth + 1)
                    return f"ICCBased (thay thế {alternate})" if alternate else None
                return None
            if family in ("/Indexed", "/I") and len(cs) > 1:
                base = self._rgb_kind(cs[1], resources, depth + 1)
                return f"Indexed trên nền {base}" if base else None
            if family == "/Pattern" and len(cs) > 1:
                return self._rgb_kind(cs[1], resources, depth + 1)
            if len(cs) == 1:
                return self._rgb_kind(cs[0], resources, depth + 1)
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


def _function_outputs(function, depth: int = 0) -> int | None:
    """How many values a PDF function (or array of 1-output functions) gives, when known."""
    function = _obj(function)
    if function is None or depth > 8:
        return None
    if isinstance(function, list):
        return len(function) or None
    kind = _get(function, "/FunctionType")
    try:
        if kind == 2:
            c0 = _get(function, "/C0")
            return len(c0) if c0 is not None else 1
        if kind == 3:
            functions = _get(function, "/Functions")
            return _function_outputs(functions[0], depth + 1) if functions else None
        if kind in (0, 4):
            return len(_get(function, "/Range")) // 2
    except Exception:
        return None
    return None


# ------------------------------------------------------------------------------------------
# Text near the trim (pypdfium2 character boxes)


def _visible(ch: str) -> bool:
    return bool(ch) and not ch.isspace() and unicodedata.category(ch[0]) not in ("Cc", "Cf", "Zs", "Zl", "Zp", "Cn", "Co", "Cs")


def _char_runs(textpage, count: int) -> Iterator[tuple[int, str, tuple[float, float, float, float]]]:
    """(index, character, tight box in PDF user space) of every visible character."""
    import pypdfium2.raw as raw
    handle = textpage.raw
    for i in range(count):
        code = raw.FPDFText_GetUnicode(handle, i)
        ch = chr(code) if 0 < code < 0x110000 else ""
        if not _visible(ch):
            continue
        box = textpage.get_charbox(i)
        if box[2] - box[0] <= 0 and box[3] - box[1] <= 0:
            continue
        yield i, ch, box


def _invisible_text(textpage, index: int) -> bool:
    """True for text drawn in render mode 3 (invisible, e.g. an OCR layer)."""
    try:
        import pypdfium2.raw as raw
        obj = raw.FPDFText_GetTextObject(textpage.raw, index)
        return bool(obj) and raw.FPDFTextObj_GetTextRenderMode(obj) == 3
    except Exception:
        return False


def _check_text(data: bytes, boxes: list, safe_mm: float) -> list[Finding]:
    try:
        import pypdfium2 as pdfium
        document = pdfium.PdfDocument(bytes(data))
    except Exception as e:
        return [Finding("text-near-trim", None, f"không đọc được chữ trong tệp để đo khoảng cách tới đường xén ({_reason(e)}).")]
    out: list[Finding] = []
    try:
        for number, (media, trim, unit) in enumerate(boxes, 1):
            if trim is None:
                continue  # reported by trim-box
            try:
                out += _check_page_text(document, number, trim, safe_mm, unit)
            except Exception as e:
                out.append(Finding("text-near-trim", number, f"trang {number}: không đọc được chữ để đo khoảng cách ({_reason(e)})."))
    finally:
        try:
            document.close()
        except Exception:
            pass
    return out


def _check_page_text(document, number: int, trim, safe_mm: float, unit: float = 1.0) -> list[Finding]:
    page = document[number - 1]
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        safe = safe_mm * PT_PER_MM / unit  # a page drawn at 1:10 has /UserUnit 10
        slug = 3.0 * PT_PER_MM / unit  # beyond the trim and its 3 mm bleed
        tx0, ty0, tx1, ty1 = trim
        runs: list[dict] = []  # consecutive offending characters
        last = -2
        for i, ch, (x0, y0, x1, y1) in _char_runs(textpage, count):
            sides = {"trái": x0 - tx0, "dưới": y0 - ty0, "phải": tx1 - x1, "trên": ty1 - y1}
            side, distance = min(sides.items(), key=lambda kv: kv[1])
            if distance >= safe - 1e-6:
                continue
            if _invisible_text(textpage, i):
                continue
            outside = x1 < tx0 - slug or x0 > tx1 + slug or y1 < ty0 - slug or y0 > ty1 + slug
            if runs and last == i - 1 and runs[-1]["outside"] == outside and len(runs[-1]["text"]) < 200:
                run = runs[-1]
                run["text"] += ch
                if distance < run["distance"]:
                    run["distance"], run["side"] = distance, side
            else:
                runs.append({"text": ch, "distance": distance, "side": side, "outside": outside})
            last = i
    finally:
        textpage.close()
        page.close()
    if not runs:
        return []
    items = []
    for run in runs[:3]:
        text = run["text"] if len(run["text"]) <= 12 else run["text"][:12] + "…"
        if run["outside"]:
            items.append(f"chữ “{text}” nằm ngoài TrimBox và lề xén 3 mm (vùng ghi chú/slug), "
                         f"cách đường xén {_mm(-run['distance'] * unit)} mm về phía ngoài, cạnh {run['side']}")
        elif run["distance"] < 0:
            items.append(f"chữ “{text}” vượt qua đường xén {_mm(-run['distance'] * unit)} mm ở cạnh {run['side']}, "
                         f"cần nằm trong và cách ≥ {_num(safe_mm)} mm")
        else:
            items.append(f"chữ “{text}” cách đường xén {_mm(run['distance'] * unit)} mm ở cạnh {run['side']}, cần ≥ {_num(safe_mm)} mm")
    more = f"; và {len(runs) - 3} đoạn chữ khác" if len(runs) > 3 else ""
    return [Finding("text-near-trim", number, f"trang {number}: " + "; ".join(items) + more + ".")]
