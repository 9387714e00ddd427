"""A translator's file is untrusted: what it may be before it is parsed, and what its texts may carry.

    check_file    a regular file, at most MAX_FILE_BYTES (from its size, before anything reads it)
    check_zip     a workbook: no macros (vbaProject.bin), a bounded number of entries and unpacked bytes, read
                  from the ZIP's directory before openpyxl parses anything (zipfile then never reads an entry
                  past its declared size, so the declared sizes are the ones that count)
    check_xml     an XML document with a DOCTYPE (entities, DTDs: billion laughs, external files) is refused;
                  the parser never expands or fetches anything (lxml: resolve_entities, load_dtd, no_network)
    check_row     one translated text against its Vietnamese: control characters, [[fact]] tokens, {…}
                  placeholders, HTML and script links; every message names the row's unit
"""
from __future__ import annotations

import re
import stat
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

from ..errors import Problems
from ..model import facts as factmod
from .files import Entry
from .rows import PLACEHOLDER_RE

MAX_FILE_BYTES = 20_000_000  # a full export is under 1 MB (XLIFF, every locale's texts)
MAX_ZIP_ENTRIES = 200  # an exported workbook has 14
MAX_UNPACKED_BYTES = 50_000_000  # its sheets unpack to under 1 MB
MAX_RATIO = 100  # a real sheet packs about 10:1; zeros pack 1000:1

# tags (<a, </b, <!--, <?php), and links a browser or spreadsheet would run
_HTML_RE = re.compile(r"<\s*[/!?]?\s*[A-Za-z!]|&#?\w+;")
_SCRIPT_RE = re.compile(r"(?:j\W*a\W*v\W*a|v\W*b)\W*s\W*c\W*r\W*i\W*p\W*t\W*:|\bdata\s*:\s*text/html", re.IGNORECASE)
_RE_EXPORT = "Xuất lại tệp bằng python build.py translations export và dịch trên tệp mới."


def parser() -> etree.XMLParser:
    """An XML parser that never expands an entity, reads a DTD or goes to the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_pis=True)


def check_file(path: Path, label: str, problems: Problems) -> bool:
    """A regular file of a sensible size (from its size: nothing is read)."""
    try:
        st = path.stat()
    except OSError:
        problems.add(label, 0, 0, "Không tìm thấy tệp.", "Kiểm tra đường dẫn tệp.")
        return False
    if not stat.S_ISREG(st.st_mode):
        problems.add(label, 0, 0, "Đây không phải một tệp thường (thư mục, ống dẫn hay thiết bị).",
                     "Nhập tệp .xlsx, .po hoặc .xlf/.xliff người dịch gửi lại.")
        return False
    if st.st_size > MAX_FILE_BYTES:
        problems.add(label, 0, 0, f"Tệp quá lớn ({st.st_size // 1_000_000} MB, tối đa {MAX_FILE_BYTES // 1_000_000} MB): "
                                  "không phải tệp đã xuất cho người dịch.", _RE_EXPORT)
        return False
    return True


def check_zip(path: Path, label: str, problems: Problems) -> bool:
    """A workbook without macros whose entries, as its ZIP directory declares them, stay small."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (OSError, zipfile.BadZipFile, ValueError):
        problems.add(label, 0, 0, "Không mở được tệp Excel (tệp hỏng hoặc không phải .xlsx).",
                     "Lưu lại tệp dạng Excel Workbook (.xlsx) rồi nhập lại.")
        return False
    names = [i.filename.lower() for i in infos]
    if any(n.endswith("vbaproject.bin") or "macrosheets/" in n or n.endswith(".bin") and "activex" in n for n in names):
        problems.add(label, 0, 0, "Tệp Excel có chứa macro (mã VBA): không nhập tệp có macro.",
                     "Lưu lại tệp dạng Excel Workbook (.xlsx, không macro) rồi nhập lại.")
        return False
    total = sum(i.file_size for i in infos)
    ratio = max((i.file_size / max(i.compress_size, 1) for i in infos if i.file_size > 1_000_000), default=0)
    if len(infos) > MAX_ZIP_ENTRIES or total > MAX_UNPACKED_BYTES or ratio > MAX_RATIO:
        problems.add(label, 0, 0, f"Tệp Excel bung ra quá lớn ({len(infos)} phần, {total // 1_000_000} MB): "
                                  "không phải tệp đã xuất cho người dịch.", _RE_EXPORT)
        return False
    return True


_DOCTYPE_MARKS = tuple(mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY")
                       for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))


def _doctype(label: str, problems: Problems) -> bool:
    problems.add(label, 1, 0, "Tệp XLIFF có khai báo DOCTYPE (thực thể XML): không nhập tệp như vậy.",
                 "Xuất tệp XLIFF 2.0 từ công cụ dịch không kèm DOCTYPE, hoặc " + _RE_EXPORT[0].lower() + _RE_EXPORT[1:])
    return False


def check_xml_bytes(data: bytes, label: str, problems: Problems) -> bool:
    """No DOCTYPE or entity declaration in the bytes, whatever their encoding: refused before any parser runs."""
    if any(mark in data for mark in _DOCTYPE_MARKS):
        return _doctype(label, problems)
    return True


def check_xml(tree: etree._ElementTree, label: str, problems: Problems) -> bool:
    """No DOCTYPE in the parsed tree either (an encoding the byte check does not know): an exported XLIFF has none,
    and a DTD is how entities (billion laughs, external files) come in."""
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None or info.system_url or info.public_id:
        return _doctype(label, problems)
    if any(isinstance(el, etree._Entity) for el in tree.iter()):
        problems.add(label, 1, 0, "Tệp XLIFF có tham chiếu thực thể XML: không nhập tệp như vậy.", _RE_EXPORT)
        return False
    return True


def _diff(want: Counter, have: Counter, fmt) -> str:
    missing = sorted((want - have).elements())
    extra = sorted((have - want).elements())
    parts = []
    if missing:
        parts.append("thiếu " + ", ".join(fmt(x) for x in missing))
    if extra:
        parts.append("thừa " + ", ".join(fmt(x) for x in extra))
    return "; ".join(parts)


def check_row(e: Entry, kind: str, problems: Problems) -> bool:
    """The checks of one translated text against its Vietnamese; True when it may be written."""
    ok = True
    row = f"Dòng “{e.key}”: "
    if any(unicodedata.category(c) in ("Cc", "Cf") and c not in "\u200c\u200d" for c in e.target):
        problems.add(*e.where, row + "bản dịch chứa ký tự điều khiển hoặc ký tự ẩn.",
                     "Gõ lại đoạn này thay vì dán từ tài liệu khác.")
        ok = False
    if factmod.unbalanced(e.target):
        problems.add(*e.where, row + "bản dịch có mã số liệu viết dở (thiếu [[ hoặc ]]).",
                     "Chép nguyên mã dạng [[ma-so-lieu]] từ cột tiếng Việt.")
        ok = False
    detail = _diff(Counter(factmod.tokens(e.source)), Counter(factmod.tokens(e.target)), lambda x: f"[[{x}]]")
    if detail:
        problems.add(*e.where, row + f"bản dịch phải giữ đúng các mã số liệu như tiếng Việt ({detail}).",
                     "Không gõ con số vào bản dịch: chép nguyên các mã dạng [[ma-so-lieu]] từ cột tiếng Việt.")
        ok = False
    if kind in ("ui", "setting"):
        detail = _diff(Counter(PLACEHOLDER_RE.findall(e.source)), Counter(PLACEHOLDER_RE.findall(e.target)), str)
        if detail:
            problems.add(*e.where, row + f"bản dịch phải giữ đúng các chỗ điền tự động như tiếng Việt ({detail}).",
                         "Chép nguyên các chỗ điền dạng {…} từ cột tiếng Việt, không dịch chữ bên trong.")
            ok = False
    if _HTML_RE.search(e.target) and not _HTML_RE.search(e.source):
        problems.add(*e.where, row + "bản dịch chứa thẻ HTML (dạng <…>) hoặc mã ký tự (dạng &…;).",
                     "Bản dịch chỉ là chữ: bỏ các thẻ <…>; trang web và tờ rơi tự định dạng.")
        ok = False
    if _SCRIPT_RE.search(e.target):
        problems.add(*e.where, row + "bản dịch chứa liên kết chạy mã (javascript:, vbscript:, data:text/html).",
                     "Bỏ liên kết này; bản dịch chỉ là chữ.")
        ok = False
    return ok
