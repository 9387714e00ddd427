#!/usr/bin/env python3
"""Build the BHXH campaign site and PDF leaflets from the YAML content.

    python build.py              validate, render PDFs and the site into site/ (drafts marked)
    python build.py --release    publish approved items only
    python build.py check        validate only; writes nothing
    python build.py serve        live preview on http://127.0.0.1:8000, rebuilt when content changes
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bhxhpub.cli import run  # noqa: E402

if __name__ == "__main__":
    run(Path(__file__).resolve().parent)
