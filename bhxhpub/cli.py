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
    p.add_argument("command", nargs="?", default="build", choices=("build", "check", "serve", "report", "schemas", "editions"),
                   help="build (mặc định): dựng trang; check: chỉ kiểm tra; serve: xem trước; report: báo cáo bản dịch; "
                        "schemas: tạo lại schemas/ và .vscode/settings.json cho trình soạn thảo; editions: các bản địa phương")
    p.add_argument("--json", nargs="?", type=Path, const=Path("-"), default=None,
                   help="report: ghi báo cáo dạng JSON vào tệp này; editions: in danh sách dạng JSON")
    p.add_argument("--edition", default=None, metavar="MÃ", help="dựng bản địa phương này (xem: python build.py editions)")
    p.add_argument("--commune", action="append", default=[], metavar="MÃ-XÃ",
                   help="cùng --edition: in thêm tờ rơi riêng của xã này, có đại lý thu của xã (dùng nhiều lần được)")
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


def _approve_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py approve",
                                description="Duyệt nội dung: xem những gì sẽ công bố, rồi ghi status: approved, ngày và người duyệt.")
    p.add_argument("ids", nargs="*", help="mã mục cần duyệt (id); trùng mã giữa hai loại thì viết loại:mã, ví dụ qa:ty-le-dong")
    p.add_argument("--by", required=True, help="tên người duyệt, ví dụ “Nguyễn Văn A, Trưởng phòng Truyền thông”")
    p.add_argument("--all-in", action="append", default=[], metavar="TỆP", help="duyệt mọi mục dự thảo trong tệp này")
    p.add_argument("--as-of", type=_day, default=None, metavar="NĂM-THÁNG-NGÀY", help="xem số liệu theo ngày này")
    p.add_argument("--yes", action="store_true", help="không hỏi lại (dùng trong script)")
    return p


def main(argv: list[str], root: Path) -> int:
    if argv[:1] == ["translations"]:
        return _translations(_translations_parser().parse_args(argv[1:]), root)
    if argv[:1] == ["approve"]:
        return _approve(_approve_parser().parse_args(argv[1:]), root)
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
            if args.json and str(args.json) != "-":
                args.json.write_text(report_json(reports), encoding="utf-8")
                print(f"Đã ghi {args.json}")
            return 0
        if args.command == "editions":
            return _editions(args, root)
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
            stamp, fingerprint, target = current_stamp(root, args.out, args.release, args.as_of,
                                                       f"{args.edition or ''}:{','.join(args.commune)}")
            if stamp.unchanged(fingerprint, target):
                print(f"Không có gì thay đổi từ lần dựng trước: {target} giữ nguyên.")
                return 0
        from .build.pipeline import build
        result = build(root, out=args.out, release=args.release, use_cache=not args.no_cache, today=args.as_of,
                       edition=args.edition, communes=tuple(args.commune))
        print(f"Đã dựng xong {result.site} ({sum(d.path.endswith('.pdf') for d in result.pdfs)} tệp PDF) trong {result.seconds:.1f} giây.")
        if result.left_out:
            print(f"Bản công bố không có ({len(result.left_out)}):")
            for line in result.left_out:
                print(f"  - {line}")
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


def _approve(args: argparse.Namespace, root: Path) -> int:
    """`approve`: show, confirm, write; 0 when written, 1 when nothing was (content problems, refused, unknown ids)."""
    from .build.dates import resolve_epoch, resolve_today
    from .build.pipeline import check
    from .content import approve
    from .content.loader import load
    if not args.ids and not args.all_in:
        print("Cần ít nhất một mã mục hoặc --all-in TỆP.", file=sys.stderr)
        return 1
    if not args.by.strip():
        print("Cần tên người duyệt: --by “Họ tên, chức vụ”.", file=sys.stderr)
        return 1
    try:
        content = check(root)
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
        changed = approve.edits(root, targets, args.by.strip(), today)
        approve.apply(root, changed, load)
        print(f"Đã ghi duyệt vào: {', '.join(sorted(changed))}. Kiểm tra bằng git diff rồi commit.")
        return 0
    except ContentError as exc:
        print(exc.problems.report(), file=sys.stderr)
        return 1


def _editions(args: argparse.Namespace, root: Path) -> int:
    """`editions [--json]`: the national edition and every local one (id, name, locales, communes)."""
    import json

    from .build.pipeline import check
    from .content import editions
    content = check(root)
    rows = [{"id": "toan-quoc", "name": "Bản toàn quốc", "base_url": content.settings.base_url,
             "locales": [l.id for l in content.settings.locales if l.build], "communes": [], "pending": []}]
    problems = []
    for ident in editions.edition_ids(root):
        edition, _, p = editions.read(root, ident, content)
        if edition is None or not p.ok:
            problems.append(p.report())
            continue
        rows.append({"id": edition.id, "name": edition.name, "base_url": edition.base_url,
                     "locales": [content.settings.default_locale, *edition.locales],
                     "communes": [{"id": c.id, "name": c.name, "agents": len(c.agents)} for c in edition.communes],
                     "pending": editions.pending(edition)})
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    if args.json is not None:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        extra = f", {len(r['communes'])} xã" if r["communes"] else ""
        todo = f", {len(r['pending'])} mục cần xác nhận" if r["pending"] else ""
        print(f"{r['id']}: {r['name']} – ngôn ngữ {', '.join(r['locales'])}{extra}{todo}")
    print("Dựng một bản: python build.py --edition MÃ (bản toàn quốc: python build.py)")
    return 0


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
