"""`translations export|import`: files for translators (XLSX, PO, XLIFF) and their way back."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..exchange.files import FORMATS, SUFFIXES
from ..model.translations import KIND_LABELS

HELP = "trao đổi bản dịch với người dịch: xuất tệp Excel/PO/XLIFF, nhập tệp đã dịch"
EXAMPLE = """  python build.py translations export --locale hmong --out hmong.xlsx
  python build.py translations export --locale tay --format po --only all --out tay.po
  python build.py translations export --locale tay --edition thai-nguyen --out tay-thai-nguyen.xlsx
  python build.py translations import hmong.xlsx --translator "Giàng A Pó"
  python build.py translations import tay-thai-nguyen.xlsx --edition thai-nguyen"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="VIỆC")
    ex = sub.add_parser("export", help="xuất những gì một ngôn ngữ cần dịch")
    ex.add_argument("--locale", required=True, help="mã ngôn ngữ trong content/settings.yaml, ví dụ hmong")
    ex.add_argument("--format", choices=FORMATS, default=None, help="xlsx (mặc định theo đuôi tệp), po hoặc xliff")
    ex.add_argument("--only", choices=("todo", "all"), default="todo",
                    help="todo (mặc định): các mục chưa dịch, nháp, cần xem lại; all: mọi mục")
    ex.add_argument("--kind", nargs="+", choices=tuple(KIND_LABELS), default=(), help="chỉ các loại này, ví dụ leaflet slogan")
    ex.add_argument("--out", type=Path, required=True, help="tệp ghi ra, ví dụ hmong.xlsx")
    ex.add_argument("--edition", default=None, metavar="MÃ",
                    help="cả nội dung riêng của bản địa phương này (tên, giờ làm việc của cơ quan, hỏi đáp địa phương)")
    im = sub.add_parser("import", help="nhập tệp người dịch gửi lại")
    im.add_argument("file", type=Path, help="tệp .xlsx, .po hoặc .xlf")
    im.add_argument("--translator", default=None, help="tên người dịch (mặc định: tên ghi trong tệp)")
    im.add_argument("--locale", default=None, help="kiểm tra tệp đúng là của ngôn ngữ này")
    im.add_argument("--edition", default=None, metavar="MÃ",
                    help="tệp đã xuất với --edition: ghi cả bản dịch nội dung riêng của bản địa phương này")


def run(args: argparse.Namespace, root: Path) -> int:
    """0 when done, 1 when the content or the file has problems."""
    if args.action == "export":
        from ..exchange.export import export_file
        fmt = args.format or SUFFIXES.get(args.out.suffix.lower(), "xlsx")
        count = export_file(root, args.locale, fmt, args.out, only=args.only, kinds=tuple(args.kind), edition=args.edition)
        print(f"Đã ghi {args.out}: {count} đoạn cần dịch cho ngôn ngữ {args.locale} ({fmt}).")
        return 0
    from ..exchange.importer import import_file
    result, problems = import_file(root, args.file, translator=args.translator, locale=args.locale, edition=args.edition)
    warnings = sorted(set(problems.notices))
    if warnings:  # segments, glossary terms: the translator may still want to look (a release refuses long SMS)
        print(f"Cảnh báo ({len(warnings)}): xem lại các dòng này với người dịch.", file=sys.stderr)
        print("\n".join(p.format() for p in warnings), file=sys.stderr)
    if not problems.ok:
        found = sorted(set(problems.items))
        print(f"Phát hiện {len(found)} lỗi khi nhập {args.file.name}. Chưa ghi gì vào bản dịch; sửa tệp rồi nhập lại.",
              file=sys.stderr)
        print("\n".join(p.format() for p in found), file=sys.stderr)
        return 1
    print(f"Đã nhập {args.file.name} ({result.locale}): {result.items} mục được ghi (trạng thái draft), "
          f"{result.unchanged} mục không đổi, {result.untouched} mục chưa dịch trong tệp.")
    for rel in result.written:
        print(f"    {rel}")
    return 0
