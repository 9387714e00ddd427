"""Share images: a 1200 × 630 PNG for the home page and for each leaflet, message and slogan, in
each locale that has the text (a Vietnamese fallback gets no image of its own), so that a link
shared in Zalo or Facebook shows a picture with the words (Open Graph tags: site/mkdocs_tree.py).

Why this path: the cards are HTML laid out by WeasyPrint, which already shapes Vietnamese, Khmer
and Tai Viet with HarfBuzz and the theme fonts for the leaflets, so no second text engine is
needed; each page of the one PDF (one layout pass for every card of a locale) is rasterised with
pypdfium2 (PDFium, maintained, wheels with no system dependency) and written by Pillow as an
optimised PNG. Images are cached by their inputs like the PDFs.
"""
from __future__ import annotations

import io
from pathlib import Path

from markupsafe import Markup

from ...locales.localize import DisplayState
from ...pdf.fontmetrics import bold_metrics
from ...pdf.linebreak import nowrap_words, title_markup
from ...pdf.raster import join_blobs, split_blobs
from ...pdf.resources import ThemeResources, font_alias
from ...render.base import Download, Downloads, LocaleView, Page, RenderSettings
from ...render.cache import input_key, tree_hash
from ...render.text import prepare_text, w3c_timestamp
from ...render.words import display_text, store_for

SHARE_DIR = "assets/share"
WIDTH, HEIGHT = 1200, 630
TITLE_PX = {"normal": 60, "long": 46}  # card.css h1, and `.long h1` for titles over LONG_TITLE characters
LONG_TITLE = 90
TITLE_WIDTH_PX = WIDTH - 2 * 72  # card.css: the card's side padding
KIND_WORDS = ("home", "leaflet", "message", "slogan", "hotline")  # the captions: interface strings share.<word>


def image_name(kind: str, ident: str) -> str:
    return f"{kind}-{ident}.png"


class ShareImagesOutput:
    """assets/share/<kind>-<id>.png of every locale (the pages find them by name)."""

    name = "share-images"
    reuse_in_preview = True  # the quick pass copies the last build's images; the full pass follows
    reused_paths = (SHARE_DIR,)

    def __init__(self, settings: RenderSettings):
        self.settings = settings
        self.resources = ThemeResources(settings.root)
        self.cache = settings.cache("share")
        self.words = store_for(settings.cache_dir)  # the segmenter's answers by text (render/words.py)
        theme = settings.root / "theme"
        self.theme_hash = tree_hash(theme / "share", theme / "fonts", theme / "assets") if self.cache else ""

    def cards(self, view: LocaleView) -> list[dict]:
        c = view.content
        shown = lambda kind, ident: view.is_default or view.states.get((kind, ident)) != DisplayState.FALLBACK  # noqa: E731
        out = [{"name": image_name("home", "index"), "kind": "home", "title": c.settings.theme,
                "subtitle": c.main_message.text if shown("message", c.main_message.id) else ""}]
        out += [{"name": image_name("leaflet", l.id), "kind": "leaflet", "title": l.title, "subtitle": l.subtitle
                 if "[[" not in l.subtitle else ""} for l in c.leaflets if shown("leaflet", l.id)]
        out += [{"name": image_name("message", m.id), "kind": "message", "title": m.text, "subtitle": ""}
                for m in c.messages if shown("message", m.id)]
        out += [{"name": image_name("slogan", s.id), "kind": "slogan", "title": s.text, "subtitle": ""}
                for s in c.slogans if shown("slogan", s.id)]
        return out

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        cards = self.cards(view)
        folder = Path(docs) / SHARE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in zip((c["name"] for c in cards), self.images(view, cards)):
            (folder / name).write_bytes(data)
        return []

    def images(self, view: LocaleView, cards: list[dict]) -> list[bytes]:
        html = self.card_html(view, cards)
        # keyed by the page with the project's folder left out (its theme/ files are in theme_hash): the same
        # cards in another checkout of the project find the cache
        key = input_key("share", html.replace(self.settings.root.resolve().as_uri(), "<project>"),
                        self.theme_hash) if self.cache else None
        if key is not None:
            cached = self.cache.get(key)
            if cached is not None:
                return split_blobs(cached)
        out = [_png(page) for page in _pages(self.cards_pdf(view, cards, html))]
        if len(out) != len(cards):
            from ...errors import BuildError
            raise BuildError(f"Ảnh chia sẻ ({view.locale.id}): {len(out)} trang cho {len(cards)} thẻ; một thẻ bị tràn sang trang sau.")
        if key is not None:
            self.cache.put(key, join_blobs(out))
        return out

    def cards_pdf(self, view: LocaleView, cards: list[dict], html: str | None = None) -> bytes:
        """The cards laid out, one page each (the PDF the images are drawn from; never published)."""
        return self._pdf(html or self.card_html(view, cards), self.resources.families(view.locale))

    def card_html(self, view: LocaleView, cards: list[dict]) -> str:
        """The HTML of a locale's cards: titles broken between words in balanced lines (card.html.j2)."""
        s = view.content.settings
        script = view.locale.script
        ui = {**view.content.ui, **view.ui}
        words = {w: ui[f"share.{w}"] for w in KIND_WORDS}  # translated like every interface string
        families = self.resources.families(view.locale)
        metrics = bold_metrics(self.resources, view.locale)

        def display(text: str):
            return display_text(text, view.locale.lang, script, self.words, s.display_words)

        def title(text: str):
            """The title's lines: between words, balanced, in the card's width at its size (card.css)."""
            size = TITLE_PX["long" if len(prepare_text(text, script)) > LONG_TITLE else "normal"]
            return title_markup(display(text), metrics, TITLE_WIDTH_PX * 0.97 / size)
        values = {
            "lang": view.locale.lang, "created": w3c_timestamp(self.settings.epoch),
            "font_stack": Markup(", ".join(f"'{font_alias(f)}'" for f in families)),
            "logo": (self.settings.root / s.logo).resolve().as_uri(), "org_name": prepare_text(s.org_name, script),
            "site_title": prepare_text(s.site_title, script), "hotline": s.hotline.phone, "hotline_label": words["hotline"],
            "cards": [{**c, "kind": words[c["kind"]], "title": prepare_text(c["title"], script),
                       "title_lines": title(c["title"]), "subtitle": nowrap_words(display(c["subtitle"]))} for c in cards],
        }
        return self.resources.share_templates.get_template("card.html.j2").render(**values)

    def _pdf(self, html: str, families) -> bytes:
        from weasyprint import HTML
        base = (self.resources.theme / "share").as_uri() + "/"
        doc = HTML(string=html, base_url=base, url_fetcher=self.resources.url_fetcher).render(
            stylesheets=self.resources.stylesheets(families, "card.css"), font_config=self.resources.font_config)
        doc.metadata.created = doc.metadata.modified = w3c_timestamp(self.settings.epoch)
        return doc.write_pdf()

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        return []

    def finish(self, downloads: list[Download], docs: Path) -> None:
        pass


def _pages(pdf: bytes):
    import pypdfium2 as pdfium
    document = pdfium.PdfDocument(pdf)
    try:
        for page in document:
            scale = WIDTH / page.get_width()
            yield page.render(scale=scale).to_pil().convert("RGB").resize((WIDTH, HEIGHT))
    finally:
        document.close()


def _png(image) -> bytes:
    """A small PNG quickly: a card is flat colours and anti-aliased text, which 64 colours keep
    (about 20 KB); Pillow's fast octree quantiser is 3× quicker than median cut, which made the
    cards the slowest part of a build."""
    from PIL import Image
    buf = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(buf, format="PNG")
    return buf.getvalue()
