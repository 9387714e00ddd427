"""The search index for one locale: original texts of every page, folded in the browser.

Folding (tone marks, đ -> d) happens in theme/assets/search.js for both the index
and the query; here we only collect page texts from the model, so the index is
small (one entry a page) and needs no extra request beyond one JSON file.
"""
from __future__ import annotations

import json
import re

from ...model.settings import Settings
from ...render.pages import dir_url
from .pages import Page


def page_url(path: str, prefix: str = "/") -> str:
    """"to-roi/x.md" -> "/to-roi/x/"; "index.md" -> "/"."""
    return prefix + dir_url(path)


def build_index(pages: list[Page], settings: Settings, prefix: str = "/") -> str:
    """Pages shown in Vietnamese as a fallback are left out of other locales' indexes:
    their results would only repeat the Vietnamese site's (which the search page links to)."""
    docs = []
    for p in pages:
        if not p.search_text or p.fallback:
            continue
        text = re.sub(r"\s+", " ", p.search_text).strip()
        doc = {"u": page_url(p.path, prefix), "t": p.title, "k": p.kind, "x": text}
        spelled = _spelled_out(p.title + " " + text, settings.synonyms)
        if spelled:  # "BHXH" in a page is found by "bao hiem xa hoi" too (searched, never shown)
            doc["s"] = spelled
        docs.append(doc)
        for anchor, title, part in p.entries:  # e.g. one result per commune, found by its old names too
            docs.append({"u": f"{page_url(p.path, prefix)}#{anchor}", "t": title, "k": p.kind, "x": re.sub(r"\s+", " ", part)})
    data = {"docs": docs, "synonyms": [list(s) for s in settings.synonyms], "hotline": settings.hotline.phone}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _spelled_out(text: str, synonyms) -> str:
    """What the abbreviations a page uses stand for: the search matches them as if written out."""
    folded = text.lower()
    out = [means for typed, means in synonyms if re.search(r"(?<!\w)" + re.escape(typed.lower()) + r"(?!\w)", folded)]
    return " ".join(dict.fromkeys(out))
