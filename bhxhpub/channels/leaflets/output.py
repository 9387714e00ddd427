"""Print-ready PDF leaflets, rendered with WeasyPrint from the content model: the PDF output.

`PdfRenderer` implements the Output protocol of bhxhpub/render/base.py. It is made once per
build with RenderSettings; `render(view, docs)` writes every edition (editions.py) of every
leaflet of the view's content into docs/pdf/<locale>/ and returns the Downloads; `finish`
writes docs/pdf/manifest.json. The PDF output adds no site pages.

Everything a renderer needs comes from the content and the files in theme/: the templates and
CSS in theme/pdf/, the fonts in theme/fonts/ (resources.py). Drafts carry a "DỰ THẢO"
watermark; release builds pass content without drafts. Every printed word is an interface
string of the view's locale (labels.py), and the only date is `settings.epoch`.
"""
from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from ...errors import BuildError
from ...locales.localize import DisplayState
from ...model.types import Leaflet
from ...pdf import qr
from ...pdf.boxes import Overflow
from ...pdf.cmyk import svg_to_cmyk
from ...pdf.copyfit import read_copyfit
from ...pdf.fontmetrics import family_bold_metrics
from ...pdf.glyphs import check_coverage, printed_text
from ...pdf.linebreak import nowrap_words, title_markup
from ...pdf.measures import BLEED_MM, MARKS_MM, PT_PER_MM
from ...pdf.pdfx import shop_values
from ...pdf.preflight import preflight, preflight_message
from ...pdf.raster import join_blobs, leaflet_pictures, split_blobs
from ...pdf.resources import ThemeResources, font_alias
from ...pdf.writer import page_count, write_file
from ...render.base import Download, Downloads, LocaleView, Page, Rendered, RenderSettings
from ...render.cache import input_key, tree_hash
from ...render.words import store_for
from .context import leaflet_context
from .errors import TranslationOverflow, copyfit_warnings, coverage_error, overflow_error, too_large_error, unknown_format_error
from .formats import (
    BODY_PT,
    EDITIONS,
    MAX_BYTES,
    PANEL_SLOTS,
    QR_SYMBOL_MM,
    TITLE_BOX,
    TITLE_FILL,
    TRIFOLD_INSIDE,
    TRIFOLD_OUTSIDE,
    Edition,
    editions_for,
    imposed_from,
)
from .impose import impose_2up
from .labels import edition_label
from .layout import LayoutChoices, LeafletLayouts, lay_out_edition
from .manifest import write_manifest
from .writer import write_pdf

LOG = logging.getLogger(__name__)


class PdfRenderer:
    """The PDF leaflets of a build (one FontConfiguration and one theme, read once)."""

    name = "pdf"
    reuse_in_preview = True  # the live preview's quick pass keeps the last build's PDFs

    def __init__(self, settings: RenderSettings):
        self.settings = settings
        self.resources = ThemeResources(settings.root)
        self.cache = settings.cache("pdf")
        self.made = 0  # files rendered by this object (not taken from the cache)
        self.words = store_for(settings.cache_dir)  # the segmenter's answers by text (render/words.py)
        theme = settings.root / "theme"
        self.theme_hash = tree_hash(theme / "pdf", theme / "fonts", theme / "assets") if self.cache else ""

    # ----------------------------------------------------------------------------------------
    # Output protocol

    @staticmethod
    def printable(view: LocaleView) -> tuple[Leaflet, ...]:
        """The leaflets printed in a locale: in the default locale all of them; in another locale
        those shown in that language (a Vietnamese fallback is printed once, in Vietnamese)."""
        if view.is_default:
            return view.content.leaflets
        return tuple(l for l in view.content.leaflets if view.states.get(("leaflet", l.id)) != DisplayState.FALLBACK)

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        """Render every edition of every leaflet of `view.content` into docs/pdf/<locale>/.

        Raises BuildError (Vietnamese, naming the leaflet) when a leaflet does not fit its
        format, has a character the fonts cannot print, or the templates ask for a file outside
        theme/. Paths in the Downloads are relative to `docs` ("pdf/<locale>/<id>-<edition>.pdf").
        """
        locale = view.locale.id
        out_dir = Path(docs) / "pdf" / locale
        out_dir.mkdir(parents=True, exist_ok=True)
        downloads = Rendered()
        warnings = []
        for leaflet in sorted(self.printable(view), key=lambda item: item.id):
            unknown = [fmt for fmt in leaflet.formats if fmt not in EDITIONS]
            if unknown:
                raise unknown_format_error(leaflet, unknown[0])
            started = time.perf_counter()
            editions = editions_for(leaflet)
            made = self.made
            try:
                files = self.render_leaflet(view, leaflet, editions)
            except TranslationOverflow as too_long:
                if self.settings.release:  # a release prints every language it publishes, or stops
                    raise
                warnings.append(too_long.problem)  # a preview: this locale's files of the leaflet are left out
                continue
            for edition, data in zip(editions, files):
                if len(data) >= MAX_BYTES:
                    raise too_large_error(leaflet, edition, len(data))
                name = f"{leaflet.id}-{edition.id}.pdf"
                write_file(out_dir / name, data)
                fill = read_copyfit(data) if not edition.shop and not edition.impose else None
                downloads.append(Download(
                    item=leaflet.id, locale=locale, edition=edition.id, label=edition_label(view.ui, edition),
                    path=f"pdf/{locale}/{name}", page_width_mm=float(edition.width_mm),
                    page_height_mm=float(edition.height_mm), pages=edition.pages, bytes=len(data),
                    sha256=hashlib.sha256(data).hexdigest(), status=leaflet.editorial.status, fresh=self.made > made,
                    copyfit=fill.text() if fill else "", warnings=copyfit_warnings(leaflet, view, edition, fill)))
            LOG.info("PDF %s: %d bản trong %.2f s", leaflet.id, len(editions), time.perf_counter() - started)
            downloads += self.render_pictures(view, leaflet, editions[0], out_dir)
        return Rendered(downloads, warnings)

    def render_pictures(self, view: LocaleView, leaflet: Leaflet, edition: Edition, out_dir: Path) -> list[Download]:
        """The office edition's pages as JPEGs to send in chat groups (“Tải ảnh để gửi qua Zalo”)."""
        data = (out_dir / f"{leaflet.id}-{edition.id}.pdf").read_bytes()
        key = input_key("jpeg", hashlib.sha256(data).hexdigest()) if self.cache else None
        blob = self.cache.get(key) if key else None
        pictures = split_blobs(blob) if blob is not None else leaflet_pictures(data)
        if key and blob is None:
            self.cache.put(key, join_blobs(pictures))
        out = []
        for number, jpeg in enumerate(pictures, start=1):
            name = f"{leaflet.id}-anh-{number}.jpg"
            write_file(out_dir / name, jpeg)
            out.append(Download(
                item=leaflet.id, locale=view.locale.id, edition=f"anh-{number}", label=f"Ảnh trang {number}",
                path=f"pdf/{view.locale.id}/{name}", page_width_mm=float(edition.width_mm),
                page_height_mm=float(edition.height_mm), pages=1, bytes=len(jpeg),
                sha256=hashlib.sha256(jpeg).hexdigest(), status=leaflet.editorial.status, kind="leaflet-image"))
        return out

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        """The PDF output adds no pages: the site's leaflet pages list the downloads."""
        return []

    def finish(self, downloads: list[Download], docs: Path) -> None:
        """Write docs/pdf/manifest.json listing every PDF of the build (every locale, every output)."""
        write_manifest([d for d in downloads if d.path.endswith((".pdf", ".jpg"))], docs)  # every PDF and picture, with its kind

    def render_leaflet(self, view: LocaleView, leaflet: Leaflet, editions: list[Edition]) -> list[bytes]:
        """Every edition of one leaflet, from the cache when all of them are there under the key
        of their exact inputs (what the template values are made from: the leaflet, the settings,
        the facts, the main message, the interface words, the locale; the theme, the code, the
        date); otherwise all are rendered afresh, in a row, as a clean build does."""
        layouts = LeafletLayouts()
        if self.cache is None:
            self.made += len(editions)
            return [self.render_edition(view, leaflet, edition, layouts) for edition in editions]
        content = view.content
        main = next((m.text for m in content.messages if m.main), "")
        inputs = (leaflet, view.locale, dict(view.ui), content.settings, content.facts, main,  # not the project's folder:
                  self.settings.epoch, self.theme_hash)  # the PDF reads only theme/ files (the logo too), in theme_hash
        keys = [input_key("pdf", edition.id, *inputs) for edition in editions]
        cached = [self.cache.get(key) for key in keys]
        if all(data is not None for data in cached):
            return cached
        out = [self.render_edition(view, leaflet, edition, layouts) for edition in editions]
        self.made += len(out)
        for key, data in zip(keys, out):
            self.cache.put(key, data)
        return out

    # ----------------------------------------------------------------------------------------
    # One edition

    def render_edition(self, view: LocaleView, leaflet: Leaflet, edition: Edition,
                       layouts: LeafletLayouts | None = None) -> bytes:
        """One edition of one leaflet as PDF bytes (BuildError if it does not fit or cannot print).

        `layouts` is shared by the editions of one leaflet (in one locale) rendered in a row: the
        print-shop edition reuses the office edition's layout choices, the 2-up edition its PDF.
        """
        layouts = layouts if layouts is not None else LeafletLayouts()
        if edition.impose == "2up":
            base = imposed_from(edition)
            if base.id not in layouts.pdfs:
                self.render_edition(view, leaflet, base, layouts)
            names = (layouts.context or {}).get("edition_names", {})
            data = impose_2up(layouts.pdfs[base.id], edition.id, names.get(edition.id, ""))
            if page_count(data) != edition.pages:  # pragma: no cover - imposition error
                raise BuildError(f"Bản {edition.id} của “{leaflet.id}” có {page_count(data)} trang thay vì {edition.pages}.")
        else:
            families = self.resources.families(view.locale)
            document = self.lay_out(view, leaflet, edition, layouts)
            fill = layouts.fills.get(edition.id)
            data = write_pdf(document, edition, leaflet, families, self.settings.epoch,
                             identity=f"leaflet/{view.locale.id}/{leaflet.id}/{edition.id}", theme=self.resources.theme,
                             copyfit=fill.text() if fill else "", view=view)
            if edition.shop:  # every print-shop file passes the preflight, or the build stops
                findings = preflight(data)
                if findings:
                    raise BuildError(preflight_message(f"pdf/{view.locale.id}/{leaflet.id}-{edition.id}.pdf", findings))
        layouts.pdfs[edition.id] = data
        return data

    def lay_out(self, view: LocaleView, leaflet: Leaflet, edition: Edition, layouts: LeafletLayouts | None = None):
        """The laid-out WeasyPrint document of an edition that is not imposed (for inspection:
        its pages and boxes). Checks glyph coverage first, then searches the body size that fits."""
        families = self.resources.families(view.locale)
        layouts = layouts if layouts is not None else LeafletLayouts()
        if layouts.context is None:
            layouts.context = leaflet_context(view.content, leaflet, view.locale, view.ui, self.settings.root,
                                              self.settings.epoch, self.words)
        context = layouts.context
        # glyph coverage first: a clear message beats a page of empty boxes
        missing = check_coverage(self.resources.faces, families,
                                 printed_text(self.leaflet_html(edition, context, families)))
        if missing["regular"] or missing["bold"]:
            raise coverage_error(leaflet, families, missing, view)
        try:
            document = lay_out_edition(lambda choices: self.typeset(edition, context, families, choices), edition, layouts)
        except Overflow as overflow:
            translation = "" if view.is_default else f"leaflets/{leaflet.id}.{view.locale.id}.yaml"
            raise overflow_error(leaflet, edition, overflow, translation) from None
        if len(document.pages) != edition.pages:  # pragma: no cover - template error
            raise BuildError(f"Bản {edition.id} của “{leaflet.id}” có {len(document.pages)} trang thay vì {edition.pages}.")
        return document

    # ----------------------------------------------------------------------------------------
    # Templates and WeasyPrint

    def leaflet_html(self, edition: Edition, context: dict, families: tuple[str, ...],
                     choices: LayoutChoices | None = None) -> str:
        """The HTML of an edition (theme/pdf/<layout>.html.j2) with the given layout choices
        (default: the smallest body size, no spacer)."""
        from markupsafe import Markup
        choices = choices or LayoutChoices(body_pt=BODY_PT[edition.layout][-1])
        qr_mm = qr.printed_size_mm(context["url"], QR_SYMBOL_MM[edition.layout])
        qr_code = qr.qr_svg(context["url"], size_mm=qr_mm, title=f"{context['labels']['qr_alt']}: {context['url']}")
        shop = (shop_values(self.resources.theme, context["logo"], context["labels"]["logo_alt"]) if edition.shop
                else {"logo_svg": None})
        title_mm, title_pt = TITLE_BOX[edition.layout]
        title_lines = title_markup(context["title_display"], family_bold_metrics(self.resources, families),
                                   title_mm * TITLE_FILL / (title_pt / PT_PER_MM))
        values = dict(context, edition=edition, shop=edition.shop, title_pt=title_pt, title_lines=title_lines,
                      subtitle_words=nowrap_words(context["subtitle_display"]), bleed_mm=BLEED_MM, marks_mm=MARKS_MM,
                      panel_slot=PANEL_SLOTS[edition.layout] if context.get("slotted") else None,
                      outside=TRIFOLD_OUTSIDE, inside=TRIFOLD_INSIDE, **choices.values(), qr_mm=qr_mm,
                      qr_svg=Markup(svg_to_cmyk(qr_code) if edition.shop else qr_code), **shop,
                      font_stack=Markup(", ".join(f"'{font_alias(f)}'" for f in families)))
        return self.resources.templates.get_template(f"{edition.layout}.html.j2").render(**values)

    def typeset(self, edition: Edition, context: dict, families: tuple[str, ...], choices: LayoutChoices):
        """Lay out an edition's HTML with WeasyPrint (theme files only, the renderer's fonts)."""
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError
        html = self.leaflet_html(edition, context, families, choices)
        try:
            return HTML(string=html, base_url=self.resources.template_base_url,
                        url_fetcher=self.resources.url_fetcher).render(
                font_config=self.resources.font_config, stylesheets=self.resources.stylesheets(families, "leaflet.css"))
        except FatalURLFetchingError as e:
            cause = e.__cause__
            if isinstance(cause, BuildError):
                raise BuildError(str(cause)) from e
            raise BuildError(f"Không đọc được tài nguyên cho bản PDF: {cause or e}") from e
