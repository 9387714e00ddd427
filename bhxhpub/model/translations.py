"""Translations kept beside their Vietnamese source, and what each locale may publish.

Layout (one file per source file and locale):
    content/messages.en.yaml, content/audiences.km.yaml, content/qa.en.yaml,
    content/periods.en.yaml, content/facts.en.yaml, content/ui.en.yaml, content/settings.en.yaml,
    slogans/<file>.en.yaml, leaflets/<leaflet-id>.en.yaml

Every translated item records `source_hash`: the hash of the Vietnamese text it
translates (see `source_hash`). When the Vietnamese changes, the hash no longer
matches and the translation is *outdated*. States per item and locale:
missing, outdated, draft, approved. Only approved and current translations are
published by a release build; anything else shows the Vietnamese text with a notice.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field, is_dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, Optional

from ..errors import Problems
from . import facts as factmod
from .fields import STATUSES, FieldSpec, translatable_fields, translation_spec
from .reader import inside_project
from .schema import FileCheck, check_map
from .types import QA, Audience, Content, Fact, Leaflet, Message, Period, Slogan, Where
from .yamlread import Node, read_yaml


class ItemKind(StrEnum):
    """The kinds of translatable items (the first part of a translation's key)."""

    LEAFLET = "leaflet"
    MESSAGE = "message"
    SLOGAN = "slogan"
    AUDIENCE = "audience"
    QA = "qa"
    PERIOD = "period"
    FACT = "fact"
    UI = "ui"
    SETTING = "setting"


class TranslationState(StrEnum):
    """Where a translation stands against its Vietnamese source."""

    APPROVED = "approved"
    DRAFT = "draft"
    OUTDATED = "outdated"  # the source changed since it was translated
    MISSING = "missing"


# The content types whose items are translated, by kind (their translatable fields are declared in model.py)
TYPES = {ItemKind.MESSAGE: Message, ItemKind.SLOGAN: Slogan, ItemKind.AUDIENCE: Audience, ItemKind.QA: QA,
         ItemKind.PERIOD: Period, ItemKind.FACT: Fact, ItemKind.LEAFLET: Leaflet}
TEXT_ONLY = {"text": FieldSpec("text")}  # ui strings and settings texts: one text each
FIELDS: dict[str, tuple[str, ...]] = {**{k: translatable_fields(t) for k, t in TYPES.items()},
                                      ItemKind.UI: ("text",), ItemKind.SETTING: ("text",)}
KIND_FILES = {"messages": ItemKind.MESSAGE, "audiences": ItemKind.AUDIENCE, "qa": ItemKind.QA,
              "periods": ItemKind.PERIOD, "facts": ItemKind.FACT, "ui": ItemKind.UI, "settings": ItemKind.SETTING}
# Texts of content/settings.yaml that readers see: translation id -> (Settings attribute, Contact attribute)
SETTING_TEXTS = {
    "site-title": ("site_title", None), "site-description": ("site_description", None), "theme": ("theme", None),
    "organisation": ("org_name", None), "hotline-name": ("hotline", "name"), "hotline-note": ("hotline", "note"),
    "local-office-name": ("local_office", "name"),
}
KIND_LABELS = {"leaflet": "Tờ rơi", "message": "Thông điệp", "slogan": "Khẩu hiệu", "audience": "Nhóm đối tượng",
               "qa": "Hỏi đáp", "period": "Lịch truyền thông", "fact": "Số liệu", "ui": "Chữ giao diện",
               "setting": "Cài đặt"}
STATES = tuple(s.value for s in TranslationState)



def _snapshot_spec(spec: dict[str, FieldSpec]) -> FieldSpec:
    """`source_text`: the Vietnamese a translation was made from, shaped like the source (what is hashed)."""
    out = {}
    for name, f in spec.items():
        if f.kind == "choice":  # a block's place (table), not a text
            continue
        if f.kind == "list" and isinstance(f.item, dict):
            out[name] = FieldSpec("list", required=False, item=_snapshot_spec(f.item).fields)
        elif f.kind == "list":
            out[name] = FieldSpec("list", required=False, item="text", max_len=f.max_len)
        else:
            out[name] = FieldSpec("opt_text", max_len=f.max_len)
    return FieldSpec("map", required=False, fields=out)


# Written by `translations import` (bhxhpub/exchange): the Vietnamese translated from, and the texts of a
# draft not yet translated (they hold the Vietnamese, shown as is).
_EXCHANGE = {"untranslated": FieldSpec("list", required=False, item="text")}
_META = {"status": FieldSpec("choice", choices=STATUSES), "translated": FieldSpec("date"),
         "source_hash": FieldSpec("text"), "translator": FieldSpec("opt_text"), **_EXCHANGE}
_ITEM_SPECS = {**{k: {**translation_spec(t), **_META, "source_text": _snapshot_spec(translation_spec(t))}
                  for k, t in TYPES.items() if k != ItemKind.LEAFLET},
               ItemKind.UI: {**TEXT_ONLY, **_META, "source_text": _snapshot_spec(TEXT_ONLY)},
               ItemKind.SETTING: {**TEXT_ONLY, **_META, "source_text": _snapshot_spec(TEXT_ONLY)}}
_LEAFLET_SPEC = {"locale": FieldSpec("id"), "translator": FieldSpec("opt_text"), "source_hash": FieldSpec("text"),
                 "status": FieldSpec("choice", choices=STATUSES), "translated": FieldSpec("date"),
                 **translation_spec(Leaflet), **_EXCHANGE, "source_text": _snapshot_spec(translation_spec(Leaflet))}


@dataclass(frozen=True)
class Translation:
    locale: str
    kind: str
    id: str
    fields: dict  # field name -> translated value (str, tuple[str], or sections tuple of dicts)
    source_hash: str
    status: str
    translated: date
    translator: str
    where: Where = field(compare=False)
    source_text: Optional[dict] = field(default=None, compare=False)  # the Vietnamese translated from, if recorded
    untranslated: tuple[str, ...] = ()  # row paths (bhxhpub/exchange) still holding the Vietnamese


@dataclass(frozen=True)
class Unit:
    """One translatable item of the Vietnamese source."""

    kind: str
    id: str
    title: str  # short label for reports
    source: dict  # field -> Vietnamese value
    file: str  # the source file, for the report
    hash: str


def _canon(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", " ".join(value.split()))
    if isinstance(value, (list, tuple)):
        return [_canon(v) for v in value]
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in sorted(value.items())}
    return value


def source_hash(fields: dict) -> str:
    """Hash of the Vietnamese source text (whitespace-insensitive): 12 hex digits."""
    blob = json.dumps(_canon(fields), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


def source_fields(item: Any) -> dict:
    """The Vietnamese source of an item's translatable fields as plain values (what is hashed)."""
    out = {}
    for name in translatable_fields(type(item)):
        value = getattr(item, name)
        if isinstance(value, tuple) and value and is_dataclass(value[0]):
            out[name] = [source_fields(v) for v in value]
        else:
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


# Translators start with the leaflets: (kind, the items' attribute of Content, the field that names an item)
UNIT_ORDER = ((ItemKind.LEAFLET, "leaflets", "title"), (ItemKind.MESSAGE, "messages", "text"),
              (ItemKind.SLOGAN, "slogans", "text"), (ItemKind.QA, "qa", "question"),
              (ItemKind.AUDIENCE, "audiences", "name"), (ItemKind.PERIOD, "periods", "name"),
              (ItemKind.FACT, "facts", "label"))


def units(content: Content, ui: dict[str, str]) -> list[Unit]:
    """Every translatable item, leaflets first (translators start there)."""
    out: list[Unit] = []

    def add(kind: str, ident: str, title: str, src: dict, file: str) -> None:
        out.append(Unit(kind, ident, title, src, file, source_hash(src)))

    for kind, attr, title in UNIT_ORDER:
        items = getattr(content, attr)
        for item in (items.values() if isinstance(items, dict) else items):
            add(kind, item.id, getattr(item, title), source_fields(item), item.where.file)
    for key, text in ui.items():
        add(ItemKind.UI, key, text, {"text": text}, "content/ui.yaml")
    for key in SETTING_TEXTS:
        text = _setting_text(content.settings, key)
        if text:
            add(ItemKind.SETTING, key, text, {"text": text}, "content/settings.yaml")
    return out


def _setting_text(settings, key: str) -> str:
    attr, sub = SETTING_TEXTS[key]
    value = getattr(settings, attr)
    return getattr(value, sub) if sub else value


def translation_path(unit: Unit, locale: str) -> str:
    """Where the translation of a unit lives (beside its source)."""
    if unit.kind == "leaflet":
        return f"leaflets/{unit.id}.{locale}.yaml"
    stem = unit.file.rsplit(".", 1)[0]
    return f"{stem}.{locale}.yaml"


def read_all(root: Path, content: Content, ui: dict[str, str], locales: set[str], problems: Problems) -> tuple[Translation, ...]:
    """Read and validate every translation file; unknown ids, fields and locales are errors."""
    unit_list = units(content, ui)
    by_key = {(u.kind, u.id): u for u in unit_list}
    out: list[Translation] = []
    candidates = sorted(p for d in ("content", "slogans", "leaflets") for p in (root / d).glob("*.*.yaml"))
    for path in candidates:
        rel = path.relative_to(root).as_posix()
        stem, locale = path.name[: -len(".yaml")].rsplit(".", 1)
        if locale not in locales or locale == content.settings.default_locale:
            close = difflib.get_close_matches(locale, sorted(locales), n=1)
            problems.add(rel, 0, 0, f"Mã ngôn ngữ “{locale}” trong tên tệp không có trong content/settings.yaml (locales).",
                         f"Có phải ý bạn là “{close[0]}”?" if close else "Thêm ngôn ngữ vào locales trước, rồi đặt tên tệp <tên>.<mã>.yaml.")
            continue
        if not inside_project(root, path, problems):
            continue
        node = read_yaml(path, rel, problems)
        if node is None:
            continue
        check = FileCheck(rel, problems)
        if path.parent.name == "leaflets":
            v = check_map(node, _LEAFLET_SPEC, check, "bản dịch tờ rơi")
            if v is None:
                continue
            if (("leaflet", stem)) not in by_key:
                problems.add(rel, 1, 1, f"Không có tờ rơi gốc “{stem}” cho bản dịch này.", "Đổi tên tệp theo mã tờ rơi trong leaflets/.")
                continue
            if v["locale"] != locale:
                problems.add(rel, *v["__lines__"]["locale"], f"locale: {v['locale']} khác với mã trong tên tệp ({locale}).",
                             f"Sửa thành locale: {locale}.")
                continue
            flds = {k: v[k] for k in FIELDS["leaflet"]}
            flds["sections"] = tuple({"question": s["question"], "answer": s["answer"], "bullets": tuple(s["bullets"]),
                                      "table": s["table"]} for s in v["sections"])
            source_tables = sorted(sec.table for sec in content.leaflet(stem).sections if sec.table)
            tables = sorted(sec["table"] for sec in flds["sections"] if sec["table"])
            if tables != source_tables:
                problems.add(rel, *v["__lines__"]["sections"],
                             f"Bản dịch tờ rơi “{stem}” phải đánh dấu bảng tính tự động ở mục có bảng, như bản gốc "
                             f"({', '.join('table: ' + t for t in source_tables) or 'không có bảng'}).",
                             "Thêm dòng “table: contribution” vào mục tương ứng của bản dịch (mục nói về mức đóng), "
                             "đúng một lần; không thêm ở mục khác.")
                continue
            out.append(Translation(locale=locale, kind=ItemKind.LEAFLET, id=stem, fields=flds, source_hash=v["source_hash"],
                                   status=v["status"], translated=v["translated"], translator=v["translator"],
                                   where=Where(rel, v["__where__"][0], 1, dict(v["__lines__"])),
                                   source_text=_snapshot(v.get("source_text")), untranslated=tuple(v["untranslated"])))
            continue
        kind = KIND_FILES.get(stem) if path.parent.name == "content" else ItemKind.SLOGAN
        if kind is None:
            problems.add(rel, 0, 0, "Không biết tệp này là bản dịch của tệp nào.",
                         "Đặt tên theo tệp gốc: messages.<mã>.yaml, qa.<mã>.yaml, audiences.<mã>.yaml, "
                         "periods.<mã>.yaml, facts.<mã>.yaml, ui.<mã>.yaml.")
            continue
        if node.kind != "map":
            problems.add(rel, node.line, node.column, "Tệp bản dịch cần các trường locale, translator, items.",
                         "Xem mẫu trong docs/huong-dan-bien-tap.md, mục Bản dịch.")
            continue
        head = Node("map", {k: v for k, v in node.value.items() if k != "items"}, node.line, node.column, node.tag)
        top = check_map(head, {"locale": FieldSpec("id"), "translator": FieldSpec("opt_text")}, check, "bản dịch")
        items_node = node.value["items"][1] if "items" in node.value else None
        if items_node is None or items_node.kind != "map":
            problems.add(rel, node.line, node.column, "Bản dịch cần trường “items”: các mục dịch, mỗi mục theo mã của bản gốc.",
                         "Xem mẫu trong docs/huong-dan-bien-tap.md, mục Bản dịch.")
            continue
        if top is None:
            continue
        if top["locale"] != locale:
            problems.add(rel, *top["__lines__"]["locale"], f"locale: {top['locale']} khác với mã trong tên tệp ({locale}).",
                         f"Sửa thành locale: {locale}.")
            continue
        for ident, (knode, vnode) in items_node.value.items():
            if (kind, ident) not in by_key:
                pool = [u.id for u in unit_list if u.kind == kind]
                close = difflib.get_close_matches(ident, pool, n=1)
                problems.add(rel, knode.line, knode.column, f"Không có mục gốc mã “{ident}” để dịch.",
                             f"Có phải ý bạn là “{close[0]}”?" if close else "Dùng đúng mã của mục trong tệp gốc.")
                continue
            iv = check_map(vnode, _ITEM_SPECS[kind], FileCheck(rel, problems), f"bản dịch “{ident}”")
            if iv is None:
                continue
            flds = {k: (tuple(iv[k]) if isinstance(iv.get(k), tuple) else iv.get(k, "")) for k in FIELDS[kind]}
            out.append(Translation(locale=locale, kind=kind, id=ident, fields=flds, source_hash=iv["source_hash"],
                                   status=iv["status"], translated=iv["translated"],
                                   translator=iv["translator"] or top.get("translator", ""),
                                   where=Where(rel, vnode.line, vnode.column, dict(iv["__lines__"])),
                                   source_text=_snapshot(iv.get("source_text")), untranslated=tuple(iv["untranslated"])))
    _check_tokens(out, by_key, content, problems)
    _check_exchange(out, problems)
    return tuple(out)


def _snapshot(values: Optional[dict]) -> Optional[dict]:
    """A checked `source_text` as plain values shaped like `source_fields` (None when absent)."""
    if not values:
        return None

    def plain(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items() if not k.startswith("__")}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v
    return plain(values)


def _check_exchange(trs, problems: Problems) -> None:
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


def _check_tokens(trs, by_key, content: Content, problems: Problems) -> None:
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
