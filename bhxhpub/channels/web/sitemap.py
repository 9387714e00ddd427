"""One sitemap for all locales, each URL with its hreflang alternates (and x-default).

MkDocs writes a sitemap per locale without alternates; this replaces them with one
at the site root. Page paths are the same in every locale (same slugs).
"""
from __future__ import annotations

import gzip
import os
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ...model.types import Content


def page_paths(site_dir: Path) -> list[str]:
    """Directory URLs of the default locale's pages ("", "to-roi/x/", ...)."""
    out = []
    for p in sorted(site_dir.rglob("index.html")):
        rel = p.parent.relative_to(site_dir).as_posix()
        rel = "" if rel == "." else rel + "/"
        out.append(rel)
    return out


def write_sitemap(site_dir: Path, content: Content) -> None:
    """sitemap.xml (+ .gz) with every locale's pages and their alternates, and robots.txt pointing to it."""
    s = content.settings
    locales = [l for l in s.locales if l.build]
    prefixes = {l.id: ("" if l.id == s.default_locale else f"{l.id}/") for l in locales}
    other = set(prefixes.values()) - {""}
    paths = [p for p in page_paths(site_dir) if not any(p.startswith(x) for x in other)]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path in paths:
        for l in locales:
            if not (site_dir / prefixes[l.id] / path / "index.html").exists():
                continue
            lines.append(f"  <url><loc>{escape(s.base_url + prefixes[l.id] + path)}</loc>")
            if len(locales) > 1:
                for alt in locales:
                    lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(alt.lang)} '
                                 f'href={quoteattr(s.base_url + prefixes[alt.id] + path)}/>')
                lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(s.base_url + path)}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    _replace(site_dir / "sitemap.xml", data)  # new files: the built site shares its files with the cache
    _replace(site_dir / "sitemap.xml.gz", gzip.compress(data, mtime=0))
    _replace(site_dir / "robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {s.base_url}sitemap.xml\n".encode())
    for prefix in other:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / prefix / name).unlink(missing_ok=True)


def _replace(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
