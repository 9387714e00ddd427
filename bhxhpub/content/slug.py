"""ASCII slugs and accent folding for Vietnamese text (used by URLs and search)."""
from __future__ import annotations

import re
import unicodedata

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def fold(text: str) -> str:
    """Lower-case, strip tone and vowel marks, and map đ to d: "Đóng" -> "dong"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str, max_len: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:max_len].rstrip("-")
