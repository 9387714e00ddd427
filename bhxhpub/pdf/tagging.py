"""Accessible PDFs: how every PDF of the project is written, in one place.

Every PDF is tagged. WeasyPrint 70 builds the structure tree from the HTML of the template: the
reading order is the order of the HTML, `<h1>`/`<h2>` are H1/H2, `<p>` P, `<ul>`/`<li>` L/LI, tables
Table/TR/TH/TD (with their header cells), `<img>` and inline `<svg>` Figure with the `alt`
attribute or the SVG's `<title>` as /Alt (the QR code's title says where it leads), `<section>` Sect,
`<main>` Part, other elements Div/Span/NonStruct. Backgrounds and borders are Artifacts. The
catalog gets /Lang from `<html lang>`, /MarkInfo, /ViewerPreferences/DisplayDocTitle, and the
document's `<title>` is its /Title.

- Office and download editions (`write_options(shop=False)`): `pdf_variant="pdf/ua-1"`, which
  also writes the XMP packet with `pdfuaid:part 1`.
- Print-shop editions (`write_options(shop=True)`): PDF/X-4 as before (pdf/pdfx.py) with the same
  tags, and `pdfuaid:part 1` added to the X-4 XMP packet (`claim_pdfua`): a print file that is also
  offered online (posters, banners) reads as well as an office one. What the project draws itself
  (crop marks, the 2-up copy and cut guides) is wrapped in /Artifact (`artifact`).
- Metadata in every PDF: /Title (the item's title in its locale), /Lang, /Subject, /Keywords and a
  custom /edition entry (`<meta name="edition">`, written with `custom_metadata`): "a5: Tờ rơi A5 …".

Checked by the `pdfua` package in the tests (the machine-checkable subset of PDF/UA-1) and by
`pdfinfo` ("Tagged: yes").
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Optional

UA_VARIANT = "pdf/ua-1"
X4_VARIANT = "pdf/x-4"
_PDFUA_ID = b'<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1" />'

Finisher = Callable[[object, object], None]


def artifact(ops: bytes) -> bytes:
    """Content-stream operators marked as an Artifact (drawn, but not content: marks, copies, guides)."""
    return b"/Artifact BMC\n" + ops + b"\nEMC"


def claim_pdfua(pdf) -> None:
    """Add `pdfuaid:part 1` to an uncompressed XMP packet (WeasyPrint's PDF/X-4 one) of a pydyf PDF."""
    import pydyf
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.extra.get("Subtype") == "/XML":
            parts = [part if isinstance(part, bytes) else str(part).encode("utf-8") for part in obj.stream]
            if not any(b"pdfuaid:part" in part for part in parts):
                obj.stream = [part.replace(b"</rdf:RDF>", _PDFUA_ID + b"</rdf:RDF>", 1) for part in parts]


def scope_header_cells(pdf) -> None:
    """Give every table header cell (/TH) its /Scope: /Column in a header row group (THead), else /Row.
    WeasyPrint links cells to headers by /Headers and /ID, but a table that continues on the next page
    repeats its header row without IDs; the scope still says what each header heads."""
    import pydyf
    elements = {obj.number: obj for obj in pdf.objects
                if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"}

    def parent(element):
        ref = element.get("P")
        return elements.get(int(ref.split()[0])) if isinstance(ref, bytes) else None

    for element in elements.values():
        if element.get("S") != "/TH":
            continue
        row = parent(element)
        group = parent(row) if row is not None else None
        scope = "/Column" if group is not None and group.get("S") == "/THead" else "/Row"
        attributes = element.get("A")
        if not isinstance(attributes, pydyf.Dictionary):
            attributes = element["A"] = pydyf.Dictionary({"O": "/Table"})
        attributes["Scope"] = scope


def write_options(shop: bool, finisher: Optional[Finisher] = None) -> dict:
    """The keyword arguments of `Document.write_pdf` for an edition: tagged PDF/UA-1 for the office and
    for downloads, tagged PDF/X-4 claiming PDF/UA-1 for print shops; custom metadata (/edition) in both."""
    def finish(document, pdf):
        if finisher is not None:
            finisher(document, pdf)
        scope_header_cells(pdf)
        if shop:
            claim_pdfua(pdf)
    if not shop:
        return {"pdf_variant": UA_VARIANT, "custom_metadata": True, "finisher": finish}
    return {"pdf_variant": X4_VARIANT, "pdf_tags": True, "custom_metadata": True, "finisher": finish}
