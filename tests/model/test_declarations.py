"""Each content type is declared once: the YAML schema, construction, translations and the JSON
Schema for editors' tools all come from the same dataclass fields."""
from __future__ import annotations

import json
from dataclasses import fields

import jsonschema
import pytest
import yaml

from bhxhpub.model import settings as settings_types
from bhxhpub.model import types as m
from bhxhpub.model.fields import declarations, json_schema, spec_of, translatable_fields
from bhxhpub.model.translations import FIELDS, ItemKind
from tests.support import ROOT

FILES = [  # (file, its content type, the key of its list or None for a one-item file)
    ("content/facts.yaml", m.Fact, "facts"), ("content/messages.yaml", m.Message, "messages"),
    ("content/audiences.yaml", m.Audience, "audiences"), ("content/periods.yaml", m.Period, "periods"),
    ("content/qa.yaml", m.QA, "questions"), ("slogans/khau-hieu-2021.yaml", m.Slogan, "slogans"),
    ("leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml", m.Leaflet, None),
    ("leaflets/nhung-dieu-can-biet-ve-bhxh-tu-nguyen.yaml", m.Leaflet, None),
    ("content/settings.yaml", settings_types.Settings, None),
]


def _schema(cls, key):
    spec = spec_of(cls)
    schema = json_schema(spec, cls.__name__)
    if key is None:
        return schema
    return {"type": "object", "additionalProperties": False, "required": [key],
            "properties": {key: {"type": "array", "items": {k: v for k, v in schema.items() if k != "$schema"}}}}


def _yaml(rel):  # YAML 1.1 dates come back as date objects: JSON Schema sees them as strings
    return json.loads(json.dumps(yaml.safe_load((ROOT / rel).read_text(encoding="utf-8")), default=str))


@pytest.mark.parametrize("rel,cls,key", FILES, ids=[f[0] for f in FILES])
def test_every_shipped_content_file_conforms_to_the_json_schema_of_its_declared_type(rel, cls, key):
    jsonschema.validate(_yaml(rel), _schema(cls, key))


def test_the_json_schema_refuses_an_unknown_field_and_a_bad_id():
    schema = _schema(m.Slogan, "slogans")
    data = _yaml("slogans/khau-hieu-2021.yaml")
    data["slogans"][0]["audiance"] = ["nong-dan"]
    with pytest.raises(jsonschema.ValidationError, match="audiance"):
        jsonschema.validate(data, schema)
    data = _yaml("slogans/khau-hieu-2021.yaml")
    data["slogans"][0]["id"] = "Khau Hieu"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_json_schema_descriptions_are_the_declared_vietnamese_help():
    props = json_schema(spec_of(m.Leaflet), "Leaflet")["properties"]
    assert props["formats"]["description"] == "Chọn a5 (tờ rơi A5) và/hoặc trifold (tờ gấp ba A4)."
    assert "QR" in props["id"]["description"] and props["kind"]["enum"] == ["to-roi", "to-gap"]


def test_the_yaml_schema_has_exactly_the_declared_fields_and_the_editorial_pair():
    assert list(spec_of(m.Message)) == ["id", "text", "explanation", "main", "source", "short", "status", "reviewed", "approved_by"]
    assert list(spec_of(settings_types.Settings))[:3] == ["organisation", "site", "campaign"]
    assert set(spec_of(settings_types.Settings)["organisation"].fields) == {"name", "short_name", "logo"}


def test_translatable_fields_come_from_the_declarations():
    assert FIELDS[ItemKind.LEAFLET] == ("title", "subtitle", "summary", "sections", "call_to_action")
    assert FIELDS[ItemKind.AUDIENCE] == ("name", "short_name", "who", "emphasise")
    assert translatable_fields(m.Section) == ("question", "answer", "bullets")


def test_content_types_are_built_with_keywords_only():
    for cls in (m.Fact, m.Message, m.Audience, m.Slogan, m.Section, m.Leaflet, m.QA, m.Period, settings_types.Contact,
                settings_types.Locale, settings_types.Settings):
        assert all(f.kw_only for f in fields(cls)), cls
        assert declarations(cls), cls
        with pytest.raises(TypeError):
            cls("positional")
