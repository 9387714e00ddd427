"""What a locale's translator works on, one row per text: units of the content -> rows, and back.

A unit (content/translations.py) is one translatable item; its texts are flattened into rows addressed
by a path: `title`, `sections.2.bullets.3` (1-based, like the readable context), `text`, `emphasise.1`.
The key of a row, `kind/item/path`, is the same in every format (XLSX `context`, PO `msgctxt`, XLIFF
unit `name`). Pure: Content -> rows; rows -> the values of one translation file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from ..locales.localize import states
from ..model import facts as factmod
from ..model.fields import DEFAULT_MAX_LEN, translation_spec
from ..model.settings import Locale
from ..model.translations import FIELDS, KIND_LABELS, TEXT_ONLY, TYPES, Translation, TranslationState, Unit, units
from ..model.types import Content
from .files import text_hash
from .glossary import GlossEntry, glossary_for, terms_in
from .limits import limit_note

FIELD_LABELS = {
    "title": "tiêu đề", "subtitle": "tiêu đề phụ", "summary": "tóm tắt", "call_to_action": "lời kêu gọi",
    "question": "câu hỏi", "answer": "trả lời", "bullets": "ý", "text": "nội dung", "explanation": "lời giải thích",
    "name": "tên", "who": "những ai", "emphasise": "điều cần nhấn mạnh", "label": "tên số liệu", "note": "ghi chú",
    "theme": "chủ đề", "paragraphs": "đoạn", "sms": "SMS không dấu", "sms_unicode": "SMS có dấu", "zalo": "Zalo",
    "offices": "cơ quan", "hours": "giờ làm việc",
}
PLACEHOLDER_RE = re.compile(r"\{[a-z_]+\}")  # {year}, {name}… in interface strings: filled in by the site


@dataclass(frozen=True)
class Row:
    """One text of a unit, as exported for a locale."""

    key: str  # kind/item/path: the context in every format
    kind: str
    item: str
    path: str
    label: str  # readable context: "Tờ rơi: Vì sao … › câu hỏi 2 › ý 3"
    source: str  # the Vietnamese now
    target: str  # the current translation ("" when none)
    state: str  # missing, draft, outdated, approved
    old_source: str  # outdated: the Vietnamese the current translation was made from ("" when unknown)
    figures: str  # "[[id]] = value" of every figure token in the source, for the translator
    hash: str  # the unit's source hash at export time
    max_len: int  # longest translation accepted
    file: str  # the Vietnamese source file
    limit: str = ""  # what else limits the text: an SMS's segments, a script paragraph's reading time
    terms: tuple[GlossEntry, ...] = ()  # the glossary terms the Vietnamese uses
    base: str = ""  # text_hash of the project's translation of this text now ("" hashed when there is none)


@dataclass(frozen=True)
class Export:
    """What one exported file holds: the locale and its rows (leaflets first)."""

    locale: str
    lang: str  # BCP 47 tag of the locale
    name: str  # the locale's Vietnamese name
    exported: date
    rows: tuple[Row, ...]
    glossary: tuple[GlossEntry, ...] = ()  # every term, with this locale's rendering where there is one


def flatten(fields: dict, kind: str) -> dict[str, str]:
    """path -> text of a unit's translatable fields, in reading order (empty optional texts left out)."""
    out: dict[str, str] = {}
    for name in FIELDS[kind]:
        value = fields.get(name, "")
        if isinstance(value, str):
            if value.strip():
                out[name] = value
        elif value and isinstance(value[0], dict):  # nested items: a leaflet's sections, an edition's offices
            subs = shape(kind)[name]
            for i, sec in enumerate(value, 1):
                for sub, want in subs.items():
                    if want == "text" and (sec.get(sub) or "").strip():
                        out[f"{name}.{i}.{sub}"] = sec[sub]
                    elif want == "list":
                        for j, text in enumerate(sec.get(sub, ()), 1):
                            out[f"{name}.{i}.{sub}.{j}"] = text
        else:
            for j, text in enumerate(value or (), 1):
                out[f"{name}.{j}"] = text
    return out


def shape(kind: str) -> dict[str, Any]:
    """Each translatable field of a kind: "text", "list" (of texts) or a dict of a nested item's fields."""
    spec = TEXT_ONLY if kind not in TYPES else translation_spec(TYPES[kind])
    out: dict[str, Any] = {}
    for name in FIELDS[kind]:
        f = spec[name]
        if f.kind == "list" and isinstance(f.item, dict):
            out[name] = {k: ("list" if s.kind == "list" else "text") for k, s in f.item.items() if s.kind != "choice"}
        else:
            out[name] = "list" if f.kind == "list" else "text"
    return out


def max_len(kind: str, path: str) -> int:
    """The longest text accepted at a path (the declaration's max_len, as translation files are checked)."""
    spec = TEXT_ONLY if kind not in TYPES else translation_spec(TYPES[kind])
    parts = path.split(".")
    f = spec[parts[0]]
    if isinstance(f.item, dict):
        f = f.item[parts[2]]
    return f.max_len or DEFAULT_MAX_LEN


_INDEX = re.compile(r"^[1-9][0-9]{0,3}$")


def path_problem(kind: str, path: str) -> Optional[str]:
    """Why a path names no translatable text of a kind ("unknown" or "not-translatable"), None when it does."""
    parts = path.split(".")
    fields = shape(kind)
    name = parts[0]
    if name not in fields:
        declared = kind in TYPES and name in {f for f in TYPES[kind].__dataclass_fields__}
        return "not-translatable" if declared else "unknown"
    want = fields[name]
    if want == "text":
        return None if len(parts) == 1 else "unknown"
    if want == "list":
        return None if len(parts) == 2 and _INDEX.match(parts[1]) else "unknown"
    if len(parts) < 3 or not _INDEX.match(parts[1]):
        return "unknown"
    sub = parts[2]
    if sub not in want:
        return "not-translatable" if sub == "table" else "unknown"
    if want[sub] == "text":
        return None if len(parts) == 3 else "unknown"
    return None if len(parts) == 4 and _INDEX.match(parts[3]) else "unknown"


def unflatten(texts: dict[str, str], kind: str) -> dict:
    """The values of a unit's translatable fields from path -> text (the shape `source_fields` gives)."""
    out: dict[str, Any] = {}
    for name, want in shape(kind).items():
        if want == "text":
            out[name] = texts.get(name, "")
        elif want == "list":
            idx = sorted(int(p.split(".")[1]) for p in texts if p.split(".")[0] == name)
            out[name] = [texts[f"{name}.{i}"] for i in range(1, (idx[-1] if idx else 0) + 1) if f"{name}.{i}" in texts]
        else:
            count = max((int(p.split(".")[1]) for p in texts if p.split(".")[0] == name), default=0)
            secs = []
            for i in range(1, count + 1):
                sec: dict[str, Any] = {}
                for sub, kind_ in want.items():
                    if kind_ == "text":
                        sec[sub] = texts.get(f"{name}.{i}.{sub}", "")
                    else:
                        n = max((int(p.split(".")[3]) for p in texts if p.startswith(f"{name}.{i}.{sub}.")), default=0)
                        sec[sub] = [texts[f"{name}.{i}.{sub}.{j}"] for j in range(1, n + 1) if f"{name}.{i}.{sub}.{j}" in texts]
                secs.append(sec)
            out[name] = secs
    return out


def label(unit_kind: str, title: str, path: str) -> str:
    """"Tờ rơi: Vì sao không nên nhận BHXH một lần › câu hỏi 2 › ý 3"."""
    short = title if len(title) <= 70 else title[:69] + "…"
    parts = path.split(".")
    if len(parts) >= 3 and parts[0] != "sections":  # offices.1.name
        where = [f"{FIELD_LABELS.get(parts[0], parts[0])} {parts[1]}", FIELD_LABELS.get(parts[2], parts[2])]
    elif len(parts) >= 3:  # sections.2.question / sections.2.answer / sections.2.bullets.3
        where = [f"câu hỏi {parts[1]}"]
        if parts[2] == "answer":
            where.append("trả lời")
        elif parts[2] != "question":
            where.append(f"{FIELD_LABELS.get(parts[2], parts[2])} {parts[3]}")
    elif len(parts) == 2:
        where = [f"{FIELD_LABELS.get(parts[0], parts[0])} {parts[1]}"]
    else:
        where = [FIELD_LABELS.get(parts[0], parts[0])]
    return f"{KIND_LABELS[unit_kind]}: {short} › " + " › ".join(where)


def figures_note(text: str, content: Content) -> str:
    """"[[id]] = 20 năm" for every figure token of a text: what the reader will see in its place."""
    out = []
    for fid in dict.fromkeys(factmod.tokens(text)):
        fact = content.facts.get(fid)
        out.append(f"[[{fid}]] = {factmod.format_fact(fact, 'vi')}" if fact else f"[[{fid}]]")
    return "; ".join(out)


def aligned(t: Translation, against: dict, content: Content) -> bool:
    """Whether a translation's texts sit at the same paths as the Vietnamese it was made from (a translator
    writing YAML by hand may reorder a leaflet's sections: those are not exchanged row by row)."""
    if t.kind != "leaflet":
        return set(flatten(t.fields, t.kind)) <= set(flatten(against, t.kind))
    mine, theirs = t.fields.get("sections", ()), against.get("sections", ())
    tables = [i for i, sec in enumerate(content.leaflet(t.id).sections) if sec.table]
    return len(mine) == len(theirs) and all(len(a.get("bullets", ())) == len(b.get("bullets", ()))
                                            for a, b in zip(mine, theirs)) \
        and [i for i, sec in enumerate(mine) if sec.get("table")] == tables


def rows_of(unit: Unit, state: TranslationState, t: Optional[Translation], content: Content,
            glossary: tuple[GlossEntry, ...] = ()) -> list[Row]:
    """The rows of one unit for a locale, with the current translation and per-row state."""
    src = flatten(unit.source, unit.kind)
    old = flatten(t.source_text, unit.kind) if t is not None and t.source_text is not None else None
    usable = t is not None and aligned(t, t.source_text if t.source_text is not None else unit.source, content)
    have = flatten(t.fields, unit.kind) if usable else {}
    out = []
    for path, text in src.items():
        target = have.get(path, "")
        base = text_hash(target if t is not None and path not in t.untranslated else "")
        old_text = ""
        if t is None or not usable or path in t.untranslated or not target:
            row_state, target = TranslationState.MISSING, ""
        elif state != TranslationState.OUTDATED:
            row_state = state
        elif old is not None and path in old and old[path] == text:
            row_state = TranslationState(t.status)  # this text did not change: its translation still holds
        elif old is not None and path not in old:
            row_state, target = TranslationState.MISSING, ""  # a text added since
        else:
            row_state, old_text = TranslationState.OUTDATED, (old or {}).get(path, "")
        out.append(Row(key=f"{unit.kind}/{unit.id}/{path}", kind=unit.kind, item=unit.id, path=path,
                       label=label(unit.kind, unit.title, path), source=text, target=target, state=row_state.value,
                       old_source=old_text, figures=figures_note(text, content), hash=unit.hash,
                       max_len=max_len(unit.kind, path), file=unit.file, limit=limit_note(unit.kind, path, text, content),
                       terms=terms_in(text, glossary), base=base))
    return out


def export_rows(content: Content, locale: Locale, today: date, only: str = "todo",
                kinds: tuple[str, ...] = ()) -> Export:
    """Every text a locale needs (only="todo": of the items not approved and current; "all": every item),
    leaflets first, as `units` orders them."""
    out: list[Row] = []
    glossary = glossary_for(content, locale.id)
    for s in states(units(content, content.ui), content.translations, locale.id):
        if kinds and s.unit.kind not in kinds:
            continue
        if only == "todo" and s.state == TranslationState.APPROVED:
            continue
        out += rows_of(s.unit, s.state, s.translation, content, glossary)
    return Export(locale=locale.id, lang=locale.lang, name=locale.name, exported=today, rows=tuple(out), glossary=glossary)
