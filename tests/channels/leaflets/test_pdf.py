"""Print-ready PDF leaflets: real PDFs from the real content, checked with the tools a print
shop or an office would use (pypdf boxes, pdffonts, pdftotext, pdftoppm + zbarimg)."""
from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bhxhpub.channels.leaflets import formats as editions
from bhxhpub.channels.leaflets import labels, writer
from bhxhpub.channels.leaflets.output import PdfRenderer  # noqa: E402
from bhxhpub.errors import BuildError  # noqa: E402
from bhxhpub.model.types import LEAFLET_FORMATS, Editorial, Section  # noqa: E402
from bhxhpub.pdf import qr  # noqa: E402
from bhxhpub.pdf.resources import ThemeResources, ThemeURLFetcher  # noqa: E402
from bhxhpub.pipeline.plan import load  # noqa: E402
from bhxhpub.render import labels as printed_words
from bhxhpub.render.base import LocaleView, RenderSettings  # noqa: E402
from bhxhpub.rules.timeline import resolve_content  # noqa: E402
from tests.support import ROOT

pytestmark = pytest.mark.build  # renders real PDFs

MM = 72 / 25.4
EPOCH = 1779840000
BUILD_DAY = date(2026, 5, 27)  # the day of EPOCH

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                   reason="poppler-utils not installed")
needs_zbar = pytest.mark.skipif(not shutil.which("zbarimg") or not shutil.which("pdftoppm"),
                                reason="zbarimg/pdftoppm not installed")

# ------------------------------------------------------------------------------------------
# Content: the real project. If it does not load, the tests fail with the loader's message.


@pytest.fixture(scope="session")
def content():
    return resolve_content(load(ROOT), BUILD_DAY)[0]  # facts as of a build day, as a build resolves them


def _view(content, locale: str | None = None) -> LocaleView:
    """The view the pipeline gives the renderer for a locale of `content` (its own ui strings)."""
    default = content.settings.default_locale
    loc = next(l for l in content.settings.locales if l.id == (locale or default))
    return LocaleView(loc, content, content.ui, {}, default, "" if loc.id == default else f"{loc.id}/")


def _renderer(root: Path = ROOT, epoch: int = EPOCH) -> PdfRenderer:
    return PdfRenderer(RenderSettings(root=Path(root), release=False, today=date(2026, 5, 20), epoch=epoch))


def render_pdfs(content, root: Path, docs: Path, locale: str | None = None, epoch: int = EPOCH):
    """Every edition of every leaflet of `content` into docs/pdf/<locale>/, as a build does (the PDFs;
    the JPEG pictures made beside them are left out)."""
    return [d for d in _renderer(root, epoch).render(_view(content, locale), docs) if d.kind == "leaflet"]


@pytest.fixture(scope="session")
def rendered(built):
    """Every edition of every leaflet in Vietnamese, as the session's shared build wrote them."""
    return built.site, [f for f in built.pdfs if f.locale == "vi" and f.kind == "leaflet"]


def _leaflet(content, fmt: str, table: bool | None = None):
    for l in sorted(content.leaflets, key=lambda l: l.id):
        has_table = any(s.table == "contribution" for s in l.sections)
        if fmt in l.formats and (table is None or has_table == table):
            return l
    pytest.fail(f"no leaflet with format {fmt} (table={table}) in the content")


def _file(rendered, leaflet_id: str, edition: str) -> Path:
    site, files = rendered
    f = next(f for f in files if f.item == leaflet_id and f.edition == edition)
    return site / f.path


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120).stdout


def _words(path: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) in points from the top-left of the MediaBox."""
    out = _run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-")
    return [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out)]


def _boxes(path: Path, page: int = 0) -> dict[str, list[float]]:
    from pypdf import PdfReader
    p = PdfReader(str(path)).pages[page]
    return {name: [float(v) for v in p[f"/{name}"]] for name in ("MediaBox", "TrimBox", "BleedBox") if f"/{name}" in p}


def _size_mm(box) -> tuple[float, float]:
    return (box[2] - box[0]) / MM, (box[3] - box[1]) / MM


def _trim_offset(path: Path, page: int = 0) -> tuple[float, float, float, float]:
    """Trim box in pdftotext coordinates (points from the MediaBox's top-left): x0, y0, x1, y1."""
    b = _boxes(path, page)
    media, trim = b["MediaBox"], b.get("TrimBox", b["MediaBox"])
    return (trim[0] - media[0], media[3] - trim[3], trim[2] - media[0], media[3] - trim[1])


def _phrase_boxes(words, phrase: str):
    """Boxes of the words of `phrase` (consecutive), or [] if not found."""
    target = phrase.split()
    texts = [w[4] for w in words]
    for i in range(len(texts) - len(target) + 1):
        if texts[i:i + len(target)] == target:
            return words[i:i + len(target)]
    return []


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ------------------------------------------------------------------------------------------
# Editions, files, manifest


def test_every_leaflet_has_its_editions_and_the_manifest_lists_them(content, rendered):
    site, files = rendered
    expected = set()
    for l in content.leaflets:
        for fmt in l.formats:
            eds = {"a5": ("a5", "a5-2up", "a5-nha-in"), "trifold": ("gap-ba", "gap-ba-nha-in")}[fmt]
            expected |= {(l.id, e) for e in eds}
    assert {(f.item, f.edition) for f in files} == expected
    assert any(f.edition == "a5-2up" for f in files) and any(f.edition == "gap-ba" for f in files)

    manifest = json.loads((site / "pdf" / "manifest.json").read_text(encoding="utf-8"))
    rows = [r for r in manifest["files"] if r["locale"] == "vi" and r["kind"] == "leaflet"]  # every locale, every kind
    assert [(r["leaflet"], r["edition"]) for r in rows] == sorted((f.item, f.edition) for f in files)
    others = [r for r in manifest["files"] if r["locale"] != "vi" and r["kind"] == "leaflet"]
    assert others and all(r["path"] == f"{r['locale']}/pdf/{r['locale']}/{r['leaflet']}-{r['edition']}.pdf" for r in others)
    assert all((site / r["path"]).is_file() for r in others)
    for r in rows:
        path = site / r["path"]
        data = path.read_bytes()
        assert r["path"] == f"pdf/vi/{r['leaflet']}-{r['edition']}.pdf"
        assert r["bytes"] == len(data) < 1_000_000
        assert r["sha256"] == hashlib.sha256(data).hexdigest()
        assert r["pages"] == 2 and r["locale"] == "vi"
        assert r["status"] == content.leaflet(r["leaflet"]).editorial.status
        assert {"page_width_mm", "page_height_mm", "label"} <= set(r)
        assert r["bleed_mm"] == (3.0 if r["edition"].endswith("nha-in") else 0.0)
        assert data.startswith(b"%PDF-")
    text = (site / "pdf" / "manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    two_up = next(f for f in files if f.edition == "a5-2up")
    assert "2 tờ A5 trên giấy A4" in two_up.label


def test_every_leaflet_format_has_editions():
    """One list of formats: the loader validates against it, the catalogue has editions for each."""
    assert set(editions.EDITIONS) == set(LEAFLET_FORMATS)
    for fmt in LEAFLET_FORMATS:
        eds = editions.EDITIONS[fmt]
        assert eds and all(e.layout == fmt for e in eds), fmt
        assert any(not e.shop and not e.impose for e in eds), fmt  # an office edition to impose from
    ids = [e.id for e in editions.all_editions()]
    assert len(ids) == len(set(ids))


def test_pdf_words_come_from_the_ui_strings(content):
    """Every word the PDFs print or list is a key of content/ui.yaml; nothing is copied in Python."""
    missing = [k for k in labels.used_keys() if not str(content.ui.get(k, "")).strip()]
    assert not missing, f"content/ui.yaml lacks {missing}"
    ui = dict(content.ui, **{"pdf.hotline": "Hotline", "draft.badge": "Draft", "sources.title": "Sources:",
                             "pdf.edition_a5-2up": "Office copy"})
    words = printed_words.printed_labels(ui)
    assert words["hotline"] == "Hotline" and words["draft"] == "DRAFT" and words["sources"] == "Sources"
    assert labels.edition_label(ui, editions.EDITIONS["a5"][1]) == "Office copy"
    assert printed_words.kind_label(content.ui, "to-gap") == content.ui["pdf.kind_to-gap"]
    del ui["pdf.qr"]
    with pytest.raises(BuildError, match="pdf.qr"):
        printed_words.printed_labels(ui)


def test_page_sizes_and_print_shop_boxes(content, rendered):
    a5 = _leaflet(content, "a5").id
    tri = _leaflet(content, "trifold").id
    for lid, edition, size in ((a5, "a5", (148, 210)), (a5, "a5-2up", (297, 210)), (tri, "gap-ba", (297, 210))):
        path = _file(rendered, lid, edition)
        for page in (0, 1):
            w, h = _size_mm(_boxes(path, page)["MediaBox"])
            assert (round(w, 1), round(h, 1)) == size, (edition, page)
    for lid, edition, size in ((a5, "a5-nha-in", (148, 210)), (tri, "gap-ba-nha-in", (297, 210))):
        path = _file(rendered, lid, edition)
        for page in (0, 1):
            b = _boxes(path, page)
            mw, mh = _size_mm(b["MediaBox"])
            assert mw >= size[0] + 2 * 8 and mh >= size[1] + 2 * 8, "room for bleed and marks"
            tw, th = _size_mm(b["TrimBox"])
            assert (round(tw, 1), round(th, 1)) == size
            bleed = [(t - bl) * s / MM for t, bl, s in zip(b["TrimBox"], b["BleedBox"], (1, 1, -1, -1))]
            assert all(abs(x - 3.0) < 0.05 for x in bleed), bleed


@needs_poppler
def test_every_font_is_embedded(rendered):
    site, files = rendered
    for f in files:
        out = _run("pdffonts", str(site / f.path)).splitlines()[2:]
        assert out, f.path
        for line in out:
            cols = line.split()
            # name type... encoding emb sub uni object ID: emb is the 5th column from the end
            assert cols[-5] == "yes", (f.path, line)
            assert "Noto" in cols[0], (f.path, line)


@needs_poppler
def test_vietnamese_title_is_extractable_exactly(content, rendered):
    site, files = rendered
    for f in files:
        leaflet = content.leaflet(f.item)
        text = _clean(_run("pdftotext", "-f", "1", "-l", "1", str(site / f.path), "-"))
        assert _clean(leaflet.title) in text, (f.path, leaflet.title)
        if f.edition == "a5-2up":
            assert text.count(_clean(leaflet.title)) == 2


def _decode_qr(path: Path, page: int, tmp_path: Path) -> list[str]:
    prefix = tmp_path / f"{path.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-gray", "-f", str(page), "-l", str(page), str(path), str(prefix)],
                   check=True, timeout=120)
    png = next(tmp_path.glob(f"{prefix.name}*.png"))
    res = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                         capture_output=True, text=True, timeout=120)
    return [line for line in res.stdout.splitlines() if line]


@needs_zbar
def test_qr_code_decodes_to_the_leaflet_url(content, rendered, tmp_path):
    site, files = rendered
    # contacts and QR: back of the A5 (page 2), outside of the tri-fold (page 1); every leaflet's
    # URL is checked, and one file of each edition is decoded (each edition lays the code out its own way)
    decoded = {}
    for f in files:
        leaflet = content.leaflet(f.item)
        url = content.settings.base_url + leaflet.url_path
        assert url == qr.leaflet_url(content.settings, leaflet, "vi")
        if f.edition in decoded:
            continue
        decoded[f.edition] = f.path
        page = 1 if f.edition.startswith("gap-ba") else 2
        codes = _decode_qr(site / f.path, page, tmp_path)
        assert codes == [url] * (2 if f.edition == "a5-2up" else 1), (f.path, codes)


def test_qr_url_for_other_locales(content):
    l = content.leaflets[0]
    s = content.settings
    assert qr.leaflet_url(s, l, s.default_locale) == s.base_url + l.url_path
    assert qr.leaflet_url(s, l, "km") == s.base_url + "km/" + l.url_path
    assert qr.symbol_mm(qr.leaflet_url(s, l, "km"), qr.printed_size_mm(qr.leaflet_url(s, l, "km"), 21)) >= 20


@needs_poppler
def test_trifold_panels_are_in_folding_order(content, rendered):
    leaflet = _leaflet(content, "trifold")
    for edition in ("gap-ba", "gap-ba-nha-in"):
        path = _file(rendered, leaflet.id, edition)
        x0, _, x1, _ = _trim_offset(path, 0)
        third = lambda x: (x - x0) / (x1 - x0)  # noqa: E731
        outside = _words(path, 1)
        title = _phrase_boxes(outside, _clean(leaflet.title))
        assert title, "title not found on the outside"
        # front cover = right panel (197-297 mm of 297)
        assert all(third(w[0]) >= 197 / 297 - 0.001 for w in title), [w for w in title]
        # back panel (97-197 mm): hotline
        phone = [w for w in outside if w[4] == content.settings.hotline.phone]
        assert phone and all(97 / 297 <= third(w[0]) and third(w[2]) <= 197 / 297 for w in phone)
        # inside flap (0-97 mm): the summary starts there
        first = _clean(leaflet.summary).split()[:3]
        summary = _phrase_boxes(outside, " ".join(first))
        assert summary and third(summary[-1][2]) <= 97 / 297
        # inside: the first question on the left panel, the text flowing to the right ones
        xi0, _, xi1, _ = _trim_offset(path, 1)
        inside = _words(path, 2)
        q1 = _phrase_boxes(inside, " ".join(_clean(leaflet.sections[0].question).split()[:3]))
        assert q1 and (q1[0][0] - xi0) / (xi1 - xi0) < 100 / 297
        qlast = _phrase_boxes(inside, " ".join(_clean(leaflet.sections[-1].question).split()[:3]))
        if len(leaflet.sections) >= 6:
            assert qlast and (qlast[0][0] - xi0) / (xi1 - xi0) > 100 / 297
        # nothing of the inside text on the outside page
        assert not _phrase_boxes(outside, _clean(leaflet.sections[0].question))


@needs_poppler
def test_two_up_prints_fronts_then_backs(content, rendered):
    leaflet = _leaflet(content, "a5")
    path = _file(rendered, leaflet.id, "a5-2up")
    mid = 297 * MM / 2
    first = _clean(leaflet.title).split()[0]
    p1 = [w for w in _words(path, 1) if w[4] == first]
    assert any(w[2] < mid for w in p1) and any(w[0] > mid for w in p1)
    p2 = _words(path, 2)
    phone = [w for w in p2 if w[4] == content.settings.hotline.phone]
    assert len(phone) == 2 and phone[0][0] < mid < phone[1][0]
    assert not [w for w in _words(path, 1) if w[4] == content.settings.hotline.phone]


@needs_poppler
def test_text_keeps_3mm_inside_the_trim(rendered):
    site, files = rendered
    for f in files:
        path = site / f.path
        for page in (1, 2):
            x0, y0, x1, y1 = _trim_offset(path, page - 1)
            mid = (x0 + x1) / 2
            for w in _words(path, page):
                assert w[0] >= x0 + 3 * MM and w[2] <= x1 - 3 * MM, (f.path, page, w)
                assert w[1] >= y0 + 3 * MM and w[3] <= y1 - 3 * MM, (f.path, page, w)
                if f.edition == "a5-2up":  # each copy is cut at the middle of the sheet
                    assert w[2] <= mid - 3 * MM or w[0] >= mid + 3 * MM, (f.path, page, w)


def _text_sizes(path: Path) -> list[tuple[float, str]]:
    """(size in pt, text) of each text run, with WeasyPrint's px→pt matrix applied."""
    from pypdf import PdfReader
    out = []
    for page in PdfReader(str(path)).pages:
        def visit(text, cm, tm, font, size):
            if text.strip():
                scale = abs(cm[3]) * abs(tm[3]) or 1
                out.append((size * scale, text))
        page.extract_text(visitor_text=visit)
    return out


def test_body_text_is_at_least_10_points(content, rendered):
    from bhxhpub.model.facts import expand
    for fmt, edition in (("a5", "a5"), ("trifold", "gap-ba")):
        leaflet = _leaflet(content, fmt)
        sizes = _text_sizes(_file(rendered, leaflet.id, edition))
        texts = [leaflet.summary] + [t for s in leaflet.sections for t in (s.answer, *s.bullets) if t]
        checked = 0
        for t in texts:
            words = _clean(expand(t, content.facts)).split()[:2]
            hits = [sz for sz, run in sizes if run.strip().startswith(" ".join(words))]
            if hits:
                checked += 1
                assert min(hits) >= 9.99, (edition, t, hits)
        assert checked >= len(texts) / 2, (edition, checked, len(texts))


def _text_colours(path: Path) -> list[tuple[str, tuple]]:
    """(colour space, components) of the fill colour in force at each text-showing operator,
    following form XObjects (the 2-up sheets draw each A5 page as one)."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream
    reader = PdfReader(str(path))
    out = []

    def run(stream, resources, state):
        stack, space = [], "rgb"
        for operands, op in ContentStream(stream, reader).operations:
            if op == b"q":
                stack.append((state, space))
            elif op == b"Q" and stack:
                state, space = stack.pop()
            elif op == b"rg":
                state = ("rgb", tuple(float(v) for v in operands))
            elif op == b"g":
                state = ("rgb", (float(operands[0]),) * 3)
            elif op == b"k":
                state = ("cmyk", tuple(float(v) for v in operands))
            elif op == b"cs":
                space = {"/DeviceCMYK": "cmyk", "/DeviceRGB": "rgb", "/DeviceGray": "gray"}.get(str(operands[0]), "other")
            elif op in (b"sc", b"scn") and all(isinstance(v, (int, float)) for v in operands):
                vals = tuple(float(v) for v in operands)
                state = (space, vals if space != "gray" else vals * 3)
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                out.append(state)
            elif op == b"Do":
                xobj = resources["/XObject"][operands[0]].get_object()
                if xobj.get("/Subtype") == "/Form":
                    run(xobj, xobj.get("/Resources", resources).get_object(), state)

    for page in reader.pages:
        run(page.get_contents(), page["/Resources"].get_object(), ("rgb", (0.0, 0.0, 0.0)))
    return out


def _luminance(space: str, c: tuple) -> float:
    if space == "cmyk":
        cc, m, y, k = c
        c = ((1 - cc) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def test_office_text_is_dark_or_white_and_print_shop_text_is_cmyk(rendered):
    site, files = rendered
    for f in files:
        colours = _text_colours(site / f.path)
        assert colours, f.path
        if f.edition.endswith("nha-in"):
            assert all(c[0] == "cmyk" for c in colours), (f.path, {c for c in colours if c[0] != "cmyk"})
        else:
            # no light-grey text on a black-and-white printer: dark text, or white on a dark badge
            grey = [c for c in colours if 0.5 < _luminance(*c) < 0.99]
            assert not grey, (f.path, set(grey))
            assert sum(_luminance(*c) >= 0.99 for c in colours) < 0.1 * len(colours), f.path


# ------------------------------------------------------------------------------------------
# Errors for editors


def _with(content, leaflet):
    return replace(content, leaflets=(leaflet,))


def test_overflow_is_a_build_error_naming_the_leaflet(content, tmp_path):
    base = _leaflet(content, "a5")
    long = replace(base, sections=tuple(base.sections) * max(6, 20 // len(base.sections)))
    with pytest.raises(BuildError) as err:
        render_pdfs(_with(content, long), ROOT, tmp_path)
    msg = str(err.value)
    assert base.id in msg and "A5" in msg
    assert re.search(r"thừa khoảng \d+ dòng", msg) and re.search(r"\d+ mm", msg)

    tri = _leaflet(content, "trifold")
    long = replace(tri, sections=tuple(tri.sections) * max(4, 40 // len(tri.sections)))
    with pytest.raises(BuildError) as err:
        render_pdfs(_with(content, long), ROOT, tmp_path)
    msg = str(err.value)
    assert tri.id in msg and "gấp ba" in msg and "ba mặt trong" in msg and re.search(r"\d+ dòng", msg)


def test_cover_overflow_names_the_panel(content, tmp_path):
    tri = _leaflet(content, "trifold")
    long = replace(tri, title=" ".join([tri.title] * 6))
    with pytest.raises(BuildError) as err:
        render_pdfs(_with(content, long), ROOT, tmp_path)
    assert tri.id in str(err.value) and "mặt bìa" in str(err.value)


def test_a_leaflet_that_just_fits_is_not_an_error(content, tmp_path):
    base = _leaflet(content, "a5")
    short = replace(base, sections=tuple(base.sections[:1]))
    files = render_pdfs(_with(content, short), ROOT, tmp_path)
    assert {f.pages for f in files} == {2}


def test_missing_glyph_is_a_build_error(content, tmp_path):
    base = _leaflet(content, "a5")
    bad = replace(base, subtitle=base.subtitle + " ꪼꪕꪒꪾ →")  # Tai Viet and an arrow: not in Noto Sans
    with pytest.raises(BuildError) as err:
        render_pdfs(_with(content, bad), ROOT, tmp_path)
    msg = str(err.value)
    assert base.id in msg and "U+2192" in msg and "U+AABC" in msg
    file, line, col = base.where.at("subtitle")
    assert msg.startswith(f"{file}:{line}:{col} (trường subtitle, gần “"), msg  # file, line and column of the field


def test_missing_glyph_in_a_section_names_its_line_and_column(content, tmp_path):
    base = _leaflet(content, "a5")
    section = base.sections[-1]
    bad = replace(base, sections=(*base.sections[:-1], replace(section, answer=section.answer + " ꪼꪕ")))
    with pytest.raises(BuildError) as err:
        render_pdfs(_with(content, bad), ROOT, tmp_path)
    file, line, col = section.where.at("answer")
    assert str(err.value).startswith(f"{file}:{line}:{col} (trường sections[{len(base.sections)}].answer, gần “"), str(err.value)
    assert line > base.where.line


def test_missing_glyph_in_a_translation_names_the_translation_file_and_line(content):
    from types import SimpleNamespace

    from bhxhpub.channels.leaflets.errors import char_place
    t = next(t for t in content.translations if t.kind == "leaflet" and t.locale == "en" and "summary" in t.fields)
    leaflet = replace(next(l for l in content.leaflets if l.id == t.id), summary="Pay ꪼ each month")
    view = SimpleNamespace(is_default=False, content=content, locale=SimpleNamespace(id="en"))
    _, line, col = t.where.at("summary")
    assert char_place(leaflet, ["ꪼ"], view).startswith(f"leaflets/{t.id}.en.yaml:{line}:{col} (trường summary, gần “Pay ꪼ")


def test_notdef_warning_from_weasyprint_is_caught(content):
    """A real WeasyPrint document with a character no font has (U+0378 is unassigned): WeasyPrint
    itself logs ".notdef glyph rendered" while writing, and the writer turns it into a BuildError.
    (The renderer's coverage check would stop such text before layout; this is the second net.)"""
    from weasyprint import HTML

    from bhxhpub.pdf.resources import font_alias
    resources = ThemeResources(ROOT)
    families = ("Noto Sans",)
    document = HTML(string=f"<p style=\"font-family: '{font_alias('Noto Sans')}'\">BHXH \u0378 2026</p>",
                    base_url=resources.template_base_url, url_fetcher=resources.url_fetcher).render(
        font_config=resources.font_config, stylesheets=[resources.font_css(families)])
    log = logging.getLogger("weasyprint")
    handlers, level = list(log.handlers), log.level
    leaflet = _leaflet(content, "a5")
    with pytest.raises(BuildError) as err:
        writer.write_pdf(document, editions.EDITIONS["a5"][0], leaflet, families, EPOCH)
    assert "không phông chữ nào in được" in str(err.value) and "U+0378" in str(err.value), str(err.value)
    assert leaflet.id in str(err.value)
    # the handler was there only while writing; the logger's level was never touched
    assert log.handlers == handlers and log.level == level


def _watermarks(path: Path) -> list[tuple[int, float]]:
    """(page, size in pt) of each rotated "DỰ THẢO" text run."""
    from pypdf import PdfReader
    found = []
    for n, page in enumerate(PdfReader(str(path)).pages):
        def visit(text, cm, tm, font, size, n=n):
            if "DỰ THẢO" in text and abs(cm[1]) > 0.1:  # rotated
                found.append((n, size * (cm[0] ** 2 + cm[1] ** 2) ** 0.5))
        page.extract_text(visitor_text=visit)
    assert all(size >= 30 for _, size in found), found  # big letters: a watermark
    return found


@needs_poppler
def test_draft_watermark(content, tmp_path):
    base = _leaflet(content, "a5")
    tri = _leaflet(content, "trifold")
    for l in (base, tri):
        draft = replace(l, editorial=Editorial(status="draft", reviewed=l.editorial.reviewed))
        approved = replace(l, editorial=Editorial(status="approved", reviewed=l.editorial.reviewed))
        d_files = render_pdfs(_with(content, draft), ROOT, tmp_path / "d")
        a_files = render_pdfs(_with(content, approved), ROOT, tmp_path / "a")
        for f in d_files:
            marks = _watermarks(tmp_path / "d" / f.path)
            assert len(marks) == {"a5": 2, "a5-nha-in": 2, "a5-2up": 4}.get(f.edition, 6), (f.path, marks)
            assert f.status == "draft"
        for f in a_files:
            text = _run("pdftotext", str(tmp_path / "a" / f.path), "-")
            assert not _watermarks(tmp_path / "a" / f.path) and "dự thảo" not in text.lower(), f.path
            assert f.status == "approved"


def test_two_renders_are_byte_identical(content, rendered, tmp_path, monkeypatch):
    site, files = rendered
    again = render_pdfs(content, ROOT, tmp_path / "again", epoch=EPOCH)
    assert [(f.path, f.sha256) for f in again] == [(f.path, f.sha256) for f in files]
    for f in files:
        assert (site / f.path).read_bytes() == (tmp_path / "again" / f.path).read_bytes()
    # the date is the renderer's epoch (RenderSettings), whatever the environment says, and it is
    # what the PDF says
    leaflet = _leaflet(content, "a5")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 3 * 86400))
    env_files = render_pdfs(_with(content, leaflet), ROOT, tmp_path / "env", epoch=EPOCH)
    assert {f.sha256 for f in env_files} <= {f.sha256 for f in files}
    from pypdf import PdfReader
    meta = PdfReader(str(tmp_path / "env" / env_files[0].path)).metadata
    assert meta["/CreationDate"].startswith("D:20260527")
    other = render_pdfs(_with(content, leaflet), ROOT, tmp_path / "other", epoch=EPOCH + 86400)
    assert {f.sha256 for f in other}.isdisjoint({f.sha256 for f in files})


def test_font_family_follows_the_locale_script(content, tmp_path):
    """A Khmer locale prints with Noto Sans Khmer (and Noto Sans for digits and Latin)."""
    from bhxhpub.model.settings import Locale
    km = Locale(id="km", lang="km", name="tiếng Khmer", native_name="ខ្មែរ", script="Khmr", fonts=("Noto Sans Khmer",), fallback="vi", build=True)
    base = _leaflet(content, "a5")
    leaflet = replace(base, title="ធានារ៉ាប់រងសង្គម", summary="ធានារ៉ាប់រងសង្គមសម្រាប់គ្រប់គ្នា 2026",
                      sections=tuple(Section(question="តើអ្វីទៅជាធានារ៉ាប់រងសង្គម?", answer="ធានារ៉ាប់រងសង្គមសម្រាប់គ្រប់គ្នា", bullets=(), table=None)
                                     for _ in range(2)))
    c = replace(content, settings=replace(content.settings, locales=content.settings.locales + (km,)),
                leaflets=(leaflet,))
    files = render_pdfs(c, ROOT, tmp_path, locale="km", epoch=EPOCH)
    assert {f.path for f in files} == {f"pdf/km/{base.id}-{e}.pdf" for e in ("a5", "a5-2up", "a5-nha-in")}
    if shutil.which("pdffonts"):
        fonts = _run("pdffonts", str(tmp_path / files[0].path))
        assert "Noto-Sans-Khmer" in fonts
    # a font family that is not in theme/fonts is reported, not silently replaced
    bad = replace(km, fonts=("Khmer OS",))
    c = replace(c, settings=replace(content.settings, locales=content.settings.locales + (bad,)))
    with pytest.raises(BuildError, match="Khmer OS"):
        render_pdfs(c, ROOT, tmp_path / "bad", locale="km")


def test_missing_font_file_is_named(content, tmp_path):
    proj = tmp_path / "proj"
    shutil.copytree(ROOT / "theme", proj / "theme")
    (proj / "theme" / "fonts" / "NotoSans-Regular.ttf").unlink()
    with pytest.raises(BuildError, match="NotoSans-Regular.ttf"):
        render_pdfs(_with(content, _leaflet(content, "a5")), proj, tmp_path / "site")


def test_url_fetcher_refuses_anything_outside_theme(tmp_path):
    fetcher = ThemeURLFetcher(ROOT)
    ok = fetcher.fetch((ROOT / "theme" / "pdf" / "leaflet.css").as_uri())
    assert b".trifold" in ok.read() and ok.content_type == "text/css"
    for url in ("file:///etc/passwd",
                (ROOT / "theme" / ".." / "content" / "settings.yaml").as_uri(),
                (ROOT / "theme" / "pdf" / ".." / ".." / "content" / "facts.yaml").as_uri(),
                "https://example.com/font.ttf", "http://127.0.0.1/x.css",
                "data:text/css,body{}", (ROOT / "theme" / "nope.css").as_uri()):
        with pytest.raises(BuildError):
            fetcher.fetch(url)
    # a symlink inside theme/ that points outside is refused too
    proj = tmp_path / "proj"
    (proj / "theme").mkdir(parents=True)
    (proj / "theme" / "evil.css").symlink_to(ROOT / "content" / "settings.yaml")
    with pytest.raises(BuildError):
        ThemeURLFetcher(proj).fetch((proj / "theme" / "evil.css").as_uri())


def test_template_asking_for_an_outside_file_stops_the_render(content, tmp_path):
    proj = tmp_path / "proj"
    shutil.copytree(ROOT / "theme", proj / "theme")
    css = proj / "theme" / "pdf" / "leaflet.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nbody { background: url('file:///etc/hostname'); }\n",
                   encoding="utf-8")
    with pytest.raises(BuildError) as err:
        render_pdfs(_with(content, _leaflet(content, "a5")), proj, tmp_path / "site")
    assert "theme/" in str(err.value)


def test_contribution_table_is_printed(content, rendered):
    leaflet = next((l for l in content.leaflets if any(s.table == "contribution" for s in l.sections)), None)
    if leaflet is None:
        pytest.skip("no leaflet with the contribution table")
    from bhxhpub.model.facts import contribution_table, format_number
    fmt = "a5" if "a5" in leaflet.formats else "gap-ba"
    text = _clean(_run("pdftotext", str(_file(rendered, leaflet.id, fmt)), "-"))
    for row in contribution_table(content).rows:
        assert format_number(row.full) in text
        for amount in row.after_support:
            assert format_number(amount) in text


@needs_poppler
def test_contacts_and_sources_are_printed(content, rendered):
    from bhxhpub.model.facts import facts_used
    s = content.settings
    for f in rendered[1]:
        text = _clean(_run("pdftotext", str(rendered[0] / f.path), "-"))
        assert s.hotline.phone in text
        assert " ".join(_clean(s.local_office.name).split()[:4]) in " ".join(text.split())  # the national edition: no office phone
        assert "36285231" not in "".join(text.split()).replace(".", "")
        leaflet = content.leaflet(f.item)
        used = facts_used([leaflet.summary] + [t for x in leaflet.sections for t in (x.question, x.answer, *x.bullets)],
                          content.facts)
        flat = "".join(text.split()).replace("-", "")  # pdftotext drops a hyphen where a line breaks at it
        for fact in used:  # every fact's legal source is in the small print
            assert "".join(fact.source.split()).replace("-", "") in flat, (f.path, fact.source)
        if used:
            assert "Căn cứ số liệu" in text


def test_a_translation_too_long_leaves_out_its_locale_in_a_preview_and_stops_a_release(content, tmp_path):
    """The Vietnamese and the other locales are printed; the English file of a leaflet whose translation
    does not fit is left out with a warning naming the translation file; a release stops on it."""
    from bhxhpub.channels.leaflets.errors import TranslationOverflow
    base = _leaflet(content, "a5")
    long = replace(base, sections=tuple(base.sections) * max(6, 20 // len(base.sections)))
    view = LocaleView(next(l for l in content.settings.locales if l.id == "en"), _with(content, long), content.ui,
                      {}, content.settings.default_locale, "en/")
    files = _renderer().render(view, tmp_path / "preview")
    assert not [f for f in files if f.item == base.id]
    assert [w.file for w in files.warnings] == [f"leaflets/{base.id}.en.yaml"] and "không vừa khổ" in files.warnings[0].message
    assert render_pdfs(_with(content, base), ROOT, tmp_path / "vi")  # the Vietnamese is printed as always
    release = PdfRenderer(RenderSettings(root=ROOT, release=True, today=date(2026, 5, 20), epoch=EPOCH))
    with pytest.raises(TranslationOverflow) as err:
        release.render(view, tmp_path / "release")
    assert f"leaflets/{base.id}.en.yaml" in str(err.value)
