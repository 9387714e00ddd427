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

    def add(self, file: str, line: int, column: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(file, line, column, message, hint))

    @property
    def ok(self) -> bool:
        return not self.items

    def report(self) -> str:
        unique = sorted(set(self.items))
        head = f"Phát hiện {len(unique)} lỗi trong nội dung. Chưa có gì được ghi ra; trang web đang chạy giữ nguyên.\n"
        return head + "\n".join(p.format() for p in unique)


class ContentError(Exception):
    """Raised when content is invalid; carries all problems found."""

    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems


class BuildError(Exception):
    """A build step failed for a reason the editor can act on (message in Vietnamese)."""
