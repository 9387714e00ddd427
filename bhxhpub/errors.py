"""Problems found in content, reported to editors in Vietnamese.

Every problem names the file, the line and column (1-based) and says what to do.
The loader collects all problems of all files before anything is written.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


def shown_name(name: str) -> str:
    """A file name as it may be printed in a terminal: control and bidi characters (escape
    sequences that set the title or clear the screen, text reversal) shown as <U+XXXX>."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf") else c for c in name)


# bidi embeddings, overrides and isolates (text shown reversed), line and paragraph separators
_TERMINAL_UNSAFE = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029}


def terminal_safe(text: str) -> str:
    """Any text as it may be written to a terminal: control characters (ESC of escape sequences that
    set the title or clear the screen, BEL, CR, C1 controls) and bidi controls shown as <U+XXXX>;
    new lines and tabs kept. Every command's output goes through it (cli/common.py)."""
    return "".join(f"<U+{ord(c):04X}>" if (unicodedata.category(c) == "Cc" and c not in "\n\t") or ord(c) in _TERMINAL_UNSAFE
                   else c for c in text)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    def format(self) -> str:
        file = shown_name(self.file)
        where = f"{file}:{self.line}:{self.column}" if self.line else file
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n    → Cách sửa: {self.hint}"
        return text


@dataclass
class Problems:
    """Accumulates problems; callers check `ok` before building anything."""

    items: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # found too, but they do not stop this build (warnings)

    def add(self, file: str, line: int, column: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(file, line, column, message, hint))

    @property
    def ok(self) -> bool:
        return not self.items

    def report(self, warnings: tuple[Problem, ...] = ()) -> str:
        """Every error, and the warnings beside them, in one list sorted by file and line, with a count."""
        unique = sorted(set(self.items))
        notes = sorted(set(warnings) - set(unique))
        also = f" và {len(notes)} cảnh báo" if notes else ""
        head = f"Phát hiện {len(unique)} lỗi{also} trong nội dung. Chưa có gì được ghi ra; trang web đang chạy giữ nguyên.\n"
        shown = sorted([(p, "") for p in unique] + [(p, "Cảnh báo: ") for p in notes])
        return head + "\n".join(mark + p.format() for p, mark in shown)


def warnings_report(warnings) -> str:
    """Problems that did not stop a preview build, for the editor to fix before a release ("" for none)."""
    if not warnings:
        return ""
    return "\n".join([f"Cảnh báo ({len(warnings)}): xem lại trước khi công bố (số liệu không có giá trị áp dụng thì bản "
                      "công bố --release sẽ dừng).", *(w.format() for w in warnings)])


class ContentError(Exception):
    """Raised when content is invalid; carries all problems found (and the warnings found with them)."""

    def __init__(self, problems: Problems, warnings: tuple[Problem, ...] = ()):
        super().__init__(problems.report(warnings))
        self.problems = problems
        self.warnings = tuple(warnings)

    def report(self) -> str:
        return self.problems.report(self.warnings)


class BuildError(Exception):
    """A build step failed for a reason the editor can act on (message in Vietnamese)."""
