"""What every format reader returns, and the labels the formats share."""
from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date

STATE_LABELS = {"missing": "chưa dịch", "draft": "bản nháp", "outdated": "cần xem lại", "approved": "đã duyệt"}
FORMATS = ("xlsx", "po", "xliff")
SUFFIXES = {".xlsx": "xlsx", ".po": "po", ".xlf": "xliff", ".xliff": "xliff"}


@dataclass(frozen=True)
class Entry:
    """One row or unit read back from a file."""

    key: str  # kind/item/path
    source: str  # the Vietnamese in the file (as exported)
    target: str  # the translation ("" when left empty)
    hash: str  # the unit's source hash at export time
    needs_review: bool  # still marked outdated (XLSX state, PO fuzzy, XLIFF subState)
    where: tuple[str, int, int]  # file label, line or row, column: for the messages
    base: str = ""  # text_hash of the project's translation of this row at export time ("": an older file)


@dataclass(frozen=True)
class Incoming:
    """A whole file read back."""

    locale: str
    lang: str
    translator: str
    entries: tuple[Entry, ...]
    where: tuple[str, int, int]  # where the locale is written


def text_hash(text: str) -> str:
    """A short fingerprint of one translated text as `clean` gives it: what the project held when a file
    was exported (written beside each row), so that an import can tell a row the translator left as it
    was from one that would overwrite a translation made since."""
    return hashlib.sha256(clean(text).encode("utf-8")).hexdigest()[:12]


def clean(text: object) -> str:
    """A text as the YAML keeps it: NFC, one space between words (a spreadsheet line break is a space)."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", " ".join(str(text).split()))


def fixed_zip(data: bytes, when: date) -> bytes:
    """The same ZIP with every entry dated `when` in a fixed order: same input, same bytes."""
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            z = zipfile.ZipInfo(info.filename, date_time=stamp)
            z.compress_type = zipfile.ZIP_DEFLATED
            z.external_attr = 0o644 << 16
            dst.writestr(z, src.read(info.filename))
    return out.getvalue()
