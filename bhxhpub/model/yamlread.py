"""Read one YAML file into a position-carrying node tree, safely.

Refuses (with a Vietnamese problem naming file:line:col): files that are not
UTF-8 (UTF-16, Windows-1258/TCVN3/VNI bytes), tab indentation, syntax errors,
duplicate keys, anchors/aliases (no "billion laughs"), custom tags such as
!!python/object, too-deep nesting and too-large files. Text is normalised to
Unicode NFC. Nothing here knows what the content means: see schema.py.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problems
from .files import UnsafeFile, read_limited

MAX_BYTES = 1_000_000
MAX_DEPTH = 24

_STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

# Characters that never occur in Unicode Vietnamese text but are what text typed
# in the legacy TCVN3 (ABC) or VNI fonts turns into when pasted as Unicode
# (TCVN3: "B¶o hiÓm x· héi", "ng\u00adêi" with a soft hyphen for ư; VNI: "Baûo hieåm xaõ hoäi").
_TCVN3_MARKS = set("¸µ¶·¹¨©ª«¬®¦§¡¢£¤¥Þßþ½¾¼»\u00ad")
_VNI_MARKS = set("øûïñöäåëüæÿ")
# Bidirectional controls reorder what a reader sees ("Trojan source"): never in content.
_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")  # the same characters, searched in C
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Node:
    """A YAML value with where it was written (1-based line/column)."""

    kind: str  # "map" | "seq" | "scalar"
    value: Any  # map: dict[str, tuple[Node, Node]]; seq: list[Node]; scalar: raw str
    line: int
    column: int
    tag: str = ""

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.tag.endswith(":null")


class _Loader(yaml.SafeLoader):
    """SafeLoader that stops at the first alias (*name), where it is written: content never needs
    one, and refusing them while composing means a "billion laughs" file is never expanded."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "found alias", self.peek_event().start_mark)
        return super().compose_node(parent, index)


def _shown(text: str, limit: int = 40) -> str:
    """An excerpt of content to quote in a message: one line, no control or invisible characters
    (an escape sequence would reach the editor's terminal)."""
    clean = "".join(" " if c in "\n\r\t" else c for c in text
                    if unicodedata.category(c) not in ("Cc", "Cf", "Cs") or c in "\n\r\t")
    return clean if len(clean) <= limit else clean[:limit] + "…"


def _glued(text: str, marks: set) -> int:
    """How many mark characters sit right next to a letter, as inside a mojibake word
    ("B¶o"), unlike a lone separator ("BHXH · BHYT") or a sign ("© 2026")."""
    if marks.isdisjoint(text):  # nearly every text: no mark at all
        return 0
    n = 0
    for i, c in enumerate(text):
        if c in marks and ((i > 0 and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha())):
            n += 1
    return n


def _mojibake(text: str) -> str | None:
    """Name the legacy encoding that pasted text seems to come from, if any."""
    if _glued(text, _TCVN3_MARKS) >= 2:
        return "TCVN3 (ABC, phông .VnTime)"
    if _glued(text, _VNI_MARKS) >= 2:
        return "VNI (phông VNI-Times)"
    return None


def _legacy_encoding(raw: bytes) -> str:
    """Which legacy Vietnamese encoding bytes that are not UTF-8 look like."""
    as_1258 = unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
    leftover_marks = any(unicodedata.combining(c) for c in as_1258)
    if not leftover_marks and _mojibake(as_1258) is None and any(c in "ăĂơƠưƯđĐ" or (
            ord(c) > 0x1E00 and unicodedata.decomposition(c)) for c in as_1258):
        return "Windows-1258 (“ANSI” của Windows tiếng Việt)"
    kind = _mojibake(raw.decode("cp1252", errors="replace"))
    if kind:
        return kind
    return "cũ (Windows-1258, TCVN3 hoặc VNI)"


def decode(raw: bytes, rel: str, problems: Problems) -> str | None:
    if len(raw) > MAX_BYTES:
        problems.add(rel, 1, 1, f"Tệp quá lớn (hơn {MAX_BYTES // 1000} KB).",
                     "Chia nội dung thành nhiều tệp nhỏ hơn.")
        return None
    head = raw[:200]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) > 1 and head.count(b"\x00") * 4 >= len(head)):
        wide = "UTF-32" if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "UTF-16"
        problems.add(rel, 1, 1, f"Tệp được lưu dạng {wide} (“Unicode” của Notepad), không phải UTF-8.",
                     "Mở tệp trong trình soạn thảo và lưu lại với mã hóa UTF-8.")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        kind = _legacy_encoding(raw)
        problems.add(rel, line, col,
                     f"Tệp không phải UTF-8: có vẻ được lưu bằng bảng mã {kind}.",
                     "Lưu lại tệp với mã hóa UTF-8 (Unicode); nếu văn bản chép từ Word cũ, "
                     "chuyển mã sang Unicode (ví dụ bằng Unikey) rồi dán lại.")
        return None
    return unicodedata.normalize("NFC", text)


def _check_tabs(text: str, rel: str, problems: Problems) -> bool:
    ok = True
    for i, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.add(rel, i, indent.index("\t") + 1,
                         "Dòng được thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách.",
                         "Xóa ký tự Tab ở đầu dòng và thụt lề bằng dấu cách (2 dấu cách mỗi cấp).")
            ok = False
    return ok


_ODD_SPACES = "\u00a0\u2007\u202f\u3000"  # no-break, figure, narrow no-break, ideographic: not spaces to YAML
_ODD_SPACE_AT = re.compile(rf"^[ \-]*[{_ODD_SPACES}]|^ *(?:- +)?[A-Za-z_][A-Za-z0-9_-]*:[{_ODD_SPACES}]")
_ODD_BREAKS = re.compile("[\u0085\u2028\u2029]")  # line breaks to YAML, none to an editor: every line after shifts


def _check_spaces(text: str, rel: str, problems: Problems) -> bool:
    """A no-break space pasted where YAML needs a space (the indentation, after "-" or after "key:") and
    a line break only YAML sees: reported where they are. Left to the parser, the first gives an
    error one line below it, the second shifts the line of every later error."""
    ok = True
    for i, line in enumerate(text.split("\n"), start=1):
        odd = _ODD_SPACE_AT.match(line)
        if odd:
            c = odd.group(0)[-1]
            problems.add(rel, i, odd.end(), f"Có khoảng trắng đặc biệt (U+{ord(c):04X}, khoảng trắng không ngắt) ở chỗ "
                         "YAML cần dấu cách thường.",
                         "Xóa ký tự đó và gõ lại dấu cách bằng phím cách (thường do dán từ Word hoặc trang web).")
            ok = False
        brk = _ODD_BREAKS.search(line)
        if brk:
            problems.add(rel, i, brk.start() + 1, f"Có ký tự ngắt dòng lạ (U+{ord(brk.group(0)):04X}) không nhìn thấy.",
                         "Xóa ký tự đó (thường do dán từ trang web); xuống dòng bằng phím Enter.")
            ok = False
    return ok


def _yaml_error(exc: yaml.MarkedYAMLError, rel: str, problems: Problems) -> None:
    mark = exc.problem_mark or exc.context_mark
    what = (exc.problem or "").strip()
    if "end of stream" in what and exc.context_mark is not None:
        mark = exc.context_mark  # an unclosed quote or bracket: point where it was opened, not at the end
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    hint = "Kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép ở dòng này và dòng ngay trước."
    if "mapping values are not allowed" in what:
        msg = "Có dấu hai chấm ở chỗ không được phép."
        hint = "Nếu văn bản có dấu hai chấm (:), đặt cả đoạn trong ngoặc kép: \"...\"."
    elif "found unexpected end of stream" in what or "found unexpected end" in what:
        msg = "Thiếu dấu ngoặc kép đóng."
        hint = "Thêm dấu \" ở cuối đoạn văn bản đã mở ngoặc."
    elif "expected <block end>" in what or "did not find expected" in what:
        msg = "Thụt lề không đúng hoặc thiếu dấu ngoặc."
    elif "could not find expected ':'" in what:
        msg = "Thiếu dấu hai chấm sau tên trường."
    elif "found character" in what and "cannot start any token" in what:
        msg = "Có ký tự không được phép ở đầu giá trị (ví dụ Tab, @ hoặc `)."
        hint = "Đặt giá trị trong ngoặc kép, hoặc thay Tab bằng dấu cách."
    elif what == "found alias":
        msg = "Không dùng tham chiếu YAML (& và *) trong tệp nội dung."
        hint = ("Viết đầy đủ giá trị thay vì dùng & và *. Nếu văn bản bắt đầu bằng * hoặc &, "
                "đặt cả đoạn trong ngoặc kép: \"...\".")
        problems.add(rel, line, col, msg, hint)
        return
    elif "found undefined alias" in what or "found unknown escape" in what:
        msg = "Ký hiệu đặc biệt không hợp lệ trong văn bản."
        hint = ("Nếu văn bản bắt đầu bằng * hoặc &, hay có dấu \\ trong ngoặc kép, đặt cả đoạn trong "
                "ngoặc đơn '...' hoặc bỏ ký hiệu đó.")
    elif "found another document" in what:
        msg = "Tệp có nhiều hơn một tài liệu (có dòng ---)."
        hint = "Mỗi tệp chỉ chứa một tài liệu: xóa dòng --- và gộp nội dung, hoặc tách ra tệp khác."
    else:
        msg = "Lỗi cú pháp YAML."
    problems.add(rel, line, col, f"{msg} (chi tiết: {what})", hint)


class _Converter:
    def __init__(self, rel: str, problems: Problems):
        self.rel = rel
        self.problems = problems

    def convert(self, node: yaml.Node, depth: int = 0) -> Node | None:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if depth > MAX_DEPTH:
            self.problems.add(self.rel, line, col, f"Cấu trúc lồng nhau quá sâu (hơn {MAX_DEPTH} cấp).",
                              "Kiểm tra thụt lề: nội dung không cần lồng nhiều cấp như vậy.")
            return None
        if node.tag not in _STD_TAGS:
            self.problems.add(self.rel, line, col, f"Thẻ YAML không được phép: {node.tag}",
                              "Xóa phần bắt đầu bằng ! (ví dụ !!python/...) trước giá trị.")
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[str, tuple[Node, Node]] = {}
            for knode, vnode in node.value:
                key = self.convert(knode, depth + 1)
                val = self.convert(vnode, depth + 1)
                if key is None or val is None:
                    continue
                if key.kind != "scalar":
                    self.problems.add(self.rel, key.line, key.column, "Tên trường phải là một chữ đơn giản.", "")
                    continue
                name = str(key.value)
                if name in out:
                    first = out[name][0]
                    self.problems.add(self.rel, key.line, key.column,
                                      f"Trường “{_shown(name)}” bị lặp lại (đã có ở dòng {first.line}).",
                                      "Xóa một trong hai dòng, hoặc gộp nội dung vào một trường.")
                    continue
                out[name] = (key, val)
            return Node("map", out, line, col, node.tag)
        if isinstance(node, yaml.SequenceNode):
            items = [self.convert(n, depth + 1) for n in node.value]
            return Node("seq", [n for n in items if n is not None], line, col, node.tag)
        text = node.value
        if _SURROGATE.search(text):  # "\ud800" escapes: not encodable text
            self.problems.add(self.rel, line, col, "Văn bản có mã ký tự không hợp lệ (\\uD800–\\uDFFF).",
                              "Xóa mã \\u... trong ngoặc kép và gõ trực tiếp ký tự cần dùng.")
            return None
        text = unicodedata.normalize("NFC", text)
        if _BIDI_RE.search(text):
            self.problems.add(self.rel, line, col,
                              "Văn bản có ký tự ẩn đảo chiều chữ (U+202A–U+202E, U+2066–U+2069), "
                              "làm chữ hiển thị khác với chữ thật.",
                              "Gõ lại đoạn văn bản này thay vì dán từ nguồn khác.")
            return None
        kind = _mojibake(text)
        if kind:
            self.problems.add(self.rel, line, col,
                              f"Văn bản có vẻ bị lỗi phông chữ, chép từ tài liệu dùng bảng mã {kind}: “{_shown(text)}”.",
                              "Chuyển văn bản gốc sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã) rồi dán lại.")
        return Node("scalar", text, line, col, node.tag)


_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_BRACKETS = re.compile(r"[\[\]{}]")
_DEEP = 64  # nesting (flow brackets or indentation steps) beyond any content file: the pure-Python path


def _shallow(text: str) -> bool:
    """No deep nesting (libyaml's composer recurses in C, where Python's recursion limit does not hold)."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        if depth > _DEEP:
            return False
    return max((len(line) - len(line.lstrip(" ")) for line in text.splitlines()), default=0) < 2 * _DEEP


def _no_alias(node) -> bool:
    """Every node of the tree appears once: an alias (*name) would appear twice."""
    seen: set[int] = set()
    todo = [node]
    while todo:
        n = todo.pop()
        if id(n) in seen:
            return False
        seen.add(id(n))
        if isinstance(n, yaml.MappingNode):
            todo.extend(x for pair in n.value for x in pair)
        elif isinstance(n, yaml.SequenceNode):
            todo.extend(n.value)
    return True


def _compose(text: str):
    """The node tree of one YAML document: by libyaml where it is sure to say the same (about ten times
    faster), else by the pure-Python composer: for every error (so the editor reads PyYAML's message),
    for any character the Python reader refuses, deep nesting and aliases (refused where written)."""
    if getattr(yaml, "__with_libyaml__", False) and not _NON_PRINTABLE.search(text) and _shallow(text):
        try:
            node = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            node = False
        if node is None or (node is not False and _no_alias(node)):
            return node
    return yaml.compose(text, Loader=_Loader)


def read_yaml(path: Path, rel: str, problems: Problems) -> Node | None:
    """Parse one file; on any problem record it and return None."""
    try:  # a folder, a named pipe, a link to /dev/zero, a 20 GB sparse file: refused from its status, unread
        raw = read_limited(path, MAX_BYTES)
    except UnsafeFile as exc:
        if exc.too_large:
            problems.add(rel, 1, 1, f"{exc.why[:1].upper()}{exc.why[1:]}; tệp không được đọc.", "Chia nội dung thành nhiều tệp nhỏ hơn.")
        else:
            problems.add(rel, 0, 0, f"Không đọc được tệp: {exc.why}.", "Thay bằng một tệp .yaml bình thường.")
        return None
    except OSError as exc:
        problems.add(rel, 0, 0, f"Không đọc được tệp: {exc.strerror}.", "Kiểm tra tệp có tồn tại và được phép đọc.")
        return None
    key = (rel, raw)
    found = _PARSED.get(key)
    if found is None:
        before = len(problems.items)
        node = _parse(raw, rel, problems)
        found = _PARSED[key] = (node, tuple(problems.items[before:]))
        while len(_PARSED) > _PARSED_MAX:
            del _PARSED[next(iter(_PARSED))]
    else:
        problems.items.extend(found[1])
    return found[0]


_PARSED: dict[tuple[str, bytes], tuple[Node | None, tuple]] = {}  # (file, its bytes) -> (its nodes, its problems)
_PARSED_MAX = 512  # files kept: a project has about 60 (a province's edition is one of them)


def _parse(raw: bytes, rel: str, problems: Problems) -> Node | None:
    """The nodes of a file's bytes, or None with its problems recorded: a pure function of (raw, rel),
    so `read_yaml` keeps its answer per process (the live preview re-reads every file after each
    save; a build reads its edition file twice). Nodes are never changed after this."""
    text = decode(raw, rel, problems)
    if text is None:
        return None
    if not _check_tabs(text, rel, problems) or not _check_spaces(text, rel, problems):
        return None
    if not text.strip():
        problems.add(rel, 1, 1, "Tệp trống.", "Điền nội dung theo mẫu trong hướng dẫn, hoặc xóa tệp.")
        return None
    try:
        composed = _compose(text)
    except yaml.MarkedYAMLError as exc:
        _yaml_error(exc, rel, problems)
        return None
    except yaml.reader.ReaderError as exc:  # a control character (NUL, BEL, ESC...) written into the file
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        problems.add(rel, line, col, f"Tệp có ký tự điều khiển không nhìn thấy (mã U+{exc.character:04X}).",
                     "Xóa ký tự này (thường do dán từ tài liệu khác); gõ lại đoạn văn bản ở vị trí đó.")
        return None
    except yaml.YAMLError as exc:
        problems.add(rel, 1, 1, f"Lỗi cú pháp YAML ({exc}).", "Kiểm tra dấu hai chấm, thụt lề và dấu ngoặc kép.")
        return None
    except RecursionError:
        problems.add(rel, 1, 1, "Cấu trúc lồng nhau quá sâu.", "Kiểm tra thụt lề và dấu ngoặc [ ] { }.")
        return None
    if composed is None:
        problems.add(rel, 1, 1, "Tệp không có nội dung (chỉ có chú thích).", "Điền nội dung theo mẫu.")
        return None
    before = len(problems.items)
    try:
        node = _Converter(rel, problems).convert(composed)
    except RecursionError:
        problems.add(rel, 1, 1, "Cấu trúc lồng nhau quá sâu.", "Kiểm tra thụt lề và dấu ngoặc [ ] { }.")
        return None
    if len(problems.items) > before:
        return None
    return node
