"""Where display type may break a line: words, not syllables, and phrase boundaries first.

Vietnamese writes every syllable apart, but a word is often two or three syllables ("bảo hiểm",
"xã hội", "cuộc sống"): a headline that breaks at any space cuts words in two ("Bảo hiểm xã /
hội là …"). Display lines (banners, pennants, posters, share images, leaflet titles) are set from
a `Display`: the text as units that never break (words) and, for each gap between two units, how
good a line break there is:

    PHRASE 0  after punctuation, before a preposition, conjunction or the copula "là"
    WORD   1  between two words
    POOR   2  after a determiner, numeral, classifier, preposition, conjunction or adverb, or
              after "là", "sự", "việc" ("mỗi | gia đình", "của | mỗi", "Hãy | chủ động", "là | đầu tư")

Vietnamese words and their parts of speech come from underthesea (Apache-2.0, a CRF word
segmenter and tagger whose models ship in the package: nothing is fetched). It is asked once per
text: the answer is kept in the process and, when the build caches, under .cache/outputs/words/
(an import and model load cost about 1.3 s; a build whose texts did not change never pays it).
Where the segmenter is wrong, the editor writes the right split in content/settings.yaml
`display_words` ("một_lần": bound; "bảo_hiểm xã_hội": two words, a break allowed between).

Other languages keep their own rules: Khmer breaks between words (U+200B from segment.py), Latin-
script and Tai Viet texts at spaces. Body text is not set from here: it breaks between syllables.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .cache import OutputCache
from .segment import ZWSP
from .text import prepare_text

PHRASE, WORD, POOR = 0, 1, 2
BOUND = -1  # inside a word: never a break
SEGMENTER = "underthesea"
_STARTS_PHRASE = {"E", "C", "CC"}  # prepositions and conjunctions open a phrase
_ENDS_POORLY = {"L", "M", "Nc", "E", "C", "CC", "R"}  # these lean on the word after them
_COPULA = {"là"}
_LEANS = {"là", "sự", "việc", "cuộc", "hãy", "các", "những", "mọi", "mỗi"}  # whatever their tag: never end a line
_PUNCT = re.compile(r"[,.;:!?…–—\-)\]»”]$")


@dataclass(frozen=True)
class Display:
    """A display text: units that never break, the separator before each ("" for the first, a space,
    or U+200B between Khmer words) and the cost of a break before each unit (costs[0] unused)."""

    units: tuple[str, ...]
    seps: tuple[str, ...]
    costs: tuple[int, ...]

    @property
    def text(self) -> str:
        return "".join(sep + unit for sep, unit in zip(self.seps, self.units))

    def syllables(self) -> Display:
        """Every syllable its own unit: a tall pennant may stack one syllable per line."""
        units, seps = [], []
        for sep, unit in zip(self.seps, self.units):
            for k, part in enumerate(unit.split(" ")):
                units.append(part)
                seps.append(sep if k == 0 else " ")
        return Display(tuple(units), tuple(seps), (WORD,) * len(units))

    def bound(self) -> str:
        """The text with U+00A0 between the syllables of each word (for a flowed line WeasyPrint breaks)."""
        return "".join(sep + unit.replace(" ", "\u00a0") for sep, unit in zip(self.seps, self.units))


def split_units(text: str) -> Display:
    """A text broken at spaces and U+200B only (Latin-script, Tai Viet, Khmer after segment.py)."""
    units: list[str] = []
    seps: list[str] = []
    for match in re.finditer(r"([ \u200b]*)([^ \u200b]+)", text):
        sep = match.group(1)
        units.append(match.group(2))
        seps.append("" if not units[:-1] else (" " if " " in sep else ZWSP))
    costs = tuple(PHRASE if i and _PUNCT.search(units[i - 1]) else WORD for i in range(len(units)))
    return Display(tuple(units), tuple(seps), costs)


class WordStore:
    """The segmenter's answers by text: in this process, and in an output cache when the build has one."""

    def __init__(self, cache: Optional[OutputCache] = None):
        self.cache = cache
        self.memory: dict[str, tuple[tuple[str, str], ...]] = {}

    def tagged(self, text: str) -> tuple[tuple[str, str], ...]:
        """(word, part of speech) of a Vietnamese text, in order; words have spaces between syllables."""
        if text in self.memory:
            return self.memory[text]
        key = hashlib.sha256(f"{SEGMENTER}={segmenter_version()}\0{text}".encode()).hexdigest()
        blob = self.cache.get(key) if self.cache is not None else None
        if blob is not None:
            found = tuple(tuple(pair) for pair in json.loads(blob))
        else:
            from underthesea import pos_tag
            found = tuple((str(word), str(tag)) for word, tag in pos_tag(text))
            if self.cache is not None:
                self.cache.put(key, json.dumps(found, ensure_ascii=False).encode("utf-8"))
        self.memory[text] = found
        return found


@lru_cache(maxsize=1)
def segmenter_version() -> str:
    from importlib import metadata
    return metadata.version(SEGMENTER)


@lru_cache(maxsize=8)
def word_store(folder: Optional[Path], read_only: bool = False) -> WordStore:
    """One store per cache folder and process (None: no persistent cache)."""
    return WordStore(OutputCache(folder, read_only) if folder is not None else None)


def store_for(cache_dir: Optional[Path], read_only: bool = False) -> WordStore:
    """The word store of a build: under its output cache (.cache/outputs/words/), or in memory only;
    read_only (`check`): earlier builds' answers are used, new ones are kept in memory only."""
    return word_store(Path(cache_dir) / "words" if cache_dir is not None else None, read_only)


def _fold(text: str) -> str:
    """Lower case without marks, one character per character (the segmenter may move a tone mark)."""
    return "".join((unicodedata.normalize("NFD", c.lower()) or c)[0] for c in text)


def _gaps(syllables: list[str], tagged: Iterable[tuple[str, str]]) -> Optional[list[int]]:
    """The cost of a break before each syllable (index 0 unused) from the tagged words, or None when
    the words do not spell the text (the segmenter normalised something): then the text breaks at spaces."""
    owner: list[int] = []  # syllable of each non-space character
    chars: list[str] = []
    for i, syllable in enumerate(syllables):
        owner += [i] * len(syllable)
        chars += list(_fold(syllable))
    spans: list[tuple[int, int, str, str]] = []  # (first syllable, last syllable, word, tag)
    at = 0
    for word, tag in tagged:
        letters = _fold(word.replace(" ", ""))
        if not letters:
            continue
        if "".join(chars[at:at + len(letters)]) != letters:
            return None
        spans.append((owner[at], owner[at + len(letters) - 1], word, tag))
        at += len(letters)
    if at != len(chars):
        return None
    costs = [WORD] * len(syllables)
    for first, last, _, _ in spans:
        for k in range(first + 1, last + 1):
            costs[k] = BOUND
    for (_, end, word, tag), (start, _, following, next_tag) in zip(spans, spans[1:]):
        if start != end + 1 or costs[start] == BOUND:
            continue  # punctuation inside a syllable, or a gap a word already covers
        if tag == "CH" or next_tag in _STARTS_PHRASE or following.lower() in _COPULA:
            costs[start] = PHRASE
        elif tag in _ENDS_POORLY or word.lower() in _LEANS:
            costs[start] = POOR
    return costs


def _apply_rules(syllables: list[str], costs: list[int], rules: Iterable[str]) -> None:
    """The editor's splits (settings `display_words`): "_" binds two syllables, a space allows a break."""
    folded = [re.sub(r"\W+$", "", s).lower() for s in syllables]
    for rule in rules:
        parts = re.split(r"([ _])", rule.strip().lower())
        words, joins = parts[0::2], parts[1::2]
        for start in range(len(folded) - len(words) + 1):
            if folded[start:start + len(words)] != words:
                continue
            for k, join in enumerate(joins, start=start + 1):
                if join == "_":
                    costs[k] = BOUND
                elif costs[k] == BOUND:
                    costs[k] = WORD


def vietnamese_units(text: str, store: WordStore, rules: Iterable[str] = ()) -> Display:
    """A Vietnamese text as words (the segmenter, then the editor's rules)."""
    syllables = text.split()
    if len(syllables) < 2:
        return split_units(text)
    costs = _gaps(syllables, store.tagged(" ".join(syllables))) or list(split_units(" ".join(syllables)).costs)
    _apply_rules(syllables, costs, rules)
    units: list[str] = []
    kept: list[int] = []
    for syllable, cost in zip(syllables, costs):
        if units and cost == BOUND:
            units[-1] += " " + syllable
        else:
            units.append(syllable)
            kept.append(cost if len(units) > 1 else WORD)
    return Display(tuple(units), ("",) + (" ",) * (len(units) - 1), tuple(kept))


def display_text(text: str, lang: str, script: str, store: Optional[WordStore] = None, rules: Iterable[str] = ()) -> Display:
    """A text prepared for display type in a language: NFC, Khmer words apart (prepare_text), and
    for Vietnamese its words bound (store: the segmenter's answers; rules: the editor's splits)."""
    prepared = prepare_text(text, script)
    if lang.split("-")[0].lower() == "vi" and script == "Latn":
        return vietnamese_units(prepared, store or word_store(None), tuple(rules))
    return split_units(prepared)
