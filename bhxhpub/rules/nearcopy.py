"""Official wording is quoted exactly or by reference, never nearly.

A campaign's messages and slogans are official texts: a leaflet, a Q&A answer or a call to action
that repeats one with a few words changed ("chỗ dựa lúc tuổi già" for "chỗ dựa tài chính lúc tuổi
già") misquotes the plan. This check compares every sentence of every text that prints figures
(the texts an editor writes) with every message and slogan, after the same normalisation on both
sides (NFC, lower case, punctuation dropped, the usual abbreviations BHXH/BHYT spelled out). A
sentence is a **near-copy** when its similarity with an official text is at least `THRESHOLD` but
the official words do not appear in it exactly. Quote tokens ([[msg:id]], [[slogan:id]]) are
removed first: a reference is exact by construction.

The threshold: similarity is difflib's ratio on words (2 × matching words / all words). On the
shipped content the known near-copies score 0.78–0.92 (a shortened subtitle, two calls to action
that rewrite a message), while the highest score of any other sentence against any official text
is below 0.6 (the test `test_the_threshold_separates_near_copies_from_ordinary_sentences` keeps the
measured figures honest). 0.75 sits in that gap and also catches one or two changed words in a
ten-word slogan (0.8–0.9).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..errors import Problems
from ..model import facts as factmod
from ..model.types import Content
from .timeline import figure_texts

THRESHOLD = 0.75
MIN_WORDS = 5  # shorter official texts ("BHXH cho mọi người") are too common to compare
ABBREVIATIONS = {"bhxh": "bảo hiểm xã hội", "bhyt": "bảo hiểm y tế", "bhtn": "bảo hiểm thất nghiệp"}
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """A text as the words it reads: NFC, lower case, no punctuation, abbreviations spelled out."""
    out: list[str] = []
    for w in _WORD.findall(unicodedata.normalize("NFC", text).lower()):
        out.extend(ABBREVIATIONS.get(w, w).split())
    return out


def similarity(a: list[str], b: list[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


@dataclass(frozen=True)
class NearCopy:
    item: object
    sentence: str
    official_kind: str  # "msg" or "slogan"
    official_id: str
    official_text: str
    score: float


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(factmod.TOKEN_RE.sub(" ", text)) if s.strip()]


def official_texts(content: Content) -> list[tuple[str, str, str]]:
    """(kind, id, text) of every message and slogan long enough to compare."""
    out = [("msg", m.id, m.text) for m in content.messages] + [("slogan", s.id, s.text) for s in content.slogans]
    return [o for o in out if len(words(o[2])) >= MIN_WORDS]


def near_copies(content: Content, items=None) -> list[NearCopy]:
    """Every sentence of the editors' texts that nearly, but not exactly, repeats an official text."""
    officials = []
    for k, i, t in official_texts(content):
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(words(t))  # the official side is indexed once, not once per sentence
        officials.append((k, i, t, matcher.b, matcher))
    if items is None:
        items = [*content.leaflets, *content.qa, *content.broadcasts]
    found: list[NearCopy] = []
    for item in items:
        for text in figure_texts(item):
            for sentence in sentences(text):
                sw = words(sentence)
                if not sw:
                    continue
                best = None
                for kind, ident, official, ow, matcher in officials:
                    if _contains(sw, ow):
                        best = None  # quoted exactly: fine, whatever else the sentence says
                        break
                    matcher.set_seq1(sw)
                    if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
                        continue  # upper bounds of the ratio: below the threshold, the ratio is too
                    score = matcher.ratio()
                    if score >= THRESHOLD and (best is None or score > best.score):
                        best = NearCopy(item, sentence, kind, ident, official, score)
                if best is not None:
                    found.append(best)
    return found


def check_near_copies(content: Content, items=None) -> Problems:
    """The near-copies as problems (a warning in a preview, a refusal in a release)."""
    p = Problems()
    for nc in near_copies(content, items):
        w = nc.item.where
        kind = factmod.QUOTE_PREFIXES[nc.official_kind]
        p.add(w.file, w.line, w.column,
              f"“{nc.item.id}” gần giống {kind} chính thức “{nc.official_id}” nhưng không đúng nguyên văn "
              f"(giống {nc.score:.0%}): “{nc.sentence}” – nguyên văn: “{nc.official_text}”.",
              f"Trích đúng nguyên văn, hoặc thay câu bằng [[{nc.official_kind}:{nc.official_id}]] để in đúng {kind}; "
              "nếu đây không phải trích dẫn, viết lại bằng lời khác.")
    return p
