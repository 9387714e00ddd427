"""The days a build may be made for (`--as-of`, an edition's `as_of`): real calendar days, without a
time or a time zone, between EARLIEST and LATEST. Vietnam Social Security was founded in 1995
(Decree 19/CP, 16 February 1995): no figure of a campaign applies before; 2100 is far beyond any
plan, and keeps date arithmetic (the horizons of fact timelines) far from the calendar's end.
Standard library only (the command line parses --as-of before anything heavy is imported)."""
from __future__ import annotations

import calendar
import re
from datetime import date

EARLIEST = date(1995, 1, 1)
LATEST = date(2100, 12, 31)
_FORM = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def day_problem(text: str) -> tuple[date | None, str]:
    """(the day, "") or (None, why it is not a day a build may use), in Vietnamese."""
    text = text.strip()
    m = _FORM.fullmatch(text)
    if not m:
        if _FORM.match(text) and len(text) > 10:
            return None, f"“{text[:40]}” có giờ hoặc múi giờ; chỉ ghi ngày, dạng NĂM-THÁNG-NGÀY, ví dụ 2027-01-01"
        return None, f"“{text[:40]}” không phải ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2027-01-01"
    year, month, day = (int(x) for x in m.groups())
    if not 1 <= month <= 12:
        return None, f"“{text}”: tháng {month} không có (tháng từ 1 đến 12)"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return None, f"ngày {day}/{month}/{year} không có trên lịch (tháng {month} năm {year} có {last} ngày)"
    found = date(year, month, day)
    return check_range(found)


def check_range(found: date) -> tuple[date | None, str]:
    if not EARLIEST <= found <= LATEST:
        return None, (f"ngày {found:%d/%m/%Y} nằm ngoài khoảng dùng được ({EARLIEST:%d/%m/%Y} – {LATEST:%d/%m/%Y}); "
                      "kiểm tra lại năm")
    return found, ""
