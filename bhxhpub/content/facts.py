"""Legal figures as data: formatting facts and expanding [[fact-id]] tokens in texts.

Texts never repeat a number: they write [[fact-id]] and the value comes from
content/facts.yaml, with its legal source. Formatting is Vietnamese by default.
"""
from __future__ import annotations

import re
from typing import Iterable

from .model import FACT_UNITS, Content, Fact

TOKEN_RE = re.compile(r"\[\[\s*([^\[\]]*?)\s*\]\]")
UNITS = FACT_UNITS  # declared with the Fact type


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def unbalanced(text: str) -> bool:
    stripped = TOKEN_RE.sub("", text)
    return "[[" in stripped or "]]" in stripped


def format_number(value: float | int, locale: str = "vi") -> str:
    """1500000 -> "1.500.000" (vi, km) or "1,500,000" (en)."""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:,.2f}".rstrip("0").split(".")
    else:
        whole, frac = f"{int(value):,}", ""
    if locale == "en":
        return whole + ("." + frac if frac else "")
    return whole.replace(",", ".") + ("," + frac if frac else "")


_UNIT_WORDS = {
    "vi": {"vnd": "đồng", "vnd_per_month": "đồng/tháng", "years": "năm", "months": "tháng", "age": "tuổi"},
    "en": {"vnd": "VND", "vnd_per_month": "VND/month", "years": "years", "months": "months", "age": "years old"},
}


def format_fact(fact: Fact, locale: str = "vi") -> str:
    v = fact.value
    if fact.unit == "list":
        return "; ".join(v) if isinstance(v, tuple) else str(v)
    if fact.unit == "text" or isinstance(v, str):
        return str(v)
    words = _UNIT_WORDS.get(locale, _UNIT_WORDS["vi"])
    num = format_number(v, locale)
    if fact.unit == "percent":
        return f"{num}%"
    return f"{num} {words[fact.unit]}"


def expand(text: str, facts: dict[str, Fact], locale: str = "vi") -> str:
    """Replace every [[id]] with the fact's formatted value (ids were checked on load)."""
    return TOKEN_RE.sub(lambda m: format_fact(facts[m.group(1)], locale), text)


def facts_used(texts: Iterable[str], facts: dict[str, Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for t in texts:
        for fid in tokens(t):
            if fid in facts:
                seen.setdefault(fid, facts[fid])
    return list(seen.values())


def contribution_rows(content: Content) -> list[dict]:
    """The illustrative table "Bảng ví dụ minh họa mức đóng": income x rate, minus state support.

    Computed from facts only: rate (ty-le-dong-bhxh-tu-nguyen), the poverty-line basis
    (chuan-ngheo-nong-thon) on which support is calculated, and the support shares.
    """
    f = content.facts
    rate = float(f["ty-le-dong-bhxh-tu-nguyen"].value) / 100
    basis = float(f["chuan-ngheo-nong-thon"].value)
    supports = [(f[k].label, float(f[k].value) / 100) for k in SUPPORT_FACTS]
    incomes = sorted(set(content.settings.contribution_incomes)
                     | {int(f[k].value) for k in content.settings.contribution_income_facts})
    rows = []
    for income in incomes:
        full = round(income * rate)
        rows.append({
            "income": income,
            "full": full,
            "after_support": [(label, full - round(basis * rate * share)) for label, share in supports],
        })
    return rows


SUPPORT_FACTS = ("ho-tro-ho-ngheo", "ho-tro-ho-can-ngheo", "ho-tro-dan-toc-thieu-so", "ho-tro-doi-tuong-khac")
TABLE_FACTS = ("ty-le-dong-bhxh-tu-nguyen", "chuan-ngheo-nong-thon", *SUPPORT_FACTS)
