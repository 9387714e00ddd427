"""What an import reports without refusing the file (problems.notices): a translated SMS that a carrier
would split into more messages than the Vietnamese (limits.py), a row that ignores the glossary (glossary.py)."""
from __future__ import annotations

from ..errors import Problems
from ..model.settings import Locale
from ..model.types import Content
from .files import Entry
from .glossary import check_glossary
from .limits import check_limits


def check_warnings(entries: tuple[Entry, ...], content: Content, locale: Locale, problems: Problems) -> None:
    check_limits(entries, content, locale, problems)
    check_glossary(entries, content, locale, problems)
