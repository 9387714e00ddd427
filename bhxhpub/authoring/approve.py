"""Approval that a person can do: `build.py approve ITEM --by NAME` (or `--all-in FILE`).

A head of unit approves what will be published without editing YAML: the command shows each item
as it will read (figures filled in, as of today) with the facts it prints and their sources, says
what would still stop a release (an unconfirmed figure, a near-copy of an official text), and only
then sets `status: approved`, `reviewed: <today>` and `approved_by: <name>` in the item's own
lines of its YAML file. Comments, order and every other line stay as they are. The edited project
is validated in a scratch copy before any file is replaced; nothing is written if it would not load.

Hostile input: the approver's name is checked (`check_name`: one line, no HTML, at most 200 characters) and
written as a double-quoted YAML text; ids and paths that leave the project are refused; a line is only edited
where the field is written `key: value` on its own line (a trailing comment kept byte for byte); two approvals
at once take turns (`locked`: a file lock, the content read again under it), so neither is lost.
"""
from __future__ import annotations

import fcntl
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import ContentError, Problems
from ..model import facts as factmod
from ..model.types import Content
from ..rules import timeline
from ..rules.nearcopy import check_near_copies

KINDS = (("leaflet", "leaflets", "Tờ rơi"), ("msg", "messages", "Thông điệp"), ("slogan", "slogans", "Khẩu hiệu"),
         ("qa", "qa", "Hỏi đáp"), ("audience", "audiences", "Nhóm đối tượng"), ("period", "periods", "Đợt"),
         ("fact", "facts", "Số liệu"))


@dataclass(frozen=True)
class Target:
    kind: str  # leaflet, msg, slogan, qa, audience, period, fact
    label: str  # the kind in Vietnamese
    item: object


MAX_NAME = 200  # the loader's limit for approved_by
_ID_RE = re.compile(r"(?:[a-z]+:)?[\w.-]+")


def check_name(by: str) -> str:
    """Why the approver's name cannot be written ("" when it can)."""
    if not by.strip():
        return "Cần tên người duyệt: --by “Họ tên, chức vụ”."
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in by):
        return "Tên người duyệt (--by) chứa xuống dòng, tab hoặc ký tự ẩn: chỉ viết một dòng chữ."
    if "<" in by or ">" in by:
        return "Tên người duyệt (--by) không được chứa dấu < hoặc > (mã HTML): chỉ viết họ tên và chức vụ."
    if len(by.strip()) > MAX_NAME:
        return f"Tên người duyệt (--by) dài {len(by.strip())} ký tự, tối đa {MAX_NAME}: chỉ viết họ tên và chức vụ."
    return ""


def yaml_text(by: str) -> str:
    """A name as a double-quoted YAML text (no control characters reach here: `check_name`)."""
    return '"' + unicodedata.normalize("NFC", by.strip()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _checked_args(ids: list[str], all_in: list[str], problems: Problems) -> tuple[list[str], list[str]]:
    """Ids and paths that may name an item; one that leaves the project (../, an absolute path) is refused."""
    good_ids = []
    for ident in ids:
        if not _ID_RE.fullmatch(ident) or ".." in ident:
            problems.add("", 0, 0, f"Mã “{ident}” không hợp lệ.", "Mã (id) chỉ gồm chữ thường không dấu, số và dấu -, "
                         "ví dụ: co-nen-rut-bhxh-mot-lan (trùng mã giữa hai loại: qa:co-nen-rut-bhxh-mot-lan).")
        else:
            good_ids.append(ident)
    good_paths = []
    for rel in all_in:
        parts = rel.replace("\\", "/").split("/")
        if rel.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", rel) or ".." in parts or "\0" in rel:
            problems.add(rel, 0, 0, "Đường dẫn nằm ngoài thư mục dự án.",
                         "Đường dẫn tính từ thư mục dự án, ví dụ: content/qa.yaml.")
        else:
            good_paths.append(rel)
    return good_ids, good_paths


def _items(content: Content, attr: str) -> list:
    items = getattr(content, attr)
    return list(items.values()) if isinstance(items, dict) else list(items)


def find(content: Content, ids: list[str], all_in: list[str]) -> tuple[list[Target], Problems]:
    """The items named by id (`kind:id` where an id is used by two kinds) or by file."""
    problems = Problems()
    ids, all_in = _checked_args(ids, all_in, problems)
    every = [Target(kind, label, item) for kind, attr, label in KINDS for item in _items(content, attr)]
    out: list[Target] = []
    for ident in ids:
        kind, _, bare = ident.rpartition(":")
        hits = [t for t in every if t.item.id == bare and (not kind or t.kind == kind)]
        if not hits:
            import difflib
            close = difflib.get_close_matches(bare, sorted({t.item.id for t in every}), n=1)
            problems.add("", 0, 0, f"Không có mục nào mã “{ident}”.", f"Có phải ý bạn là “{close[0]}”?" if close else
                         "Xem mã (id) của mục trong tệp YAML.")
        elif len(hits) > 1:
            problems.add("", 0, 0, f"Mã “{bare}” dùng cho nhiều loại: {', '.join(t.kind for t in hits)}.",
                         "Viết kèm loại, ví dụ: " + ", ".join(f"{t.kind}:{bare}" for t in hits) + ".")
        else:
            out.extend(hits)
    for rel in all_in:
        rel = rel.replace("\\", "/").removeprefix("./")
        hits = [t for t in every if t.item.where.file == rel]
        if not hits:
            problems.add(rel, 0, 0, "Tệp này không có mục nội dung nào.", "Đường dẫn tính từ thư mục dự án, ví dụ: content/qa.yaml.")
        out.extend(h for h in hits if h.item.editorial.is_draft)
    unique = list({(t.kind, t.item.id): t for t in out}.values())
    return unique, problems


def preview(content: Content, targets: list[Target], today: date) -> tuple[str, list[str]]:
    """What will be published, as a reader will see it (figures as of `today`), and what would
    still stop a release build once these items are approved."""
    resolved, report = timeline.resolve_content(content, today)
    quoted = factmod.quoted_texts(resolved)
    lines: list[str] = []
    blockers: list[str] = []
    for t in targets:
        item = next(i for i in _items(resolved, dict((k, a) for k, a, _ in KINDS)[t.kind]) if i.id == t.item.id)
        w = item.where
        state = "đã duyệt" if not item.editorial.is_draft else "dự thảo"
        lines.append(f"■ {t.label} “{item.id}” ({w.file}:{w.line}, đang {state})")
        texts = timeline.figure_texts(item) or [v for v in (getattr(item, "text", ""), getattr(item, "label", "")) if v]
        for text in texts:
            lines.append("    " + factmod.expand(text, resolved.facts, "vi", quoted))
        used = sorted(timeline.used_facts(resolved, item))
        for fid in used:
            f = resolved.facts[fid]
            mark = "chưa xác nhận" if timeline.is_draft(resolved.facts, fid) else "đã xác nhận"
            value = f"{len(f.value)} ý" if f.unit == "list" else factmod.format_fact(f)
            lines.append(f"    · [[{fid}]] = {value} – {f.source} ({mark})")
            if mark == "chưa xác nhận" and t.kind != "fact":
                blockers.append(f"{t.label} “{item.id}” dùng số liệu “{fid}” chưa xác nhận: bản công bố sẽ dừng cho đến khi "
                                "số liệu được duyệt.")
        if t.kind == "fact" and timeline.operands(item):
            for op in timeline.operands(item):
                if timeline.is_draft(resolved.facts, op):
                    blockers.append(f"Số liệu “{item.id}” tính từ “{op}” chưa xác nhận.")
    for p in check_near_copies(resolved, [t.item for t in targets]).items:
        blockers.append(p.message)
    for p in report.errors.items:
        if any(p.file == t.item.where.file and p.line == t.item.where.line for t in targets):
            blockers.append(p.message)
    return "\n".join(lines), blockers


def _value_end(text: str, start: int) -> int:
    """Where the scalar starting at `start` ends on its line (-1: it goes on to the next line)."""
    if text[start:start + 1] == '"':
        i = start + 1
        while i < len(text):
            if text[i] == "\\":
                i += 2
                continue
            if text[i] == '"':
                return i + 1
            i += 1
        return -1
    if text[start:start + 1] == "'":
        i = start + 1
        while i < len(text):
            if text[i] == "'":
                if text[i + 1:i + 2] == "'":
                    i += 2
                    continue
                return i + 1
            i += 1
        return -1
    m = re.search(r"\s#", text[start:])
    return len(text[:start + m.start()].rstrip()) if m else len(text.rstrip())


def _set(lines: list[str], where: tuple[str, int, int], key: str, value: str, problems: Problems) -> None:
    """Set `key: value` on line `line` (1-based), the value at `column`: the indentation, any list dash, the
    spacing and a trailing comment stay as they are. A field not written `key: value` on its own line is left
    for the editor (problems)."""
    rel, line, col = where
    old = lines[line - 1]
    body = old.rstrip("\r")
    head = body[: col - 1]
    end = _value_end(body, col - 1) if col >= 1 else -1
    tail = body[end:] if end >= 0 else ""
    odd = body[col - 1:col] in ("|", ">", "&", "*", "!")  # a block text, an anchor, an alias, a tag
    if not re.fullmatch(rf" *(?:- +)?{key}: +", head) or end < 0 or odd or tail.strip() and not tail.lstrip().startswith("#"):
        problems.add(rel, line, col, f"Không ghi được “{key}” tự động: dòng này không viết dạng “{key}: giá trị” trên một dòng.",
                     f"Sửa tay: viết “{key}: …” trên một dòng riêng (không dạng {{…}}), rồi chạy lại lệnh.")
        return
    lines[line - 1] = head + value + tail + old[len(body):]


def edits(root: Path, targets: list[Target], by: str, today: date) -> dict[str, str]:
    """The new text of every file touched: status, reviewed and approved_by of each item. Raises ContentError
    (nothing written) when a line cannot be edited in place."""
    problems = Problems()
    by_file: dict[str, list[Target]] = {}
    for t in targets:
        by_file.setdefault(t.item.where.file, []).append(t)
    out = {}
    safe_name = yaml_text(by)
    for rel, items in by_file.items():
        text = (root / rel).read_bytes().decode("utf-8")  # line ends (CRLF) and a BOM kept as they are
        lines = text.split("\n")
        inserts: list[tuple[int, str]] = []
        for t in items:
            w = t.item.where
            status_line, _ = w.lines["status"]
            _set(lines, w.at("status"), "status", "approved", problems)
            _set(lines, w.at("reviewed"), "reviewed", today.isoformat(), problems)
            if "approved_by" in w.lines:
                _set(lines, w.at("approved_by"), "approved_by", safe_name, problems)
            else:
                status_text = lines[status_line - 1]
                indent = status_text[: len(status_text) - len(status_text.lstrip(" -"))].replace("-", " ")
                ending = "\r" if status_text.endswith("\r") else ""
                inserts.append((status_line, indent + f"approved_by: {safe_name}{ending}"))
        for after, new in sorted(inserts, reverse=True):
            lines.insert(after, new)
        out[rel] = "\n".join(lines)
    if not problems.ok:
        raise ContentError(problems)
    return out


def apply(root: Path, changed: dict[str, str], load) -> None:
    """Check the edited project loads (in a scratch copy), then replace the files. Raises ContentError."""
    with tempfile.TemporaryDirectory(prefix="bhxh-approve-") as tmp:
        scratch = Path(tmp) / "proj"
        for part in ("content", "slogans", "leaflets", "theme"):
            if (root / part).is_dir():
                shutil.copytree(root / part, scratch / part, symlinks=True)
        for rel, text in changed.items():
            (scratch / rel).write_bytes(text.encode("utf-8"))
        load(scratch)  # ContentError: nothing is written
    for rel, text in changed.items():
        path = root / rel
        tmp_path = path.with_name(path.name + ".approve.tmp")
        tmp_path.write_bytes(text.encode("utf-8"))
        tmp_path.replace(path)


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """One approval at a time in a project (a second one waits): each reads the files after the other wrote."""
    with open(root / ".approve.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def approve(root: Path, ids: list[str], all_in: list[str], by: str, today: date, load) -> dict[str, str]:
    """Under the lock: the content read again, the items found again, their lines edited and checked, the files
    replaced. Returns what was written; raises ContentError (nothing written)."""
    with locked(root):
        content = load(root)  # what another approval wrote while this one was being confirmed
        targets, problems = find(content, ids, all_in)
        if not problems.ok:
            raise ContentError(problems)
        changed = edits(root, targets, by, today)
        apply(root, changed, load)
        return changed


__all__ = ["ContentError", "Target", "apply", "approve", "check_name", "edits", "find", "locked", "preview"]
