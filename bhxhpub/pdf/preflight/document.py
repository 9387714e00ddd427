"""Document and page level: the PDF/X-4 declaration, the CMYK output intent, TrimBox and BleedBox."""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from .base import _PDFXID_NS, PT_PER_MM, Finding, _fmt_rect, _get, _inside, _mm, _name, _num, _obj, _rect

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


