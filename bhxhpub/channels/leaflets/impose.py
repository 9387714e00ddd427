"""The office 2-up edition: two copies of the A5 leaflet side by side on A4 landscape.

Made from the finished, tagged A5 PDF with pikepdf (nothing is laid out again), in place: each A5
page is widened to A4 landscape, its own content (with its marked content and so its whole
structure tree, /Lang, title and XMP) stays as it is, moved to the left half; the right half shows
the second copy as a form XObject of the same content with its marked-content operators removed,
drawn inside /Artifact, like the short dashed cut guides on the middle line. A screen reader reads
the leaflet once; a printer prints it twice.
"""
from __future__ import annotations

import io

from ...pdf.measures import PT_PER_MM
from ...pdf.tagging import artifact

_MARKED = {"BDC", "BMC", "EMC"}

SHEET_MM = (297.0, 210.0)  # A4 landscape
PAGE_MM = 148.0  # the A5 page's width


def copy_offsets() -> tuple[float, float]:
    """Where the two A5 copies start on the sheet (points from its left edge): a panel stamped
    into an A5 page is stamped twice into the 2-up sheet, moved by these."""
    left = (SHEET_MM[0] - 2 * PAGE_MM) * PT_PER_MM / 2
    return left, left + PAGE_MM * PT_PER_MM


def _unmarked(page, pikepdf) -> bytes:
    """The page's content without its marked-content operators (the copy is one Artifact)."""
    ops = [(operands, op) for operands, op in pikepdf.parse_content_stream(page) if str(op) not in _MARKED]
    return pikepdf.unparse_content_stream(ops)


def impose_2up(a5_pdf: bytes, edition: str = "", label: str = "") -> bytes:
    """Two copies of each A5 page side by side on A4 landscape: page 1 = two fronts, page 2 = two
    backs, so that a duplex print (flip on the short edge) cut once along the middle gives two
    complete leaflets. `edition` (its id) and `label` replace the A5's in the document information
    (the last keyword, and the custom /edition entry that base.html.j2 writes)."""
    import pikepdf

    sheet_w, sheet_h = SHEET_MM[0] * PT_PER_MM, SHEET_MM[1] * PT_PER_MM
    left, right = copy_offsets()
    mid = sheet_w / 2
    with pikepdf.open(io.BytesIO(a5_pdf)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            page.contents_coalesce()
            own = page.obj.Contents.read_bytes()
            box = [float(v) for v in page.obj.MediaBox]
            copy = pikepdf.Stream(pdf, _unmarked(page, pikepdf))
            copy.Type, copy.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
            copy.BBox = pikepdf.Array(box)
            copy.Resources = page.obj.Resources
            if "/Group" in page.obj:
                copy.Group = page.obj.Group
            resources = pikepdf.Dictionary({key: page.obj.Resources[key] for key in page.obj.Resources.keys()})
            xobjects = pikepdf.Dictionary(resources.get("/XObject", pikepdf.Dictionary()))
            name = f"/BhxhCopy{number}"
            xobjects[name] = pdf.make_indirect(copy)
            resources.XObject = xobjects
            page.obj.Resources = resources
            guides = (f"q 0 0 0 RG 0.5 w [2 2] 0 d {mid:.3f} {sheet_h - 2 * PT_PER_MM:.3f} m {mid:.3f} "
                      f"{sheet_h - 9 * PT_PER_MM:.3f} l S {mid:.3f} {2 * PT_PER_MM:.3f} m {mid:.3f} {9 * PT_PER_MM:.3f} l S Q")
            second = f"q 1 0 0 1 {right - box[0]:.4f} {-box[1]:.4f} cm {name} Do Q"
            page.obj.Contents = pdf.make_stream(
                f"q 1 0 0 1 {left - box[0]:.4f} {-box[1]:.4f} cm\n".encode() + own + b"\nQ\n"
                + artifact(second.encode()) + b"\n" + artifact(guides.encode()))
            for annot in page.obj.get("/Annots", ()):  # links stay on the first copy
                x0, y0, x1, y1 = (float(v) for v in annot.Rect)
                annot.Rect = pikepdf.Array([x0 + left - box[0], y0 - box[1], x1 + left - box[0], y1 - box[1]])
            for key in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
                if key in page.obj:
                    page.obj[key] = pikepdf.Array([0, 0, sheet_w, sheet_h])
        producer = str(pdf.docinfo.get("/Producer", "WeasyPrint"))
        pdf.docinfo["/Producer"] = f"{producer} + pikepdf (2 tờ A5 trên A4)"
        if edition:
            keywords = str(pdf.docinfo.get("/Keywords", "")).split(", ")
            pdf.docinfo["/Keywords"] = ", ".join(keywords[:-1] + [edition])
            pdf.docinfo["/edition"] = f"{edition}: {label}"
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
