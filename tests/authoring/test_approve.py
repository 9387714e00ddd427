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
