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

from .base import Finding, _guard, _obj, _reason
from .content import _Scanner
from .document import _check_boxes, _check_output_intent, _check_pdfx
from .text import _check_text

__all__ = ["RULES", "Finding", "preflight", "preflight_message"]

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






