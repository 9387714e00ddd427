"""Banners, pennants and posters: real PDFs from the shipped content, read back with pypdf,
pdftotext and PDFium; PDF/X-4 and the preflight on every print-shop file of the build."""
from __future__ import annotations

import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from bhxhpub.channels.largeformat.signfit import balanced_lines, fit_text, read_metrics, words_of
from bhxhpub.errors import BuildError
from bhxhpub.pdf.preflight import preflight

ROOT = Path(__file__).resolve().parents[3]
PT_PER_MM = 72 / 25.4


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def manifest(site: Path) -> list[dict]:
    return json.loads((site / "pdf" / "manifest.json").read_text(encoding="utf-8"))["files"]


def boxes_mm(path: Path) -> dict[str, tuple[float, float]]:
    """Width and height (mm, real size: × /UserUnit) of the page boxes of page 1."""
    from pypdf import PdfReader
    page = PdfReader(path).pages[0]
    unit = float(page.get("/UserUnit", 1))
    out = {}
    for name in ("/MediaBox", "/BleedBox", "/TrimBox"):
        x0, y0, x1, y1 = (float(v) for v in page[name])
        out[name] = ((x1 - x0) * unit / PT_PER_MM, (y1 - y0) * unit / PT_PER_MM)
    return out


# ------------------------------------------------------------------------------------------
# Fitting (pure functions)


@pytest.fixture(scope="module")
def bold():
    return read_metrics(ROOT / "theme" / "fonts" / "NotoSans-Bold.ttf")


def test_balanced_lines_make_the_widest_line_as_narrow_as_possible(bold):
    text = "Tham gia BHXH là bảo vệ cuộc sống của mỗi gia đình"
    lines, widest = balanced_lines(words_of(text), bold, 2)
    assert " ".join(lines) == text
    greedy_first = "Tham gia BHXH là bảo vệ cuộc sống của"  # what a greedy break at 3/4 would leave
    assert lines[0] != greedy_first
    # no other two-line split has a narrower widest line
    ws = text.split()
    width = lambda s: sum(bold.advance(c) for c in s)  # noqa: E731
    best = min(max(width(" ".join(ws[:i])), width(" ".join(ws[i:]))) for i in range(1, len(ws)))
    assert widest == best


def test_fit_is_limited_by_width_or_height_and_more_lines_win_only_when_larger(bold):
    one_word = fit_text("BHXH", bold, 4000, 500, 3)
    assert one_word.lines == ("BHXH",)
    assert one_word.block_em * one_word.font_mm == pytest.approx(500, rel=1e-6)  # height-limited
    long = fit_text("Không ngừng hoàn thiện chính sách BHXH vì cuộc sống tốt đẹp cho mọi người dân Việt Nam",
                    bold, 4000, 500, 3)
    assert len(long.lines) == 2
    assert long.width_em * long.font_mm <= 4000 + 1e-6 and long.block_em * long.font_mm <= 500 + 1e-6


def test_line_pitch_leaves_room_for_stacked_marks(bold):
    fit = fit_text("Ẩn ỗ gỹ Ẫ Ỗ", bold, 300, 2000, 5)
    upm = bold.units_per_em
    tops = [bold.extent(c)[1] for c in "ẨỗgỹẪỖ"]
    bottoms = [bold.extent(c)[0] for c in "ẨỗgỹẪỖ"]
    assert max(tops) > upm  # Ẫ reaches above 1 em in Noto Sans Bold
    # the highest mark of a line stays clear of the lowest descender of the line above
    assert fit.pitch_em * upm - max(tops) + min(bottoms) >= 0.05 * upm


def test_khmer_words_break_at_zero_width_spaces():
    assert words_of("ក\u200bខ គ") == [("ក", ""), ("ខ", "\u200b"), ("គ", " ")]


# ------------------------------------------------------------------------------------------
# The shipped content's files (the session build)


@pytest.mark.build
def test_every_shipped_slogan_has_a_banner_and_pennant_at_each_configured_size(good, site_dir):
    from bhxhpub.pipeline.plan import load
    content = load(good)
    sizes = [s for s in content.settings.large_format if s.kind in ("banner", "pennant")]
    assert {s.id for s in sizes} >= {"bang-ron-5m", "bang-ron-6m", "phuon-2-5m"}
    rows = {(r["leaflet"], r["edition"]): r for r in manifest(site_dir) if r["locale"] == "vi"}
    for slogan in content.slogans:
        for size in sizes:
            row = rows[(slogan.id, size.id)]
            assert row["kind"] == size.kind and row["print_shop"] and row["bleed_mm"] == 3.0
            path = site_dir / row["path"]
            box = boxes_mm(path)
            assert box["/TrimBox"] == pytest.approx((size.width_mm, size.height_mm), abs=0.5)
            assert box["/BleedBox"] == pytest.approx((size.width_mm + 6, size.height_mm + 6), abs=0.5)
            # the slogan is real text, every word in order
            assert " ".join(words(slogan.text)) in " ".join(words(pdftotext(path)))


@pytest.mark.build
def test_a_six_metre_banner_is_drawn_at_one_to_ten_with_its_real_size_in_user_units(site_dir):
    from pypdf import PdfReader
    row = next(r for r in manifest(site_dir) if r["edition"] == "bang-ron-6m")
    page = PdfReader(site_dir / row["path"]).pages[0]
    assert float(page["/UserUnit"]) == 10
    assert float(page.mediabox.width) * 10 / PT_PER_MM < 6100  # drawn at 1:10 …
    assert float(page.mediabox.width) <= 14400  # … inside the 200-inch page limit
    assert boxes_mm(site_dir / row["path"])["/TrimBox"] == pytest.approx((6000, 800), abs=0.5)


@pytest.mark.build
def test_every_print_shop_file_declares_pdfx4_has_an_output_intent_and_passes_the_preflight(site_dir):
    from pypdf import PdfReader
    rows = [r for r in manifest(site_dir) if r["print_shop"]]
    kinds = {r["kind"] for r in rows}
    assert {"leaflet", "banner", "pennant", "poster"} <= kinds
    assert any(r["edition"].endswith("nha-in") for r in rows)
    for row in rows:
        data = (site_dir / row["path"]).read_bytes()
        reader = PdfReader(site_dir / row["path"])
        assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-4"
        assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in reader.trailer["/Root"]["/Metadata"].get_data()
        intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
        assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"] == "FOGRA39"
        assert intent["/DestOutputProfile"].get_object()["/N"] == 4
        for page in reader.pages:
            assert "/TrimBox" in page and "/BleedBox" in page
        assert preflight(data) == [], row["path"]
    office = [r for r in manifest(site_dir) if r["kind"] == "leaflet" and not r["print_shop"]]
    assert office and "/OutputIntents" not in PdfReader(site_dir / office[0]["path"]).trailer["/Root"]


@pytest.mark.build
def test_the_contribution_poster_prints_the_amounts_computed_from_the_facts(renderer, site_dir):
    from bhxhpub.model.facts import contribution_table
    table = contribution_table(renderer[1].content)  # facts resolved at the build date
    rows = [r for r in manifest(site_dir) if r["kind"] == "poster" and r["leaflet"] == "bang-muc-dong-bhxh-tu-nguyen"
            and r["locale"] == "vi"]
    assert {r["edition"] for r in rows} == {"ap-phich-a3", "ap-phich-a2"}
    text = pdftotext(site_dir / rows[0]["path"])
    for row in table.rows:
        assert f"{row.full:,}".replace(",", ".") in text
        for amount in row.after_support:
            assert f"{amount:,}".replace(",", ".") in text
    assert "1900.9068" in text


@pytest.mark.build
def test_print_page_lists_the_banners_of_the_hanging_window_first_then_leaflets_then_posters(site_dir):
    html = (site_dir / "tai-lieu-in" / "index.html").read_text(encoding="utf-8")
    h2 = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    assert [re.sub("<[^>]+>", "", h) for h in h2[:3]] == ["Băng rôn, phướn khẩu hiệu", "Tờ rơi, tờ gấp để in", "Áp phích"]
    assert "treo từ 15/5 đến 25/5" in html
    first_banner = html.index("-bang-ron-5m.pdf")
    assert first_banner < html.index("-a5.pdf") < html.index("-ap-phich-a3.pdf")
    assert "PDF/X-4" in html and "nhà in" in html


@pytest.mark.build
def test_messages_page_has_an_anchor_for_every_poster_qr_code(good, site_dir):
    from bhxhpub.pipeline.plan import load
    html = (site_dir / "thong-diep" / "index.html").read_text(encoding="utf-8")
    for message in load(good).messages:
        assert f'id="{message.id}"' in html


# ------------------------------------------------------------------------------------------
# One file at a time, from the shipped project with a changed item


@pytest.fixture(scope="module")
def renderer(good):
    from bhxhpub.channels.largeformat.output import LargeFormatOutput
    from bhxhpub.pipeline.plan import locale_views, make_plan
    plan = make_plan(good, good / "site", use_cache=False)
    view = locale_views(plan.content, False)[0]
    return LargeFormatOutput(plan.render_settings), view


def size_of(view, size_id):
    return next(s for s in view.content.settings.large_format if s.id == size_id)


@pytest.mark.build
def test_stacked_marks_on_a_pennant_never_touch_the_line_above(renderer, tmp_path):
    import pypdfium2 as pdfium
    output, view = renderer
    slogan = replace(view.content.slogans[0], text="Ẩn ỗ gỹ Ẫ Ỗ Ẩm Ỗng Ấp Ẫn Ỡ Ỹ gỗ ộ Ẩ")
    data = output.make(view, "pennant", "dau-chong", size_of(view, "phuon-2-5m"), slogan)
    pdf = pdfium.PdfDocument(data)
    text = pdf[0].get_textpage()
    glyphs = [text.get_charbox(i) for i in range(text.count_chars()) if text.get_text_range(i, 1).strip()]
    tallest = max(top - bottom for _, bottom, _, top in glyphs)
    glyphs = [g for g in glyphs if g[3] - g[1] > 0.3 * tallest]  # the slogan, not the small lines
    # group the glyphs into lines (PDF y grows upward: the top line first)
    lines: list[list] = []
    for left, bottom, right, top in sorted(glyphs, key=lambda g: -(g[1] + g[3])):
        centre = (bottom + top) / 2
        line = next((line for line in lines if abs(line[0] - centre) < tallest * 0.5), None)
        if line is None:
            lines.append([centre, [(bottom, top)]])
        else:
            line[1].append((bottom, top))
    lines.sort(key=lambda line: -line[0])
    assert len(lines) >= 4
    gaps = []
    for upper, lower in zip(lines, lines[1:]):
        gaps.append(min(b for b, _ in upper[1]) - max(t for _, t in lower[1]))
    assert min(gaps) > 0, f"a mark of one line touches the line above: gaps {gaps} pt"
    assert preflight(data) == []
    pdf[0].render(scale=0.1).to_pil().save(tmp_path / "marks.png")  # looked at during development


@pytest.mark.build
def test_a_slogan_too_long_for_a_readable_size_is_an_error_naming_it_and_the_size(renderer):
    output, view = renderer
    slogan = replace(view.content.slogans[0], id="qua-dai", text=" ".join(["Bảo hiểm xã hội cho tất cả mọi người"] * 6))
    with pytest.raises(BuildError) as error:
        output.make(view, "pennant", slogan.id, size_of(view, "phuon-2-5m"), slogan)
    message = str(error.value)
    assert "“qua-dai”" in message and "Phướn 0,8 × 2,5 m" in message and "min_letter_mm" in message


def test_a_slogan_no_size_can_set_readably_stops_the_build_with_its_file_and_line(tmp_path):
    from bhxhpub.errors import ContentError
    from bhxhpub.pipeline.plan import make_plan
    from tests.support import copy_project
    proj = copy_project(tmp_path / "p")
    path = proj / "slogans" / "khau-hieu-2021.yaml"
    text = path.read_text(encoding="utf-8")
    long = ("BHXH giúp bạn yên tâm sinh con và nuôi con khôn lớn trong mọi hoàn cảnh khó khăn của cuộc sống "
            "hằng ngày ở mọi miền đất nước, từ miền núi phía Bắc tới đồng bằng sông Cửu Long")
    path.write_text(text.replace("text: BHXH giúp bạn yên tâm sinh con\n", f"text: {long}\n", 1), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index(f"    text: {long}") + 1
    with pytest.raises(ContentError) as error:
        make_plan(proj, tmp_path / "out")
    assert f"slogans/khau-hieu-2021.yaml:{line}:" in str(error.value)
    assert "“yen-tam-sinh-con”" in str(error.value) and "Phướn 0,8 × 2,5 m" in str(error.value)
    assert not (tmp_path / "out").exists()  # nothing written


@pytest.mark.build
def test_a_long_explanation_is_shortened_by_whole_sentences_to_fit_the_poster(renderer):
    output, view = renderer
    sentences = [f"Câu giải thích số {i} nói về quyền lợi khi tham gia bảo hiểm xã hội tự nguyện lâu dài." for i in range(1, 40)]
    message = replace(view.content.messages[1], explanation=" ".join(sentences))
    data = output.make(view, "poster", message.id, size_of(view, "ap-phich-a3"), message)
    import pypdfium2 as pdfium
    text = pdfium.PdfDocument(data)[0].get_textpage().get_text_range().replace("\r", "").replace("\n", " ")
    assert "Câu giải thích số 1 " in text and "số 39" not in text
    assert "Đọc đầy đủ" in text
    assert preflight(data) == []


@pytest.mark.build
def test_a_draft_slogan_banner_carries_the_watermark_and_two_renders_are_identical(renderer):
    from bhxhpub.model.fields import Status
    output, view = renderer
    slogan = view.content.slogans[0]
    draft = replace(slogan, editorial=replace(slogan.editorial, status=Status.DRAFT))
    size = size_of(view, "bang-ron-5m")
    first = output.make(view, "banner", draft.id, size, draft)
    assert first == output.make(view, "banner", draft.id, size, draft)  # reproducible (fixed DocumentID)
    import pypdfium2 as pdfium
    assert "DỰ THẢO" in pdfium.PdfDocument(first)[0].get_textpage().get_text_range()
    approved = output.make(view, "banner", slogan.id, size, slogan)
    assert "DỰ THẢO" not in pdfium.PdfDocument(approved)[0].get_textpage().get_text_range()
