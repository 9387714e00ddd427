"""Text as every printed or drawn output sets it: prepared strings, dates, the contribution table."""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime

from ..model.facts import contribution_table as compute_contribution_table
from ..model.facts import format_fact, format_number
from ..model.types import Content
from .segment import prepare


def prepare_text(text: str, script: str = "Latn") -> str:
    """NFC (so that tone marks are one glyph and pdftotext gives back what was written);
    Khmer gets zero-width spaces between words, since WeasyPrint has no Khmer line breaking."""
    return prepare(unicodedata.normalize("NFC", text or "").strip(), script)


def date_vi(day: date) -> str:
    """A date as Vietnamese readers write it: 21/11/2026."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def w3c_timestamp(epoch: int) -> str:
    """SOURCE_DATE_EPOCH as a W3C date-time (what WeasyPrint reads from dcterms.created)."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def contribution_table(content: Content, locale: str, script: str, labels: Mapping[str, str]) -> dict:
    """The contribution table (content.facts.contribution_table), transposed for narrow columns:
    one row per group of people, one column per income level; amounts are what the person pays
    after State support."""
    table = compute_contribution_table(content)
    incomes = [format_number(r.income, locale) for r in table.rows]
    body = [{"label": labels["table_full"], "support": "0%", "amounts": [format_number(r.full, locale) for r in table.rows]}]
    for i, fact in enumerate(table.supports):
        body.append({
            "label": prepare_text(fact.label, script),
            "support": format_fact(fact, locale),
            "amounts": [format_number(r.after_support[i], locale) for r in table.rows],
        })
    years = labels["table_years"].format(years=format_fact(table.years, locale)) if table.years else ""
    note = labels["table_note"].format(rate=format_fact(table.rate, locale), basis=format_fact(table.basis, locale),
                                       years=years)
    return {"caption": labels["table_caption"], "income_label": labels["table_income"],
            "group_label": labels["table_group"], "support_label": labels["table_support"],
            "incomes": incomes, "rows": body, "note": prepare_text(note, script)}
