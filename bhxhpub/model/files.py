"""Reading a project file safely: only a regular file, never more than a limit, both decided from the
file's own status before a byte is read. A named pipe (FIFO) with a .yaml name never blocks the build,
a device never streams into it, and a 20 GB sparse file is never read whole. Standard library only
(the no-op build uses it before anything heavy is imported)."""
from __future__ import annotations

import os
import stat
from pathlib import Path


class UnsafeFile(ValueError):
    """A file the build will not read; `why` says why, in Vietnamese."""

    def __init__(self, path: Path, why: str, too_large: bool = False):
        super().__init__(f"{path}: {why}")
        self.path = Path(path)
        self.why = why
        self.too_large = too_large  # a regular file, only too large


def size_text(n: int) -> str:
    """1000000 -> "1 MB", 20 GB as "20 GB" (decimal units, as file managers show them)."""
    for unit, scale in (("GB", 10 ** 9), ("MB", 10 ** 6), ("KB", 10 ** 3)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}".replace(".", ",")
    return f"{n} byte"


def kind_of(mode: int) -> str:
    """What a non-regular file is, for a message."""
    if stat.S_ISDIR(mode):
        return "một thư mục"
    if stat.S_ISFIFO(mode):
        return "một ống dẫn (named pipe/FIFO)"
    if stat.S_ISSOCK(mode):
        return "một socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "một thiết bị"
    return "không phải tệp thường"


def refusal(st: os.stat_result, limit: int) -> str | None:
    """Why a file with this status may not be read (None: it may)."""
    if not stat.S_ISREG(st.st_mode):
        return f"đây là {kind_of(st.st_mode)}, không phải một tệp văn bản thường"
    if st.st_size > limit:
        return f"tệp quá lớn ({size_text(st.st_size)}, giới hạn {size_text(limit)})"
    return None


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; UnsafeFile otherwise (OSError when it
    cannot be opened). Checked from its status before it is opened, then opened without blocking and
    checked again on the open descriptor, so a file swapped for a pipe between the check and the read
    cannot block either; never reads more than limit + 1."""
    st = os.stat(path)  # refused before it is opened: opening some devices has effects of its own
    why = refusal(st, limit)
    if why:
        raise UnsafeFile(path, why, too_large=stat.S_ISREG(st.st_mode))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        why = refusal(st, limit)
        if why:
            raise UnsafeFile(path, why, too_large=stat.S_ISREG(st.st_mode))
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise UnsafeFile(path, f"tệp quá lớn (hơn {size_text(limit)})", too_large=True)
    return data
