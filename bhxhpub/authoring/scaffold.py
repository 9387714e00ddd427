"""Local editions from the official list: `editions new --province …` writes an edition with every
commune and ward of the province; `editions sync ID` adds what the list has and the edition lacks.

The editor never types geography: names and codes come from geography/units.csv. People, phones and
addresses are never invented: they are written "cần xác nhận" (a release refuses them until filled).
What is written is read back with the real loader before it is kept; on any problem nothing stays.
"""
from __future__ import annotations

import io
import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import BuildError, ContentError, Problems, shown_name
from ..model import editions, geography
from ..model.loader import load
from ..model.local import PENDING
from ..model.slug import ID_RE, SITE_ROOT_NAMES, WINDOWS_NAMES, slugify

HEADER = """\
# Bản địa phương của {province} ({count} xã, phường, đặc khu), tạo bằng:
#     python build.py editions new --province "{short}"
# Tên và mã của từng xã, phường lấy từ danh sách đơn vị hành chính chính thức từ 01/07/2025
# (geography/units.csv, mã của Tổng cục Thống kê): không sửa tên và mã; khi danh sách đổi, chạy
#     python build.py editions sync {ident}
#
# Việc cần làm (hướng dẫn biên tập, mục 9):
#  1. name, và tên, địa chỉ, số điện thoại của cơ quan BHXH (offices); thêm cơ quan nếu có nhiều.
#  2. Mỗi cơ quan ghi trong communes các xã nó phục vụ (bản mới: một cơ quan phục vụ mọi xã).
#  3. Đại lý thu của từng xã: tên, số điện thoại, nơi thu (thôn, bản, điểm thu).
#  4. locales: các ngôn ngữ địa phương sẽ công bố, ví dụ [tay, hmong] (phải có trong content/settings.yaml).
# KHÔNG bịa tên người, địa chỉ, số điện thoại: chưa có thông tin chính thức thì để “{pending}”.
# Bản công bố (--release) dừng cho đến khi mọi chỗ “{pending}” được điền và lãnh đạo duyệt (status).
"""


@dataclass(frozen=True)
class Scaffolded:
    ident: str
    path: Path
    province: geography.Province


def find_province(root: Path, text: str) -> geography.Province:
    geo = geography.load(root)
    province = geo.find_province(text)
    if province is None:
        close = geo.nearest_provinces(text)
        raise BuildError(f"Không có tỉnh, thành phố “{text}” trong danh sách 34 tỉnh, thành phố từ 01/07/2025. "
                         + (f"Có phải: {', '.join(close)}? " if close else "")
                         + "Cách sửa: viết tên có hoặc không dấu (ví dụ “Thai Nguyen”) hoặc mã tỉnh (ví dụ 19).")
    return province


def _q(text: str) -> str:
    """A YAML scalar that reads back as written (official names have no quotes or colons, but be sure)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' if any(c in text for c in ":#'\"[]{}") else text


def edition_text(root: Path, province: geography.Province, ident: str, base_url: str, today: date) -> str:
    ids = geography.commune_ids(province.units)
    out = io.StringIO()
    out.write(HEADER.format(province=province.name, count=len(province.units), short=province.short_name, ident=ident,
                            pending=PENDING))
    out.write(f"id: {ident}\n")
    out.write(f"name: Bản địa phương {province.name} (tên cơ quan BHXH khu vực {PENDING})\n")
    out.write(f"region: {province.name}, theo danh sách đơn vị hành chính từ 01/07/2025\n")
    out.write(f"province: {province.code}  # mã tỉnh của Tổng cục Thống kê: không sửa\n")
    out.write(f"base_url: {base_url.rstrip('/')}/{ident}/\n")
    out.write("locales: []  # ví dụ [tay, nung, hmong, dao]\n")
    out.write("offices:\n")
    out.write(f"  - name: BHXH khu vực phụ trách {province.name} (tên {PENDING})\n")
    out.write(f"    address: {PENDING}\n    phone: {PENDING}\n")
    out.write("    communes:  # các xã, phường cơ quan này phục vụ\n")
    for u in province.units:
        out.write(f"      - {ids[u.code]}\n")
    out.write("communes:  # tên và mã chính thức; chỉ điền đại lý thu (agents)\n")
    for u in province.units:
        out.write(f"  - id: {ids[u.code]}\n    code: {u.code}\n    name: {_q(u.name)}\n")
        out.write(f"    agents:\n      - name: {PENDING}\n        phone: {PENDING}\n")
    out.write(f"status: draft\nreviewed: {today.isoformat()}\n")
    return out.getvalue()


def new_edition(root: Path, province_text: str, today: date, ident: str | None = None) -> Scaffolded:
    """Write editions/<id>/edition.yaml for a province; refuses to overwrite an existing edition."""
    province = find_province(root, province_text)
    ident = ident or slugify(province.short_name)
    if ident == editions.NATIONAL or ident in SITE_ROOT_NAMES or not ID_RE.match(ident) or ident in WINDOWS_NAMES:
        raise BuildError(f"Không dùng được mã “{shown_name(ident)[:80]}” cho bản địa phương (mã là tên thư mục trong "
                         "editions/: chữ thường không dấu, số và gạch nối). Cách sửa: chọn mã khác bằng --id, ví dụ thai-nguyen.")
    folder = root / editions.EDITIONS_DIR / ident
    if folder.exists():
        raise BuildError(f"Đã có bản địa phương {folder.relative_to(root)}: không ghi đè. Cách sửa: thêm xã mới bằng "
                         f"python build.py editions sync {ident}, hoặc chọn mã khác bằng --id.")
    content = load(root)
    text = edition_text(root, province, ident, content.settings.base_url, today)
    folder.mkdir(parents=True)
    try:
        _write(folder / editions.EDITION_FILE, text)
        _verify(root, ident, content)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Scaffolded(ident, folder / editions.EDITION_FILE, province)


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _verify(root: Path, ident: str, content) -> None:
    edition, _, problems = editions.read(root, ident, content)
    if edition is None or not problems.ok:
        raise ContentError(problems if not problems.ok else Problems())


@dataclass(frozen=True)
class SyncReport:
    added: tuple[str, ...]  # "Xã Văn Lang (2143)"
    gone: tuple[str, ...]  # communes of the edition whose code the list no longer has
    renamed: tuple[str, ...]  # same code, another name in the list (the edition's line is left as it is)
    no_code: tuple[str, ...]  # communes written without a code (not matched)

    def lines(self) -> list[str]:
        out = [f"Đã thêm {len(self.added)} xã, phường có trong danh sách chính thức mà bản này chưa có"
               + (": " + ", ".join(self.added) if self.added else ".")]
        if self.added:
            out.append("  → Ghi các xã mới vào communes của cơ quan phục vụ chúng (offices) và điền đại lý thu.")
        for label, items, todo in (("Không còn trong danh sách", self.gone, "gộp hoặc xóa theo quyết định sắp xếp; "
                                    "bản công bố dừng cho đến khi sửa"),
                                   ("Đổi tên trong danh sách", self.renamed, "sửa name theo tên chính thức"),
                                   ("Chưa có mã (code)", self.no_code, "ghi code theo geography/units.csv")):
            for item in items:
                out.append(f"{label}: {item} → {todo}.")
        return out


def with_communes(text: str, new: list[tuple[str, geography.Unit]]) -> str:
    """The edition's text with communes appended at the end of its `communes:` list, written like the
    items already there; every other byte stays as the editor wrote it."""
    lines = text.splitlines(keepends=True)
    head = next((i for i, line in enumerate(lines) if re.match(r"communes:", line)), None)
    if head is None:  # no list yet: a new one at the end
        lines.append("" if text.endswith("\n") or not text else "\n")
        lines.append("communes:\n")
        head, end, indent = len(lines) - 1, len(lines), "  "
    else:
        end = next((i for i in range(head + 1, len(lines)) if lines[i][:1] not in (" ", "-", "#", "\n", "\r")), len(lines))
        while end > head + 1 and not lines[end - 1].strip():
            end -= 1
        item = next((line for line in lines[head + 1:end] if line.lstrip().startswith("- ")), "  - ")
        indent = item[: len(item) - len(item.lstrip())]
        if lines[end - 1] and not lines[end - 1].endswith("\n"):
            lines[end - 1] += "\n"
    block = "".join(f"{indent}- id: {cid}\n{indent}  code: {u.code}\n{indent}  name: {_q(u.name)}\n"
                    f"{indent}  agents:\n{indent}    - name: {PENDING}\n{indent}      phone: {PENDING}\n" for cid, u in new)
    lines.insert(end, block)
    return "".join(lines)


def sync_edition(root: Path, ident: str, today: date) -> SyncReport:
    """Add the communes the official list has and the edition lacks (at the end of `communes`), and
    report those it has that the list no longer has; nothing the editor wrote is changed."""
    content = load(root)
    edition, _, problems = editions.read(root, ident, content)
    if edition is None:
        raise ContentError(problems)
    geo = geography.load(root)
    province = geo.province(edition.province)
    if province is None:
        raise BuildError(f"Bản “{ident}” chưa có mã tỉnh (province). Cách sửa: thêm dòng province: <mã tỉnh> vào "
                         f"editions/{ident}/edition.yaml (xem geography/units.csv).")
    have = {c.code: c for c in edition.communes if c.code}
    official = {u.code: u for u in province.units}
    missing = [u for u in province.units if u.code not in have]
    gone = tuple(f"{c.name} ({c.code})" for c in edition.communes if c.code and c.code not in official)
    renamed = tuple(f"{c.name} ({c.code}) → {official[c.code].name}" for c in edition.communes
                    if c.code in official and official[c.code].name != c.name)
    no_code = tuple(c.name for c in edition.communes if not c.code)
    if missing:
        path = root / editions.EDITIONS_DIR / ident / editions.EDITION_FILE
        original = path.read_text(encoding="utf-8")
        taken = {c.id for c in edition.communes}
        ids = geography.commune_ids(province.units)
        new = [(ids[u.code] if ids[u.code] not in taken else f"{ids[u.code]}-{u.code}", u) for u in missing]
        _write(path, with_communes(original, new))
        try:
            _verify(root, ident, content)
        except BaseException:
            _write(path, original)
            raise
    return SyncReport(tuple(f"{u.name} ({u.code})" for u in missing), gone, renamed, no_code)
