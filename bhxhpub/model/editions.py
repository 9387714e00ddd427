"""Local editions: the national content plus one office's overlay, from the same repository.

    editions/<id>/edition.yaml   who publishes (offices), the communes and their collection agents,
                                 the locales it publishes, its own base URL (model.Edition)
    editions/<id>/qa.yaml        local questions and answers (optional; same fields as content/qa.yaml)

An edition adds items and sets a few named things (base URL, site title, locales, the office printed
on leaflets); it cannot change official texts: a messages, slogans or facts file (or key) in an
edition is an error naming it. The national content is read as always, so every edition gets its
changes on its next build. `apply` is a pure function: Content + Edition -> the edition's Content.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Optional

from ..errors import Problem, Problems
from . import geography
from .days import check_range
from .fields import construct, spec_of
from .local import PENDING, Edition
from .reader import ContentReader
from .schema import FileCheck
from .settings import Contact
from .slug import SITE_ROOT_NAMES
from .types import QA, Content, Where

EDITIONS_DIR = "editions"
EDITION_FILE = "edition.yaml"
# what an edition may hold besides edition.yaml; official texts are the national content's only
EXTRA_FILES = {"qa.yaml": ("questions", QA, "hỏi đáp địa phương")}
OFFICIAL_FILES = {"messages.yaml": "thông điệp", "slogans.yaml": "khẩu hiệu", "facts.yaml": "số liệu",
                  "audiences.yaml": "nhóm đối tượng", "periods.yaml": "lịch truyền thông", "settings.yaml": "cài đặt"}
OFFICIAL_KEYS = {"messages": "thông điệp", "slogans": "khẩu hiệu", "facts": "số liệu", "campaign": "chủ đề"}
_PHONE = re.compile(r"^\+?[0-9][0-9 .()\-]{5,24}[0-9]$")


def is_phone(value: str) -> bool:
    """A phone number that can be dialled (not "cần xác nhận")."""
    return bool(_PHONE.match(value or ""))


def edition_ids(root: Path) -> list[str]:
    base = root / EDITIONS_DIR
    return sorted(p.name for p in base.iterdir() if (p / EDITION_FILE).is_file()) if base.is_dir() else []


NATIONAL = "toan-quoc"  # the national edition's id: `--edition toan-quoc` is a plain build
ALL = "all"  # `--commune all`, `print_communes: [all]`: every commune of the edition


def as_of(root: Path, ident: Optional[str]) -> Optional[date]:
    """The print date an edition carries (`as_of` in edition.yaml), read before anything else is: it is the
    build's effective date unless `--as-of` says otherwise. None when the edition has none, or when the file
    does not read (the build's validation then names the problem)."""
    if not ident or ident == NATIONAL or ident not in edition_ids(root):
        return None
    from .yamlread import read_yaml
    path = root / EDITIONS_DIR / ident / EDITION_FILE
    node = read_yaml(path, f"{EDITIONS_DIR}/{ident}/{EDITION_FILE}", Problems())
    if node is None or node.kind != "map" or "as_of" not in node.value:
        return None
    value = node.value["as_of"][1]
    try:
        found = date.fromisoformat(str(value.value)) if value.kind == "scalar" else None
        return found if found is None else check_range(found)[0]  # out of range: the validation names it
    except ValueError:
        return None


def read(root: Path, ident: str, content: Content, reader: Optional[ContentReader] = None,
         release: bool = False) -> tuple[Optional[Edition], tuple, Problems]:
    """The edition `ident` (validated against the national content and the official list of
    communes) and its local Q&A. Problems that only stop a release (a commune code no longer in
    the list) are in `Problems.notices` of the result when `release` is false."""
    reader = reader or ContentReader(root)
    p = reader.problems
    folder = root / EDITIONS_DIR / ident
    if ident not in edition_ids(root):
        import difflib
        close = difflib.get_close_matches(ident, edition_ids(root), n=1)
        p.add(f"{EDITIONS_DIR}/", 0, 0, f"Không có bản địa phương “{ident}”.",
              f"Có phải ý bạn là “{close[0]}”?" if close else "Xem danh sách bằng: python build.py editions")
        return None, (), p
    for path in sorted(folder.iterdir()):
        rel = reader.rel(path)
        if path.name in OFFICIAL_FILES:
            p.add(rel, 1, 1, f"Bản địa phương không được thay đổi văn bản chính thức ({OFFICIAL_FILES[path.name]}): "
                  f"tệp {path.name} không được dùng ở đây.",
                  "Văn bản chính thức chỉ sửa ở bản toàn quốc (content/, slogans/); bản địa phương chỉ thêm hỏi đáp, "
                  "cơ quan, đại lý thu.")
        elif path.is_file() and path.name not in (EDITION_FILE, *EXTRA_FILES) and path.suffix.lower() in (".yaml", ".yml") \
                and not _translation_file(path.name):
            p.add(rel, 0, 0, "Tệp này không thuộc loại nội dung nào của bản địa phương nên sẽ không được dùng.",
                  f"Bản địa phương gồm {EDITION_FILE} và (nếu cần) qa.yaml.")
    node_keys = _top_keys(reader, folder / EDITION_FILE)
    for key, line in node_keys:
        if key in OFFICIAL_KEYS:
            p.add(reader.rel(folder / EDITION_FILE), line, 1,
                  f"Bản địa phương không được thay đổi văn bản chính thức ({OFFICIAL_KEYS[key]}): trường “{key}”.",
                  "Văn bản chính thức chỉ sửa ở bản toàn quốc; xóa trường này khỏi edition.yaml.")
    if any(k in OFFICIAL_KEYS for k, _ in node_keys):
        return None, (), p
    values, check = reader.file(folder / EDITION_FILE, spec_of(Edition), "bản địa phương")
    if not values:
        return None, (), p
    edition = construct(Edition, values, Where(check.rel, *values["__where__"], dict(values["__lines__"])))
    local_qa = ()
    if (folder / "qa.yaml").is_file():
        key, cls, what = EXTRA_FILES["qa.yaml"]
        local_qa = tuple(construct(cls, v, w) for v, w in reader.items(folder / "qa.yaml", key, spec_of(cls), what))
    check_edition(edition, local_qa, content, check, p)
    geo = geography.load(root)
    check_communes(edition, geo, p, release)
    edition = replace(edition, communes=tuple(replace(c, former=geo.former_units(c.code)) for c in edition.communes))
    return edition, local_qa, p


def _translation_file(name: str) -> bool:
    """edition.<locale>.yaml, qa.<locale>.yaml: translations of the edition's own texts (read by `overlay`)."""
    parts = name.split(".")
    return len(parts) == 3 and parts[0] in ("edition", "qa") and parts[2] == "yaml"


def _top_keys(reader: ContentReader, path: Path) -> list[tuple[str, int]]:
    from .yamlread import read_yaml
    node = read_yaml(path, reader.rel(path), Problems()) if path.is_file() else None
    if node is None or node.kind != "map":
        return []
    return [(k, knode.line) for k, (knode, _) in node.value.items()]


def check_edition(edition: Edition, local_qa: tuple, content: Content, check: FileCheck, p: Problems) -> None:
    """References and phone numbers of an edition; local Q&A ids must not hide national ones."""
    rel = check.rel
    w = edition.where
    if edition.id == NATIONAL:
        p.add(*w.at("id"), f"Mã “{NATIONAL}” là của bản toàn quốc.", "Đặt mã khác cho bản địa phương (và đổi tên thư mục theo).")
    if edition.id != Path(rel).parent.name:
        p.add(*w.at("id"), f"Mã bản “{edition.id}” khác tên thư mục “{Path(rel).parent.name}”.",
              f"Đặt id: {Path(rel).parent.name}.")
    if edition.id in SITE_ROOT_NAMES:
        p.add(*w.at("id"), f"Mã bản “{edition.id}” trùng tên một thư mục hay trang của trang web.",
              f"Đặt mã khác, ví dụ {edition.id}-1 (và đổi tên thư mục theo): bản địa phương thường được công bố ở "
              "địa chỉ …/<mã>/ bên cạnh các thư mục của trang.")
    if edition.as_of is not None and check_range(edition.as_of)[0] is None:
        p.add(*w.at("as_of"), f"Ngày as_of: {check_range(edition.as_of)[1]}.",
              "Ghi ngày in phát của bản này, dạng NĂM-THÁNG-NGÀY, ví dụ 2027-01-01.")
    national = {l.id for l in content.settings.locales}
    for loc in edition.locales:
        if loc not in national:
            p.add(*w.at("locales"), f"Ngôn ngữ “{loc}” chưa có trong content/settings.yaml (locales).",
                  "Thêm ngôn ngữ vào bản toàn quốc trước; bản địa phương chọn trong danh sách đó.")
    communes = {c.id for c in edition.communes}
    for cid in edition.print_communes:
        if cid != ALL and cid not in communes:
            p.add(*w.at("print_communes"), f"Xã “{cid}” không có trong danh sách communes của bản này.", "Dùng mã xã trong communes.")
    for office in edition.offices:
        for cid in office.communes:
            if cid not in communes:
                p.add(*w.at("offices"), f"Văn phòng “{office.name}” phục vụ xã “{cid}” không có trong communes.",
                      "Dùng mã xã trong communes.")
    for phone, where in [(o.phone, "offices") for o in edition.offices] + \
            [(a.phone, "communes") for c in edition.communes for a in c.agents]:
        if phone != PENDING and not _PHONE.match(phone):
            p.add(*w.at(where), f"Số điện thoại “{phone}” không đúng dạng.",
                  f"Viết số điện thoại, ví dụ 0208 3855 123, hoặc “{PENDING}” nếu chưa biết.")
    ids = {q.id for q in content.qa}
    for q in local_qa:
        if q.id in ids:
            p.add(q.where.file, q.where.line, q.where.column, f"Câu hỏi “{q.id}” trùng mã với câu hỏi của bản toàn quốc.",
                  "Đặt mã khác (bản địa phương chỉ thêm câu hỏi, không thay câu hỏi toàn quốc).")


def check_communes(edition: Edition, geo: geography.Geography, p: Problems, release: bool) -> None:
    """Every commune against the official list: its code, its name, its province; ids, codes and
    names once each; an office serves only communes the edition has."""
    w = edition.where
    province = geo.province(edition.province) if edition.province else None
    if edition.communes and province is None:
        close = geo.nearest_provinces(edition.region)
        wrong = f": không có mã {edition.province}" if edition.province else ""
        p.add(*w.at("province"), f"Bản “{edition.id}” cần mã tỉnh, thành phố chính thức (province){wrong}.",
              "Viết province: <mã của Tổng cục Thống kê>" + (f", ví dụ {close[0]}: {geo.find_province(close[0]).code}" if close else "")
              + " (xem geography/units.csv), hoặc tạo bản mới bằng: python build.py editions new --province \"tên tỉnh\".")
    seen: dict[str, dict] = {"id": {}, "code": {}, "name": {}}
    for c in edition.communes:
        at = c.where or w
        for key, value in (("id", c.id), ("code", c.code), ("name", c.name)):
            if not value:
                continue
            first = seen[key].get(value)
            if first is not None:
                p.add(at.file, at.line, at.column, f"Xã “{c.name}” trùng {'mã' if key == 'id' else 'mã chính thức' if key == 'code' else 'tên'} "
                      f"“{value}” với xã ở dòng {first.line}.", "Mỗi xã, phường ghi một lần; mã (id) phải khác nhau.")
            else:
                seen[key][value] = at
        if province is None or PENDING in c.name:
            continue
        unit = geo.units.get(c.code) if c.code else None
        if unit is None:
            near = geo.nearest_units(c.name, province.code)
            hint = ("Có phải: " + "; ".join(f"{u.name} (code: {u.code})" for u in near) + "?") if near else \
                f"Tra tên và mã trong geography/units.csv ({province.name})."
            if c.code:
                where = at.at("code")
                message = (f"Mã {c.code} của “{c.name}” không có trong danh sách đơn vị hành chính chính thức "
                           f"(geography/units.csv): xã này đã đổi hoặc không còn sau lần cập nhật danh sách.")
                if release:
                    p.add(*where, message, hint + " Chạy python build.py editions sync " + edition.id + " để xem thay đổi.")
                else:
                    p.notices.append(Problem(*where, message, hint + " Bản công bố (--release) sẽ dừng ở đây."))
            else:
                p.add(at.file, at.line, at.column, f"Không tìm thấy “{c.name}” trong danh sách xã, phường chính thức của "
                      f"{province.name} (hoặc thiếu code).", hint)
            continue
        if unit.province != province.code:
            other = geo.province(unit.province)
            p.add(*at.at("code"),
                  f"{unit.name} (mã {unit.code}) thuộc {other.name if other else unit.province}, không thuộc {province.name}.",
                  "Chỉ ghi các xã, phường của tỉnh này; xã của tỉnh khác thuộc bản địa phương của tỉnh đó.")
        elif unit.name != c.name:
            p.add(*at.at("name"),
                  f"Tên “{c.name}” khác tên chính thức của mã {unit.code}: “{unit.name}”.", f"Viết đúng: name: {unit.name}")


def pending(edition: Edition) -> list[str]:
    """What is still to be confirmed ("cần xác nhận"), one line each: a release build refuses it."""
    out = []
    for o in edition.offices:
        for field_name, label in (("name", "tên"), ("address", "địa chỉ"), ("phone", "số điện thoại")):
            if PENDING in getattr(o, field_name):
                out.append(f"{label} của cơ quan “{o.name}”")
    for c in edition.communes:
        if PENDING in c.name:
            out.append(f"tên xã “{c.name}”")
        for a in c.agents:
            for field_name, label in (("name", "tên"), ("phone", "số điện thoại"), ("place", "nơi thu")):
                if PENDING in getattr(a, field_name):
                    out.append(f"{label} đại lý thu “{a.name}” ở {c.name}")
    return out


def _contact(o) -> Contact:
    """An office as a contact: a phone not confirmed is shown as such, never dialled."""
    address = o.address if o.phone != PENDING else f"{o.address}; điện thoại: {PENDING}"
    return Contact(name=o.name, phone=None if o.phone == PENDING else o.phone, address=address, hours=o.hours,
                   url=o.map_url, note="")


def apply(content: Content, edition: Edition, local_qa: tuple = (), communes: tuple[str, ...] = ()) -> Content:
    """The edition's content: the national items and its own, its settings, its communes to print."""
    s = content.settings
    first = edition.offices[0]
    office = _contact(first)
    offices = tuple(_contact(o) for o in edition.offices)
    keep = {s.default_locale, *edition.locales}
    settings = replace(s, base_url=edition.base_url, site_title=edition.site_title or s.site_title, local_office=office,
                       number_reading=edition.number_reading or s.number_reading,
                       contacts=offices + tuple(s.contacts),
                       locales=tuple(replace(l, build=True) for l in s.locales if l.id in keep))
    wanted = tuple(dict.fromkeys((*edition.print_communes, *communes)))
    if ALL in wanted:
        wanted = tuple(c.id for c in edition.communes)
    return replace(content, settings=settings, qa=content.qa + tuple(local_qa), edition=edition,
                   print_communes=tuple(edition.commune(c) for c in wanted if c in {x.id for x in edition.communes}))


def overlay(root: Path, content: Content, edition: Edition, local_qa: tuple, communes: tuple[str, ...],
            problems: Problems) -> Content:
    """`apply`, and the translations of the edition's own texts (editions/<id>/edition.<locale>.yaml: its offices;
    qa.<locale>.yaml: its local Q&A), checked against them like every translation."""
    from .translations import read_all
    local = apply(content, edition, local_qa, communes)
    found = read_all(root, local, local.ui, {l.id for l in content.settings.locales}, problems,
                     folder=f"{EDITIONS_DIR}/{edition.id}")
    return replace(local, translations=local.translations + found)
