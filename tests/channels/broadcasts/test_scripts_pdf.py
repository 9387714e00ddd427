"""Leaflets in Khmer and in Tai Viet script render with their fonts, without missing glyphs,
and Khmer (written without spaces) wraps inside its column."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from bhxhpub.model.translations import source_hash
from bhxhpub.pipeline.plan import load
from tests.support import FIXTURES, copy_project

pytestmark = pytest.mark.build  # renders real PDFs

LEAFLET = "vi-sao-khong-nen-nhan-bhxh-mot-lan"


def _leaflet_source(l) -> dict:
    return {"title": l.title, "subtitle": l.subtitle, "summary": l.summary,
            "sections": [{"question": s.question, "answer": s.answer, "bullets": list(s.bullets)} for s in l.sections],
            "call_to_action": l.call_to_action}


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_translation(proj: Path, locale: str, paragraphs: list[str], title: str) -> None:
    l = next(x for x in load(proj).leaflets if x.id == LEAFLET)
    # keep every [[fact]] token of the source (the loader insists), in a short last bullet
    tokens = sorted(set(re.findall(r"\[\[[^\]]+\]\]", str(_leaflet_source(l)))))
    body = [f"locale: {locale}", "translator: Dữ liệu kiểm thử", f"source_hash: {source_hash(_leaflet_source(l))}",
            "status: approved", "translated: 2026-11-21", f"title: {_yaml_str(title)}", f"summary: {_yaml_str(paragraphs[0][:80])}",
            "sections:"]
    for i, para in enumerate(paragraphs):
        body += [f"  - question: {_yaml_str(title + ' ' + str(i + 1))}", f"    answer: {_yaml_str(para)}"]
        if i == len(paragraphs) - 1:
            body += ["    bullets:", f"      - {_yaml_str(' '.join(tokens))}"]
    body.append(f"call_to_action: {_yaml_str(paragraphs[-1][:60])}")
    (proj / "leaflets" / f"{LEAFLET}.{locale}.yaml").write_text("\n".join(body) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def script_project(tmp_path_factory, good) -> Path:
    """The shipped project with vi, khmer and thai, and one leaflet translated with real sample text."""
    base = tmp_path_factory.mktemp("scripts")
    proj = copy_project(base / "p", outputs_from=good)
    settings = proj / "content" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    text = re.sub(r"\n  - id: (en|tay|hmong)\n(    .*\n)+", "\n", text)  # keep vi, khmer, thai
    settings.write_text(text, encoding="utf-8")
    for f in proj.rglob("*.en.yaml"):
        f.unlink()
    khmer = [p.strip() for p in (FIXTURES / "khmer_sample.txt").read_text(encoding="utf-8").splitlines() if p.strip()]
    # the same article typed without the spaces between phrases: only word segmentation can wrap it
    khmer[1] = khmer[0].replace(" ", "")
    tai = [p.strip() for p in (FIXTURES / "taiviet_sample.txt").read_text(encoding="utf-8").splitlines() if p.strip()]
    _write_translation(proj, "khmer", khmer, "សន្ដិសុខសង្គម")
    _write_translation(proj, "thai", tai, "ꪼꪕꪒꪾ")
    return proj


@pytest.fixture(scope="module")
def script_site(script_project) -> Path:
    from bhxhpub.pipeline.run import build
    # preview build: the Vietnamese leaflet itself is still a draft
    return build(script_project, out=script_project.parent / "site").site


def _pdffonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("locale, font", [("khmer", "Noto-Sans-Khmer"), ("thai", "Noto-Sans-Tai-Viet")])
def test_translated_leaflet_pdf_embeds_the_script_font(script_site, locale, font):
    pdfs = sorted((script_site / locale / "pdf" / locale).glob(f"{LEAFLET}-*.pdf"))
    assert {p.name.split(LEAFLET + "-")[1] for p in pdfs} == {"a5.pdf", "a5-2up.pdf", "a5-nha-in.pdf"}
    for pdf in pdfs:
        fonts = _pdffonts(pdf)
        rows = [r for r in fonts.splitlines()[2:] if r.strip()]
        assert any(font in r for r in rows), fonts
        assert all(" yes " in r for r in rows), fonts  # every font embedded


def test_untranslated_leaflets_get_no_pdf_in_that_locale(script_site):
    import json
    rows = json.loads((script_site / "pdf" / "manifest.json").read_text(encoding="utf-8"))["files"]
    leaflets = {r["leaflet"] for r in rows if r["locale"] == "khmer" and r["kind"] == "leaflet"}
    assert leaflets == {LEAFLET}


def test_khmer_paragraph_wraps_inside_its_column(script_site, tmp_path):
    """Look at the printed page: no ink in the 6 mm margin strips of the A5 edition (a Khmer line
    that did not wrap would run through the right margin and off the page)."""
    from PIL import Image
    pdf = script_site / "khmer" / "pdf" / "khmer" / f"{LEAFLET}-a5.pdf"
    dpi = 100
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(tmp_path / "km")], check=True)
    pages = sorted(tmp_path.glob("km-*.png"))
    assert pages
    strip = int(6 / 25.4 * dpi)
    for png in pages:
        img = Image.open(png).convert("L")
        w, h = img.size
        for box in ((0, 0, strip, h), (w - strip, 0, w, h)):
            darkest = img.crop(box).getextrema()[0]
            assert darkest > 200, (png.name, box, darkest)


def test_khmer_text_positions_stay_inside_the_page_margins(script_site):
    """From the PDF itself: every text run starts inside the page, at least 6 mm from the edges."""
    from pypdf import PdfReader
    pdf = script_site / "khmer" / "pdf" / "khmer" / f"{LEAFLET}-a5.pdf"
    reader = PdfReader(str(pdf))
    mm = 72 / 25.4
    khmer_runs = 0
    for page in reader.pages:
        width = float(page.mediabox.width)
        xs: list[tuple[float, str]] = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                xs.append((x, text))

        page.extract_text(visitor_text=visit)
        for x, text in xs:
            assert 6 * mm <= x <= width - 6 * mm, (x, text[:20])
            if re.search(r"[\u1780-\u17FF]", text):
                khmer_runs += 1
    assert khmer_runs > 5  # the long paragraphs were laid out over several lines


def test_khmer_words_are_separated_by_zero_width_spaces_for_line_breaking():
    from bhxhpub.render.segment import ZWSP, break_khmer
    para = (FIXTURES / "khmer_sample.txt").read_text(encoding="utf-8").splitlines()[0]
    broken = break_khmer(para)
    assert broken.replace(ZWSP, "") == para
    assert broken.count(ZWSP) > 20
    assert break_khmer("Bảo hiểm xã hội") == "Bảo hiểm xã hội"


def test_khmer_lines_break_between_words_not_inside_them(script_project):
    """In the laid-out leaflet, every line of the Khmer paragraph typed without spaces ends where
    one word ends (khmercut's segmentation), never inside a word."""
    from datetime import date

    from khmercut import tokenize

    from bhxhpub.channels.leaflets.formats import EDITIONS
    from bhxhpub.channels.leaflets.output import PdfRenderer
    from bhxhpub.locales.localize import localize
    from bhxhpub.render.base import LocaleView, RenderSettings
    proj = script_project
    content = load(proj)
    lc, ui, states = localize(content, content.ui, content.translations, "khmer", release=False)
    leaflet = next(l for l in lc.leaflets if l.id == LEAFLET)
    locale = next(l for l in content.settings.locales if l.id == "khmer")
    view = LocaleView(locale, lc, ui, states, content.settings.default_locale, "khmer/")
    renderer = PdfRenderer(RenderSettings(root=proj, release=False, today=date(2026, 5, 20), epoch=1779840000))
    document = renderer.lay_out(view, leaflet, EDITIONS["a5"][0])
    para = (FIXTURES / "khmer_sample.txt").read_text(encoding="utf-8").splitlines()[0].replace(" ", "")
    bounds, pos = set(), 0
    for tok in tokenize(para):
        pos += len(tok)
        bounds.add(pos)
    from weasyprint.formatting_structure import boxes as B

    def lines(box):
        if isinstance(box, B.LineBox):
            yield "".join(t.text for t in box.descendants() if isinstance(t, B.TextBox))
        elif hasattr(box, "children"):
            for ch in box.children:
                yield from lines(ch)

    texts = [t.replace("\u200b", "").strip() for page in document.pages for t in lines(page._page_box)]
    start = next(i for i, t in enumerate(texts) if t and para.startswith(t))  # first line of that paragraph
    joined, ends = "", []
    for text in texts[start:]:
        if not text or not para[len(joined):].startswith(text):
            break
        joined += text
        ends.append(len(joined))
    assert len(ends) >= 3 and joined == para, (len(ends), len(joined), len(para))
    assert all(e in bounds for e in ends), [e for e in ends if e not in bounds]
