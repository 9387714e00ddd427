"""The renderer interface: what an output (PDF leaflets, a loudspeaker script, a banner…) implements.

An output is a class constructed once per build with `RenderSettings` (nothing module-level):

    class BroadcastScripts:
        name = "broadcast"
        def __init__(self, settings: RenderSettings): ...
        def render(self, view: LocaleView, docs: Path) -> list[Download]: ...   # files
        def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]: ...  # site pages
        def finish(self, downloads: list[Download], docs: Path) -> None: ...     # once, after all locales
        @staticmethod
        def check(given: CheckInput) -> Checks: ...   # optional: the channel's own rules, before writing

The pipeline calls `check` of every output (with the rules of the other stages, so an editor gets
every problem in one round), then `render` for every locale (default locale first), then `pages` for every
locale with the downloads of every output, then `finish` once. The site renderer turns the
pages of all outputs into one MkDocs site per locale. Renderers are functions of the model:
they never read YAML and never fetch anything.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional, Protocol

from ..errors import Problem
from ..model.settings import Locale
from ..model.types import Content
from .cache import OutputCache

# The largest PDF page Acrobat and many RIPs accept (200 inches); larger print files are drawn at 1:10
# with /UserUnit 10 (bhxhpub/pdf/largeformat.py), and the print page says so.
MAX_PAGE_MM = 5080.0
MARK_AREA_MM = 10.0  # paper around a print-shop page for the bleed and the crop marks
LARGE_SCALE = 10


def drawn_scale(width_mm: float, height_mm: float) -> int:
    """1, or LARGE_SCALE for a print file whose page (with its mark area) would pass MAX_PAGE_MM."""
    return 1 if max(width_mm, height_mm) + 2 * MARK_AREA_MM <= MAX_PAGE_MM else LARGE_SCALE


@dataclass(frozen=True)
class RenderSettings:
    """What every renderer is constructed with, once per build."""

    root: Path  # the project: templates, CSS and fonts are read from root/theme only
    release: bool  # approved items only, no draft markers
    today: date  # the date the site speaks of ("current period")
    epoch: int  # SOURCE_DATE_EPOCH: every date written into a file comes from it
    cache_dir: Optional[Path] = None  # where outputs are cached by their inputs (None: no cache)

    def cache(self, kind: str) -> Optional[OutputCache]:
        """The output cache of one kind of output, if this build caches."""
        return OutputCache(self.cache_dir / kind) if self.cache_dir is not None else None


@dataclass(frozen=True)
class LocaleView:
    """One locale as the outputs see it: the localized content and what each item shows."""

    locale: Locale
    content: Content  # translations applied where they are shown
    ui: Mapping[str, str]  # interface strings in this locale (Vietnamese where untranslated)
    states: Mapping[tuple[str, str], str]  # (kind, id) -> display state; empty for the default locale
    default_locale: str
    prefix: str  # where the locale lives in the site: "" (default locale) or "<id>/"

    @property
    def is_default(self) -> bool:
        return self.locale.id == self.default_locale


@dataclass(frozen=True)
class Download:
    """A file an output wrote, for download lists and manifests."""

    item: str  # the content item it was made from (a leaflet id…)
    locale: str
    edition: str  # which variant of the item: "a5", "gap-ba-nha-in"…
    label: str  # what download lists call it, in the locale's words
    path: str  # relative to the locale's root, e.g. "pdf/vi/<leaflet-id>-a5.pdf"
    page_width_mm: float  # finished (trim) size; print-shop files add bleed and marks around it
    page_height_mm: float
    pages: int
    bytes: int
    sha256: str
    status: str  # the item's editorial status: draft | approved
    kind: str = "leaflet"  # which output made it
    commune: str = ""  # a local edition's copy for one commune (its id), else ""
    direct: bool = False  # placed in the site as it is, not through MkDocs: pages link it with a raw href
    fresh: bool = field(default=False, compare=False)  # rendered by this build (False: taken from the cache)
    copyfit: str = ""  # a laid-out leaflet: how full its panels are (pdf/copyfit.py Copyfit.text)
    warnings: tuple[Problem, ...] = ()  # what the editor should know about this file (shown with the build's warnings)


class Rendered(list):
    """What `render` may return instead of a plain list of Downloads: the same list, with problems
    found while rendering that did not stop the build and belong to no file written (e.g. a
    translation too long for its leaflet in a preview: that locale's file is left out). A file's own
    notes go in its `Download.warnings`. The pipeline shows both with the plan's warnings."""

    def __init__(self, downloads=(), warnings: tuple[Problem, ...] = ()):
        super().__init__(downloads)
        self.warnings = tuple(warnings)


@dataclass
class Page:
    """A Markdown page of the site, as an output produced it."""

    path: str  # e.g. "to-roi/vi-sao-khong-nen-nhan-bhxh-mot-lan.md"
    title: str
    text: str
    kind: str  # home, leaflet, audience, qa, ... (search index and tests use it)
    search_text: str = ""  # plain text for the search index
    fallback: bool = False  # the page's own content is shown in Vietnamese (no usable translation)
    entries: tuple = ()  # (anchor, title, search text): parts of the page the search finds on their own


@dataclass(frozen=True)
class Downloads:
    """Every download of a build, for the pages of one locale."""

    own: Mapping[str, list[Download]] = field(default_factory=dict)  # item id -> this locale's files
    other: Mapping[str, list[tuple[str, Download]]] = field(default_factory=dict)  # item id -> (language name, file)


@dataclass(frozen=True)
class CheckInput:
    """What an output's own rules look at, before anything is written."""

    root: Path
    release: bool
    loaded: Content  # everything that loaded (drafts included), for rules on what editors wrote
    content: Content  # what this build publishes, its facts resolved at the build's date
    views: tuple[LocaleView, ...]  # every locale built, the default first
    cache_dir: Optional[Path] = None  # the build's output cache (RenderSettings.cache_dir), None: no cache
    cache_read_only: bool = False  # `check` writes nothing, not even to the cache


@dataclass(frozen=True)
class Checks:
    """What an output's own rules found. The pipeline adds them to the one list an editor reads."""

    errors: tuple[Problem, ...] = ()  # stop every build
    release_errors: tuple[Problem, ...] = ()  # stop a release; in a preview they are warnings
    warnings: tuple[Problem, ...] = ()  # shown, never stop a build


class Output(Protocol):
    """The interface an output implements (see the module docstring and docs/ARCHITECTURE.md)."""

    name: str

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        """Write this output's files for one locale under `docs` (that locale's site folder)."""
        ...

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        """The site pages this output adds for one locale (may be none)."""
        ...

    def finish(self, downloads: list[Download], docs: Path) -> None:
        """Once per build, after every locale: e.g. a manifest of every file (may do nothing)."""
        ...
