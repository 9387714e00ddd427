"""The one font table: which face of which family lives in which file of theme/fonts.

Both the PDFs (WeasyPrint @font-face rules) and the site (WOFF2 subsets) read the faces from
here. The table is read from the font files themselves (family name, weight, italic, the
characters each covers), so adding a script's font is dropping its files into theme/fonts/ and
naming the family in the locale's `fonts` in content/settings.yaml.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BASE_FAMILY = "Noto Sans"  # Latin, Vietnamese, digits and punctuation for every script


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: int  # 400 regular, 700 bold
    italic: bool
    path: Path
    cmap: frozenset  # code points the face has a glyph for

    @property
    def style(self) -> str:
        return "italic" if self.italic else "normal"


_READ: dict[tuple, tuple[FontFace, ...]] = {}  # (folder, with_cmap, every file's name, size and time) -> faces


def read_faces(fonts_dir: Path, with_cmap: bool = True) -> tuple[FontFace, ...]:
    """Every .ttf/.otf face of a folder, in file-name order, with family, weight, style and (unless
    with_cmap is False: the site needs no glyph checks) the characters each face has. Read once per
    process while the files stay as they are (the cmaps of 16 faces take 0.1 s; a build reads them
    while checking and its workers, forked after, find them here)."""
    paths = sorted(fonts_dir.resolve().glob("*.[ot]tf"))
    stats = [p.stat() for p in paths]
    key = (str(fonts_dir.resolve()), with_cmap, tuple((p.name, st.st_size, st.st_mtime_ns, st.st_ino) for p, st in zip(paths, stats)))
    found = _READ.get(key)
    if found is None:
        found = _READ[key] = _read_faces(paths, with_cmap)
    return found


def _read_faces(paths: list[Path], with_cmap: bool) -> tuple[FontFace, ...]:
    from fontTools.ttLib import TTFont

    faces = []
    for path in paths:
        with TTFont(path, lazy=True) as tt:
            name = tt["name"]
            family = str(name.getDebugName(16) or name.getDebugName(1))
            os2 = tt["OS/2"]
            italic = bool(os2.fsSelection & 1) or "italic" in str(name.getDebugName(2)).lower()
            cmap = frozenset(tt.getBestCmap() or {}) if with_cmap else frozenset()
            faces.append(FontFace(family, int(os2.usWeightClass), italic, path, cmap))
    return tuple(faces)


@dataclass(frozen=True)
class FontTable:
    """The faces of a project's theme/fonts, looked up by family."""

    faces: tuple[FontFace, ...]

    @classmethod
    def of_project(cls, root: Path, with_cmap: bool = True) -> FontTable:
        return cls(read_faces(root / "theme" / "fonts", with_cmap))

    @property
    def families(self) -> set[str]:
        return {f.family for f in self.faces}

    def of_family(self, family: str, italic: bool | None = None) -> tuple[FontFace, ...]:
        """The faces of one family (regular first); `italic=False` leaves italics out."""
        found = (f for f in self.faces if f.family == family and (italic is None or f.italic == italic))
        return tuple(sorted(found, key=lambda f: (f.italic, f.weight)))

    def regular(self, family: str) -> FontFace | None:
        """The upright regular face of a family, if the theme has it."""
        return next((f for f in self.of_family(family, italic=False) if f.weight < 600), None)
