"""The settings of the whole project (content/settings.yaml): organisation, site, locales, contacts, print sizes."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Optional

from .fields import Where, declared


class Script(StrEnum):
    """Writing systems a locale can use (ISO 15924)."""

    LATIN = "Latn"
    KHMER = "Khmr"
    TAI_VIET = "Tavt"


@dataclass(frozen=True, kw_only=True)
class Contact:
    name: str = declared("text", max_len=200, doc="Tên đơn vị hoặc đường dây.")
    phone: str = declared("phone", required=False, doc="Số điện thoại, ví dụ 1900.9068 hoặc (024) 3628 5231.")
    email: str = declared("opt_text", max_len=200, doc="Thư điện tử.")
    address: str = declared("opt_text", max_len=300, doc="Địa chỉ.")
    url: str = declared("url", required=False, convert=lambda v: v or "", doc="Trang web.")
    hours: str = declared("opt_text", max_len=200, doc="Giờ làm việc.")
    note: str = declared("opt_text", max_len=500, doc="Ghi chú.")


@dataclass(frozen=True, kw_only=True)
class Link:
    name: str = declared("text")
    url: str = declared("url")


FACT_UNIT_WORDS = ("percent", "vnd", "vnd_per_month", "years", "months", "age", "times")


@dataclass(frozen=True, kw_only=True)
class UnitWords:
    """The words a locale reads after a figure on the loudspeaker (its own, where `number_words` is set)."""

    percent: str = declared("opt_text", max_len=40, doc="Sau tỷ lệ, ví dụ tiếng Anh: percent.")
    vnd: str = declared("opt_text", max_len=40, doc="Sau số tiền, ví dụ tiếng Anh: dong.")
    vnd_per_month: str = declared("opt_text", max_len=60, doc="Sau số tiền mỗi tháng, ví dụ tiếng Anh: dong a month.")
    years: str = declared("opt_text", max_len=40, doc="Sau số năm.")
    months: str = declared("opt_text", max_len=40, doc="Sau số tháng.")
    age: str = declared("opt_text", max_len=40, doc="Sau số tuổi.")
    times: str = declared("opt_text", max_len=40, doc="Sau số lần.")

    def items(self) -> tuple[tuple[str, str], ...]:
        return tuple((name, getattr(self, name)) for name in FACT_UNIT_WORDS)


@dataclass(frozen=True, kw_only=True)
class Locale:
    id: str = declared("id", doc="Mã ngôn ngữ trong đường dẫn: vi (gốc trang), en, khmer…")
    lang: str = declared("text", doc="Thẻ ngôn ngữ BCP 47 cho thuộc tính lang, ví dụ vi, en, km, blt.")
    name: str = declared("text", max_len=100, doc="Tên tiếng Việt của ngôn ngữ.")
    native_name: str = declared("text", max_len=100, doc="Tên ngôn ngữ do người nói ngôn ngữ đó viết.")
    script: Script = declared("choice", choices=tuple(s.value for s in Script), convert=Script,
                              doc="Chữ viết: Latn, Khmr hoặc Tavt.")
    fonts: tuple[str, ...] = declared("list", item="text", doc="Phông chữ cần cho chữ viết này.")
    fallback: str = declared("id", required=False, default="vi", doc="Ngôn ngữ giao diện khi chưa dịch.")
    build: bool = declared("bool", required=False, default=True, doc="false: chưa dựng ngôn ngữ này.")
    number_words: str = declared("opt_text", max_len=10,
                                 help="Mã ngôn ngữ của thư viện num2words (ví dụ en); để trống nếu ngôn ngữ này chưa có cách đọc "
                                      "số: bài phát thanh đọc số liệu bằng tiếng Việt và báo cáo bản dịch ghi chú điều đó.",
                                 doc="Cách đọc số trên loa: mã ngôn ngữ của thư viện num2words (cần kèm unit_words).")
    unit_words: Optional[UnitWords] = declared("map", item=UnitWords, required=False,
                                               doc="Chữ đọc sau số liệu (phần trăm, đồng, năm…) bằng ngôn ngữ này.")
    words_per_minute: float = declared("number", required=False, default=0,
                                       doc="Tốc độ đọc trên loa (từ mỗi phút) của ngôn ngữ này; để trống: ước tính theo tiếng Việt.")


@dataclass(frozen=True, kw_only=True)
class Synonym:
    typed: str = declared("text", doc="Cách người dùng gõ, ví dụ: bhxh.")
    means: str = declared("text", doc="Nghĩa là, ví dụ: bảo hiểm xã hội.")


PRINT_KINDS = ("banner", "pennant", "poster")


@dataclass(frozen=True, kw_only=True)
class PrintSize:
    """A large-format size (content/settings.yaml `large_format`): data, since places differ."""

    id: str = declared("id", doc="Mã khổ, dùng trong tên tệp, ví dụ bang-ron-5m.")
    kind: str = declared("choice", choices=PRINT_KINDS,
                         doc="banner: băng rôn (nằm ngang); pennant: phướn (dọc); poster: áp phích.")
    name: str = declared("text", max_len=100, doc="Tên khổ in trên trang Tài liệu in, ví dụ Băng rôn 0,8 × 5 m.")
    width_mm: float = declared("number", doc="Chiều rộng thành phẩm (mm), chưa tính lề xén.")
    height_mm: float = declared("number", doc="Chiều cao thành phẩm (mm), chưa tính lề xén.")
    margin_mm: float = declared("number", doc="Lề trắng trong mép thành phẩm (mm): chỗ may viền, đóng khuy; chữ không vào đây.")
    min_letter_mm: float = declared("number",
                                    doc="Chiều cao chữ in hoa nhỏ nhất đọc được ở khổ này (mm); khẩu hiệu dài hơn là lỗi.")
    where: Where = field(compare=False, default=None)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """content/settings.yaml. Its texts readers see are translated by id (translations.SETTING_TEXTS)."""

    org_name: str = declared("text", max_len=200, yaml="organisation.name", doc="Tên cơ quan.")
    org_short: str = declared("text", max_len=50, yaml="organisation.short_name", doc="Tên viết tắt.")
    logo: str = declared("path", yaml="organisation.logo", doc="Tệp biểu tượng trong dự án, ví dụ theme/assets/logo.svg.")
    site_title: str = declared("text", max_len=150, yaml="site.title", doc="Tên trang web.")
    site_description: str = declared("text", max_len=500, yaml="site.description", doc="Mô tả trang web.")
    base_url: str = declared("url", yaml="site.base_url", convert=lambda v: v.rstrip("/") + "/",
                             doc="Địa chỉ công bố, ví dụ https://tuyentruyen.example.vn/.")
    year: int = declared("int", yaml="campaign.year", doc="Năm chiến dịch.")
    theme: str = declared("text", max_len=300, yaml="campaign.theme", doc="Chủ đề truyền thông.")
    theme_source: str = declared("text", max_len=500, yaml="campaign.theme_source", doc="Văn bản gốc của chủ đề.")
    theme_year: int = declared("int", yaml="campaign.theme_year",
                               doc="Năm văn bản gốc đặt ra chủ đề (khác năm chiến dịch), ví dụ 2021.")
    hotline: Contact = declared("map", item=Contact, doc="Tổng đài hỗ trợ.")
    local_office: Contact = declared("map", item=Contact, doc="Nơi hỏi và đăng ký.")
    contacts: tuple[Contact, ...] = declared("list", item=Contact, required=False, doc="Các đầu mối liên hệ khác.")
    social: tuple[Link, ...] = declared("list", item=Link, required=False, doc="Trang mạng xã hội.")
    default_locale: str = declared("id", refs="locale", doc="Ngôn ngữ ở gốc trang web, thường là vi.")
    locales: tuple[Locale, ...] = declared("list", item=Locale, doc="Các ngôn ngữ của trang.")
    contribution_incomes: tuple[int, ...] = declared("list", item="int", yaml="contribution_table.incomes",
                                                     help="Các mức thu nhập minh họa, ví dụ: - 3000000")
    contribution_income_facts: tuple[str, ...] = declared("list", item="id", required=False,
                                                          yaml="contribution_table.income_facts", refs="fact",
                                                          doc="Số liệu có giá trị được thêm làm mức thu nhập.")
    sms_max_parts: int = declared("int", yaml="short_texts.max_parts",
                                  doc="Số tin (phần) tối đa của một tin nhắn SMS, thường là 1.")
    sms_call_to_action: str = declared("text", max_len=80, yaml="short_texts.sms_call_to_action",
                                       doc="Lời kêu gọi cuối tin SMS không dấu; {phone} là số tổng đài.")
    unicode_call_to_action: str = declared("text", max_len=80, yaml="short_texts.unicode_call_to_action",
                                           doc="Lời kêu gọi cuối tin SMS có dấu; {phone} là số tổng đài.")
    zalo_call_to_action: str = declared("text", max_len=120, yaml="short_texts.zalo_call_to_action",
                                        doc="Lời kêu gọi cuối đoạn Zalo (không có số điện thoại hay đường dẫn).")
    syllables_per_second: float = declared("number", yaml="broadcasts.syllables_per_second",
                                           doc="Tốc độ đọc trên loa (âm tiết mỗi giây), khoảng 3,5.")
    number_reading: str = declared("choice", choices=("bac", "nam"), required=False, default="bac",
                                   yaml="broadcasts.number_reading",
                                   doc="Cách đọc số: bac (một trăm linh năm, một nghìn, hai mươi tư) hoặc nam (một trăm lẻ năm, "
                                       "một ngàn, hai mươi bốn).")
    broadcast_min_minutes: float = declared("number", yaml="broadcasts.min_minutes", doc="Bài phát thanh ngắn nhất (phút).")
    broadcast_max_minutes: float = declared("number", yaml="broadcasts.max_minutes", doc="Bài phát thanh dài nhất (phút).")
    broadcasts_per_week: int = declared("int", yaml="broadcasts.per_week", doc="Số lượt phát mỗi tuần của một xã.")
    voluntary_per_week: int = declared("int", yaml="broadcasts.voluntary_per_week",
                                       doc="Số lượt về BHXH tự nguyện mỗi tuần trong đợt tập trung BHXH tự nguyện.")
    large_format: tuple[PrintSize, ...] = declared("list", item=PrintSize, required=False,
                                                   doc="Các khổ băng rôn, phướn, áp phích cần in.")
    display_words: tuple[str, ...] = declared(
        "list", item="text", required=False,
        help="Ví dụ: - một_lần (dấu _ nối các tiếng của một từ; dấu cách: chỗ được xuống dòng)",
        doc="Chữ lớn (băng rôn, phướn, áp phích, ảnh chia sẻ, tên tờ rơi) chỉ xuống dòng giữa hai từ; "
            "ghi ở đây cách tách từ đúng khi công cụ tách sai: “một_lần” không bao giờ bị tách, "
            "“bảo_hiểm xã_hội” được xuống dòng giữa “hiểm” và “xã”.")
    synonyms: tuple[tuple[str, str], ...] = declared("list", item=Synonym, required=False, yaml="search_synonyms",
                                                     convert=lambda items: tuple((s.typed, s.means) for s in items),
                                                     doc="Tìm kiếm: cách gõ -> nghĩa là.")
