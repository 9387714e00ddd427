"""Helpers every test module may import (`from tests.support import ...`): the project, copies of it,
and the real command line run on a copy."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "hostile"  # hostile input files
FIXTURES = ROOT / "tests" / "fixtures"  # sample texts

PROJECT_PARTS = ("schemas", ".vscode", "content", "slogans", "leaflets", "broadcasts", "editions", "geography", "theme", "mkdocs.yml")


def copy_project(dest: Path, outputs_from: Path | None = None) -> Path:
    """A private copy of the project's content and theme, safe to break in a test. `outputs_from`: a
    built project (the session's `good`) whose output cache the copy starts with, hard-linked (a cache
    entry is replaced, never written in place; keys do not depend on the project's folder), so that a
    test whose content is near the shipped one builds in seconds: what it changes is rendered afresh,
    the rest comes from the cache as in any incremental build (tests/pipeline/test_incremental.py
    checks that those equal clean builds). Tests about the cache itself or that need a long build (to
    interrupt it) start without."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copyfile(src, dest / part)
    fonts = ROOT / ".cache" / "webfonts"
    if fonts.exists():  # reuse subset web fonts (deterministic, slow to make); never the output caches
        shutil.copytree(fonts, dest / ".cache" / "webfonts")
    outputs = Path(outputs_from) / ".cache" / "outputs" if outputs_from is not None else None
    if outputs is not None and outputs.is_dir():
        shutil.copytree(outputs, dest / ".cache" / "outputs", copy_function=os.link,
                        ignore=shutil.ignore_patterns("*.tmp", "*.lock"))
        return dest
    words = ROOT / ".cache" / "outputs" / "words"
    if words.exists():  # and the word segmenter's answers (a pure function of the text; 1.3 s to load it)
        shutil.copytree(words, dest / ".cache" / "outputs" / "words")
    return dest


BUILD_EPOCH = "1779840000"  # the fixed SOURCE_DATE_EPOCH of every test build (2026-05-27)


def cli_command(root: Path, *args: str) -> list[str]:
    """The real command line (what build.py runs) for a project folder: build.py works on the folder
    it lives in, so for a copied project the same entry point is called on that folder."""
    code = ("import sys; from pathlib import Path; sys.path.insert(0, %r); from bhxhpub.cli import run; "
            "run(Path(%r))") % (str(ROOT), str(root))
    return [sys.executable, "-c", code, *args]


def build_env(env: dict | None = None) -> dict:
    """The environment of a test build: a fixed SOURCE_DATE_EPOCH (reproducible outputs)."""
    e = dict(os.environ)
    e.setdefault("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    e.update(env or {})
    return e


def run_build(root: Path, *args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the real command line against a project folder and wait for it."""
    return subprocess.run(cli_command(root, *args), capture_output=True, text=True, env=build_env(env), timeout=timeout,
                          cwd=root)


