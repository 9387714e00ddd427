"""Loudspeaker scripts as print: the reading script of each broadcast (A4, 16 pt, wide spacing,
numbered paragraphs, pauses marked, duration at the top, the hotline at the end, figures written as
they are read) and the weekly programme of each campaign period (one A4 page to pin up).

Every locale that shows a translation of a script gets its reading script (pdf/<locale>/phat-thanh-<id>.pdf):
its text, its figures read with the locale's words (the Vietnamese ones where it has none, noted on the
page), its duration at the locale's rate (the Vietnamese one where it has none, noted too). A script shown in
Vietnamese in a locale links to the Vietnamese file. The programmes: the default locale. Reproducible like the leaflets:
the only dates in a file come from the build's epoch; renders are cached by their inputs.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from markupsafe import Markup

from ...errors import BuildError
from ...pdf.glyphs import NotdefWatch
from ...pdf.resources import ThemeResources, font_alias
from ...pdf.tagging import write_options
from ...pdf.writer import page_count, write_file
from ...render.base import CheckInput, Checks, Download, Downloads, LocaleView, Page, RenderSettings
from ...render.cache import input_key, tree_hash
from ...render.pages import PageHelpers
from ...render.text import w3c_timestamp
from . import scripts as bc

A4 = (210.0, 297.0)


class BroadcastPdfOutput:
    """pdf/vi/phat-thanh-<id>.pdf for every script, pdf/vi/lich-phat-thanh-<period>.pdf for every period with scripts."""

    name = "broadcast-pdf"
    reuse_in_preview = True  # the quick pass keeps the last build's files (listed once, not twice)

    @staticmethod
    def check(given: CheckInput) -> Checks:
        """Scripts of 3–5 minutes (a release refuses others); periods without a script (a warning)."""
        return Checks(release_errors=tuple(bc.check_durations(given.content).items),
                      warnings=tuple(bc.check_programmes(given.content).items))

    def __init__(self, settings: RenderSettings):
        self.settings = settings
        self.resources = ThemeResources(settings.root)
        self.cache = settings.cache("broadcast")
        self.made = 0  # files rendered by this object (not taken from the cache)
        theme = settings.root / "theme"
        self.theme_hash = tree_hash(theme / "pdf", theme / "fonts") if self.cache else ""

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        content = view.content
        scripts = [b for b in content.broadcasts if bc.shown_in(view, b)]
        if not scripts:
            return []
        out_dir = Path(docs) / "pdf" / view.locale.id
        families = self.resources.families(view.locale)
        common = self._common(view, families)
        downloads = []
        for b in scripts:
            paragraphs = bc.spoken_paragraphs(content, b, view.locale)
            timing = bc.timing(content, b, view.locale, view.ui)
            values = dict(common, title=b.title, paragraphs=paragraphs, closing=bc.closing(content, view.ui, view.locale),
                          duration=bc.minutes_text(timing.minutes, view.ui), draft=b.editorial.is_draft,
                          syllables=timing.words, rate=f"{timing.per_second:.1f}".rstrip("0").rstrip(".").replace(".", ","),
                          notes=bc.notes(view, timing),
                          periods=", ".join(p.name for p in content.periods if p.id in b.periods))
            made = self.made
            data = self._pdf("broadcast.html.j2", values, families, b.title)
            downloads.append(self._write(out_dir, f"phat-thanh-{b.id}.pdf", data, b.id, "doc", "Bài đọc trên loa (A4, chữ lớn)",
                                         b.editorial.status, "broadcast", view.locale.id, A4, self.made > made))
        if not view.is_default:
            return downloads
        minutes: dict[str, str] = {}  # a script's duration, once (it is read aloud syllable by syllable)
        for period in content.periods:
            prog = bc.programme(content, period)
            if not any(prog.weeks):  # no script for this period (reported by the plan)
                continue
            for b in (b for week in prog.weeks for b in week if b.id not in minutes):
                minutes[b.id] = bc.minutes_text(bc.minutes(content, b))
            weeks = [[{"title": b.title, "voluntary": b.voluntary, "duration": minutes[b.id]} for b in week]
                     for week in prog.weeks]
            drafts = any(b.editorial.is_draft for week in prog.weeks for b in week)
            values = dict(common, title=f"Lịch phát thanh: {period.name}", weeks=weeks, days=prog.days,
                          per_week=content.settings.broadcasts_per_week,
                          voluntary=content.settings.voluntary_per_week if period.voluntary_focus else 0, draft=drafts)
            made = self.made
            data = self._pdf("programme.html.j2", values, families, period.name)
            downloads.append(self._write(out_dir, f"lich-phat-thanh-{period.id}.pdf", data, period.id, "lich",
                                         "Lịch phát thanh theo tuần (một trang A4 ngang)", "draft" if drafts else "approved",
                                         "broadcast-programme", view.locale.id, (A4[1], A4[0]), self.made > made))
        return downloads

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        return []

    def finish(self, downloads: list[Download], docs: Path) -> None:
        pass

    # ----------------------------------------------------------------------------------------

    def _common(self, view: LocaleView, families) -> dict:
        s = view.content.settings
        return {"org_name": s.org_name, "hotline": s.hotline.phone, "created": w3c_timestamp(self.settings.epoch),
                "as_of": f"{self.settings.today:%d/%m/%Y}", "lang": view.locale.lang, "notes": [],
                "t": PageHelpers(view).t, "font_stack": Markup(", ".join(f"'{font_alias(f)}'" for f in families))}

    def _pdf(self, template: str, values: dict, families, what: str) -> bytes:
        html = self.resources.templates.get_template(template).render(**values)
        key = input_key("broadcast", template, html, self.theme_hash, self.settings.epoch) if self.cache else None
        if key is not None:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError
        doc = HTML(string=html, base_url=self.resources.template_base_url, url_fetcher=self.resources.url_fetcher).render(
            stylesheets=self.resources.stylesheets(families, "broadcast.css"), font_config=self.resources.font_config)
        doc.metadata.created = doc.metadata.modified = w3c_timestamp(self.settings.epoch)
        with NotdefWatch() as watch:
            try:
                data = doc.write_pdf(**write_options(shop=False))  # tagged PDF/UA-1 (pdf/tagging.py)
            except FatalURLFetchingError as e:
                raise BuildError(str(e.__cause__ or e)) from e
        foreign = sorted({font.family for font in doc.fonts.values()} - {font_alias(f) for f in families})
        if foreign:  # only the theme's fonts, embedded: never a system font the printer lacks
            raise BuildError(f"Bài phát thanh “{what}” dùng phông chữ ngoài theme/fonts: {', '.join(foreign)}.")
        if watch.missing:
            raise BuildError(f"Bài phát thanh “{what}” có ký tự mà phông chữ không có: "
                             f"{', '.join(sorted(set(''.join(watch.missing))))}. Cách sửa: gõ lại đoạn có ký tự này.")
        self.made += 1
        if key is not None:
            self.cache.put(key, data)
        return data

    @staticmethod
    def _write(out_dir: Path, name: str, data: bytes, item: str, edition: str, label: str, status: str, kind: str,
               locale: str, size: tuple[float, float], fresh: bool = False) -> Download:
        write_file(out_dir / name, data)
        pages = page_count(data)  # read back from the file, cached or not
        return Download(item=item, locale=locale, edition=edition, label=label, path=f"pdf/{locale}/{name}",
                        page_width_mm=size[0], page_height_mm=size[1], pages=pages, bytes=len(data),
                        sha256=hashlib.sha256(data).hexdigest(), status=status, kind=kind, fresh=fresh)

