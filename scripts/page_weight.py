#!/usr/bin/env python3
"""What a first visit to a page transfers, gzip-compressed: HTML + CSS + JS + fonts it loads.

Usage: scripts/page_weight.py SITE_DIR [PAGE ...]   (default page: index.html)
Fonts are counted when a stylesheet declares them (the browser fetches only the faces
used, so this is an upper bound). Exits 1 when a page is over the budget (150 KB).
"""
from __future__ import annotations

import gzip
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

BUDGET = 150 * 1024


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") in ("stylesheet", "icon", "preload") and a.get("href"):
            self.refs.append(a["href"])
        if tag == "script" and a.get("src"):
            self.refs.append(a["src"])


def _local(site: Path, base_url: str, ref: str) -> Path | None:
    url = urlparse(urljoin(base_url, ref))
    if url.scheme not in ("", "file") or url.netloc:
        return None
    path = site / url.path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def weigh(site: Path, page: str = "index.html") -> tuple[int, list[tuple[str, int]]]:
    site = site.resolve()
    html_path = site / page
    base = "/" + page
    items: list[tuple[str, int]] = [(page, len(gzip.compress(html_path.read_bytes(), 9)))]
    parser = _Refs()
    parser.feed(html_path.read_text(encoding="utf-8"))
    seen = set()
    for ref in parser.refs:
        p = _local(site, base, ref)
        if p is None or p in seen:
            continue
        seen.add(p)
        items.append((str(p.relative_to(site)), len(gzip.compress(p.read_bytes(), 9))))
        if p.suffix == ".css":
            css_base = "/" + str(p.relative_to(site))
            for font in re.findall(r"url\(\s*['\"]?([^'\")]+\.woff2?)['\"]?\s*\)", p.read_text(encoding="utf-8")):
                fp = _local(site, css_base, font)
                if fp and fp not in seen:
                    seen.add(fp)
                    items.append((str(fp.relative_to(site)), fp.stat().st_size))  # woff2 is already compressed
    return sum(n for _, n in items), items


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path("site")
    pages = argv[1:] or ["index.html"]
    worst = 0
    for page in pages:
        total, items = weigh(site, page)
        worst = max(worst, total)
        print(f"{page}: {total / 1024:.1f} KB (ngân sách {BUDGET // 1024} KB)")
        for name, n in sorted(items, key=lambda x: -x[1]):
            print(f"  {n / 1024:7.1f} KB  {name}")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
