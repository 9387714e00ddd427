#!/usr/bin/env python3
"""Regenerate geography/units.csv and geography/legacy.csv from the vietnamadminunits data set.

Usage:
    python scripts/update_geography.py               # installs vietnamadminunits==PIN into a throwaway venv
    python scripts/update_geography.py --db PATH     # an existing dataset.db (converter_2025.json beside it
                                                     # gives legacy.csv; without it legacy.csv is left alone)
    python scripts/update_geography.py --dry-run     # print the change report, write nothing

The package is never a runtime dependency: its list of the 34 provinces and 3,321 communes, wards and
special zones (NSO codes, in force since 1 July 2025) is vendored as two small CSV files. To update:
bump PIN, run this script, read the change report it prints (added, removed, renamed, moved province).

Standard library only. diff_units() and diff_legacy() are importable for tests and other tools.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE = "vietnamadminunits"
PIN = "1.0.4"

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "geography"
UNIT_FIELDS = ["province_code", "province", "code", "name", "type"]
LEGACY_FIELDS = ["code", "old_name", "old_district", "old_province"]
TYPES = {"Xã": "xa", "Phường": "phuong", "Đặc khu": "dac-khu"}
TYPE_LABELS = {v: k for k, v in TYPES.items()}

Row = Mapping[str, object]


def clean(text: str | None) -> str:
    """NFC, whitespace runs collapsed to one space, trimmed; spelling otherwise untouched."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


# ---------------------------------------------------------------- reading the data set


def read_units(db: Path) -> list[dict]:
    """The 2025 units from dataset.db's admin_units table, sorted by province code then unit code."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT provinceCode, province, wardCode, ward, wardType FROM admin_units").fetchall()
    finally:
        con.close()
    units = []
    for pcode, province, code, name, wtype in rows:
        name = clean(name)
        # The type follows the name's prefix: in 1.0.4 the wardType column contradicts the name for four
        # units (10543, 11848, 31213, 31299), and the NSO list (as vietnam-provinces has it) sides with the name.
        prefix = next((p for p in TYPES if name.startswith(p + " ")), None)
        if prefix is None:
            raise SystemExit(f"{code} {name!r}: the name starts with no known unit type: extend TYPES")
        if clean(wtype) != prefix:
            print(f"Lưu ý: {int(code)} {name}: cột wardType ghi {clean(wtype)!r}, lấy loại theo tên", file=sys.stderr)
        units.append({"province_code": int(pcode), "province": clean(province), "code": int(code), "name": name, "type": TYPES[prefix]})
    units.sort(key=lambda u: (u["province_code"], u["code"]))
    codes = [u["code"] for u in units]
    if len(set(codes)) != len(codes):
        raise SystemExit("dataset.db has a unit code twice")
    return units


def read_legacy(db: Path, converter: Path) -> list[dict]:
    """For each 2025 unit code, the pre-2025 communes merged into it, one row per old unit.

    The mapping is converter_2025.json (keys, not codes): DICT_PROVINCE_WARD_NO_DIVIDED lists the old
    units wholly taken into a new one, DICT_PROVINCE_WARD_DIVIDED the old units split between several
    (such an old unit is listed under each new unit it went to). Keys resolve to names through the
    admin_units and admin_units_legacy tables. An island district that had no communes (Côn Đảo, Lý Sơn,
    Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa) has an empty old_name. Rows are sorted by code, then old NSO code.
    """
    data = json.loads(converter.read_text(encoding="utf-8"))
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        new = {(pk, wk): int(code) for pk, wk, code in con.execute("SELECT provinceKey, wardKey, wardCode FROM admin_units")}
        old = {}
        for pk, dk, wk, dcode, wcode, province, district, ward in con.execute(
            "SELECT provinceKey, districtKey, wardKey, districtCode, wardCode, province, district, ward FROM admin_units_legacy"
        ):
            order = (int(wcode) if wcode else -1, int(dcode) if dcode else -1)
            old[f"{pk}_{dk}_{wk if wk else ''}"] = (order, clean(ward), clean(district), clean(province))
    finally:
        con.close()

    pairs: set[tuple[int, str]] = set()
    problems = []

    def add(pk: str, new_key: str, old_key: str) -> None:
        if (pk, new_key) not in new:
            problems.append(f"new unit {pk}/{new_key}")
        elif old_key not in old:
            problems.append(f"old unit {old_key}")
        else:
            pairs.add((new[(pk, new_key)], old_key))

    for pk, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in wards.items():
            for old_key in old_keys:
                add(pk, new_key, old_key)
    for pk, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in olds.items():
            for t in targets:
                add(pk, t["newWardKey"], old_key)
    if problems:
        raise SystemExit(f"{len(problems)} keys in {converter.name} do not resolve, e.g. " + ", ".join(problems[:5]))
    rows = sorted(pairs, key=lambda p: (p[0], old[p[1]][0], p[1]))
    return [{"code": code, "old_name": old[k][1], "old_district": old[k][2], "old_province": old[k][3]} for code, k in rows]


def fetch_package(pin: str, workdir: Path) -> Path:
    """Install PACKAGE==pin (no dependencies) into a throwaway venv; return its data directory."""
    venv = workdir / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = venv / ("Scripts/pip.exe" if sys.platform == "win32" else "bin/pip")
    subprocess.run([str(pip), "install", "-q", "--disable-pip-version-check", "--no-deps", f"{PACKAGE}=={pin}"], check=True)
    found = sorted(venv.glob(f"lib*/**/site-packages/{PACKAGE}/data/dataset.db")) or sorted(venv.glob(f"**/{PACKAGE}/data/dataset.db"))
    if not found:
        raise SystemExit(f"{PACKAGE}=={pin} installed but has no data/dataset.db")
    return found[0].parent


# ---------------------------------------------------------------- CSV files


def write_csv(path: Path, fields: list[str], rows: Iterable[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def read_csv(path: Path) -> list[dict] | None:
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------- change report


def _label(u: Row) -> str:
    return f"{int(u['code'])} {u['name']}"


def diff_units(old_rows: Iterable[Row], new_rows: Iterable[Row]) -> list[str]:
    """Vietnamese lines saying what changed between two versions of units.csv (rows as dicts; codes int or str).

    Provinces renamed, added or removed are reported once each, not once per commune. Then, per unit code:
    added, removed, renamed (same code, new name), type changed without a new name, moved province.
    The last line is a summary. An empty list means the two are the same.
    """
    old = {int(r["code"]): r for r in old_rows}
    new = {int(r["code"]): r for r in new_rows}
    old_prov = {int(r["province_code"]): r["province"] for r in old.values()}
    new_prov = {int(r["province_code"]): r["province"] for r in new.values()}
    lines: list[str] = []

    for pc in sorted(old_prov.keys() | new_prov.keys()):
        if pc not in new_prov:
            lines.append(f"Bỏ tỉnh: {pc} {old_prov[pc]}")
        elif pc not in old_prov:
            lines.append(f"Thêm tỉnh: {pc} {new_prov[pc]}")
        elif old_prov[pc] != new_prov[pc]:
            lines.append(f"Đổi tên tỉnh: {pc} {old_prov[pc]} → {new_prov[pc]}")

    counts = dict.fromkeys(("thêm", "bỏ", "đổi tên", "đổi loại", "chuyển tỉnh"), 0)
    for code in sorted(old.keys() | new.keys()):
        o, n = old.get(code), new.get(code)
        if o is None:
            counts["thêm"] += 1
            lines.append(f"Thêm: {_label(n)} ({n['province']})")
            continue
        if n is None:
            counts["bỏ"] += 1
            lines.append(f"Bỏ: {_label(o)} ({o['province']})")
            continue
        if o["name"] != n["name"]:
            counts["đổi tên"] += 1
            lines.append(f"Đổi tên: {_label(o)} → {n['name']} ({n['province']})")
        elif o["type"] != n["type"]:
            counts["đổi loại"] += 1
            lines.append(f"Đổi loại: {_label(n)}: {o['type']} → {n['type']}")
        if int(o["province_code"]) != int(n["province_code"]):
            counts["chuyển tỉnh"] += 1
            lines.append(f"Chuyển tỉnh: {_label(n)}: {o['province']} → {n['province']}")

    if lines:
        summary = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
        lines.append(f"Tổng: {len(old)} → {len(new)} đơn vị" + (f"; {summary}" if summary else ""))
    return lines


def diff_legacy(old_rows: Iterable[Row], new_rows: Iterable[Row]) -> list[str]:
    """Lines for legacy.csv: old units newly listed under, or no longer listed under, a 2025 code."""

    def key(r: Row) -> tuple:
        return (int(r["code"]), r["old_name"], r["old_district"], r["old_province"])

    old, new = {key(r) for r in old_rows}, {key(r) for r in new_rows}
    lines = [f"Thêm nguồn gốc: {k[0]} ← {', '.join(x for x in k[1:] if x)}" for k in sorted(new - old)]
    lines += [f"Bỏ nguồn gốc: {k[0]} ← {', '.join(x for x in k[1:] if x)}" for k in sorted(old - new)]
    return lines


# ---------------------------------------------------------------- main


def summary(units: list[dict]) -> str:
    provinces = {u["province_code"] for u in units}
    by_type = {t: sum(1 for u in units if u["type"] == t) for t in TYPE_LABELS}
    return f"{len(provinces)} tỉnh/thành, {len(units)} đơn vị cấp xã (" + ", ".join(f"{n} {TYPE_LABELS[t].lower()}" for t, n in by_type.items()) + ")"


def edition_report(root: Path, units: list[dict]) -> list[str]:
    """For each local edition: its communes whose code the new list no longer has, or names otherwise."""
    by_code = {int(u["code"]): u for u in units}
    out = []
    for path in sorted((root / "editions").glob("*/edition.yaml")):
        text = path.read_text(encoding="utf-8")
        pairs = re.findall(r"^\s+code: (\d+)\s*\n\s+name: (.+?)\s*$", text, re.M)
        gone = [f"{name} ({code})" for code, name in pairs if int(code) not in by_code]
        renamed = [f"{name} ({code}) → {by_code[int(code)]['name']}" for code, name in pairs
                   if int(code) in by_code and by_code[int(code)]["name"] != name.strip('"')]
        ident = path.parent.name
        if gone or renamed:
            out.append(f"Bản {ident}: {len(gone)} xã không còn trong danh sách, {len(renamed)} xã đổi tên "
                       f"→ chạy python build.py editions sync {ident}")
            out += [f"  không còn: {g}" for g in gone] + [f"  đổi tên: {r}" for r in renamed]
        else:
            out.append(f"Bản {ident}: các xã đều có trong danh sách mới.")
    return out


def run(data_dir: Path, db: Path, out: Path, dry_run: bool) -> None:
    units = read_units(db)
    converter = data_dir / "converter_2025.json"
    legacy = read_legacy(db, converter) if converter.exists() else None
    print(summary(units))

    units_csv, legacy_csv = out / "units.csv", out / "legacy.csv"
    old_units = read_csv(units_csv)
    if old_units is None:
        print(f"{units_csv.relative_to(ROOT) if units_csv.is_relative_to(ROOT) else units_csv}: tạo mới")
    else:
        report = diff_units(old_units, units)
        print("\n".join(report) if report else "units.csv: không có thay đổi")
    if legacy is None:
        print(f"{converter} không có: legacy.csv giữ nguyên")
    else:
        old_legacy = read_csv(legacy_csv)
        if old_legacy is not None:
            report = diff_legacy(old_legacy, legacy)
            print("\n".join(report) if report else "legacy.csv: không có thay đổi")

    for line in edition_report(ROOT, units):
        print(line)
    if dry_run:
        return
    write_csv(units_csv, UNIT_FIELDS, units)
    if legacy is not None:
        write_csv(legacy_csv, LEGACY_FIELDS, legacy)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="an existing dataset.db (default: install the pinned package into a throwaway venv)")
    ap.add_argument("--pin", default=PIN, help=f"{PACKAGE} version to install (default {PIN})")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="folder for units.csv and legacy.csv (default geography/)")
    ap.add_argument("--dry-run", action="store_true", help="print the change report only")
    args = ap.parse_args(argv)
    if args.db:
        if not args.db.is_file():
            ap.error(f"{args.db}: no such file")
        run(args.db.parent, args.db, args.out, args.dry_run)
    else:
        with tempfile.TemporaryDirectory(prefix="geography-") as tmp:
            data_dir = fetch_package(args.pin, Path(tmp))
            run(data_dir, data_dir / "dataset.db", args.out, args.dry_run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
