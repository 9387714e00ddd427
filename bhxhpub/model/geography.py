"""The official list of administrative units since 1 July 2025 (geography/units.csv, legacy.csv).

34 provinces and their 3,321 communes, wards and special zones, each with its code of the
National Statistics Office; for each unit, the pre-2025 communes merged into it. Vendored as data
(geography/README.md says from where and how to update): an editor never types geography, the
scaffolder writes it (`build.py editions new`) and every edition is checked against it.

Names are not unique once diacritics are dropped (Xã Văn Lang 2143 / Xã Văn Lăng 5665): a unit is
identified by its code; `fold` (diacritics off, đ → d, lower case) is only for finding and suggesting.
"""
from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import BuildError
from .files import UnsafeFile, read_limited
from .slug import fold, slugify

FOLDER = "geography"
MAX_BYTES = 4_000_000  # the list is read whole: a file far larger than the real one is refused
TYPES = {"xa": "Xã", "phuong": "Phường", "dac-khu": "Đặc khu"}
PROVINCE_PREFIXES = ("tinh ", "thanh pho ", "tp ", "tp. ")


@dataclass(frozen=True)
class Unit:
    """A commune, ward or special zone of the official list."""

    code: int
    name: str  # the official full name: "Xã Văn Lang", "Phường Đức Xuân"
    type: str  # xa | phuong | dac-khu
    province: int  # the province's code
    former: tuple[str, ...] = ()  # pre-2025 communes merged into it (their names then)


@dataclass(frozen=True)
class Province:
    code: int
    name: str  # "Tỉnh Thái Nguyên", "Thành phố Hồ Chí Minh"
    units: tuple[Unit, ...]

    @property
    def short_name(self) -> str:
        """"Thái Nguyên", "Hồ Chí Minh": the name without "Tỉnh"/"Thành phố"."""
        for prefix in ("Tỉnh ", "Thành phố "):
            if self.name.startswith(prefix):
                return self.name[len(prefix):]
        return self.name


@dataclass(frozen=True)
class Geography:
    """The whole list, with look-ups by code."""

    provinces: tuple[Province, ...]
    source: str  # where the list came from (README's first line of source), for messages
    units: dict[int, Unit] = field(default_factory=dict, compare=False, hash=False)  # by code, made by `load`

    def province(self, code: int) -> Province | None:
        return next((p for p in self.provinces if p.code == code), None)

    def find_province(self, text: str) -> Province | None:
        """A province by its code, or its name with or without diacritics, "Tỉnh" or "Thành phố"."""
        key = fold(text).strip()
        if key.isdigit():
            return self.province(int(key))
        for prefix in PROVINCE_PREFIXES:
            if key.startswith(prefix):
                key = key[len(prefix):]
        key = key.replace("tp.", "").replace("-", " ").strip()
        return next((p for p in self.provinces if fold(p.short_name) == key), None)

    def nearest_provinces(self, text: str, n: int = 3) -> list[str]:
        names = {fold(p.short_name): p.name for p in self.provinces}
        return [names[k] for k in difflib.get_close_matches(fold(text), list(names), n=n, cutoff=0.5)]

    def nearest_units(self, name: str, province: int | None, n: int = 4) -> list[Unit]:
        """Official units whose names are nearest to `name`, diacritics ignored ("Xa Van Lang" →
        Xã Văn Lang and Xã Văn Lăng), in the province when one is given."""
        pool = [u for u in self.units.values() if province is None or u.province == province]
        key = fold(name)
        same = [u for u in pool if fold(u.name) == key]
        if same:
            return same
        folded: dict[str, list[Unit]] = {}
        for u in pool:
            folded.setdefault(fold(u.name), []).append(u)
        close = difflib.get_close_matches(key, list(folded), n=n, cutoff=0.6)
        return [u for k in close for u in folded[k]][:n]

    def former_units(self, code: int) -> tuple[str, ...]:
        u = self.units.get(code)
        return u.former if u else ()


def _rows(path: Path) -> list[dict]:
    try:  # a pipe, a device or a file far larger than the real list: refused from its status, unread
        return list(csv.DictReader(io.StringIO(read_limited(path, MAX_BYTES).decode("utf-8"))))
    except UnsafeFile as exc:
        raise BuildError(f"Không đọc danh sách đơn vị hành chính {FOLDER}/{path.name}: {exc.why}. "
                         f"Cách sửa: lấy lại tệp của dự án (git checkout {FOLDER}/).") from None


@lru_cache(maxsize=4)
def load(root: Path) -> Geography:
    """The official list shipped in root/geography (read once per process)."""
    folder = root / FOLDER
    former: dict[int, list[str]] = {}
    if (folder / "legacy.csv").is_file():
        for r in _rows(folder / "legacy.csv"):
            if r["old_name"]:
                former.setdefault(int(r["code"]), []).append(r["old_name"])
    provinces: dict[int, tuple[str, list[Unit]]] = {}
    for r in _rows(folder / "units.csv"):
        pcode = int(r["province_code"])
        code = int(r["code"])
        unit = Unit(code=code, name=r["name"], type=r["type"], province=pcode,
                    former=tuple(dict.fromkeys(former.get(code, ()))))
        provinces.setdefault(pcode, (r["province"], []))[1].append(unit)
    listed = tuple(Province(code=c, name=n, units=tuple(us)) for c, (n, us) in sorted(provinces.items()))
    return Geography(provinces=listed, source="geography/units.csv",
                     units={u.code: u for p in listed for u in p.units})


def commune_ids(units: tuple[Unit, ...] | list[Unit]) -> dict[int, str]:
    """Readable ids, unique by construction: the slug of the name ("xa-van-lang"), and where two names
    of the list give the same slug (Văn Lang / Văn Lăng), the code after it for both ("xa-van-lang-2143")."""
    slugs: dict[str, list[Unit]] = {}
    for u in units:
        slugs.setdefault(slugify(u.name), []).append(u)
    return {u.code: (s if len(group) == 1 else f"{s}-{u.code}") for s, group in slugs.items() for u in group}
