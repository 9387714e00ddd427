"""A local edition's own types (editions/<id>/edition.yaml): its offices, its communes and their collection agents."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from .fields import Editorial, Where, declared

PENDING = "cần xác nhận"  # what an edition writes where a real address, phone or name is not confirmed yet


@dataclass(frozen=True, kw_only=True)
class Office:
    """An office of the social insurance that people can go to (a regional office and those below it)."""

    name: str = declared("text", max_len=200, translatable=True, doc="Tên cơ quan, ví dụ BHXH khu vực …, BHXH cơ sở …")
    address: str = declared("text", max_len=300, doc=f"Địa chỉ; chưa chắc chắn thì viết “{PENDING}”.")
    phone: str = declared("text", max_len=40, doc=f"Số điện thoại; chưa chắc chắn thì viết “{PENDING}”.")
    hours: str = declared("opt_text", max_len=200, translatable=True, doc="Giờ làm việc.")
    map_url: str = declared("url", required=False, convert=lambda v: v or "", doc="Đường dẫn bản đồ.")
    communes: tuple[str, ...] = declared("list", item="id", required=False, doc="Mã các xã, phường văn phòng này phục vụ.")


@dataclass(frozen=True, kw_only=True)
class Agent:
    """A collection agent (đại lý thu) of a commune."""

    name: str = declared("text", max_len=150, doc=f"Tên đại lý thu hoặc người thu; chưa chắc chắn thì viết “{PENDING}”.")
    phone: str = declared("text", max_len=40, doc=f"Số điện thoại; chưa chắc chắn thì viết “{PENDING}”.")
    place: str = declared("opt_text", max_len=200, doc="Nơi thu (thôn, bản, điểm thu).")
    leaflet: bool = declared("bool", required=False, default=True,
                             doc="false: không in trên tờ rơi riêng của xã (khi tờ rơi hết chỗ), chỉ hiện trên trang web.")


@dataclass(frozen=True, kw_only=True)
class Commune:
    """A commune, ward or special zone of the official list (geography/units.csv), with its agents."""

    id: str = declared("id", doc="Mã xã, phường (dùng trong --commune và tên tệp PDF); lệnh editions new tạo sẵn.")
    code: int = declared("int", required=False, default=0,
                         help="Mã đơn vị hành chính của Tổng cục Thống kê, ví dụ Xã Văn Lang: 2143 (xem geography/units.csv).",
                         doc="Mã chính thức của xã, phường (Tổng cục Thống kê).")
    name: str = declared("text", max_len=120, doc="Tên chính thức của xã, phường sau sắp xếp năm 2025, ví dụ: Xã Văn Lang.")
    agents: tuple[Agent, ...] = declared("list", item=Agent, required=False, doc="Các đại lý thu của xã.")
    where: Where = field(default=None, compare=False)
    former: tuple[str, ...] = field(default=(), compare=False)  # pre-2025 units merged into it (official list)


@dataclass(frozen=True, kw_only=True)
class Edition:
    """A local edition (editions/<id>/edition.yaml): the national content with this office's own details."""

    id: str = declared("id", doc="Mã bản địa phương = tên thư mục trong editions/.")
    name: str = declared("text", max_len=200, doc="Tên bản, ví dụ: BHXH khu vực … (bản địa phương).")
    region: str = declared("text", max_len=300, doc="Địa bàn phục vụ (tỉnh, khu vực sau sắp xếp 2025).")
    province: int = declared("int", required=False, default=0,
                             help="Mã tỉnh, thành phố của Tổng cục Thống kê, ví dụ Thái Nguyên: 19 (lệnh editions new ghi sẵn).",
                             doc="Mã chính thức của tỉnh, thành phố (Tổng cục Thống kê).")
    base_url: str = declared("url", convert=lambda v: v.rstrip("/") + "/", doc="Địa chỉ công bố của bản này.")
    site_title: str = declared("opt_text", max_len=150, doc="Tên trang web của bản (mặc định: tên bản toàn quốc).")
    as_of: Optional[date] = declared("date", required=False,
                                     help="Ngày in phát, dạng NĂM-THÁNG-NGÀY, ví dụ 2027-01-01: số liệu in ra là số liệu áp dụng "
                                          "ngày đó (python build.py --as-of ghi đè).",
                                     doc="Ngày hiệu lực của số liệu khi in bản này (ví dụ in cho đợt năm sau).")
    number_reading: str = declared("choice", choices=("bac", "nam"), required=False, default="",
                                   doc="Cách đọc số trên loa của địa phương: bac (một trăm linh năm, một nghìn) hoặc nam "
                                       "(một trăm lẻ năm, một ngàn); mặc định theo bản toàn quốc.")
    locales: tuple[str, ...] = declared("list", item="id", refs="locale", required=False,
                                        doc="Các ngôn ngữ bản này công bố (ngoài tiếng Việt).")
    offices: tuple[Office, ...] = declared("list", item=Office, translatable=True,
                                           doc="Cơ quan BHXH của địa bàn; cơ quan đầu tiên in trên tờ rơi.")
    communes: tuple[Commune, ...] = declared("list", item=Commune, required=False, doc="Các xã, phường và đại lý thu.")
    print_communes: tuple[str, ...] = declared("list", item="id", required=False,
                                               doc="Mã các xã luôn được in tờ rơi riêng (ngoài --commune); [all]: mọi xã.")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)

    def commune(self, cid: str) -> Commune:
        return next(c for c in self.communes if c.id == cid)
