"""Writing output safely: one build at a time, everything staged beside the output folder and
swapped in whole at the end, so an interrupted or failed build leaves the previous site untouched."""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildError

SOURCE_FOLDERS = ("content", "slogans", "leaflets", "theme", "docs", "bhxhpub", "tests", "scripts", ".git")

_ERRNO_VI = {errno.ENOENT: "không tìm thấy tệp", errno.EACCES: "không có quyền", errno.EPERM: "không có quyền",
             errno.ENOSPC: "ổ đĩa đã đầy", errno.EROFS: "ổ đĩa chỉ cho đọc", errno.ENOTDIR: "đường dẫn đi qua một tệp",
             errno.EISDIR: "đây là thư mục, không phải tệp", errno.EEXIST: "đã có tệp trùng tên"}


# the disk or the folder refuses writing: the message names the folder and says what to do
_WRITE_ERRNOS = {errno.ENOSPC: "giải phóng chỗ trống trên ổ đĩa đó", errno.EDQUOT: "giải phóng chỗ trống trong hạn mức của bạn",
                 errno.EFBIG: "giải phóng chỗ trống trên ổ đĩa đó", errno.EROFS: "chọn một thư mục ghi được bằng --out"}
_ERRNO_VI[errno.EDQUOT] = "đã hết hạn mức dung lượng"
_ERRNO_VI[errno.EFBIG] = "tệp quá lớn so với ổ đĩa"


def os_error_message(exc: OSError, out: Path | None = None) -> str:
    """An OSError in words an editor understands, naming the file, and for a disk that is full or a
    folder that cannot be written, the folder (the output's parent, where the build is staged, when
    the error names no file: a write() on a full disk does not) and what to do."""
    why = _ERRNO_VI.get(exc.errno or 0, exc.strerror or str(exc))
    todo = _WRITE_ERRNOS.get(exc.errno or 0)
    if todo and (exc.filename or out is not None):
        folder = Path(os.fsdecode(exc.filename)).parent if exc.filename else out.parent
        made = f" (nơi dựng {out.name}/)" if out is not None and not exc.filename else ""
        return f"Không ghi được vào thư mục “{folder}”{made}: {why}. Cách sửa: {todo}, rồi dựng lại."
    where = f" “{exc.filename}”" if exc.filename else ""
    return f"Không đọc hoặc ghi được{where}: {why}."


def resolve_output_folder(out: Path) -> Path:
    """The real folder behind `out` (symlinks followed); a link that points back to itself is a BuildError."""
    try:
        return out.resolve()
    except (RuntimeError, OSError) as exc:  # Python 3.11: RuntimeError("Symlink loop from …")
        raise BuildError(f"Không dựng trang vào {out}: đường dẫn này là một liên kết tượng trưng (symlink) trỏ vòng "
                         "về chính nó. Xóa liên kết đó (rm site) rồi dựng lại, hoặc chọn thư mục khác bằng --out.") from exc


def check_output_folder(root: Path, out: Path) -> None:
    """The output folder is replaced as a whole: never the project, a source folder, or a folder of
    other files; its parent must be writable."""
    if root.is_relative_to(out) or any(out.is_relative_to(root / s) for s in SOURCE_FOLDERS) or out == Path(out.anchor):
        raise BuildError(f"Không dựng trang vào {out}: thư mục này chứa dự án hoặc nằm trong thư mục nội dung, "
                         "nó sẽ bị thay thế toàn bộ. Chọn thư mục khác, ví dụ: site/.")
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise BuildError(f"Không dựng trang vào {out}: thư mục đã có các tệp khác, không phải một trang web đã dựng; "
                         "nó sẽ bị thay thế toàn bộ. Chọn một thư mục trống hoặc site/.")
    if out.exists() and not out.is_dir():
        raise BuildError(f"Không dựng trang vào {out}: đây là một tệp, không phải thư mục.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = _ERRNO_VI.get(exc.errno or 0, exc.strerror or str(exc))
        raise BuildError(f"Không tạo được thư mục đầu ra {out.parent}: {why}.") from exc
    if not os.access(out.parent, os.W_OK):
        raise BuildError(f"Không có quyền ghi vào thư mục {out.parent}. Trang web hiện có được giữ nguyên.")


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Only one build of a project at a time; a second one waits for the first."""
    path = root / ".build.lock"
    try:
        fh = open(path, "a+")
    except OSError as exc:
        raise BuildError(f"Không tạo được tệp khóa {path.name}: {exc.strerror}. Kiểm tra quyền ghi thư mục dự án.") from exc
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Đang có một lần dựng trang khác chạy; chờ lần đó xong…", file=sys.stderr)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def staging_folder(out: Path, later: bool = False) -> Iterator[Path]:
    """A temporary folder beside `out` (same file system, so the swap is a rename), removed afterwards
    (`later`: by a detached process, see `remove`). What an interrupted earlier run left is cleaned up first."""
    recover(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
    try:
        yield tmp
    finally:
        remove(tmp, out, later)


TRASH_AGE = 3600  # seconds: a trash folder older than this was left by a removal that did not finish


def remove(folder: Path, out: Path, later: bool = False) -> None:
    """Delete a build's staging folder (with the old site in it). `later`: renamed to a trash name
    beside `out` and deleted by a detached `rm`, so the command returns as soon as the new site is in
    place: a province's site has 500 folders, and where the disk is mounted with `discard` each
    removed folder costs a millisecond or more. A trash folder is never read; `recover` drops old ones."""
    if later:
        trash = out.parent / f".{out.name}-trash-{os.getpid()}-{time.monotonic_ns()}"
        try:
            os.rename(folder, trash)
            subprocess.Popen(["rm", "-rf", "--", str(trash)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
            return
        except OSError:
            folder = trash if trash.exists() else folder
    shutil.rmtree(folder, ignore_errors=True)


def recover(out: Path) -> None:
    """Undo what an interrupted run may have left: restore an old site, drop temporary folders and
    trash folders whose removal did not finish."""
    parent = out.parent
    olds = sorted(parent.glob(f".{out.name}-old-*"))
    if not out.exists() and olds:
        olds[-1].rename(out)
        olds = olds[:-1]
    stale = [p for p in parent.glob(f".{out.name}-trash-*") if _age(p) > TRASH_AGE]
    for leftover in olds + sorted(parent.glob(f".{out.name}-build-*")) + stale:
        shutil.rmtree(leftover, ignore_errors=True)


def _age(path: Path) -> float:
    try:
        return time.time() - path.lstat().st_mtime
    except OSError:
        return 0.0


def exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in(new: Path, out: Path, discard=None) -> None:
    """Put the finished site `new` in place of `out`; the old one is removed only after that
    (`discard(old)`: how; by default deleted at once)."""
    discard = discard or (lambda old: shutil.rmtree(old, ignore_errors=True))
    if out.exists() and exchange(new, out):
        # site/ was the old site, then is the new one: never missing, even if killed right here
        discard(new)  # `new` now holds the old site
        return
    if out.exists():
        old = out.parent / f".{out.name}-old-{os.getpid()}"
        os.rename(out, old)
        os.rename(new, out)
        discard(old)
    else:
        os.rename(new, out)
