"""The validated content model. Renderers read only these objects, never YAML.

Each content type is declared once, here: a frozen, keyword-only dataclass whose fields say their
YAML type, whether they are translatable and, where a generic hint would not do, what to write
(see fields.py). The loader validates the YAML against `spec_of(Type)` and builds the objects with
`construct(Type, values, where)`; translations and the JSON Schema come from the same fields.
Texts may contain fact tokens like [[ty-le-dong-tu-nguyen]]: see facts.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Optional, Union

from .fields import STATUSES, Editorial, Status, Where, declared

__all__ = ["STATUSES", "Editorial", "Status", "Where"]

FactValue = Union[int, float, str, tuple]
LEAFLET_FORMATS = ("a5", "trifold")  # Leaflet.formats values; the PDF output has editions for each
FACT_UNITS = ("percent", "vnd", "vnd_per_month", "years", "months", "age", "times", "text", "list")


class Script(StrEnum):
    """Writing systems a locale can use (ISO 15924)."""

    LATIN = "Latn"
    KHMER = "Khmr"
    TAI_VIET = "Tavt"


@dataclass(frozen=True, kw_only=True)
class FactPeriod:
    """One value of a fact over a span of time, with the legal text that sets it."""

    value: FactValue = declared("any", max_len=500, doc="Giá trị trong khoảng thời gian này.")
    source: str = declared("text", max_len=500, help="Ghi rõ văn bản pháp luật đặt ra giá trị này: số hiệu, điều, khoản.")
    valid_from: Optional[date] = declared("date", required=False, doc="Áp dụng từ ngày.")
    valid_until: Optional[date] = declared("date", required=False, doc="Áp dụng đến hết ngày.")
    note: str = declared("opt_text", max_len=1000, doc="Ghi chú về giá trị này.")
    where: Where = field(compare=False, default=None)


@dataclass(frozen=True, kw_only=True)
class ShortTexts:
    """Short texts of an item for SMS and Zalo (content/sms.py counts them as carriers do)."""

    sms: str = declared("opt_text", max_len=600,
                        doc="Tin nhắn SMS KHÔNG DẤU, do người biên tập tự viết (chỉ ký tự GSM-7; không tự bỏ dấu).")
    sms_unicode: str = declared("opt_text", max_len=600, doc="Tin nhắn SMS có dấu (mỗi tin 70 ký tự).")
    zalo: str = declared("opt_text", max_len=400, doc="Đoạn tin Zalo: tối đa 400 ký tự, không chứa đường dẫn hay số điện thoại.")
    where: Where = field(compare=False, default=None)


@dataclass(frozen=True, kw_only=True)
class Fact:
    """A legal figure. Written one of three ways: `value` (one value, with `source` and dates),
    `values` (a timeline: each value with its source and dates) or `computed` (from other facts,
    e.g. "chuan-ngheo-nong-thon × ty-le-dong-bhxh-tu-nguyen"). The build resolves each fact at its
    effective date (content/timeline.py): `value`, `source`, `valid_from` and `valid_until` are then
    those of the value in force, and `upcoming` the next one when it starts within the horizon."""

    id: str = declared("id", doc="Mã số liệu, dùng trong văn bản dạng [[mã]].")
    label: str = declared("text", max_len=250, translatable=True, doc="Tên số liệu, hiện trong bảng nguồn.")
    value: FactValue = declared("any", required=False, max_len=500,
                                doc="Giá trị: số (không dấu ngăn cách), văn bản hoặc danh sách.")
    unit: str = declared("choice", choices=FACT_UNITS, doc="Đơn vị: percent, vnd, vnd_per_month, years, months, age, times, text, list.")
    source: str = declared("opt_text", max_len=500, help="Ghi rõ văn bản pháp luật: số hiệu, điều, khoản.")
    valid_from: Optional[date] = declared("date", required=False, doc="Áp dụng từ ngày.")
    valid_until: Optional[date] = declared("date", required=False, doc="Áp dụng đến hết ngày.")
    values: tuple[FactPeriod, ...] = declared("list", item=FactPeriod, required=False,
                                              doc="Các giá trị theo thời gian, mỗi giá trị có văn bản nguồn và ngày áp dụng.")
    computed: str = declared("opt_text", max_len=300,
                             doc="Tính từ số liệu khác, ví dụ: chuan-ngheo-nong-thon × ty-le-dong-bhxh-tu-nguyen.")
    note: str = declared("opt_text", max_len=1000, translatable=True, doc="Ghi chú.")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)
    upcoming: Optional[FactPeriod] = field(default=None, compare=False)  # set by the timeline resolution

    def periods(self) -> tuple[FactPeriod, ...]:
        """The timeline as written: `values`, or the one value of the short form."""
        if self.values:
            return self.values
        return (FactPeriod(value=self.value, source=self.source, valid_from=self.valid_from,
                           valid_until=self.valid_until, where=self.where),)


@dataclass(frozen=True, kw_only=True)
class Message:
    id: str = declared("id", doc="Mã thông điệp.")
    text: str = declared("text", max_len=300, translatable=True, doc="Nguyên văn thông điệp, đúng như văn bản gốc.")
    explanation: str = declared("opt_text", max_len=2000, translatable=True, doc="Lời giải thích.")
    main: bool = declared("bool", required=False, default=False, doc="true cho thông điệp chính (đúng một).")
    source: str = declared("text", max_len=500, doc="Văn bản gốc của thông điệp.")
    short: Optional[ShortTexts] = declared("map", item=ShortTexts, required=False,
                                           doc="Tin nhắn ngắn cho SMS, Zalo (lời kêu gọi cuối tin lấy từ cài đặt).")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)


@dataclass(frozen=True, kw_only=True)
class Audience:
    id: str = declared("id", doc="Mã nhóm đối tượng.")
    code: str = declared("text", doc="Số hiệu trong kế hoạch, ví dụ 3.1 hoặc T4.2-2a.")
    name: str = declared("text", max_len=500, translatable=True, doc="Tên nhóm, nguyên văn theo văn bản gốc.")
    short_name: str = declared("opt_text", max_len=120, translatable=True, translation_required=False,
                               doc="Tên ngắn cho mục lục và danh sách (tên đầy đủ vẫn hiện trên trang của nhóm).")
    parent: Optional[str] = declared("id", required=False, refs="audience", doc="Mã nhóm cha.")
    who: str = declared("text", max_len=1500, translatable=True, translation_required=False, doc="Những ai thuộc nhóm này.")
    emphasise: tuple[str, ...] = declared("list", max_len=400, item="text", translatable=True, translation_required=False,
                                          doc="Những điều cần nhấn mạnh với nhóm.")
    source: str = declared("text", max_len=500, doc="Văn bản gốc.")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)

    @property
    def label(self) -> str:
        """What navigation and lists show: the short name where there is one."""
        return self.short_name or self.name


@dataclass(frozen=True, kw_only=True)
class Slogan:
    id: str = declared("id", doc="Mã khẩu hiệu.")
    text: str = declared("text", max_len=200, translatable=True, doc="Nguyên văn khẩu hiệu.")
    audiences: tuple[str, ...] = declared("list", item="id", refs="audience", doc="Mã các nhóm đối tượng.")
    source: str = declared("text", max_len=500, doc="Văn bản gốc.")
    short: Optional[ShortTexts] = declared("map", item=ShortTexts, required=False,
                                           doc="Tin nhắn ngắn cho SMS, Zalo (lời kêu gọi cuối tin lấy từ cài đặt).")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)


@dataclass(frozen=True, kw_only=True)
class Section:
    question: str = declared("text", figures=True, max_len=250, translatable=True, doc="Câu hỏi (tiêu đề mục).")
    answer: str = declared("opt_text", figures=True, max_len=1500, translatable=True, doc="Câu trả lời.")
    bullets: tuple[str, ...] = declared("list", figures=True, max_len=500, item="text",
                                       required=False, translatable=True, doc="Các ý, mỗi ý một dòng.")
    table: Optional[str] = declared("choice", in_translation=True, choices=("contribution",), required=False,
                                    doc="contribution: chèn bảng mức đóng tính từ số liệu.")
    where: Optional[Where] = field(default=None, compare=False)


@dataclass(frozen=True, kw_only=True)
class Leaflet:
    id: str = declared("id", doc="Mã tờ rơi = tên tệp = đường dẫn trên trang web (in trên mã QR: không đổi).")
    kind: str = declared("choice", choices=("to-roi", "to-gap"), doc="to-roi (tờ rơi) hoặc to-gap (tờ gấp).")
    title: str = declared("text", max_len=150, translatable=True, doc="Tiêu đề.")
    subtitle: str = declared("opt_text", figures=True, max_len=250, translatable=True, doc="Tiêu đề phụ.")
    summary: str = declared("text", figures=True, max_len=600, translatable=True, doc="Tóm tắt một câu.")
    audiences: tuple[str, ...] = declared("list", item="id", refs="audience", doc="Mã các nhóm đối tượng.")
    formats: tuple[str, ...] = declared("list", item="text", refs="format", help="Chọn a5 (tờ rơi A5) và/hoặc trifold (tờ gấp ba A4).")
    sections: tuple[Section, ...] = declared("list", item=Section, translatable=True, doc="Các mục hỏi – đáp.")
    call_to_action: str = declared("text", figures=True, max_len=400, translatable=True, doc="Lời kêu gọi cuối tờ rơi.")
    featured: bool = declared("bool", required=False, default=False, doc="true: hiện trên trang chủ.")
    short: Optional[ShortTexts] = declared("map", item=ShortTexts, required=False,
                                           doc="Tin nhắn ngắn cho SMS, Zalo (lời kêu gọi cuối tin lấy từ cài đặt).")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)

    @property
    def url_path(self) -> str:
        return f"{self.kind}/{self.id}/"

    def texts(self) -> list[str]:
        """Every text of the leaflet in reading order: title, subtitle, summary, each section's
        question, answer and bullets, the call to action. Release checks, PDFs, pages and
        translations all read a leaflet's texts through this one list."""
        out = [self.title, self.subtitle, self.summary]
        for s in self.sections:
            out += [s.question, s.answer, *s.bullets]
        out.append(self.call_to_action)
        return out


@dataclass(frozen=True, kw_only=True)
class QA:
    id: str = declared("id", doc="Mã câu hỏi (neo trên trang Hỏi đáp).")
    question: str = declared("text", figures=True, max_len=300, translatable=True, doc="Câu hỏi như người dân hỏi.")
    answer: str = declared("text", figures=True, max_len=2000, translatable=True, doc="Trả lời ngắn, 2–4 câu.")
    audiences: tuple[str, ...] = declared("list", item="id", required=False, refs="audience", doc="Mã các nhóm đối tượng.")
    leaflet: Optional[str] = declared("id", required=False, refs="leaflet", doc="Mã tờ rơi liên quan.")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)


def _month_day(month_key: str, day_key: str):
    return lambda values: (values[month_key], values[day_key])


@dataclass(frozen=True, kw_only=True)
class Period:
    id: str = declared("id", doc="Mã đợt cao điểm.")
    name: str = declared("text", max_len=200, translatable=True, doc="Tên đợt.")
    start_month: int = declared("int", doc="Tháng bắt đầu.")
    start_day: int = declared("int", doc="Ngày bắt đầu.")
    end_month: int = declared("int", doc="Tháng kết thúc.")
    end_day: int = declared("int", doc="Ngày kết thúc.")
    theme: str = declared("text", max_len=600, translatable=True, translation_required=False, doc="Chủ đề của đợt.")
    banners_from: str = declared("opt_text", max_len=5, doc="Ngày bắt đầu treo băng rôn, phướn, dạng ngày/tháng, ví dụ 15/5.")
    banners_until: str = declared("opt_text", max_len=5, doc="Ngày tháo băng rôn, phướn, dạng ngày/tháng, ví dụ 25/5.")
    voluntary_focus: bool = declared("bool", required=False, default=False,
                                     doc="true: đợt tập trung vào BHXH tự nguyện (lịch phát thanh cần ít nhất 2 bài về BHXH tự nguyện mỗi tuần).")
    source: str = declared("text", max_len=500, doc="Văn bản gốc.")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)

    @property
    def start(self) -> tuple[int, int]:
        """(month, day): recurs every year."""
        return (self.start_month, self.start_day)

    @property
    def end(self) -> tuple[int, int]:
        return (self.end_month, self.end_day)


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
    broadcast_min_minutes: float = declared("number", yaml="broadcasts.min_minutes", doc="Bài phát thanh ngắn nhất (phút).")
    broadcast_max_minutes: float = declared("number", yaml="broadcasts.max_minutes", doc="Bài phát thanh dài nhất (phút).")
    broadcasts_per_week: int = declared("int", yaml="broadcasts.per_week", doc="Số lượt phát mỗi tuần của một xã.")
    voluntary_per_week: int = declared("int", yaml="broadcasts.voluntary_per_week",
                                       doc="Số lượt về BHXH tự nguyện mỗi tuần trong đợt tập trung BHXH tự nguyện.")
    large_format: tuple[PrintSize, ...] = declared("list", item=PrintSize, required=False,
                                                   doc="Các khổ băng rôn, phướn, áp phích cần in.")
    synonyms: tuple[tuple[str, str], ...] = declared("list", item=Synonym, required=False, yaml="search_synonyms",
                                                     convert=lambda items: tuple((s.typed, s.means) for s in items),
                                                     doc="Tìm kiếm: cách gõ -> nghĩa là.")


@dataclass(frozen=True, kw_only=True)
class OutdatedTerm:
    """A word that no longer fits today's organisation (content/outdated-terms.yaml)."""

    term: str = declared("text", max_len=100, doc="Từ không còn đúng, ví dụ: BHXH huyện.")
    use: str = declared("text", max_len=200, doc="Từ nên dùng thay.")
    source: str = declared("text", max_len=300, doc="Vì sao (văn bản, mốc thời gian).")
    where: Where = field(compare=False, default=None)


@dataclass(frozen=True, kw_only=True)
class Broadcast:
    """A loudspeaker script (broadcasts/<id>.yaml): read aloud in communes, 3–5 minutes."""

    id: str = declared("id", doc="Mã bài = tên tệp.")
    title: str = declared("text", max_len=150, doc="Tên bài phát thanh.")
    audiences: tuple[str, ...] = declared("list", item="id", refs="audience", doc="Mã các nhóm đối tượng.")
    periods: tuple[str, ...] = declared("list", item="id", refs="period", doc="Các đợt truyền thông bài này thuộc về.")
    voluntary: bool = declared("bool", required=False, default=False, doc="true: bài về BHXH tự nguyện.")
    paragraphs: tuple[str, ...] = declared("list", item="text", figures=True, max_len=1500,
                                           doc="Các đoạn, đọc lần lượt; giữa hai đoạn người đọc nghỉ. Số liệu viết [[mã]].")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)


PENDING = "cần xác nhận"  # what an edition writes where a real address, phone or name is not confirmed yet


@dataclass(frozen=True, kw_only=True)
class Office:
    """An office of the social insurance that people can go to (a regional office and those below it)."""

    name: str = declared("text", max_len=200, doc="Tên cơ quan, ví dụ BHXH khu vực …, BHXH cơ sở …")
    address: str = declared("text", max_len=300, doc=f"Địa chỉ; chưa chắc chắn thì viết “{PENDING}”.")
    phone: str = declared("text", max_len=40, doc=f"Số điện thoại; chưa chắc chắn thì viết “{PENDING}”.")
    hours: str = declared("opt_text", max_len=200, doc="Giờ làm việc.")
    map_url: str = declared("url", required=False, convert=lambda v: v or "", doc="Đường dẫn bản đồ.")
    communes: tuple[str, ...] = declared("list", item="id", required=False, doc="Mã các xã, phường văn phòng này phục vụ.")


@dataclass(frozen=True, kw_only=True)
class Agent:
    """A collection agent (đại lý thu) of a commune."""

    name: str = declared("text", max_len=150, doc=f"Tên đại lý thu hoặc người thu; chưa chắc chắn thì viết “{PENDING}”.")
    phone: str = declared("text", max_len=40, doc=f"Số điện thoại; chưa chắc chắn thì viết “{PENDING}”.")
    place: str = declared("opt_text", max_len=200, doc="Nơi thu (thôn, bản, điểm thu).")


@dataclass(frozen=True, kw_only=True)
class Commune:
    id: str = declared("id", doc="Mã xã, phường (dùng trong --commune và tên tệp PDF).")
    name: str = declared("text", max_len=120, doc="Tên xã, phường sau sắp xếp năm 2025.")
    agents: tuple[Agent, ...] = declared("list", item=Agent, required=False, doc="Các đại lý thu của xã.")


@dataclass(frozen=True, kw_only=True)
class Edition:
    """A local edition (editions/<id>/edition.yaml): the national content with this office's own details."""

    id: str = declared("id", doc="Mã bản địa phương = tên thư mục trong editions/.")
    name: str = declared("text", max_len=200, doc="Tên bản, ví dụ: BHXH khu vực … (bản địa phương).")
    region: str = declared("text", max_len=300, doc="Địa bàn phục vụ (tỉnh, khu vực sau sắp xếp 2025).")
    base_url: str = declared("url", convert=lambda v: v.rstrip("/") + "/", doc="Địa chỉ công bố của bản này.")
    site_title: str = declared("opt_text", max_len=150, doc="Tên trang web của bản (mặc định: tên bản toàn quốc).")
    locales: tuple[str, ...] = declared("list", item="id", refs="locale",
                                        doc="Các ngôn ngữ bản này công bố (ngoài tiếng Việt).")
    offices: tuple[Office, ...] = declared("list", item=Office, doc="Cơ quan BHXH của địa bàn; cơ quan đầu tiên in trên tờ rơi.")
    communes: tuple[Commune, ...] = declared("list", item=Commune, required=False, doc="Các xã, phường và đại lý thu.")
    print_communes: tuple[str, ...] = declared("list", item="id", required=False,
                                               doc="Mã các xã luôn được in tờ rơi riêng (ngoài --commune).")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)

    def commune(self, cid: str) -> Commune:
        return next(c for c in self.communes if c.id == cid)


@dataclass(frozen=True, kw_only=True)
class Content:
    settings: Settings
    facts: dict[str, Fact]
    messages: tuple[Message, ...]
    audiences: tuple[Audience, ...]
    slogans: tuple[Slogan, ...]
    leaflets: tuple[Leaflet, ...]
    qa: tuple[QA, ...]
    periods: tuple[Period, ...]
    ui: dict = field(default_factory=dict)  # interface strings we own (Vietnamese source), key -> text
    translations: tuple = ()  # translations.Translation items of every locale
    edition: Optional[Edition] = None  # a local edition's overlay (None: the national edition)
    print_communes: tuple = ()  # communes whose own leaflets this build prints (Commune objects)
    outdated_terms: tuple = ()  # OutdatedTerm items: words a published text may not use
    broadcasts: tuple = ()  # Broadcast scripts (broadcasts/)

    def audience(self, aid: str) -> Audience:
        return next(a for a in self.audiences if a.id == aid)

    def leaflet(self, lid: str) -> Leaflet:
        return next(l for l in self.leaflets if l.id == lid)

    @property
    def main_message(self) -> Message:
        return next(m for m in self.messages if m.main)
