"""How large a slogan or a message can be set on a banner, pennant or poster, and the readability
rule checked before anything is written: capitals at least min_letter_mm high at every listed size."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import Problems
from ...locales.localize import DisplayState
from ...model.settings import PrintSize
from ...pdf.fontmetrics import bold_metrics
from ...pdf.resources import ThemeResources
from ...render.base import drawn_scale
from ...render.words import Display, WordStore, display_text, store_for
from .signfit import Fit, fit_text

MAX_LINES = {"banner": 3, "pennant": 8, "poster": 5}


@dataclass(frozen=True)
class Sheet:
    """One size as drawn: millimetres on the PDF page (physical size / scale)."""

    size: PrintSize
    scale: int

    @classmethod
    def of(cls, size: PrintSize) -> Sheet:
        return cls(size, drawn_scale(size.width_mm, size.height_mm))

    def mm(self, physical: float) -> float:
        return physical / self.scale

    @property
    def width(self) -> float:
        return self.mm(self.size.width_mm)

    @property
    def height(self) -> float:
        return self.mm(self.size.height_mm)

    @property
    def margin(self) -> float:
        return self.mm(self.size.margin_mm)


FIX_TOO_SMALL = "rút gọn câu (nếu văn bản gốc cho phép), hoặc bỏ khổ này khỏi large_format, hoặc chọn khổ lớn hơn."


POSTER_BAND = 0.12  # the poster's blue masthead, as a share of its height


class TooSmall(ValueError):
    """A text that cannot be set with capitals of the size's min_letter_mm."""


def fit_readable(text: str | Display, metrics, box: tuple, lines: int, sheet: Sheet) -> Fit:
    """fit_text in a box (design mm), or TooSmall naming the size and the capital height reached.
    A pennant may stack one syllable per line."""
    fit = fit_text(text, metrics, box[2], box[3], lines, stack=sheet.size.kind == "pennant")
    if fit.cap_mm * sheet.scale < sheet.size.min_letter_mm - 0.05:
        raise TooSmall(f"quá dài cho {sheet.size.name}: chữ in hoa chỉ cao {fit.cap_mm * sheet.scale:.0f} mm, cần ít nhất "
                       f"{sheet.size.min_letter_mm:g} mm (min_letter_mm của khổ “{sheet.size.id}” trong content/settings.yaml).")
    return fit


def sign_text(view, text: str, words: WordStore) -> Display:
    """A slogan or a message as display type in a view's language (words bound, editor's splits applied)."""
    return display_text(text, view.locale.lang, view.locale.script, words, view.content.settings.display_words)


def item_fit(resources: ThemeResources, view, kind: str, text: str, size: PrintSize, words: WordStore) -> Fit:
    """The setting of a slogan (banner, pennant) or a message (poster) at a size; TooSmall if unreadable."""
    sheet = Sheet.of(size)
    box = sign_layout(sheet)["box"] if kind in ("banner", "pennant") else poster_message_box(sheet)
    return fit_readable(sign_text(view, text, words), bold_metrics(resources, view.locale), box, MAX_LINES[size.kind], sheet)


def check_large_format(root: Path, views, cache_dir: Path | None = None,
                       cache_read_only: bool = False) -> tuple[Problems, Problems]:
    """(errors, warnings) before anything is written: every slogan and message of the default locale
    must be readable at every size (an error with its file and line); a translation that is not
    is left out of that locale's files (a warning naming the translation file)."""
    errors, warnings = Problems(), Problems()
    resources = ThemeResources(root)
    words = store_for(cache_dir, cache_read_only)
    for view in views:
        content = view.content
        for size in content.settings.large_format:
            items = content.slogans if size.kind in ("banner", "pennant") else content.messages
            kind = "slogan" if size.kind in ("banner", "pennant") else "message"
            for item in items:
                if not view.is_default and view.states.get((kind, item.id)) == DisplayState.FALLBACK:
                    continue
                try:
                    item_fit(resources, view, size.kind, item.text, size, words)
                except TooSmall as small:
                    name = "Khẩu hiệu" if kind == "slogan" else "Thông điệp"
                    file, line, column = item.where.at("text")
                    if view.is_default:
                        errors.add(file, line, column, f"{name} “{item.id}” {small}", FIX_TOO_SMALL)
                    else:
                        translation = re.sub(r"\.yaml$", f".{view.locale.id}.yaml", file)
                        warnings.add(translation, 0, 0, f"Bản dịch {view.locale.id} của {name.lower()} “{item.id}” {small} "
                                     "Tệp này không được làm cho ngôn ngữ đó.", "Dịch ngắn hơn, hoặc chấp nhận chỉ có bản tiếng Việt.")
    return errors, warnings


def sign_layout(sheet: Sheet) -> dict:
    """Where the parts of a banner or a pennant go (design mm): the mark (x, y, diameter), the
    small lines and the slogan's box (x, y, width, height)."""
    W, H, M = sheet.width, sheet.height, sheet.margin
    if sheet.size.kind == "banner":
        inner = H - 2 * M
        logo_d = 0.62 * inner
        logo = (M + 0.04 * inner, (H - logo_d) / 2, logo_d)
        x0 = logo[0] + logo_d + 0.12 * inner
        return {"logo": logo, "small": 0.075 * inner, "top_line": (x0, M, W - M - x0, 0.075 * inner),
                "bottom_line": None, "box": (x0, M + 0.16 * inner, W - M - x0, inner * 0.84)}
    inner = W - 2 * M
    logo_d = 0.5 * inner
    top_line = (M, M + logo_d + 0.06 * inner, inner, 0.24 * inner)
    bottom_line = (M, H - M - 0.3 * inner, inner, 0.3 * inner)
    y0 = top_line[1] + top_line[3] + 0.08 * inner
    return {"logo": ((W - logo_d) / 2, M, logo_d), "small": 0.06 * inner, "top_line": top_line,
            "bottom_line": bottom_line, "box": (M, y0, inner, bottom_line[1] - 0.08 * inner - y0)}


def poster_message_box(sheet: Sheet) -> tuple:
    """The room for a poster's message (design mm), below the masthead band."""
    W, H, M = sheet.width, sheet.height, sheet.margin
    return (M, POSTER_BAND * H + 0.05 * H, W - 2 * M, 0.26 * H)


def file_name(item: str, size: PrintSize) -> str:
    return f"{item}-{size.id}.pdf"
