"""Self-hosted web fonts: WOFF2 subsets of theme/fonts for the site's scripts.

The subset covers Latin + every Vietnamese letter (and, for other scripts, the
whole script's block) so pages never fall back to a system font mid-word.
Results are cached in .cache/webfonts by the source font's hash: subsetting
takes about a second per font and the output is deterministic.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from ...render.fonts import FontTable

VIETNAMESE = ("U+0000-00FF,U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,"
              "U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB,U+2010-2027,U+2030-203A")
# script -> the files of each face: (file name suffix, unicode-range)
SCRIPT_RANGES = {"Latn": (("", VIETNAMESE),),
                 "Khmr": (("", "U+1780-17FF,U+19E0-19FF,U+200B-200D,U+25CC"),),
                 "Tavt": (("", "U+AA80-AADF,U+200B-200D,U+25CC"),)}
# On a Khmer or Tai Viet page, Latin is needed for digits and punctuation, and the Vietnamese
# letters only where a text is not translated yet. There the Latin faces come in two files, as the
# big font hosts serve them; a browser fetches a file only when the page has a character in its
# range, so a fully translated page skips the Vietnamese half (~15 KB a face). Latin-script
# locales keep one file a face: they need both halves, and one file is smaller than two.
LATIN_SPLIT = (("-latin", "U+0000-00BF,U+00D7,U+00F7,U+2010-2027,U+2030-203A"),
               ("-vi", "U+00C0-00D6,U+00D8-00F6,U+00F8-00FF,U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,"
                       "U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB"))


def _ranges(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        part = part.strip()[2:]
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo, 16), int(hi or lo, 16) + 1))
    return out


def make_woff2(src: Path, dest: Path, unicode_range: str, cache_dir: Path) -> None:
    key = hashlib.sha256(src.read_bytes() + unicode_range.encode()).hexdigest()[:16]
    cached = cache_dir / f"{src.stem}-{key}.woff2"
    cached = _subset_cached(src, cached, unicodes=_ranges(unicode_range))
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, dest)


SUBSETS = "v2"  # subsets keep the font's own date (v1 took the build's: a cache made one day differed from the next)


def _subset_cached(src: Path, cached: Path, **populate) -> Path:
    """Subset src to WOFF2 at `cached` (under its SUBSETS folder) unless it is there already
    (keyed by content hash); returns where it is. The subset's `head.modified` is the font's own,
    never the day of the build, so a subset is the same bytes whenever and wherever it is made."""
    cached = cached.parent / SUBSETS / cached.name
    if cached.exists():
        return cached
    cached.parent.mkdir(parents=True, exist_ok=True)
    opts = subset.Options()
    opts.flavor = "woff2"
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    font = TTFont(str(src), recalcTimestamp=False)
    sub = subset.Subsetter(opts)
    sub.populate(**populate)
    sub.subset(font)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    subset.save_font(font, str(tmp), opts)
    tmp.replace(cached)
    return cached


def write_webfonts(root: Path, assets: Path, fonts: FontTable, families: list[tuple[str, str]],
                   split_latin: bool = False, text: str | None = None) -> str:
    """Write WOFF2 subsets of the upright faces of each (family, script) into assets/fonts and
    return the @font-face CSS; `split_latin`: Latin in two files a face (see LATIN_SPLIT).
    `text`: everything the locale's pages show; a Khmer or Tai Viet face then holds only the
    characters of its script that the text uses (about 20 KB instead of 33 KB a face for a
    Khmer site), in a file named by that set, so a browser never keeps a stale subset."""
    css = []
    for family, script in families:
        files = LATIN_SPLIT if script == "Latn" and split_latin else SCRIPT_RANGES[script]
        used = None
        if text is not None and script != "Latn":
            block = set(_ranges(files[0][1]))
            used = sorted({ord(c) for c in text if ord(c) in block} | {0x200B, 0x200C, 0x200D, 0x25CC})
            files = ((f"-{hashlib.sha256(repr(used).encode()).hexdigest()[:10]}", files[0][1]),)
        for face in fonts.of_family(family, italic=False):
            for suffix, unicode_range in files:
                out = f"{face.path.stem}{suffix}.woff2"
                if used is not None:
                    cached = root / ".cache" / "webfonts" / f"{face.path.stem}-{hashlib.sha256(face.path.read_bytes()).hexdigest()[:8]}{suffix}.woff2"
                    cached = _subset_cached(face.path, cached, unicodes=used)
                    (assets / "fonts").mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(cached, assets / "fonts" / out)
                else:
                    make_woff2(face.path, assets / "fonts" / out, unicode_range, root / ".cache" / "webfonts")
                css.append(
                    f'@font-face {{ font-family: "{family}"; src: url("fonts/{out}") format("woff2"); '
                    f"font-weight: {face.weight}; font-style: {face.style}; font-display: swap; "
                    f"unicode-range: {unicode_range}; }}"
                )
    return "\n".join(css) + "\n"


def write_name_fonts(root: Path, assets: Path, fonts: FontTable, names: dict[tuple[str, str], str]) -> str:
    """Tiny fonts holding only the glyphs of locale names in other scripts (for the language
    switcher on every page), so a Khmer or Tai Viet name never shows as boxes. A few KB each."""
    css = []
    for (script, family), text in sorted(names.items()):
        src = fonts.regular(family).path
        key = hashlib.sha256(src.read_bytes() + text.encode()).hexdigest()[:12]
        out = assets / "fonts" / f"names-{script.lower()}-{key}.woff2"
        cached = root / ".cache" / "webfonts" / out.name
        cached = _subset_cached(src, cached, text=text)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, out)
        css.append(f'@font-face {{ font-family: "BHXH Names"; src: url("fonts/{out.name}") format("woff2"); '
                   f"font-display: swap; unicode-range: {SCRIPT_RANGES[script][0][1]}; }}")
    return "\n".join(css) + ("\n" if css else "")
