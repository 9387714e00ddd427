"""A content-addressed cache of rendered outputs in the project (.cache/outputs/, ignored by git).

An entry is keyed by everything its output is made from (the caller hashes its inputs with
`input_key`, which always mixes in `code_version()`), so a cached output is byte-identical to a
fresh one. Entries carry the SHA-256 of their payload: a corrupt, truncated or foreign entry is
detected on read, deleted and rebuilt, never published.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Optional

MAGIC = b"BHXHCACHE1\n"
DEPENDENCIES = ("mkdocs", "mkdocs-material", "weasyprint", "Jinja2", "Markdown", "pymdown-extensions", "fonttools",
                "pydyf", "segno", "khmercut", "phonenumbers", "PyYAML", "pypdf", "pillow", "pypdfium2",
                "underthesea", "underthesea_core", "pikepdf")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of this package's source and the versions of the libraries that shape the output.
    Computed once per process (it took 13 ms, and every cached file asks for it)."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parents[1]
    for path in sorted(pkg.rglob("*.py")):
        h.update(path.relative_to(pkg).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in DEPENDENCIES:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-\0".encode())
    return h.hexdigest()


def tree_hash(*folders: Path) -> str:
    """A hash of every file (path and bytes) under some folders, e.g. a theme's templates and fonts."""
    h = hashlib.sha256()
    for folder in folders:
        if folder.is_file():
            h.update(folder.name.encode() + b"\0" + folder.read_bytes())
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def input_key(*parts: Any) -> str:
    """The cache key of an output made from `parts` (JSON-able values; anything else by repr)."""
    blob = json.dumps([code_version(), *parts], default=repr, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class OutputCache:
    """Blobs and folders by key under one directory. A read-only cache (`check`, which writes
    nothing) answers from what earlier builds stored and stores nothing itself."""

    folder: Path
    read_only: bool = False

    @classmethod
    def of_project(cls, root: Path, kind: str) -> OutputCache:
        return cls(root / ".cache" / "outputs" / kind)

    def _blob(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.bin"

    def get(self, key: str) -> Optional[bytes]:
        """The payload stored under key, or None (missing, or corrupt: then it is removed)."""
        path = self._blob(key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        head, digest, payload = raw[: len(MAGIC)], raw[len(MAGIC): len(MAGIC) + 64], raw[len(MAGIC) + 64:]
        if head != MAGIC or hashlib.sha256(payload).hexdigest().encode() != digest:
            path.unlink(missing_ok=True)
            return None
        return payload

    def put(self, key: str, payload: bytes) -> None:
        """Store a payload atomically (a reader never sees half an entry)."""
        if self.read_only:
            return
        path = self._blob(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(MAGIC + hashlib.sha256(payload).hexdigest().encode() + payload)
        os.replace(tmp, path)

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.file"

    def get_file(self, key: str) -> Optional[tuple[Path, str]]:
        """A whole file stored under key, kept as it is so that a build can hard-link it into the
        site instead of copying it (`put_file`): its path and SHA-256, or None (missing, or its bytes
        no longer match the SHA-256 written beside it: then it is removed). The bytes are hashed
        again only when the file is not as it was stored (size, modification time, inode): a
        province's 1,200 files are 100 MB to read on every build otherwise."""
        path = self._file(key)
        try:
            digest, _, stored = path.with_name(path.name + ".sha256").read_text(encoding="ascii").partition("\n")
            if stored and stored == file_identity(path):
                return path, digest
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
        if actual != digest:
            path.unlink(missing_ok=True)
            return None
        return path, digest

    def put_file(self, key: str, payload: bytes) -> tuple[Path, str]:
        """Store a whole file (atomically; its SHA-256 beside it, with its size, modification time
        and inode as stored); returns its path and SHA-256."""
        path = self._file(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(payload).hexdigest()
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, path)
        side = path.with_name(path.name + ".sha256")
        tmp = side.with_name(f"{side.name}.{os.getpid()}.tmp")
        tmp.write_bytes(f"{digest}\n{file_identity(path)}".encode("ascii"))
        os.replace(tmp, side)
        return path, digest

    def folder_for(self, name: str) -> Path:
        """A private folder of the cache (e.g. the last MkDocs output of a locale)."""
        return self.folder / name

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def file_identity(path: Path) -> str:
    """What changes when a file's bytes are written or the file replaced (a hard link to it does
    not change it)."""
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino}"
