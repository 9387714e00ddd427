"""gettext PO for Poedit and Weblate (polib): msgctxt is the row's key, msgid the Vietnamese, msgstr the
translation. An outdated text is `fuzzy` with the Vietnamese it was translated from as `#| msgid`, as
msgmerge does; the readable context, the figures and the source hash are extracted comments (`#.`)."""
from __future__ import annotations

from pathlib import Path

import polib

from ..errors import Problems
from .files import STATE_LABELS, Entry, Incoming, clean
from .rows import Export

HASH_PREFIX = "source_hash: "
BASE_PREFIX = "target_hash: "  # the project's translation when the file was exported (files.text_hash)


def write_po(export: Export) -> bytes:
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": "BHXH tuyen truyen",
        "POT-Creation-Date": f"{export.exported.isoformat()} 00:00+0700",
        "PO-Revision-Date": f"{export.exported.isoformat()} 00:00+0700",
        "Last-Translator": "",
        "Language-Team": export.name,
        "Language": export.lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Bhxh-Locale": export.locale,
    }
    po.header = "\n".join([f"Bản dịch {export.name} ({export.locale}). Giữ nguyên các mã [[…]] và {{…}}; "
                           "không sửa msgctxt, msgid và các dòng #.", "",
                           "Bảng thuật ngữ (dịch thống nhất; chưa có cách dịch thì đề xuất với cán bộ phụ trách):",
                           *(f"  {g.line()}" for g in export.glossary)])
    for row in export.rows:
        notes = [row.label, f"Trạng thái: {STATE_LABELS[row.state]}; tối đa {row.max_len} ký tự."]
        if row.figures:
            notes.append("Số liệu: " + row.figures)
        if row.limit:
            notes.append("Giới hạn: " + row.limit)
        notes += ["Thuật ngữ: " + g.line() for g in row.terms]
        notes += [HASH_PREFIX + row.hash, BASE_PREFIX + row.base]
        entry = polib.POEntry(msgctxt=row.key, msgid=row.source, msgstr=row.target, comment="\n".join(notes),
                              occurrences=[(row.file, "")])
        if row.state == "outdated":
            entry.flags.append("fuzzy")
            if row.old_source:
                entry.previous_msgid = row.old_source
        po.append(entry)
    return str(po).encode("utf-8")


def read_po(path: Path, label: str, problems: Problems) -> Incoming | None:
    try:
        po = polib.pofile(str(path), encoding="utf-8", check_for_duplicates=True)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        problems.add(label, 0, 0, f"Không đọc được tệp PO: {exc}", "Mở và lưu lại tệp bằng Poedit rồi nhập lại.")
        return None
    entries = []
    for e in po:
        if e.obsolete:
            continue
        hashes = [line[len(HASH_PREFIX):].strip() for line in (e.comment or "").splitlines()
                  if line.startswith(HASH_PREFIX)]
        bases = [line[len(BASE_PREFIX):].strip() for line in (e.comment or "").splitlines() if line.startswith(BASE_PREFIX)]
        entries.append(Entry(key=clean(e.msgctxt), source=clean(e.msgid), target=clean(e.msgstr),
                             hash=hashes[0] if hashes else "", needs_review="fuzzy" in e.flags,
                             where=(label, e.linenum, 0), base=bases[0] if bases else ""))
    md = po.metadata
    return Incoming(locale=clean(md.get("X-Bhxh-Locale")), lang=clean(md.get("Language")),
                    translator=clean(md.get("Last-Translator")), entries=tuple(entries), where=(label, 1, 0))
