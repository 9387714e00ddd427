"""PDF pages as pictures: the JPEG pages of a leaflet for chat groups (pypdfium2), kept as one blob."""
from __future__ import annotations

import io

JPEG_MAX_BYTES = 300 * 1024  # a picture a phone sends and opens quickly in a chat group
JPEG_LONG_SIDE = 1600  # pixels: A5 text stays readable when zoomed on a phone


def join_blobs(images: list[bytes]) -> bytes:
    """Several PNGs as one cache blob: a count, then each length and its bytes."""
    out = len(images).to_bytes(4, "big")
    for data in images:
        out += len(data).to_bytes(4, "big") + data
    return out


def split_blobs(blob: bytes) -> list[bytes]:
    n, at, out = int.from_bytes(blob[:4], "big"), 4, []
    for _ in range(n):
        size = int.from_bytes(blob[at:at + 4], "big")
        out.append(blob[at + 4:at + 4 + size])
        at += 4 + size
    return out


def leaflet_pictures(pdf: bytes) -> list[bytes]:
    """Each page of a leaflet's office PDF as a JPEG for Zalo or Facebook groups: at most
    JPEG_LONG_SIDE pixels on the long side, the quality lowered step by step until the file is
    at most JPEG_MAX_BYTES."""
    import pypdfium2 as pdfium
    out = []
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            scale = JPEG_LONG_SIDE / max(page.get_width(), page.get_height())
            image = page.render(scale=scale).to_pil().convert("RGB")
            for quality in (85, 75, 65, 55, 45):
                buf = io.BytesIO()
                image.save(buf, format="JPEG", quality=quality, optimize=True, progressive=True)
                if buf.tell() <= JPEG_MAX_BYTES:
                    break
            out.append(buf.getvalue())
    finally:
        document.close()
    return out
