#!/usr/bin/env python3
"""Build benchmark: several runs, medians and ratios (never a pass/fail timing).

    python scripts/bench.py [--runs 3]

Reports: validation only, a full build (all locales + PDFs), and a full build with one
locale, so the cost per extra locale and the share of the PDFs can be read as ratios.
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bhxhpub.content.loader import load  # noqa: E402
from bhxhpub.build.pipeline import build  # noqa: E402


def copy(dest: Path, only_default: bool = False) -> Path:
    for part in ("content", "slogans", "leaflets", "theme", "mkdocs.yml", ".cache"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copyfile(src, dest / part)
    if only_default:
        p = dest / "content" / "settings.yaml"
        p.write_text(re.sub(r"\n  - id: (?!vi\n)[a-z]+\n(    .*\n)+", "\n", p.read_text(encoding="utf-8")), encoding="utf-8")
        for f in dest.rglob("*.*.yaml"):  # translations of the removed locales
            f.unlink()
    return dest


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        full = copy(Path(d) / "full")
        one = copy(Path(d) / "one", only_default=True)
        build(full, out=Path(d) / "warm")  # warm caches (fonts, imports)
        check_t = timed(lambda: load(full), args.runs)
        full_t = timed(lambda: build(full, out=Path(d) / "site-full"), args.runs)
        one_t = timed(lambda: build(one, out=Path(d) / "site-one"), args.runs)
        locales = sum(1 for l in load(full).settings.locales if l.build)
    med = statistics.median
    print(f"runs: {args.runs}")
    print(f"validate only        : median {med(check_t):.2f} s  (min {min(check_t):.2f})")
    print(f"full build, {locales} locales: median {med(full_t):.2f} s  (min {min(full_t):.2f})")
    print(f"build, default locale: median {med(one_t):.2f} s  (min {min(one_t):.2f})")
    print(f"ratio full / validate          : {med(full_t) / med(check_t):.1f}x")
    print(f"ratio full / one locale        : {med(full_t) / med(one_t):.2f}x")
    print(f"cost per extra locale (ratio)  : {(med(full_t) - med(one_t)) / max(locales - 1, 1) / med(one_t):.2f} of a one-locale build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
