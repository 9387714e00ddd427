"""The build plan: everything a build decides before it writes a byte, as frozen values.

`make_plan` resolves the dates, loads and validates all content (ContentError lists every
problem) and checks the output folder; `locale_views` gives each locale's localized content.
"""
from __future__ import annotations

import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

from ..errors import BuildError, ContentError, Problem, Problems
from ..locales.localize import localize
from ..locales.report import build_report
from ..model import editions
from ..model.files import refusal, size_text
from ..model.loader import read
from ..model.types import Content
from ..render.base import CheckInput, LocaleView, RenderSettings
from ..rules.nearcopy import check_near_copies
from ..rules.publish import publishable
from ..rules.terms import check_outdated_terms
from ..rules.timeline import resolve, resolve_content
from ..rules.typed_figures import check_typed_figures
from ..rules.validate import check_content
from . import outputs as channel_list
from .dates import resolve_epoch, resolve_today
from .staging import check_output_folder, resolve_output_folder


@dataclass(frozen=True)
class BuildPlan:
    """What one build makes, from which content, where, and as of which date."""

    root: Path  # the project (resolved)
    out: Path  # the site folder that is replaced at the end (resolved)
    release: bool  # approved items only
    today: date  # the day the site speaks of
    epoch: int  # SOURCE_DATE_EPOCH of every file written
    content: Content  # validated, and for a release only what may be published
    keep_tree: Optional[Path] = None  # also keep the generated Markdown + mkdocs.yml trees here
    use_cache: bool = True  # reuse outputs whose inputs did not change (.cache/outputs/)
    warnings: tuple = ()  # problems that do not stop a preview (e.g. an expired figure), shown to the editor
    left_out: tuple = ()  # a release: what it does not publish, and why

    @property
    def render_settings(self) -> RenderSettings:
        return RenderSettings(root=self.root, release=self.release, today=self.today, epoch=self.epoch,
                              cache_dir=self.root / ".cache" / "outputs" if self.use_cache else None)


def make_plan(root: Path, out: Optional[Path] = None, release: bool = False, today: Optional[date] = None,
              keep_tree: Optional[Path] = None, use_cache: bool = True, edition: Optional[str] = None,
              communes: tuple[str, ...] = ()) -> BuildPlan:
    """Validate everything a build needs; raises ContentError or BuildError before anything is written."""
    root = root.resolve()
    out = resolve_output_folder(out or root / "site")
    epoch = resolve_epoch(root)
    today = today or editions.as_of(root, edition) or resolve_today(epoch)  # the facts' date: --as-of, an edition's as_of
    if communes and communes != ("all",) and (not edition or edition == editions.NATIONAL):
        raise BuildError("--commune chỉ dùng cùng --edition: xã và đại lý thu là dữ liệu của bản địa phương.")
    check_theme_files(root)  # before the checks that read fonts
    checked = validate(root, release, today, edition, communes, use_cache)
    check_output_folder(root, out)
    return BuildPlan(root=root, out=out, release=release, today=today, epoch=epoch, content=checked.content,
                     keep_tree=keep_tree, use_cache=use_cache, warnings=checked.warnings,
                     left_out=left_out(checked.loaded, checked.content, release))


@dataclass(frozen=True)
class Validated:
    """Content that may be built, and what the editor should still look at."""

    loaded: Content  # everything that loaded (for a local edition: with its overlay), drafts included
    content: Content  # what the build publishes, its facts resolved at the build's date
    warnings: tuple[Problem, ...]  # problems that do not stop this build, sorted by file and line


def validate(root: Path, release: bool = False, today: Optional[date] = None, edition: Optional[str] = None,
             communes: tuple[str, ...] = (), use_cache: bool = True, cache_read_only: bool = False) -> Validated:
    """Every stage's checks in one round: reading (model), the rules across items, the local
    edition, the rules of each channel (OUTPUTS' `check`). The rules run on whatever did load, so
    a YAML error in one file and a misquote in another come in the same list. Raises ContentError
    with every error (and the warnings beside them) when anything stops the build."""
    root = root.resolve()
    today = today or editions.as_of(root, edition) or resolve_today(resolve_epoch(root))
    loaded, problems = read(root)
    errors: list[Problem] = list(problems.items)
    notices: list[Problem] = []
    if loaded is None:
        raise ContentError(problems)

    def rule(check, *args):
        """A rule on content that may be partial: one that trips over what an error already names
        (a missing fact, a file that did not load) is left for the next round."""
        try:
            return check(*args)
        except Exception:
            if errors:
                return None
            raise
    found = rule(check_content, loaded, release)
    errors += found.items if found else []
    if edition and edition != editions.NATIONAL:  # `--edition toan-quoc` is the plain build
        overlay = rule(local_edition, root, loaded, edition, communes, release)
        if overlay is not None:
            local, found = overlay
            errors += found.items
            notices += found.notices
            loaded = local or loaded
    content, facts = resolve_content(publishable(loaded, release), today)
    shared = [check_near_copies(content),  # official wording: exact or by reference, never nearly
              check_outdated_terms(content),  # no district, no ministry that no longer runs social insurance
              check_typed_figures(content, resolve(loaded.facts, today)[0])]  # "22%" typed, not [[ty-le-dong-…]]
    release_errors = [*facts.errors.items, *(p for found in shared for p in found.items)]
    notices += [*facts.warnings.items, *(p for found in shared for p in found.notices)]
    given = CheckInput(root=root, release=release, loaded=loaded, content=content, views=locale_views(content, release),
                       cache_dir=root / ".cache" / "outputs" if use_cache else None, cache_read_only=cache_read_only)
    for output in channel_list.OUTPUTS:
        own = getattr(output, "check", None)
        checks = rule(own, given) if own is not None else None
        if checks is not None:
            errors += checks.errors
            release_errors += checks.release_errors
            notices += checks.warnings
    if release:
        errors += release_errors  # a release never prints a figure that does not apply that day, nor a misquote
    else:
        notices = release_errors + notices
    warnings = tuple(sorted(set(notices)))
    if errors:
        found = Problems()
        found.items.extend(errors)
        raise ContentError(found, warnings)
    return Validated(loaded=loaded, content=content, warnings=warnings)


def load(root: Path, release: bool = False) -> Content:
    """Everything that loaded, once every check passed (`build.py check`, approvals, tests)."""
    return validate(root, release).loaded


def left_out(loaded: Content, published: Content, release: bool) -> tuple[str, ...]:
    """What a release build does not publish, and why, one line each (empty for a preview)."""
    if not release:
        return ()
    out = []
    for attr, label in (("leaflets", "Tờ rơi"), ("messages", "Thông điệp"), ("slogans", "Khẩu hiệu"), ("qa", "Hỏi đáp"),
                        ("audiences", "Nhóm đối tượng"), ("periods", "Đợt"), ("facts", "Số liệu")):
        kept = {i.id for i in (getattr(published, attr).values() if attr == "facts" else getattr(published, attr))}
        items = getattr(loaded, attr).values() if attr == "facts" else getattr(loaded, attr)
        for item in items:
            if item.id not in kept:
                out.append(f"{item.where.file}:{item.where.line}: {label} “{item.id}”: dự thảo, chưa duyệt.")
    for r in build_report(loaded):
        c = r.counts
        if c["draft"] or c["outdated"] or c["missing"]:
            out.append(f"{r.name} ({r.locale}): {c['draft']} bản dịch chưa duyệt, {c['outdated']} cần xem lại "
                       f"(bản gốc đã đổi), {c['missing']} chưa dịch: các mục này hiện bằng tiếng Việt.")
    return tuple(out)


THEME_FILE_LIMIT = 50_000_000  # bytes: the largest font of a theme is a few MB
CONFIG_LIMIT = 1_000_000  # mkdocs.yml


def check_theme_files(root: Path) -> None:
    """Templates, CSS, scripts and fonts are copied into the site and read by WeasyPrint: a file of
    theme/ that is a link to something outside the project, not a regular file or larger than
    THEME_FILE_LIMIT (and a mkdocs.yml that is not a regular file or larger than CONFIG_LIMIT) is
    refused before anything is read or written."""
    theme = (root / "theme").resolve()
    for path in sorted((root / "theme").rglob("*")):
        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            real = None
        if real is None or not real.is_relative_to(theme):
            rel = path.relative_to(root).as_posix()
            raise BuildError(f"Tệp {rel} là liên kết (symlink) tới một tệp ngoài thư mục theme/ của dự án: công cụ "
                             "không đọc hay công bố tệp ngoài dự án. Cách sửa: chép tệp vào theme/ rồi xóa liên kết.")
        st = real.stat()  # a pipe would block the build, a 20 GB file fill the memory: refused, unread
        why = None if stat.S_ISDIR(st.st_mode) else refusal(st, THEME_FILE_LIMIT)
        if why:
            rel = path.relative_to(root).as_posix()
            raise BuildError(f"Không dùng được tệp {rel}: {why}. Cách sửa: xóa tệp đó hoặc thay bằng tệp thường "
                             f"(ảnh, phông chữ, mẫu trang) nhỏ hơn {size_text(THEME_FILE_LIMIT)}.")
    config = root / "mkdocs.yml"  # read by every locale's site
    why = refusal(config.stat(), CONFIG_LIMIT) if config.exists() else None
    if why:
        raise BuildError(f"Không dùng được tệp mkdocs.yml: {why}. Cách sửa: lấy lại tệp của dự án (git checkout mkdocs.yml).")


def locale_views(content: Content, release: bool) -> tuple[LocaleView, ...]:
    """Every locale that is built, the default locale first (it builds into the site root)."""
    s = content.settings
    default = s.default_locale
    views = []
    for loc in sorted((l for l in s.locales if l.build), key=lambda l: l.id != default):
        if loc.id == default:
            localized, ui, states = content, content.ui, {}
        else:
            localized, ui, states = localize(content, content.ui, content.translations, loc.id, release)
        views.append(LocaleView(locale=loc, content=localized, ui=ui, states=states, default_locale=default,
                                prefix="" if loc.id == default else f"{loc.id}/"))
    return tuple(views)


def local_edition(root: Path, content: Content, ident: str, communes: tuple[str, ...],
                  release: bool) -> tuple[Optional[Content], Problems]:
    """The national content with a local edition's overlay (None when the edition has errors), and
    its problems (`notices`: those that stop only a release). `communes` ("all": every commune) are
    printed besides the edition's own `print_communes`."""
    edition, local_qa, problems = editions.read(root, ident, content, release=release)
    if edition is not None:
        known = {c.id for c in edition.communes}
        if "all" in communes:
            communes = tuple(c.id for c in edition.communes)
        for cid in communes:
            if cid not in known:
                import difflib
                close = difflib.get_close_matches(cid, sorted(known), n=1)
                problems.add(edition.where.file, *edition.where.at("communes")[1:],
                             f"Không có xã “{cid}” trong bản “{ident}”.",
                             f"Có phải ý bạn là “{close[0]}”?" if close else "Dùng mã xã trong communes của edition.yaml.")
        if release:
            for item in editions.pending(edition):
                problems.add(edition.where.file, edition.where.line, edition.where.column,
                             f"Bản công bố chưa dùng được: {item} còn ghi “cần xác nhận”.",
                             "Điền thông tin đã xác nhận vào edition.yaml trước khi công bố bản địa phương.")
    if not problems.ok or edition is None:
        return None, problems
    local = editions.overlay(root, content, edition, local_qa, communes, problems)
    return (local if problems.ok else None), problems
