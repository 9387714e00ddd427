"""Official wording: quoted by reference ([[msg:id]], [[slogan:id]]) it prints exactly; a text that
nearly repeats a message or slogan is a near-copy (a warning in a preview, refused in a release)."""
from __future__ import annotations

import pytest

from bhxhpub.model import facts as factmod
from bhxhpub.pipeline.plan import load
from bhxhpub.rules import nearcopy
from tests.model.test_validation import edit, problems_of, the_problem
from tests.support import ROOT, copy_project, run_build

LEAFLET = "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml"
CTA = "call_to_action: >-\n"


@pytest.fixture(scope="module")
def shipped():
    return load(ROOT)


def test_a_reference_prints_the_exact_official_text(shipped):
    quoted = factmod.quoted_texts(shipped)
    official = next(m.text for m in shipped.messages if m.id == "luong-huu-va-bhyt-cho-dua-tuoi-gia")
    text = factmod.expand("Nhớ rằng: [[msg:luong-huu-va-bhyt-cho-dua-tuoi-gia]]", shipped.facts, quoted=quoted)
    assert text == "Nhớ rằng: " + official
    slogan = next(s.text for s in shipped.slogans if s.id == "chu-dong-tham-gia")
    assert factmod.expand("[[slogan:chu-dong-tham-gia]]!", shipped.facts, quoted=quoted) == slogan + "!"


def test_a_reference_to_an_unknown_message_is_refused_with_a_suggestion(tmp_path):
    proj = copy_project(tmp_path / "p")
    line = edit(proj, LEAFLET, "subtitle: Giữ thời gian đóng BHXH là giữ lương hưu cho tuổi già",
                "subtitle: \"[[msg:dau-tu-cho-tuong-la]]\"")
    the_problem(problems_of(proj), LEAFLET, line, "[[msg:dau-tu-cho-tuong-la]]", "[[msg:dau-tu-cho-tuong-lai]]")


def test_the_shipped_content_has_no_near_copy(shipped):
    assert nearcopy.near_copies(shipped) == []


def test_the_threshold_separates_near_copies_from_ordinary_sentences(shipped):
    """The figures behind THRESHOLD (see nearcopy.py): near-copies score above, every other shipped sentence below."""
    officials = [nearcopy.words(t) for _, _, t in nearcopy.official_texts(shipped)]
    best = max(nearcopy.similarity(nearcopy.words(s), o)
               for item in [*shipped.leaflets, *shipped.qa] for text in nearcopy.figure_texts(item)
               for s in nearcopy.sentences(text) if nearcopy.words(s) for o in officials)
    assert best < 0.65 < nearcopy.THRESHOLD
    shortened = nearcopy.words("Lương hưu và bảo hiểm y tế - chỗ dựa lúc tuổi già")
    official = nearcopy.words(next(m.text for m in shipped.messages if m.id == "luong-huu-va-bhyt-cho-dua-tuoi-gia"))
    assert nearcopy.similarity(shortened, official) >= nearcopy.THRESHOLD


@pytest.mark.parametrize("sentence, official", [
    ("Lương hưu và bảo hiểm y tế - chỗ dựa lúc tuổi già.", "luong-huu-va-bhyt-cho-dua-tuoi-gia"),  # two words dropped
    ("Hãy chủ động tham gia BHXH tự nguyện ngay hôm nay.", "chu-dong-tham-gia"),  # a slogan with a word added
    ("Vì sự ổn định cuộc sống của bản thân và gia đình, hãy tham gia BHXH, BHYT ngay bây giờ.", "hay-tham-gia-ngay-hom-nay"),
])
def test_a_near_copy_is_found_with_both_texts(shipped, tmp_path, sentence, official):
    from dataclasses import replace
    leaflet = shipped.leaflets[0]
    changed = replace(leaflet, call_to_action=sentence)
    found = nearcopy.near_copies(shipped, [changed])
    assert [(f.official_id, f.sentence) for f in found] == [(official, sentence)]


def test_an_exact_quote_or_a_reference_is_not_a_near_copy(shipped):
    from dataclasses import replace
    leaflet = shipped.leaflets[0]
    exact = replace(leaflet, call_to_action="Bảo hiểm xã hội là đầu tư cho tương lai. Hãy đến đại lý thu ở xã.")
    by_reference = replace(leaflet, call_to_action="[[msg:luong-huu-va-bhyt-cho-dua-tuoi-gia]]")
    assert nearcopy.near_copies(shipped, [exact, by_reference]) == []


@pytest.mark.cli
def test_a_release_refuses_a_near_copy_and_names_both_texts(tmp_path):
    proj = copy_project(tmp_path / "p")
    path = proj / "content" / "qa.yaml"
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n  - id: cho-dua-tuoi-gia\n    question: Vì sao nên có lương hưu?\n"
                "    answer: Lương hưu và bảo hiểm y tế là chỗ dựa lúc tuổi già.\n"
                "    status: approved\n    reviewed: 2026-11-21\n")
    messages = proj / "content" / "messages.yaml"
    messages.write_text(messages.read_text(encoding="utf-8").replace("status: draft", "status: approved"), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("  - id: cho-dua-tuoi-gia") + 1
    result = run_build(proj, "--release", "--out", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr[-2000:]
    assert f"content/qa.yaml:{line}:" in result.stderr
    assert "“cho-dua-tuoi-gia” gần giống thông điệp chính thức “luong-huu-va-bhyt-cho-dua-tuoi-gia”" in result.stderr
    assert "Lương hưu và bảo hiểm y tế - Chỗ dựa tài chính lúc tuổi già." in result.stderr
    assert "[[msg:luong-huu-va-bhyt-cho-dua-tuoi-gia]]" in result.stderr
    assert not (tmp_path / "out").exists()
    # the same answer by reference passes the check and prints the exact wording
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Lương hưu và bảo hiểm y tế là chỗ dựa lúc tuổi già.", "\"[[msg:luong-huu-va-bhyt-cho-dua-tuoi-gia]]\""), encoding="utf-8")
    result = run_build(proj, "--release", "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and "gần giống" not in result.stderr, result.stderr[-2000:]
    page = (tmp_path / "out" / "hoi-dap" / "index.html").read_text(encoding="utf-8")
    assert "Lương hưu và bảo hiểm y tế - Chỗ dựa tài chính lúc tuổi già." in page
