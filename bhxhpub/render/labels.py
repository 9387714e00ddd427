"""The fixed words printed on PDFs and shown in download lists, in the locale's words.

Every word comes from the interface strings of the locale being rendered (content/ui.yaml and
its translations, `LocaleView.ui`); there is no copy in Python. Most keys are "pdf.<name>";
four words the site already has (and translators already translate) are shared with it.
A key missing from ui.yaml is a BuildError naming it.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from ..errors import BuildError


def _same(text: str) -> str:
    return text


# template name (theme/pdf/*.j2: labels.<name>) -> (interface string key, how it is printed)
PRINTED_WORDS: Mapping[str, tuple[str, Callable[[str], str]]] = MappingProxyType({
    "draft": ("draft.badge", lambda t: t.strip().upper()),  # the watermark: "DỰ THẢO"
    "draft_note": ("pdf.draft_note", _same),
    "hotline": ("pdf.hotline", _same),
    "office": ("pdf.office", _same),
    "qr": ("pdf.qr", _same),
    "qr_short": ("pdf.qr_short", _same),
    "sources": ("sources.title", lambda t: t.strip().rstrip(" :")),  # the template adds the colon
    "unconfirmed": ("pdf.unconfirmed", _same),
    "reviewed": ("pdf.reviewed", _same),
    "table_caption": ("pdf.table_caption", _same),
    "table_income": ("pdf.table_income", _same),
    "table_group": ("table.who", str.strip),
    "table_full": ("pdf.table_full", _same),
    "table_support": ("pdf.table_support", _same),
    "table_note": ("pdf.table_note", _same),
    "table_years": ("pdf.table_years", _same),
    "summary": ("pdf.summary", _same),
    "remember": ("pdf.remember", _same),
    "contact": ("title.contacts", str.strip),
    "inside_flap_hint": ("pdf.inside_flap_hint", _same),
    "poster_message": ("pdf.poster_message", _same),
    "poster_table": ("pdf.poster_table", _same),
    "poster_table_title": ("pdf.poster_table_title", _same),
    "poster_more": ("pdf.poster_more", _same),
    "scan": ("pdf.scan", _same),
    "logo_alt": ("pdf.logo_alt", _same),  # alternative text of the organisation's mark (tagged PDFs)
    "qr_alt": ("pdf.qr_alt", _same),  # alternative text of the QR code, followed by its address
})


def kind_key(kind: str) -> str:
    """The interface string naming a kind of leaflet ("to-roi", "to-gap") on the masthead."""
    return f"pdf.kind_{kind}"


def ui_text(ui: Mapping[str, str], key: str) -> str:
    """One interface string; BuildError if content/ui.yaml does not have it."""
    value = ui.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BuildError(f"Thiếu chuỗi giao diện “{key}” trong content/ui.yaml (dùng cho bản PDF). "
                         f"Cách sửa: thêm dòng “{key}: …” vào content/ui.yaml.")
    return value


def printed_labels(ui: Mapping[str, str]) -> dict[str, str]:
    """The words the templates print (`labels.<name>`), from the locale's interface strings."""
    return {name: fix(ui_text(ui, key)) for name, (key, fix) in PRINTED_WORDS.items()}


def kind_label(ui: Mapping[str, str], kind: str) -> str:
    """What the masthead calls a kind of leaflet: "Tờ rơi", "Tờ gấp"."""
    return ui_text(ui, kind_key(kind))
