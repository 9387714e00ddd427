#!/usr/bin/env python3
"""The strong peer of `make bench`: what a competent engineer writes in an afternoon to turn a folder
of HTML files into PDFs with WeasyPrint. One Python process, WeasyPrint's API, one FontConfiguration
per worker, a process pool of 2 workers; files named `x4-*.html` are written as PDF/X-4.

    python scripts/peer_weasyprint.py SRC_DIR OUT_DIR [--workers 2]

Prints the seconds it took to render every file (Python start-up and imports not included, as for
the build it is compared with, which runs in an already started process).
"""
from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

_CONFIG = None


def _init() -> None:
    global _CONFIG
    from weasyprint.text.fonts import FontConfiguration
    _CONFIG = FontConfiguration()


def _render(job: tuple[str, str]) -> None:
    from weasyprint import HTML
    src, out = job
    options = {"pdf_variant": "pdf/x-4"} if Path(src).name.startswith("x4-") else {}
    HTML(filename=src).write_pdf(out, font_config=_CONFIG, **options)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("src", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    import weasyprint  # noqa: F401 - imported before the clock starts, as in the build it is compared with
    args.out.mkdir(parents=True, exist_ok=True)
    jobs = [(str(p), str(args.out / (p.stem + ".pdf"))) for p in sorted(args.src.glob("*.html"))]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.workers, initializer=_init) as pool:
        pool.map(_render, jobs, chunksize=1)
    print(f"{time.perf_counter() - started:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
