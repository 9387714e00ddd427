"""`build` (the default command): validate everything, then build site/ and every PDF."""
from __future__ import annotations

import argparse
from pathlib import Path

from .common import day, print_warnings

HELP = "dựng trang web và mọi tệp PDF vào site/ (lệnh mặc định)"
EXAMPLE = """  python build.py                                 dựng bản toàn quốc (nội dung nháp có đánh dấu)
  python build.py --release                       chỉ công bố nội dung đã duyệt
  python build.py --edition thai-nguyen --commune all   bản địa phương, tờ rơi riêng mọi xã
  python build.py --as-of 2027-01-01              số liệu áp dụng ngày 01/01/2027"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--edition", default=None, metavar="MÃ", help="dựng bản địa phương này (xem: python build.py editions)")
    p.add_argument("--commune", action="append", default=[], metavar="MÃ-XÃ",
                   help="cùng --edition: in thêm tờ rơi riêng của xã này, có đại lý thu của xã (dùng nhiều lần được)")
    p.add_argument("--release", action="store_true", help="chỉ công bố nội dung đã duyệt (approved)")
    p.add_argument("--out", type=Path, default=None, help="thư mục đầu ra (mặc định: site/)")
    p.add_argument("--no-cache", action="store_true",
                   help="dựng lại mọi thứ, không dùng kết quả đã lưu trong .cache/ (kết quả vẫn giống hệt)")
    p.add_argument("--as-of", type=day, default=None, metavar="NĂM-THÁNG-NGÀY",
                   help="ngày hiệu lực của số liệu và lịch (mặc định: ngày dựng); dùng cho bản in phát sau ngày số liệu đổi")


def run(args: argparse.Namespace, root: Path) -> int:
    if not args.no_cache:  # nothing changed since the last build: answer before loading anything heavy
        from ..pipeline.stamp import current_stamp
        stamp, fingerprint, target = current_stamp(root, args.out, args.release, args.as_of,
                                                   f"{args.edition or ''}:{','.join(args.commune)}")
        if stamp.unchanged(fingerprint, target):
            print(f"Không có gì thay đổi từ lần dựng trước: {target} giữ nguyên.")
            return 0
    from ..pipeline.run import build
    result = build(root, out=args.out, release=args.release, use_cache=not args.no_cache, today=args.as_of,
                   edition=args.edition, communes=tuple(args.commune), tidy_later=True)
    pdfs = [d for d in result.pdfs if d.path.endswith(".pdf")]
    fresh = sum(d.fresh for d in pdfs)
    made = f", {fresh} tệp dựng mới, còn lại lấy từ bộ nhớ đệm" if fresh < len(pdfs) else ""
    print(f"Đã dựng xong {result.site} ({len(pdfs)} tệp PDF{made}) trong {result.seconds:.1f} giây.")
    if result.left_out:
        print(f"Bản công bố không có ({len(result.left_out)}):")
        for line in result.left_out:
            print(f"  - {line}")
    print_warnings(result.warnings)
    return 0
