"""`serve`: live preview on 127.0.0.1, rebuilt when a file is saved."""
from __future__ import annotations

import argparse
from pathlib import Path

HELP = "xem trước trên http://127.0.0.1:8000, tự dựng lại khi lưu tệp"
EXAMPLE = """  python build.py serve
  python build.py serve --port 8001"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ (mặc định 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    p.add_argument("--release", action="store_true", help="xem trước bản công bố (chỉ nội dung đã duyệt)")


def run(args: argparse.Namespace, root: Path) -> int:
    from ..pipeline.serve import serve
    return serve(root, args.host, args.port, release=args.release)
