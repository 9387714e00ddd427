"""Content types declared once: each field's type, Vietnamese help, and whether it is translatable.

A content type is a frozen, keyword-only dataclass whose fields are made with `declared(...)`:

    @dataclass(frozen=True, kw_only=True)
    class Slogan:
        id: str = declared("id", help="Mã khẩu hiệu: chữ thường không dấu, nối bằng gạch.")
        text: str = declared("text", translatable=True, help="Nguyên văn khẩu hiệu.")
        audiences: tuple[str, ...] = declared("list", item="id")
        source: str = declared("text")
        editorial: Editorial = declared("editorial")
        where: Where = field(compare=False)

From that one declaration come the schema the YAML is validated against (`spec_of`), the
construction of the model objects with keywords (`construct`), the translatable fields
(`translatable_fields`) and a JSON Schema for editors' tools (`json_schema`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Optional


class Status(StrEnum):
    """Editorial status of an item (and of a translation)."""

    DRAFT = "draft"
    APPROVED = "approved"


STATUSES = tuple(s.value for s in Status)


@dataclass(frozen=True)
class Where:
    """Where an item was written; `lines` maps field names to (line, column)."""

    file: str
    line: int
    column: int = 1
    lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def at(self, name: str) -> tuple[str, int, int]:
        line, col = self.lines.get(name, (self.line, self.column))
        return self.file, line, col


@dataclass(frozen=True, kw_only=True)
class Editorial:
    status: Status
    reviewed: date
    approved_by: str = ""  # who approved it (set by `build.py approve`)

    @property
    def is_draft(self) -> bool:
        return self.status != Status.APPROVED


@dataclass(frozen=True)
class FieldSpec:
    """How one YAML field is checked. Kinds: text, opt_text, id, int, number, bool, date, url,
    phone, path, choice, list (of `item`: a kind name or a nested spec), map (of `fields`), any."""

    kind: str
    required: bool = True
    default: Any = None
    choices: tuple = ()
    item: Any = None  # for list: a kind name or a dict spec
    fields: Optional[dict] = None  # for map
    help: str = ""  # what to write, shown in the hint
    doc: str = ""  # what the field is, for editors' tools (JSON Schema descriptions)
    max_len: int = 0  # longest text accepted (each item of a list); 0: DEFAULT_MAX_LEN for texts
    refs: str = ""  # the ids are those of another content type (REFERENCE_KINDS): an enum in the JSON Schema
    figures: bool = False  # [[fact-id]] tokens allowed

    def __post_init__(self) -> None:
        if self.kind == "opt_text":
            object.__setattr__(self, "required", False)


@dataclass(frozen=True)
class Declaration:
    """What `declared` records on a dataclass field."""

    kind: str
    help: str = ""  # the hint of a validation error, where a generic one would not do
    doc: str = ""  # what the field is, for editors' tools
    required: bool = True
    default: Any = None
    choices: tuple = ()
    item: Any = None  # list items: a kind name or a declared class
    translatable: bool = False
    translation_required: Optional[bool] = None  # in a translation file (default: as in the source)
    yaml: Optional[str] = None  # the YAML key ("organisation.name" for a nested one); default: the field name
    convert: Optional[Callable[[Any], Any]] = None  # checked YAML value -> model value
    max_len: int = 0  # longest text accepted, suited to where it is printed (0: DEFAULT_MAX_LEN)
    figures: bool = False  # [[fact-id]] tokens allowed (every output expands them in this field)
    in_translation: bool = False  # not translated, but written again in a translation (a block's place)
    refs: str = ""  # the value (or each item) is the id of an item of this kind: see REFERENCE_KINDS


# What an id field can refer to (the editors' JSON Schemas list the ids of the content as an enum)
REFERENCE_KINDS = ("audience", "fact", "leaflet", "locale", "format", "period")

DEFAULT_MAX_LEN = 1000  # characters of a text field with no limit of its own


_EMPTY = {"list": (), "text": "", "opt_text": ""}


def declared(kind: str, *, help: str = "", doc: str = "", required: bool = True, default: Any = None,
             choices: tuple = (), item: Any = None, translatable: bool = False,
             translation_required: Optional[bool] = None, yaml: Optional[str] = None,
             convert: Optional[Callable[[Any], Any]] = None, max_len: int = 0, figures: bool = False,
             in_translation: bool = False, refs: str = "") -> Any:
    """A declared field of a content type (see the module docstring)."""
    if kind == "opt_text":
        required = False
    decl = Declaration(kind=kind, help=help, doc=doc, required=required, default=default, choices=choices, item=item,
                       translatable=translatable, translation_required=translation_required, yaml=yaml, convert=convert,
                       max_len=max_len, figures=figures, in_translation=in_translation, refs=refs)
    assert not refs or refs in REFERENCE_KINDS, refs
    if required:
        return field(metadata={"declared": decl})
    value = default if default is not None else _EMPTY.get(kind)
    return field(default=value, metadata={"declared": decl})


def declarations(cls: type) -> list[tuple[str, Declaration]]:
    """(attribute name, declaration) of every declared field of a content type, in order."""
    return [(f.name, f.metadata["declared"]) for f in fields(cls) if "declared" in f.metadata]


def _field_spec(decl: Declaration) -> FieldSpec:
    item = decl.item
    if is_dataclass(item):
        item = spec_of(item)
    if decl.kind == "map" and is_dataclass(decl.item):
        return FieldSpec("map", required=decl.required, fields=spec_of(decl.item), help=decl.help, doc=decl.doc)
    return FieldSpec(decl.kind, required=decl.required, default=decl.default, choices=decl.choices, item=item,
                     help=decl.help, doc=decl.doc, max_len=decl.max_len, refs=decl.refs, figures=decl.figures)


EDITORIAL_SPEC = {
    "status": FieldSpec("choice", choices=STATUSES, help="Viết draft (dự thảo) hoặc approved (đã duyệt)."),
    "reviewed": FieldSpec("date", help="Ngày rà soát gần nhất, dạng NĂM-THÁNG-NGÀY, ví dụ: 2026-05-01."),
    "approved_by": FieldSpec("opt_text", max_len=200, doc="Người duyệt (lệnh build.py approve ghi vào)."),
}


def spec_of(cls: type) -> dict[str, FieldSpec]:
    """The YAML schema of a content type: field name -> FieldSpec (nested maps for dotted names)."""
    spec: dict[str, Any] = {}
    for name, decl in declarations(cls):
        if decl.kind == "editorial":
            spec.update(EDITORIAL_SPEC)
            continue
        key = decl.yaml or name
        if "." in key:
            group, sub = key.split(".", 1)
            spec.setdefault(group, {})[sub] = _field_spec(decl)
        else:
            spec[key] = _field_spec(decl)
    return {k: (FieldSpec("map", fields=v) if isinstance(v, dict) else v) for k, v in spec.items()}


def _lookup(values: dict, key: str) -> Any:
    for part in key.split("."):
        values = values[part]
    return values


def construct(cls: type, values: dict, where: Any = None) -> Any:
    """A model object from checked YAML values, with keywords (nested declared types included)."""
    kwargs: dict[str, Any] = {}
    for name, decl in declarations(cls):
        if decl.kind == "editorial":
            kwargs[name] = Editorial(status=Status(values["status"]), reviewed=values["reviewed"],
                                     approved_by=values.get("approved_by") or "")
            continue
        value = _lookup(values, decl.yaml or name)
        if is_dataclass(decl.item) and decl.kind == "list":
            file = where.file if where is not None else ""
            value = tuple(construct(decl.item, v, where_of(file, v)) for v in value)
        elif is_dataclass(decl.item) and decl.kind == "map":
            value = None if value is None else construct(decl.item, value, where_of(where.file, value) if where else None)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[name] = decl.convert(value) if decl.convert else value
    if any(f.name == "where" for f in fields(cls)):
        kwargs["where"] = where
    return cls(**kwargs)


def where_of(file: str, values: dict) -> Where:
    """The position of checked values: the item's line and column, and one per field."""
    line, col = values.get("__where__", (0, 0))
    return Where(file, line, col, dict(values.get("__lines__", {})))


def translatable_fields(cls: type) -> tuple[str, ...]:
    """The fields a translator translates, in declaration order."""
    return tuple(name for name, decl in declarations(cls) if decl.translatable)


def translation_spec(cls: type) -> dict[str, FieldSpec]:
    """The schema of one item's translation: its translatable fields (nested items: theirs)."""
    out = {}
    for name, decl in declarations(cls):
        if decl.in_translation:  # e.g. where the computed table goes: the translator places it too
            out[name] = _field_spec(decl)
            continue
        if not decl.translatable:
            continue
        required = decl.required if decl.translation_required is None else decl.translation_required
        if is_dataclass(decl.item):
            out[name] = FieldSpec("list", required=required, item=translation_spec(decl.item), help=decl.help)
        else:
            kind = "opt_text" if decl.kind == "text" and not required else decl.kind
            out[name] = FieldSpec(kind, required=required, item=decl.item, help=decl.help, max_len=decl.max_len)
    return out


# --- JSON Schema for editors' tools (VS Code YAML, web editors) ------------------------------------------------

_JSON_TYPES: dict[str, dict] = {
    "text": {"type": "string", "minLength": 1}, "opt_text": {"type": "string"},
    "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 80},
    "int": {"type": "integer"}, "number": {"type": "number"}, "bool": {"type": "boolean"},
    "date": {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "url": {"type": "string", "pattern": "^(https?://|tel:|mailto:)"},
    "phone": {"type": "string", "pattern": r"^\+?(\([0-9]{1,5}\) ?)?[0-9][0-9 .\-]{2,24}[0-9]$"},
    "path": {"type": "string"},
    # a value or a list of values (fact values), never a group of fields
    "any": {"type": ["string", "number", "boolean", "array"], "items": {"type": ["string", "number", "boolean"]}},
}


def _json_of(spec: FieldSpec, enums: dict[str, list[str]]) -> dict:
    if spec.kind == "map":
        return _json_object(spec.fields or {}, spec.help, enums)
    if spec.kind == "list":
        item = spec.item
        if isinstance(item, dict):
            items = _json_object(item, "", enums)
        else:
            items = _json_of(FieldSpec(item, refs=spec.refs, figures=spec.figures), enums)
        out = {"type": "array", "items": items}
        if spec.required:
            out["minItems"] = 1
    elif spec.kind == "choice":
        out = {"enum": [str(c) for c in spec.choices]}
    elif spec.refs and spec.refs in enums:
        out = {"enum": list(enums[spec.refs])}
    else:
        out = dict(_JSON_TYPES.get(spec.kind, {}))
        if spec.kind == "path" and spec.required:
            out["minLength"] = 1  # the loader says an empty required path is missing
        if spec.figures and "fact" in enums and out.get("type") == "string":
            # only [[tokens]] of known facts: an editor sees a mistyped id underlined as they type
            known = "|".join([*enums["fact"], *enums.get("quote", [])]) or "(?!)"
            out["pattern"] = r"^(?:[^\[]|\[(?!\[)|\[\[(?:" + known + r")\]\])*$"
    if spec.doc or spec.help:
        out["description"] = spec.doc or spec.help
    return out


def _json_object(spec: dict[str, FieldSpec], help: str, enums: dict[str, list[str]]) -> dict:
    out = {"type": "object", "additionalProperties": False,
           "properties": {name: _json_of(s, enums) for name, s in spec.items()},
           "required": [name for name, s in spec.items() if s.required]}
    if help:
        out["description"] = help
    return out


def json_schema(spec: dict[str, FieldSpec], title: str, enums: Optional[dict[str, list[str]]] = None) -> dict:
    """A JSON Schema (draft 2020-12) of a YAML file with this spec, descriptions in Vietnamese;
    `enums`: the ids of the content per REFERENCE_KINDS (id fields that refer to them list them)."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **_json_object(spec, "", enums or {})}


