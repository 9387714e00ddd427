"""ASCII slugs and accent folding for Vietnamese text (used by URLs and search)."""
from __future__ import annotations

import re
import unicodedata

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Ids become file and folder names: names Windows cannot create are refused for every id.
WINDOWS_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))})
# What the site keeps at its root (pages, folders, files of the site and of Material): a locale's
# folder may not take one of these names. tests/site checks the list against a real build.
SITE_ROOT_NAMES = frozenset({
    "index", "404", "assets", "pdf", "search", "sitemap", "robots", "tim-kiem", "to-roi", "to-gap", "doi-tuong",
    "bao-cao-dich", "thong-diep", "khau-hieu", "tai-lieu-in", "lich-truyen-thong", "hoi-dap", "so-lieu", "lien-he",
    "javascripts", "stylesheets", "images", "fonts", "phat-thanh", "tin-nhan", "dong-bhxh-o-dau",
})


def fold(text: str) -> str:
    """Lower-case, strip tone and vowel marks, and map đ to d: "Đóng" -> "dong"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str, max_len: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:max_len].rstrip("-")
