"""`report`: what each locale still needs (missing, outdated, unapproved translations)."""
from __future__ import annotations

import argparse
from pathlib import Path

HELP = "báo cáo bản dịch: mỗi ngôn ngữ còn thiếu, cần xem lại, chưa duyệt gì"
EXAMPLE = """  python build.py report
  python build.py report --json bao-cao.json"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", type=Path, default=None, metavar="TỆP", help="ghi thêm báo cáo dạng JSON vào tệp này")


def run(args: argparse.Namespace, root: Path) -> int:
    from ..locales.report import build_report, report_json, report_text
    from ..pipeline.plan import load
    reports = build_report(load(root))
    print(report_text(reports))
    if args.json and str(args.json) != "-":
        args.json.write_text(report_json(reports), encoding="utf-8")
        print(f"Đã ghi {args.json}")
    return 0
