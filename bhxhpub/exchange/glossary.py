"""The translators' glossary (content/glossary.yaml): what every exported file carries, and the import's check.

A term is found in a Vietnamese text as a whole word, case-insensitively ("BHXH tự nguyện" wins over the "BHXH"
inside it); a translation of that text should contain the locale's rendering (case-insensitively). Where a
locale has no rendering yet the file shows the term and its meaning for the translator to propose one, and
nothing is checked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import Problem, Problems
from ..model.settings import Locale
from ..model.types import Content
from .files import Entry

STATUS_LABELS = {"draft": "chưa xác nhận", "approved": "đã xác nhận"}


@dataclass(frozen=True)
class GlossEntry:
    """One term as a locale's file shows it."""

    id: str
    term: str  # the Vietnamese
    means: str
    note: str
    rendering: str  # "" when the locale has none yet
    status: str  # of the rendering: draft, approved ("" when none)

    def line(self) -> str:
        """"BHXH → social insurance (chưa xác nhận)" or "BHXH: chưa có cách dịch thống nhất (bảo hiểm xã hội …)"."""
        if self.rendering:
            return f"{self.term} → {self.rendering} ({STATUS_LABELS[self.status]})"
        return f"{self.term}: chưa có cách dịch thống nhất ({self.means})"


def glossary_for(content: Content, locale: str) -> tuple[GlossEntry, ...]:
    """Every term, with this locale's rendering where there is one."""
    out = []
    for t in content.glossary:
        r = next((r for r in t.renderings if r.locale == locale and r.text.strip()), None)
        out.append(GlossEntry(t.id, t.term, t.means, t.note, r.text.strip() if r else "", r.status if r else ""))
    return tuple(out)


@lru_cache(maxsize=256)
def _pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


def terms_in(text: str, glossary: tuple[GlossEntry, ...]) -> tuple[GlossEntry, ...]:
    """The terms a text uses, longest first, a term inside a longer one's match not counted again."""
    spans: list[tuple[int, int]] = []
    found = []
    lower = text.lower()
    for g in sorted(glossary, key=lambda g: -len(g.term)):
        if g.term.lower() not in lower:  # most rows use no term: skip the expression
            continue
        hits = [m.span() for m in _pattern(g.term).finditer(text)
                if not any(a <= m.start() and m.end() <= b for a, b in spans)]
        if hits:
            spans += hits
            found.append(g)
    return tuple(sorted(found, key=lambda g: text.lower().find(g.term.lower())))


def check_glossary(entries: tuple[Entry, ...], content: Content, locale: Locale, problems: Problems) -> None:
    """A warning (problems.notices) for each translated row that does not use a term's rendering."""
    glossary = tuple(g for g in glossary_for(content, locale.id) if g.rendering)
    if not glossary:
        return
    for e in entries:
        if not e.target:
            continue
        for g in terms_in(e.source, glossary):
            if g.rendering.lower() not in e.target.lower():
                problems.notices.append(Problem(
                    *e.where, f"Dòng “{e.key}”: thuật ngữ “{g.term}” chưa được dịch theo bảng thuật ngữ "
                              f"(“{g.rendering}”, {STATUS_LABELS[g.status]}).",
                    f"Dùng “{g.rendering}” như trong bảng thuật ngữ (content/glossary.yaml), hoặc báo cán bộ phụ trách "
                    "nếu cách dịch đó không hợp với câu này."))
