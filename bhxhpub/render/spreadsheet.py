"""CSV for spreadsheets (every CSV the site offers is written here): safe to open in Excel or LibreOffice.

A cell a spreadsheet would take for a formula (OWASP "CSV injection": a text starting with = + - @, a tab or a
carriage return, or their full-width forms, also after leading spaces) is written with a single quote in front,
as OWASP advises: the spreadsheet shows the text, runs nothing, and a reader sees "'- 22%" for "- 22%".
Numbers stay numbers. UTF-8 with a BOM (Excel reads the BOM as "this is UTF-8"), CRLF line ends."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")  # with full-width = + - @


def spreadsheet_cell(value: object) -> object:
    """A value as a spreadsheet may read it: a text that would start a formula gets a leading single quote."""
    if isinstance(value, str) and value and (value[0] in FORMULA_STARTS or value.lstrip(" \u00a0")[:1] in FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    """The file: a header, then one line a row, every cell made safe."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(h) for h in header])
    for row in rows:
        writer.writerow([spreadsheet_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
