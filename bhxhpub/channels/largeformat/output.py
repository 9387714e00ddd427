"""Banners, pennants and posters: print-shop PDFs (PDF/X-4) from slogans, messages and facts.

`LargeFormatOutput` implements the Output protocol. For each size of content/settings.yaml
`large_format` (data: places differ) it writes, in every locale that shows the text:

- kind banner / pennant: one file per slogan, `pdf/<locale>/<slogan-id>-<size-id>.pdf`, the slogan
  as large as it fits (signfit.py: measured with the font's metrics, balanced lines, line pitch
  from the glyphs so stacked marks never touch), the organisation's mark and name, the campaign
  theme as a small line, BHXH blue from edge to edge (3 mm into the bleed);
- kind poster: one file per message (the message, its explanation shortened by whole sentences
  to what fits, the hotline, a QR code to the message on the site) and one poster of the
  voluntary-insurance contribution table, computed from the facts like the leaflets' table.

A slogan or message that cannot be set with capitals of at least `min_letter_mm` is an error
naming it and the size. Sizes whose page would exceed PDF's 5.08 m limit (Acrobat's 200 inches)
are drawn at 1:10 with /UserUnit 10 on every page, so the file still says its real size.
Drafts carry the "DỰ THẢO" watermark; a release has no drafts. Every file passes the preflight.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ...errors import BuildError
from ...locales.localize import DisplayState
from ...model.facts import TABLE_FACTS
from ...model.settings import PrintSize
from ...model.types import Message, Slogan
from ...pdf import qr
from ...pdf.boxes import Overflow, check_frames, find, text_lines
from ...pdf.cmyk import svg_to_cmyk
from ...pdf.fontmetrics import bold_metrics
from ...pdf.measures import BLEED_MM, MARKS_MM, PX_PER_MM
from ...pdf.pdfx import print_shop_finisher, shop_values
from ...pdf.preflight import preflight, preflight_message
from ...pdf.resources import ThemeResources, font_alias
from ...pdf.tagging import write_options
from ...pdf.writer import write_file
from ...render.base import CheckInput, Checks, Download, Downloads, LocaleView, Page, RenderSettings
from ...render.cache import input_key, tree_hash
from ...render.labels import printed_labels
from ...render.text import contribution_table, prepare_text, w3c_timestamp
from ...render.words import Display, store_for
from .fit import (
    FIX_TOO_SMALL,
    MAX_LINES,
    POSTER_BAND,
    Sheet,
    TooSmall,
    check_large_format,
    file_name,
    fit_readable,
    item_fit,
    poster_message_box,
    sign_layout,
    sign_text,
)
from .signfit import Fit

LOG = logging.getLogger(__name__)

TABLE_POSTER = "bang-muc-dong-bhxh-tu-nguyen"
SENTENCE = re.compile(r"(?<=[.!?…;])\s+")


class LargeFormatOutput:
    """Banners, pennants and posters of every locale (see the module docstring)."""

    name = "large-format"
    reuse_in_preview = True  # the quick pass keeps the last files (a leaflet edit never changes them)

    @staticmethod
    def check(given: CheckInput) -> Checks:
        """Every slogan and message readable at every listed size (an error); a translation that is
        not gets no file in its locale (a warning)."""
        unreadable, long_translations = check_large_format(given.root, given.views, given.cache_dir,
                                                                given.cache_read_only)
        return Checks(errors=tuple(unreadable.items), warnings=tuple(long_translations.items))

    def __init__(self, settings: RenderSettings):
        self.settings = settings
        self.resources = ThemeResources(settings.root)
        self.cache = settings.cache("large")
        self.made = 0  # files rendered by this object (not taken from the cache)
        self.words = store_for(settings.cache_dir)  # the segmenter's answers by text (render/words.py)
        theme = settings.root / "theme"
        self.theme_hash = tree_hash(theme / "pdf", theme / "fonts", theme / "assets") if self.cache else ""

    # ----------------------------------------------------------------------------------------
    # Output protocol

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        out_dir = Path(docs) / "pdf" / view.locale.id
        out_dir.mkdir(parents=True, exist_ok=True)
        downloads = []
        keys = self.view_key(view) if self.cache is not None else None
        for kind, item, size, obj in self.jobs(view):
            made = self.made
            data = self.cached(view, kind, item, size, obj, keys)
            name = file_name(item, size)
            write_file(out_dir / name, data)
            status = obj.editorial.status if obj is not None else self.table_status(view)
            downloads.append(Download(
                item=item, locale=view.locale.id, edition=size.id, label=size.name, path=f"pdf/{view.locale.id}/{name}",
                page_width_mm=float(size.width_mm), page_height_mm=float(size.height_mm), pages=1, bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(), status=status, kind=kind, fresh=self.made > made))
        return downloads

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        return []  # the print page (site/pages.py) lists these files by kind

    def finish(self, downloads: list[Download], docs: Path) -> None:
        pass  # the PDF output's manifest lists every PDF, these included

    # ----------------------------------------------------------------------------------------

    def jobs(self, view: LocaleView) -> list[tuple[str, str, PrintSize, object]]:
        """(kind, item id, size, item) of every file of a locale: each slogan shown in the locale at
        each banner and pennant size, each message and the contribution table at each poster size.
        A translation too long for a size is left out (the plan warned about it)."""
        content = view.content
        shown = lambda kind, ident: view.is_default or view.states.get((kind, ident)) != DisplayState.FALLBACK  # noqa: E731
        jobs: list[tuple[str, str, PrintSize, object]] = []
        for size in content.settings.large_format:
            if size.kind in ("banner", "pennant"):
                jobs += [(size.kind, s.id, size, s) for s in content.slogans if shown("slogan", s.id)]
            else:
                jobs += [("poster", m.id, size, m) for m in content.messages if shown("message", m.id)]
                if all(fid in content.facts for fid in TABLE_FACTS):  # a release leaves draft facts out
                    jobs.append(("poster", TABLE_POSTER, size, None))
        return [job for job in jobs if job[3] is None or view.is_default or self.readable(view, job[0], job[3], job[2])]

    def readable(self, view: LocaleView, kind: str, obj, size: PrintSize) -> bool:
        try:
            item_fit(self.resources, view, kind, obj.text, size, self.words)
        except TooSmall:
            return False
        return True

    @staticmethod
    def table_status(view: LocaleView) -> str:
        from ...model.facts import contribution_table as compute
        facts = compute(view.content).facts
        return "draft" if any(f.editorial.is_draft for f in facts) else "approved"

    def view_key(self, view: LocaleView) -> tuple[str, str]:
        """What every file of a locale depends on, hashed once per locale (hashing the settings and
        the interface words for each of 60 files took 0.3 s): (common key, key of the facts)."""
        content = view.content
        common = input_key("large-view", view.locale, dict(view.ui), content.settings,  # the logo is a theme/ file
                           self.settings.epoch, self.theme_hash, self.settings.release)
        return common, input_key("large-facts", content.facts)

    def cached(self, view: LocaleView, kind: str, item: str, size: PrintSize, obj,
               keys: tuple[str, str] | None = None) -> bytes:
        key = None
        if self.cache is not None:
            common, facts = keys or self.view_key(view)
            key = input_key("large", common, kind, item, size, obj, facts if obj is None else None)
            data = self.cache.get(key)
            if data is not None:
                return data
        data = self.make(view, kind, item, size, obj)
        self.made += 1
        if key is not None:
            self.cache.put(key, data)
        return data

    def make(self, view: LocaleView, kind: str, item: str, size: PrintSize, obj) -> bytes:
        """One file's PDF bytes (BuildError if it does not fit or fails the preflight)."""
        document, _ = self.document(view, kind, item, size, obj)
        data = self.write(document, view, item, Sheet.of(size))
        findings = preflight(data)
        if findings:
            raise BuildError(preflight_message(f"pdf/{view.locale.id}/{file_name(item, size)}", findings))
        return data

    def final_html(self, view: LocaleView, kind: str, item: str, size: PrintSize, obj) -> str:
        """The HTML a file is finally laid out from (the benchmark gives it to the peer's CLI)."""
        return self.resources.templates.get_template("large.html.j2").render(**self.document(view, kind, item, size, obj)[1])

    def document(self, view: LocaleView, kind: str, item: str, size: PrintSize, obj):
        """(laid-out document, template values) of one file."""
        sheet = Sheet.of(size)
        values = self.common_values(view, sheet, kind, item)
        if kind in ("banner", "pennant"):
            values.update(self.sign_values(view, sheet, obj))
            document = self.lay_out(view, values)
            document = self.refit_lines(view, values, document)
        elif obj is None:
            values.update(self.table_values(view, sheet))
            document = self.lay_out(view, values)
            self.check_one_page(document, item, size)
        else:
            document = self.poster_document(view, sheet, obj, values)
        return document, values

    # ----------------------------------------------------------------------------------------
    # Template values

    def common_values(self, view: LocaleView, sheet: Sheet, kind: str, item: str) -> dict:
        s = view.content.settings
        script = view.locale.script
        families = self.resources.families(view.locale)
        logo = (self.settings.root / s.logo).resolve().as_uri() if s.logo else None
        labels = printed_labels(view.ui)
        return {
            "lang": view.locale.lang, "script": script, "kind": kind, "item": item, "created": w3c_timestamp(self.settings.epoch),
            "W": sheet.width, "H": sheet.height, "M": sheet.margin, "scale": sheet.scale,
            "bleed_mm": sheet.mm(BLEED_MM), "marks_mm": sheet.mm(MARKS_MM),
            "font_stack": Markup(", ".join(f"'{font_alias(f)}'" for f in families)),
            "org_name": prepare_text(s.org_name, script), "theme": prepare_text(s.theme, script), "year": s.year,
            "hotline": s.hotline.phone, "labels": labels, "size_name": sheet.size.name,
            "org_short": prepare_text(s.org_short, script), "subject": prepare_text(s.theme, script),
            "edition": f"{sheet.size.id}: {sheet.size.name}",
            **shop_values(self.resources.theme, logo, labels["logo_alt"]),
        }

    def metrics(self, view: LocaleView):
        return bold_metrics(self.resources, view.locale)

    def fitted(self, view: LocaleView, text: Display, box: tuple, lines: int, sheet: Sheet, what: str) -> Fit:
        """The text set as large as it fits the box (design mm); BuildError below the readable size
        (the plan refuses that earlier with the file and line: check_large_format)."""
        try:
            return fit_readable(text, self.metrics(view), box, lines, sheet)
        except TooSmall as small:
            raise BuildError(f"{what}: {small}\n    → Cách sửa: {FIX_TOO_SMALL}") from None

    @staticmethod
    def placed(fit: Fit, metrics, box: tuple[float, float, float, float]) -> dict:
        """Where the text block goes so that its glyphs (not its line boxes) are centred in box."""
        x, y, w, h = box
        upm = metrics.units_per_em
        half_leading = (fit.pitch_em - (metrics.ascent + metrics.descent) / upm) / 2
        first_top = half_leading + metrics.ascent / upm - fit.top_em  # line box top → first glyph top (em)
        top = y + (h - fit.block_em * fit.font_mm) / 2 - first_top * fit.font_mm
        return {"lines": list(fit.lines), "font_mm": fit.font_mm, "pitch_em": fit.pitch_em,
                "x": x, "y": top, "w": w, "box": box}

    def sign_values(self, view: LocaleView, sheet: Sheet, slogan: Slogan) -> dict:
        text = sign_text(view, slogan.text, self.words)
        parts = sign_layout(sheet)
        fit = self.fitted(view, text, parts["box"], MAX_LINES[sheet.size.kind], sheet, f"Khẩu hiệu “{slogan.id}”")
        return {"title": text.text, "draft": slogan.editorial.is_draft, "logo_box": parts["logo"], "small_mm": parts["small"],
                "top_line": parts["top_line"], "bottom_line": parts["bottom_line"],
                "slogan": self.placed(fit, self.metrics(view), parts["box"])}

    def refit_lines(self, view: LocaleView, values: dict, document):
        """Measured widths can differ from shaped ones (kerning, complex scripts): if a laid-out
        line is wider than its box, shrink by the measured ratio and lay out once more."""
        box_w = values["slogan"]["w"] * PX_PER_MM
        widest = max((line.width for b in find(document.pages[0]._page_box, "data-slogan")
                      for line in text_lines(b)), default=0.0)
        if widest <= box_w + 0.5:
            return document
        ratio = box_w / widest * 0.995
        values["slogan"] = dict(values["slogan"], font_mm=values["slogan"]["font_mm"] * ratio)
        return self.lay_out(view, values)

    def poster_document(self, view: LocaleView, sheet: Sheet, message: Message, values: dict):
        script = view.locale.script
        W, H, M = sheet.width, sheet.height, sheet.margin
        inner = W - 2 * M
        band = POSTER_BAND * H
        text = sign_text(view, message.text, self.words)
        footer_h = 0.2 * H
        box = poster_message_box(sheet)
        if not message.explanation.strip():  # the message alone: all the room above the footer, centred
            box = (box[0], box[1], box[2], H - M - footer_h - 0.05 * H - box[1])
        fit = self.fitted(view, text, box, MAX_LINES["poster"], sheet, f"Thông điệp “{message.id}”")
        height = fit.block_em * fit.font_mm if message.explanation.strip() else box[3]  # else top-aligned
        placed = self.placed(fit, self.metrics(view), (box[0], box[1], box[2], height))
        expl_top = box[1] + fit.block_em * fit.font_mm + 0.035 * H
        body_mm = W * 0.026  # A3: 7.7 mm (22 pt), read from one or two metres
        url = qr.leaflet_url(view.content.settings, _MessageTarget(message.id), view.locale.id)
        qr_mm = 0.16 * W
        labels = values["labels"]
        values.update({
            "title": text.text, "subject": prepare_text(message.explanation, script) or values["subject"],
            "draft": message.editorial.is_draft, "band": band, "slogan": placed, "kind_label": labels["poster_message"],
            "body_mm": body_mm, "expl_box": (M, expl_top, inner, H - M - footer_h - 0.03 * H - expl_top),
            "footer": (M, H - M - footer_h, inner, footer_h), "qr_mm": qr_mm,
            "qr_svg": Markup(svg_to_cmyk(qr.qr_svg(url, size_mm=qr_mm, title=f"{labels['qr_alt']}: {url}"))), "url_display": url.split("://", 1)[-1],
        })
        sentences = [s for s in SENTENCE.split(prepare_text(message.explanation, script)) if s.strip()]
        keep = len(sentences)
        while True:
            shown = " ".join(sentences[:keep])
            values["explanation"] = shown + (" …" if keep < len(sentences) else "")
            values["shortened"] = keep < len(sentences)
            document = self.lay_out(view, values)
            try:
                check_frames(document)
                return document
            except Overflow:
                if keep == 0:
                    raise BuildError(f"Áp phích “{message.id}” ({sheet.size.name}): thông điệp không để lại chỗ cho phần chân "
                                     "(tổng đài, mã QR). → Cách sửa: rút gọn thông điệp hoặc chọn khổ lớn hơn.") from None
                keep -= 1

    def table_values(self, view: LocaleView, sheet: Sheet) -> dict:
        W, H, M = sheet.width, sheet.height, sheet.margin
        labels = printed_labels(view.ui)
        table = contribution_table(view.content, view.locale.id, view.locale.script, labels)
        from ...model.facts import contribution_table as compute
        facts = compute(view.content).facts
        sources = sorted({prepare_text(f.source, view.locale.script) for f in facts})
        url = view.content.settings.base_url + ("" if view.is_default else f"{view.locale.id}/") + "so-lieu/"
        qr_mm = 0.16 * W
        footer_h = 0.2 * H
        return {"draft": any(f.editorial.is_draft for f in facts), "table": table, "sources": sources,
                "band": 0.12 * H, "kind_label": labels["poster_table"], "title": labels["poster_table_title"],
                "body_mm": (W - 2 * M) * 0.021, "footer": (M, H - M - footer_h, W - 2 * M, footer_h),
                "table_box": (M, 0.12 * H + 0.04 * H, W - 2 * M, H - M - footer_h - 0.03 * H - 0.16 * H),
                "qr_mm": qr_mm, "qr_svg": Markup(svg_to_cmyk(qr.qr_svg(url, size_mm=qr_mm, title=f"{labels['qr_alt']}: {url}"))),
                "url_display": url.split("://", 1)[-1]}

    # ----------------------------------------------------------------------------------------
    # WeasyPrint

    def lay_out(self, view: LocaleView, values: dict):
        from weasyprint import HTML
        html = self.resources.templates.get_template("large.html.j2").render(**values)
        families = self.resources.families(view.locale)
        return HTML(string=html, base_url=self.resources.template_base_url, url_fetcher=self.resources.url_fetcher).render(
            font_config=self.resources.font_config, stylesheets=self.resources.stylesheets(families, "large.css"))

    @staticmethod
    def check_one_page(document, item: str, size: PrintSize) -> None:
        if len(document.pages) != 1:
            raise BuildError(f"“{item}” ({size.name}) tràn sang {len(document.pages)} trang. → Cách sửa: chọn khổ lớn hơn.")
        try:
            check_frames(document)
        except Overflow as overflow:
            raise BuildError(f"“{item}” ({size.name}): phần “{overflow.where}” tràn {overflow.mm * 1:.0f} mm. "
                             "→ Cách sửa: chọn khổ lớn hơn hoặc bớt mức thu nhập minh họa.") from None

    def write(self, document, view: LocaleView, item: str, sheet: Sheet) -> bytes:
        document.metadata.created = document.metadata.modified = w3c_timestamp(self.settings.epoch)
        finish = print_shop_finisher(f"{sheet.size.kind}/{view.locale.id}/{item}/{sheet.size.id}",
                                     sheet.mm(BLEED_MM), sheet.mm(MARKS_MM), theme=self.resources.theme)

        def finisher(doc, pdf):
            finish(doc, pdf)
            if sheet.scale != 1:
                import pydyf
                for obj in pdf.objects:
                    if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page":
                        obj["UserUnit"] = sheet.scale
        return document.write_pdf(**write_options(True, finisher))  # PDF/X-4, tagged (pdf/tagging.py)


@dataclass(frozen=True)
class _MessageTarget:
    """What qr.leaflet_url needs to address a message on the messages page."""

    id: str

    @property
    def url_path(self) -> str:
        return f"thong-diep/#{self.id}"


__all__ = ["LargeFormatOutput"]
