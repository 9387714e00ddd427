"""Bad input at the loader: every class of broken YAML, encoding and reference gives a Vietnamese
problem naming the file and the line (and a fix), never a traceback and never a partial model.

Most cases replace content/messages.yaml of a private project copy with a file of the corpus in
tests/hostile/ (written by tests/hostile/make_corpus.py; each file has one defect at a known line
of the same two-message layout). Cases that need the real ids (references, cycles) edit the
copied content in place and find the line they wrote.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from bhxhpub.errors import ContentError, Problem
from bhxhpub.pipeline.plan import load
from tests.support import CORPUS, copy_project

MESSAGES = "content/messages.yaml"


@pytest.fixture
def proj(tmp_path) -> Path:
    return copy_project(tmp_path / "proj")


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as exc:
        load(root)
    items = exc.value.problems.items
    assert items, "ContentError without problems"
    for p in items:  # every problem is printable for an editor, in Vietnamese, with where it is
        text = p.format()
        assert p.file and text.startswith(p.file)
    return items


def with_corpus(root: Path, name: str, target: str = MESSAGES) -> Path:
    (root / target).write_bytes((CORPUS / name).read_bytes())
    drop_translations(root, target)
    if target == MESSAGES:
        unquote_messages(root)
    return root


def unquote_messages(root: Path) -> None:
    """Other messages replace the shipped ones: leaflets quoting the shipped ones by id no longer can."""
    for path in [*(root / "leaflets").glob("*.yaml"), *(root / "broadcasts").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\[\[msg:[a-z0-9-]+\]\]", "Thông điệp", text), encoding="utf-8")


def drop_translations(root: Path, rel: str) -> None:
    """The corpus replaces a whole file: its translations (messages.en.yaml...) would name missing ids."""
    path = root / rel
    for t in path.parent.glob(path.stem + ".*.yaml"):
        t.unlink()


def sources(root: Path, folder: str) -> list[Path]:
    """Vietnamese source files of a folder (not the translations <name>.<locale>.yaml)."""
    return sorted(p for p in (root / folder).glob("*.yaml") if "." not in p.stem)


def edit(root: Path, rel: str, old: str, new: str) -> int:
    """Replace the first `old` in a copied file by `new`; return the line where `new` starts."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel} (the shipped content changed?)"
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text[:at].count("\n") + 1


def line_of(root: Path, rel: str, needle: str) -> int:
    text = (root / rel).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def the_problem(items: list[Problem], rel: str, line: int, *fragments: str) -> Problem:
    """The problem at rel:line whose message or hint holds every fragment."""
    for p in items:
        text = p.message + " " + p.hint
        if p.file == rel and p.line == line and all(f in text for f in fragments):
            return p
    pytest.fail(f"no problem at {rel}:{line} with {fragments}; got:\n" + "\n".join(p.format() for p in items))


# --- corpus: one defect per file, at a known line --------------------------------------------------

CORPUS_CASES = [
    # (corpus file, line, column or None, fragments of message/hint)
    ("syntax-colon.yaml", 5, None, ["dấu hai chấm", "ngoặc kép"]),
    ("syntax-unclosed-quote.yaml", 5, 11, ["Thiếu dấu ngoặc kép đóng"]),
    ("tab-indent.yaml", 6, 1, ["Tab", "dấu cách"]),
    ("duplicate-key.yaml", 6, 5, ["“text” bị lặp lại", "dòng 5"]),
    ("wrong-type-bool.yaml", 4, 11, ["“main”", "true hoặc false"]),
    ("wrong-type-list.yaml", 5, 11, ["“text”", "đang là một danh sách"]),
    ("unknown-key.yaml", 6, 5, ["“soure” không có trong mẫu", "Có phải ý bạn là “source”"]),
    ("missing-key.yaml", 3, 5, ["thiếu trường bắt buộc “source”"]),
    ("empty.yaml", 1, 1, ["Tệp trống"]),
    ("comments-only.yaml", 1, 1, ["chỉ có chú thích"]),
    ("list-at-top.yaml", 2, 1, ["nhóm trường", "đang là một danh sách"]),
    ("multi-document.yaml", 15, 1, ["nhiều hơn một tài liệu", "---"]),
    ("billion-laughs.yaml", 5, 14, ["tham chiếu YAML (& và *)"]),
    ("python-tag.yaml", 5, 11, ["Thẻ YAML không được phép", "python/object"]),
    ("local-tag.yaml", 5, 11, ["Thẻ YAML không được phép", "!ref"]),
    ("utf16.yaml", 1, 1, ["UTF-16", "UTF-8"]),
    ("windows-1258.yaml", None, None, ["không phải UTF-8", "Windows-1258"]),
    ("tcvn3-bytes.yaml", None, None, ["không phải UTF-8", "TCVN3"]),
    ("tcvn3-pasted.yaml", 5, 11, ["lỗi phông chữ", "TCVN3", "Unikey"]),
    ("vni-pasted.yaml", 5, 11, ["lỗi phông chữ", "VNI", "Unikey"]),
    ("control-char.yaml", 5, 16, ["ký tự điều khiển", "U+0007"]),
    ("escaped-control-char.yaml", 5, 11, ["ký tự điều khiển"]),
    ("bidi-override.yaml", 5, 11, ["đảo chiều"]),
    ("zero-width-id.yaml", 3, 9, ["ký tự ẩn", "U+200B", "Viết là: bhxh-cho-moi-nguoi"]),
]


@pytest.mark.parametrize("name,line,col,fragments", CORPUS_CASES, ids=[c[0] for c in CORPUS_CASES])
def test_corpus_file_gives_a_vietnamese_problem_at_its_line(proj, name, line, col, fragments):
    items = problems_of(with_corpus(proj, name))
    assert {p.file for p in items} == {MESSAGES}, "a defect in one file must not be reported elsewhere"
    if line is None:  # legacy bytes: the first byte that is not UTF-8
        raw = (CORPUS / name).read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    p = the_problem(items, MESSAGES, line, *fragments)
    if col is not None:
        assert p.column == col, p.format()
    assert p.hint, "every problem says how to fix it"
    assert f"{MESSAGES}:{line}:{p.column}: " in p.format()


def test_every_corpus_file_is_covered():
    covered = {c[0] for c in CORPUS_CASES} | {"utf8-bom.yaml", "nfd.yaml"}
    on_disk = {p.name for p in CORPUS.glob("*.yaml")}
    assert on_disk == covered


def test_corpus_files_are_what_make_corpus_writes():
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for name, data in mod.corpus().items():
        assert (CORPUS / name).read_bytes() == data, name


def test_python_tag_is_never_executed(proj):
    marker = Path("/tmp/pwned")
    marker.unlink(missing_ok=True)
    problems_of(with_corpus(proj, "python-tag.yaml"))
    assert not marker.exists()


def test_billion_laughs_is_refused_at_once(proj):
    text = (CORPUS / "billion-laughs.yaml").read_text(encoding="utf-8")
    # 30 levels of 9 aliases would be 9**30 nodes if anything expanded them
    for i in range(10, 31):
        text += f"    x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n"
    (proj / MESSAGES).write_text(text, encoding="utf-8")
    items = problems_of(proj)  # returns at all: nothing expanded the 9**30 nodes
    assert len([p for p in items if "tham chiếu" in p.message]) == 1  # said once, not 9**30 times


# --- encodings that are accepted ------------------------------------------------------------------

def test_utf8_with_bom_is_accepted(proj):
    content = load(with_corpus(proj, "utf8-bom.yaml"))
    assert content.messages[0].text.startswith("Bảo hiểm xã hội")


def test_nfd_text_is_normalised_to_nfc(proj):
    raw = (CORPUS / "nfd.yaml").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw) != raw  # the corpus really is decomposed
    content = load(with_corpus(proj, "nfd.yaml"))
    text = content.messages[0].text
    assert text == unicodedata.normalize("NFC", text)
    assert text.startswith("Bảo hiểm xã hội cho tất cả mọi người")


def test_separators_and_signs_are_not_taken_for_legacy_fonts(proj):
    edit(proj, MESSAGES, "    source: ", "    source: BHXH · BHYT · BHTN © 2026, § 2, ½ năm, ¼ tháng; ")
    content = load(proj)
    assert any("BHXH · BHYT" in m.source for m in content.messages)


def test_crlf_line_endings_are_accepted(proj):
    path = proj / MESSAGES
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    load(proj)


# --- generated: deep, large, many --------------------------------------------------------------------

def test_very_deep_nesting_is_refused(proj):
    (proj / MESSAGES).write_text("messages: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    p = problems_of(proj)[0]
    assert p.file == MESSAGES and "lồng nhau quá sâu" in p.message


def test_nesting_deeper_than_content_needs_is_refused_at_its_line(proj):
    body = "".join("  " * i + f"k{i}:\n" for i in range(1, 40))
    (proj / MESSAGES).write_text("messages:\n" + body, encoding="utf-8")
    p = next(p for p in problems_of(proj) if "quá sâu" in p.message)
    assert p.file == MESSAGES and p.line > 20


def test_very_large_file_is_refused_before_parsing(proj):
    (proj / MESSAGES).write_text("messages:\n" + "# " + "x" * 1_200_000 + "\n", encoding="utf-8")
    items = problems_of(proj)
    p = the_problem(items, MESSAGES, 1, "Tệp quá lớn")
    assert "giới hạn 1 MB" in p.message and p.hint


def test_a_link_to_an_endless_device_is_not_read(proj):
    (proj / MESSAGES).unlink()
    (proj / MESSAGES).symlink_to("/dev/zero")
    the_problem(problems_of(proj), MESSAGES, 0, "liên kết (symlink) tới một tệp ngoài thư mục dự án")  # never read


def test_thousands_of_items_load(proj):
    """Just under the size limit: thousands of messages are all validated (the time is `make bench`'s to show)."""
    one = ("  - id: m{0}\n    text: Tham gia bảo hiểm xã hội số {0}\n    source: Công văn 1192\n"
           "    status: approved\n    reviewed: 2026-05-01\n")
    text = "messages:\n" + one.format(0).replace("    text:", "    main: true\n    text:", 1)
    text += "".join(one.format(i) for i in range(1, 6000))
    assert len(text.encode()) < 1_000_000
    (proj / MESSAGES).write_text(text, encoding="utf-8")
    drop_translations(proj, MESSAGES)
    unquote_messages(proj)
    from bhxhpub.model import loader
    content = loader.load(proj)  # the model stage: every file read and checked (the rules are a later stage)
    assert len(content.messages) == 6000 and content.messages[-1].id == "m5999"


def test_a_folder_where_a_file_should_be(proj):
    (proj / MESSAGES).unlink()
    (proj / MESSAGES).mkdir()
    the_problem(problems_of(proj), MESSAGES, 0, "không phải một tệp văn bản thường")


def test_missing_file(proj):
    (proj / MESSAGES).unlink()
    the_problem(problems_of(proj), MESSAGES, 0, "Thiếu tệp nội dung")


# --- wrong values in real content (lines found where they were written) -------------------------------

@pytest.mark.parametrize("old,new,fragments", [
    ("start_month: 2\n", "start_month: 0x1F\n", ["cần một số nguyên", "0x1F"]),  # YAML 1.1 hex
    ("start_month: 2\n", "start_month: 1:30\n", ["cần một số nguyên", "1:30"]),  # YAML 1.1 base 60
    ("start_month: 2\n", "start_month: 0b11\n", ["cần một số nguyên"]),
    ("start_month: 2\n", "start_month: " + "9" * 5000 + "\n", ["cần một số nguyên", "…"]),
    ("start_month: 2\n", "start_month: 2.5\n", ["cần một số nguyên"]),
    ("start_month: 2\n", "start_month: \"2\"\n", ["cần một số nguyên"]),
    ("start_month: 2\n", "start_month: [2]\n", ["cần một số nguyên", "danh sách"]),
    ("reviewed: 2026-11-21", "reviewed: 2026-02-30", ["Ngày “2026-02-30”", "NĂM-THÁNG-NGÀY"]),
    ("reviewed: 2026-11-21", "reviewed: 21/11/2026", ["NĂM-THÁNG-NGÀY"]),
    ("status: approved", "status: aproved", ["Có phải ý bạn là “approved”"]),
])
def test_wrong_value_types_in_periods(proj, old, new, fragments):
    line = edit(proj, "content/periods.yaml", old, new)
    line += old[: old.index(":")].count("\n")
    the_problem(problems_of(proj), "content/periods.yaml", line, *fragments)


@pytest.mark.parametrize("value", ["1e400", ".nan", "inf", "-.inf", "1_0_0x"])
def test_fact_values_that_are_not_finite_numbers(proj, value):
    text = (proj / "content/facts.yaml").read_text(encoding="utf-8")
    fid = text.split("- id: ", 1)[1].split("\n", 1)[0].strip()
    at = text.index("- id: " + fid)
    old = "    value: " + text[at:].split("    value: ", 1)[1].split("\n", 1)[0] + "\n"
    line = edit(proj, "content/facts.yaml", old, f"    value: {value}\n")
    the_problem(problems_of(proj), "content/facts.yaml", line, "phải là một số")


# --- ids, slugs and references -------------------------------------------------------------------------

def first_id(root: Path, rel: str) -> str:
    text = (root / rel).read_text(encoding="utf-8")
    return text.split("- id: ", 1)[1].split("\n", 1)[0].strip()


@pytest.mark.parametrize("bad,why,suggestion", [
    ("../../etc", "chỉ được dùng chữ thường", "etc"),
    ("nong/dan", "chỉ được dùng chữ thường", "nong-dan"),
    ("nong dan", "chỉ được dùng chữ thường", "nong-dan"),
    ("nông-dân", "chỉ được dùng chữ thường", "nong-dan"),
    ("Nong-Dan", "chỉ được dùng chữ thường", "nong-dan"),
    ("nong-dan\u200b", "chứa ký tự ẩn", "nong-dan"),
    ("nong--dan-", "chỉ được dùng chữ thường", "nong-dan"),
])
def test_bad_ids_are_refused_with_the_slug_to_write(proj, bad, why, suggestion):
    mid = first_id(proj, MESSAGES)
    line = edit(proj, MESSAGES, f"- id: {mid}\n", f"- id: \"{bad}\"\n")
    the_problem(problems_of(proj), MESSAGES, line, why, f"Viết là: {suggestion}")


def test_control_character_in_an_id(proj):
    mid = first_id(proj, MESSAGES)
    line = edit(proj, MESSAGES, f"- id: {mid}\n", f"- id: \"{mid}\\x1b\"\n")
    the_problem(problems_of(proj), MESSAGES, line, "ký tự điều khiển")


def test_ids_that_collide(proj):
    ids = [l.split("- id: ", 1)[1].strip() for l in (proj / MESSAGES).read_text(encoding="utf-8").splitlines()
           if "- id: " in l]
    line = edit(proj, MESSAGES, f"- id: {ids[1]}\n", f"- id: {ids[0]}\n")
    the_problem(problems_of(proj), MESSAGES, line, f"“{ids[0]}” bị trùng", f"{MESSAGES}:")


def test_id_that_collides_after_slugging_is_refused_and_named(proj):
    """"Nông Dân" would slug to an id already used: refused, with the slug that shows the clash."""
    aid = first_id(proj, "content/audiences.yaml")
    words = aid.split("-")
    spelled = " ".join(w.capitalize() for w in words)
    ids = [l.split("- id: ", 1)[1].strip() for l in (proj / "content/audiences.yaml").read_text().splitlines()
           if "- id: " in l]
    line = edit(proj, "content/audiences.yaml", f"- id: {ids[1]}\n", f"- id: {spelled}\n")
    the_problem(problems_of(proj), "content/audiences.yaml", line, f"Viết là: {aid}")


def test_audience_id_index_is_reserved_for_the_list_page(proj):
    aid = first_id(proj, "content/audiences.yaml")
    line = edit(proj, "content/audiences.yaml", f"- id: {aid}\n", "- id: index\n")
    the_problem(problems_of(proj), "content/audiences.yaml", line, "“index”")


def test_leaflet_id_must_match_its_file_name(proj):
    leaflet = sources(proj, "leaflets")[0]
    rel = f"leaflets/{leaflet.name}"
    line = edit(proj, rel, f"id: {leaflet.stem}\n", "id: to-roi-khac\n")
    the_problem(problems_of(proj), rel, line, "khác tên tệp")


def test_reference_to_an_audience_that_does_not_exist_suggests_the_closest(proj):
    rel = sources(proj, "slogans")[0].relative_to(proj).as_posix()
    text = (proj / rel).read_text(encoding="utf-8")
    aud = text.split("audiences: [", 1)[1].split("]", 1)[0].split(",")[0].strip()
    line = edit(proj, rel, f"audiences: [{aud}", f"audiences: [{aud}x")
    the_problem(problems_of(proj), rel, line, f"“{aud}x” không tồn tại", f"Có phải ý bạn là “{aud}”")


def test_reference_to_a_leaflet_that_does_not_exist(proj):
    text = (proj / "content/qa.yaml").read_text(encoding="utf-8")
    leaf = text.split("    leaflet: ", 1)[1].split("\n", 1)[0]
    line = edit(proj, "content/qa.yaml", f"    leaflet: {leaf}\n", "    leaflet: to-roi-khong-co\n")
    the_problem(problems_of(proj), "content/qa.yaml", line, "“to-roi-khong-co” không tồn tại")


def test_fact_token_that_does_not_exist(proj):
    line = edit(proj, "content/qa.yaml", "    question: ", "    question: Mức đóng [[ty-le-khong-co]]? ")
    the_problem(problems_of(proj), "content/qa.yaml", line, "[[ty-le-khong-co]]", "content/facts.yaml")


def test_unbalanced_fact_token(proj):
    line = edit(proj, "content/qa.yaml", "    question: ", "    question: Mức đóng [[ty-le ")
    the_problem(problems_of(proj), "content/qa.yaml", line, "[[ ]] không khớp")


@pytest.mark.parametrize("rel,key", [(MESSAGES, "    text: "), ("slogans/khau-hieu-2021.yaml", "    text: "),
                                     ("leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml", "title: "),
                                     ("content/audiences.yaml", "    name: "), ("content/periods.yaml", "    theme: ")])
def test_a_fact_token_where_no_output_expands_it_is_refused(proj, rel, key):
    """Figures go in leaflet contents and Q&A, where every output expands them; an official text or a
    name with [[...]] (or an unknown id there) would be published raw, so it is refused."""
    line = edit(proj, rel, key, key + "Mức [[ty-le-dong-bhxh-tu-nguyen]] ")
    the_problem(problems_of(proj), rel, line, "không được chứa mã số liệu", "[[ty-le-dong-bhxh-tu-nguyen]]")


def test_parent_that_does_not_exist(proj):
    aid = first_id(proj, "content/audiences.yaml")
    line = edit(proj, "content/audiences.yaml", f"- id: {aid}\n", f"- id: {aid}\n    parent: khong-co-nhom-nay\n") + 1
    the_problem(problems_of(proj), "content/audiences.yaml", line, "Nhóm cha “khong-co-nhom-nay” không tồn tại")


def test_parent_cycle_is_found(proj):
    ids = [l.split("- id: ", 1)[1].strip() for l in (proj / "content/audiences.yaml").read_text().splitlines()
           if "- id: " in l]
    a, b, c = ids[0], ids[1], ids[2]
    text = (proj / "content/audiences.yaml").read_text(encoding="utf-8")
    lines = []
    for me, parent in ((a, b), (b, c), (c, a)):
        block = text.split(f"- id: {me}\n", 1)[1].split("\n  - id: ", 1)[0]
        if "    parent: " in block:  # already has a parent line: point it round the loop
            old = "    parent: " + block.split("    parent: ", 1)[1].split("\n", 1)[0]
            text = text.replace(f"- id: {me}\n" + block, f"- id: {me}\n" + block.replace(old, f"    parent: {parent}"))
        else:
            text = text.replace(f"- id: {me}\n", f"- id: {me}\n    parent: {parent}\n", 1)
    (proj / "content/audiences.yaml").write_text(text, encoding="utf-8")
    for me in (a, b, c):  # the loop is reported on each member's parent line, and only there
        at = text.index(f"- id: {me}\n")
        lines.append(text[: text.index("    parent: ", at)].count("\n") + 1)
    items = problems_of(proj)
    loops = [p for p in items if "vòng lặp nhóm cha" in p.message]
    assert {p.line for p in loops} == set(lines), [p.format() for p in items]


def test_parent_of_itself(proj):
    aid = first_id(proj, "content/audiences.yaml")
    line = edit(proj, "content/audiences.yaml", f"- id: {aid}\n", f"- id: {aid}\n    parent: {aid}\n")
    the_problem(problems_of(proj), "content/audiences.yaml", line, "nhóm cha của chính nó")


def test_one_bad_item_does_not_make_every_reference_to_its_list_fail(proj):
    """A typo in one audience is one problem, not one per slogan/leaflet/question using audiences."""
    aid = first_id(proj, "content/audiences.yaml")
    text = (proj / "content/audiences.yaml").read_text(encoding="utf-8")
    second = text.split("- id: ", 2)[2].split("\n", 1)[0].strip()
    line = edit(proj, "content/audiences.yaml", f"- id: {second}\n", f"- id: {second}\n    nmae: x\n") + 1
    items = problems_of(proj)
    the_problem(items, "content/audiences.yaml", line, "“nmae”", "Có phải ý bạn là “name”")
    assert not [p for p in items if f"“{aid}” không tồn tại" in p.message]
    assert len(items) < 10, [p.format() for p in items]


# --- paths and URLs in settings ------------------------------------------------------------------------

SETTINGS = "content/settings.yaml"


@pytest.mark.parametrize("logo,fragment", [
    ("../../etc/passwd", "ngoài thư mục dự án"),
    ("/etc/passwd", "ngoài thư mục dự án"),
    ("file:///etc/passwd", "ngoài thư mục dự án"),
    ("https://example.com/logo.svg", "ngoài thư mục dự án"),
    ("..\\\\..\\\\etc\\\\passwd", "ngoài thư mục dự án"),
    ("theme/assets/khong-co.svg", "Không tìm thấy tệp biểu tượng"),
    ("content/settings.yaml", ".svg, .png"),
])
def test_logo_paths_outside_or_missing(proj, logo, fragment):
    old = "logo: " + (proj / SETTINGS).read_text(encoding="utf-8").split("logo: ", 1)[1].split("\n", 1)[0]
    line = edit(proj, SETTINGS, old, f"logo: \"{logo}\"")
    the_problem(problems_of(proj), SETTINGS, line, fragment)


def test_logo_symlink_out_of_the_project(proj):
    (proj / "theme/assets/lien-ket.svg").symlink_to("/etc/passwd")
    old = "logo: " + (proj / SETTINGS).read_text(encoding="utf-8").split("logo: ", 1)[1].split("\n", 1)[0]
    line = edit(proj, SETTINGS, old, "logo: theme/assets/lien-ket.svg")
    the_problem(problems_of(proj), SETTINGS, line, "ngoài thư mục dự án")


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<image xlink:href="https://example.com/x.png"/></svg>',
    '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
])
def test_logo_svg_with_scripts_or_outside_references(proj, svg):
    (proj / "theme/assets/logo-xau.svg").write_text(svg, encoding="utf-8")
    old = "logo: " + (proj / SETTINGS).read_text(encoding="utf-8").split("logo: ", 1)[1].split("\n", 1)[0]
    line = edit(proj, SETTINGS, old, "logo: theme/assets/logo-xau.svg")
    the_problem(problems_of(proj), SETTINGS, line, "SVG")


@pytest.mark.parametrize("url,fragment", [
    ("javascript:alert(1)", "không được phép"),
    ("data:text/html,<script>alert(1)</script>", "không được phép"),
    ("file:///etc/passwd", "không được phép"),
    ("vbscript:msgbox", "không được phép"),
    ("https://a.vn/)[x](javascript:alert(1)", "ký tự không được phép"),
    ("https://a.vn/\" onmouseover=\"alert(1)", "ký tự không được phép"),
])
def test_urls_that_are_not_plain_web_addresses(proj, url, fragment):
    text = (proj / SETTINGS).read_text(encoding="utf-8")
    old = "base_url: " + text.split("base_url: ", 1)[1].split("\n", 1)[0]
    line = edit(proj, SETTINGS, old, "base_url: '" + url.replace("'", "''") + "'")
    the_problem(problems_of(proj), SETTINGS, line, fragment)


@pytest.mark.parametrize("phone", ["1900) [x](javascript:alert(1)", "<b>1900</b>", "19009068 \" onclick=\"x", "gọi đi"])
def test_phone_numbers_are_phone_numbers(proj, phone):
    text = (proj / SETTINGS).read_text(encoding="utf-8")
    old = "phone: " + text.split("phone: ", 1)[1].split("\n", 1)[0]
    line = edit(proj, SETTINGS, old, "phone: '" + phone.replace("'", "''") + "'")
    the_problem(problems_of(proj), SETTINGS, line, "Số điện thoại", "1900.9068")


@pytest.mark.parametrize("phone", ["1900.9068", "024 3628 5231", "(024) 3628 5231", "+84 24 3628 5231", "0912-345-678"])
def test_phone_numbers_people_write_are_accepted(proj, phone):
    text = (proj / SETTINGS).read_text(encoding="utf-8")
    old = "phone: " + text.split("phone: ", 1)[1].split("\n", 1)[0]
    edit(proj, SETTINGS, old, f"phone: \"{phone}\"")
    assert load(proj).settings.hotline.phone == phone


@pytest.mark.parametrize("lang", ['zz", "direction": "ltr"}[key] ~ (7*7) ~ {"language": "zz', "../../../../tmp/x",
                                  "en us", "EN", "{{ 7*7 }}"])
def test_locale_language_tag_is_a_language_tag(proj, lang):
    """lang becomes a theme file name and template text: anything but a tag is refused (was template injection)."""
    line = edit(proj, SETTINGS, "    lang: en\n", "    lang: '" + lang.replace("'", "''") + "'\n")
    the_problem(problems_of(proj), SETTINGS, line, "Mã ngôn ngữ", "BCP 47")


@pytest.mark.parametrize("font", ['Noto"; } body { background: url(https://example.com/x) } a {"', "Noto</style>"])
def test_locale_font_names_cannot_write_css(proj, font):
    text = (proj / SETTINGS).read_text(encoding="utf-8")
    old = "    fonts: [Noto Sans]\n"
    at = text.index("    lang: en\n")
    at = text.index(old, at)
    line = text[:at].count("\n") + 1
    (proj / SETTINGS).write_text(text[:at] + "    fonts: ['" + font.replace("'", "''") + "']\n" + text[at + len(old):],
                                 encoding="utf-8")
    the_problem(problems_of(proj), SETTINGS, line, "Tên phông")


# --- a content folder with extra or misnamed files -------------------------------------------------------

def test_unknown_content_file_is_reported(proj):
    (proj / "content/tin-tuc.yaml").write_text("tin: 1\n", encoding="utf-8")
    assert any(p.file == "content/tin-tuc.yaml" for p in problems_of(proj))


def test_leaflet_with_yml_extension_is_reported(proj):
    leaflet = sources(proj, "leaflets")[0]
    (proj / "leaflets" / (leaflet.stem + "-2.yml")).write_text("id: x\n", encoding="utf-8")
    assert any(p.file.endswith(".yml") and ".yaml" in p.hint for p in problems_of(proj))


def test_shipped_content_is_valid():
    from tests.support import ROOT
    load(ROOT)


# --- wrong results that used to be accepted --------------------------------------------------------------------

def test_a_day_that_no_month_has_is_refused(proj):
    line = edit(proj, "content/periods.yaml", "    start_month: 2\n    start_day: 3\n", "    start_month: 2\n    start_day: 30\n")
    the_problem(problems_of(proj), "content/periods.yaml", line + 1, "Ngày bắt đầu 30/2")


def test_a_week_date_is_not_a_date(proj):
    line = edit(proj, "content/facts.yaml", "    valid_from: 2025-07-01", "    valid_from: 2026-W18-5")
    the_problem(problems_of(proj), "content/facts.yaml", line, "“2026-W18-5”", "NĂM-THÁNG-NGÀY")


def test_a_fact_that_ends_before_it_starts_is_refused(proj):
    line = edit(proj, "content/facts.yaml", "        valid_until: 2026-12-31", "        valid_until: 2020-12-31")
    the_problem(problems_of(proj), "content/facts.yaml", line, "31/12/2020 trước ngày bắt đầu 01/01/2022")


def test_a_format_written_twice_is_refused(proj):
    line = edit(proj, "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml", "formats: [a5]", "formats: [a5, a5]")
    the_problem(problems_of(proj), "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml", line, "“a5”", "hai lần")


@pytest.mark.parametrize("url", ["https://tuyentruyen-bhxh.example.vn/?utm=qr", "https://tuyentruyen-bhxh.example.vn/#tin"])
def test_a_base_url_with_a_query_or_fragment_is_refused(proj, url):
    line = edit(proj, "content/settings.yaml", "base_url: https://tuyentruyen-bhxh.example.vn/", f"base_url: {url}")
    the_problem(problems_of(proj), "content/settings.yaml", line, "base_url", "Viết là: https://tuyentruyen-bhxh.example.vn/")


@pytest.mark.parametrize("stem", ["to roi moi", "To-Roi-Moi", "tờ-rơi-mới"])
def test_the_hint_for_a_file_name_suggests_a_valid_id(proj, stem):
    src = proj / "leaflets" / "vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml"
    (proj / "leaflets" / f"{stem}.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    src.unlink()
    for f in (proj / "leaflets").glob("vi-sao-khong-nen-nhan-bhxh-mot-lan.*.yaml"):
        f.unlink()
    p = the_problem(problems_of(proj), f"leaflets/{stem}.yaml", 3, "khác tên tệp")
    assert "viết là: to-roi-moi" in p.hint and f"Đặt id: {stem}" not in p.hint
