"""The no-op build: when nothing that shapes the site changed since the last build, do nothing.

A build records in .cache/build/last-build.json the fingerprint of its inputs (every file of the
project outside code, tests, docs and caches; the code and library versions; the options and
dates) and the size and time of every file it left in the output folder. The next build with the
same fingerprint, finding the output exactly as it was left, ends at once and touches nothing.
This module stays light (standard library only): it runs before anything heavy is imported.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

from ..model.files import UnsafeFile, read_limited
from ..render.cache import code_version

NOT_INPUTS = {".git", ".cache", ".venv", ".preview", "node_modules", "tests", "docs", "scripts", "bhxhpub",
              "__pycache__", ".pytest_cache", ".hypothesis", ".build.lock", ".approve.lock", ".github", ".gitlab-ci.yml", "README.md"}


def _files(folder: Path, skip: set[str], out: Path) -> list[Path]:
    found = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = Path(entry.path)
        if entry.name in skip or entry.name.startswith((".site-", f".{out.name}-")) or path == out:
            continue
        if entry.is_dir(follow_symlinks=False):
            found += _files(path, {"__pycache__"}, out)
        elif entry.is_file(follow_symlinks=False):
            found.append(path)
        else:
            found.append(path)  # a symlink: its target is read below, or its absence recorded
    return found


FINGERPRINT_LIMIT = 64_000_000  # larger files (never content: the build refuses them) count by size and time


def _content(path: Path) -> bytes:
    """What a file contributes to the fingerprint. Only a regular file is opened, and read only up
    to FINGERPRINT_LIMIT: a named pipe would block the build, a 20 GB sparse file fill the memory,
    before the checks that refuse them with a message could run."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return f"<not a file {stat.S_IFMT(st.st_mode)}>".encode()
        if st.st_size > FINGERPRINT_LIMIT:
            return f"<large {st.st_size} {st.st_mtime_ns}>".encode()
        return read_limited(path, FINGERPRINT_LIMIT)
    except (OSError, UnsafeFile):
        return b"<unreadable>"


def output_state(out: Path) -> dict[str, list[int]]:
    """Size and modification time of every file in the output folder."""
    state = {}
    for folder, _dirs, names in os.walk(out):
        for name in names:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            state[os.path.relpath(path, out)] = [st.st_size, st.st_mtime_ns]
    return state


@dataclass(frozen=True)
class BuildStamp:
    root: Path

    @property
    def path(self) -> Path:
        return self.root / ".cache" / "build" / "last-build.json"

    def fingerprint(self, out: Path, release: bool, today: date, epoch: int, variant: str = "") -> str:
        """Everything a build's result depends on, as one hash."""
        h = hashlib.sha256(f"{code_version()}\0{out}\0{release}\0{today.isoformat()}\0{epoch}\0{variant}\0".encode())
        for path in _files(self.root, NOT_INPUTS, out):
            h.update(path.relative_to(self.root).as_posix().encode() + b"\0" + _content(path) + b"\0")
        return h.hexdigest()

    def _read(self) -> Optional[dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def unchanged(self, fingerprint: str, out: Path) -> bool:
        """True when the last build had these inputs and its output is exactly as it left it."""
        last = self._read()
        return (last is not None and last.get("fingerprint") == fingerprint and last.get("out") == str(out)
                and out.is_dir() and last.get("output") == output_state(out))

    def record(self, fingerprint: str, out: Path) -> None:
        """After a successful build: what it was made from and what it left."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"last-build.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"fingerprint": fingerprint, "out": str(out), "output": output_state(out)}),
                       encoding="utf-8")
        os.replace(tmp, self.path)

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)


def current_stamp(root: Path, out: Optional[Path], release: bool, today: Optional[date] = None,
                  variant: str = "") -> tuple[BuildStamp, str, Path]:
    """The stamp of a project, the fingerprint a build with these options would have, and its
    output folder (resolved). Raises BuildError for a bad SOURCE_DATE_EPOCH or output link."""
    from .dates import resolve_epoch, resolve_today
    from .staging import resolve_output_folder
    root = root.resolve()
    target = resolve_output_folder(out or root / "site")
    epoch = resolve_epoch(root)
    stamp = BuildStamp(root)
    return stamp, stamp.fingerprint(target, release, today or resolve_today(epoch), epoch, variant), target
