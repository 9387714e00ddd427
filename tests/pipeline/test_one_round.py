"""Every error in one round: the rules run on whatever did load, beside the reading errors, and the
editor gets one list sorted by file and line, with a count."""
from __future__ import annotations

import re

import pytest

from tests.support import copy_project, run_build

pytestmark = pytest.mark.cli

BROKEN = "leaflets/nhung-dieu-can-biet-ve-bhyt-ho-gia-dinh.yaml"
NEAR_COPY = ("\n  - id: cho-dua-tuoi-gia\n    question: Vì sao nên có lương hưu?\n"
             "    answer: Lương hưu và bảo hiểm y tế là chỗ dựa lúc tuổi già.\n"
             "    status: approved\n    reviewed: 2026-11-21\n")


def _project(tmp_path):
    proj = copy_project(tmp_path / "p")
    leaflet = proj / BROKEN
    text = leaflet.read_text(encoding="utf-8")
    leaflet.write_text(text.replace("title:", "title: \"Thiếu dấu ngoặc đóng\n  subtitle:", 1), encoding="utf-8")
    qa = proj / "content" / "qa.yaml"
    qa.write_text(qa.read_text(encoding="utf-8") + NEAR_COPY, encoding="utf-8")
    return proj, qa.read_text(encoding="utf-8").splitlines().index("  - id: cho-dua-tuoi-gia") + 1


def _located(stderr: str) -> list[tuple[str, int]]:
    return [(m.group(1), int(m.group(2))) for m in re.finditer(r"^(?:Cảnh báo: )?([\w./-]+\.yaml):(\d+):", stderr, re.M)]


def test_a_yaml_error_and_a_near_copy_come_in_one_list(tmp_path):
    proj, qa_line = _project(tmp_path)
    result = run_build(proj, "--out", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr[-2000:]
    err = result.stderr
    assert BROKEN + ":" in err, err[-2000:]  # the syntax error, with its line
    assert f"content/qa.yaml:{qa_line}:" in err and "gần giống thông điệp chính thức" in err  # the near-copy, the same run
    head = err.splitlines()[0]
    assert re.match(r"Phát hiện \d+ lỗi và \d+ cảnh báo", head), head
    located = _located(err)
    assert located == sorted(located), "one list, sorted by file and line"
    assert not (tmp_path / "out").exists()


def test_a_release_check_refuses_both_in_one_run(tmp_path):
    proj, qa_line = _project(tmp_path)
    messages = proj / "content" / "messages.yaml"
    messages.write_text(messages.read_text(encoding="utf-8").replace("status: draft", "status: approved"), encoding="utf-8")
    result = run_build(proj, "check", "--release")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if re.match(r"[\w./-]+\.yaml:\d+:", line)]
    assert any(line.startswith(BROKEN + ":") for line in errors)
    assert any(line.startswith(f"content/qa.yaml:{qa_line}:") and "gần giống" in line for line in errors)
