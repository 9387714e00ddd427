"""The print-shop preflight (bhxhpub.pdf.preflight) on real PDFs made here with WeasyPrint (PDF/X-4,
CMYK output intent, a 3 mm BleedBox set by a finisher like the build's) or crafted with pypdf."""
from __future__ import annotations

import io
import re
import time  # noqa: F401

import pytest

from bhxhpub.pdf.preflight import RULES, Finding, preflight, preflight_message

MM = 72 / 25.4
PROFILE = "@color-profile device-cmyk { src: url(file:///work/main/theme/pdf/icc/FOGRA39L.icc); components: c, m, y, k; }"
CSS = """
%s
@page { size: 148mm 210mm; margin: 0; bleed: %s }
html, body { margin: 0; padding: 0 }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt; color: device-cmyk(0 0 0 1) }
section { height: 210mm; box-sizing: border-box; padding: 10mm; break-after: page; position: relative }
section:last-child { break-after: auto }
.at { position: absolute; margin: 0 }
"""
GOOD = """
<section><h1 style="color: device-cmyk(1 0.6 0 0.05); margin: 0">Bảo hiểm xã hội tự nguyện</h1>
<p>Tham gia để được hưởng lương hưu khi về già.</p></section>
<section><p style="margin: 0">Gọi 1900 9068 để được tư vấn.</p></section>
"""


def bleed_box_finisher(document, pdf):
    """As bhxhpub.pdf.writer's: the BleedBox exactly 3 mm around the TrimBox of every page."""
    import pydyf
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
            left, bottom, right, top = (float(v) for v in obj["TrimBox"])
            obj["BleedBox"] = pydyf.Array([left - 3 * MM, bottom - 3 * MM, right + 3 * MM, top + 3 * MM])


def render(body: str, *, x4: bool = True, profile: bool = True, bleed: str = "3mm") -> bytes:
    """A PDF of `body`; x4: PDF/X-4 with the build's BleedBox finisher; profile: the CMYK @color-profile rule."""
    from weasyprint import HTML
    rule = PROFILE if profile else ""
    html = f"<!doctype html><html lang='vi'><meta charset='utf-8'><style>{CSS % (rule, bleed)}</style><body>{body}</body></html>"
    document = HTML(string=html)
    if x4:
        return document.write_pdf(pdf_variant="pdf/x-4", finisher=bleed_box_finisher)
    return document.write_pdf()


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def details(findings: list[Finding], rule: str) -> str:
    return "\n".join(f.detail for f in findings if f.rule == rule)


# ------------------------------------------------------------------------------------------
# Fixtures: every PDF is made once per module


@pytest.fixture(scope="module")
def good() -> bytes:
    return render(GOOD)


@pytest.fixture(scope="module")
def images(tmp_path_factory) -> dict[str, bytes]:
    """PDFs with one image each, printed 30 × 30 mm: an RGB PNG of 40 × 40 px, a CMYK JPEG of 600 × 600 px."""
    from PIL import Image
    folder = tmp_path_factory.mktemp("images")
    Image.new("RGB", (40, 40), (200, 30, 30)).save(folder / "rgb.png")
    Image.new("CMYK", (600, 600), (0, 180, 255, 40)).save(folder / "cmyk.jpg", quality=90)
    out = {}
    for name in ("rgb.png", "cmyk.jpg"):
        body = f"<section><p>Ảnh minh hoạ</p><img src='{(folder / name).as_uri()}' style='width: 30mm; height: 30mm'></section>"
        out[name] = render(body)
    return out


def without_bleed_box(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        del page[NameObject("/BleedBox")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def helvetica_not_embedded() -> bytes:
    """A PDF/X-4-looking page whose text is set in a bare /Type1 /Helvetica (no FontDescriptor)."""
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, DictionaryObject, NameObject
    writer = PdfWriter()
    page = writer.add_blank_page(300, 300)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    content = ContentStream(None, None)
    content.set_data(b"BT /F1 12 Tf 100 100 Td (Hi) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ------------------------------------------------------------------------------------------
# The rules


def test_good_print_shop_pdf_passes_every_rule(good):
    findings = preflight(good)
    assert findings == [], preflight_message("good.pdf", findings)
    assert "không có lỗi" in preflight_message("good.pdf", findings)


def test_plain_weasyprint_pdf_fails_pdfx_declaration_and_output_intent():
    findings = preflight(render(GOOD, x4=False, profile=False))
    assert {"pdfx-version", "output-intent"} <= rules(findings)
    assert "PDF/X-4" in details(findings, "pdfx-version")
    assert "/OutputIntents" in details(findings, "output-intent")


def test_cmyk_profile_without_pdfx_variant_still_fails_pdfx_declaration():
    # WeasyPrint writes the CMYK OutputIntent for the @color-profile rule alone, but no PDF/X-4 XMP
    findings = preflight(render(GOOD, x4=False))
    assert "pdfx-version" in rules(findings)
    assert "output-intent" not in rules(findings)


def test_missing_bleed_box_fails_bleed_box_and_message_names_file_and_box(good):
    findings = preflight(without_bleed_box(good))
    assert rules(findings) == {"bleed-box"}
    assert sorted(f.page for f in findings) == [1, 2]
    message = preflight_message("to-roi-a5-nha-in.pdf", findings)
    assert "to-roi-a5-nha-in.pdf" in message
    assert "BleedBox" in message
    assert RULES["bleed-box"] in message
    assert message.count("→ Cách sửa:") == 1


def test_bleed_box_too_narrow_fails_bleed_box(good):
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, FloatObject, NameObject
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good)))
    for page in writer.pages:
        x0, y0, x1, y1 = (float(v) for v in page["/TrimBox"])
        page[NameObject("/BleedBox")] = ArrayObject(FloatObject(v) for v in (x0 - MM, y0 - 3 * MM, x1 + 3 * MM, y1 + 3 * MM))
    out = io.BytesIO()
    writer.write(out)
    findings = preflight(out.getvalue())
    assert rules(findings) == {"bleed-box"}
    assert "trái 1 mm" in details(findings, "bleed-box")


def test_rgb_text_colour_fails_rgb_colour():
    findings = preflight(render("<section><p style='color: rgb(200 0 0)'>Chữ đỏ RGB</p></section>"))
    assert rules(findings) == {"rgb-colour"}
    assert [f.page for f in findings] == [1]
    assert "DeviceRGB" in details(findings, "rgb-colour")


def test_rgb_png_fails_rgb_colour_and_small_image_fails_resolution_with_ppi(images):
    findings = preflight(images["rgb.png"])
    assert {"rgb-colour", "image-resolution"} <= rules(findings)
    assert re.search(r"ảnh /\S+ dùng DeviceRGB", details(findings, "rgb-colour"))
    resolution = details(findings, "image-resolution")
    # 40 px over 30 mm = 33.9 ppi
    assert "40 × 40 điểm ảnh" in resolution and "30 × 30 mm" in resolution and "= 34 ppi" in resolution
    assert "300 ppi" in resolution


def test_resolution_threshold_is_a_parameter(images):
    assert "image-resolution" not in rules(preflight(images["rgb.png"], min_ppi=30))


def test_cmyk_jpeg_with_enough_pixels_passes_resolution_and_colour(images):
    findings = preflight(images["cmyk.jpg"])
    assert findings == [], preflight_message("cmyk.pdf", findings)
    # 600 px over 30 mm = 508 ppi: too little only for a stricter shop
    assert "image-resolution" in rules(preflight(images["cmyk.jpg"], min_ppi=600))


@pytest.fixture(scope="module")
def near_trim() -> dict[str, bytes]:
    return {where: render(f"<section><p class='at' style='{where}'>Bảo hiểm</p></section>")
            for where in ("left: 1mm; top: 50mm", "left: 5mm; top: 50mm", "right: 1mm; top: 80mm", "left: 20mm; bottom: 1mm")}


def test_text_one_mm_from_the_trim_fails_text_near_trim(near_trim):
    findings = preflight(near_trim["left: 1mm; top: 50mm"])
    assert rules(findings) == {"text-near-trim"}
    detail = details(findings, "text-near-trim")
    assert detail.startswith("trang 1: chữ “B")
    # the ink of "B" starts a little right of the pen: about 1.4 mm from the left trim edge, not 4.4 mm
    distance = float(re.search(r"cách đường xén (\d+(?:,\d+)?) mm ở cạnh trái", detail).group(1).replace(",", "."))
    assert 1.0 <= distance < 2.0


def test_text_near_right_and_bottom_edges_fails_text_near_trim(near_trim):
    right = preflight(near_trim["right: 1mm; top: 80mm"])
    assert rules(right) == {"text-near-trim"} and "cạnh phải" in details(right, "text-near-trim")
    bottom = preflight(near_trim["left: 20mm; bottom: 1mm"])
    assert rules(bottom) == {"text-near-trim"} and "cạnh dưới" in details(bottom, "text-near-trim")


def test_text_five_mm_from_the_trim_passes(near_trim):
    data = near_trim["left: 5mm; top: 50mm"]
    assert "text-near-trim" not in rules(preflight(data))
    assert "text-near-trim" in rules(preflight(data, safe_mm=6))


def test_text_in_the_slug_area_outside_the_bleed_is_reported():
    data = render("<section><p class='at' style='left: -9mm; top: 50mm'>X</p></section>", bleed="10mm")
    findings = preflight(data)
    assert rules(findings) == {"text-near-trim"}
    assert "ngoài TrimBox và lề xén" in details(findings, "text-near-trim")


def test_font_without_embedded_program_fails_font_embedded():
    findings = preflight(helvetica_not_embedded())
    assert "font-embedded" in rules(findings)
    assert [f.page for f in findings if f.rule == "font-embedded"] == [1]
    assert "Helvetica" in details(findings, "font-embedded")
    assert "trim-box" in rules(findings)  # a blank pypdf page has no TrimBox either


def test_garbage_bytes_give_a_finding_not_an_exception():
    findings = preflight(b"%PDF-1.7\nthis is not really a PDF\n%%EOF")
    assert len(findings) == 1 and findings[0].rule == "pdfx-version" and findings[0].page is None
    assert "không đọc được" in findings[0].detail
    assert [f.rule for f in preflight(b"")] == ["pdfx-version"]


def test_truncated_pdf_does_not_crash(good):
    for size in (100, len(good) // 3, len(good) - 200):
        findings = preflight(good[:size])
        assert all(isinstance(f, Finding) and f.rule in RULES for f in findings)


def test_message_lists_each_rule_with_its_name_and_one_fix():
    findings = [Finding("rgb-colour", 1, "trang 1: màu DeviceRGB (0,8 0 0 rg)."),
                Finding("rgb-colour", 2, "trang 2: ảnh /Im3 dùng DeviceRGB."),
                Finding("text-near-trim", 2, "trang 2: chữ “B” cách đường xén 1,2 mm ở cạnh trái, cần ≥ 3 mm.")]
    message = preflight_message("pdf/vi/to-roi.pdf", findings)
    assert message.splitlines()[0].startswith("Tệp in “pdf/vi/to-roi.pdf”")
    assert RULES["rgb-colour"] in message and RULES["text-near-trim"] in message
    assert message.count("→ Cách sửa:") == 2
    assert "device-cmyk" in message and "rút ngắn" in message
    assert all(f.detail in message for f in findings)


def test_rgb_css_gradient_fails_rgb_colour():
    # WeasyPrint 70 writes the rgb() stops with the CMYK ICC profile as the shading's colour space
    findings = preflight(render("<section><div style='height: 20mm; background: linear-gradient(red, blue)'></div></section>"))
    assert rules(findings) == {"rgb-colour"}
    assert "dải màu" in details(findings, "rgb-colour")


def test_svg_default_black_fill_is_rgb_but_cmyk_svg_passes():
    stroked = "<path d='M 5 5 L 40 5 M 5 9 L 40 9' stroke='device-cmyk(0 0 0 1)'/>"  # no fill: SVG's default black
    findings = preflight(render(f"<section><svg width='50' height='50'>{stroked}</svg></section>"))
    assert rules(findings) == {"rgb-colour"}
    assert "DeviceRGB (0 0 0 rg)" in details(findings, "rgb-colour")
    cmyk = stroked.replace("<path ", "<path fill='device-cmyk(0 0 0 1)' ")
    assert preflight(render(f"<section><svg width='50' height='50'>{cmyk}</svg></section>")) == []


def test_missing_trim_box_fails_trim_box(good):
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good)))
    del writer.pages[1][NameObject("/TrimBox")]
    out = io.BytesIO()
    writer.write(out)
    findings = preflight(out.getvalue())
    assert [(f.rule, f.page) for f in findings] == [("trim-box", 2)]
    assert "không có TrimBox" in findings[0].detail
