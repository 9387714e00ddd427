"""SMS and Zalo texts counted as carriers count them, and refused where a carrier or Zalo would
refuse or split them."""
from __future__ import annotations

import csv
import io

import pytest

from bhxhpub.pipeline.plan import load
from bhxhpub.rules.publish import publishable
from bhxhpub.rules.sms import count, outside_gsm7
from tests.model.test_validation import edit, problems_of, the_problem
from tests.support import ROOT, copy_project

MESSAGES = "content/messages.yaml"


@pytest.mark.parametrize("text, encoding, units, segments", [
    ("a" * 160, "GSM-7", 160, 1),
    ("a" * 161, "GSM-7", 161, 2),
    ("a" * 306, "GSM-7", 306, 2),  # two parts of 153
    ("a" * 307, "GSM-7", 307, 3),
    ("€" * 80, "GSM-7", 160, 1),  # extension characters count twice
    ("a" * 159 + "€", "GSM-7", 161, 2),
    ("a" * 152 + "€" + "a" * 10, "GSM-7", 164, 2),  # an escape never straddles two parts
    ("đ", "UCS-2", 1, 1),  # "đ" alone forces UCS-2
    ("a" * 69 + "đ", "UCS-2", 70, 1),
    ("a" * 70 + "đ", "UCS-2", 71, 2),
    ("ă" * 134, "UCS-2", 134, 2),
    ("ă" * 135, "UCS-2", 135, 3),
    ("é à ü Ñ", "GSM-7", 7, 1),  # Latin-1 letters of the default alphabet stay GSM-7
])
def test_counting_matches_the_carriers(text, encoding, units, segments):
    c = count(text)
    assert (c.encoding, c.units, c.segments) == (encoding, units, segments)


def test_vietnamese_marks_are_outside_gsm7_and_named():
    assert outside_gsm7("Tham gia bảo hiểm đi") == ["ả", "ể", "đ"]
    assert outside_gsm7("Tham gia BHXH tu nguyen {ngay} [mai] ~ | ^ \\ €") == []


@pytest.fixture
def proj(tmp_path):
    return copy_project(tmp_path / "proj")


def test_an_sms_text_with_a_marked_letter_is_refused_naming_it(proj):
    line = edit(proj, MESSAGES, '      sms: "BHXH la dau tu cho tuong lai.', '      sms: "BHXH là đầu tư cho tương lai, ăn chắc.')
    problem = the_problem(problems_of(proj), MESSAGES, line, "“ă”", "“đ”", "sms_unicode")
    assert "“à”" not in problem.message  # "à" is in the GSM-7 alphabet


def test_a_text_longer_than_the_allowed_parts_is_refused_with_the_counts(proj):
    line = edit(proj, MESSAGES, '      sms_unicode: "Bảo hiểm xã hội là đầu tư cho tương lai."',
                '      sms_unicode: "Bảo hiểm xã hội là đầu tư cho tương lai của bạn và cả gia đình."')
    the_problem(problems_of(proj), MESSAGES, line, "83 ký tự", "thành 2 tin (UCS-2)", "tối đa 1 tin")


def test_a_zalo_paragraph_with_a_phone_number_is_refused(proj):
    line = edit(proj, MESSAGES, '      zalo: "Tham gia bảo hiểm xã hội là bảo vệ cuộc sống của mỗi gia đình."',
                '      zalo: "Tham gia bảo hiểm xã hội là bảo vệ cuộc sống của mỗi gia đình. Gọi 0912 345 678."')
    the_problem(problems_of(proj), MESSAGES, line, "số điện thoại", "Zalo")


def test_the_csv_opens_as_utf8_with_the_columns_and_only_approved_texts_in_a_release(site_dir):
    from bhxhpub.channels.short_texts.pages import COLUMNS, ShortTextsOutput, csv_bytes
    from bhxhpub.render.base import LocaleView
    raw = (site_dir / "tin-nhan" / "tin-nhan.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) >= 20
    vi = next(r for r in rows if r["id"] == "message:dau-tu-cho-tuong-lai" and r["channel"] == "sms_unicode")
    assert vi["text"] == "Bảo hiểm xã hội là đầu tư cho tương lai. Hỏi thêm: 1900.9068"
    assert (vi["characters"], vi["encoding"], vi["segments"]) == ("60", "UCS-2", "1")
    content = load(ROOT)
    released = publishable(content, True)
    assert all(not m.editorial.is_draft for m in released.messages)
    view = LocaleView(locale=content.settings.locales[0], content=released, ui=content.ui, states={},
                      default_locale="vi", prefix="")
    approved_rows = ShortTextsOutput.rows_of(view.content)
    assert all(r.status == "approved" for r in approved_rows)
    assert csv_bytes(approved_rows, "vi").decode("utf-8-sig").count("\r\n") == len(approved_rows) + 1


def test_a_short_text_starting_like_a_spreadsheet_formula_is_refused(proj):
    line = edit(proj, MESSAGES, '      sms: "BHXH la dau tu cho tuong lai.', '      sms: "=HYPERLINK(1) BHXH la dau tu cho tuong lai.')
    the_problem(problems_of(proj), MESSAGES, line, "“=”", "công thức")
