"""Text for today's organisation: published texts may not use outdated terms ("BHXH huyện", "cấp
huyện", the ministry that no longer runs social insurance…). The list is data
(content/outdated-terms.yaml), each term with what to write instead and why.

Checked: everything an editor writes that readers see (leaflets, Q&A, what audiences need,
campaign periods, fact labels and notes, interface strings, settings texts, a local edition's
names and places). Not checked: `source` fields (citing an old document is right) and the verbatim
official texts (messages, slogans, audience names from the 2021–2022 plans). A warning in a
preview, a refusal in a release.
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import Problems
from ..model.fields import declarations
from ..model.types import Content

VERBATIM = {("Message", "text"), ("Slogan", "text"), ("Audience", "name"), ("Audience", "short_name")}


def _pattern(term: str) -> re.Pattern:
    """The term as whole words, any case, any dash between words ("Lao động - Thương binh" = "Lao động – Thương binh")."""
    parts = ["[-–—]" if w in ("-", "–", "—") else re.escape(w) for w in unicodedata.normalize("NFC", term).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _texts(item, path: str = ""):
    """(field path, text) of every text field of a declared item, nested items included."""
    cls = type(item).__name__
    for name, decl in declarations(type(item)):
        if name == "source" or (cls, name) in VERBATIM or decl.kind in ("id", "url", "path", "choice", "editorial"):
            continue
        value = getattr(item, name)
        for v in (value if isinstance(value, tuple) else (value,)):
            if isinstance(v, str):
                yield name, v
            elif hasattr(v, "__dataclass_fields__") and not isinstance(v, (str, bytes)):
                yield from _texts(v, name)


def check_outdated_terms(content: Content) -> Problems:
    """Every use of an outdated term, with the item, the term and what to write instead."""
    p = Problems()
    terms = sorted(content.outdated_terms, key=lambda t: -len(t.term))  # "BHXH huyện" before "huyện"
    compiled = [(t, _pattern(t.term)) for t in terms]
    items = [*content.leaflets, *content.qa, *content.broadcasts, *content.audiences, *content.periods, *content.facts.values()]
    if content.edition is not None:
        items.append(content.edition)
    found: list[tuple] = []
    for item in items:
        for name, text in _texts(item):
            found.extend((item.where.at(name) if hasattr(item.where, "at") else (item.where.file, item.where.line, 1),
                          f"“{getattr(item, 'id', '')}”", term, match) for term, match in _matches(text, compiled))
    for key, text in content.ui.items():
        found.extend((("content/ui.yaml", 0, 0), f"chữ giao diện “{key}”", term, match) for term, match in _matches(text, compiled))
    s = content.settings
    for label, text in (("tên trang", s.site_title), ("mô tả trang", s.site_description), ("chủ đề", s.theme),
                        ("nơi hỏi và đăng ký", s.local_office.name),
                        *((f"liên hệ “{c.name}”", f"{c.name} {c.address} {c.note}") for c in s.contacts)):
        found.extend((("content/settings.yaml", 0, 0), label, term, match) for term, match in _matches(text, compiled))
    for (file, line, col), what, term, match in found:
        p.add(file, line, col, f"{what} dùng từ “{match}” không còn đúng với tổ chức hiện nay ({term.source}).",
              f"Viết: {term.use}. (Danh sách từ lỗi thời: content/outdated-terms.yaml)")
    return p


def _matches(text: str, compiled) -> list[tuple]:
    text = unicodedata.normalize("NFC", text)
    out = []
    for term, pattern in compiled:
        for m in pattern.finditer(text):
            out.append((term, m.group(0)))
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)  # a longer term hides the shorter one inside it
    return out
