"""`translations export`: the rows a locale needs, written in one format."""
from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Optional

from ..errors import ContentError, Problems
from ..model import editions
from ..model.loader import load
from ..model.settings import Locale
from ..model.types import Content
from ..rules.timeline import resolve_content
from .po import write_po
from .rows import Export, export_rows
from .xliff import write_xliff
from .xlsx import write_xlsx

WRITERS = {"xlsx": write_xlsx, "po": write_po, "xliff": write_xliff}


def locale_of(content: Content, ident: str) -> Locale:
    """A locale that takes translations, or a ContentError saying which ones do."""
    s = content.settings
    choices = [l.id for l in s.locales if l.id != s.default_locale]
    for loc in s.locales:
        if loc.id == ident and loc.id != s.default_locale:
            return loc
    p = Problems()
    close = difflib.get_close_matches(ident, choices, n=1)
    p.add("content/settings.yaml", 0, 0, f"Không có ngôn ngữ dịch “{ident}”.",
          (f"Có phải ý bạn là “{close[0]}”? " if close else "") + "Các ngôn ngữ dịch: " + ", ".join(choices) + ".")
    raise ContentError(p)


def render(export: Export, fmt: str) -> bytes:
    return WRITERS[fmt](export)


def edition_content(root: Path, edition: Optional[str]) -> Content:
    """The content a translator works on: the national one, or with a local edition's own texts (its offices,
    its local Q&A and their translations)."""
    content = load(root)
    if not edition or edition == editions.NATIONAL:
        return content
    local, local_qa, problems = editions.read(root, edition, content)
    if local is None or not problems.ok:
        raise ContentError(problems)
    out = editions.overlay(root, content, local, local_qa, (), problems)
    if not problems.ok:
        raise ContentError(problems)
    return out


def export_file(root: Path, locale: str, fmt: str, out: Path, only: str = "todo", kinds: tuple[str, ...] = (),
                today: Optional[date] = None, edition: Optional[str] = None) -> int:
    """Write the file; the number of texts in it."""
    content = edition_content(root, edition)
    today = today or (content.edition.as_of if content.edition and content.edition.as_of else date.today())
    content, _ = resolve_content(content, today)  # the figures as of the export, for the translator's notes
    export = export_rows(content, locale_of(content, locale), today, only=only, kinds=kinds)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render(export, fmt))
    return len(export.rows)
