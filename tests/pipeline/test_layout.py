"""The package shows its design: stages in one direction, one folder per channel, small modules."""
from __future__ import annotations

import ast
from pathlib import Path

from tests.support import ROOT

PACKAGE = ROOT / "bhxhpub"
# Each stage may import only the stages before it (errors.py is below them all).
STAGES = ("errors", "model", "rules", "locales", "exchange", "render", "pdf", "channels", "authoring", "pipeline", "cli")
MAX_LINES = 400


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        yield path, ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path.name == "__init__.py"


def _imports(path: Path, module: str, package: bool):
    """(line, imported module) of every import of this package in a file, relative ones resolved."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # `from . import qr` imports the module bhxhpub.pdf.qr
                yield node.lineno, f"{target}.{alias.name}" if target.count(".") < 2 else target
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_every_import_goes_to_an_earlier_stage():
    wrong = []
    for path, module, package in _modules():
        here = _stage(module)
        for line, target in _imports(path, module, package):
            there = _stage(target)
            if target.startswith("bhxhpub.") and here in STAGES and there in STAGES and STAGES.index(there) > STAGES.index(here):
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target} ({there} comes after {here})")
    assert wrong == []


def test_a_channel_imports_no_other_channel():
    """What two channels share lives in an earlier stage (render/, pdf/), so a channel's folder is all of it."""
    wrong = []
    for path, module, package in _modules():
        parts = module.split(".")
        if len(parts) < 3 or parts[1] != "channels":
            continue
        for line, target in _imports(path, module, package):
            other = target.split(".")
            if len(other) >= 3 and other[:2] == ["bhxhpub", "channels"] and other[2] != parts[2]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert wrong == []


def test_no_module_is_longer_than_four_hundred_lines():
    long = {str(p.relative_to(ROOT)): n for p, _, _ in _modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_folders_are_the_stages_and_the_channels():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(STAGES) - {"errors"}
    channels = {p.name for p in (PACKAGE / "channels").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert {"web", "leaflets", "largeformat", "broadcasts", "short_texts", "share"} <= channels
    assert not (PACKAGE / "build").exists() and not (PACKAGE / "content").exists()


def test_every_output_of_the_list_lives_in_a_channel_folder():
    from bhxhpub.pipeline.outputs import OUTPUTS
    assert all(o.__module__.startswith("bhxhpub.channels.") for o in OUTPUTS)
