"""Balanced display lines that break between words only, phrase boundaries first."""
from __future__ import annotations

import pytest

from bhxhpub.channels.largeformat.signfit import fit_text
from bhxhpub.pdf.fontmetrics import read_metrics
from bhxhpub.pdf.linebreak import display_lines, lines_for_width
from bhxhpub.render.words import Display, WordStore, display_text
from tests.support import ROOT


@pytest.fixture(scope="module")
def bold():
    return read_metrics(ROOT / "theme" / "fonts" / "NotoSans-Bold.ttf")


def vi(text: str, rules=()) -> Display:
    return display_text(text, "vi", "Latn", WordStore(), rules)


def test_no_line_breaks_inside_a_word_at_any_number_of_lines(bold):
    display = vi("Tham gia bảo hiểm xã hội là bảo vệ cuộc sống của mỗi gia đình.")
    for count in range(1, 7):
        lines, _ = display_lines(display, bold, count)
        joined = "|".join(lines).lower()
        for word in ("bảo hiểm", "xã hội", "cuộc sống", "gia đình", "bảo vệ", "tham gia"):
            assert word.replace(" ", "|") not in joined, (count, lines)


def test_a_phrase_boundary_wins_over_a_slightly_narrower_cut(bold):
    assert display_lines(vi("Bảo hiểm xã hội là đầu tư cho tương lai"), bold, 3)[0] == (
        "Bảo hiểm xã hội", "là đầu tư", "cho tương lai")
    plain = display_text("Bảo hiểm xã hội là đầu tư cho tương lai", "en", "Latn")  # every break alike
    assert display_lines(plain, bold, 3)[0] != ("Bảo hiểm xã hội", "là đầu tư", "cho tương lai")


def test_a_title_takes_the_fewest_lines_that_fit_its_column(bold):
    display = vi("Vì sao người dân nên tham gia BHXH tự nguyện, BHYT hộ gia đình", ["hộ_gia_đình"])
    width = 60.0
    lines = lines_for_width(display, bold, width)
    assert all(sum(bold.advance(c) for c in line) <= width * bold.units_per_em for line in lines)
    assert "BHYT hộ gia đình" in lines[-1] or lines[-1] == "hộ gia đình"
    fewer = lines_for_width(display, bold, 1000.0)
    assert len(fewer) == 1


def test_a_pennant_stacks_one_syllable_a_line_or_breaks_between_words_never_both(bold):
    display = vi("BHXH giúp bạn yên tâm sinh con")
    stacked = fit_text(display, bold, 700, 2000, 8, stack=True)  # tall and narrow
    words = fit_text(display, bold, 700, 2000, 8)
    assert stacked.lines == ("BHXH", "giúp", "bạn", "yên", "tâm", "sinh", "con")
    assert "yên tâm" in words.lines and "sinh con" in " ".join(words.lines)
    wide = fit_text(display, bold, 6000, 700, 8, stack=True)  # a banner shape never stacks
    assert all(" " in line for line in wide.lines) or len(wide.lines) == 1
