"""Errors for editors (Vietnamese BuildErrors naming the leaflet's file and what to do)."""
from __future__ import annotations

import math
from types import MappingProxyType

from ...errors import BuildError, Problem
from ...model.types import Leaflet
from ...pdf.boxes import Overflow
from ...pdf.copyfit import FULL, Copyfit
from ...pdf.glyphs import describe_chars
from .formats import Edition

PANEL_NAMES = MappingProxyType({  # data-frame names in theme/pdf -> how editors call the panel
    "pages": "nội dung",
    "cover": "mặt bìa (mặt ngoài, bên phải)",
    "back": "mặt sau (mặt ngoài, ở giữa)",
    "flap": "mặt gấp vào (mặt ngoài, bên trái)",
    "inside": "ba mặt trong",
    "front": "mặt trước",
})


def kind_word(leaflet: Leaflet) -> str:
    """"Tờ gấp" or "Tờ rơi", for messages."""
    return "Tờ gấp" if leaflet.kind == "to-gap" else "Tờ rơi"


def source_file(leaflet: Leaflet) -> str:
    """The file the editor fixes: where the leaflet was read from."""
    where = getattr(leaflet, "where", None)
    return where.file if where is not None and where.file else f"leaflets/{leaflet.id}.yaml"


class TranslationOverflow(BuildError):
    """A translation too long for its leaflet: an error in a release; in a preview that locale's
    files of the leaflet are left out (`problem` is the warning) and the other locales are built."""

    def __init__(self, message: str, problem: Problem):
        super().__init__(message)
        self.problem = problem


def overflow_error(leaflet: Leaflet, edition: Edition, overflow: Overflow, translation: str = "") -> BuildError:
    """The text does not fit: which panel, by how many lines and millimetres, and what to do.
    `translation` is the translation's file when a translated leaflet overflows."""
    lines = f"khoảng {overflow.lines} dòng, " if overflow.lines else ""
    if overflow.where == "pages":
        where = f"nội dung dài hơn {edition.pages} trang của khổ in, thừa {lines}khoảng {math.ceil(overflow.mm)} mm"
    else:
        where = (f"{PANEL_NAMES.get(overflow.where, overflow.where)} bị tràn: "
                 f"thừa {lines}khoảng {math.ceil(overflow.mm)} mm")
    message = (f"{kind_word(leaflet)} “{leaflet.id}”{' (bản dịch)' if translation else ''} "
               f"không vừa khổ {edition.format_name} (bản {edition.id}): {where}.")
    hint = ("rút gọn câu trả lời, bớt ý hoặc bớt một câu hỏi rồi chạy lại; chữ không được thu nhỏ dưới 10 pt để người "
            "lớn tuổi đọc được.")
    if translation:
        hint += (" Bản xem trước vẫn dựng mọi ngôn ngữ khác; tờ rơi bằng ngôn ngữ này chưa có tệp PDF (trang web dẫn tới "
                 "bản tiếng Việt). Bản công bố (--release) dừng ở lỗi này.")
        return TranslationOverflow(f"{translation}: {message}\n    → Cách sửa: {hint}", Problem(translation, 0, 0, message, hint))
    return BuildError(f"{source_file(leaflet)}: {message}\n    → Cách sửa: {hint}")


LEAFLET_TEXTS = ("title", "subtitle", "summary", "call_to_action")
SECTION_TEXTS = ("question", "answer", "bullets")


def _texts(leaflet: Leaflet):
    """(field path, its Where or None, the field's name there, text) of every text of a leaflet."""
    for name in LEAFLET_TEXTS:
        yield name, leaflet.where, name, getattr(leaflet, name, "") or ""
    for i, section in enumerate(leaflet.sections, start=1):
        for name in SECTION_TEXTS:
            value = getattr(section, name) or ""
            for text in value if isinstance(value, tuple) else (value,):
                yield f"sections[{i}].{name}", section.where, name, text


def char_place(leaflet: Leaflet, chars: list[str], view=None) -> str:
    """Where an editor finds the first of `chars`: “file:line:column (field)” and a few words around
    it. The line and column are those of the field's value (the model keeps no finer position); a
    translation names its own file."""
    translated = view is not None and not view.is_default
    translation = None
    if translated:
        translation = next((t for t in getattr(view.content, "translations", ()) if t.kind == "leaflet"
                            and t.id == leaflet.id and t.locale == view.locale.id), None)
    for path, where, name, text in _texts(leaflet):
        at = next((i for i, c in enumerate(text) if c in chars), None)
        if at is None:
            continue
        if translated:
            file = f"leaflets/{leaflet.id}.{view.locale.id}.yaml"
            tw = translation.where if translation is not None else None
            line, col = tw.at(path.split(".")[0].split("[")[0])[1:] if tw is not None else (0, 0)
        else:
            file = source_file(leaflet)
            line, col = (where or leaflet.where).at(name)[1:] if (where or leaflet.where) else (0, 0)
        around = text[max(0, at - 25): at + 25].replace("\n", " ")
        return f"{file}:{line}:{col} (trường {path}, gần “{around}”)" if line else f"{file} (trường {path}, gần “{around}”)"
    return source_file(leaflet)


def coverage_error(leaflet: Leaflet, families: tuple[str, ...], missing: dict[str, list[str]], view=None) -> BuildError:
    """Characters the locale's fonts do not have (from glyphs.check_coverage), with the file, line
    and column where the first of them is written."""
    chars = missing["regular"] or missing["bold"]
    style = "" if missing["regular"] else " (chữ đậm)"
    return BuildError(
        f"{char_place(leaflet, chars, view)}: {kind_word(leaflet)} “{leaflet.id}” có ký tự mà phông {', '.join(families)}{style} "
        f"không có: {describe_chars(chars)}. Cách sửa: gõ lại đoạn văn bản có ký tự này (thường do dán từ Word với phông "
        "cũ TCVN3/VNI), hoặc khai báo phông phù hợp cho ngôn ngữ trong content/settings.yaml (locales → fonts).")


def notdef_error(leaflet: Leaflet, chars: list[str], view=None) -> BuildError:
    """WeasyPrint drew .notdef boxes for these characters."""
    return BuildError(
        f"{char_place(leaflet, chars, view)}: {kind_word(leaflet)} “{leaflet.id}” có ký tự không phông chữ nào in được: "
        f"{describe_chars(chars)}. Cách sửa: gõ lại đoạn văn bản có ký tự này (thường do dán từ Word với phông cũ "
        "TCVN3/VNI), hoặc thêm phông phù hợp cho ngôn ngữ trong content/settings.yaml.")


def foreign_fonts_error(leaflet: Leaflet, fonts: list[str]) -> BuildError:
    """Text was set in fonts of the machine, not of theme/fonts."""
    return BuildError(
        f"{source_file(leaflet)}: {kind_word(leaflet)} “{leaflet.id}” có chữ phải mượn phông của máy ({', '.join(fonts)}) "
        "vì phông trong theme/fonts/ không có ký tự đó. Cách sửa: gõ lại đoạn văn bản có ký tự lạ, hoặc thêm phông phù hợp.")


def too_large_error(leaflet: Leaflet, edition: Edition, size: int) -> BuildError:
    """A file too heavy to offer for download."""
    return BuildError(f"Bản {edition.id} của “{leaflet.id}” nặng {size // 1024} KB, vượt giới hạn 1 MB cho tệp tải về. "
                      "Cách sửa: kiểm tra ảnh trong theme/ (dùng SVG hoặc ảnh nhỏ hơn).")


def unknown_format_error(leaflet: Leaflet, fmt: str) -> BuildError:
    """A format without editions (the loader refuses it first)."""
    return BuildError(f"{source_file(leaflet)}: khổ in “{fmt}” của “{leaflet.id}” không được hỗ trợ. "
                      "Dùng a5 hoặc trifold.")


def copyfit_warnings(leaflet: Leaflet, view, edition: Edition, fill: Copyfit | None) -> tuple[Problem, ...]:
    """A warning for each panel fuller than FULL while the body text is already at its smallest size:
    the next sentence an editor adds makes the build fail (the leaflet's file and line, the locale, the
    edition, the percentage)."""
    if fill is None or fill.body_pt > fill.smallest_pt:
        return ()
    where = getattr(leaflet, "where", None)
    line = where.line if where is not None else 0
    file = source_file(leaflet) if view.is_default else f"leaflets/{leaflet.id}.{view.locale.id}.yaml"
    return tuple(
        Problem(file, line if view.is_default else 0, 1 if view.is_default else 0,
                f"{kind_word(leaflet)} “{leaflet.id}” ({view.locale.id}, bản {edition.id}): {PANEL_NAMES.get(name, name)} đã đầy "
                f"{share * 100:.0f} % ở cỡ chữ nhỏ nhất {fill.body_pt:g} pt: thêm một câu là không còn chỗ.",
                "Giữ ít nhất 10 % chỗ trống: rút gọn câu trả lời hoặc bớt ý (không sửa văn bản trích nguyên văn); "
                "bản dịch: dịch ngắn hơn.")
        for name, share in fill.panels if share > FULL)
