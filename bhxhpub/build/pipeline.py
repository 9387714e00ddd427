"""The one visible pipeline: load -> validate -> render (PDFs, pages, index) -> swap in.

    content = load(root)                 # YAML -> validated model, or ContentError
    content = publishable(content)       # release: approved items only
    in a temporary directory beside site/:
        for each locale: PDFs -> Markdown pages -> mkdocs build
        manifest.json
    swap the new site into place; the old one is removed only after that.

A lock file keeps two builds from interleaving; an interrupted build leaves the
previous site/ untouched (leftover temporary folders are cleaned next time).
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

from markupsafe import escape

from ..errors import BuildError
from ..content.loader import load
from ..content.model import Content
from ..locales.publish import publishable


@dataclass
class BuildResult:
    site: Path
    content: Content
    pdfs: list
    seconds: float


def source_date_epoch(root: Path) -> int:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, else a fixed date: same input, same output."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.isdigit():
        return int(env)
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return 1735689600  # 2025-01-01


def build_date(epoch: int) -> date:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).date()


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
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


def _recover(out: Path) -> None:
    """Undo what an interrupted run may have left: restore an old site, drop temp folders."""
    parent = out.parent
    olds = sorted(parent.glob(f".{out.name}-old-*"))
    if not out.exists() and olds:
        olds[-1].rename(out)
        olds = olds[:-1]
    for leftover in olds + sorted(parent.glob(f".{out.name}-build-*")):
        shutil.rmtree(leftover, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
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


def _swap(new: Path, out: Path) -> None:
    if out.exists() and _exchange(new, out):
        # site/ was the old site, then is the new one: never missing, even if killed right here
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old site
        return
    if out.exists():
        old = out.parent / f".{out.name}-old-{os.getpid()}"
        os.rename(out, old)
        os.rename(new, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, out)


def check(root: Path, release: bool = False) -> Content:
    return load(root, release=release)


def build(root: Path, out: Optional[Path] = None, release: bool = False, today: Optional[date] = None,
          keep_tree: Optional[Path] = None) -> BuildResult:
    """Build the whole site into out (default root/site). Raises ContentError or BuildError."""
    started = time.monotonic()
    root = root.resolve()
    out = (out or root / "site").resolve()
    explicit = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = source_date_epoch(root)
    if today is None:
        forced = os.environ.get("BHXH_TODAY")
        today = date.fromisoformat(forced) if forced else (build_date(epoch) if explicit else date.today())

    content = publishable(load(root, release=release), release)  # validate everything before writing anything
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # MkDocs sitemap dates, gzip headers
    try:
        return _build(root, out, content, release, today, epoch, keep_tree, started)
    finally:
        if explicit is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def _check_out(root: Path, out: Path) -> None:
    """The output folder is replaced as a whole: never the project, a source folder, or a folder of other files."""
    sources = [root / n for n in ("content", "slogans", "leaflets", "theme", "docs", "bhxhpub", "tests", "scripts", ".git")]
    if root.is_relative_to(out) or any(out.is_relative_to(s) for s in sources) or out == Path(out.anchor):
        raise BuildError(f"Không dựng trang vào {out}: thư mục này chứa dự án hoặc nằm trong thư mục nội dung, "
                         "nó sẽ bị thay thế toàn bộ. Chọn thư mục khác, ví dụ: site/.")
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise BuildError(f"Không dựng trang vào {out}: thư mục đã có các tệp khác, không phải một trang web đã dựng; "
                         "nó sẽ bị thay thế toàn bộ. Chọn một thư mục trống hoặc site/.")
    if out.exists() and not out.is_dir():
        raise BuildError(f"Không dựng trang vào {out}: đây là một tệp, không phải thư mục.")


def _build(root: Path, out: Path, content: Content, release: bool, today: date, epoch: int,
           keep_tree: Optional[Path], started: float) -> BuildResult:
    _check_out(root, out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = _ERRNO_VI.get(exc.errno or 0, exc.strerror or str(exc))
        raise BuildError(f"Không tạo được thư mục đầu ra {out.parent}: {why}.") from exc
    if not os.access(out.parent, os.W_OK):
        raise BuildError(f"Không có quyền ghi vào thư mục {out.parent}. Trang web hiện có được giữ nguyên.")
    try:
        return _build_locked(root, out, content, release, today, epoch, keep_tree, started)
    except OSError as exc:  # a missing font, a full disk, a folder that cannot be written...
        raise BuildError(_os_error(exc)) from exc


_ERRNO_VI = {errno.ENOENT: "không tìm thấy tệp", errno.EACCES: "không có quyền", errno.EPERM: "không có quyền",
             errno.ENOSPC: "ổ đĩa đã đầy", errno.EROFS: "ổ đĩa chỉ cho đọc", errno.ENOTDIR: "đường dẫn đi qua một tệp",
             errno.EISDIR: "đây là thư mục, không phải tệp", errno.EEXIST: "đã có tệp trùng tên"}


def _os_error(exc: OSError) -> str:
    why = _ERRNO_VI.get(exc.errno or 0, exc.strerror or str(exc))
    where = f" “{exc.filename}”" if exc.filename else ""
    return f"Không đọc hoặc ghi được{where}: {why}."


def _build_locked(root: Path, out: Path, content: Content, release: bool, today: date, epoch: int,
                  keep_tree: Optional[Path], started: float) -> BuildResult:
    from ..site.mkdocs_tree import run_mkdocs
    from ..site.sitemap import write_sitemap

    with build_lock(root):
        _recover(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
        try:
            new_site = tmp / "site"
            pdfs, configs = _render_locales(root, tmp, content, release, today, epoch, new_site)
            for cfg in configs:  # default locale first: it builds into the site root
                run_mkdocs(cfg)
            write_sitemap(new_site, content)
            if keep_tree is not None:
                shutil.rmtree(keep_tree, ignore_errors=True)
                shutil.copytree(tmp / "src", keep_tree)
            _swap(new_site, out)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return BuildResult(out, content, pdfs, time.monotonic() - started)


def _render_locales(root: Path, tmp: Path, content: Content, release: bool, today: date, epoch: int,
                    new_site: Path) -> tuple[list, list[Path]]:
    """PDFs for every locale first (pages link to them, the manifest lists them), then each
    locale's Markdown tree and mkdocs.yml. Returns (all Downloads, the mkdocs.yml of each locale)."""
    from dataclasses import replace

    from ..pdf.renderer import PdfRenderer  # heavy import (WeasyPrint) only when building
    from ..render.base import LocaleView, RenderSettings
    from ..site.mkdocs_tree import write_tree
    from ..site.pages import SiteView, build_pages
    from ..locales.localize import localize

    s = content.settings
    default = s.default_locale
    locales = sorted((l for l in s.locales if l.build), key=lambda l: l.id != default)
    alternates = [{"id": l.id, "lang": l.lang, "name": str(escape(l.native_name)),  # the theme prints it as HTML
                   "prefix": "" if l.id == default else f"{l.id}/",
                   "href": s.base_url + ("" if l.id == default else f"{l.id}/")} for l in locales]
    if len(locales) > 1:
        alternates.append({"id": "x-default", "lang": "x-default", "name": "", "prefix": "", "href": s.base_url})
    else:
        alternates = []
    plans = []
    all_files = []
    renderer = PdfRenderer(RenderSettings(root=root, release=release, today=today, epoch=epoch))
    for loc in locales:
        prefix = "" if loc.id == default else f"{loc.id}/"
        if loc.id == default:
            lc, ui, states = content, content.ui, {}
            printable = lc.leaflets
        else:
            lc, ui, states = localize(content, content.ui, content.translations, loc.id, release)
            printable = tuple(l for l in lc.leaflets if states.get(("leaflet", l.id)) != "fallback")
        work = tmp / "src" / loc.id
        files = renderer.render(LocaleView(loc, replace(lc, leaflets=printable), ui, states, default, prefix), work / "docs")
        all_files += [replace(f, path=prefix + f.path) for f in files]
        plans.append((loc, prefix, lc, ui, states, work, files))
    renderer.finish(all_files, tmp / "src" / default / "docs")
    configs = []
    for loc, prefix, lc, ui, states, work, files in plans:
        by_leaflet: dict[str, list] = {}
        for f in files:
            by_leaflet.setdefault(f.item, []).append(f)
        fallback_search = "" if loc.id == default else "../" * (prefix.count("/") + 1) + "tim-kiem/"
        other: dict[str, list] = {}
        for o_loc, o_prefix, *_rest, o_files in plans:
            if o_loc.id != loc.id:
                for f in o_files:
                    other.setdefault(f.item, []).append((o_loc.native_name, replace(f, path=o_prefix + f.path)))
        view = SiteView(lc, loc.id, release, today, by_leaflet, ui, states, loc, default, fallback_search, other,
                        "../" * prefix.count("/"))
        pages = build_pages(view, root)
        if loc.id == default:
            from ..site.pages import report_page
            from ..locales.report import build_report, report_json
            reports = build_report(content)
            pages.append(report_page(reports, root))
            (work / "docs" / "bao-cao-dich").mkdir(parents=True, exist_ok=True)
            (work / "docs" / "bao-cao-dich" / "report.json").write_text(report_json(reports), encoding="utf-8")
        cfg = write_tree(root, work, pages, lc, loc, new_site / prefix if prefix else new_site, prefix,
                         preview=not release, alternates=alternates, ui=ui)
        configs.append(cfg)
    return all_files, configs
