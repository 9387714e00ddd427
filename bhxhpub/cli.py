"""Thin command line: parse arguments, call the pipeline, print Vietnamese messages, set the exit code."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .content.translations import KIND_LABELS
from .errors import BuildError, ContentError
from .exchange.files import FORMATS, SUFFIXES


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="Dựng trang web và tờ rơi PDF từ nội dung YAML.")
    p.add_argument("command", nargs="?", default="build", choices=("build", "check", "serve", "report", "schemas"),
                   help="build (mặc định): dựng trang; check: chỉ kiểm tra; serve: xem trước; report: báo cáo bản dịch; "
                        "schemas: tạo lại schemas/ và .vscode/settings.json cho trình soạn thảo")
    p.add_argument("--json", type=Path, default=None, help="report: ghi báo cáo dạng JSON vào tệp này")
    p.add_argument("--release", action="store_true", help="chỉ công bố nội dung đã duyệt (approved)")
    p.add_argument("--out", type=Path, default=None, help="thư mục đầu ra (mặc định: site/)")
    p.add_argument("--no-cache", action="store_true",
                   help="dựng lại mọi thứ, không dùng kết quả đã lưu trong .cache/ (kết quả vẫn giống hệt)")
    p.add_argument("--as-of", type=_day, default=None, metavar="NĂM-THÁNG-NGÀY",
                   help="ngày hiệu lực của số liệu và lịch (mặc định: ngày dựng); dùng cho bản in phát sau ngày số liệu đổi")
    p.add_argument("--host", default="127.0.0.1", help="địa chỉ cho serve (mặc định 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="cổng cho serve (mặc định 8000)")
    return p


def _translations_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py translations",
                                description="Trao đổi bản dịch với người dịch: xuất tệp Excel/PO/XLIFF, nhập tệp đã dịch.")
    sub = p.add_subparsers(dest="action", required=True)
    ex = sub.add_parser("export", help="xuất những gì một ngôn ngữ cần dịch")
    ex.add_argument("--locale", required=True, help="mã ngôn ngữ trong content/settings.yaml, ví dụ hmong")
    ex.add_argument("--format", choices=FORMATS, default=None, help="xlsx (mặc định theo đuôi tệp), po hoặc xliff")
    ex.add_argument("--only", choices=("todo", "all"), default="todo",
                    help="todo (mặc định): các mục chưa dịch, nháp, cần xem lại; all: mọi mục")
    ex.add_argument("--kind", nargs="+", choices=tuple(KIND_LABELS), default=(), help="chỉ các loại này, ví dụ leaflet slogan")
    ex.add_argument("--out", type=Path, required=True, help="tệp ghi ra, ví dụ hmong.xlsx")
    im = sub.add_parser("import", help="nhập tệp người dịch gửi lại")
    im.add_argument("file", type=Path, help="tệp .xlsx, .po hoặc .xlf")
    im.add_argument("--translator", default=None, help="tên người dịch (mặc định: tên ghi trong tệp)")
    im.add_argument("--locale", default=None, help="kiểm tra tệp đúng là của ngôn ngữ này")
    return p


def _day(text: str):
    """--as-of: a calendar day written YEAR-MONTH-DAY (not a week date, not 20270101)."""
    import re
    from datetime import date
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2027-01-01") from None


def main(argv: list[str], root: Path) -> int:
    if argv[:1] == ["translations"]:
        return _translations(_translations_parser().parse_args(argv[1:]), root)
    args = _parser().parse_args(argv)
    import signal
    previous = None
    try:  # `kill` (SIGTERM) stops like Ctrl-C: temporary folders removed, site/ untouched
        previous = signal.signal(signal.SIGTERM, _stop)
    except ValueError:  # not the main thread
        pass
    try:
        return _run(args, root)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _stop(signum, frame):  # noqa: ARG001
    raise KeyboardInterrupt


def _run(args: argparse.Namespace, root: Path) -> int:
    try:
        if args.command == "check":
            from .build.pipeline import check
            content = check(root, release=args.release)
            print(f"Nội dung hợp lệ: {len(content.messages)} thông điệp, {len(content.slogans)} khẩu hiệu, "
                  f"{len(content.audiences)} nhóm đối tượng, {len(content.leaflets)} tờ rơi, {len(content.qa)} câu hỏi.")
            return 0
        if args.command == "report":
            from .build.pipeline import check
            from .locales.report import build_report, report_json, report_text
            reports = build_report(check(root))
            print(report_text(reports))
            if args.json:
                args.json.write_text(report_json(reports), encoding="utf-8")
                print(f"Đã ghi {args.json}")
            return 0
        if args.command == "schemas":
            from .build.pipeline import check
            from .content import schemas
            changed = schemas.write(root, check(root))
            print("Đã cập nhật: " + ", ".join(changed) if changed else "schemas/ và .vscode/settings.json đã đúng với nội dung.")
            return 0
        if args.command == "serve":
            from .build.serve import serve
            return serve(root, args.host, args.port, release=args.release)
        if not args.no_cache:  # nothing changed since the last build: answer before loading anything heavy
            from .build.stamp import current_stamp
            stamp, fingerprint, target = current_stamp(root, args.out, args.release, args.as_of)
            if stamp.unchanged(fingerprint, target):
                print(f"Không có gì thay đổi từ lần dựng trước: {target} giữ nguyên.")
                return 0
        from .build.pipeline import build
        result = build(root, out=args.out, release=args.release, use_cache=not args.no_cache, today=args.as_of)
        print(f"Đã dựng xong {result.site} ({len(result.pdfs)} tệp PDF) trong {result.seconds:.1f} giây.")
        print_warnings(result.warnings)
        return 0
    except ContentError as exc:
        print(exc.problems.report(), file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"Lỗi khi dựng: {exc}\nTrang web hiện có được giữ nguyên.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Đã dừng giữa chừng. Trang web hiện có được giữ nguyên.", file=sys.stderr)
        return 130
    except Exception as exc:  # an internal error: no traceback for editors, but enough for developers
        print(f"Lỗi nội bộ của công cụ (không phải do nội dung của bạn): {type(exc).__name__}: {exc}\n"
              "Trang web hiện có được giữ nguyên. Hãy báo cho nhóm kỹ thuật, kèm thông báo này.", file=sys.stderr)
        if "--debug" in sys.argv or __import__("os").environ.get("BHXH_DEBUG"):
            traceback.print_exc()
        return 3


def _translations(args: argparse.Namespace, root: Path) -> int:
    """`translations export|import`: exit 0 when done, 1 when the content or the file has problems."""
    try:
        if args.action == "export":
            from .exchange.export import export_file
            fmt = args.format or SUFFIXES.get(args.out.suffix.lower(), "xlsx")
            count = export_file(root, args.locale, fmt, args.out, only=args.only, kinds=tuple(args.kind))
            print(f"Đã ghi {args.out}: {count} đoạn cần dịch cho ngôn ngữ {args.locale} ({fmt}).")
            return 0
        from .exchange.importer import import_file
        result, problems = import_file(root, args.file, translator=args.translator, locale=args.locale)
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
    except ContentError as exc:
        print(exc.problems.report(), file=sys.stderr)
        return 1


def print_warnings(warnings) -> None:
    """Problems that did not stop a preview build, for the editor to fix before a release."""
    if warnings:
        print(f"Cảnh báo ({len(warnings)}): xem lại trước khi công bố (số liệu không có giá trị áp dụng thì bản "
              "công bố --release sẽ dừng).", file=sys.stderr)
        for w in warnings:
            print(w.format(), file=sys.stderr)


def console_main() -> int:
    """`bhxhpub` console script: builds the project in the current folder."""
    return main(sys.argv[1:], root=Path.cwd())
