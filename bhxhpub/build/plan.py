"""The build plan: everything a build decides before it writes a byte, as frozen values.

`make_plan` resolves the dates, loads and validates all content (ContentError lists every
problem) and checks the output folder; `locale_views` gives each locale's localized content.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

from ..content import editions
from ..content.broadcasts import check_durations, check_programmes
from ..content.loader import load
from ..content.model import Content
from ..content.nearcopy import check_near_copies
from ..content.terms import check_outdated_terms
from ..content.timeline import resolve_content
from ..errors import BuildError, ContentError, Problems
from ..locales.localize import localize
from ..locales.publish import publishable
from ..locales.report import build_report
from ..pdf.largeformat import check_large_format
from ..render.base import LocaleView, RenderSettings
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
    today = today or resolve_today(epoch)  # also the effective date of the facts (--as-of)
    loaded = load(root, release=release)
    if edition:
        loaded = local_edition(root, loaded, edition, communes, release)
    elif communes:
        raise BuildError("--commune chỉ dùng cùng --edition: xã và đại lý thu là dữ liệu của bản địa phương.")
    content, facts = resolve_content(publishable(loaded, release), today)
    copies = check_near_copies(content)  # official wording: exact or by reference, never nearly
    outdated = check_outdated_terms(content)  # no district, no ministry that no longer runs social insurance
    lengths = check_durations(content)  # loudspeaker scripts of 3–5 minutes
    unreadable, long_translations = check_large_format(root, locale_views(content, release))  # banners, posters
    if not unreadable.ok:
        raise ContentError(unreadable)  # a slogan that no banner of the listed sizes can set readably
    if release and not (facts.errors.ok and copies.ok and outdated.ok and lengths.ok):
        refused = Problems()
        refused.items.extend(facts.errors.items + copies.items + outdated.items + lengths.items)
        raise ContentError(refused)  # a release never prints a figure that does not apply that day, nor a misquote
    notices = (facts.warnings.items + facts.errors.items + copies.items + outdated.items + lengths.items
               + check_programmes(content).items + long_translations.items)
    check_theme_files(root)
    check_output_folder(root, out)
    return BuildPlan(root=root, out=out, release=release, today=today, epoch=epoch, content=content,
                     keep_tree=keep_tree, use_cache=use_cache, warnings=tuple(sorted(set(notices))),
                     left_out=left_out(loaded, content, release))


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


def check_theme_files(root: Path) -> None:
    """Templates, CSS, scripts and fonts are copied into the site and read by WeasyPrint: a file of
    theme/ that is a link to something outside the project is refused before anything is written."""
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


def local_edition(root: Path, content: Content, ident: str, communes: tuple[str, ...], release: bool) -> Content:
    """The national content with a local edition's overlay (ContentError on any problem of the edition)."""
    edition, local_qa, problems = editions.read(root, ident, content)
    if edition is not None:
        known = {c.id for c in edition.communes}
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
        raise ContentError(problems)
    return editions.apply(content, edition, local_qa, communes)
