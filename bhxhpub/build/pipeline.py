"""The one visible pipeline: plan -> render every output -> build the site -> swap in.

    plan = make_plan(root, ...)            # dates, YAML -> validated model (or ContentError), output checks
    in a staging folder beside site/:
        for each locale: each output writes its files (PDFs...)       render()
        each output finishes once (manifest...)                       finish()
        for each locale: pages of the site and of each output,        pages()
                         Markdown tree + mkdocs.yml, MkDocs build
        one sitemap for all locales
    swap the new site into place; the old one is removed only after that.

A lock keeps two builds from interleaving; an interrupted build leaves the previous site/
untouched (leftover staging folders are cleaned next time).
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Optional, Sequence

from ..content.loader import load
from ..content.model import Content
from ..errors import BuildError
from ..render.base import Download, Downloads, LocaleView, Output
from .dates import epoch_environment
from .outputs import OUTPUTS
from .plan import BuildPlan, locale_views, make_plan
from .staging import build_lock, os_error_message, staging_folder, swap_in


@dataclass
class BuildResult:
    site: Path
    content: Content
    pdfs: list  # every Download the outputs wrote (paths relative to the site root)
    seconds: float


def check(root: Path, release: bool = False) -> Content:
    """Validate only (`build.py check`): load every file, write nothing."""
    return load(root, release=release)


def build(root: Path, out: Optional[Path] = None, release: bool = False, today: Optional[date] = None,
          keep_tree: Optional[Path] = None) -> BuildResult:
    """Build the whole site into out (default root/site). Raises ContentError or BuildError."""
    started = time.monotonic()
    plan = make_plan(root, out, release, today, keep_tree)  # validate everything before writing anything
    try:
        with epoch_environment(plan.epoch), build_lock(plan.root), staging_folder(plan.out) as staging:
            downloads = _build_into(plan, staging)
            swap_in(staging / "site", plan.out)
    except OSError as exc:  # a missing font, a full disk, a folder that cannot be written...
        raise BuildError(os_error_message(exc)) from exc
    return BuildResult(plan.out, plan.content, downloads, time.monotonic() - started)


def _build_into(plan: BuildPlan, staging: Path) -> list[Download]:
    from ..site.renderer import SiteRenderer  # MkDocs and Material are imported only when building

    settings = plan.render_settings
    outputs: list[Output] = [make(settings) for make in OUTPUTS]
    site = SiteRenderer(settings)
    views = locale_views(plan.content, plan.release)
    docs = {v.locale.id: staging / "src" / v.locale.id / "docs" for v in views}

    written = {v.locale.id: [d for o in outputs for d in o.render(v, docs[v.locale.id])] for v in views}
    everything = [replace(d, path=v.prefix + d.path) for v in views for d in written[v.locale.id]]
    for o in outputs:
        o.finish(everything, docs[views[0].locale.id])

    new_site = staging / "site"
    configs = []
    for v in views:
        downloads = _downloads_for(v, views, written)
        pages = site.pages(v, downloads) + [p for o in outputs for p in o.pages(v, downloads)]
        configs.append(site.write_tree(v, pages, staging / "src" / v.locale.id, new_site / v.prefix, views))
    for cfg in configs:  # default locale first: it builds into the site root
        site.run_mkdocs(cfg)
    site.write_sitemap(new_site, plan.content)
    if plan.keep_tree is not None:
        shutil.rmtree(plan.keep_tree, ignore_errors=True)
        shutil.copytree(staging / "src", plan.keep_tree)
    return everything


def _downloads_for(view: LocaleView, views: Sequence[LocaleView], written: dict[str, list[Download]]) -> Downloads:
    """This locale's files by item, and the other locales' files (paths from the site root)."""
    own: dict[str, list[Download]] = {}
    for d in written[view.locale.id]:
        own.setdefault(d.item, []).append(d)
    other: dict[str, list[tuple[str, Download]]] = {}
    for v in views:
        if v.locale.id != view.locale.id:
            for d in written[v.locale.id]:
                other.setdefault(d.item, []).append((v.locale.native_name, replace(d, path=v.prefix + d.path)))
    return Downloads(own=own, other=other)
