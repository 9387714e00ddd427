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
from .fields import STATUSES, FieldSpec, translatable_fields, translation_spec
from .local import Edition
from .reader import inside_project
from .schema import FileCheck, check_map
from .types import QA, Audience, Broadcast, Content, Fact, Leaflet, Message, Period, ShortTexts, Slogan, Where
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
    BROADCAST = "broadcast"  # a loudspeaker script, paragraph by paragraph
    SHORT = "short"  # the SMS and Zalo texts of a message, slogan or leaflet (id: "<kind>.<id>")
    EDITION = "edition"  # a local edition's own texts: its offices' names and hours (editions/<id>/edition.yaml)


class TranslationState(StrEnum):
    """Where a translation stands against its Vietnamese source."""

    APPROVED = "approved"
    DRAFT = "draft"
    OUTDATED = "outdated"  # the source changed since it was translated
    MISSING = "missing"


# The content types whose items are translated, by kind (their translatable fields are declared in model.py)
TYPES = {ItemKind.MESSAGE: Message, ItemKind.SLOGAN: Slogan, ItemKind.AUDIENCE: Audience, ItemKind.QA: QA,
         ItemKind.PERIOD: Period, ItemKind.FACT: Fact, ItemKind.LEAFLET: Leaflet, ItemKind.BROADCAST: Broadcast,
         ItemKind.SHORT: ShortTexts, ItemKind.EDITION: Edition}
# Items translated in a file of their own beside their source (<folder>/<id>.<locale>.yaml); the others share one
# file per source file and locale (content/messages.<locale>.yaml: items by id)
ITEM_FILES = {"leaflets": ItemKind.LEAFLET, "broadcasts": ItemKind.BROADCAST}
SHORT_FILE = "content/short-texts"  # the SMS and Zalo texts of every item: content/short-texts.<locale>.yaml
# an edition's folder: editions/<id>/qa.<locale>.yaml (local Q&A), editions/<id>/edition.<locale>.yaml (its offices)
EDITION_FILES = {"qa": ItemKind.QA, "edition": ItemKind.EDITION}
TEXT_ONLY = {"text": FieldSpec("text")}  # ui strings and settings texts: one text each
FIELDS: dict[str, tuple[str, ...]] = {**{k: translatable_fields(t) for k, t in TYPES.items()},
                                      ItemKind.UI: ("text",), ItemKind.SETTING: ("text",)}
KIND_FILES = {"messages": ItemKind.MESSAGE, "audiences": ItemKind.AUDIENCE, "qa": ItemKind.QA,
              "periods": ItemKind.PERIOD, "facts": ItemKind.FACT, "ui": ItemKind.UI, "settings": ItemKind.SETTING,
              "short-texts": ItemKind.SHORT}
# Texts of content/settings.yaml that readers see: translation id -> (Settings attribute, Contact attribute)
SETTING_TEXTS = {
    "site-title": ("site_title", None), "site-description": ("site_description", None), "theme": ("theme", None),
    "organisation": ("org_name", None), "hotline-name": ("hotline", "name"), "hotline-note": ("hotline", "note"),
    "local-office-name": ("local_office", "name"), "sms-call-to-action": ("sms_call_to_action", None),
    "unicode-call-to-action": ("unicode_call_to_action", None), "zalo-call-to-action": ("zalo_call_to_action", None),
}
KIND_LABELS = {"leaflet": "Tờ rơi", "message": "Thông điệp", "slogan": "Khẩu hiệu", "audience": "Nhóm đối tượng",
               "qa": "Hỏi đáp", "period": "Lịch truyền thông", "fact": "Số liệu", "ui": "Chữ giao diện",
               "setting": "Cài đặt", "broadcast": "Bài phát thanh", "short": "Tin nhắn SMS, Zalo",
               "edition": "Bản địa phương"}
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
                  for k, t in TYPES.items() if k not in ITEM_FILES.values()},
               ItemKind.UI: {**TEXT_ONLY, **_META, "source_text": _snapshot_spec(TEXT_ONLY)},
               ItemKind.SETTING: {**TEXT_ONLY, **_META, "source_text": _snapshot_spec(TEXT_ONLY)}}
_FILE_SPECS = {kind: {"locale": FieldSpec("id"), "translator": FieldSpec("opt_text"), "source_hash": FieldSpec("text"),
                      "status": FieldSpec("choice", choices=STATUSES), "translated": FieldSpec("date"),
                      **translation_spec(TYPES[kind]), **_EXCHANGE,
                      "source_text": _snapshot_spec(translation_spec(TYPES[kind]))} for kind in ITEM_FILES.values()}


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
UNIT_ORDER = ((ItemKind.LEAFLET, "leaflets", "title"), (ItemKind.BROADCAST, "broadcasts", "title"),
              (ItemKind.MESSAGE, "messages", "text"),
              (ItemKind.SLOGAN, "slogans", "text"), (ItemKind.QA, "qa", "question"),
              (ItemKind.AUDIENCE, "audiences", "name"), (ItemKind.PERIOD, "periods", "name"),
              (ItemKind.FACT, "facts", "label"))


SHORT_SOURCES = (("message", "messages", "text"), ("slogan", "slogans", "text"), ("leaflet", "leaflets", "title"))


def short_id(kind: str, ident: str) -> str:
    """The id of an item's short texts as a translation unit: "message.hay-tham-gia-ngay-hom-nay"."""
    return f"{kind}.{ident}"


def units(content: Content, ui: dict[str, str]) -> list[Unit]:
    """Every translatable item, leaflets first (translators start there)."""
    out: list[Unit] = []

    def add(kind: str, ident: str, title: str, src: dict, file: str) -> None:
        out.append(Unit(kind, ident, title, src, file, source_hash(src)))

    for kind, attr, title in UNIT_ORDER:
        items = getattr(content, attr)
        for item in (items.values() if isinstance(items, dict) else items):
            add(kind, item.id, getattr(item, title), source_fields(item), item.where.file)
    for kind, attr, title in SHORT_SOURCES:  # every SMS and Zalo text, after the items they belong to
        for item in getattr(content, attr):
            if item.short is not None and any(source_fields(item.short).values()):
                add(ItemKind.SHORT, short_id(kind, item.id), getattr(item, title), source_fields(item.short), item.where.file)
    if content.edition is not None:  # its offices' names and hours (its local Q&A are among content.qa)
        e = content.edition
        add(ItemKind.EDITION, e.id, e.name, source_fields(e), e.where.file)
    for key, text in ui.items():
        add(ItemKind.UI, key, text, {"text": text}, "content/ui.yaml")
    for key in SETTING_TEXTS:
        text = _setting_text(content.settings, key)
        if text and not (content.edition is not None and key == "local-office-name"):  # the edition's office, above
            add(ItemKind.SETTING, key, text, {"text": text}, "content/settings.yaml")
    return out


def _setting_text(settings, key: str) -> str:
    attr, sub = SETTING_TEXTS[key]
    value = getattr(settings, attr)
    return getattr(value, sub) if sub else value


def translation_path(unit: Unit, locale: str) -> str:
    """Where the translation of a unit lives (beside its source)."""
    for folder, kind in ITEM_FILES.items():
        if unit.kind == kind:
            return f"{folder}/{unit.id}.{locale}.yaml"
    if unit.kind == ItemKind.SHORT:
        return f"{SHORT_FILE}.{locale}.yaml"
    stem = unit.file.rsplit(".", 1)[0]
    return f"{stem}.{locale}.yaml"


def read_all(root: Path, content: Content, ui: dict[str, str], locales: set[str], problems: Problems,
             folder: Optional[str] = None) -> tuple[Translation, ...]:
    """Read and validate every translation file; unknown ids, fields and locales are errors. `folder`: a local
    edition's (editions/<id>), whose files translate its own texts (`content` is then the edition's)."""
    unit_list = units(content, ui)
    by_key = {(u.kind, u.id): u for u in unit_list}
    out: list[Translation] = []
    folders = (folder,) if folder else ("content", "slogans", *ITEM_FILES)
    candidates = sorted(p for d in folders for p in (root / d).glob("*.*.yaml"))
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
        if path.parent.name in ITEM_FILES:
            t = _item_file(node, ITEM_FILES[path.parent.name], stem, locale, rel, by_key, content, check, problems)
            if t is not None:
                out.append(t)
            continue
        kind = EDITION_FILES.get(stem) if folder else KIND_FILES.get(stem) if path.parent.name == "content" \
            else ItemKind.SLOGAN
        if kind is None:
            problems.add(rel, 0, 0, "Không biết tệp này là bản dịch của tệp nào.",
                         "Đặt tên theo tệp gốc: messages.<mã>.yaml, qa.<mã>.yaml, audiences.<mã>.yaml, "
                         "periods.<mã>.yaml, facts.<mã>.yaml, ui.<mã>.yaml, short-texts.<mã>.yaml.")
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
    from .translation_checks import check_exchange, check_tokens
    check_tokens(out, by_key, content, problems)
    check_exchange(out, problems)
    return tuple(out)


_ITEM_NAMES = {ItemKind.LEAFLET: ("tờ rơi", "leaflets/"), ItemKind.BROADCAST: ("bài phát thanh", "broadcasts/")}


def _item_file(node: Node, kind: str, stem: str, locale: str, rel: str, by_key: dict, content: Content,
               check: FileCheck, problems: Problems) -> Optional[Translation]:
    """One item's own translation file (leaflets/<id>.<locale>.yaml, broadcasts/<id>.<locale>.yaml)."""
    what, folder = _ITEM_NAMES[kind]
    v = check_map(node, _FILE_SPECS[kind], check, f"bản dịch {what}")
    if v is None:
        return None
    if (kind, stem) not in by_key:
        problems.add(rel, 1, 1, f"Không có {what} gốc “{stem}” cho bản dịch này.", f"Đổi tên tệp theo mã {what} trong {folder}.")
        return None
    if v["locale"] != locale:
        problems.add(rel, *v["__lines__"]["locale"], f"locale: {v['locale']} khác với mã trong tên tệp ({locale}).",
                     f"Sửa thành locale: {locale}.")
        return None
    flds = {k: (tuple(v[k]) if isinstance(v[k], (list, tuple)) else v[k]) for k in FIELDS[kind]}
    if kind == ItemKind.LEAFLET:
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
            return None
    return Translation(locale=locale, kind=kind, id=stem, fields=flds, source_hash=v["source_hash"],
                       status=v["status"], translated=v["translated"], translator=v["translator"],
                       where=Where(rel, v["__where__"][0], 1, dict(v["__lines__"])),
                       source_text=_snapshot(v.get("source_text")), untranslated=tuple(v["untranslated"]))


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
