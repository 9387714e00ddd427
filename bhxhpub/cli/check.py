"""`check`: validate every file and every rule, write nothing."""
from __future__ import annotations

import argparse
from pathlib import Path

from .common import print_warnings

HELP = "chỉ kiểm tra nội dung (mọi lỗi trong một lần), không ghi gì"
EXAMPLE = """  python build.py check
  python build.py check --release                 kiểm tra như khi công bố
  python build.py check --edition thai-nguyen     kiểm tra cả bản địa phương"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--release", action="store_true", help="kiểm tra theo quy tắc công bố (chỉ nội dung đã duyệt)")
    p.add_argument("--edition", default=None, metavar="MÃ", help="kiểm tra cả bản địa phương này")


def run(args: argparse.Namespace, root: Path) -> int:
    from ..pipeline.plan import validate
    checked = validate(root, release=args.release, edition=args.edition, cache_read_only=True)
    content = checked.loaded
    print(f"Nội dung hợp lệ: {len(content.messages)} thông điệp, {len(content.slogans)} khẩu hiệu, "
          f"{len(content.audiences)} nhóm đối tượng, {len(content.leaflets)} tờ rơi, {len(content.qa)} câu hỏi.")
    print_warnings(checked.warnings)
    return 0
