"""Writing output files atomically: a reader (a browser, a print shop's RIP) never sees half a file.

With the same sources and the same epoch (SOURCE_DATE_EPOCH, given by the pipeline in
RenderSettings), two builds give byte-identical files: the only dates written into a PDF are
the creation and modification dates, both taken from that epoch.
"""
from __future__ import annotations

import os
from pathlib import Path


def write_file(target: Path, data: bytes) -> None:
    """Write a file atomically (a reader never sees half a PDF)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def page_count(data: bytes) -> int:
    """Pages of a PDF file, read back by qpdf (pikepdf): about 1 ms where pypdf's parser takes
    20 ms on a WeasyPrint file, which counted for every cached file of a build."""
    import io

    import pikepdf
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)
