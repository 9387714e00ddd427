"""Legal figures as data: formatting facts and expanding [[fact-id]] tokens in texts.

Texts never repeat a number: they write [[fact-id]] and the value comes from
content/facts.yaml, with its legal source. Formatting is Vietnamese by default.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Optional

from .types import FACT_UNITS, Content, Fact

TOKEN_RE = re.compile(r"\[\[\s*([^\[\]]*?)\s*\]\]")
UNITS = FACT_UNITS  # declared with the Fact type


# Official wording quoted by reference: [[msg:<message id>]], [[slogan:<slogan id>]] print the exact text
QUOTE_PREFIXES = {"msg": "thông điệp", "slogan": "khẩu hiệu", "setting": "cài đặt"}
SETTING_QUOTES = ("hotline",)  # [[setting:hotline]]: the one hotline number, from content/settings.yaml


def is_quote(token: str) -> bool:
    return ":" in token and token.split(":", 1)[0] in QUOTE_PREFIXES


def tokens(text: str) -> list[str]:
    """The fact ids a text names ([[fact-id]]); quotes of official texts are not facts."""
    return [t for t in TOKEN_RE.findall(text) if not is_quote(t)]


def quotes(text: str) -> list[str]:
    """The official texts a text quotes by reference: "msg:<id>" or "slogan:<id>"."""
    return [t for t in TOKEN_RE.findall(text) if is_quote(t)]


def all_tokens(text: str) -> list[str]:
    """Every [[…]] of a text (facts and quotes): what a translation must keep."""
    return TOKEN_RE.findall(text)


def quoted_texts(content: Content) -> dict[str, str]:
    """The exact wording each quote token prints, in the content's language."""
    return {**{f"msg:{m.id}": m.text for m in content.messages}, **{f"slogan:{s.id}": s.text for s in content.slogans},
            "setting:hotline": content.settings.hotline.phone}


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
    "vi": {"vnd": "đồng", "vnd_per_month": "đồng/tháng", "years": "năm", "months": "tháng", "age": "tuổi", "times": "lần"},
    "en": {"vnd": "VND", "vnd_per_month": "VND/month", "years": "years", "months": "months", "age": "years old",
           "times": "times"},
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


_FROM = {"vi": "từ {day}: {value}", "en": "from {day}: {value}"}


def with_upcoming(fact: Fact, locale: str = "vi") -> str:
    """The value in force, and the next one when it starts soon (the timeline sets `upcoming`):
    "1.500.000 đồng (từ 01/01/2027: 2.200.000 đồng)"."""
    now = format_fact(fact, locale)
    up = fact.upcoming
    if up is None or up.valid_from is None:
        return now
    later = format_fact(replace(fact, value=up.value, upcoming=None), locale)
    return f"{now} ({_FROM.get(locale, _FROM['vi']).format(day=f'{up.valid_from:%d/%m/%Y}', value=later)})"


def expand(text: str, facts: dict[str, Fact], locale: str = "vi", quoted: Optional[dict[str, str]] = None) -> str:
    """Replace every [[id]] with the fact's formatted value (ids were checked on load), and the
    next value where it changes soon; every [[msg:id]] / [[slogan:id]] with the official text
    (`quoted`, see quoted_texts)."""
    def one(m: re.Match) -> str:
        token = m.group(1)
        if is_quote(token):
            return (quoted or {}).get(token, "")
        return with_upcoming(facts[token], locale)
    return TOKEN_RE.sub(one, text)


_OPERATOR = re.compile(r"\s*[×*]\s*")


def operands(fact: Fact) -> list[str]:
    """The fact ids a computed fact multiplies (empty for a written fact)."""
    return [o for o in _OPERATOR.split(fact.computed.strip()) if o] if fact.computed else []


def facts_used(texts: Iterable[str], facts: dict[str, Fact]) -> list[Fact]:
    """The written facts the texts' figures rest on, in reading order: a computed fact counts as
    the facts it is computed from (their legal sources are what a reader can check)."""
    seen: dict[str, Fact] = {}

    def add(fid: str, path: frozenset = frozenset()) -> None:
        if fid not in facts or fid in path:
            return
        if facts[fid].computed:
            for op in operands(facts[fid]):
                add(op, path | {fid})
        else:
            seen.setdefault(fid, facts[fid])
    for t in texts:
        for fid in tokens(t):
            add(fid)
    return list(seen.values())


@dataclass(frozen=True)
class ContributionRow:
    income: int  # the monthly income chosen as the basis
    full: int  # what the person pays without support (income x rate)
    after_support: tuple[int, ...]  # what they pay after each group's State support, in `supports` order


@dataclass(frozen=True)
class ContributionTable:
    """The illustrative table "Bảng ví dụ minh họa mức đóng", computed from facts only: the rate,
    the poverty-line basis on which support is calculated, the support shares. The PDF and the
    page both print this one object."""

    rate: Fact  # ty-le-dong-bhxh-tu-nguyen
    basis: Fact  # chuan-ngheo-nong-thon
    supports: tuple[Fact, ...]  # the support share of each group of people
    years: Optional[Fact]  # so-nam-ho-tro-toi-da: for how many years support is paid, if known
    rows: tuple[ContributionRow, ...]

    @property
    def facts(self) -> list[Fact]:
        """Every fact the table is computed from (for the sources block)."""
        return [self.rate, self.basis, *self.supports, *([self.years] if self.years else [])]


def contribution_table(content: Content) -> ContributionTable:
    """The contribution table of the content's facts and settings (income levels)."""
    f = content.facts
    rate = float(f["ty-le-dong-bhxh-tu-nguyen"].value) / 100
    basis = float(f["chuan-ngheo-nong-thon"].value)
    shares = [float(f[k].value) / 100 for k in SUPPORT_FACTS]
    incomes = sorted(set(content.settings.contribution_incomes)
                     | {int(f[k].value) for k in content.settings.contribution_income_facts})
    rows = []
    for income in incomes:
        full = round(income * rate)
        rows.append(ContributionRow(income=income, full=full,
                                    after_support=tuple(full - round(basis * rate * share) for share in shares)))
    return ContributionTable(rate=f["ty-le-dong-bhxh-tu-nguyen"], basis=f["chuan-ngheo-nong-thon"],
                             supports=tuple(f[k] for k in SUPPORT_FACTS), years=f.get(YEARS_FACT), rows=tuple(rows))


SUPPORT_FACTS = ("ho-tro-ho-ngheo", "ho-tro-ho-can-ngheo", "ho-tro-dan-toc-thieu-so", "ho-tro-doi-tuong-khac")
TABLE_FACTS = ("ty-le-dong-bhxh-tu-nguyen", "chuan-ngheo-nong-thon", *SUPPORT_FACTS)
YEARS_FACT = "so-nam-ho-tro-toi-da"
