#!/usr/bin/env python3
"""What a first visit to a page transfers, gzip-compressed: HTML + CSS + JS + fonts it loads.

Usage: scripts/page_weight.py SITE_DIR [PAGE ...]   (default page: index.html)
A font file is counted when a stylesheet declares it and the page has a character in the face's
unicode-range, as a browser decides (it may skip a weight the page does not use, so this is an
upper bound). Exits 1 when a page is over the budget (150 KB).
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
        self.text: list[str] = []
        self._skip = 0

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if a.get("placeholder"):
            self.text.append(a["placeholder"])
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


_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_URL = re.compile(r"url\(\s*['\"]?([^'\")]+\.woff2?)['\"]?\s*\)")
_RANGE = re.compile(r"unicode-range:\s*([^;}]+)")


def _in_range(spec: str, used: set[int]) -> bool:
    for part in spec.split(","):
        lo, _, hi = part.strip()[2:].partition("-")
        a, b = int(lo, 16), int(hi or lo, 16)
        if any(a <= c <= b for c in used):
            return True
    return False


def _faces_in_use(css: str, used: set[int]) -> list[str]:
    """The font files of the @font-face rules whose unicode-range the page's text touches."""
    out = []
    for body in _FACE.findall(css):
        rng = _RANGE.search(body)
        if rng is None or _in_range(rng.group(1), used):
            out.extend(_URL.findall(body))
    return out


def weigh(site: Path, page: str = "index.html") -> tuple[int, list[tuple[str, int]]]:
    site = site.resolve()
    html_path = site / page
    base = "/" + page
    items: list[tuple[str, int]] = [(page, len(gzip.compress(html_path.read_bytes(), 9)))]
    parser = _Refs()
    parser.feed(html_path.read_text(encoding="utf-8"))
    used = {ord(c) for c in "".join(parser.text)}
    seen = set()
    for ref in parser.refs:
        p = _local(site, base, ref)
        if p is None or p in seen:
            continue
        seen.add(p)
        items.append((str(p.relative_to(site)), len(gzip.compress(p.read_bytes(), 9))))
        if p.suffix == ".css":
            css_base = "/" + str(p.relative_to(site))
            for font in _faces_in_use(p.read_text(encoding="utf-8"), used):
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
