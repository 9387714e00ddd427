"""MkDocs per locale, incrementally: only the pages whose Markdown changed are rendered again.

Each locale's last output lives in the output cache (.cache/outputs/mkdocs/<locale>/site) with
a state file: the hash of every source and output file, and a key of everything that shapes all
pages at once (mkdocs.yml with its navigation, the theme overrides, the code and library
versions). When the key is the same and every cached file still has its hash, the unchanged
sources are dated in the past and MkDocs builds over the cached output in its `dirty` mode: it
renders only the pages, and copies only the files, that are newer than their output (its 404
page, made of what the key holds, is kept; its per-locale sitemap is never made: sitemap.py
writes one for every locale). Anything
else (a title in the navigation, a theme edit, a new version, a damaged cache) is a full MkDocs
build of that locale. Either way the output is copied to the build's staging folder and is the
same bytes as a clean build.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Optional

from ...render.cache import file_identity, input_key, tree_hash
from .mkdocs_tree import load_yaml, run_mkdocs
from .prune import prune_unreferenced

STATE = "state.json"
OUTPUT = "site"
PAST = (1, 1)  # atime, mtime for sources that did not change: older than any output


def _load(cfg: Path) -> dict:
    """A locale's generated mkdocs.yml (plain YAML the build wrote)."""
    return load_yaml(cfg.read_text(encoding="utf-8"))


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hashes(folder: Path, known: Optional[dict[str, str]] = None, since_ns: int = 0) -> dict[str, str]:
    """sha256 of every file under folder; files not modified since `since_ns` keep their `known` hash."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if known is not None and rel in known and path.stat().st_mtime_ns < since_ns:
            out[rel] = known[rel]
        else:
            out[rel] = _hash(path)
    return out


def output_of(source: str) -> str:
    """Where MkDocs writes a docs file (directory URLs): "a/b.md" -> "a/b/index.html"."""
    if not source.endswith(".md"):
        return source
    stem = source[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def site_key(cfg: Path) -> str:
    """What every page of a locale depends on: its config (paths made neutral) and theme overrides."""
    config = _load(cfg)
    config.pop("site_dir", None)
    text = json.dumps(config, sort_keys=True, ensure_ascii=False).replace(str(cfg.parent), "<work>")
    return input_key("mkdocs", text, tree_hash(cfg.parent / "overrides"))


def _valid_state(cache: Path, key: str) -> Optional[dict]:
    """The cached state if it is for this key and every cached output file is as that build left it:
    the same size, modification time and inode, or else still the same hash."""
    try:
        state = json.loads((cache / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("key") != key or not (cache / OUTPUT).is_dir():
        return None
    output, hashes, identities = cache / OUTPUT, state.get("output"), state.get("identity") or {}
    files = {p.relative_to(output).as_posix(): p for p in output.rglob("*") if p.is_file()}
    if not isinstance(hashes, dict) or set(files) != set(hashes):
        return None  # a cached file was added or removed: build afresh
    for rel, path in files.items():
        if identities.get(rel) != file_identity(path) and _hash(path) != hashes[rel]:
            return None  # a cached file was changed or damaged
    return state


def _remove_outputs_of(output: Path, sources: set[str]) -> None:
    """Delete the outputs of these sources (and folders left empty, as a clean build has none)."""
    for rel in sorted(sources):
        gone = output / output_of(rel)
        gone.unlink(missing_ok=True)
        for parent in gone.parents:  # a clean build has no empty folder where the page was
            if parent == output or any(parent.iterdir()):
                break
            parent.rmdir()


def build_locale(cfg: Path, site_dir: Path, cache: Optional[Path]) -> None:
    """Run MkDocs for one locale's tree, its output ending up in site_dir; reuses the cache when it can."""
    if cache is None:
        run_mkdocs(cfg, site_dir=site_dir)
        prune_unreferenced(site_dir)
        return
    docs = cfg.parent / _load(cfg).get("docs_dir", "docs")
    key = site_key(cfg)
    sources = {p.relative_to(docs).as_posix(): _hash(p) for p in sorted(docs.rglob("*")) if p.is_file()}
    state = _valid_state(cache, key)
    output = cache / OUTPUT
    if state is None:
        shutil.rmtree(cache, ignore_errors=True)
        output.mkdir(parents=True)
    else:
        (cache / STATE).unlink()  # until this build has finished, the cached output is not trusted
        before = state.get("sources", {})
        for rel, digest in sources.items():
            if before.get(rel) == digest:
                os.utime(docs / rel, PAST)
        _remove_outputs_of(output, set(before) - set(sources))
        # What MkDocs writes this time gets a new file: the cached files are shared (hard links) with
        # the published site, and MkDocs writes in place.
        _remove_outputs_of(output, {rel for rel, digest in sources.items() if before.get(rel) != digest})
    started = time.time_ns()
    run_mkdocs(cfg, dirty=state is not None, site_dir=output, template_cache=cache.parent / "_templates")
    mentions = prune_unreferenced(output, state.get("mentions") if state else None, started)
    hashes = _hashes(output, state.get("output") if state else None, started)
    new_state = {"key": key, "sources": sources, "output": hashes, "mentions": mentions,
                 "identity": {rel: file_identity(output / rel) for rel in hashes}}
    tmp = cache / f"{STATE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(new_state, sort_keys=True), encoding="utf-8")
    os.replace(tmp, cache / STATE)
    shutil.copytree(output, site_dir, copy_function=os.link)  # no copy: files are never written in place
