"""WeasyPrint's C libraries (GObject, Pango, HarfBuzz, fontconfig), found without a compiler run per guess.

WeasyPrint opens each library by trying the names it has for every platform ("libgobject-2.0-0",
"gobject-2.0-0", "gobject-2.0"...). For each name that is not a file, cffi asks
`ctypes.util.find_library`, which on Linux reads the linker cache (`ldconfig -p`) and, for every
name not there, runs gcc: 22 look-ups and about 0.14 s at the start of every build, most of it for
the other platforms' spellings.

`import_weasyprint()` answers those look-ups from one reading of the linker cache, with ctypes'
own pattern, while WeasyPrint is imported, and only on Linux with no LD_LIBRARY_PATH (where ctypes
would have found them in that cache too). A name the cache does not have costs nothing: find_library
only ever names a library for cffi to dlopen, and WeasyPrint's list holds each library's Linux name
("libgobject-2.0.so.0"), which dlopen opens directly.
"""
from __future__ import annotations

import contextlib
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Optional

_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}  # as ctypes.util reads ldconfig


def linker_cache() -> Optional[str]:
    """`ldconfig -p` as ctypes reads it, or None where that is not how libraries are found here."""
    if not sys.platform.startswith("linux") or os.environ.get("LD_LIBRARY_PATH"):
        return None
    try:
        done = subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, env={"LC_ALL": "C", "LANG": "C"}, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    text = done.stdout.decode("utf-8", "replace")
    return text if done.returncode == 0 and text.strip() else None


def cache_lookup(cache: str) -> Callable[[str], Optional[str]]:
    """find_library answered from a linker cache listing: ctypes' first step, and nothing after it."""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = re.escape(_ABI.get(machine, "libc6"))

    def find_library(name: str) -> Optional[str]:
        found = re.search(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), abi), cache)
        return found.group(1) if found else None
    return find_library


@contextlib.contextmanager
def _find_library(answer: Callable[[str], Optional[str]]) -> Iterator[None]:
    import ctypes.util
    original = ctypes.util.find_library
    ctypes.util.find_library = answer
    try:
        yield
    finally:
        ctypes.util.find_library = original


def import_weasyprint() -> None:
    """Import WeasyPrint (once per process), its libraries looked up in the linker cache."""
    if "weasyprint" in sys.modules:
        return
    cache = linker_cache()
    with _find_library(cache_lookup(cache)) if cache is not None else contextlib.nullcontext():
        import weasyprint  # noqa: F401
