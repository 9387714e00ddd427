"""What a translation must keep true against its source: the same [[fact]] tokens, and what the
translator exchange recorded (the Vietnamese translated from, the texts not yet translated)."""
from __future__ import annotations

from typing import Any

from ..errors import Problems
from . import facts as factmod
from .translations import FIELDS, source_hash
from .types import Content


def check_exchange(trs, problems: Problems) -> None:
    """What `translations import` records must stay true: the Vietnamese kept is the one hashed, and an
    approved translation has every text translated."""
    for t in trs:
        if t.source_text is not None and source_hash(t.source_text) != t.source_hash:
            problems.add(*t.where.at("source_text"),
                         f"Bản dịch “{t.id}”: source_text (bản tiếng Việt đã dùng để dịch) không khớp source_hash.",
                         "Không sửa tay source_text và source_hash; xuất lại tệp cho người dịch "
                         "(python build.py translations export) hoặc xoá dòng source_text.")
        if t.untranslated and t.status == "approved":
            problems.add(*t.where.at("status"),
                         f"Bản dịch “{t.id}” còn {len(t.untranslated)} đoạn chưa dịch (untranslated) nên chưa duyệt được.",
                         "Dịch nốt các đoạn đó rồi mới đặt status: approved.")


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    return []


def check_tokens(trs, by_key, content: Content, problems: Problems) -> None:
    """Figures come from the facts: a translation must use the same [[fact]] tokens as its source."""
    known = set(content.facts) | set(factmod.quoted_texts(content))
    for t in trs:
        src = by_key[(t.kind, t.id)]
        if t.source_hash != src.hash:  # outdated: it translates an older source, whose tokens may differ;
            unknown = sorted({tok for s in _texts(t.fields) for tok in factmod.all_tokens(s)} - known)
            if unknown:  # but every token it prints must still exist
                problems.add(t.where.file, t.where.line, t.where.column,
                             f"Bản dịch “{t.id}” dùng {', '.join('[[' + x + ']]' for x in unknown)} không còn trong nội dung.",
                             "Dịch lại theo bản tiếng Việt hiện tại (bản dịch này đã cũ).")
            continue
        want = sorted(set(tok for s in _texts(src.source) for tok in factmod.all_tokens(s)))
        have = sorted(set(tok for s in _texts(t.fields) for tok in factmod.all_tokens(s)))
        if want != have:
            missing = [x for x in want if x not in have]
            extra = [x for x in have if x not in want]
            detail = (f"thiếu {', '.join('[[' + x + ']]' for x in missing)}" if missing else "") + \
                     ("; " if missing and extra else "") + \
                     (f"thừa {', '.join('[[' + x + ']]' for x in extra)}" if extra else "")
            where = (t.where.file, t.where.line, t.where.column)
            for name in FIELDS[t.kind]:
                a = set(tok for x in _texts(src.source.get(name, "")) for tok in factmod.all_tokens(x))
                b = set(tok for x in _texts(t.fields.get(name, "")) for tok in factmod.all_tokens(x))
                if a != b:
                    where = t.where.at(name)
                    break
            problems.add(*where,
                         f"Bản dịch “{t.id}” phải dùng đúng các mã số liệu và trích dẫn như bản gốc ({detail}).",
                         "Không gõ con số hay câu trích vào bản dịch: chép nguyên các mã dạng [[ma-so-lieu]], "
                         "[[msg:…]], [[slogan:…]] từ bản tiếng Việt.")
