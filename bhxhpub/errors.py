"""Problems found in content, reported to editors in Vietnamese.

Every problem names the file, the line and column (1-based) and says what to do.
The loader collects all problems of all files before anything is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
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
