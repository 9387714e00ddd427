"""`schemas`: regenerate the editors' JSON Schemas (schemas/) and .vscode/settings.json."""
from __future__ import annotations

import argparse
from pathlib import Path

HELP = "tạo lại schemas/ và .vscode/settings.json cho trình soạn thảo (gợi ý khi gõ YAML)"
EXAMPLE = """  python build.py schemas"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace, root: Path) -> int:
    from ..model import json_schemas
    from ..pipeline.plan import load
    changed = json_schemas.write(root, load(root))
    print("Đã cập nhật: " + ", ".join(changed) if changed else "schemas/ và .vscode/settings.json đã đúng với nội dung.")
    return 0
