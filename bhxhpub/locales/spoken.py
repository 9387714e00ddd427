"""Figures as they are read aloud on the commune loudspeaker, and how long a script takes.

A script never prints "22%" for the person at the microphone: every [[fact]] becomes words
("hai mươi hai phần trăm", "một triệu năm trăm nghìn đồng một tháng"), numbers through num2words
(a maintained library with Vietnamese), decimals read digit by digit after "phẩy", and phone
numbers group by group as they are written ("một chín không không, chín không sáu tám").
Reading time: a written Vietnamese syllable is one space-separated word; the rate is
`settings.syllables_per_second` (about 3.5 outdoors, domain notes).
"""
from __future__ import annotations

import re

from num2words import num2words

from ..model import facts as factmod
from ..model.types import Fact

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
UNIT_WORDS = {"vnd": "đồng", "vnd_per_month": "đồng một tháng", "years": "năm", "months": "tháng", "age": "tuổi",
              "times": "lần", "percent": "phần trăm"}
_PHONE = re.compile(r"^\+?[0-9][0-9 .()\-]{5,24}[0-9]$")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


SCALES = ("", "nghìn", "triệu", "tỷ")


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


def number_words(value: float | int) -> str:
    """1500000 -> "một triệu năm trăm nghìn"; 4.5 -> "bốn phẩy năm" (after "phẩy" the written
    decimals are read as a number, or digit by digit when they start with 0)."""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value}".split(".")
        decimals = integer_words(int(frac)) if frac[0] != "0" else " ".join(DIGITS[int(d)] for d in frac)
        return f"{integer_words(int(whole))} phẩy {decimals}"
    return integer_words(int(value))


def phone_words(phone: str) -> str:
    """A phone number read group by group, each digit on its own: "1900.9068" ->
    "một chín không không, chín không sáu tám"."""
    groups = [g for g in re.split(r"[ .()\-]+", phone.lstrip("+")) if g]
    return ", ".join(" ".join(DIGITS[int(d)] for d in g) for g in groups)


def date_words(text: str) -> str:
    """"01/07/2025" -> "ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm"."""
    day, month, year = (int(x) for x in _DATE.match(text).groups())
    return f"ngày {integer_words(day)} tháng {integer_words(month)} năm {integer_words(year)}"


def spoken_fact(fact: Fact) -> str:
    """A fact's value as the person at the microphone says it."""
    v = fact.value
    if fact.unit == "list":
        return "; ".join(v) if isinstance(v, tuple) else str(v)
    if fact.unit == "text" or isinstance(v, str):
        text = str(v)
        if _PHONE.match(text):
            return phone_words(text)
        if _DATE.match(text):
            return date_words(text)
        return text
    return f"{number_words(v)} {UNIT_WORDS[fact.unit]}"


def speak(text: str, facts: dict[str, Fact], quoted: dict[str, str]) -> str:
    """A script paragraph as read: figures in words, quotes as their official wording, the hotline
    digit by digit."""
    def one(m: re.Match) -> str:
        token = m.group(1)
        if token == "setting:hotline":
            return phone_words(quoted[token])
        if factmod.is_quote(token):
            return quoted.get(token, "")
        return spoken_fact(facts[token])
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
