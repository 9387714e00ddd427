"""The workbook a translator fills in (openpyxl): instructions first, then one row per text.

Weblate reads the active sheet and its `source`, `target` and `context` columns, so the rows sheet is the
active one and keeps those names; the other columns have Vietnamese names. The source column is locked
(sheet protection without a password), the target and state columns are open.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, time
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from ..errors import Problems
from .files import STATE_LABELS, Entry, Incoming, clean, fixed_zip
from .glossary import STATUS_LABELS
from .rows import Export

ROWS_SHEET = "Bản dịch"
GUIDE_SHEET = "Hướng dẫn"
GLOSSARY_SHEET = "Thuật ngữ"
GLOSSARY_COLUMNS = (("Thuật ngữ tiếng Việt", 28), ("Nghĩa", 60), ("Cách dịch thống nhất", 36), ("Trạng thái", 16),
                    ("Ghi chú", 50), ("Mã", 24))
# (header, width, open to the translator)
COLUMNS = (("Vị trí", 42, False), ("source", 60, False), ("target", 60, True), ("Trạng thái", 14, True),
           ("Tiếng Việt cũ", 48, False), ("Số liệu (giữ nguyên mã [[…]])", 36, False), ("Tối đa (ký tự)", 10, False),
           ("Giới hạn", 44, False), ("Thuật ngữ", 36, False), ("context", 40, False), ("source_hash", 15, False),
           ("target_hash", 15, False))
HEADER_NOTES = {
    "source": "Tiếng Việt hiện tại. Không sửa cột này.",
    "target": "Viết bản dịch vào cột này. Giữ nguyên các mã [[…]] và {…}.",
    "Trạng thái": "chưa dịch / bản nháp / cần xem lại / đã duyệt. Khi đã xem một dòng “cần xem lại” và bản dịch "
                  "vẫn đúng, xoá chữ trong ô này.",
    "Tiếng Việt cũ": "Với dòng “cần xem lại”: bản tiếng Việt cũ mà bản dịch hiện tại đã dịch. So với cột source để "
                     "thấy chỗ đã đổi.",
    "Giới hạn": "Tin SMS: số tin tối đa (1 tin: 160 ký tự GSM-7 hoặc 70 ký tự Unicode). Bài phát thanh: thời gian đọc "
                "đoạn tiếng Việt.",
    "Thuật ngữ": "Thuật ngữ trong đoạn này và cách dịch thống nhất (trang tính “Thuật ngữ”).",
    "context": "Mã của dòng. Không sửa.",
    "source_hash": "Mã của bản tiếng Việt lúc xuất tệp. Không sửa.",
    "target_hash": "Mã của bản dịch trong dự án lúc xuất tệp (để không ghi đè bản dịch người khác sửa sau đó). Không sửa.",
}
META = {"locale": "Mã ngôn ngữ", "lang": "Thẻ ngôn ngữ", "exported": "Ngày xuất tệp", "translator": "Người dịch"}
GUIDE = (
    "Cách dùng tệp này",
    "1. Mở trang “Bản dịch”. Mỗi dòng là một đoạn văn: cột “Vị trí” cho biết đoạn đó nằm ở đâu "
    "(ví dụ: Tờ rơi: … › câu hỏi 2 › ý 3), cột “source” là tiếng Việt.",
    "2. Viết bản dịch vào cột “target” (ô màu vàng). Dòng nào chưa dịch được thì để trống.",
    "3. Giữ nguyên các mã số liệu dạng [[…]] (ví dụ [[tuoi-nghi-huu]]): trang web và tờ rơi tự điền con số. "
    "Cột “Số liệu” cho biết mỗi mã sẽ hiện thành số nào. Giữ nguyên cả chỗ điền dạng {…}.",
    "4. Không sửa các cột khác, không thêm, xoá hay đổi thứ tự dòng, không đổi tên trang tính.",
    "5. Dòng “cần xem lại”: bản tiếng Việt đã đổi sau khi dịch. Cột “Tiếng Việt cũ” là bản đã dịch, cột "
    "“source” là bản mới: sửa bản dịch theo chỗ đã đổi. Nếu bản dịch vẫn đúng, xoá chữ trong ô “Trạng thái”.",
    "6. Mỗi đoạn có số ký tự tối đa (cột “Tối đa”): tờ rơi in không chứa được đoạn dài hơn. Tin nhắn SMS có thêm giới "
    "hạn số tin, đoạn bài phát thanh có thời gian đọc (cột “Giới hạn”).",
    "7. Thuật ngữ cố định (BHXH, BHYT, đại lý thu…) dịch thống nhất theo trang tính “Thuật ngữ”; cột “Thuật ngữ” cho biết "
    "đoạn nào có thuật ngữ nào. Chưa có cách dịch thống nhất thì đề xuất và báo cán bộ phụ trách.",
    "8. Ghi tên người dịch vào ô bên dưới, lưu tệp (giữ dạng .xlsx) và gửi lại cho cán bộ phụ trách.",
    "Cán bộ nhập tệp bằng lệnh: python build.py translations import <tệp>.xlsx",
)
_OPEN = PatternFill("solid", fgColor="FFF6D5")
_HEAD = PatternFill("solid", fgColor="DDE5F0")
_WRAP = Alignment(wrap_text=True, vertical="top")
MAX_ROWS = 50_000  # a full export has about 2,000


def _cell(ws, row: int, col: int, value):
    """A cell holding `value` as it is: a text starting with = stays text (openpyxl would write a live formula),
    marked with Excel's quote prefix so that editing it keeps it text."""
    cell = ws.cell(row, col, value)
    if cell.data_type == "f":
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write_xlsx(export: Export) -> bytes:
    """The workbook's bytes (same export, same bytes)."""
    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 100
    guide["A1"] = f"Bản dịch {export.name} ({export.locale}) – {len(export.rows)} đoạn"
    guide["A1"].font = Font(bold=True, size=14)
    r = 3
    for line in GUIDE:
        _cell(guide, r, 1, line).alignment = _WRAP
        guide.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        guide.row_dimensions[r].height = 15 * max(1, len(line) // 110 + 1)
        r += 1
    r += 1
    for key, value in (("locale", export.locale), ("lang", export.lang), ("exported", export.exported.isoformat()),
                       ("translator", "")):
        _cell(guide, r, 1, META[key]).font = Font(bold=True)
        cell = _cell(guide, r, 2, value)
        if key == "translator":
            cell.protection = Protection(locked=False)
            cell.fill = _OPEN
        r += 1
    guide.protection.sheet = True

    ws = wb.create_sheet(ROWS_SHEET)
    for c, (head, width, _open) in enumerate(COLUMNS, 1):
        cell = _cell(ws, 1, c, head)
        cell.font = Font(bold=True)
        cell.fill = _HEAD
        cell.alignment = _WRAP
        if head in HEADER_NOTES:
            cell.comment = Comment(HEADER_NOTES[head], "BHXH")
        ws.column_dimensions[get_column_letter(c)].width = width
    for i, row in enumerate(export.rows, 2):
        values = (row.label, row.source, row.target, STATE_LABELS[row.state], row.old_source, row.figures,
                  row.max_len, row.limit, "; ".join(g.line() for g in row.terms), row.key, row.hash, row.base)
        for c, value in enumerate(values, 1):
            cell = _cell(ws, i, c, value)
            cell.alignment = _WRAP
            if COLUMNS[c - 1][2]:
                cell.protection = Protection(locked=False)
                if COLUMNS[c - 1][0] == "target":
                    cell.fill = _OPEN
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(2, len(export.rows) + 1)}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # allowed: widen columns, resize rows, filter
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    _glossary_sheet(wb, export)
    wb.active = 1  # Weblate and the translator land on the rows; the guide is the first tab
    stamp = datetime.combine(export.exported, time())
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = wb.properties.lastModifiedBy = "bhxhpub"
    buf = io.BytesIO()
    # openpyxl's writer itself: `Workbook.save` would stamp the time of saving as the modified date
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)).save()
    return fixed_zip(buf.getvalue(), export.exported)


def _glossary_sheet(wb: Workbook, export: Export) -> None:
    """The glossary, one term a row: read-only for the translator (proposals go to the office)."""
    ws = wb.create_sheet(GLOSSARY_SHEET)
    for c, (head, width) in enumerate(GLOSSARY_COLUMNS, 1):
        cell = _cell(ws, 1, c, head)
        cell.font = Font(bold=True)
        cell.fill = _HEAD
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, g in enumerate(export.glossary, 2):
        values = (g.term, g.means, g.rendering, STATUS_LABELS.get(g.status, "chưa có"), g.note, g.id)
        for c, value in enumerate(values, 1):
            _cell(ws, r, c, value).alignment = _WRAP
    ws.freeze_panes = "A2"
    ws.protection.sheet = True


def read_xlsx(path: Path, label: str, problems: Problems) -> Incoming | None:
    """Rows back from a workbook: columns found by their header, messages with the sheet, row and column."""
    try:
        # data_only=False: a formula is seen as one (and refused), never its cached result
        wb = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # not a workbook, damaged, encrypted…
        problems.add(label, 0, 0, f"Không mở được tệp Excel ({type(exc).__name__}).",
                     "Lưu lại tệp dạng Excel Workbook (.xlsx) rồi nhập lại.")
        return None
    meta = {k: ("", (f"{label} [{GUIDE_SHEET}]", 0, 0)) for k in META}
    if GUIDE_SHEET in wb.sheetnames:
        for r, values in enumerate(wb[GUIDE_SHEET].iter_rows(min_col=1, max_col=2, values_only=True), 1):
            for key, name in META.items():
                if values and values[0] == name:
                    meta[key] = (clean(values[1]), (f"{label} [{GUIDE_SHEET}]", r, 2))
    if ROWS_SHEET not in wb.sheetnames:
        problems.add(label, 0, 0, f"Tệp không có trang tính “{ROWS_SHEET}”.",
                     "Dùng đúng tệp đã xuất bằng python build.py translations export, không đổi tên trang tính.")
        return None
    ws = wb[ROWS_SHEET]
    where = f"{label} [{ROWS_SHEET}]"
    rows = ws.iter_rows()
    header = [clean(h.value) for h in next(rows, ())]
    cols = {h: i for i, h in enumerate(header) if h}
    missing = [h for h in ("source", "target", "context", "source_hash") if h not in cols]
    if missing:
        problems.add(where, 1, 0, "Thiếu cột " + ", ".join(f"“{m}”" for m in missing) + " ở dòng tiêu đề.",
                     "Không xoá hay đổi tên cột; xuất lại tệp nếu cần.")
        return None
    entries = []
    state_col = cols.get("Trạng thái")
    for r, cells in enumerate(rows, 2):
        if r > MAX_ROWS:
            problems.add(where, r, 0, f"Trang tính có hơn {MAX_ROWS} dòng: không phải tệp đã xuất cho người dịch.",
                         "Xuất lại tệp bằng python build.py translations export và dịch trên tệp mới.")
            wb.close()
            return None
        values = [getattr(c, "value", None) for c in cells]
        formulas = [i for i, c in enumerate(cells) if getattr(c, "data_type", "") == "f" and i in cols.values()]
        if formulas:  # never evaluated, never kept: the translator retypes the text
            problems.add(where, r, formulas[0] + 1, f"Ô {header[formulas[0]] or formulas[0] + 1} của dòng {r} là công thức Excel "
                                                   f"({clean(values[formulas[0]])[:40]}): chỉ nhập chữ.",
                         "Gõ bản dịch dạng chữ; nếu bản dịch phải bắt đầu bằng dấu =, gõ thêm dấu ' ở đầu ô.")
            continue

        def get(name: str) -> str:
            i = cols.get(name)
            return clean(values[i]) if i is not None and i < len(values) else ""
        if not any(v not in (None, "") for v in values):
            continue
        review = state_col is not None and get("Trạng thái") == STATE_LABELS["outdated"]
        entries.append(Entry(key=get("context"), source=get("source"), target=get("target"), hash=get("source_hash"),
                             needs_review=review, where=(where, r, cols["target"] + 1), base=get("target_hash")))
    wb.close()
    return Incoming(locale=meta["locale"][0], lang=meta["lang"][0], translator=meta["translator"][0],
                    entries=tuple(entries), where=meta["locale"][1])
