"""Link previews: every page names a 1200 × 630 share image that exists; the cards shape
Vietnamese, Khmer and Tai Viet text; pages never load the images themselves."""
from __future__ import annotations

import io
import re
from datetime import date

import pytest
from PIL import Image

from bhxhpub.channels.share.images import ShareImagesOutput
from bhxhpub.pipeline.plan import load
from bhxhpub.render.base import LocaleView, RenderSettings
from tests.support import FIXTURES, ROOT

BASE = "https://tuyentruyen-bhxh.example.vn/"


def test_every_page_has_open_graph_tags_with_an_existing_1200_by_630_image(site_dir):
    pages = [p for p in site_dir.rglob("*.html") if p.name != "404.html"]
    seen = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        image = re.search(r'<meta property="og:image" content="([^"]+)"', html)
        assert image, page
        assert re.search(r'<meta property="og:title" content="[^"]+"', html) and 'name="twitter:card"' in html, page
        assert image.group(1).startswith(BASE), image.group(1)
        seen.add(image.group(1))
    for url in seen:
        path = site_dir / url.removeprefix(BASE)
        assert path.is_file(), url
        assert Image.open(path).size == (1200, 630)
    assert any("/leaflet-" in u for u in seen)  # a leaflet page shows its own card, not the home page's
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'<img[^>]+src="[^"]*assets/share/', home)  # for the preview only, never loaded by the page


@pytest.mark.parametrize("locale, fixture", [("khmer", "khmer_sample.txt"), ("thai", "taiviet_sample.txt")])
def test_cards_in_khmer_and_tai_viet_are_drawn_with_their_script_fonts(locale, fixture, tmp_path):
    content = load(ROOT)
    loc = next(l for l in content.settings.locales if l.id == locale)
    out = ShareImagesOutput(RenderSettings(root=ROOT, release=False, today=date(2026, 5, 27), epoch=1779840000, cache_dir=None))
    text = (FIXTURES / fixture).read_text(encoding="utf-8").split("\n")[0]
    view = LocaleView(locale=loc, content=content, ui=content.ui, states={}, default_locale="vi", prefix=f"{locale}/")
    card = out.images(view, [{"name": "x.png", "kind": "slogan", "title": text[:50], "subtitle": ""}])[0]
    image = Image.open(io.BytesIO(card))
    assert image.size == (1200, 630)
    blank = out.images(view, [{"name": "y.png", "kind": "slogan", "title": "", "subtitle": ""}])[0]
    assert card != blank  # the title was drawn (missing glyphs raise in WeasyPrint's checks elsewhere)


def test_three_share_images_open_in_the_browser_at_1200_by_630(page, server):
    for path in ("/assets/share/home-index.png", "/khmer/assets/share/home-index.png", "/thai/assets/share/home-index.png"):
        page.goto(server + path)
        size = page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
        assert size == [1200, 630], path


def test_each_leaflet_has_pictures_for_chat_groups_linked_from_its_page(site_dir):
    import json
    manifest = json.loads((site_dir / "pdf" / "manifest.json").read_text(encoding="utf-8"))
    pictures = [r for r in manifest["files"] if r["kind"] == "leaflet-image" and r["locale"] == "vi"]
    leaflets = {r["leaflet"] for r in manifest["files"] if r["kind"] == "leaflet" and r["locale"] == "vi"}
    assert {r["leaflet"] for r in pictures} == leaflets
    for r in pictures:
        path = site_dir / r["path"]
        assert path.stat().st_size == r["bytes"] <= 300 * 1024
        image = Image.open(path)
        assert image.format == "JPEG" and max(image.size) >= 1200  # readable on a phone
    page = (site_dir / "to-roi" / "vi-sao-khong-nen-nhan-bhxh-mot-lan" / "index.html").read_text(encoding="utf-8")
    assert "Tải ảnh để gửi qua Zalo" in page and "vi-sao-khong-nen-nhan-bhxh-mot-lan-anh-1.jpg" in page
