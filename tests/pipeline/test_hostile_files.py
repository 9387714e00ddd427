"""Hostile input, round three (issue 25, part A), through the real command line on a project copy.

Classes held here, each with its own tests:
- a file that is not a regular file (named pipe, device) in a content or theme folder is refused by its
  status, never opened, and the build does not hang;
- a file far over its size limit (a 20 GB sparse file) is refused from its size, never read;
- control characters (terminal escape sequences, C1 controls, bidi overrides) in anything printed (file
  names in messages, build errors, command-line values) reach the terminal as <U+XXXX>;
Every failure: exit 1 or 2, a Vietnamese message naming the file, no traceback, site/ byte-identical.
"""
from __future__ import annotations

import errno
import os
import re
import resource
import subprocess

import pytest

from tests.pipeline.test_hostile import assert_no_traceback, leftovers, tree
from tests.support import build_env, cli_command, copy_project

pytestmark = pytest.mark.cli


@pytest.fixture
def proj(tmp_path):
    """A project copy with a previous site/ (a failed build must leave its bytes alone)."""
    root = copy_project(tmp_path / "proj")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<p>trang cũ</p>", encoding="utf-8")
    return root


MEMORY = 3 * 1024 ** 3  # the build runs with at most this much address space: reading 20 GB would fail


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def build_fails(root, code: int, *words: str, args=()) -> str:
    """Build root with bounded memory and time; it must fail with `code`, every word in its message,
    no traceback, site/ unchanged, no staging folder left. Returns stderr."""
    before = tree(root / "site")
    result = subprocess.run(cli_command(root, *args), capture_output=True, text=True, env=build_env(), cwd=root,
                            timeout=240, preexec_fn=_limited)
    assert result.returncode == code, result.stdout + result.stderr
    for w in words:
        assert w in result.stderr, (w, result.stderr[-2000:])
    assert_no_traceback(result)
    assert tree(root / "site") == before and leftovers(root) == []
    return result.stderr


# --- not a regular file: refused from its status, never opened ---------------------------------------------

@pytest.mark.parametrize("name", ["leaflets/x.yaml", "slogans/khau-hieu-ong.yaml", "content/qa.yaml",
                                  "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.en.yaml"])
def test_a_named_pipe_with_a_yaml_name_is_refused_without_hanging(proj, name):
    (proj / name).unlink(missing_ok=True)
    os.mkfifo(proj / name)
    build_fails(proj, 1, name, "ống dẫn (named pipe/FIFO)", "không phải một tệp văn bản thường")


def test_a_named_pipe_elsewhere_in_the_project_does_not_hang_the_build_check(proj):
    os.mkfifo(proj / "ghi-chu.txt")  # not content: the fingerprint of inputs must not open it
    (proj / "leaflets" / "x.yaml").write_text("id: [\n", encoding="utf-8")  # stop the build after validation
    build_fails(proj, 1, "leaflets/x.yaml")


def test_a_named_pipe_in_the_theme_is_refused(proj):
    os.mkfifo(proj / "theme" / "assets" / "ong.css")
    build_fails(proj, 2, "theme/assets/ong.css", "ống dẫn (named pipe/FIFO)")


# --- far over the size limit: refused from the size, never read -------------------------------------------

SPARSE = 20 * 10 ** 9


@pytest.mark.parametrize("name", ["leaflets/x.yaml", "content/messages.yaml", "slogans/to.en.yaml"])
def test_a_20_gb_sparse_content_file_is_refused_from_its_size(proj, name):
    path = proj / name
    path.unlink(missing_ok=True)
    path.touch()
    os.truncate(path, SPARSE)  # takes no disk space
    build_fails(proj, 1, f"{name}:1:1: Tệp quá lớn (20 GB, giới hạn 1 MB)")


@pytest.mark.parametrize("rel", ["theme/fonts/to.ttf", "theme/assets/to.css"])
def test_a_20_gb_sparse_theme_file_is_refused_from_its_size(proj, rel):
    path = proj / rel
    path.touch()
    os.truncate(path, SPARSE)
    build_fails(proj, 2, rel, "tệp quá lớn (20 GB, giới hạn 50 MB)")


@pytest.mark.parametrize("kind", ["pipe", "sparse"])
def test_a_mkdocs_yml_that_is_a_pipe_or_huge_is_refused_before_the_site_is_made(proj, kind):
    path = proj / "mkdocs.yml"
    path.unlink()
    if kind == "pipe":
        os.mkfifo(path)
    else:
        path.touch()
        os.truncate(path, SPARSE)
    build_fails(proj, 2, "mkdocs.yml", "ống dẫn" if kind == "pipe" else "tệp quá lớn (20 GB, giới hạn 1 MB)")


def test_a_20_gb_sparse_list_of_communes_is_refused_from_its_size(proj):
    path = proj / "geography" / "units.csv"
    os.truncate(path, SPARSE)
    build_fails(proj, 2, "geography/units.csv", "tệp quá lớn (20 GB, giới hạn 4 MB)", args=("--edition", "can-tho"))


def test_a_20_gb_sparse_file_anywhere_in_the_project_is_not_read_by_the_fingerprint(proj):
    path = proj / "ban-sao-luu.bin"
    path.touch()
    os.truncate(path, SPARSE)
    (proj / "leaflets" / "x.yaml").write_text("id: [\n", encoding="utf-8")
    build_fails(proj, 1, "leaflets/x.yaml")


def test_the_safe_reader_refuses_by_status_before_reading(tmp_path):
    from bhxhpub.model.files import UnsafeFile, read_limited
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeFile, match="ống dẫn"):
        read_limited(fifo, 10)  # no writer: a blocking open would never return
    big = tmp_path / "b.yaml"
    big.write_bytes(b"x" * 11)
    with pytest.raises(UnsafeFile, match="quá lớn") as caught:
        read_limited(big, 10)
    assert caught.value.too_large
    assert read_limited(big, 11) == b"x" * 11


# --- terminal escapes: nothing printed reaches the terminal raw -----------------------------------------

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\u202e\x9b"
SHOWN = "<U+001B>]0;pwned<U+0007><U+001B>[2J<U+202E><U+009B>"


def _harmless(stream: str) -> None:
    assert not any(c in stream for c in "\x1b\x07\u202e\x9b"), stream[-1000:]
    assert SHOWN in stream


def test_a_file_name_with_escapes_inside_a_message_is_shown_harmless(proj):
    """The name also appears in the message itself (a leaflet whose id differs from its file name)."""
    src = proj / "leaflets" / "vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml"
    (proj / "leaflets" / f"to-roi{ESCAPES}.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    _harmless(build_fails(proj, 1, "khác tên tệp"))


def test_a_theme_file_name_with_escapes_in_a_build_error_is_shown_harmless(proj):
    os.mkfifo(proj / "theme" / "assets" / f"x{ESCAPES}.css")
    _harmless(build_fails(proj, 2, "ống dẫn"))


def test_a_command_line_value_with_escapes_is_shown_harmless(proj):
    _harmless(build_fails(proj, 2, "--as-of", args=("--as-of", ESCAPES)))


def test_every_printed_line_goes_through_one_filter(capsys):
    from bhxhpub.cli.common import safe_output
    with safe_output():
        print(f"tệp {ESCAPES}\r\n\tdòng hai")
    out = capsys.readouterr().out
    assert out == f"tệp {SHOWN}<U+000D>\n\tdòng hai\n"


# --- figures typed by hand where a fact prints the same value ------------------------------------------

def _add_answer(root, answer: str) -> int:
    """An approved question with this answer; the line of its answer."""
    path = root / "content" / "qa.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n\n  - id: go-tay\n    question: Đóng bao nhiêu?\n"
                    f"    answer: {answer}\n    status: approved\n    reviewed: 2026-11-21\n", encoding="utf-8")
    messages = root / "content" / "messages.yaml"  # a release needs an approved main message
    messages.write_text(messages.read_text(encoding="utf-8").replace("status: draft", "status: approved", 1), encoding="utf-8")
    return text.count("\n") + 5


def _check(root, *args):
    return subprocess.run(cli_command(root, "check", *args), capture_output=True, text=True, env=build_env(), cwd=root,
                          timeout=240)


@pytest.mark.parametrize("typed,token", [
    ("22%", "ty-le-dong-bhxh-tu-nguyen"), ("22 %", "ty-le-dong-bhxh-tu-nguyen"),
    ("1.500.000 đồng/tháng", "chuan-ngheo-nong-thon"), ("330000đ", "muc-dong-thap-nhat"), ("75 tuổi", "tuoi-huong-tro-cap-huu-tri-xa-hoi"),
])
def test_a_figure_typed_by_hand_is_a_warning_in_a_preview_naming_the_token(proj, typed, token):
    line = _add_answer(proj, f"Mỗi tháng đóng {typed} thu nhập bạn chọn.")
    result = _check(proj)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"content/qa.yaml:{line}:" in result.stderr and f"gõ tay con số “{typed}”" in result.stderr
    assert f"[[{token}]]" in result.stderr


def test_a_figure_typed_by_hand_stops_a_release(proj):
    line = _add_answer(proj, "Mỗi tháng đóng 22% thu nhập bạn chọn.")
    result = _check(proj, "--release")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"content/qa.yaml:{line}:" in result.stderr
    assert "gõ tay con số “22%”, trùng giá trị của số liệu [[ty-le-dong-bhxh-tu-nguyen]]" in result.stderr
    assert_no_traceback(result)


def test_a_count_of_years_or_an_age_typed_by_hand_is_only_a_warning_even_in_a_release(proj):
    """“10 năm”, “75 tuổi” may be something else than the fact of that value: warned, never refused."""
    line = _add_answer(proj, "Đóng đủ 15 năm; hỗ trợ tối đa 10 năm; từ 75 tuổi có trợ cấp.")
    result = _check(proj, "--release")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"content/qa.yaml:{line}:" in result.stderr
    assert "gõ tay con số “15 năm”" in result.stderr and "[[so-nam-dong-toi-thieu-huong-luong-huu]]" in result.stderr
    assert "gõ tay con số “10 năm”" in result.stderr and "[[so-nam-ho-tro-toi-da]]" in result.stderr  # a draft fact too
    assert "gõ tay con số “75 tuổi”" in result.stderr


def test_a_figure_of_a_draft_fact_typed_by_hand_stops_a_release(proj):
    line = _add_answer(proj, "Mức thấp nhất là 1.500.000 đồng/tháng.")
    result = _check(proj, "--release")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"content/qa.yaml:{line}:" in result.stderr and "[[chuan-ngheo-nong-thon]]" in result.stderr


@pytest.mark.parametrize("text", [
    "Hạn chót 22/12/2026, gọi 1900.9068.", "Đóng [[ty-le-dong-bhxh-tu-nguyen]] thu nhập.", "Có 22 người, 122% kế hoạch.",
    "Tỷ lệ 22,5% là của năm khác.", "Mã 2022%.",
])
def test_dates_phone_numbers_tokens_and_other_numbers_are_not_typed_figures(text):
    from bhxhpub.rules.typed_figures import figure_pattern
    assert not figure_pattern(22, "percent").search(text.replace("[[ty-le-dong-bhxh-tu-nguyen]]", " "))


# --- a campaign period across the new year ------------------------------------------------------------

def test_a_period_from_15_december_to_20_january_is_running_on_5_january(proj):
    """Periods recur every year (month and day, no year): one that ends in a month before its start runs
    across the new year; it is accepted, and the home page and the banner window take it as running."""
    from datetime import date

    from bhxhpub.channels.web.pages import banner_period, current_or_next_period
    from bhxhpub.model.loader import read
    path = proj / "content" / "periods.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n  - id: tet\n    name: Tết\n    start_month: 12\n"
                    "    start_day: 15\n    end_month: 1\n    end_day: 20\n    theme: Đón Tết có BHXH.\n"
                    "    banners_from: 10/12\n    banners_until: 25/1\n    source: thử\n    status: approved\n"
                    "    reviewed: 2026-11-21\n", encoding="utf-8")
    result = _check(proj)
    assert result.returncode == 0 and "không hợp lệ" not in result.stderr, result.stdout + result.stderr
    content, problems = read(proj)
    assert problems.ok
    tet = next(p for p in content.periods if p.id == "tet")
    for day in (date(2027, 1, 5), date(2026, 12, 15), date(2027, 1, 20), date(2026, 12, 31)):
        assert current_or_next_period(content.periods, day) == (tet, True), day
    assert banner_period(content.periods, date(2027, 1, 24)) == tet
    assert current_or_next_period(content.periods, date(2027, 1, 21))[0] != tet


# --- messages that point to the right place -------------------------------------------------------------

@pytest.mark.parametrize("where,line,col", [
    ("    text:\u00a0Khẩu hiệu mới\n    audiences: [nong-dan]\n", 3, 10),  # after "key:": YAML blamed the next line
    ("  -\u00a0id: them\n", 2, 4),  # after "-"
    ("\u00a0   text: Khẩu hiệu mới\n", 3, 1),  # in the indentation
])
def test_a_no_break_space_where_yaml_needs_a_space_is_reported_on_its_own_line(proj, where, line, col):
    body = "slogans:\n  - id: them\n" + where if not where.startswith("  -") else "slogans:\n" + where
    (proj / "slogans" / "them.yaml").write_text(body, encoding="utf-8")
    result = _check(proj)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"slogans/them.yaml:{line}:{col}: Có khoảng trắng đặc biệt (U+00A0" in result.stderr, result.stderr
    assert f"slogans/them.yaml:{line + 1}:" not in result.stderr
    assert_no_traceback(result)


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85"])
def test_a_line_break_only_yaml_sees_is_reported_where_it_is(proj, brk):
    """YAML counts U+2028, U+2029 and U+0085 as line breaks, an editor does not: every later line number
    would be one too many. The character is reported at its own line and column."""
    (proj / "slogans" / "them.yaml").write_text(f"slogans:\n  - id: them # ghi chú{brk}\n    text: [\n", encoding="utf-8")
    result = _check(proj)
    assert result.returncode == 1
    assert f"slogans/them.yaml:2:23: Có ký tự ngắt dòng lạ (U+{ord(brk):04X})" in result.stderr, result.stderr


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EDQUOT, errno.EROFS])
def test_a_full_disk_names_the_folder_that_could_not_be_written(proj, monkeypatch, capsys, err):
    from contextlib import contextmanager

    from bhxhpub import cli
    from bhxhpub.pipeline import run as pipeline

    @contextmanager
    def full(out, later=False):
        raise OSError(err, os.strerror(err))  # as write() raises it: no file name
        yield
    monkeypatch.setattr(pipeline, "staging_folder", full)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1779840000")
    before = tree(proj / "site")
    assert cli.main([], root=proj) == 2
    message = capsys.readouterr().err
    assert f"Không ghi được vào thư mục “{proj.resolve()}” (nơi dựng site/)" in message, message
    assert "Cách sửa:" in message and "Traceback" not in message
    assert tree(proj / "site") == before


def test_a_write_error_with_a_file_names_its_folder():
    from bhxhpub.pipeline.staging import os_error_message
    message = os_error_message(OSError(errno.ENOSPC, "No space left on device", "/du-an/site-tam/pdf/a.pdf"))
    assert message.startswith("Không ghi được vào thư mục “/du-an/site-tam/pdf”: ổ đĩa đã đầy.")


# --- dates: a day that does not exist, far away, or with a time zone -------------------------------------

@pytest.mark.parametrize("value,words", [
    ("2027-02-30", "ngày 30/2/2027 không có trên lịch (tháng 2 năm 2027 có 28 ngày)"),
    ("2026-13-01", "tháng 13 không có"),
    ("1900-01-01", "nằm ngoài khoảng dùng được (01/01/1995 – 31/12/2100)"),
    ("9999-12-31", "nằm ngoài khoảng dùng được"),
    ("2027-01-01T00:00+07:00", "có giờ hoặc múi giờ"),
    ("2027-01-01+07:00", "có giờ hoặc múi giờ"),
])
def test_as_of_that_is_not_a_usable_day_is_a_clear_error(proj, value, words):
    build_fails(proj, 2, "--as-of", words, args=("--as-of", value))


def _edition(root, old: str, new: str, ident: str = "can-tho"):
    path = root / "editions" / ident / "edition.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize("value,words", [
    ("2027-02-30", "không có trên lịch"), ("1900-01-01", "nằm ngoài khoảng dùng được"),
    ("2300-01-01", "nằm ngoài khoảng dùng được"), ('"2027-01-01T00:00:00+07:00"', "không đúng dạng"),
])
def test_an_edition_as_of_that_is_not_a_usable_day_is_an_error_at_its_line(proj, value, words):
    line = _edition(proj, "\nlocales: [khmer]", f"\nas_of: {value}\nlocales: [khmer]") + 1
    build_fails(proj, 1, f"editions/can-tho/edition.yaml:{line}:", words, args=("--edition", "can-tho"))


# --- editions: ids, locales, communes ---------------------------------------------------------------------

def _rename_edition(root, ident: str):
    """The can-tho edition moved to editions/<ident>/ with that id."""
    (root / "editions" / "can-tho").rename(root / "editions" / ident)
    _edition(root, "\nid: can-tho\n", f"\nid: {ident}\n", ident)


@pytest.mark.parametrize("ident,words", [
    ("con", "tên dành riêng của Windows"), ("com1", "tên dành riêng của Windows"),
    ("pdf", "trùng tên một thư mục hay trang của trang web"), ("to-roi", "trùng tên một thư mục hay trang"),
    ("a" * 200, "không hợp lệ"),
])
def test_an_edition_file_whose_id_cannot_be_a_folder_of_the_site_is_refused(proj, ident, words):
    _rename_edition(proj, ident)
    build_fails(proj, 1, f"editions/{ident}/edition.yaml:", words, args=("--edition", ident))


@pytest.mark.parametrize("ident", ["../x", "../../etc", "/etc", "CON", "khong-co"])
def test_an_edition_named_outside_the_editions_folder_is_refused(proj, ident):
    build_fails(proj, 1, f"Không có bản địa phương “{ident}”", args=("--edition", ident))


def test_an_edition_locale_that_is_not_a_project_locale_is_an_error(proj):
    line = _edition(proj, "\nlocales: [khmer]", "\nlocales: [khmer, fr]") + 1
    build_fails(proj, 1, f"editions/can-tho/edition.yaml:{line}:", "Ngôn ngữ “fr” chưa có trong content/settings.yaml",
                args=("--edition", "can-tho"))


def test_a_commune_of_another_edition_is_an_error(proj):
    other = (proj / "editions" / "thai-nguyen" / "edition.yaml").read_text(encoding="utf-8")
    commune = re.search(r"\n  - id: (\S+)\n    code:", other).group(1)
    build_fails(proj, 1, f"Không có xã “{commune}” trong bản “can-tho”", args=("--edition", "can-tho", "--commune", commune))


def test_two_communes_with_one_id_are_refused_before_any_file_is_written(proj):
    """The second would print over the first's leaflets (tests/pipeline/test_output_paths.py: no two files of a
    build may share a path, checked on every build's downloads)."""
    path = proj / "editions" / "thai-nguyen" / "edition.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: phuong-bac-kan\n", "  - id: phuong-duc-xuan\n", 1), encoding="utf-8")
    build_fails(proj, 1, "editions/thai-nguyen/edition.yaml:", "phuong-duc-xuan", args=("--edition", "thai-nguyen", "--commune", "all"))
