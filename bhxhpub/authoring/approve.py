"""Approval that a person can do: `build.py approve ITEM --by NAME` (or `--all-in FILE`).

A head of unit approves what will be published without editing YAML: the command shows each item
as it will read (figures filled in, as of today) with the facts it prints and their sources, says
what would still stop a release (an unconfirmed figure, a near-copy of an official text), and only
then sets `status: approved`, `reviewed: <today>` and `approved_by: <name>` in the item's own
lines of its YAML file. Comments, order and every other line stay as they are. The edited project
is validated in a scratch copy before any file is replaced; nothing is written if it would not load.
"""
from __future__ import annotations

import shutil
import tempfile
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


def _items(content: Content, attr: str) -> list:
    items = getattr(content, attr)
    return list(items.values()) if isinstance(items, dict) else list(items)


def find(content: Content, ids: list[str], all_in: list[str]) -> tuple[list[Target], Problems]:
    """The items named by id (`kind:id` where an id is used by two kinds) or by file."""
    problems = Problems()
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


def _set(lines: list[str], line: int, key: str, value: str) -> None:
    """Set `key: value` on line `line` (1-based), keeping its indentation and any list dash."""
    old = lines[line - 1]
    head = old[: old.index(key + ":")]
    lines[line - 1] = f"{head}{key}: {value}"


def edits(root: Path, targets: list[Target], by: str, today: date) -> dict[str, str]:
    """The new text of every file touched: status, reviewed and approved_by of each item."""
    by_file: dict[str, list[Target]] = {}
    for t in targets:
        by_file.setdefault(t.item.where.file, []).append(t)
    out = {}
    safe_name = '"' + by.replace("\\", "\\\\").replace('"', '\\"') + '"'
    for rel, items in by_file.items():
        text = (root / rel).read_text(encoding="utf-8")
        lines = text.split("\n")
        inserts: list[tuple[int, str]] = []
        for t in items:
            w = t.item.where
            status_line, _ = w.lines["status"]
            reviewed_line, _ = w.lines["reviewed"]
            _set(lines, status_line, "status", "approved")
            _set(lines, reviewed_line, "reviewed", today.isoformat())
            if "approved_by" in w.lines:
                _set(lines, w.lines["approved_by"][0], "approved_by", safe_name)
            else:
                status_text = lines[status_line - 1]
                indent = status_text[: len(status_text) - len(status_text.lstrip(" -"))].replace("-", " ")
                inserts.append((status_line, indent + f"approved_by: {safe_name}"))
        for after, new in sorted(inserts, reverse=True):
            lines.insert(after, new)
        out[rel] = "\n".join(lines)
    return out


def apply(root: Path, changed: dict[str, str], load) -> None:
    """Check the edited project loads (in a scratch copy), then replace the files. Raises ContentError."""
    with tempfile.TemporaryDirectory(prefix="bhxh-approve-") as tmp:
        scratch = Path(tmp) / "proj"
        for part in ("content", "slogans", "leaflets", "theme"):
            if (root / part).is_dir():
                shutil.copytree(root / part, scratch / part, symlinks=True)
        for rel, text in changed.items():
            (scratch / rel).write_text(text, encoding="utf-8")
        load(scratch)  # ContentError: nothing is written
    for rel, text in changed.items():
        path = root / rel
        tmp_path = path.with_name(path.name + ".approve.tmp")
        tmp_path.write_text(text, encoding="utf-8")
        tmp_path.replace(path)


__all__ = ["ContentError", "Target", "apply", "edits", "find", "preview"]
