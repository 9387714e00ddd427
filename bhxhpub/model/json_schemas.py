"""JSON Schemas of the content files, for editors' tools (VS Code YAML, web editors), and the
VS Code settings that map each file to its schema.

Generated from the single declaration of each content type (fields.py) and from the content
itself: ids that refer to other items (audiences, facts, leaflets, locales, formats) are listed
as enums, and `[[fact-id]]` tokens in texts may only name known facts. `build.py schemas` writes
them into schemas/ and .vscode/settings.json; `make test` checks they are up to date.
The schemas are a helper while typing: `build.py check` stays the authority (it also checks
YAML 1.1 quirks such as `no` or unquoted dates, which an editor's YAML 1.2 parser reads otherwise).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import facts as factmod
from .fields import json_schema, spec_of
from .loader import CONTENT_FILES
from .local import Edition
from .settings import FACT_UNIT_WORDS, Settings
from .translations import _FILE_SPECS, _ITEM_SPECS, KIND_FILES, ItemKind, units
from .types import FACT_UNITS, LEAFLET_FORMATS, QA, Broadcast, Content, Fact, GlossaryTerm, Leaflet, OutdatedTerm, Slogan

SCHEMA_DIR = "schemas"
VSCODE_SETTINGS = ".vscode/settings.json"


@dataclass(frozen=True)
class SchemaFile:
    """One schema: its file in schemas/, the files it describes (globs; `!` excludes) and its builder."""

    name: str
    globs: tuple[str, ...]
    make: Callable[[Content, dict], dict]


def enums(content: Content) -> dict[str, list[str]]:
    """The ids an id field may name, per REFERENCE_KINDS."""
    return {"audience": [a.id for a in content.audiences], "fact": sorted(content.facts),
            "leaflet": [l.id for l in content.leaflets], "locale": [l.id for l in content.settings.locales],
            "format": list(LEAFLET_FORMATS), "period": [x.id for x in content.periods],
            "quote": [f"msg:{m.id}" for m in content.messages] + [f"slogan:{s.id}" for s in content.slogans]
            + [f"setting:{k}" for k in factmod.SETTING_QUOTES]}


def _list_file(key: str, cls: type, title: str) -> Callable[[Content, dict], dict]:
    def make(content: Content, ids: dict) -> dict:
        item = json_schema(spec_of(cls), title, ids)
        item.pop("$schema")
        return {"$schema": item_schema_uri(), "title": title, "type": "object", "additionalProperties": False,
                "required": [key], "properties": {key: {"type": "array", "items": item}}}
    return make


def _one_file(cls: type, title: str) -> Callable[[Content, dict], dict]:
    return lambda content, ids: json_schema(spec_of(cls), title, ids)


# Rules across fields that the loader keeps (model/loader.py `_fact`, settings_checks `number_words`), so that what
# the build refuses for its shape an editor's tool flags too (tests/model/test_schemas.py mutates content to check)
NUMBER_UNITS = [u for u in FACT_UNITS if u not in ("text", "list")]


def fact_rules(item: dict) -> dict:
    """A fact: exactly one of value (with its source), values or computed; a value as its unit wants it."""
    def value_is(schema: dict) -> dict:
        return {"properties": {"value": schema, "values": {"items": {"properties": {"value": schema}}}}}
    item["allOf"] = [
        {"oneOf": [{"required": ["value", "source"], "properties": {"value": {"not": {"const": ""}}, "source": {"minLength": 1}}},
                   {"required": ["values"], "properties": {"values": {"minItems": 1}}},
                   {"required": ["computed"], "properties": {"computed": {"minLength": 1}}}]},
        {"if": {"required": ["unit"], "properties": {"unit": {"enum": NUMBER_UNITS}}}, "then": value_is({"type": "number"})},
        {"if": {"required": ["unit"], "properties": {"unit": {"const": "list"}}}, "then": value_is({"type": "array"})},
    ]
    return item


def settings_rules(schema: dict) -> dict:
    """A locale that reads figures in its own words (number_words) has every unit's word."""
    locale = schema["properties"]["locales"]["items"]
    words = {"type": "object", "required": list(FACT_UNIT_WORDS),
             "properties": {u: {"type": "string", "pattern": r"\S"} for u in FACT_UNIT_WORDS}}
    locale["allOf"] = [{"if": {"required": ["number_words"], "properties": {"number_words": {"minLength": 1}}},
                        "then": {"required": ["unit_words"], "properties": {"unit_words": words}}}]
    return schema


def _with_rules(make: Callable[[Content, dict], dict], key: str, rules: Callable[[dict], dict]):
    def made(content: Content, ids: dict) -> dict:
        schema = make(content, ids)
        if key:
            rules(schema["properties"][key]["items"])
        else:
            rules(schema)
        return schema
    return made


def _ui(content: Content, ids: dict) -> dict:
    return {"$schema": item_schema_uri(), "title": "Chữ giao diện (content/ui.yaml)", "type": "object",
            "additionalProperties": False, "required": ["strings"],
            "properties": {"strings": {"type": "object", "additionalProperties": {"type": "string", "minLength": 1},
                                       "description": "Mã chữ giao diện: nội dung tiếng Việt."}}}


def _translation_head(ids: dict) -> dict:
    return {"locale": {"enum": list(ids["locale"]), "description": "Mã ngôn ngữ, trùng với mã trong tên tệp."},
            "translator": {"type": "string", "description": "Người dịch."}}


def _item_translation(kind: str, title: str) -> Callable[[Content, dict], dict]:
    def make(content: Content, ids: dict) -> dict:
        schema = json_schema(dict(_FILE_SPECS[kind]), title, ids)
        schema["properties"].update(_translation_head(ids))
        return schema
    return make


def _items_translation(kind: str, title: str) -> Callable[[Content, dict], dict]:
    def make(content: Content, ids: dict) -> dict:
        item = json_schema(_ITEM_SPECS[kind], title, ids)
        item.pop("$schema")
        item.pop("title")
        keys = sorted(u.id for u in units(content, content.ui) if u.kind == kind)
        return {"$schema": item_schema_uri(), "title": title, "type": "object", "additionalProperties": False,
                "required": ["locale", "items"],
                "properties": {**_translation_head(ids),
                               "items": {"type": "object", "propertyNames": {"enum": keys},
                                         "additionalProperties": item,
                                         "description": "Các mục dịch, mỗi mục theo mã của bản gốc."}}}
    return make


def item_schema_uri() -> str:
    return "https://json-schema.org/draft/2020-12/schema"


def schema_files() -> tuple[SchemaFile, ...]:
    """Every schema, in a stable order."""
    out = [SchemaFile(f"{name[:-5]}.json", (f"content/{name}",), _list_file(key, cls, f"{what.capitalize()} (content/{name})")
                      if cls is not Fact else _with_rules(_list_file(key, cls, f"{what.capitalize()} (content/{name})"), key,
                                                          fact_rules))
           for name, (key, cls, what) in CONTENT_FILES.items()]
    out += [
        SchemaFile("settings.json", ("content/settings.yaml",),
                   _with_rules(_one_file(Settings, "Cài đặt (content/settings.yaml)"), "", settings_rules)),
        SchemaFile("ui.json", ("content/ui.yaml",), _ui),
        SchemaFile("slogans.json", ("slogans/*.yaml", "!slogans/*.*.yaml"), _list_file("slogans", Slogan, "Khẩu hiệu (slogans/)")),
        SchemaFile("leaflet.json", ("leaflets/*.yaml", "!leaflets/*.*.yaml"), _one_file(Leaflet, "Tờ rơi (leaflets/<mã>.yaml)")),
        SchemaFile("leaflet.translation.json", ("leaflets/*.*.yaml",),
                   _item_translation(ItemKind.LEAFLET, "Bản dịch tờ rơi (leaflets/<mã>.<ngôn ngữ>.yaml)")),
        SchemaFile("broadcast.translation.json", ("broadcasts/*.*.yaml",),
                   _item_translation(ItemKind.BROADCAST, "Bản dịch bài phát thanh (broadcasts/<mã>.<ngôn ngữ>.yaml)")),
        SchemaFile("glossary.json", ("content/glossary.yaml",),
                   _list_file("terms", GlossaryTerm, "Thuật ngữ cho người dịch (content/glossary.yaml)")),
        SchemaFile("broadcast.json", ("broadcasts/*.yaml", "!broadcasts/*.*.yaml"),
                   _one_file(Broadcast, "Bài phát thanh (broadcasts/<mã>.yaml)")),
        SchemaFile("outdated-terms.json", ("content/outdated-terms.yaml",),
                   _list_file("terms", OutdatedTerm, "Từ lỗi thời (content/outdated-terms.yaml)")),
        SchemaFile("edition.json", ("editions/*/edition.yaml",), _one_file(Edition, "Bản địa phương (editions/<mã>/edition.yaml)")),
        SchemaFile("edition-qa.json", ("editions/*/qa.yaml",), _list_file("questions", QA, "Hỏi đáp địa phương (editions/<mã>/qa.yaml)")),
        SchemaFile("slogans.translation.json", ("slogans/*.*.yaml",),
                   _items_translation(ItemKind.SLOGAN, "Bản dịch khẩu hiệu (slogans/<tệp>.<ngôn ngữ>.yaml)")),
    ]
    for stem, kind in KIND_FILES.items():
        out.append(SchemaFile(f"{stem}.translation.json", (f"content/{stem}.*.yaml",),
                              _items_translation(kind, f"Bản dịch (content/{stem}.<ngôn ngữ>.yaml)")))
    return tuple(out)


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def generated(content: Content) -> dict[str, str]:
    """Path in the project -> text, for every schema and the VS Code settings that use them."""
    ids = enums(content)
    files = {f"{SCHEMA_DIR}/{s.name}": _dump(s.make(content, ids)) for s in schema_files()}
    files[VSCODE_SETTINGS] = _dump({
        "yaml.schemas": {f"./{SCHEMA_DIR}/{s.name}": list(s.globs) for s in schema_files()},
        "yaml.customTags": [],
        "yaml.validate": True,
        "files.encoding": "utf8",
        "files.insertFinalNewline": True,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.detectIndentation": False},
    })
    return files


def write(root: Path, content: Content) -> list[str]:
    """Write what `generated` returns; returns the paths that changed."""
    changed = []
    for rel, text in generated(content).items():
        path = root / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        changed.append(rel)
    return changed

