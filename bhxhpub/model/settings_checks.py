"""Checks of content/settings.yaml that need its lines: language tags, fonts, the default locale,
the base URL, and the logo file (inside the project, an image without scripts)."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problems
from .files import read_limited, refusal
from .reader import duplicates
from .slug import SITE_ROOT_NAMES
from .types import Where

_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_DISPLAY_WORD = re.compile(r"^[^\s_]+(?:[ _][^\s_]+)+$")  # at least two syllables
_FONT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{0,60}$")
_SVG_ACTIVE = re.compile(r"<script|<foreignObject|<!ENTITY|<!DOCTYPE|\son[a-z]+\s*=|(?:xlink:)?href\s*=\s*[\"'](?!#|data:image/)",
                         re.I)


LOGO_LIMIT = 5_000_000  # bytes: a logo is a small image


def check_logo(root: Path, logo: str, rel: str, at: tuple, p: Problems) -> None:
    """organisation.logo: an existing image inside the project (also after symlinks), without scripts
    or references to other files (the site serves it as is, WeasyPrint would fetch them)."""
    path = (root / logo).resolve()
    if not path.is_relative_to(root.resolve()):
        p.add(rel, *at, f"Biểu tượng “{logo}” trỏ ra ngoài thư mục dự án.", "Đặt tệp biểu tượng trong theme/assets/.")
    elif not path.is_file():
        p.add(rel, *at, f"Không tìm thấy tệp biểu tượng “{logo}”.", "Kiểm tra tên tệp, ví dụ: theme/assets/logo.svg.")
    elif path.suffix.lower() not in (".svg", ".png", ".jpg", ".jpeg"):
        p.add(rel, *at, f"Biểu tượng “{logo}” phải là ảnh .svg, .png hoặc .jpg.", "Chọn tệp ảnh biểu tượng.")
    elif why := refusal(path.stat(), LOGO_LIMIT):
        p.add(rel, *at, f"Không dùng được tệp biểu tượng “{logo}”: {why}.", "Dùng một tệp ảnh nhỏ (SVG hoặc PNG).")
    elif path.suffix.lower() == ".svg" and _SVG_ACTIVE.search(read_limited(path, LOGO_LIMIT).decode("utf-8", errors="replace")):
        p.add(rel, *at, f"Tệp biểu tượng “{logo}” có mã lệnh, khai báo DOCTYPE/ENTITY hoặc liên kết tới tệp khác.",
              "Xuất lại biểu tượng thành SVG đơn giản (chỉ hình vẽ), hoặc dùng ảnh PNG.")


def check_settings(settings, values: dict, rel: str, p: Problems) -> None:
    """Locales (language tags, fonts, the default one), the base URL."""
    locales = settings.locales
    ids = [l.id for l in locales]
    for loc, raw in zip(locales, values["locales"]):
        # lang ends up in file names and in the theme's templates: a language tag and nothing else
        if not _LANG_RE.match(loc.lang):
            p.add(rel, *raw["__lines__"]["lang"], f"Mã ngôn ngữ “{loc.lang[:40]}” không hợp lệ.",
                  "Dùng mã ngôn ngữ chuẩn (BCP 47), ví dụ: vi, en, km, hnj, blt.")
        for font in loc.fonts:  # written into stylesheets
            if not _FONT_RE.match(font):
                p.add(rel, *raw["__lines__"]["fonts"], f"Tên phông “{font[:40]}” không hợp lệ.",
                      "Tên phông chỉ gồm chữ cái không dấu, chữ số, dấu cách và gạch nối, ví dụ: Noto Sans Khmer.")
        _check_number_words(loc, raw, rel, p)
    line, col = values["__lines__"]["default_locale"]
    if settings.default_locale not in ids:
        p.add(rel, line, col, f"Ngôn ngữ mặc định “{settings.default_locale}” không có trong danh sách locales.",
              "Dùng một mã có trong locales, thường là vi.")
    elif not next(l for l in locales if l.id == settings.default_locale).build:
        p.add(rel, line, col, f"Ngôn ngữ mặc định “{settings.default_locale}” đang đặt build: false.",
              "Ngôn ngữ mặc định luôn được dựng ở gốc trang web: xóa dòng build: false của ngôn ngữ này.")
    for loc, raw in zip(locales, values["locales"]):
        if loc.id in SITE_ROOT_NAMES:
            p.add(rel, *raw["__lines__"]["id"], f"Mã ngôn ngữ “{loc.id}” trùng tên một thư mục hay trang của trang web "
                  f"({loc.id}/): các tệp của ngôn ngữ này sẽ ghi đè lên đó.",
                  "Chọn mã khác cho ngôn ngữ, ví dụ tên ngôn ngữ không dấu: tay, hmong, khmer.")
    duplicates(p, [(l.id, Where(rel, *values["__lines__"]["locales"])) for l in locales], "ngôn ngữ")
    for rule in settings.display_words:  # render/words.py reads them: syllables joined by "_" or a space
        if not _DISPLAY_WORD.match(rule.strip()):
            p.add(rel, *values["__lines__"]["display_words"], f"Cách tách từ “{rule[:60]}” trong display_words không hợp lệ.",
                  "Viết các tiếng của cụm từ, nối bằng “_” (không được xuống dòng) hoặc dấu cách (được xuống dòng), "
                  "ví dụ: một_lần hoặc bảo_hiểm xã_hội.")
    base = values["site"]["base_url"]
    if not base.startswith(("https://", "http://")):
        p.add(rel, *values["site"]["__lines__"]["base_url"], "Địa chỉ trang web (base_url) phải bắt đầu bằng https://.", "")
    elif "?" in base or "#" in base:
        p.add(rel, *values["site"]["__lines__"]["base_url"], "Địa chỉ trang web (base_url) không được có phần “?…” hay “#…”: "
              "mọi đường dẫn và mã QR được ghép sau địa chỉ này.", f"Viết là: {base.split('?')[0].split('#')[0]}")


def _check_number_words(loc, raw: dict, rel: str, p: Problems) -> None:
    """A locale's number words: a language num2words has, with the words read after each unit."""
    if not loc.number_words:
        return
    from num2words import CONVERTER_CLASSES
    where = raw["__lines__"]["number_words"]
    if loc.number_words not in CONVERTER_CLASSES:
        p.add(rel, *where, f"Thư viện num2words không có ngôn ngữ “{loc.number_words}” để đọc số của {loc.name}.",
              "Để trống number_words (bài phát thanh đọc số bằng tiếng Việt), hoặc dùng mã num2words của ngôn ngữ này.")
    elif loc.unit_words is None or not all(w.strip() for _, w in loc.unit_words.items()):
        p.add(rel, *where, f"Ngôn ngữ {loc.name} có number_words nhưng thiếu unit_words (chữ đọc sau số liệu).",
              "Thêm unit_words với đủ percent, vnd, vnd_per_month, years, months, age, times.")
