"""Publish no theme file that nothing references.

Material copies its whole JavaScript (the bundle, the search worker, lunr's language files) and
source maps into every locale, about 2.3 MB a locale; this site loads none of it (its own small
scripts work without the bundle). After MkDocs has built a locale, every file under Material's
asset folders that no page or stylesheet of that locale names is removed. Source maps only count
as referenced where a page names them, not through a `sourceMappingURL` comment.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

THEME_ASSETS = ("assets/javascripts", "assets/stylesheets")  # what Material copies into every site
_SOURCE_MAP = re.compile(r"/[*/]# sourceMappingURL=[^\s*]+")


def prune_unreferenced(site_dir: Path, known: Optional[dict] = None, since_ns: int = 0) -> dict:
    """Remove Material's asset files no HTML or CSS file of site_dir mentions. Returns what each HTML
    and CSS file mentions, to give back as `known` to the next build over the same folder: a file
    not modified since `since_ns` (MkDocs' dirty build left it) is then not read again."""
    assets = {folder: sorted(p for p in (site_dir / folder).rglob("*") if p.is_file()) if (site_dir / folder).is_dir() else []
              for folder in THEME_ASSETS}
    names = sorted({p.name for paths in assets.values() for p in paths})
    reuse = known if known is not None and known.get("names") == names else {"files": {}}
    mentions: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in (".html", ".css") and path.is_file():
            rel = path.relative_to(site_dir).as_posix()
            if rel in reuse["files"] and path.stat().st_mtime_ns < since_ns:
                mentions[rel] = reuse["files"][rel]
            else:
                text = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8", errors="replace"))
                mentions[rel] = [n for n in names if n in text]
    referenced = {n for found in mentions.values() for n in found}
    for folder, paths in assets.items():
        base = site_dir / folder
        for path in paths:
            if path.name not in referenced:
                path.unlink()
                mentions.pop(path.relative_to(site_dir).as_posix(), None)  # a stylesheet of the theme's own
        for d in sorted((p for p in base.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)) if base.is_dir() else []:
            if not any(d.iterdir()):
                d.rmdir()
    return {"names": names, "files": mentions}
