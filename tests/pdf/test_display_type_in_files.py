"""Display type of the shipped build breaks between words: posters, banners, pennants, share images and
leaflet titles, read back from the PDFs' text lines (pdftotext), in Vietnamese and English."""
from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

# The campaign's common words (data of this test): no display line may end inside one of them.
COMMON_WORDS = (
    "bảo hiểm", "xã hội", "y tế", "tự nguyện", "gia đình", "hộ gia đình", "cuộc sống", "tương lai", "người dân",
    "hưu trí", "lương hưu", "một lần", "tuổi già", "an sinh", "tham gia", "bảo vệ", "đầu tư", "chính sách",
    "doanh nghiệp", "bền vững", "trách nhiệm", "pháp luật", "khó khăn", "tài chính", "chủ động", "hôm nay",
    "ổn định", "công bằng", "phát triển", "hành động", "rủi ro", "thân thiết", "giảm bớt", "yên tâm",
)
DISPLAY_KINDS = ("banner", "pennant", "poster")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def text_lines(data_or_path) -> list[list[str]]:
    """The text lines of every page, as poppler finds them (pdftotext -bbox-layout: lines of words in
    reading order, without the plain mode's joining of a line that ends in "-" with the next)."""
    import html
    source = str(data_or_path) if isinstance(data_or_path, Path) else "-"
    out = subprocess.run(["pdftotext", "-bbox-layout", source, "-"], input=None if source != "-" else data_or_path,
                         capture_output=True, check=True).stdout.decode("utf-8")
    pages = []
    for page in re.findall(r"<page\b.*?</page>", out, re.S):
        lines = [" ".join(html.unescape(w) for w in re.findall(r"<word[^>]*>(.*?)</word>", line, re.S))
                 for line in re.findall(r"<line\b[^>]*>(.*?)</line>", page, re.S)]
        pages.append([norm(line) for line in lines if line.strip()])
    return pages


def lines_of(text: str, lines: list[str]) -> list[str] | None:
    """The consecutive lines that spell `text`, or None."""
    target = norm(text)
    for i in range(len(lines)):
        joined = ""
        for j in range(i, len(lines)):
            joined = f"{joined} {lines[j]}".strip()
            if joined == target:
                return lines[i:j + 1]
            if not target.startswith(joined):
                break
    return None


def cut_words(lines: list[str]) -> list[str]:
    """Common words a line ends inside."""
    joined = "|".join(lines).lower()
    joined = re.sub(r"[,.;:!?–-]\|", "|", joined)
    return [w for w in COMMON_WORDS for k in range(1, len(w.split())) if
            re.search(r"(^|[\s|])" + re.escape(" ".join(w.split()[:k])) + r"\|" + re.escape(" ".join(w.split()[k:])) + r"($|[\s|,.])",
                      joined)]


def stacked(lines: list[str]) -> bool:
    return all(" " not in line for line in lines)


@pytest.fixture(scope="module")
def views(good):
    from bhxhpub.pipeline.plan import locale_views, validate
    checked = validate(good)
    return {v.locale.id: v for v in locale_views(checked.content, False) if v.locale.id in ("vi", "en")}


def test_the_check_finds_a_cut_word():
    assert cut_words(["Tham gia bảo", "hiểm xã hội là"]) == ["bảo hiểm"]
    assert cut_words(["Bảo hiểm xã", "hội là đầu tư"]) == ["xã hội"]
    assert cut_words(["Tham gia bảo hiểm", "xã hội là"]) == []  # between two words: allowed


@pytest.mark.build
def test_no_sign_or_poster_line_ends_inside_a_word(site_dir, views):
    files = json.loads((site_dir / "pdf" / "manifest.json").read_text(encoding="utf-8"))["files"]
    checked = 0
    for row in files:
        if row["kind"] not in DISPLAY_KINDS or row["locale"] not in views:
            continue
        content = views[row["locale"]].content
        item = next((i for i in (*content.slogans, *content.messages) if i.id == row["leaflet"]), None)
        if item is None:  # the contribution table poster: no fitted text
            continue
        path = site_dir / row["path"]
        found = lines_of(item.text, text_lines(path)[0])
        assert found, (row["path"], item.text)
        if row["kind"] == "pennant" and stacked(found):
            continue  # a tall pennant may stack one syllable a line
        assert not cut_words(found), (row["path"], found)
        assert len(found) == 1 or not stacked(found) or row["kind"] == "pennant", found
        checked += 1
    assert checked >= 60


@pytest.mark.build
def test_no_share_image_title_line_ends_inside_a_word(good, views):
    from datetime import date

    from bhxhpub.channels.share.images import ShareImagesOutput
    from bhxhpub.render.base import RenderSettings
    output = ShareImagesOutput(RenderSettings(root=good, release=False, today=date(2026, 5, 27), epoch=1779840000))
    for view in views.values():
        cards = output.cards(view)
        pages = text_lines(output.cards_pdf(view, cards))
        for card, lines in zip(cards, pages):
            found = lines_of(card["title"], lines)
            assert found, card["title"]
            assert not cut_words(found), found
        assert len(cards) >= 20


@pytest.mark.build
def test_no_leaflet_title_line_ends_inside_a_word(site_dir, views):
    files = json.loads((site_dir / "pdf" / "manifest.json").read_text(encoding="utf-8"))["files"]
    rows = [r for r in files if r["kind"] == "leaflet" and r["edition"] in ("a5", "gap-ba") and r["locale"] in views]
    for row in rows:
        leaflet = next(item for item in views[row["locale"]].content.leaflets if item.id == row["leaflet"])
        path = site_dir / row["path"]
        pages = text_lines(path)
        found = lines_of(leaflet.title, pages[0] + pages[-1])
        assert found, (row["path"], leaflet.title)
        assert not cut_words(found), (row["path"], found)
    assert len(rows) >= 7
