"""`editions`: the national edition and every local one; scaffold one from the official list; sync
it after the list changes; write the CI templates (one job per edition)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "các bản địa phương: danh sách, tạo bản mới cho một tỉnh (new), cập nhật xã (sync), mẫu CI (ci)"
EXAMPLE = """  python build.py editions                        danh sách (kể cả bản toàn quốc: toan-quoc)
  python build.py editions --json                 danh sách dạng JSON
  python build.py editions new --province "Thái Nguyên"    tạo editions/thai-nguyen/ với mọi xã, phường
  python build.py editions sync thai-nguyen       thêm xã mới của danh sách chính thức, báo xã không còn
  python build.py editions ci                     tạo lại docs/ci/ (GitHub Actions, GitLab CI)"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="in danh sách dạng JSON")
    sub = p.add_subparsers(dest="action", metavar="VIỆC")
    new = sub.add_parser("new", help="tạo bản địa phương cho một tỉnh, thành phố với mọi xã, phường chính thức")
    new.add_argument("--province", required=True, help="tên tỉnh (có hoặc không dấu) hoặc mã tỉnh, ví dụ “Thái Nguyên”, 19")
    new.add_argument("--id", default=None, help="mã bản (mặc định: tên tỉnh không dấu, ví dụ thai-nguyen)")
    sync = sub.add_parser("sync", help="thêm các xã, phường danh sách chính thức có mà bản chưa có; báo xã không còn")
    sync.add_argument("edition", help="mã bản địa phương")
    ci = sub.add_parser("ci", help="tạo lại mẫu CI trong docs/ci/ từ danh sách các bản")
    ci.add_argument("--check", action="store_true", help="chỉ kiểm tra mẫu đã đúng chưa (thoát 1 nếu chưa)")


def _rows(root: Path):
    from ..model import editions
    from ..pipeline.plan import load
    content = load(root)
    rows = [{"id": editions.NATIONAL, "name": "Bản toàn quốc", "base_url": content.settings.base_url,
             "locales": [l.id for l in content.settings.locales if l.build], "communes": [], "pending": []}]
    problems = []
    for ident in editions.edition_ids(root):
        edition, _, p = editions.read(root, ident, content)
        if edition is None or not p.ok:
            problems.append(p.report())
            continue
        rows.append({"id": edition.id, "name": edition.name, "base_url": edition.base_url, "province": edition.province,
                     "locales": [content.settings.default_locale, *edition.locales],
                     "communes": [{"id": c.id, "code": c.code, "name": c.name, "agents": len(c.agents)} for c in edition.communes],
                     "pending": editions.pending(edition)})
    return rows, problems


def run(args: argparse.Namespace, root: Path) -> int:
    from ..pipeline.dates import resolve_epoch, resolve_today
    if args.action == "new":
        from ..authoring.scaffold import new_edition
        made = new_edition(root, args.province, resolve_today(resolve_epoch(root)), args.id)
        print(f"Đã tạo {made.path.relative_to(root)}: {made.province.name}, {len(made.province.units)} xã, phường, đặc khu "
              "theo danh sách chính thức; cơ quan, đại lý thu ghi “cần xác nhận”.\n"
              f"Việc tiếp theo: điền edition.yaml (xem chú thích đầu tệp), rồi python build.py check --edition {made.ident}")
        return 0
    if args.action == "sync":
        from ..authoring.scaffold import sync_edition
        report = sync_edition(root, args.edition, resolve_today(resolve_epoch(root)))
        print("\n".join(report.lines()))
        return 0
    rows, problems = _rows(root)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    if args.action == "ci":
        from ..authoring import ci
        ids = [r["id"] for r in rows]
        if args.check:
            stale = ci.stale(root, ids)
            if stale:
                print("Mẫu CI chưa đúng với danh sách các bản: " + ", ".join(stale) + ". Cách sửa: python build.py editions ci",
                      file=sys.stderr)
                return 1
            print("Mẫu CI trong docs/ci/ đúng với danh sách các bản.")
            return 0
        changed = ci.write(root, ids)
        print("Đã ghi: " + ", ".join(changed) if changed else "Mẫu CI trong docs/ci/ đã đúng.")
        return 0
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        extra = f", {len(r['communes'])} xã" if r["communes"] else ""
        todo = f", {len(r['pending'])} mục cần xác nhận" if r["pending"] else ""
        print(f"{r['id']}: {r['name']} – ngôn ngữ {', '.join(r['locales'])}{extra}{todo}")
    print("Dựng một bản: python build.py --edition MÃ (bản toàn quốc: python build.py hoặc --edition toan-quoc)")
    return 0
