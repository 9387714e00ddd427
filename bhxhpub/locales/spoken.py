"""Figures as they are read aloud on the commune loudspeaker, and how long a script takes.

A script never prints "22%" for the person at the microphone: every [[fact]] becomes words
("hai mươi hai phần trăm", "một triệu năm trăm nghìn đồng một tháng"), numbers through num2words
(a maintained library with Vietnamese), decimals read digit by digit after "phẩy", and phone
numbers group by group as they are written ("một chín không không, chín không sáu tám").
Reading time: a written Vietnamese syllable is one space-separated word; the rate is
`settings.syllables_per_second` (about 3.5 outdoors, domain notes).

Vietnamese has two readings (domain notes): northern "một trăm linh năm", "một nghìn", "hai mươi tư";
southern "một trăm lẻ năm", "một ngàn", "hai mươi bốn" (`settings.number_reading`, an edition may choose
its own). Another locale reads figures with its own words where its settings give them (`number_words`: a
language num2words has, and `unit_words`); a locale without them reads the Vietnamese words (`Voice.own`
is False: the translation report marks the script).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import facts as factmod
from ..model.settings import Locale, Settings
from ..model.types import Fact

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
UNIT_WORDS = {"vnd": "đồng", "vnd_per_month": "đồng một tháng", "years": "năm", "months": "tháng", "age": "tuổi",
              "times": "lần", "percent": "phần trăm"}
_PHONE = re.compile(r"^\+?[0-9][0-9 .()\-]{5,24}[0-9]$")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def num2words(number, lang: str) -> str:
    """num2words' words for a number (the library is imported on first use: a build whose spoken
    texts all come from the cache reads no number)."""
    from num2words import num2words as words
    return words(number, lang=lang)


SCALES = ("", "nghìn", "triệu", "tỷ")
READINGS = ("bac", "nam")  # northern, southern
_SOUTH = ((re.compile(r"\blinh\b"), "lẻ"), (re.compile(r"\bnghìn\b"), "ngàn"), (re.compile(r"\bmươi tư\b"), "mươi bốn"))
_NORTH = ((re.compile(r"\blẻ\b"), "linh"), (re.compile(r"\bngàn\b"), "nghìn"), (re.compile(r"\bmươi bốn\b"), "mươi tư"))


@dataclass(frozen=True)
class Voice:
    """How a locale reads figures aloud."""

    lang: str = ""  # a num2words language ("" : Vietnamese words)
    units: tuple[tuple[str, str], ...] = ()  # fact unit -> the locale's word
    reading: str = "bac"  # the Vietnamese reading, northern or southern
    own: bool = True  # False: a locale without number words, reading the Vietnamese ones

    def unit(self, name: str) -> str:
        return dict(self.units).get(name, "") if self.lang else UNIT_WORDS[name]


NORTHERN = Voice()  # Vietnamese, northern reading (the settings' default)


def voice_of(settings: Settings, locale: Locale | None = None) -> Voice:
    """The voice of a locale (None or the default locale: Vietnamese, in the settings' regional reading)."""
    reading = settings.number_reading
    if locale is None or locale.id == settings.default_locale:
        return Voice(reading=reading)
    if locale.number_words:
        return Voice(lang=locale.number_words, units=locale.unit_words.items() if locale.unit_words else (),
                     reading=reading)
    return Voice(reading=reading, own=False)


def regional(words: str, reading: str) -> str:
    """Vietnamese number words in the northern or southern reading."""
    for pattern, word in (_SOUTH if reading == "nam" else _NORTH):
        words = pattern.sub(word, words)
    return words


def integer_words(n: int) -> str:
    """A whole number read in Vietnamese. num2words says each group of three digits; the groups
    are joined here, because a group after the first with no hundreds is read "không trăm"
    ("hai nghìn không trăm hai mươi lăm", "một triệu không trăm năm mươi nghìn"), which num2words
    0.5.14 gets wrong ("hai nghìn lẻ hai mươi lăm")."""
    if n < 1000:
        return num2words(n, lang="vi")
    groups = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    words = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        if i == len(groups) - 1 or g >= 100:
            part = num2words(g, lang="vi")
        elif g < 10:
            part = f"không trăm lẻ {num2words(g, lang='vi')}"
        else:
            part = f"không trăm {num2words(g, lang='vi')}"
        words.append(f"{part} {SCALES[i]}".strip())
    return " ".join(words)


def number_words(value: float | int, voice: Voice = NORTHERN) -> str:
    """1500000 -> "một triệu năm trăm nghìn"; 4.5 -> "bốn phẩy năm" (after "phẩy" the written
    decimals are read as a number, or digit by digit when they start with 0). Another locale's voice:
    num2words in its language."""
    if voice.lang:
        return num2words(value, lang=voice.lang)
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value}".split(".")
        decimals = integer_words(int(frac)) if frac[0] != "0" else " ".join(DIGITS[int(d)] for d in frac)
        return regional(f"{integer_words(int(whole))} phẩy {decimals}", voice.reading)
    return regional(integer_words(int(value)), voice.reading)


def phone_words(phone: str, voice: Voice = NORTHERN) -> str:
    """A phone number read group by group, each digit on its own: "1900.9068" ->
    "một chín không không, chín không sáu tám"."""
    groups = [g for g in re.split(r"[ .()\-]+", phone.lstrip("+")) if g]
    digit = (lambda d: num2words(int(d), lang=voice.lang)) if voice.lang else (lambda d: DIGITS[int(d)])
    return ", ".join(" ".join(digit(d) for d in g) for g in groups)


def date_words(text: str, voice: Voice = NORTHERN) -> str:
    """"01/07/2025" -> "ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm" (a date is read in
    Vietnamese: the locales' number words carry no date pattern)."""
    day, month, year = (int(x) for x in _DATE.match(text).groups())
    words = f"ngày {integer_words(day)} tháng {integer_words(month)} năm {integer_words(year)}"
    return regional(words, voice.reading)


def spoken_fact(fact: Fact, voice: Voice = NORTHERN) -> str:
    """A fact's value as the person at the microphone says it."""
    v = fact.value
    if fact.unit == "list":
        return "; ".join(v) if isinstance(v, tuple) else str(v)
    if fact.unit == "text" or isinstance(v, str):
        text = str(v)
        if _PHONE.match(text):
            return phone_words(text, voice)
        if _DATE.match(text):
            return date_words(text, voice)
        return text
    return f"{number_words(v, voice)} {voice.unit(fact.unit)}".strip()


def speak(text: str, facts: dict[str, Fact], quoted: dict[str, str], voice: Voice = NORTHERN) -> str:
    """A script paragraph as read: figures in words, quotes as their official wording, the hotline
    digit by digit."""
    def one(m: re.Match) -> str:
        token = m.group(1)
        if token == "setting:hotline":
            return phone_words(quoted[token], voice)
        if factmod.is_quote(token):
            return quoted.get(token, "")
        return spoken_fact(facts[token], voice)
    return factmod.TOKEN_RE.sub(one, text)


def syllables(text: str) -> int:
    """Syllables as read: a written Vietnamese syllable is a space-separated word (punctuation is
    not read); an abbreviation in capitals is spelled out, one syllable a letter ("BHXH": bê hát
    ích hát)."""
    count = 0
    for word in re.split(r"\s+", text):
        core = re.sub(r"\W", "", word)
        if not core:
            continue
        count += len(core) if len(core) >= 2 and core.isalpha() and core.isupper() else 1
    return count


def seconds(texts: list[str], per_second: float) -> float:
    return sum(syllables(t) for t in texts) / per_second
