"""The search index for one locale: original texts of every page, folded in the browser.

Folding (tone marks, đ -> d) happens in theme/assets/search.js for both the index
and the query; here we only collect page texts from the model, so the index is
small (one entry a page) and needs no extra request beyond one JSON file.
"""
from __future__ import annotations

import json
import re

from .model import Settings
from .site_pages import Page

KIND_LABELS = {
    "home": "Trang chủ", "messages": "Thông điệp", "slogans": "Khẩu hiệu", "audiences": "Nhóm đối tượng",
    "audience": "Nhóm đối tượng", "leaflets": "Tài liệu in", "leaflet": "Tờ rơi", "calendar": "Lịch",
    "qa": "Hỏi đáp", "facts": "Số liệu", "contacts": "Liên hệ",
}


def page_url(path: str, prefix: str = "/") -> str:
    """"to-roi/x.md" -> "/to-roi/x/"; "index.md" -> "/"."""
    stem = path[:-3]
    if stem == "index":
        return prefix
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return f"{prefix}{stem}/"


def build_index(pages: list[Page], settings: Settings, prefix: str = "/") -> str:
    docs = []
    for p in pages:
        if not p.search_text:
            continue
        text = re.sub(r"\s+", " ", p.search_text).strip()
        docs.append({"u": page_url(p.path, prefix), "t": p.title, "k": KIND_LABELS.get(p.kind, ""), "x": text})
    data = {"docs": docs, "synonyms": [list(s) for s in settings.synonyms], "hotline": settings.hotline.phone}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
