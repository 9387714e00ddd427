"""The one visible pipeline: plan -> render every output -> build the site -> swap in.

    plan = make_plan(root, ...)            # dates, YAML -> validated model (or ContentError), output checks
    in a staging folder beside site/, with a process pool using every core:
        every output, every locale: its files (PDFs...)               render()    in parallel
        each output finishes once (manifest...)                       finish()
        every locale: pages of the site and of each output,           pages()     in parallel
                      Markdown tree + mkdocs.yml,
                      MkDocs (incremental where the cache allows)
        one sitemap for all locales
    swap the new site into place; the old one is removed only after that.

A lock keeps two builds from interleaving; an interrupted build leaves the previous site/
untouched (leftover staging folders are cleaned next time).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import signal
import time
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Optional

from ..errors import BuildError
from ..model.types import Content
from ..render.base import Download, Downloads, LocaleView, RenderSettings
from . import outputs as channel_list
from .dates import epoch_environment
from .plan import BuildPlan, locale_views, make_plan
from .staging import build_lock, os_error_message, staging_folder, swap_in
from .stamp import current_stamp


@dataclass
class BuildResult:
    site: Path
    content: Optional[Content]  # None when nothing changed since the last build (nothing was loaded)
    pdfs: list  # every Download the outputs wrote (paths relative to the site root)
    seconds: float
    unchanged: bool = False  # nothing changed since the last build: the output was left as it was
    phases: dict = field(default_factory=dict)  # seconds per phase: load, files, site, finish
    warnings: tuple = ()  # problems that did not stop the build (see BuildPlan.warnings)
    left_out: tuple = ()  # a release: what it did not publish, and why (see BuildPlan.left_out)


def build(root: Path, out: Optional[Path] = None, release: bool = False, today: Optional[date] = None,
          keep_tree: Optional[Path] = None, use_cache: bool = True,
          previous: Optional[list[Download]] = None, edition: Optional[str] = None,
          communes: tuple[str, ...] = (), tidy_later: bool = False) -> BuildResult:
    """Build the whole site into out (default root/site). Raises ContentError or BuildError.

    Outputs whose inputs did not change since an earlier build are taken from .cache/outputs/
    (byte-identical to a fresh render); `use_cache=False` renders everything afresh.
    `previous` (the live preview's first pass): the downloads of the last build in `out`; only the
    default locale's pages are built, its files reused and the other locales kept as they are.
    `tidy_later` (the command line): the old site and the staging folder are deleted by a detached
    process after the swap (see staging.remove)."""
    started = time.monotonic()
    variant = f"{edition or ''}:{','.join(communes)}"  # a local edition, and the communes it prints
    stamp, fingerprint, target = current_stamp(root, out, release, today, variant)
    if previous is None and use_cache and keep_tree is None and stamp.unchanged(fingerprint, target):
        return BuildResult(target, None, [], time.monotonic() - started, unchanged=True)
    with _frozen_heap():  # what is alive now (modules: most of the heap) is left out of the collections
        plan = make_plan(root, out, release, today, keep_tree, use_cache, edition, communes)  # validate all before writing
        phases = {"load": time.monotonic() - started}
        found: list = []  # warnings the outputs found while rendering
        try:
            views = locale_views(plan.content, plan.release)
            with epoch_environment(plan.epoch), build_lock(plan.root), staging_folder(plan.out, tidy_later) as staging, \
                    _pool(views) as pool:
                downloads = _build_into(plan, views, staging, pool, phases, previous, found)
                swap_in(staging / "site", plan.out, _into(staging) if tidy_later else None)
            if use_cache and previous is None:
                stamp.record(fingerprint, plan.out)
        except OSError as exc:  # a missing font, a full disk, a folder that cannot be written...
            raise BuildError(os_error_message(exc, plan.out)) from exc
    rendered = {problem for d in downloads for problem in d.warnings}  # e.g. a leaflet with no room left
    return BuildResult(plan.out, plan.content, downloads, time.monotonic() - started, phases=phases,
                       warnings=tuple(sorted(set(plan.warnings) | set(found) | rendered)), left_out=plan.left_out)


@contextmanager
def _frozen_heap():
    """The objects alive when a build starts are frozen (gc.freeze) until its workers fork (_pool
    collects and freezes again, then unfreezes): the collections while a province is planned, and
    the one before forking, skip the modules' objects (0.04 s). Undone however the build ends, so
    a long-lived process (serve) collects them again."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _into(staging: Path):
    """The old site goes into the staging folder, to be deleted with it."""
    def discard(old: Path) -> None:
        if not old.is_relative_to(staging):
            os.rename(old, staging / "old-site")
    return discard


_VIEWS: Sequence[LocaleView] = ()  # the build's locale views, for its workers (see _pool)
_MADE: dict = {}  # in a worker: the build's output objects, each made once (see _made)


def _pool(views: Sequence[LocaleView]) -> Pool:
    """Worker processes, one per core. Forked, so they start at once with the modules already
    imported and the build's locale views in memory: a task names its view by number instead of
    sending a copy of the localized content model (0.3 MB for a province; about 0.03 s a task to
    send and read back, for forty tasks). Ctrl-C and `kill` are the build's to handle: it terminates the workers (leaving the
    pool's `with` block) and keeps site/ as it was; a worker also dies with its build."""
    global _VIEWS
    _VIEWS = tuple(views)
    _MADE.clear()  # the workers of this build make their own
    gc.collect()  # the plan's garbage (the rest is frozen since the build started: a quick collection)
    gc.freeze()  # the content model and modules stay shared with the workers: their GC never writes to them
    try:
        return multiprocessing.get_context("fork").Pool(processes=max(1, os.cpu_count() or 1), initializer=_worker_init)
    finally:
        gc.unfreeze()


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:  # Linux: die with the build process, even when it is killed with SIGKILL
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _render_files(settings: RenderSettings, output: int, locale: int, docs: Path, part: Optional[int]) -> list[Download]:
    """In a worker: one output's files for one locale (the build's locale number `locale`), or one
    part of them (the output object is made in the worker, so each worker has its own fonts and caches)."""
    view = _VIEWS[locale]
    made = _made(settings, output)
    started = time.monotonic()
    try:
        return made.render(view, docs) if part is None else made.render(view, docs, part)
    finally:
        if part is not None and time.monotonic() - started > 1:  # a province's part: 168 panels laid out and parsed
            _release_memory()


def _release_memory() -> None:
    """Collect the task's garbage and hand the freed heap back to the system (glibc keeps it
    otherwise, and a worker grew by 30 MB a part over a province's build). Not after a short task
    (one agent changed): it costs a few hundredths of a second."""
    gc.collect()
    try:
        import ctypes
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _made(settings: RenderSettings, output):
    """In a worker: an output (its number in OUTPUTS, or a class) made once and kept for the build's
    next tasks in that worker, as a build in one process keeps its outputs: fonts, parsed
    stylesheets, compiled templates and the theme's hash (5 ms to make, more to load again) are
    not made again for each of a province's forty tasks."""
    key = (output, settings)
    if key not in _MADE:
        _MADE[key] = (channel_list.OUTPUTS[output] if isinstance(output, int) else output)(settings)
    return _MADE[key]


def _tasks(outputs: Sequence, rendered: Sequence[int], views: Sequence[LocaleView]) -> list[tuple[LocaleView, int, Optional[int]]]:
    """(view, output, part) for every task of the file phase. An output with `parts(view)` has its
    locale's work split in that many independent tasks (a province's commune copies, by layout and
    ink); those come first, being the longest, then those of outputs marked `long_task` (the
    translation report), so that the pool ends its work together."""
    split, long, whole = [], [], []
    for v in views:
        for i in rendered:
            parts = getattr(outputs[i], "parts", None)
            if parts is not None:
                split += [(v, i, k) for k in range(parts(v))]
            else:
                (long if getattr(outputs[i], "long_task", False) else whole).append((v, i, None))
    return split + long + whole


def _build_locale_site(settings: RenderSettings, locale: int, downloads: Downloads, alternates: tuple,
                       work: Path, site_dir: Path, cache: Optional[Path]) -> None:
    """In a worker: one locale's pages (the site's and every output's), its Markdown tree and
    mkdocs.yml, then MkDocs (incremental where the cache allows)."""
    view = _VIEWS[locale]
    from ..channels.web.incremental import build_locale
    from ..channels.web.renderer import SiteRenderer
    site = _made(settings, SiteRenderer)
    pages = site.pages(view, downloads) + [p for i in range(len(channel_list.OUTPUTS)) for p in _made(settings, i).pages(view, downloads)]
    cfg = site.write_tree(view, pages, work, site_dir, alternates)
    build_locale(cfg, site_dir, cache)


def _results(tasks: Sequence[AsyncResult]) -> list:
    """Every result, in order; the first error is raised after every task has ended."""
    for t in tasks:
        t.wait()
    return [t.get() for t in tasks]


def check_unique_paths(downloads: Sequence[Download]) -> None:
    """No two files of a build at one path: the second would silently replace the first (a commune
    without its leaflets). BuildError naming both; the staging folder is dropped, site/ is untouched."""
    seen: dict[str, Download] = {}
    for d in downloads:
        first = seen.setdefault(d.path, d)
        if first is not d:
            raise BuildError(f"Hai tệp cùng ghi vào {d.path}: {first.kind} “{first.item}” ({first.edition}, {first.locale}) "
                             f"và {d.kind} “{d.item}” ({d.edition}, {d.locale}); tệp sau sẽ đè tệp trước. Cách sửa: đặt mã "
                             "khác cho một trong hai mục (mã xã trong edition.yaml phải khác nhau).")


def _build_into(plan: BuildPlan, every_view: Sequence[LocaleView], staging: Path, pool: Pool, phases: dict,
                previous: Optional[list[Download]] = None, problems: Optional[list] = None) -> list[Download]:
    from ..channels.web.renderer import alternates  # MkDocs and Material are imported only when building
    from ..channels.web.sitemap import write_sitemap

    clock = time.monotonic()
    problems = problems if problems is not None else []
    settings = plan.render_settings
    views = every_view if previous is None else every_view[:1]  # the quick pass: the default locale only
    docs = {v.locale.id: staging / "src" / v.locale.id / "docs" for v in views}
    direct = {v.locale.id: staging / "files" / v.locale.id for v in views}  # outputs placed in the site after MkDocs
    outputs = [make(settings) for make in channel_list.OUTPUTS]
    rendered = [i for i, o in enumerate(outputs) if previous is None or not getattr(o, "reuse_in_preview", False)]

    def folder(i: int, v: LocaleView) -> Path:
        return (direct if getattr(outputs[i], "direct", False) else docs)[v.locale.id]
    number = {id(v): n for n, v in enumerate(every_view)}  # a view as the workers know it (see _pool)
    tasks = [(v, pool.apply_async(_render_files, (settings, i, number[id(v)], folder(i, v), k)))
             for v, i, k in _tasks(outputs, rendered, views)]
    written: dict[str, list[Download]] = {v.locale.id: [] for v in every_view}
    for (v, _), files in zip(tasks, _results([f for _, f in tasks])):
        written[v.locale.id] += files
        problems += getattr(files, "warnings", ())  # found while rendering, not stopping a preview (Rendered)
    if previous is None:
        everything = [d for v in views for d in _from_site_root(v, written[v.locale.id])]
        check_unique_paths(everything)
        for o in outputs:
            o.finish(everything, docs[views[0].locale.id])
    else:
        everything = list(previous)
        _reuse_files(plan.out, previous, every_view, written, docs[views[0].locale.id], direct[views[0].locale.id])
        for i, o in enumerate(outputs):  # files that are not downloads (share images, translator workbooks)
            for folder in getattr(o, "reused_paths", ()) if i not in rendered else ():
                if (plan.out / folder).is_dir():
                    shutil.copytree(plan.out / folder, docs[views[0].locale.id] / folder, dirs_exist_ok=True,
                                    ignore=shutil.ignore_patterns("*.html"))  # its files, not its built page
    phases["files"], clock = time.monotonic() - clock, time.monotonic()

    built = staging / "locales"
    cache = settings.cache("mkdocs")
    links = alternates(every_view, plan.content.settings.base_url)
    rooted = {v.locale.id: _from_site_root(v, written[v.locale.id]) for v in every_view}
    _results([pool.apply_async(_build_locale_site, (settings, number[id(v)], _downloads_for(v, every_view, written, rooted), links,
                                                    staging / "src" / v.locale.id, built / v.locale.id,
                                                    cache and cache.folder_for(v.locale.id)))
              for v in views])
    phases["site"], clock = time.monotonic() - clock, time.monotonic()
    new_site = staging / "site"
    (built / views[0].locale.id).rename(new_site)  # the default locale at the root, the others under it
    for v in every_view[1:]:
        if v in views:
            (built / v.locale.id).rename(new_site / v.prefix.rstrip("/"))
        else:  # the quick pass keeps the other locales as the last build left them
            shutil.copytree(plan.out / v.prefix, new_site / v.prefix, copy_function=os.link)
    for v in views:  # files that did not go through MkDocs (a province's commune copies)
        _move_tree(direct[v.locale.id], new_site / v.prefix)
    write_sitemap(new_site, plan.content)
    if plan.keep_tree is not None:
        shutil.rmtree(plan.keep_tree, ignore_errors=True)
        shutil.copytree(staging / "src", plan.keep_tree)
    phases["finish"] = time.monotonic() - clock
    return everything


def _reuse_files(out: Path, previous: list[Download], views: Sequence[LocaleView],
                 written: dict[str, list[Download]], docs: Path, direct: Path) -> None:
    """The quick pass: the last build's files (in `out`) copied into the default locale's docs (or
    linked beside them, for files that do not go through MkDocs), listed per locale as that build
    wrote them."""
    for v in views:
        written[v.locale.id] += [replace(d, path=d.path[len(v.prefix):]) for d in previous if d.locale == v.locale.id]
    default = views[0].locale.id
    for d in written[default] + [Download("", default, "", "", "pdf/manifest.json", 0, 0, 0, 0, "", "")]:
        if (out / d.path).is_file():
            target = (direct if d.direct else docs) / d.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if d.direct:
                os.link(out / d.path, target)
            else:
                shutil.copyfile(out / d.path, target)  # a copy: the build re-dates its sources


def _move_tree(source: Path, target: Path) -> None:
    """Every file under source moved to the same place under target (one file system: renames;
    a folder that target does not have yet is moved whole)."""
    if not source.is_dir():
        return
    for folder, dirs, names in os.walk(source):
        rel = Path(folder).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(Path(folder) / name, target / rel / name)
        for name in list(dirs):
            if not (target / rel / name).exists():
                os.rename(Path(folder) / name, target / rel / name)
                dirs.remove(name)  # moved with everything in it


def _from_site_root(view: LocaleView, downloads: list[Download]) -> list[Download]:
    """A locale's files with their paths from the site root (a province has thousands: the default
    locale's, already there, are not copied)."""
    return list(downloads) if not view.prefix else [replace(d, path=view.prefix + d.path) for d in downloads]


def _downloads_for(view: LocaleView, views: Sequence[LocaleView], written: dict[str, list[Download]],
                   rooted: dict[str, list[Download]]) -> Downloads:
    """This locale's files by item, and the other locales' files (`rooted`: paths from the site root)."""
    own: dict[str, list[Download]] = {}
    for d in written[view.locale.id]:
        own.setdefault(d.item, []).append(d)
    other: dict[str, list[tuple[str, Download]]] = {}
    for v in views:
        if v.locale.id != view.locale.id:
            for d in rooted[v.locale.id]:
                other.setdefault(d.item, []).append((v.locale.native_name, d))
    return Downloads(own=own, other=other)
