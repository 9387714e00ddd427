"""`build.py approve`: a head of unit sees what will be published, then the item's own lines get
status, date and approver; nothing else in the file changes, and nothing is written on a problem."""
from __future__ import annotations

import difflib
import subprocess

import pytest

from bhxhpub.pipeline.plan import load
from tests.support import cli_command, copy_project, run_build

QA = "content/qa.yaml"
LEAFLET = "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml"
TODAY = {"BHXH_TODAY": "2026-11-23"}


def approve(proj, *args, stdin=None):
    from tests.support import build_env
    return subprocess.run(cli_command(proj, "approve", *args), capture_output=True, text=True, cwd=proj,
                          env=build_env(TODAY), input=stdin)


@pytest.fixture
def proj(tmp_path):
    return copy_project(tmp_path / "proj")


def _changed_lines(before: str, after: str) -> list[str]:
    return [l for l in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if l[:1] in "+-" and not l.startswith(("+++", "---"))]


@pytest.mark.cli
def test_approving_shows_what_will_be_published_and_writes_only_the_items_own_lines(proj):
    qa_before = (proj / QA).read_text(encoding="utf-8")
    leaflet_before = (proj / LEAFLET).read_text(encoding="utf-8")
    result = approve(proj, "co-nen-rut-bhxh-mot-lan", "--all-in", LEAFLET, "--by", "Trần Thị B, Trưởng phòng", "--yes")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Sẽ duyệt 2 mục, người duyệt: Trần Thị B, Trưởng phòng, ngày 23/11/2026" in out
    assert "Cần đóng BHXH đủ 15 năm và đủ tuổi nghỉ hưu." in out  # the text as a reader sees it, figures filled in
    assert "[[tro-cap-huu-tri-xa-hoi]] = 500.000 đồng/tháng – Nghị định 176/2025/NĐ-CP (chưa xác nhận)" in out
    assert "bản công bố vẫn sẽ dừng" in out and "“tro-cap-huu-tri-xa-hoi” chưa xác nhận" in out
    assert _changed_lines(qa_before, (proj / QA).read_text(encoding="utf-8")) == [
        "-    status: draft", "-    reviewed: 2026-11-21",
        "+    status: approved", '+    approved_by: "Trần Thị B, Trưởng phòng"', "+    reviewed: 2026-11-23"]
    assert _changed_lines(leaflet_before, (proj / LEAFLET).read_text(encoding="utf-8")) == [
        "-status: draft", "-reviewed: 2026-11-21",
        "+status: approved", '+approved_by: "Trần Thị B, Trưởng phòng"', "+reviewed: 2026-11-23"]
    content = load(proj)
    q = next(q for q in content.qa if q.id == "co-nen-rut-bhxh-mot-lan")
    assert not q.editorial.is_draft and q.editorial.approved_by == "Trần Thị B, Trưởng phòng"
    # approving again keeps one approved_by line, with the new name
    assert approve(proj, "co-nen-rut-bhxh-mot-lan", "--by", "Lê C", "--yes").returncode == 0
    assert (proj / QA).read_text(encoding="utf-8").count("approved_by:") == 1
    assert 'approved_by: "Lê C"' in (proj / QA).read_text(encoding="utf-8")


def test_nothing_is_written_without_a_confirmation(proj):
    before = (proj / QA).read_text(encoding="utf-8")
    result = approve(proj, "co-nen-rut-bhxh-mot-lan", "--by", "Trần Thị B", stdin="")
    assert result.returncode == 1 and "--yes" in result.stderr
    assert (proj / QA).read_text(encoding="utf-8") == before


def test_an_unknown_or_ambiguous_id_writes_nothing_and_says_what_to_write(proj):
    before = (proj / QA).read_text(encoding="utf-8")
    result = approve(proj, "co-nen-rut-bhxh-mot-lann", "--by", "Trần Thị B", "--yes")
    assert result.returncode == 1 and "Không có mục nào mã “co-nen-rut-bhxh-mot-lann”" in result.stderr
    assert "co-nen-rut-bhxh-mot-lan" in result.stderr.split("Cách sửa")[1]
    assert (proj / QA).read_text(encoding="utf-8") == before


@pytest.mark.cli
def test_a_release_lists_what_it_left_out_and_why(proj, tmp_path):
    messages = proj / "content" / "messages.yaml"
    messages.write_text(messages.read_text(encoding="utf-8").replace("status: draft", "status: approved"), encoding="utf-8")
    result = run_build(proj, "--release", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Bản công bố không có" in result.stdout
    assert f"{LEAFLET}:3: Tờ rơi “vi-sao-khong-nen-nhan-bhxh-mot-lan”: dự thảo, chưa duyệt." in result.stdout
    assert "tiếng H'Mông (hmong): 0 bản dịch chưa duyệt, 0 cần xem lại (bản gốc đã đổi)" in result.stdout


# --- hostile input (issue 25): the name, ids, paths, formatting, two approvals at once, a broken file ---------

QA_ID = "co-nen-rut-bhxh-mot-lan"
QA_OTHER = "khi-nao-duoc-nhan-bhxh-mot-lan"


@pytest.mark.parametrize("name, says", [
    ("Nguyễn Văn A\nstatus: approved", "xuống dòng"),
    ("Nguyễn Văn A\r\n---\nx: 1", "xuống dòng"),
    ("Lê\u202eB", "ký tự ẩn"),
    ("<script>alert(1)</script>", "mã HTML"),
    ("<b>Trưởng phòng</b>", "mã HTML"),
    ("A" * 10_000, "dài 10000 ký tự, tối đa 200"),
    ("   ", "Cần tên người duyệt"),
])
def test_an_approvers_name_that_is_not_one_line_of_text_is_refused(proj, name, says):
    before = (proj / QA).read_bytes()
    result = approve(proj, QA_ID, "--by", name, "--yes")
    assert result.returncode == 1 and says in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert (proj / QA).read_bytes() == before


def test_yaml_syntax_in_a_name_is_stored_as_plain_text_and_nothing_else_changes(proj):
    name = 'Lê "Tí": {a: [b]} # &x *x !!python/object \\ \'q\' | % @ `'
    before = (proj / QA).read_text(encoding="utf-8")
    result = approve(proj, QA_ID, "--by", name, "--yes")
    assert result.returncode == 0, result.stderr
    changed = _changed_lines(before, (proj / QA).read_text(encoding="utf-8"))
    assert [line[:1] + line[1:].split(":")[0].strip() for line in changed] == [
        "-status", "-reviewed", "+status", "+approved_by", "+reviewed"]
    q = next(q for q in load(proj).qa if q.id == QA_ID)
    assert q.editorial.approved_by == name


def test_comments_spacing_and_line_ends_around_the_edited_lines_stay_byte_for_byte(proj):
    qa = proj / QA
    text = qa.read_text(encoding="utf-8")
    first = text.index("    status: draft\n")
    text = (text[:first] + "    status:   draft   # chờ trưởng phòng\n    reviewed: 2026-11-21 # lần 2\n"
            + text[first + len("    status: draft\n    reviewed: 2026-11-21\n"):])
    qa.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))  # written on Windows
    before = qa.read_bytes()
    result = approve(proj, QA_ID, "--by", "Trần Thị B", "--yes")
    assert result.returncode == 0, result.stderr
    after = qa.read_bytes()
    expected = before.replace(b"    status:   draft   # ch", b"    status:   approved   # ch").replace(
        "   # chờ trưởng phòng\r\n".encode(), "   # chờ trưởng phòng\r\n    approved_by: \"Trần Thị B\"\r\n".encode()).replace(
        b"    reviewed: 2026-11-21 # l", b"    reviewed: 2026-11-23 # l")
    assert after == expected


@pytest.mark.parametrize("args, says", [
    (["../../etc/passwd"], "Mã “../../etc/passwd” không hợp lệ"),
    (["qa:../co-nen-rut-bhxh-mot-lan"], "không hợp lệ"),
    (["--all-in", "../outside.yaml"], "nằm ngoài thư mục dự án"),
    (["--all-in", "/etc/passwd"], "nằm ngoài thư mục dự án"),
    (["--all-in", "content/../../x.yaml"], "nằm ngoài thư mục dự án"),
])
def test_an_id_or_file_outside_the_project_is_refused(proj, args, says):
    (proj.parent / "outside.yaml").write_text("status: draft\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in proj.parent.rglob("*.yaml")}
    result = approve(proj, *args, "--by", "Trần Thị B", "--yes")
    assert result.returncode == 1 and says in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in proj.parent.rglob("*.yaml")} == before


def test_two_approvals_at_once_in_one_file_both_land(proj):
    from tests.support import build_env
    runs = [subprocess.Popen(cli_command(proj, "approve", ident, "--by", who, "--yes"), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=proj, env=build_env(TODAY))
            for ident, who in ((QA_ID, "Người A"), (QA_OTHER, "Người B"))]
    for r in runs:
        out, err = r.communicate(timeout=300)
        assert r.returncode == 0, err
    approved = {q.id: q.editorial.approved_by for q in load(proj).qa if not q.editorial.is_draft}
    assert approved[QA_ID] == "Người A" and approved[QA_OTHER] == "Người B"


def test_approving_while_a_file_has_a_yaml_syntax_error_is_refused(proj):
    qa = proj / QA
    qa.write_text(qa.read_text(encoding="utf-8").replace("    leaflet: vi-sao", "    leaflet: [vi-sao", 1), encoding="utf-8")
    line = qa.read_text(encoding="utf-8").splitlines().index("    leaflet: [vi-sao-khong-nen-nhan-bhxh-mot-lan") + 1
    before = {p: p.read_bytes() for p in proj.rglob("*.yaml")}
    result = approve(proj, QA_OTHER, "--all-in", LEAFLET, "--by", "Trần Thị B", "--yes")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{QA}:{line}" in result.stderr or f"{QA}:{line + 1}" in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in proj.rglob("*.yaml")} == before


def test_a_field_not_written_on_its_own_line_is_left_for_the_editor():
    from bhxhpub.authoring.approve import _set
    from bhxhpub.errors import Problems
    problems = Problems()
    lines = ["  - {id: x, status: draft, reviewed: 2026-01-01}", "    approved_by: >-", "      Lê A"]
    _set(lines, ("f.yaml", 1, 22), "status", "approved", problems)
    _set(lines, ("f.yaml", 2, 18), "approved_by", '"B"', problems)
    assert lines[0].startswith("  - {id: x, status: draft") and lines[1].endswith(">-")
    assert [p.line for p in problems.items] == [1, 2] and "Sửa tay" in problems.items[0].hint
