"""Display type breaks between words: Vietnamese words from the segmenter (cached per text), the
editor's splits from settings, other languages at spaces or between Khmer words."""
from __future__ import annotations

import pytest

from bhxhpub.render import words as words_module
from bhxhpub.render.cache import OutputCache
from bhxhpub.render.words import BOUND, PHRASE, POOR, WORD, WordStore, display_text, split_units, store_for


def units(text: str, rules=(), lang="vi") -> list[str]:
    return list(display_text(text, lang, "Latn", WordStore(), rules).units)


def test_vietnamese_syllables_of_one_word_stay_together():
    assert units("Bảo hiểm xã hội là đầu tư cho tương lai") == ["Bảo hiểm xã hội", "là", "đầu tư", "cho", "tương lai"]
    assert "cuộc sống" in units("Tham gia BHXH là bảo vệ cuộc sống của mỗi gia đình")
    assert "gia đình" in units("Tham gia BHXH là bảo vệ cuộc sống của mỗi gia đình")


def test_phrase_boundaries_are_the_best_breaks_and_a_determiner_never_ends_a_line_happily():
    display = display_text("Tham gia BHXH là bảo vệ cuộc sống của mỗi gia đình", "vi", "Latn", WordStore())
    cost = dict(zip(display.units, display.costs))
    assert cost["là"] == PHRASE and cost["của"] == PHRASE  # copula and preposition open a phrase
    assert cost["gia đình"] == POOR  # after "mỗi"
    assert cost["bảo vệ"] == POOR  # after "là"
    assert cost["cuộc sống"] == WORD
    assert display_text("Trốn đóng, nợ đóng BHXH", "vi", "Latn", WordStore()).costs[2] == PHRASE  # after a comma


def test_the_editors_splits_bind_a_word_or_allow_a_break():
    assert "một lần" not in units("Vì sao không nên nhận BHXH một lần")  # the segmenter splits it
    assert "một lần" in units("Vì sao không nên nhận BHXH một lần", ["một_lần"])
    assert units("Bảo hiểm xã hội cho mọi người", ["bảo_hiểm xã_hội"])[:2] == ["Bảo hiểm", "xã hội"]


def test_other_languages_break_at_spaces_and_khmer_between_words():
    assert units("Social insurance for everyone", lang="en") == ["Social", "insurance", "for", "everyone"]
    assert units("Pao hiểm xã hội", lang="tyz") == ["Pao", "hiểm", "xã", "hội"]  # Latin-script ethnic language
    khmer = split_units("ក\u200bខ គ")
    assert khmer.units == ("ក", "ខ", "គ") and khmer.seps == ("", "\u200b", " ")


def test_a_word_kept_together_prints_with_nowrap_and_stacks_one_syllable_a_line():
    display = display_text("Hãy chủ động tham gia", "vi", "Latn", WordStore())
    assert display.text == "Hãy chủ động tham gia"
    assert display.bound() == "Hãy chủ\u00a0động tham\u00a0gia"
    assert display.syllables().units == ("Hãy", "chủ", "động", "tham", "gia")


def test_the_segmenter_is_asked_once_per_text_and_its_answer_is_kept_in_the_cache(tmp_path, monkeypatch):
    import underthesea
    calls = []
    real = underthesea.pos_tag
    monkeypatch.setattr(underthesea, "pos_tag", lambda text: calls.append(text) or real(text))
    store = WordStore(OutputCache(tmp_path))
    first = store.tagged("Bảo hiểm xã hội là đầu tư cho tương lai")
    assert store.tagged("Bảo hiểm xã hội là đầu tư cho tương lai") == first and len(calls) == 1
    # another process (a new store) reads the answer from the cache without the segmenter
    monkeypatch.setattr(underthesea, "pos_tag", lambda text: pytest.fail("the segmenter was asked again"))
    assert WordStore(OutputCache(tmp_path)).tagged("Bảo hiểm xã hội là đầu tư cho tương lai") == first


def test_a_build_without_cache_keeps_the_answers_in_memory_only(tmp_path):
    assert store_for(None).cache is None
    assert store_for(tmp_path).cache.folder == tmp_path / "words"


def test_a_check_reads_earlier_answers_from_the_cache_and_stores_none(tmp_path):
    text = "Bảo hiểm xã hội là đầu tư cho tương lai"
    WordStore(OutputCache(tmp_path)).tagged(text)  # a build stored it
    stored = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    reader = WordStore(OutputCache(tmp_path, read_only=True))
    assert reader.tagged(text) == WordStore(OutputCache(tmp_path)).tagged(text)
    reader.tagged("Tham gia bảo hiểm xã hội tự nguyện")  # new to the cache: kept in memory only
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()) == stored
    assert store_for(tmp_path, read_only=True).cache.read_only


def test_when_the_words_do_not_spell_the_text_it_breaks_at_spaces():
    class Odd(WordStore):
        def tagged(self, text):
            return (("hoàn toàn khác", "N"),)
    display = words_module.vietnamese_units("Bảo hiểm xã hội", Odd())
    assert display.units == ("Bảo", "hiểm", "xã", "hội") and BOUND not in display.costs
