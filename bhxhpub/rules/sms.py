"""Counting a short message as carriers do (3GPP TS 23.038, GSM 03.38).

A text made only of the GSM 7-bit default alphabet travels as GSM-7: 160 characters in one
message, 153 in each part of a longer one; the characters of the extension table ({ } [ ] ~ \\ | ^ €
and form feed) are sent as an escape plus a code, so they count twice and a part never splits
them. Any other character (every Vietnamese letter with a mark, đ included) makes the whole text
UCS-2: 70 characters in one message, 67 in each part, counted in UTF-16 code units. The tables
below are the standard's, typed from it; tests check edge cases against the published limits.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model.editions import is_phone
from ..model.settings import Settings

GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = "\f^{}\\[~]|€"
_BASIC = set(GSM7_BASIC) - {"\x1b"}  # the escape itself is not a character a text may contain
_EXTENSION = set(GSM7_EXTENSION)

GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


@dataclass(frozen=True)
class SmsCount:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2)
    characters: int  # characters as a reader counts them
    segments: int  # messages the carrier sends (1 for an empty text)


def outside_gsm7(text: str) -> list[str]:
    """The characters of a text that GSM-7 cannot carry, each once, in order of appearance."""
    return list(dict.fromkeys(c for c in text if c not in _BASIC and c not in _EXTENSION))


def count(text: str) -> SmsCount:
    """How a carrier counts `text`: its encoding, length in units and number of segments."""
    if not outside_gsm7(text):
        units = sum(2 if c in _EXTENSION else 1 for c in text)
        if units <= GSM7_SINGLE:
            return SmsCount("GSM-7", units, len(text), 1)
        segments, used = 1, 0
        for c in text:  # an escape and its code never straddle two parts
            width = 2 if c in _EXTENSION else 1
            if used + width > GSM7_PART:
                segments, used = segments + 1, 0
            used += width
        return SmsCount("GSM-7", units, len(text), segments)
    units = len(text.encode("utf-16-le")) // 2
    if units <= UCS2_SINGLE:
        return SmsCount("UCS-2", units, len(text), 1)
    segments, used = 1, 0
    for c in text:  # a surrogate pair never straddles two parts
        width = len(c.encode("utf-16-le")) // 2
        if used + width > UCS2_PART:
            segments, used = segments + 1, 0
        used += width
    return SmsCount("UCS-2", units, len(text), segments)


def phone_of(settings: Settings) -> str:
    """The number a short text sends people to: the local office's when it has a confirmed one."""
    office = settings.local_office.phone
    return office if office and is_phone(office) else settings.hotline.phone


def call_to_action(settings: Settings, channel: str) -> str:
    """What ends every text of a channel (settings `short_texts`), counted with it."""
    template = {"sms": settings.sms_call_to_action, "sms_unicode": settings.unicode_call_to_action,
                "zalo": settings.zalo_call_to_action}[channel]
    return template.replace("{phone}", phone_of(settings))


def as_sent(body: str, settings: Settings, channel: str) -> str:
    """A short text as it is sent: the editor's (or translator's) text and the call to action."""
    return f"{body.strip()} {call_to_action(settings, channel)}"
