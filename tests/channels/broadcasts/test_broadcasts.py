"""Loudspeaker scripts: figures read aloud, reading time, the weekly programme, and their outputs."""
from __future__ import annotations

import json
import re
import subprocess
from datetime import date

import pytest

from bhxhpub.channels.broadcasts import scripts as bc
from bhxhpub.locales.spoken import Voice, number_words, phone_words, spoken_fact
from bhxhpub.pipeline.plan import load
from bhxhpub.rules.timeline import resolve_content, used_facts
from tests.support import ROOT, copy_project, run_build


@pytest.fixture(scope="module")
def content():
    return resolve_content(load(ROOT), date(2026, 5, 27))[0]


@pytest.mark.parametrize("value, words", [
    (22, "hai mươi hai"), (1500000, "một triệu năm trăm nghìn"), (330000, "ba trăm ba mươi nghìn"),
    (2025, "hai nghìn không trăm hai mươi lăm"), (105, "một trăm linh năm"), (1050000, "một triệu không trăm năm mươi nghìn"),
    (4.5, "bốn phẩy năm"), (46800000, "bốn mươi sáu triệu tám trăm nghìn"), (24, "hai mươi tư"), (14, "mười bốn"),
])
def test_numbers_are_read_as_vietnamese_words_in_the_northern_reading_by_default(value, words):
    assert number_words(value) == words


@pytest.mark.parametrize("value, words", [
    (105, "một trăm lẻ năm"), (1000, "một ngàn"), (24, "hai mươi bốn"), (2025, "hai ngàn không trăm hai mươi lăm"),
    (1050000, "một triệu không trăm năm mươi ngàn"), (330000, "ba trăm ba mươi ngàn"),
])
def test_the_southern_reading_says_le_and_ngan(value, words):
    assert number_words(value, Voice(reading="nam")) == words


def test_every_fact_the_shipped_scripts_use_is_spoken_without_a_digit(content):
    used = sorted({fid for b in content.broadcasts for fid in used_facts(content, b)})
    assert len(used) >= 15
    for fid in used:
        spoken = spoken_fact(content.facts[fid])
        assert spoken and not re.search(r"\d", spoken), (fid, spoken)
    assert spoken_fact(content.facts["ty-le-dong-bhxh-tu-nguyen"]) == "hai mươi hai phần trăm"
    assert spoken_fact(content.facts["chuan-ngheo-nong-thon"]) == "một triệu năm trăm nghìn đồng một tháng"
    assert phone_words(content.settings.hotline.phone) == "một chín không không, chín không sáu tám"
    for b in content.broadcasts:  # what the person at the microphone reads: no digit, no token left
        for text in [*bc.spoken_paragraphs(content, b), bc.closing(content)]:
            assert not re.search(r"\d|\[\[", text), (b.id, text)


def test_the_shipped_scripts_read_in_three_to_five_minutes(content):
    assert len(content.broadcasts) >= 6
    assert bc.check_durations(content).ok
    for b in content.broadcasts:
        assert 3 <= bc.minutes(content, b) <= 5


def test_the_may_programme_has_five_slots_a_week_two_on_voluntary_insurance(content):
    may = next(p for p in content.periods if p.id == "thang-van-dong-bhxh-toan-dan")
    prog = bc.programme(content, may)
    assert len(prog.weeks) == 5  # 31 days
    for week in prog.weeks:
        assert len(week) == 5 and sum(b.voluntary for b in week) >= 2
    assert bc.check_programmes(content).ok


def test_a_period_without_a_script_is_reported(content):
    from dataclasses import replace
    alone = replace(content, broadcasts=tuple(b for b in content.broadcasts if "ngay-bhyt-viet-nam" not in b.periods))
    messages = [p.message for p in bc.check_programmes(alone).items]
    assert any("“ngay-bhyt-viet-nam” chưa có bài phát thanh" in m for m in messages)


def test_each_script_has_a_page_and_a_printable_script_with_its_duration(site_dir, content):
    manifest = json.loads((site_dir / "pdf" / "manifest.json").read_text(encoding="utf-8"))
    kinds = {row["path"]: row["kind"] for row in manifest["files"]}
    for b in content.broadcasts:
        page = (site_dir / "phat-thanh" / b.id / "index.html").read_text(encoding="utf-8")
        assert b.title in page and "Thời lượng đọc" in page
        pdf = site_dir / "pdf" / "vi" / f"phat-thanh-{b.id}.pdf"
        assert kinds[f"pdf/vi/{pdf.name}"] == "broadcast"
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
        assert f"Thời lượng đọc: khoảng {bc.minutes_text(bc.minutes(content, b))}" in text
        assert "một chín không không, chín không sáu tám" in text  # the hotline at the end, as read
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        assert "bhxh-Noto-Sans" in fonts and " no " not in fonts.split("\n", 2)[2]  # theme fonts, embedded
    assert any(k == "broadcast-programme" for k in kinds.values())


def test_a_script_of_eight_minutes_stops_a_release_naming_its_minutes(tmp_path):
    proj = copy_project(tmp_path / "p")
    sentence = "Bà con hãy đến đại lý thu ở xã để được tư vấn về bảo hiểm xã hội tự nguyện và bảo hiểm y tế."
    paragraphs = "".join(f"  - {sentence} {sentence} {sentence} {sentence}\n" for _ in range(16))
    (proj / "broadcasts" / "bai-dai.yaml").write_text(
        "id: bai-dai\ntitle: Bài quá dài\naudiences: [nong-dan]\nperiods: [thi-dua-nuoc-rut]\nparagraphs:\n"
        + paragraphs + "status: approved\nreviewed: 2026-11-23\n", encoding="utf-8")
    messages = proj / "content" / "messages.yaml"
    messages.write_text(messages.read_text(encoding="utf-8").replace("status: draft", "status: approved", 1), encoding="utf-8")
    result = run_build(proj, "--release", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert re.search(r"broadcasts/bai-dai\.yaml:1:1: Bài phát thanh “bai-dai” đọc mất khoảng 8 phút \d+ giây \(8\.\d phút\)",
                     result.stderr), result.stderr[-1500:]
    assert "từ 3 đến 5 phút" in result.stderr and not (tmp_path / "out").exists()


def test_a_period_ending_on_29_february_is_counted_in_a_year_without_it():
    from types import SimpleNamespace
    assert bc.period_days(SimpleNamespace(start=(2, 1), end=(2, 29)), 2026) == 28
    assert bc.period_days(SimpleNamespace(start=(2, 1), end=(2, 29)), 2028) == 29
    assert bc.period_days(SimpleNamespace(start=(12, 15), end=(1, 20)), 2026) == 37  # across the new year


def test_syllables_are_words_and_abbreviations_are_spelled_out():
    from bhxhpub.locales.spoken import syllables
    assert syllables("Tham gia bảo hiểm xã hội, ngay hôm nay.") == 9
    assert syllables("Tham gia BHXH ngay") == 7  # bê hát ích hát
    assert syllables("ứng dụng VssID – 1 2") == 5  # a name in mixed case is one word; a dash is not read


def _fixture_locale(content, **changes):
    """A fixture locale with number words of its own (num2words' English, standing in for a language that has
    them) and, optionally, its own reading rate."""
    from dataclasses import replace

    from bhxhpub.model.settings import UnitWords
    words = UnitWords(percent="percent", vnd="dong", vnd_per_month="dong a month", years="years", months="months",
                      age="years old", times="times")
    tay = next(l for l in content.settings.locales if l.id == "tay")
    return replace(tay, number_words="en", unit_words=words, **changes)


def test_a_locale_with_number_words_reads_figures_in_its_words_at_its_rate(content):
    from bhxhpub.locales.spoken import voice_of
    loc = _fixture_locale(content, words_per_minute=120)
    voice = voice_of(content.settings, loc)
    assert voice.own and spoken_fact(content.facts["ty-le-dong-bhxh-tu-nguyen"], voice) == "twenty-two percent"
    assert spoken_fact(content.facts["chuan-ngheo-nong-thon"], voice) == "one million, five hundred thousand dong a month"
    b = next(b for b in content.broadcasts if b.id == "bhxh-tu-nguyen")
    assert "twenty-two percent" in bc.spoken_paragraphs(content, b, loc)[2]
    t = bc.timing(content, b, loc)
    assert t.own_rate and t.per_second == 2.0
    assert t.minutes == pytest.approx((t.words / 2.0 + bc.PAUSE_SECONDS * len(b.paragraphs)) / 60)
    plain = next(l for l in content.settings.locales if l.id == "tay")  # no figures of its own: the Vietnamese ones
    assert not voice_of(content.settings, plain).own
    assert "hai mươi hai phần trăm" in bc.spoken_paragraphs(content, b, plain)[2]
    assert not bc.timing(content, b, plain).own_rate and bc.timing(content, b, plain).per_second == 3.5


def test_number_words_must_be_a_language_the_library_reads_with_unit_words(tmp_path):
    from tests.model.test_validation import edit, problems_of, the_problem
    proj = copy_project(tmp_path / "p")
    line = edit(proj, "content/settings.yaml", "    native_name: Tày\n", "    native_name: Tày\n    number_words: xx\n") + 1
    the_problem(problems_of(proj), "content/settings.yaml", line, "num2words không có ngôn ngữ “xx”")
    edit(proj, "content/settings.yaml", "number_words: xx", "number_words: fr")
    the_problem(problems_of(proj), "content/settings.yaml", line, "thiếu unit_words")


def test_an_edition_chooses_the_southern_reading(tmp_path):
    from bhxhpub.pipeline.plan import validate
    proj = copy_project(tmp_path / "p")
    path = proj / "editions" / "can-tho" / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nlocales:", "\nnumber_reading: nam\nlocales:", 1), encoding="utf-8")
    content = validate(proj, edition="can-tho").content
    assert content.settings.number_reading == "nam"
    b = next(b for b in content.broadcasts if b.id == "bhxh-tu-nguyen")
    read = " ".join(bc.spoken_paragraphs(content, b))
    assert "một triệu năm trăm ngàn đồng một tháng" in read and "nghìn" not in read
    national = validate(proj).content
    assert "một triệu năm trăm nghìn đồng một tháng" in " ".join(bc.spoken_paragraphs(national, b))
