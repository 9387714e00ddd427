"""`approve`: show what will be published, then set status: approved, the date and who approved."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import day

HELP = "duyệt nội dung: xem những gì sẽ công bố, rồi ghi status: approved, ngày và người duyệt"
EXAMPLE = """  python build.py approve vi-sao-khong-nen-nhan-bhxh-mot-lan --by "Nguyễn Văn A, Trưởng phòng Truyền thông"
  python build.py approve --all-in slogans/khau-hieu-2021.yaml --by "Nguyễn Văn A" --yes
  python build.py approve qa:ty-le-dong --by "Nguyễn Văn A"     (trùng mã giữa hai loại: loại:mã)"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="*", help="mã mục cần duyệt (id); trùng mã giữa hai loại thì viết loại:mã, ví dụ qa:ty-le-dong")
    p.add_argument("--by", required=True, help="tên người duyệt, ví dụ “Nguyễn Văn A, Trưởng phòng Truyền thông”")
    p.add_argument("--all-in", action="append", default=[], metavar="TỆP", help="duyệt mọi mục dự thảo trong tệp này")
    p.add_argument("--as-of", type=day, default=None, metavar="NĂM-THÁNG-NGÀY", help="xem số liệu theo ngày này")
    p.add_argument("--yes", action="store_true", help="không hỏi lại (dùng trong script)")


def run(args: argparse.Namespace, root: Path) -> int:
    """0 when written, 1 when nothing was (content problems, refused, unknown ids)."""
    from ..authoring import approve
    from ..pipeline.dates import resolve_epoch, resolve_today
    from ..pipeline.plan import load
    if not args.ids and not args.all_in:
        print("Cần ít nhất một mã mục hoặc --all-in TỆP.", file=sys.stderr)
        return 1
    why = approve.check_name(args.by)
    if why:
        print(why + "\nChưa ghi gì.", file=sys.stderr)
        return 1
    content = load(root)
    targets, problems = approve.find(content, args.ids, args.all_in)
    if not problems.ok:
        for p in problems.items:
            print(f"{p.file + ': ' if p.file else ''}{p.message}\n    → Cách sửa: {p.hint}", file=sys.stderr)
        print("Chưa ghi gì.", file=sys.stderr)
        return 1
    if not targets:
        print("Không có mục dự thảo nào để duyệt.")
        return 0
    today = resolve_today(resolve_epoch(root))
    shown, blockers = approve.preview(content, targets, args.as_of or today)
    print(f"Sẽ duyệt {len(targets)} mục, người duyệt: {args.by.strip()}, ngày {today:%d/%m/%Y}. Nội dung sẽ công bố:\n")
    print(shown)
    if blockers:
        print("\nLưu ý – bản công bố vẫn sẽ dừng vì:", *(f"  - {b}" for b in blockers), sep="\n")
    if not args.yes:
        if not sys.stdin.isatty():
            print("\nChưa ghi gì. Chạy lại với --yes để xác nhận.", file=sys.stderr)
            return 1
        answer = input("\nGhi duyệt các mục trên? Gõ “c” (có) để ghi, phím khác để thôi: ").strip().lower()
        if answer not in ("c", "có", "co", "y", "yes"):
            print("Đã thôi, chưa ghi gì.")
            return 1
    changed = approve.approve(root, args.ids, args.all_in, args.by, today, load)  # under a lock, read again
    print(f"Đã ghi duyệt vào: {', '.join(sorted(changed))}. Kiểm tra bằng git diff rồi commit.")
    return 0
