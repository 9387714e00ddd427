"""The limits a text travels with to the translator, and the import's checks of them.

    limit_note     what a row tells the translator: an SMS's budget ("1 tin: 160 ký tự GSM-7 hoặc 70 ký tự
                   Unicode") with the Vietnamese's own count, a Zalo paragraph's 400 characters, a script
                   paragraph's Vietnamese reading time
    check_limits   warnings at import: a translated SMS that needs more segments than the Vietnamese (or that an
                   unmarked channel cannot carry), a Zalo paragraph over its limit. A release build refuses the
                   same texts (channels/short_texts); the import reports them and writes the draft.

Counts are of the text as it is sent: the body and the call to action of the locale (its translation when one
is approved or drafted, the Vietnamese otherwise), counted as carriers do (rules/sms.py): an H'Mông text in
plain Latin letters travels as GSM-7, a Tày text with marks as UCS-2.
"""
from __future__ import annotations

from dataclasses import replace

from ..errors import Problem, Problems
from ..locales import spoken
from ..model import facts as factmod
from ..model.settings import Locale, Settings
from ..model.translations import SETTING_TEXTS, ItemKind
from ..model.types import Content
from ..rules.sms import GSM7_SINGLE, UCS2_SINGLE, as_sent, count, outside_gsm7
from .files import Entry

ZALO_MAX = 400
SMS_CHANNELS = ("sms", "sms_unicode")
BUDGET = f"1 tin: {GSM7_SINGLE} ký tự GSM-7 hoặc {UCS2_SINGLE} ký tự Unicode (tin ghép: 153 hoặc 67 ký tự mỗi tin)"


def settings_of(content: Content, locale: str) -> Settings:
    """The settings as a locale sends its texts: the calls to action in its language where translated."""
    s = content.settings
    for t in content.translations:
        if t.locale == locale and t.kind == ItemKind.SETTING and t.id in SETTING_TEXTS and t.fields.get("text"):
            attr, sub = SETTING_TEXTS[t.id]
            if sub is None and attr.endswith("call_to_action"):
                s = replace(s, **{attr: t.fields["text"]})
    return s


def _seconds_text(seconds: float) -> str:
    return f"{round(seconds)} giây"


def limit_note(kind: str, path: str, text: str, content: Content) -> str:
    """The limit of one row, in Vietnamese for the translator ("" where only the length limit applies)."""
    s = content.settings
    if kind == ItemKind.SHORT and path in SMS_CHANNELS:
        c = count(as_sent(text, s, path))
        cta = as_sent("", s, path).strip()
        plain = " Kênh SMS không dấu: chỉ chữ không dấu (GSM-7)." if path == "sms" else ""
        return (f"{BUDGET}. Lời kêu gọi “{cta}” được thêm vào cuối và tính vào độ dài. Bản tiếng Việt: "
                f"{c.characters} ký tự, {c.encoding}, {c.segments} tin; bản dịch không được dài hơn số tin này.{plain}")
    if kind == ItemKind.SHORT and path == "zalo":
        return f"Zalo: tối đa {ZALO_MAX} ký tự kể cả lời kêu gọi cuối tin; không có đường dẫn hay số điện thoại."
    if kind == ItemKind.BROADCAST and path.startswith("paragraphs."):
        read = spoken.speak(text, content.facts, factmod.quoted_texts(content), spoken.voice_of(s))
        n = spoken.syllables(read)
        rate = s.syllables_per_second
        return (f"Đọc trên loa: tiếng Việt khoảng {_seconds_text(n / rate)} ({n} âm tiết, "
                f"{f'{rate:g}'.replace('.', ',')} âm tiết/giây, số liệu đọc thành chữ); bản dịch nên đọc vừa chừng ấy.")
    return ""


def _key(e: Entry) -> tuple[str, str, str]:
    parts = e.key.split("/", 2)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else ("", "", "")


def check_limits(entries: tuple[Entry, ...], content: Content, locale: Locale, problems: Problems) -> None:
    """Warnings (problems.notices) for the translated short texts a carrier would split more, or refuse."""
    mine = settings_of(content, locale.id)
    for e in entries:
        kind, item, path = _key(e)
        if kind != ItemKind.SHORT or not e.target or not e.source:
            continue
        if path in SMS_CHANNELS:
            vi = count(as_sent(e.source, content.settings, path))
            sent = as_sent(e.target, mine, path)
            tr = count(sent)
            if path == "sms" and outside_gsm7(sent):
                shown = ", ".join(f"“{c}”" for c in outside_gsm7(sent)[:8])
                problems.notices.append(Problem(*e.where, f"Tin SMS không dấu “{item}” ({locale.id}) có ký tự không gửi "
                                                f"được bằng GSM-7: {shown}; bản công bố sẽ từ chối.",
                                                "Viết tin này bằng chữ không dấu; tin có dấu thuộc dòng sms_unicode."))
            elif tr.segments > vi.segments:
                problems.notices.append(Problem(*e.where, f"Tin SMS “{item}” ({path}, {locale.id}) cần {tr.segments} tin "
                                                f"({tr.characters} ký tự, {tr.encoding}), bản tiếng Việt chỉ {vi.segments} tin; "
                                                "bản công bố sẽ từ chối.",
                                                f"Rút gọn bản dịch. {BUDGET}; lời kêu gọi cuối tin đã được tính."))
        elif path == "zalo":
            n = len(as_sent(e.target, mine, path))
            if n > ZALO_MAX:
                problems.notices.append(Problem(*e.where, f"Đoạn Zalo “{item}” ({locale.id}) dài {n} ký tự kể cả lời kêu "
                                                f"gọi; tối đa {ZALO_MAX}.", "Rút gọn bản dịch."))
