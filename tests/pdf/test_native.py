"""WeasyPrint's libraries are found in the linker cache with ctypes' answers, and WeasyPrint still
loads when that cache has none of them (dlopen opens their Linux names directly)."""
from __future__ import annotations

import ctypes.util
import subprocess
import sys
from pathlib import Path

import pytest

from bhxhpub.pdf.native import cache_lookup, linker_cache

ROOT = Path(__file__).resolve().parents[2]
WEASYPRINT_LIBRARIES = ("gobject-2.0", "pango-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "pangoft2-1.0")


def test_the_linker_cache_gives_ctypes_answer_for_each_library():
    cache = linker_cache()
    if cache is None:
        pytest.skip("no linker cache on this system: ctypes' own search is used")
    find = cache_lookup(cache)
    for name in (*WEASYPRINT_LIBRARIES, "c", "m"):
        assert find(name) == ctypes.util.find_library(name) is not None, name
    assert find("gobject-2.0-0") is None  # another platform's spelling: no gcc run to learn that


def _import_in_a_fresh_process(prelude: str) -> subprocess.CompletedProcess:
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); import ctypes.util; before = ctypes.util.find_library\n"
            f"{prelude}\n"
            "from bhxhpub.pdf.native import import_weasyprint; import_weasyprint()\n"
            "import weasyprint; assert ctypes.util.find_library is before\n"
            "print(len(weasyprint.HTML(string='<p>x</p>').write_pdf()) > 0)")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_weasyprint_loads_with_the_quick_lookup():
    done = _import_in_a_fresh_process("")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "True\n"


def test_weasyprint_still_loads_when_the_quick_lookup_finds_nothing():
    done = _import_in_a_fresh_process("import bhxhpub.pdf.native as n; n.cache_lookup = lambda cache: (lambda name: None)")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "True\n"  # not WeasyPrint's "could not import some external libraries"
