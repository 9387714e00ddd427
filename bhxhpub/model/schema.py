"""Typed field specs for YAML mappings, with precise Vietnamese errors.

A spec is a dict of field name -> FieldSpec(kind, ...) (derived from the declarations in model.py). `check_map` validates a Node
against it and returns plain Python values (or None when anything is wrong),
recording every problem with file, line and column. Kinds:

  text      non-empty string (numbers are kept as written: 1900.9068 stays text)
  opt_text  optional string, "" when absent
  id        lower-case ASCII slug: a-z, 0-9 and hyphens
  int, number, bool, date (YYYY-MM-DD)
  url       http(s)://, tel:, mailto: or nothing else
  path      a relative file path inside the project
  choice    one of FieldSpec.choices
  list      list of FieldSpec.item (a spec kind or a nested mapping spec)
  map       nested mapping with FieldSpec.fields
  any       a scalar or list of text (for fact values)
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from ..errors import Problems
from .fields import DEFAULT_MAX_LEN, FieldSpec
from .slug import ID_RE, WINDOWS_NAMES, slugify
from .yamlread import Node, _shown

_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# No quotes, brackets, parentheses or backslashes: a URL lands inside Markdown links and HTML
# attributes, where these characters could end the link early (write them as %28, %29...).
_URL_CH = r"[^\s<>\"'`()\[\]{}|\\^]"
_URL_RE = re.compile(rf"^(https?://{_URL_CH}+|tel:\+?[0-9.\-]+|mailto:[^\s<>\"'`@()\[\]\\]+@{_URL_CH}+)$")
_INT_RE = re.compile(r"^[-+]?[0-9][0-9_]{0,17}$")
_NUM_RE = re.compile(r"^[-+]?[0-9][0-9_]{0,17}(\.[0-9_]{0,18})?([eE][-+]?[0-9]{1,2})?$")
# Phone numbers as people write them: 1900.9068, 024 3628 5231, (024) 3628 5231, +84 24 3628 5231.
_PHONE_RE = re.compile(r"^\+?(\([0-9]{1,5}\) ?)?[0-9][0-9 .\-]{2,24}[0-9]$")

TYPE_NAMES = {
    "text": "một đoạn văn bản", "opt_text": "một đoạn văn bản", "id": "một mã (chữ thường không dấu, gạch nối)",
    "int": "một số nguyên", "number": "một số", "bool": "true hoặc false", "date": "một ngày dạng NĂM-THÁNG-NGÀY",
    "url": "một địa chỉ web", "path": "đường dẫn tệp", "choice": "một giá trị trong danh sách",
    "phone": "một số điện thoại",
    "list": "một danh sách (mỗi mục bắt đầu bằng dấu -)", "map": "một nhóm trường (tên: giá trị)",
    "any": "một giá trị",
}


@dataclass
class FileCheck:
    """The checks of one file: where problems are recorded, and under which file name."""

    rel: str
    problems: Problems

    def err(self, node: Node, message: str, hint: str = "") -> None:
        self.problems.add(self.rel, node.line, node.column, message, hint)


def _type_error(check: FileCheck, node: Node, name: str, spec: FieldSpec) -> None:
    want = TYPE_NAMES.get(spec.kind, spec.kind)
    got = {"map": "một nhóm trường", "seq": "một danh sách", "scalar": "một giá trị đơn"}[node.kind]
    hint = spec.help or f"Trường “{name}” cần {want}."
    if node.kind == "map" and spec.kind in ("text", "opt_text"):  # "Hộ nghèo: Nhà nước trả …" read as a key and a value
        hint = ("Câu có dấu hai chấm và dấu cách (“: ”) nên YAML hiểu là tên trường: đặt cả câu trong ngoặc kép, "
                "ví dụ: - \"Hộ nghèo: Nhà nước trả …\"")
    check.err(node, f"Trường “{name}” cần {want}, nhưng đang là {got}.", hint)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode's Cc (C0, DEL, C1) but for line feed and tab


def _control_chars(s: str) -> bool:
    return _CONTROL.search(s) is not None


INVALID = object()  # a check found a problem (already recorded)
TEXT_LIKE = ("text", "opt_text", "url", "path", "id", "choice", "phone", "any")


def _check_id(raw: str, node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    if any(c in _INVISIBLE for c in raw) or not ID_RE.match(raw) or len(raw) > 80:
        suggestion = slugify("".join(c for c in raw if c not in _INVISIBLE))
        why = "chứa ký tự ẩn" if any(c in _INVISIBLE for c in raw) else "chỉ được dùng chữ thường không dấu, số và dấu gạch nối"
        shown = _shown("".join(f"⟨U+{ord(c):04X}⟩" if c in _INVISIBLE else c for c in raw), 60)  # hidden ones visible
        check.err(node, f"Mã “{shown}” ở trường “{name}” không hợp lệ: {why}.",
                  f"Viết là: {suggestion}" if suggestion else "Dùng chữ thường không dấu nối bằng dấu gạch, ví dụ: nong-dan.")
        return INVALID
    if raw in WINDOWS_NAMES:
        check.err(node, f"Mã “{raw}” ở trường “{name}” không dùng được: đây là tên dành riêng của Windows "
                        "(con, prn, aux, nul, com1…), tệp hay thư mục mang tên này không mở được trên Windows.",
                  f"Viết là: {raw}-1 hoặc một mã khác.")
        return INVALID
    return raw


def _check_choice(raw: str, node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    if raw not in spec.choices:
        close = difflib.get_close_matches(raw.lower(), [str(c) for c in spec.choices], n=1)
        hint = f"Có phải ý bạn là “{close[0]}”? " if close else ""
        check.err(node, f"Giá trị “{_shown(raw)}” của trường “{name}” không hợp lệ.",
                  hint + "Chọn một trong: " + ", ".join(map(str, spec.choices)) + ".")
        return INVALID
    return raw


def _check_url(raw: str, node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    if _URL_RE.match(raw):
        return raw
    if re.match(r"^(https?://|tel:|mailto:)", raw, re.I):
        check.err(node, f"Địa chỉ “{_shown(raw)}” ở trường “{name}” có ký tự không được phép (dấu cách, ngoặc, dấu nháy...).",
                  "Sao chép lại địa chỉ từ thanh địa chỉ của trình duyệt; ngoặc viết là %28 và %29, dấu cách là %20.")
    else:
        check.err(node, f"Địa chỉ “{_shown(raw)}” ở trường “{name}” không được phép.",
                  "Chỉ dùng địa chỉ bắt đầu bằng https://, http://, tel: hoặc mailto:.")
    return INVALID


def _check_phone(raw: str, node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    if _PHONE_RE.match(raw):
        return raw
    check.err(node, f"Số điện thoại “{_shown(raw)}” ở trường “{name}” không hợp lệ.",
              "Chỉ viết chữ số, dấu cách, dấu chấm, gạch nối, dấu + ở đầu và mã vùng trong ngoặc, "
              "ví dụ: 1900.9068 hoặc (024) 3628 5231.")
    return INVALID


def _check_path(raw: str, node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    bad = raw.startswith(("/", "\\")) or ".." in raw.replace("\\", "/").split("/") or ":" in raw
    if bad or any(c in _INVISIBLE for c in raw):
        check.err(node, f"Đường dẫn “{_shown(raw)}” ở trường “{name}” trỏ ra ngoài thư mục dự án.",
                  "Dùng đường dẫn tương đối trong dự án, ví dụ: theme/assets/logo.svg.")
        return INVALID
    return raw


def _check_bool(raw: str, node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    if node.tag.endswith(":bool"):
        return raw.lower() in ("true", "yes", "on", "y")
    _type_error(check, node, name, spec)
    return INVALID


def _check_int(raw: str, node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    # YAML 1.1 also reads 0x1F, 0b11 and 1:30 as integers: only plain decimal digits are accepted
    if node.tag.endswith(":int") and _INT_RE.match(raw):
        return int(raw.replace("_", ""))
    check.err(node, f"Trường “{name}” cần một số nguyên, nhưng đang là “{_shown(raw)}”.",
              spec.help or "Viết số không có dấu chấm hay dấu phẩy ngăn cách, ví dụ: 1500000.")
    return INVALID


def _check_number(raw: str, node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    if node.tag.endswith((":int", ":float")) and _NUM_RE.match(raw):
        v = float(raw.replace("_", ""))
        return int(v) if v.is_integer() else v
    check.err(node, f"Trường “{name}” cần một số, nhưng đang là “{_shown(raw)}”.",
              "Viết số dùng dấu chấm cho phần thập phân, không ngăn cách hàng nghìn, ví dụ: 1500000 hoặc 0.22.")
    return INVALID


_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # Python also reads week dates (2026-W18-5): not here


def _check_date(raw: str, node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    try:
        if not _DATE_RE.match(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        if _DATE_RE.match(raw):  # the right form, a day the calendar does not have (30 February)
            check.err(node, f"Ngày “{_shown(raw)}” ở trường “{name}” không có trên lịch.",
                      "Kiểm tra ngày và tháng, viết dạng NĂM-THÁNG-NGÀY (tháng 2 có 28 ngày, 29 ngày năm nhuận; "
                      "tháng 4, 6, 9, 11 có 30 ngày).")
            return INVALID
        check.err(node, f"Ngày “{_shown(raw)}” ở trường “{name}” không đúng dạng.",
                  "Viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ: 2026-05-01 (không ghi giờ hay múi giờ).")
        return INVALID


def _as_is(raw: str, node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    return raw


SCALAR_CHECKS = {
    "text": _as_is, "opt_text": _as_is, "any": _as_is, "id": _check_id, "choice": _check_choice, "url": _check_url,
    "phone": _check_phone, "path": _check_path, "bool": _check_bool, "int": _check_int, "number": _check_number,
    "date": _check_date,
}


def check_scalar(node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    """One scalar value checked against its kind; None (problem recorded) when it is wrong."""
    if node.kind != "scalar":
        _type_error(check, node, name, spec)
        return None
    raw: str = node.value
    if spec.kind in TEXT_LIKE:
        if node.is_null or raw.strip() == "":
            if spec.kind == "opt_text" or not spec.required:
                return spec.default if spec.default is not None else ""
            check.err(node, f"Trường “{name}” đang để trống.", spec.help or "Điền nội dung cho trường này.")
            return None
        if _control_chars(raw):
            check.err(node, f"Trường “{name}” chứa ký tự điều khiển không nhìn thấy.",
                      "Gõ lại đoạn văn bản này thay vì dán từ tài liệu khác.")
            return None
        raw = raw.strip()
        limit = spec.max_len or DEFAULT_MAX_LEN
        if spec.kind in ("text", "opt_text", "any") and len(raw) > limit:
            check.err(node, f"Trường “{name}” dài {len(raw)} ký tự, vượt giới hạn {limit} ký tự của trường này.",
                      f"Rút gọn đoạn này (tối đa {limit} ký tự) hoặc tách thành nhiều ý: tờ rơi và màn hình điện thoại "
                      "không chứa được đoạn dài hơn.")
            return None
    value = SCALAR_CHECKS[spec.kind](raw, node, name, spec, check)
    return None if value is INVALID else value


def check_value(node: Node, name: str, spec: FieldSpec, check: FileCheck) -> Any:
    if spec.kind == "map":
        return check_map(node, spec.fields or {}, check, name)
    if spec.kind == "list":
        if node.is_null and not spec.required:
            return ()
        if node.kind != "seq":
            _type_error(check, node, name, spec)
            return None
        out = []
        ok = True
        for i, item in enumerate(node.value):
            if isinstance(spec.item, dict):
                v = check_map(item, spec.item, check, f"mục thứ {i + 1} của “{name}”")
            else:
                v = check_scalar(item, name, FieldSpec(spec.item, max_len=spec.max_len), check)
            if v is None:
                ok = False
            else:
                if isinstance(v, dict):
                    v["__where__"] = (item.line, item.column)
                out.append(v)
        if not out and spec.required:
            if ok:
                check.err(node, f"Danh sách “{name}” đang trống.", spec.help or "Thêm ít nhất một mục, mỗi mục một dòng bắt đầu bằng “- ”.")
            return None
        # A bad item has its own problem recorded (so the load fails); the good items are kept so
        # that references to them are still checked, instead of every reference into this list failing.
        return tuple(out)
    if spec.kind == "any" and node.kind == "seq":
        items = [check_scalar(n, name, FieldSpec("text"), check) for n in node.value]
        return None if any(i is None for i in items) else tuple(items)
    return check_scalar(node, name, spec, check)


def _default(f: FieldSpec) -> Any:
    if f.default is not None:
        return f.default
    if f.kind == "list":
        return ()
    if f.kind in ("text", "opt_text"):
        return ""
    return None


def check_map(node: Node, spec: dict, check: FileCheck, what: str) -> Optional[dict]:
    """Validate a mapping node against spec; returns values or None."""
    if node.kind != "map":
        got = "một danh sách" if node.kind == "seq" else "một giá trị đơn"
        check.err(node, f"“{what}” cần là một nhóm trường (tên: giá trị), nhưng đang là {got}.",
                "Xem mẫu trong hướng dẫn biên tập (docs/huong-dan-bien-tap.md).")
        return None
    out: dict[str, Any] = {}
    ok = True
    for key, (knode, vnode) in node.value.items():
        if key not in spec:
            visible = "".join(c for c in key if c not in _INVISIBLE and unicodedata.category(c) not in ("Cc", "Cf"))
            close = difflib.get_close_matches(visible.lower(), list(spec), n=1, cutoff=0.6)
            hint = f"Có phải ý bạn là “{close[0]}”?" if close else "Các trường hợp lệ: " + ", ".join(spec) + "."
            shown = visible if len(visible) <= 40 else visible[:40] + "…"
            hidden = " (tên trường có ký tự ẩn, hãy gõ lại)" if visible != key else ""
            check.err(knode, f"Trường “{shown}” không có trong mẫu của “{what}”{hidden}.", hint)
            ok = False
            continue
        v = check_value(vnode, key, spec[key], check)
        if v is None and not (vnode.is_null and not spec[key].required):
            ok = False
        else:
            out[key] = v if v is not None else spec[key].default
            out.setdefault("__lines__", {})[key] = (vnode.line, vnode.column)
    for name, f in spec.items():
        if name not in node.value:
            if f.required:
                check.err(node, f"“{what}” thiếu trường bắt buộc “{name}”.",
                        f.help or f"Thêm dòng “{name}: ...” ({TYPE_NAMES.get(f.kind, f.kind)}).")
                ok = False
            else:
                out[name] = _default(f)
    out["__where__"] = (node.line, node.column)
    return out if ok else None
