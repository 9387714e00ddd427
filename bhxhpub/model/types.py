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
from typing import Optional, Union

from .fields import STATUSES, Editorial, Status, Where, declared
from .local import Edition
from .settings import Settings

__all__ = ["STATUSES", "Editorial", "Status", "Where"]

FactValue = Union[int, float, str, tuple]
LEAFLET_FORMATS = ("a5", "trifold")  # Leaflet.formats values; the PDF output has editions for each
FACT_UNITS = ("percent", "vnd", "vnd_per_month", "years", "months", "age", "times", "text", "list")




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
    """Short texts of an item for SMS and Zalo (rules/sms.py counts them as carriers do)."""

    sms: str = declared("opt_text", max_len=600, translatable=True,
                        doc="Tin nhắn SMS KHÔNG DẤU, do người biên tập tự viết (chỉ ký tự GSM-7; không tự bỏ dấu).")
    sms_unicode: str = declared("opt_text", max_len=600, translatable=True, doc="Tin nhắn SMS có dấu (mỗi tin 70 ký tự).")
    zalo: str = declared("opt_text", max_len=400, translatable=True, doc="Đoạn tin Zalo: tối đa 400 ký tự, không chứa đường dẫn hay số điện thoại.")
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
class OutdatedTerm:
    """A word that no longer fits today's organisation (content/outdated-terms.yaml)."""

    term: str = declared("text", max_len=100, doc="Từ không còn đúng, ví dụ: BHXH huyện.")
    use: str = declared("text", max_len=200, doc="Từ nên dùng thay.")
    source: str = declared("text", max_len=300, doc="Vì sao (văn bản, mốc thời gian).")
    where: Where = field(compare=False, default=None)


@dataclass(frozen=True, kw_only=True)
class Rendering:
    """How one locale writes a glossary term (content/glossary.yaml)."""

    locale: str = declared("id", refs="locale", doc="Mã ngôn ngữ.")
    text: str = declared("opt_text", max_len=200, doc="Cách dịch đã thống nhất (để trống: chưa có, người dịch đề xuất).")
    status: str = declared("choice", choices=STATUSES, required=False, default="draft",
                           doc="draft: chưa xác nhận; approved: đã được người nói ngôn ngữ đó và cơ quan xác nhận.")
    where: Where = field(compare=False, default=None)


@dataclass(frozen=True, kw_only=True)
class GlossaryTerm:
    """A fixed term translators render the same way everywhere (content/glossary.yaml)."""

    id: str = declared("id", doc="Mã thuật ngữ.")
    term: str = declared("text", max_len=100, doc="Thuật ngữ tiếng Việt, đúng như viết trong văn bản, ví dụ: BHXH tự nguyện.")
    means: str = declared("text", max_len=300, doc="Nghĩa, viết đầy đủ, cho người dịch.")
    note: str = declared("opt_text", max_len=500, doc="Ghi chú cho người dịch.")
    renderings: tuple[Rendering, ...] = declared("list", item=Rendering, required=False,
                                                 doc="Cách dịch theo từng ngôn ngữ.")
    where: Where = field(compare=False, default=None)


@dataclass(frozen=True, kw_only=True)
class Broadcast:
    """A loudspeaker script (broadcasts/<id>.yaml): read aloud in communes, 3–5 minutes."""

    id: str = declared("id", doc="Mã bài = tên tệp.")
    title: str = declared("text", max_len=150, translatable=True, doc="Tên bài phát thanh.")
    audiences: tuple[str, ...] = declared("list", item="id", refs="audience", doc="Mã các nhóm đối tượng.")
    periods: tuple[str, ...] = declared("list", item="id", refs="period", doc="Các đợt truyền thông bài này thuộc về.")
    voluntary: bool = declared("bool", required=False, default=False, doc="true: bài về BHXH tự nguyện.")
    paragraphs: tuple[str, ...] = declared("list", item="text", figures=True, max_len=1500, translatable=True,
                                           doc="Các đoạn, đọc lần lượt; giữa hai đoạn người đọc nghỉ. Số liệu viết [[mã]].")
    editorial: Editorial = declared("editorial")
    where: Where = field(compare=False)












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
    glossary: tuple = ()  # GlossaryTerm items: fixed terms and their approved renderings (content/glossary.yaml)

    def audience(self, aid: str) -> Audience:
        return next(a for a in self.audiences if a.id == aid)

    def leaflet(self, lid: str) -> Leaflet:
        return next(l for l in self.leaflets if l.id == lid)

    @property
    def main_message(self) -> Message:
        return next(m for m in self.messages if m.main)
