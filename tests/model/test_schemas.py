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
