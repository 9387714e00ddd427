"""docs/pdf/manifest.json: every PDF of a build, for print shops and for checks."""
from __future__ import annotations

import json
from pathlib import Path

from ..render.base import Download
from .editions import BLEED_MM, SHOP_EDITIONS
from .writer import write_file


def manifest_rows(downloads: list[Download]) -> list[dict]:
    """One row per PDF, sorted by locale, leaflet and edition: its finished page size, bleed,
    page count, bytes, SHA-256 and editorial status."""
    rows = []
    for f in sorted(downloads, key=lambda f: (f.locale, f.item, f.edition)):
        rows.append({
            "leaflet": f.item, "locale": f.locale, "edition": f.edition, "label": f.label, "path": f.path,
            "page_width_mm": f.page_width_mm, "page_height_mm": f.page_height_mm,
            "bleed_mm": BLEED_MM if f.edition in SHOP_EDITIONS else 0.0,
            "pages": f.pages, "bytes": f.bytes, "sha256": f.sha256, "status": f.status, "kind": f.kind,
        })
    return rows


def write_manifest(downloads: list[Download], docs: Path) -> Path:
    """Write docs/pdf/manifest.json (sorted keys, UTF-8, one trailing newline); returns its path."""
    target = Path(docs) / "pdf" / "manifest.json"
    text = json.dumps({"files": manifest_rows(downloads)}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_file(target, text.encode("utf-8"))
    return target
