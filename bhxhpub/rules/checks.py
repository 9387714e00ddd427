"""Checks across content: references between items, figures in texts, settings, the logo, release rules.

Every function records problems (file, line, column, Vietnamese message and hint) and returns
nothing: the loader runs them all and reports every problem of every file at once.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import is_dataclass
from datetime import date

from ..errors import Problems
from ..model import facts as factmod
from ..model.fields import declarations
from ..model.types import LEAFLET_FORMATS, Where
from . import timeline


def _real_day(month: int, day: int) -> bool:
    try:
        date(2024, month, day)
    except ValueError:
        return False
    return True


def check_text(p: Problems, w: Where, text: str, facts: dict, what: str, quotable: frozenset = frozenset()) -> None:
    for q in factmod.quotes(text):
        if q not in quotable:
            kind = q.split(":", 1)[0]
            pool = sorted(x for x in quotable if x.startswith(kind + ":"))
            close = difflib.get_close_matches(q, pool, n=1)
            p.add(w.file, w.line, w.column, f"{what} trích [[{q}]] nhưng không có {factmod.QUOTE_PREFIXES[kind]} mã này.",
                  f"Có phải ý bạn là [[{close[0]}]]?" if close else
                  "Dùng mã trong content/messages.yaml ([[msg:mã]]) hoặc trong slogans/ ([[slogan:mã]]); "
                  "số tổng đài viết [[setting:hotline]].")
    if factmod.unbalanced(text):
        p.add(w.file, w.line, w.column, f"{what}: dấu [[ ]] không khớp trong “{text[:50]}”.",
              "Số liệu viết dạng [[ma-so-lieu]], có đủ hai dấu [[ và ]].")
    for fid in factmod.tokens(text):
        if fid not in facts:
            close = difflib.get_close_matches(fid, list(facts), n=1)
            p.add(w.file, w.line, w.column, f"{what} dùng số liệu [[{fid}]] không có trong content/facts.yaml.",
                  f"Có phải ý bạn là [[{close[0]}]]?" if close else "Thêm số liệu này vào content/facts.yaml hoặc sửa mã.")
        elif facts[fid].unit == "list":
            p.add(w.file, w.line, w.column, f"{what}: số liệu [[{fid}]] là một danh sách, không chèn được vào câu.",
                  "Chỉ chèn số liệu dạng số hoặc văn bản ngắn.")


def check_figures(p: Problems, item, where: Where, facts: dict, what: str, quotable: frozenset = frozenset()) -> None:
    """[[fact-id]] tokens: checked where a field is declared with figures (every output expands
    them there), refused anywhere else (official texts are quoted as written, names stay names)."""
    for name, decl in declarations(type(item)):
        value = getattr(item, name)
        values = value if isinstance(value, tuple) else (value,)
        for v in values:
            if is_dataclass(v) and decl.kind == "list":  # a leaflet's sections: their own fields and lines
                check_figures(p, v, v.where or where, facts, what, quotable)
            elif isinstance(v, str) and decl.figures:
                check_text(p, _at(where, name), v, facts, what, quotable)
            elif isinstance(v, str) and ("[[" in v or "]]" in v):
                shown = ", ".join(f"[[{t}]]" for t in factmod.all_tokens(v)) or "[[ ]]"
                p.add(*where.at(name), f"{what}: trường “{name}” không được chứa mã số liệu ({shown}).",
                      "Mã số liệu chỉ dùng trong nội dung tờ rơi (tóm tắt, các mục, lời kêu gọi) và hỏi đáp; "
                      "ở đây viết chữ, không dùng [[...]].")


def _at(w: Where, name: str) -> Where:
    file, line, col = w.at(name)
    return Where(file, line, col)


def check_references(p, facts, messages, audiences, slogans, leaflets, qa, periods, settings) -> None:
    """Every id an item names exists; one main message; no loop of parent audiences; valid periods."""
    aud_ids = {a.id for a in audiences}
    leaf_ids = {l.id for l in leaflets}

    def ref(w: Where, target: str, pool: set, what: str, where_to: str, fieldname: str) -> None:
        if target not in pool:
            close = difflib.get_close_matches(target.lower(), sorted(pool), n=1)
            hint = f"Có phải ý bạn là “{close[0]}”?" if close else f"Dùng một mã có trong {where_to}."
            p.add(*w.at(fieldname), f"{what} “{target}” không tồn tại.", hint)

    if messages and sum(1 for m in messages if m.main) != 1:
        w = messages[0].where
        p.add(w.file, w.line, w.column, "Cần đúng một thông điệp chính (main: true).", "Đặt main: true cho đúng một thông điệp.")
    for a in audiences:
        if a.id == "index":  # doi-tuong/index.md is the list of all audiences
            p.add(*a.where.at("id"), "Mã “index” đã dành cho trang danh sách nhóm đối tượng.", "Đặt mã khác cho nhóm này.")
        if a.parent:
            ref(a.where, a.parent, aud_ids, "Nhóm cha", "content/audiences.yaml", "parent")
            if a.parent == a.id:
                p.add(a.where.file, a.where.line, a.where.column, f"Nhóm “{a.id}” không thể là nhóm cha của chính nó.", "Xóa dòng parent.")
    # parent chains must not loop
    parents = {a.id: a.parent for a in audiences}
    for a in audiences:
        seen, cur = set(), a.id
        while cur in parents and parents[cur]:
            if cur in seen:
                if cur == a.id and a.parent != a.id:  # only the groups on the loop, not every group below it
                    p.add(*a.where.at("parent"), f"Nhóm “{a.id}” nằm trong một vòng lặp nhóm cha.",
                          "Kiểm tra lại các dòng parent: một nhóm không thể là tổ tiên của chính nó.")
                break
            seen.add(cur)
            cur = parents[cur]
    for s in slogans:
        for aid in s.audiences:
            ref(s.where, aid, aud_ids, "Nhóm đối tượng", "content/audiences.yaml", "audiences")
    for l in leaflets:
        for aid in l.audiences:
            ref(l.where, aid, aud_ids, "Nhóm đối tượng", "content/audiences.yaml", "audiences")
        for fmt in l.formats:
            if fmt not in LEAFLET_FORMATS:
                p.add(l.where.file, l.where.line, l.where.column, f"Khổ in “{fmt}” không được hỗ trợ.", "Dùng a5 hoặc trifold.")
        for s in l.sections:
            if s.table == "contribution":
                for fid in factmod.TABLE_FACTS:
                    if fid not in facts:
                        p.add(l.where.file, l.where.line, l.where.column,
                              f"Bảng mức đóng cần số liệu “{fid}” trong content/facts.yaml.", "Thêm số liệu này.")
    for q in qa:
        for aid in q.audiences:
            ref(q.where, aid, aud_ids, "Nhóm đối tượng", "content/audiences.yaml", "audiences")
        if q.leaflet:
            ref(q.where, q.leaflet, leaf_ids, "Tờ rơi", "leaflets/", "leaflet")
    quotable = frozenset([f"msg:{m.id}" for m in messages] + [f"slogan:{s.id}" for s in slogans]
                         + [f"setting:{k}" for k in factmod.SETTING_QUOTES])
    for what, items in (("Tờ rơi", leaflets), ("Câu hỏi", qa), ("Thông điệp", messages), ("Khẩu hiệu", slogans),
                        ("Nhóm đối tượng", audiences), ("Đợt", periods), ("Số liệu", facts.values())):
        for item in items:
            check_figures(p, item, item.where, facts, f"{what} “{item.id}”", quotable)
    for per in periods:
        for (mo, d), label, day in ((per.start, "bắt đầu", "start_day"), (per.end, "kết thúc", "end_day")):
            if not _real_day(mo, d):  # a leap year: 29/2 recurs every four years, 30/2 never
                p.add(*per.where.at(day), f"Ngày {label} {d}/{mo} của đợt “{per.id}” không hợp lệ.",
                      "Tháng từ 1 đến 12, ngày có trong tháng đó (tháng 2 đến ngày 29, tháng 4, 6, 9, 11 đến ngày 30).")
    for f in facts.values():
        check_timeline(p, f, facts)
    for per in periods:  # the banner window: two day/month dates, both set or neither, inside real months
        days = [(name, getattr(per, name)) for name in ("banners_from", "banners_until")]
        given = [(n, v) for n, v in days if v]
        if len(given) == 1:
            p.add(*per.where.at(given[0][0]), f"Đợt “{per.id}” có {given[0][0]} nhưng thiếu ngày còn lại của thời gian treo băng rôn.",
                  "Viết cả banners_from và banners_until, ví dụ 15/5 và 25/5.")
        for name, value in given:
            m = re.fullmatch(r"(\d{1,2})/(\d{1,2})", value)
            if not m or not _real_day(int(m.group(2)), int(m.group(1))):
                p.add(*per.where.at(name), f"Ngày “{value}” ({name}) của đợt “{per.id}” không hợp lệ.",
                      "Viết ngày/tháng, ví dụ 15/5.")
    for l in leaflets:
        repeated = sorted({fmt for fmt in l.formats if l.formats.count(fmt) > 1})
        if repeated:
            p.add(*l.where.at("formats"), f"Khổ in “{repeated[0]}” của tờ rơi “{l.id}” được ghi hai lần.", "Mỗi khổ in chỉ ghi một lần.")
    if settings:
        check_large_format(p, settings.large_format)
        for fid in settings.contribution_income_facts:
            ref(Where("content/settings.yaml", 0), fid, set(facts), "Số liệu", "content/facts.yaml", "income_facts")


def check_timeline(p: Problems, f, facts: dict) -> None:
    """A fact's values: each ends after it starts, none overlaps another; a computed fact names facts."""
    periods = f.periods()
    for per in periods:
        w = per.where or f.where
        if per.valid_from and per.valid_until and per.valid_until < per.valid_from:
            p.add(*w.at("valid_until"), f"Số liệu “{f.id}”: ngày hết hiệu lực {per.valid_until:%d/%m/%Y} trước ngày bắt đầu "
                  f"{per.valid_from:%d/%m/%Y}.", "Kiểm tra lại hai ngày valid_from và valid_until theo văn bản nguồn.")
    if len(periods) > 1:
        spans = sorted(periods, key=lambda x: x.valid_from or date.min)
        for a, b in zip(spans, spans[1:]):
            if a.valid_until is None or b.valid_from is None or b.valid_from <= a.valid_until:
                w = b.where or f.where
                p.add(*w.at("valid_from"), f"Số liệu “{f.id}”: hai giá trị cùng áp dụng một lúc "
                      f"({timeline_span(a)} và {timeline_span(b)}).",
                      "Mỗi giá trị cần valid_from và valid_until; giá trị sau bắt đầu sau ngày giá trị trước hết hiệu lực.")
    for op in timeline.operands(f):
        if op not in facts:
            close = difflib.get_close_matches(op, list(facts), n=1)
            p.add(*f.where.at("computed"), f"Số liệu “{f.id}” được tính từ “{op}”, nhưng không có số liệu này.",
                  f"Có phải ý bạn là “{close[0]}”?" if close else "Viết các mã số liệu nối bằng dấu ×, ví dụ: a × b.")
        elif facts[op].unit in ("text", "list"):
            p.add(*f.where.at("computed"), f"Số liệu “{f.id}” được tính từ “{op}”, nhưng “{op}” không phải là một số.",
                  "Chỉ nhân các số liệu dạng số (tỷ lệ phần trăm, số tiền, số năm).")
    if f.computed and f.id in _computed_cycle(f.id, facts):
        p.add(*f.where.at("computed"), f"Số liệu “{f.id}” được tính từ chính nó (qua các số liệu khác).",
              "Sửa computed để không vòng lại số liệu này.")


def timeline_span(per) -> str:
    start = f"{per.valid_from:%d/%m/%Y}" if per.valid_from else "…"
    end = f"{per.valid_until:%d/%m/%Y}" if per.valid_until else "…"
    return f"{start}–{end}"


def _computed_cycle(fid: str, facts: dict) -> set[str]:
    seen: set[str] = set()
    todo = list(timeline.operands(facts[fid]))
    while todo:
        op = todo.pop()
        if op in seen or op not in facts:
            continue
        seen.add(op)
        todo.extend(timeline.operands(facts[op]))
    return seen


def check_release(p: Problems, facts: dict, leaflets, qa, broadcasts=()) -> None:
    """An approved text may not publish a figure nobody has confirmed (nor one computed from it)."""
    for item, texts in [(l, l.texts()) for l in leaflets] + [(q, [q.question, q.answer]) for q in qa] \
            + [(b, list(b.paragraphs)) for b in broadcasts]:
        if item.editorial.is_draft:
            continue
        for fid in {f for t in texts for f in factmod.tokens(t)}:
            if fid in facts and timeline.is_draft(facts, fid):
                w = item.where
                p.add(w.file, w.line, w.column,
                      f"“{item.id}” đã duyệt nhưng dùng số liệu “{fid}” chưa được xác nhận (status: draft).",
                      "Xác nhận số liệu trong content/facts.yaml (status: approved) hoặc để nội dung ở trạng thái draft.")




def check_large_format(p, sizes) -> None:
    """content/settings.yaml large_format: ids used once, sizes a print shop can make, margins
    that leave room for the text."""
    seen: set[str] = set()
    for size in sizes:
        at = (lambda name: size.where.at(name)) if size.where is not None else (lambda name: ("content/settings.yaml", 0, 0))
        if size.id in seen:
            p.add(*at("id"), f"Khổ in “{size.id}” được khai báo hai lần trong large_format.", "Mỗi khổ một mã riêng.")
        seen.add(size.id)
        for name in ("width_mm", "height_mm"):
            value = getattr(size, name)
            if not 50 <= value <= 20000:
                p.add(*at(name), f"{name} của khổ “{size.id}” là {value:g} mm, ngoài khoảng 50–20000 mm.",
                      "Viết kích thước thành phẩm bằng milimét, ví dụ 5000 cho 5 m.")
        if not 3 <= size.margin_mm <= min(size.width_mm, size.height_mm) / 4:
            p.add(*at("margin_mm"), f"margin_mm của khổ “{size.id}” là {size.margin_mm:g} mm: cần ít nhất 3 mm và không quá "
                  "một phần tư cạnh ngắn.", "Băng rôn, phướn thường 50 mm (may viền, đóng khuy); áp phích 10–15 mm.")
        if size.min_letter_mm <= 0:
            p.add(*at("min_letter_mm"), f"min_letter_mm của khổ “{size.id}” phải lớn hơn 0.", "Ví dụ 80 cho băng rôn.")


def check_broadcasts(p: Problems, broadcasts, audiences, periods, facts, messages, slogans) -> None:
    """A script names existing audiences and periods; its figures and quotes exist."""
    aud = {a.id for a in audiences}
    per = {x.id for x in periods}
    quotable = frozenset([f"msg:{m.id}" for m in messages] + [f"slogan:{s.id}" for s in slogans]
                         + [f"setting:{k}" for k in factmod.SETTING_QUOTES])
    for b in broadcasts:
        for aid in b.audiences:
            if aid not in aud:
                p.add(*b.where.at("audiences"), f"Nhóm đối tượng “{aid}” không tồn tại.", "Dùng mã trong content/audiences.yaml.")
        for pid in b.periods:
            if pid not in per:
                p.add(*b.where.at("periods"), f"Đợt truyền thông “{pid}” không tồn tại.", "Dùng mã trong content/periods.yaml.")
        check_figures(p, b, b.where, facts, f"Bài phát thanh “{b.id}”", quotable)


def check_main_message(p: Problems, messages) -> None:
    """A release needs the main message approved."""
    main = [m for m in messages if m.main]
    if main and main[0].editorial.is_draft:
        p.add(*main[0].where.at("status"), "Bản công bố cần thông điệp chính đã duyệt, nhưng thông điệp chính đang là dự thảo.",
              "Đặt status: approved cho thông điệp chính sau khi lãnh đạo duyệt.")
