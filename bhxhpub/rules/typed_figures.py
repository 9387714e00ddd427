"""Figures typed by hand: "22%" written in a text where the fact [[ty-le-dong-bhxh-tu-nguyen]] has that
value. A typed figure does not follow the law when it changes; the token does. A warning in a preview, a
refusal in a release (the pipeline puts it with the release errors), the token suggested.

Only a number with its unit is a figure here ("22%", "22 %", "1.500.000 đồng", "1500000đ", "15 năm"), as the
fact prints it, in a field where tokens are allowed; a bare number, a date (22/12/2025), a phone number
(1900.9068) or part of a longer number never match.
"""
from __future__ import annotations

import re
from dataclasses import is_dataclass

from ..errors import Problem, Problems
from ..model import facts as factmod
from ..model.fields import declarations
from ..model.types import Content, Where

# the unit words a fact of each unit may be typed with, after its number (Vietnamese)
UNIT_WORDS = {
    "percent": (r"%", r"phần trăm"),
    "vnd": (r"đồng", r"đ", r"VNĐ", r"VND"),
    "vnd_per_month": (r"đồng\s?/\s?tháng", r"đồng mỗi tháng", r"đồng một tháng", r"đ\s?/\s?tháng", r"đồng", r"đ",
                      r"VNĐ", r"VND"),
    "years": (r"năm",),
    "months": (r"tháng",),
    "age": (r"tuổi",),
    "times": (r"lần",),
}


def _number_forms(value: float | int) -> list[str]:
    """How a value may be typed: as the site prints it (1.500.000, 22,5) and without separators."""
    shown = factmod.format_number(value)
    plain = shown.replace(".", "")
    return sorted({shown, plain, shown.replace(".", " ")}, key=len, reverse=True)


def figure_pattern(value: float | int, unit: str) -> re.Pattern | None:
    """The regular expression of a fact's value typed with its unit (None for lists and texts)."""
    words = UNIT_WORDS.get(unit)
    if not words or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = "|".join(re.escape(n) for n in _number_forms(value))
    unit_re = "|".join(words)
    # not glued to a digit, a separator or a slash before it (a date, a phone number, a longer number)
    return re.compile(rf"(?<![\w.,/%-])(?:{number})(?![\d]|[.,]\d)\s?(?:{unit_re})(?!\w)", re.IGNORECASE)


def _texts(item, where: Where):
    """(where, text) of every field of an item that may hold [[fact]] tokens, sections included."""
    for name, decl in declarations(type(item)):
        value = getattr(item, name)
        for v in value if isinstance(value, tuple) else (value,):
            if is_dataclass(v) and decl.kind == "list":
                yield from _texts(v, v.where or where)
            elif isinstance(v, str) and decl.figures:
                yield Where(*where.at(name)), v


# a typed percentage or amount of money is the fact's; "10 năm", "12 tháng" may well be something else:
# those are only warned about, never stop a release
STRICT_UNITS = frozenset({"percent", "vnd", "vnd_per_month"})


def check_typed_figures(content: Content, facts: dict | None = None) -> Problems:
    """Every figure typed by hand in the content that a fact (at the build's date; `facts`, by default
    the content's: a release passes every fact, drafts too, as a typed draft figure is worse) prints
    the same: percentages and amounts in `items` (a release refuses them), counts of years, months,
    times and ages in `notices` (a warning in every build)."""
    patterns = []
    for fid, fact in sorted((content.facts if facts is None else facts).items()):
        pattern = figure_pattern(fact.value, fact.unit)
        if pattern is not None:
            patterns.append((fid, fact.unit in STRICT_UNITS, pattern))
    p = Problems()
    if not patterns:
        return p
    items = (*content.leaflets, *content.qa, *content.broadcasts, *content.messages, *content.slogans)
    for item in items:
        for w, text in _texts(item, item.where):
            bare = factmod.TOKEN_RE.sub(" ", text)  # a token is not a typed figure
            found: dict[str, list[tuple[str, bool]]] = {}
            for fid, strict, pattern in patterns:
                for m in pattern.finditer(bare):
                    found.setdefault(m.group(0), []).append((fid, strict))
            for typed, fids in sorted(found.items()):
                tokens = " hoặc ".join(f"[[{f}]]" for f, _ in fids)
                problem = Problem(w.file, w.line, w.column,
                                  f"“{item.id}” gõ tay con số “{typed}”, trùng giá trị của số liệu {tokens}.",
                                  f"Thay “{typed}” bằng {tokens}: con số sẽ lấy từ content/facts.yaml, luôn khớp văn bản "
                                  "pháp luật và tự đổi khi số liệu đổi. Nếu đây là con số khác, viết lại câu cho rõ.")
                (p.items if any(strict for _, strict in fids) else p.notices).append(problem)
    return p
