"""MkDocs per locale, incrementally: only the pages whose Markdown changed are rendered again.

The last output of each locale is kept in the output cache with the hash of every source file
and a key of everything that shapes all pages at once (mkdocs.yml with its navigation, the
theme overrides, the code and library versions). When the key is the same, the cached output
is restored (after checking every file's hash), the unchanged sources are dated in the past,
and MkDocs builds in its `dirty` mode: it renders only the pages and copies only the files
that are newer than their output. Anything else — a changed title in the navigation, a theme
edit, a new version — is a full MkDocs build of that locale. Either way the result is the same
bytes as a clean build.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Optional

import yaml

from ..render.cache import input_key, tree_hash
from .mkdocs_tree import run_mkdocs

STATE = "state.json"
OUTPUT = "site"
PAST = (1, 1)  # atime, mtime for sources that did not change: older than any output


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def output_of(source: str) -> str:
    """Where MkDocs writes a docs file (directory URLs): "a/b.md" -> "a/b/index.html"."""
    if not source.endswith(".md"):
        return source
    stem = source[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def site_key(cfg: Path, site_dir: Path) -> str:
    """What every page of a locale depends on: its config (paths made neutral) and theme overrides."""
    config = cfg.read_text(encoding="utf-8").replace(str(cfg.parent), "<work>").replace(str(site_dir), "<site>")
    return input_key("mkdocs", config, tree_hash(cfg.parent / "overrides"))


def _restore(cache: Path, key: str, site_dir: Path) -> Optional[dict]:
    """The cached state if it is for this key and every cached file is intact; its output copied to site_dir."""
    try:
        state = json.loads((cache / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("key") != key or _hashes(cache / OUTPUT) != state.get("output"):
        return None  # another config, or a cached file changed or went missing: build afresh
    shutil.copytree(cache / OUTPUT, site_dir, dirs_exist_ok=True)  # copy2 keeps the outputs' dates
    return state


def _save(cache: Path, key: str, sources: dict[str, str], site_dir: Path) -> None:
    tmp = cache.with_name(cache.name + f".{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(site_dir, tmp / OUTPUT)
    state = {"key": key, "sources": sources, "output": _hashes(tmp / OUTPUT)}
    (tmp / STATE).write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    shutil.rmtree(cache, ignore_errors=True)
    tmp.rename(cache)


def build_locale(cfg: Path, site_dir: Path, cache: Optional[Path]) -> None:
    """Run MkDocs for one locale's tree into site_dir, reusing the cached output when it can."""
    if cache is None:
        run_mkdocs(cfg)
        return
    docs = cfg.parent / yaml.safe_load(cfg.read_text(encoding="utf-8")).get("docs_dir", "docs")
    key = site_key(cfg, site_dir)
    sources = _hashes(docs)
    state = _restore(cache, key, site_dir)
    if state is not None:
        before = state.get("sources", {})
        for rel, digest in sources.items():
            if before.get(rel) == digest:
                os.utime(docs / rel, PAST)
        for rel in sorted(set(before) - set(sources)):
            gone = site_dir / output_of(rel)
            gone.unlink(missing_ok=True)
            for parent in gone.parents:  # a clean build has no empty folder where the page was
                if parent == site_dir or any(parent.iterdir()):
                    break
                parent.rmdir()
    run_mkdocs(cfg, dirty=state is not None)
    _save(cache, key, sources, site_dir)
