"""Facts at an effective date: which value of each timeline applies, what changes soon, and
what a published text would print that no longer (or not yet) applies.

A build resolves every fact once, at its effective date (the build date, or `--as-of`), before
anything is rendered: each `Fact` then carries the value, source and dates in force that day,
and `upcoming`, the next value when it starts within `HORIZON_DAYS`. Computed facts
(`computed: a × b`) are recomputed from their operands at that date, so the lowest contribution,
support amounts and the table rows follow the poverty line on the day it changes.
"""
from __future__ import annotations

from dataclasses import dataclass, is_dataclass, replace
from datetime import date, timedelta
from typing import Optional

from ..errors import Problems
from ..model import facts as factmod
from ..model.fields import Editorial, Status, declarations
from ..model.types import Content, Fact, FactPeriod

HORIZON_DAYS = 90  # "từ ngày …" is shown, and a preview warns, when a value changes this close
operands = factmod.operands  # the fact ids a computed fact multiplies


def written_period(fact: Fact, day: date) -> Optional[FactPeriod]:
    """The written value in force on `day`, if any."""
    for p in fact.periods():
        if (p.valid_from is None or p.valid_from <= day) and (p.valid_until is None or day <= p.valid_until):
            return p
    return None


def period_at(facts: dict[str, Fact], fid: str, day: date, _seen: frozenset = frozenset()) -> Optional[FactPeriod]:
    """The value of a fact on `day` (computed facts from their operands); None where none applies."""
    fact = facts[fid]
    if not fact.computed:
        return written_period(fact, day)
    parts = []
    for op in operands(fact):
        if op in _seen or op not in facts:
            return None
        p = period_at(facts, op, day, _seen | {fid})
        if p is None:
            return None
        parts.append((facts[op], p))
    value = 1.0
    for op_fact, p in parts:
        value *= float(p.value) / (100 if op_fact.unit == "percent" else 1)
    value = round(value) if fact.unit in ("vnd", "vnd_per_month") else round(value, 2)
    starts = [p.valid_from for _, p in parts if p.valid_from]
    ends = [p.valid_until for _, p in parts if p.valid_until]
    sources = list(dict.fromkeys(p.source for _, p in parts))
    return FactPeriod(value=int(value) if float(value).is_integer() else value, source="; ".join(sources),
                      valid_from=max(starts) if starts else None, valid_until=min(ends) if ends else None,
                      where=fact.where)


def _breakpoints(facts: dict[str, Fact], fid: str, seen: frozenset = frozenset()) -> set[date]:
    """Every day on which the fact's value may change (a value starts, or one ended the day before)."""
    fact = facts[fid]
    if fact.computed:
        return {d for op in operands(fact) if op in facts and op not in seen for d in _breakpoints(facts, op, seen | {fid})}
    out = set()
    for p in fact.periods():
        if p.valid_from:
            out.add(p.valid_from)
        if p.valid_until:
            out.add(p.valid_until + timedelta(days=1))
    return out


def next_change(facts: dict[str, Fact], fid: str, day: date, horizon: int = HORIZON_DAYS) -> Optional[tuple[date, Optional[FactPeriod]]]:
    """The first day after `day` (within the horizon) on which the value differs: (that day, the
    new value or None when nothing applies any more)."""
    current = period_at(facts, fid, day)
    for d in sorted(b for b in _breakpoints(facts, fid) if day < b <= day + timedelta(days=horizon)):
        p = period_at(facts, fid, d)
        if (p is None) != (current is None) or (p is not None and current is not None and p.value != current.value):
            return d, p
    return None


def _draft(facts: dict[str, Fact], fid: str, seen: frozenset = frozenset()) -> bool:
    fact = facts[fid]
    if fact.editorial.is_draft:
        return True
    return any(op in facts and op not in seen and _draft(facts, op, seen | {fid}) for op in operands(fact))


def is_draft(facts: dict[str, Fact], fid: str) -> bool:
    """A fact nobody has confirmed: itself draft, or computed from a draft fact."""
    return _draft(facts, fid)


def resolve(facts: dict[str, Fact], day: date) -> tuple[dict[str, Fact], frozenset[str]]:
    """Every fact as of `day`, and the ids that have no value that day. A fact with no value keeps
    its latest earlier value (or its first one) so that a preview still shows something."""
    out: dict[str, Fact] = {}
    gaps = set()
    for fid, fact in facts.items():
        p = period_at(facts, fid, day)
        if p is None:
            gaps.add(fid)
            p = _nearest(facts, fid, day)
        change = next_change(facts, fid, day)
        upcoming = None
        if change is not None and change[1] is not None:
            upcoming = replace(change[1], valid_from=change[0])
        editorial = fact.editorial
        if fact.computed and _draft(facts, fid) and not editorial.is_draft:
            editorial = Editorial(status=Status.DRAFT, reviewed=editorial.reviewed)
        out[fid] = replace(fact, value=p.value if p else fact.value, source=p.source if p else fact.source,
                           valid_from=p.valid_from if p else None, valid_until=p.valid_until if p else None,
                           upcoming=upcoming, editorial=editorial)
    return out, frozenset(gaps)


def _nearest(facts: dict[str, Fact], fid: str, day: date) -> Optional[FactPeriod]:
    days = sorted(_breakpoints(facts, fid))
    before = [d - timedelta(days=1) for d in days if d <= day]
    for d in reversed(before):
        p = period_at(facts, fid, d)
        if p is not None:
            return p
    for d in days:
        p = period_at(facts, fid, d)
        if p is not None:
            return p
    return None


# --- which facts a published text uses, and what to tell the editor ----------------------------------------

def figure_texts(item) -> list[str]:
    """The texts of an item where [[fact]] tokens are expanded (fields declared with figures)."""
    out: list[str] = []
    for name, decl in declarations(type(item)):
        value = getattr(item, name)
        for v in (value if isinstance(value, tuple) else (value,)):
            if is_dataclass(v) and decl.kind == "list":
                out.extend(figure_texts(v))
            elif isinstance(v, str) and decl.figures:
                out.append(v)
    return out


def used_facts(content: Content, item) -> set[str]:
    """The facts an item prints, directly, through a computed fact, or through the contribution table."""
    direct = {fid for t in figure_texts(item) for fid in factmod.tokens(t) if fid in content.facts}
    if any(getattr(s, "table", None) for s in getattr(item, "sections", ())):
        direct |= {fid for fid in factmod.TABLE_FACTS if fid in content.facts}
    out = set()
    todo = list(direct)
    while todo:
        fid = todo.pop()
        if fid in out or fid not in content.facts:
            continue
        out.add(fid)
        todo.extend(operands(content.facts[fid]))
    return out


@dataclass(frozen=True)
class FactReport:
    """What the facts mean for a build at `day`: refusals (a release stops) and warnings."""

    errors: Problems
    warnings: Problems


def published_items(content: Content) -> list:
    """Items whose texts print figures (leaflets, Q&A, messages… anything declared with figures)."""
    groups = [content.leaflets, content.qa, content.messages, content.slogans, content.audiences, content.periods]
    return [item for group in groups for item in group if figure_texts(item)]


def check_facts_at(content: Content, raw_facts: dict[str, Fact], day: date, gaps: frozenset[str]) -> FactReport:
    """Every published item's facts at `day`: no value that day (an error in a release, a warning in
    a preview) and a value that ends or changes within the horizon (a warning: a leaflet printed
    now may be handed out after that day)."""
    errors, warnings = Problems(), Problems()
    for item in published_items(content):
        w = item.where
        for fid in sorted(used_facts(content, item)):
            fact = content.facts[fid]
            at = f"({fact.where.file}:{fact.where.line})"
            if fid in gaps:
                errors.add(w.file, w.line, w.column,
                           f"“{item.id}” dùng số liệu “{fid}” nhưng số liệu này không có giá trị áp dụng ngày {day:%d/%m/%Y} {at}.",
                           "Thêm giá trị áp dụng cho ngày này (values: value, source, valid_from, valid_until) theo văn bản "
                           "mới, hoặc dựng với --as-of một ngày có giá trị.")
                continue
            change = next_change(raw_facts, fid, day)
            if change is None:
                continue
            when, new = change
            now = factmod.format_fact(fact)
            if new is None:
                warnings.add(w.file, w.line, w.column,
                             f"“{item.id}” dùng số liệu “{fid}” ({now}) hết hiệu lực sau ngày {when - timedelta(days=1):%d/%m/%Y} "
                             f"và chưa có giá trị mới {at}.",
                             "Thêm giá trị mới theo văn bản mới (values), hoặc gia hạn valid_until nếu văn bản vẫn còn hiệu lực.")
            else:
                later = factmod.format_fact(replace(fact, value=new.value))
                warnings.add(w.file, w.line, w.column,
                             f"“{item.id}” dùng số liệu “{fid}”: {now} đến hết ngày {when - timedelta(days=1):%d/%m/%Y}, "
                             f"từ ngày {when:%d/%m/%Y} là {later} {at}.",
                             f"Bản in phát sau ngày đó cần dựng với --as-of {when.isoformat()}.")
    return FactReport(errors=errors, warnings=warnings)


def resolve_content(content: Content, day: date) -> tuple[Content, FactReport]:
    """The content with every fact as of `day`, and what that means for the build."""
    facts, gaps = resolve(content.facts, day)
    resolved = replace(content, facts=facts)
    return resolved, check_facts_at(resolved, content.facts, day, gaps)
