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

THEME_ASSETS = ("assets/javascripts", "assets/stylesheets")  # what Material copies into every site
_SOURCE_MAP = re.compile(r"/[*/]# sourceMappingURL=[^\s*]+")


def prune_unreferenced(site_dir: Path) -> list[str]:
    """Remove Material's asset files no HTML or CSS file of site_dir mentions; returns what was removed."""
    texts = []
    for path in site_dir.rglob("*"):
        if path.suffix in (".html", ".css") and path.is_file():
            texts.append(_SOURCE_MAP.sub("", path.read_text(encoding="utf-8", errors="replace")))
    corpus = "\n".join(texts)
    removed = []
    for folder in THEME_ASSETS:
        base = site_dir / folder
        for path in sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []:
            rel = path.relative_to(site_dir).as_posix()
            if path.name not in corpus:
                path.unlink()
                removed.append(rel)
        for d in sorted((p for p in base.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)) if base.is_dir() else []:
            if not any(d.iterdir()):
                d.rmdir()
    return removed
