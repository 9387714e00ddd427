"""Short messages (SMS without and with marks, Zalo) written beside messages, slogans and leaflets.

Each text gets the call to action from settings appended (`{phone}`: the hotline, or a local
edition's office), and is checked as sent: an `sms` text only in GSM-7 (a Vietnamese mark is an
error naming the character: the editor writes the unmarked text, nothing is folded automatically),
at most `short_texts.max_parts` segments for either SMS, and Zalo paragraphs of at most 400
characters with no link or phone number inside (Zalo ZNS rules, domain notes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import Problems
from ...model.settings import Settings
from ...rules.sms import call_to_action, count, outside_gsm7

ZALO_MAX = 400
FORMULA_STARTS = ("=", "+", "-", "@")  # what spreadsheets read as the start of a formula
CHANNELS = ("sms", "sms_unicode", "zalo")
CHANNEL_LABELS = {"sms": "SMS không dấu", "sms_unicode": "SMS có dấu", "zalo": "Zalo"}
KINDS = {"Message": "message", "Slogan": "slogan", "Leaflet": "leaflet"}
_LINK = re.compile(r"https?://|www\.|\b[a-z0-9-]+\.(vn|com|net|org)\b", re.IGNORECASE)
_PHONE_IN_TEXT = re.compile(r"(?<!\d)(\+?\d[\d .\-]{6,}\d)(?!\d)")


@dataclass(frozen=True)
class ShortMessage:
    kind: str  # message, slogan, leaflet
    id: str
    channel: str  # sms, sms_unicode, zalo
    text: str  # as sent: the editor's text and the call to action
    encoding: str
    characters: int
    segments: int
    status: str
    item: object


def short_messages(settings: Settings, items) -> list[ShortMessage]:
    """Every short text of the items, as it will be sent."""
    out = []
    for item in items:
        short = getattr(item, "short", None)
        if short is None:
            continue
        for channel in CHANNELS:
            body = getattr(short, channel).strip()
            if not body:
                continue
            text = f"{body} {call_to_action(settings, channel)}"
            if channel == "zalo":
                out.append(ShortMessage(KINDS[type(item).__name__], item.id, channel, text, "Unicode", len(text), 1,
                                        item.editorial.status, item))
            else:
                c = count(text)
                out.append(ShortMessage(KINDS[type(item).__name__], item.id, channel, text, c.encoding, c.characters,
                                        c.segments, item.editorial.status, item))
    return out


def check_short_texts(settings: Settings, items) -> Problems:
    """What a carrier or Zalo would refuse or split, with the item's line and the counts."""
    p = Problems()
    for m in short_messages(settings, items):
        short = m.item.short
        where = short.where.at(m.channel) if short.where else m.item.where.at("short")
        label = CHANNEL_LABELS[m.channel]
        body = getattr(m.item.short, m.channel).strip()
        if body[:1] in FORMULA_STARTS:  # the CSV goes to Excel: a cell starting like this is run as a formula
            p.add(*where, f"Tin {label} của “{m.id}” bắt đầu bằng “{body[0]}”: Excel sẽ hiểu cả ô là công thức.",
                  "Bắt đầu tin bằng chữ, không bằng =, +, - hay @.")
        if m.channel == "sms":
            bad = outside_gsm7(m.text)
            if bad:
                shown = ", ".join(f"“{c}”" for c in bad[:8])
                p.add(*where, f"Tin {label} của “{m.id}” có ký tự không gửi được bằng GSM-7: {shown}.",
                      "Viết tin không dấu (a, d thay cho ă, đ…); tin có dấu viết ở trường sms_unicode.")
                continue
        if m.channel in ("sms", "sms_unicode") and m.segments > settings.sms_max_parts:
            per = "160 ký tự (153 mỗi phần khi ghép)" if m.encoding == "GSM-7" else "70 ký tự (67 mỗi phần khi ghép)"
            p.add(*where, f"Tin {label} của “{m.id}” dài {m.characters} ký tự kể cả lời kêu gọi, thành {m.segments} tin "
                  f"({m.encoding}); tối đa {settings.sms_max_parts} tin.",
                  f"Rút gọn: mỗi tin {m.encoding} chứa {per}; lời kêu gọi “{call_to_action(settings, m.channel)}” đã được tính.")
        if m.channel == "zalo":
            body = getattr(m.item.short, "zalo")
            if m.characters > ZALO_MAX:
                p.add(*where, f"Đoạn Zalo của “{m.id}” dài {m.characters} ký tự kể cả lời kêu gọi; tối đa {ZALO_MAX}.",
                      "Rút gọn đoạn tin.")
            if _LINK.search(body) or _PHONE_IN_TEXT.search(body):
                p.add(*where, f"Đoạn Zalo của “{m.id}” có đường dẫn hoặc số điện thoại trong nội dung: Zalo không cho phép.",
                      "Bỏ đường dẫn, số điện thoại khỏi đoạn tin; Zalo có nút riêng cho trang web và cuộc gọi.")
    return p


def check_translated(source_rows, theirs, settings: Settings) -> Problems:
    """Translated texts a carrier would split more than the Vietnamese (or past `max_parts`), an unmarked SMS
    with marks, a Zalo paragraph too long: a release refuses them (a preview warns)."""
    p = Problems()
    vi = {(m.kind, m.id, m.channel): m for m in source_rows}
    for locale, rows in theirs:
        where = (f"content/short-texts.{locale}.yaml", 0, 0)
        for m in rows:
            label = CHANNEL_LABELS[m.channel]
            v = vi.get((m.kind, m.id, m.channel))
            if m.channel == "sms" and outside_gsm7(m.text):
                p.add(*where, f"Bản dịch ({locale}) tin {label} của “{m.id}” có ký tự không gửi được bằng GSM-7: "
                      + ", ".join(f"“{c}”" for c in outside_gsm7(m.text)[:8]) + ".",
                      "Viết bản dịch không dấu; tin có dấu dịch ở dòng sms_unicode.")
            elif m.channel != "zalo" and (m.segments > settings.sms_max_parts or (v is not None and m.segments > v.segments)):
                p.add(*where, f"Bản dịch ({locale}) tin {label} của “{m.id}” dài {m.characters} ký tự kể cả lời kêu gọi, "
                      f"thành {m.segments} tin ({m.encoding}); bản tiếng Việt {v.segments if v else '?'} tin, tối đa "
                      f"{settings.sms_max_parts} tin.", "Rút gọn bản dịch (1 tin: 160 ký tự GSM-7 hoặc 70 ký tự Unicode).")
            elif m.channel == "zalo" and m.characters > ZALO_MAX:
                p.add(*where, f"Bản dịch ({locale}) đoạn Zalo của “{m.id}” dài {m.characters} ký tự; tối đa {ZALO_MAX}.",
                      "Rút gọn bản dịch.")
    return p
