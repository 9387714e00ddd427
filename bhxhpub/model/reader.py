"""Reading the content files: each YAML file checked against the spec of its content type.

Every problem in every file is recorded in one `Problems`; a file that cannot be read gives no
values, so later checks only see what was valid.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import Problems
from .fields import FieldSpec, where_of
from .schema import FileCheck, check_map
from .types import Where
from .yamlread import read_yaml


class ContentReader:
    """Reads the files of one project, collecting problems."""

    def __init__(self, root: Path):
        self.root = root
        self.problems = Problems()

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def file(self, path: Path, spec: dict[str, FieldSpec], what: str) -> tuple[dict | None, FileCheck]:
        """A mapping file checked against spec: (values or None, the file's check context)."""
        rel = self.rel(path)
        check = FileCheck(rel, self.problems)
        if not path.exists():
            self.problems.add(rel, 0, 0, "Thiếu tệp nội dung bắt buộc.", f"Tạo tệp {rel} theo mẫu trong hướng dẫn biên tập.")
            return None, check
        if not self.inside(path):
            return None, check
        node = read_yaml(path, rel, self.problems)
        if node is None:
            return None, check
        return check_map(node, spec, check, what), check

    def inside(self, path: Path) -> bool:
        """True when the file really is in the project; a link to a file outside is a problem, never read."""
        return inside_project(self.root, path, self.problems)

    def yaml_files(self, folder: Path) -> list[Path]:
        """The YAML files of a content folder. One rule everywhere: the ending is .yaml, in lower
        case; a .yml or .YAML file is a problem, never silently skipped."""
        out = []
        for f in sorted(folder.iterdir()) if folder.is_dir() else []:
            if f.suffix.lower() not in (".yaml", ".yml"):
                continue
            if f.suffix != ".yaml":
                self.problems.add(self.rel(f), 0, 0, f"Tệp nội dung phải có đuôi .yaml (chữ thường), tệp này có đuôi “{f.suffix}”.",
                                  f"Đổi tên thành {f.stem}.yaml.")
                continue
            out.append(f)
        return out

    def items(self, path: Path, key: str, item: dict[str, FieldSpec], what: str) -> list[tuple[dict, Where]]:
        """The items of a file holding one list under `key`, each with its position."""
        data, check = self.file(path, {key: FieldSpec("list", item=item)}, what)
        if not data:
            return []
        return [(v, where_of(check.rel, v)) for v in data[key]]

    def ui_strings(self, path: Path) -> dict[str, str]:
        """content/ui.yaml: `strings:` mapping of interface keys to Vietnamese text."""
        rel = self.rel(path)
        if not path.exists():
            self.problems.add(rel, 0, 0, "Thiếu tệp chữ giao diện.", "Khôi phục tệp content/ui.yaml từ lịch sử git.")
            return {}
        node = read_yaml(path, rel, self.problems)
        if node is None:
            return {}
        strings = node.value.get("strings") if node.kind == "map" else None
        if strings is None or strings[1].kind != "map":
            self.problems.add(rel, node.line, node.column, "Tệp chữ giao diện cần trường “strings” gồm các dòng mã: chữ.", "")
            return {}
        out = {}
        for key, (_knode, vnode) in strings[1].value.items():
            if vnode.kind != "scalar" or vnode.is_null or not str(vnode.value).strip():
                self.problems.add(rel, vnode.line, vnode.column, f"Chữ giao diện “{key}” phải là một đoạn văn bản.",
                                  "Điền chữ sau dấu hai chấm.")
                continue
            out[key] = str(vnode.value).strip()
        return out


def inside_project(root: Path, path: Path, problems: Problems) -> bool:
    """True when `path`, links followed, is a file of the project; otherwise a problem is recorded
    (nothing outside the project is ever read, whatever a link points to)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a link loop
        real = None
    if real is not None and real.is_relative_to(root.resolve()):
        return True
    problems.add(path.relative_to(root).as_posix(), 0, 0, "Tệp này là liên kết (symlink) tới một tệp ngoài thư mục dự án: "
                 "công cụ không đọc tệp ngoài dự án.", "Chép nội dung vào một tệp thật trong dự án, rồi xóa liên kết.")
    return False


def duplicates(problems: Problems, pairs: list[tuple[str, Where]], what: str) -> None:
    """A problem for every id used a second time, naming where it was first used."""
    seen: dict[str, Where] = {}
    for ident, w in pairs:
        if ident in seen:
            first = seen[ident]
            problems.add(w.file, w.line, w.column, f"Mã {what} “{ident}” bị trùng (đã dùng ở {first.file}:{first.line}).",
                         "Đổi mã này thành một mã chưa dùng.")
        else:
            seen[ident] = w
