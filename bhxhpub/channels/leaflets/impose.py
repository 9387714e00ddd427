"""The office 2-up edition: two copies of the A5 leaflet side by side on A4 landscape.

Made from the finished A5 PDF with pypdf (nothing is laid out again): each A5 page becomes a
form XObject drawn twice on an A4 sheet, with short dashed cut guides on the middle line.
"""
from __future__ import annotations

import io

from ...pdf.measures import PT_PER_MM

SHEET_MM = (297.0, 210.0)  # A4 landscape
PAGE_MM = 148.0  # the A5 page's width


def copy_offsets() -> tuple[float, float]:
    """Where the two A5 copies start on the sheet (points from its left edge): a panel stamped
    into an A5 page is stamped twice into the 2-up sheet, moved by these."""
    left = (SHEET_MM[0] - 2 * PAGE_MM) * PT_PER_MM / 2
    return left, left + PAGE_MM * PT_PER_MM


def impose_2up(a5_pdf: bytes) -> bytes:
    """Two copies of each A5 page side by side on A4 landscape: page 1 = two fronts,
    page 2 = two backs, so that a duplex print (flip on the short edge) cut once along the
    middle gives two complete leaflets. Each A5 page becomes a form XObject drawn twice: the
    page content is stored once and nothing is re-laid out."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(a5_pdf))
    writer = PdfWriter()
    sheet_w, sheet_h = SHEET_MM[0] * PT_PER_MM, SHEET_MM[1] * PT_PER_MM
    offsets = copy_offsets()
    mid = sheet_w / 2
    for page in reader.pages:
        form = DecodedStreamObject()
        form.set_data(page.get_contents().get_data())
        form.update({
            NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(float(v)) for v in page.mediabox]),
            NameObject("/Resources"): page["/Resources"].clone(writer),
        })
        if "/Group" in page:
            form[NameObject("/Group")] = page["/Group"].clone(writer)
        form_ref = writer._add_object(form.flate_encode())
        sheet = writer.add_blank_page(sheet_w, sheet_h)
        sheet[NameObject("/Resources")] = DictionaryObject({
            NameObject("/XObject"): DictionaryObject({NameObject("/A5"): form_ref})})
        ops = [f"q 1 0 0 1 {x:.4f} 0 cm /A5 Do Q" for x in offsets]
        # cut guides: short dashed ticks on the middle line, in the empty band between the copies
        ops.append(f"q 0 0 0 RG 0.5 w [2 2] 0 d {mid:.3f} {sheet_h - 2 * PT_PER_MM:.3f} m {mid:.3f} {sheet_h - 9 * PT_PER_MM:.3f} l S "
                   f"{mid:.3f} {2 * PT_PER_MM:.3f} m {mid:.3f} {9 * PT_PER_MM:.3f} l S Q")
        contents = DecodedStreamObject()
        contents.set_data("\n".join(ops).encode())
        sheet[NameObject("/Contents")] = writer._add_object(contents.flate_encode())
    meta = reader.metadata or {}
    writer.add_metadata({k: str(v) for k, v in meta.items()})
    writer.add_metadata({"/Producer": f"{meta.get('/Producer', 'WeasyPrint')} + pypdf (2 tờ A5 trên A4)"})
    lang = reader.trailer["/Root"].get("/Lang")
    if lang:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(lang))
    writer.pdf_header = reader.pdf_header  # transparency (watermark) needs more than pypdf's 1.3
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(data: bytes) -> int:
    """Pages of a PDF file."""
    from pypdf import PdfReader
    return len(PdfReader(io.BytesIO(data)).pages)
