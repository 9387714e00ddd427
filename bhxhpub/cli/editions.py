"""`editions`: the national edition and every local one (id, name, locales, communes)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "các bản địa phương (BHXH khu vực): danh sách, và bản toàn quốc"
EXAMPLE = """  python build.py editions
  python build.py editions --json                 danh sách dạng JSON (cho CI dựng từng bản)"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="in danh sách dạng JSON")


def run(args: argparse.Namespace, root: Path) -> int:
    from ..model import editions
    from ..pipeline.plan import load
    content = load(root)
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
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        extra = f", {len(r['communes'])} xã" if r["communes"] else ""
        todo = f", {len(r['pending'])} mục cần xác nhận" if r["pending"] else ""
        print(f"{r['id']}: {r['name']} – ngôn ngữ {', '.join(r['locales'])}{extra}{todo}")
    print("Dựng một bản: python build.py --edition MÃ (bản toàn quốc: python build.py)")
    return 0
