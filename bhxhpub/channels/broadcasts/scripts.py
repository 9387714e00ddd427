"""Loudspeaker scripts: how long each one reads, and the weekly programme of a campaign period.

Seed 001 (IV.1.3, 6.2) and letter 1192 §3.3 ask for broadcasts of 3–5 minutes, at least five a
week in each commune, at least two of them on voluntary insurance. A script's length is counted on
the text as read (figures in words, locales/spoken.py) at `settings.syllables_per_second`; a script
outside the bounds is a warning in a preview and an error in a release. The programme lays a
period's scripts over its weeks; a period with no script (or, when it focuses on voluntary
insurance, no script on it) is reported.
"""
from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date
from typing import Optional

from ...errors import Problems
from ...locales.localize import DisplayState
from ...locales.spoken import speak, syllables, voice_of
from ...model import facts as factmod
from ...model.settings import Locale
from ...model.types import Broadcast, Content, Period
from ...render.base import LocaleView


def spoken_paragraphs(content: Content, b: Broadcast, locale: Optional[Locale] = None) -> list[str]:
    """The script as the person at the microphone reads it (facts resolved to the build date), figures in the
    words of the locale where it has them (the Vietnamese ones otherwise)."""
    quoted = factmod.quoted_texts(content)
    voice = voice_of(content.settings, locale)
    return [speak(p, content.facts, quoted, voice) for p in b.paragraphs]


CLOSING = "broadcasts.closing"  # the interface string of the closing sentence ({phone}: the hotline, read)
_CLOSING = "Mọi thắc mắc, xin gọi tổng đài hỗ trợ của Bảo hiểm xã hội Việt Nam, số {phone}, hoặc hỏi đại lý thu ở xã."


def closing(content: Content, ui: Optional[dict] = None, locale: Optional[Locale] = None) -> str:
    """The last sentence of every script: where to ask (the hotline, read digit by digit)."""
    template = (ui or content.ui).get(CLOSING) or content.ui.get(CLOSING, _CLOSING)
    return speak(template.replace("{phone}", "[[setting:hotline]]"), content.facts, factmod.quoted_texts(content),
                 voice_of(content.settings, locale))


PAUSE_SECONDS = 2  # marked "(nghỉ 2 giây)" between paragraphs and before the closing sentence


@dataclass(frozen=True)
class Timing:
    """How long a script reads in a locale."""

    minutes: float
    words: int  # syllables as read (a Vietnamese syllable, or a word of another language)
    per_second: float  # the rate used
    own_rate: bool  # False: the locale has no rate of its own, the Vietnamese one is used


def timing(content: Content, b: Broadcast, locale: Optional[Locale] = None, ui: Optional[dict] = None) -> Timing:
    """Reading time: the words as read at the locale's rate (`words_per_minute`, else the settings' Vietnamese
    syllables a second), and the pauses."""
    s = content.settings
    words = sum(syllables(t) for t in [*spoken_paragraphs(content, b, locale), closing(content, ui, locale)])
    default = locale is None or locale.id == s.default_locale
    rate = s.syllables_per_second if default or not locale.words_per_minute else locale.words_per_minute / 60
    return Timing((words / rate + PAUSE_SECONDS * len(b.paragraphs)) / 60, words, rate,
                  default or bool(locale.words_per_minute))


def minutes(content: Content, b: Broadcast, locale: Optional[Locale] = None, ui: Optional[dict] = None) -> float:
    return timing(content, b, locale, ui).minutes


def minutes_text(value: float, ui: Optional[dict] = None) -> str:
    """4.25 -> "4 phút 15 giây" (what the page and the printed script say; `ui`: a locale's words)."""
    total = round(value * 60)
    template = (ui or {}).get("broadcasts.minutes") or "{m} phút {s} giây"
    return template.replace("{m}", str(total // 60)).replace("{s}", f"{total % 60:02d}")


def shown_in(view: LocaleView, b: Broadcast) -> bool:
    """Whether a locale shows a script in its own language (the default locale: always; another: when a
    translation is shown, in a preview a draft one too)."""
    return view.is_default or view.states.get(("broadcast", b.id), DisplayState.FALLBACK) != DisplayState.FALLBACK


def notes(view: LocaleView, t: Timing) -> list[str]:
    """What a translated script says about itself: figures read in Vietnamese words, a duration at the
    Vietnamese rate (each where the locale has no figure of its own)."""
    if view.is_default:
        return []
    ui = {**view.content.ui, **view.ui}
    out = []
    if not voice_of(view.content.settings, view.locale).own:
        out.append(ui["broadcasts.numbers_vi"])
    if not t.own_rate:
        out.append(ui["broadcasts.rate_vi"])
    return out


def check_durations(content: Content) -> Problems:
    """Every script outside 3–5 minutes (settings), naming its file and its minutes."""
    s = content.settings
    p = Problems()
    for b in content.broadcasts:
        m = minutes(content, b)
        if not s.broadcast_min_minutes <= m <= s.broadcast_max_minutes:
            w = b.where
            p.add(w.file, w.line, w.column,
                  f"Bài phát thanh “{b.id}” đọc mất khoảng {minutes_text(m)} ({m:.1f} phút); bài trên loa xã cần từ "
                  f"{s.broadcast_min_minutes:g} đến {s.broadcast_max_minutes:g} phút.",
                  "Thêm hoặc bớt đoạn cho vừa (thời lượng tính theo số âm tiết, kể cả số liệu đọc thành chữ và câu kết).")
    return p


@dataclass(frozen=True)
class Programme:
    period: Period
    weeks: tuple[tuple[Broadcast, ...], ...]  # the scripts of each week's slots, in order
    days: int


def _day_in(year: int, month: int, day: int) -> date:
    """The date, with 29/2 taken as 28/2 in a year without it (periods recur every year)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def period_days(period: Period, year: int) -> int:
    start = _day_in(year, *period.start)
    end = _day_in(year + (1 if period.end < period.start else 0), *period.end)
    return (end - start).days + 1


def programme(content: Content, period: Period) -> Programme:
    """The period's scripts over its weeks: `broadcasts_per_week` slots a week, scripts on
    voluntary insurance first in each week when the period focuses on it, the others in turn."""
    s = content.settings
    scripts = [b for b in content.broadcasts if period.id in b.periods]
    days = period_days(period, s.year)
    n_weeks = max(1, math.ceil(days / 7))
    voluntary = [b for b in scripts if b.voluntary]
    others = [b for b in scripts if not b.voluntary] or voluntary
    weeks = []
    v_i = o_i = 0
    for _ in range(n_weeks):
        slots: list[Broadcast] = []
        if scripts:
            need_v = s.voluntary_per_week if period.voluntary_focus and voluntary else 0
            for _ in range(need_v):
                slots.append(voluntary[v_i % len(voluntary)])
                v_i += 1
            while len(slots) < s.broadcasts_per_week:
                slots.append(others[o_i % len(others)])
                o_i += 1
        weeks.append(tuple(slots))
    return Programme(period, tuple(weeks), days)


def check_programmes(content: Content) -> Problems:
    """Periods a commune cannot run its weekly broadcasts for."""
    p = Problems()
    for period in content.periods:
        scripts = [b for b in content.broadcasts if period.id in b.periods]
        w = period.where
        if not scripts:
            p.add(w.file, w.line, w.column, f"Đợt “{period.id}” chưa có bài phát thanh nào.",
                  "Thêm bài vào broadcasts/ với periods: [" + period.id + "].")
        elif period.voluntary_focus and not any(b.voluntary for b in scripts):
            p.add(w.file, w.line, w.column, f"Đợt “{period.id}” tập trung vào BHXH tự nguyện nhưng chưa có bài phát thanh về "
                  "BHXH tự nguyện.", "Đặt voluntary: true cho bài về BHXH tự nguyện, hoặc thêm bài mới.")
    return p
