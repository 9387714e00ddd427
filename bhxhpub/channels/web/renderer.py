"""The site renderer: the pages of every output -> one MkDocs + Material site per locale.

Constructed once per build; holds the template environment, the font table and the list of
Material's languages, so nothing is module-level state.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape

from ...render.base import Downloads, LocaleView, Page, RenderSettings
from ...render.fonts import FontTable
from ...render.pages import template_env
from . import mkdocs_tree
from .pages import build_pages


def alternates(views: Sequence[LocaleView], base_url: str) -> tuple[dict, ...]:
    """hreflang alternates and language-switcher entries for every locale, plus x-default."""
    if len(views) < 2:
        return ()
    out = [{"id": v.locale.id, "lang": v.locale.lang, "name": str(escape(v.locale.native_name)),  # printed as HTML
            "prefix": v.prefix, "href": base_url + v.prefix,
            "path": urlsplit(base_url + v.prefix).path, "not_found": mkdocs_tree.not_found_texts(v)} for v in views]
    out.append({"id": "x-default", "lang": "x-default", "name": "", "prefix": "", "href": base_url})
    return tuple(out)


class SiteRenderer:
    """Writes one locale's pages, Markdown tree and mkdocs.yml (MkDocs then runs per locale in
    site/incremental.py; sitemap.py writes the one sitemap of all locales)."""

    name = "site"

    def __init__(self, settings: RenderSettings):
        self.settings = settings
        self.env = template_env(settings.root)
        self.fonts = FontTable.of_project(settings.root, with_cmap=False)
        self.material_langs = mkdocs_tree.material_languages()

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        """The core pages of one locale (home, messages, slogans, audiences, leaflets, …)."""
        return build_pages(view, downloads, self.env, self.settings.today)

    def write_tree(self, view: LocaleView, pages: list[Page], work: Path, site_dir: Path,
                   links: tuple[dict, ...]) -> Path:
        """docs/ + mkdocs.yml of one locale under `work`, building into `site_dir`; `links`: the
        alternates of every locale (see `alternates`); returns the config."""
        opts = mkdocs_tree.TreeOptions(root=self.settings.root, preview=not self.settings.release,
                                       alternates=links, fonts=self.fonts, material_langs=self.material_langs)
        return mkdocs_tree.write_tree(opts, view, pages, work, site_dir)

