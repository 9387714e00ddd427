"""Editors' JSON Schemas (schemas/) and the VS Code settings that use them: generated from the
declarations and the content, kept up to date in git, and right about every shipped file."""
from __future__ import annotations

import copy
import fnmatch
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from bhxhpub.model import json_schemas as schemas
from bhxhpub.pipeline.plan import load
from tests.support import ROOT

CONTENT_DIRS = ("content", "slogans", "leaflets", "broadcasts", "editions/*")


@pytest.fixture(scope="module")
def generated():
    return schemas.generated(load(ROOT))


def _yaml(path: Path):  # YAML 1.1 dates come back as date objects: an editor's parser sees strings
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def _schemas_for(rel: str, settings: dict) -> list[str]:
    out = []
    for schema, globs in settings["yaml.schemas"].items():
        if any(fnmatch.fnmatch(rel, g) for g in globs if not g.startswith("!")) and \
                not any(fnmatch.fnmatch(rel, g[1:]) for g in globs if g.startswith("!")):
            out.append(schema)
    return out


SHIPPED = sorted(p.relative_to(ROOT).as_posix() for d in CONTENT_DIRS for p in ROOT.glob(f"{d}/*.yaml"))


def test_the_committed_schemas_and_vscode_settings_are_up_to_date(generated):
    stale = [rel for rel, text in generated.items()
             if not (ROOT / rel).is_file() or (ROOT / rel).read_text(encoding="utf-8") != text]
    assert not stale, f"run `python build.py schemas` and commit: {stale}"
    extra = sorted({p.name for p in (ROOT / "schemas").glob("*.json")} - {Path(r).name for r in generated if r.startswith("schemas/")})
    assert not extra, f"schemas/ holds files nothing generates: {extra}"


@pytest.mark.parametrize("rel", SHIPPED)
def test_every_shipped_content_file_has_exactly_one_schema_and_conforms_to_it(rel, generated):
    settings = json.loads(generated[schemas.VSCODE_SETTINGS])
    matched = _schemas_for(rel, settings)
    assert len(matched) == 1, (rel, matched)
    schema = json.loads(generated[matched[0].removeprefix("./")])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_yaml(ROOT / rel), schema)


def _slogans_schema(generated):
    return json.loads(generated["schemas/slogans.json"])


def test_an_unknown_audience_id_is_refused_and_a_known_one_accepted(generated):
    schema = _slogans_schema(generated)
    data = _yaml(ROOT / "slogans" / "khau-hieu-2021.yaml")
    jsonschema.validate(data, schema)
    bad = copy.deepcopy(data)
    bad["slogans"][0]["audiences"] = ["nong-dan", "nong-danh"]
    with pytest.raises(jsonschema.ValidationError, match="nong-danh"):
        jsonschema.validate(bad, schema)


def test_a_mistyped_fact_token_in_a_leaflet_text_is_refused(generated):
    schema = json.loads(generated["schemas/leaflet.json"])
    data = _yaml(ROOT / "leaflets" / "nhung-dieu-can-biet-ve-bhxh-tu-nguyen.yaml")
    section = next(s for s in data["sections"] if s.get("bullets"))
    section["bullets"][0] = "Đóng [[ty-le-dong-bhxh-tu-nguyen]] thu nhập"  # a known fact
    jsonschema.validate(data, schema)
    section["bullets"][0] = "Đóng [[ty-le-dong-bhxh-tu-nguyenn]] thu nhập"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_a_translation_of_an_item_that_does_not_exist_is_refused(generated):
    schema = json.loads(generated["schemas/messages.translation.json"])
    data = _yaml(ROOT / "content" / "messages.en.yaml")
    jsonschema.validate(data, schema)
    data["items"]["khong-co-thong-diep-nay"] = next(iter(data["items"].values()))
    with pytest.raises(jsonschema.ValidationError, match="khong-co-thong-diep-nay"):
        jsonschema.validate(data, schema)


def test_the_schema_command_writes_nothing_when_up_to_date(tmp_path):
    import subprocess

    from tests.support import cli_command, copy_project
    proj = copy_project(tmp_path)
    run = subprocess.run(cli_command(proj, "schemas"), capture_output=True, text=True, cwd=proj)
    assert run.returncode == 0, run.stderr
    assert "đã đúng" in run.stdout


# --- the schemas agree with the build (issue 25) ---------------------------------------------------------------
# Shape mutations of one shipped file per schema: an unknown key, each required key removed, each key given a value
# of another type, in the first item and its nested groups. Whatever the loader (the build's reading stage) refuses
# in that file, the schema must flag: content the schemas accept then builds as far as its shape goes. (The schema
# may be stricter: it wants `question: "2026"` quoted where the loader reads the number as a text.)

ALIKE = 2  # entries mutated in a map of like entries (content/ui.yaml's strings, a translation's items)


def _one_file_per_schema() -> list[str]:
    settings = json.loads((ROOT / schemas.VSCODE_SETTINGS).read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for rel in SHIPPED:
        for schema in _schemas_for(rel, settings):
            out.setdefault(schema, rel)
    return sorted(set(out.values()))


def _keys(group: dict, schema: dict) -> list:
    """Every declared field of a group; two entries of a map of like entries (ids as keys)."""
    return list(group)[: None if "properties" in schema else ALIKE]


def _groups(data, schema, path=(), depth=0):
    """Paths of the mappings to mutate: the file's, then the first item of each list, down to depth 4."""
    if isinstance(data, dict):
        yield path
        for k in _keys(data, _schema_at(schema, path)):
            if depth < 4:
                yield from _groups(data[k], schema, (*path, k), depth + 1)
    elif isinstance(data, list) and data and depth < 4:
        yield from _groups(data[0], schema, (*path, 0), depth + 1)


def _at(data, path):
    for k in path:
        data = data[k]
    return data


def _schema_at(schema: dict, path) -> dict:
    for k in path:
        if isinstance(k, int):
            schema = schema.get("items", {})
        elif k in schema.get("properties", {}):
            schema = schema["properties"][k]
        else:
            schema = schema["additionalProperties"] if isinstance(schema.get("additionalProperties"), dict) else {}
    return schema


def _other_types(value) -> list:
    if isinstance(value, bool):
        return ["có", [1]]
    if isinstance(value, (int, float)):
        return ["abc", [1], True]
    if isinstance(value, str):
        return [["x"], {"a": "b"}, ""]
    if isinstance(value, list):
        return ["x", {"a": 1}]
    return ["x", [1]]


def _mutations(data, schema):
    yield "as shipped", lambda d: None
    for path in _groups(data, schema):
        group = _at(data, path)
        yield f"{path}: unknown key", lambda d, p=path: _at(d, p).__setitem__("khong_co_truong_nay", "x")
        for key in _schema_at(schema, path).get("required", []):
            yield f"{path}: without {key}", lambda d, p=path, k=key: _at(d, p).pop(k, None)
        for key in _keys(group, _schema_at(schema, path)):
            for other in _other_types(group[key]):
                yield f"{path}: {key} = {other!r}", lambda d, p=path, k=key, o=other: _at(d, p).__setitem__(k, o)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    from tests.support import copy_project
    return copy_project(tmp_path_factory.mktemp("schemas") / "p")


@pytest.mark.slow  # about 100 s: a few hundred loads of the project
@pytest.mark.parametrize("rel", _one_file_per_schema())
def test_what_the_build_refuses_for_its_shape_the_schema_flags(rel, generated, scratch):
    from bhxhpub.model import editions
    from bhxhpub.model.loader import read
    settings = json.loads(generated[schemas.VSCODE_SETTINGS])
    schema = json.loads(generated[_schemas_for(rel, settings)[0].removeprefix("./")])
    validator = jsonschema.Draft202012Validator(schema)
    national = load(ROOT) if rel.startswith("editions/") else None
    path = scratch / rel
    shipped = path.read_bytes()
    data = yaml.safe_load(shipped)  # dates as dates, written back unquoted: the loader reads YAML 1.1
    disagree, count = [], 0
    try:
        for name, mutate in _mutations(data, schema):
            mutated = copy.deepcopy(data)
            mutate(mutated)
            path.write_text(yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False), encoding="utf-8")
            problems = editions.read(scratch, rel.split("/")[1], national)[2] if national else read(scratch)[1]
            refused = [p for p in problems.items if p.file == rel]
            flagged = list(validator.iter_errors(json.loads(json.dumps(mutated, default=str))))
            if name == "as shipped":
                assert not refused and not flagged, (refused, [e.message for e in flagged])
            elif refused and not flagged:
                disagree.append(f"{name}: the build says “{refused[0].message}”, the schema accepts it")
            count += 1
    finally:
        path.write_bytes(shipped)
    assert count > 10
    assert not disagree, "\n".join(disagree)


def test_fact_and_locale_rules_across_fields_are_in_the_schemas(generated):
    """The loader's rules across fields, as the schema says them: one form of a fact, a value of its unit's type, a
    source with one value; a locale with number_words has every unit's word."""
    facts = json.loads(generated["schemas/facts.json"])
    ok = {"id": "x", "label": "X", "unit": "percent", "value": 22, "source": "Luật BHXH 2024", "status": "draft",
          "reviewed": "2026-01-01"}
    jsonschema.validate({"facts": [ok]}, facts)
    for bad in ({**ok, "value": "abc"}, {**ok, "value": True}, {**ok, "source": ""}, {k: v for k, v in ok.items() if k != "source"},
                {**ok, "computed": "a × b"}, {k: v for k, v in ok.items() if k != "value"}, {**ok, "unit": "list"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"facts": [bad]}, facts)
    settings = json.loads(generated["schemas/settings.json"])
    data = _yaml(ROOT / "content" / "settings.yaml")
    loc = next(l for l in data["locales"] if l.get("number_words"))
    loc["unit_words"]["percent"] = ""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, settings)
