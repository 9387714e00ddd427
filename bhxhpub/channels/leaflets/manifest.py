"""docs/pdf/manifest.json: every PDF of a build, for print shops and for checks."""
from __future__ import annotations

import json
from pathlib import Path

from ...pdf.measures import BLEED_MM
from ...pdf.writer import write_file
from ...render.base import Download
from .formats import SHOP_EDITIONS

LARGE_KINDS = frozenset({"banner", "pennant", "poster"})


def is_print_shop(f: Download) -> bool:
    """A file for a print shop: PDF/X-4, bleed, crop marks (leaflets `*-nha-in`, banners, pennants, posters)."""
    return f.edition in SHOP_EDITIONS or f.kind in LARGE_KINDS


def manifest_rows(downloads: list[Download]) -> list[dict]:
    """One row per file, sorted by locale, item and edition: its finished page size, bleed, whether
    it goes to a print shop (PDF/X-4), page count, bytes, SHA-256, editorial status and kind."""
    rows = []
    for f in sorted(downloads, key=lambda f: (f.locale, f.item, f.edition, f.commune)):
        rows.append({
            "leaflet": f.item, "locale": f.locale, "edition": f.edition, "label": f.label, "path": f.path,
            "page_width_mm": f.page_width_mm, "page_height_mm": f.page_height_mm,
            "bleed_mm": BLEED_MM if is_print_shop(f) else 0.0, "print_shop": is_print_shop(f),
            "pages": f.pages, "bytes": f.bytes, "sha256": f.sha256, "status": f.status, "kind": f.kind,
            **({"commune": f.commune} if f.commune else {}),
        })
    return rows


def write_manifest(downloads: list[Download], docs: Path) -> Path:
    """Write docs/pdf/manifest.json (sorted keys, UTF-8, one trailing newline); returns its path."""
    target = Path(docs) / "pdf" / "manifest.json"
    text = json.dumps({"files": manifest_rows(downloads)}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_file(target, text.encode("utf-8"))
    return target
