"""Facts are timelines: a build uses the value in force on its effective date (--as-of), derived
amounts follow, the next value is announced 'từ ngày …' when it is close, and a release refuses a
published figure with no value that day."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.support import copy_project, run_build

pytestmark = pytest.mark.cli  # runs the real command line on a copied project (make test-fast leaves it out)

# a fixture timeline: the poverty-line basis changes on 1 July 2030
TIMELINE = """  - id: chuan-ngheo-nong-thon
    label: Chuẩn hộ nghèo khu vực nông thôn (mức thu nhập thấp nhất làm căn cứ đóng)
    unit: vnd_per_month
    values:
      - value: 1000000
        source: Văn bản thử A
        valid_from: 2022-01-01
        valid_until: 2030-06-30
      - value: 2000000
        source: Văn bản thử B
        valid_from: 2030-07-01
    status: draft
    reviewed: 2026-11-23

"""


@pytest.fixture(scope="module")
def timeline_project(tmp_path_factory, good) -> Path:
    """The shipped content in Vietnamese only, with the fixture timeline for the basis."""
    proj = copy_project(tmp_path_factory.mktemp("asof") / "proj", outputs_from=good)
    settings = proj / "content" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    for loc in ("en", "tay", "hmong", "khmer", "thai"):
        text = text.replace(f"  - id: {loc}\n", f"  - id: {loc}\n    build: false\n", 1)
    settings.write_text(text, encoding="utf-8")
    facts = proj / "content" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    start = text.index("  - id: chuan-ngheo-nong-thon")
    end = text.index("  - id: ", start + 10)
    facts.write_text(text[:start] + TIMELINE + text[end:], encoding="utf-8")
    return proj


def _build(proj: Path, day: str) -> Path:
    out = proj.parent / f"site-{day}"
    result = run_build(proj, "--as-of", day, "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def _page(site: Path, rel: str) -> str:
    return re.sub(r"<[^>]+>", " ", (site / rel / "index.html").read_text(encoding="utf-8"))


def _pdf_text(site: Path, name: str = "nhung-dieu-can-biet-ve-bhxh-tu-nguyen-gap-ba.pdf") -> str:
    pdf = site / "pdf" / "vi" / name
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


# (more than 90 days before the change there is no announcement: tests/rules/test_timeline.py)
@pytest.mark.parametrize("day, basis, lowest, support_poor, announced", [
    ("2030-06-01", "1.000.000", "220.000", "110.000", True),   # 30 days before: "từ 01/07/2030: 2.000.000"
    ("2030-07-15", "2.000.000", "440.000", "220.000", False),  # after: the new value and amounts
])
def test_a_build_as_of_a_day_prints_the_values_in_force_and_amounts_computed_from_them(
        timeline_project, day, basis, lowest, support_poor, announced):
    site = _build(timeline_project, day)
    facts = _page(site, "so-lieu")
    assert f"{basis} đồng/tháng" in facts
    assert f"{lowest} đồng/tháng" in facts  # muc-dong-thap-nhat = basis × 22%
    assert f"{support_poor} đồng/tháng" in facts  # tien-ho-tro-ho-ngheo = basis × 22% × 50%
    assert ("(từ 01/07/2030: 2.000.000 đồng/tháng)" in facts) == announced
    pdf = _pdf_text(site)
    assert f"{basis} đồng/tháng" in pdf
    table = _pdf_text(site, "vi-sao-nguoi-dan-nen-tham-gia-bhxh-tu-nguyen-bhyt-ho-gia-dinh-a5.pdf")
    assert lowest in table.split()  # the contribution table's column for the poverty-line income: basis × 22%
    assert ("từ 01/07/2030: 2.000.000" in " ".join(pdf.split())) == announced


def test_a_release_refuses_a_published_figure_with_no_value_on_its_day(timeline_project, tmp_path):
    proj = copy_project(tmp_path / "proj")
    qa = proj / "content" / "qa.yaml"
    with open(qa, "a", encoding="utf-8") as f:
        f.write("\n  - id: ty-le-dong\n    question: Đóng bao nhiêu phần trăm?\n"
                "    answer: Mỗi tháng đóng [[ty-le-dong-bhxh-tu-nguyen]] thu nhập bạn chọn.\n"
                "    status: approved\n    reviewed: 2026-11-21\n")
    messages = proj / "content" / "messages.yaml"
    messages.write_text(messages.read_text(encoding="utf-8").replace("status: draft", "status: approved", 1), encoding="utf-8")
    line = qa.read_text(encoding="utf-8").splitlines().index("  - id: ty-le-dong") + 1
    result = run_build(proj, "--release", "--as-of", "2025-01-01")  # the 22% rate applies from 01/07/2025
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"content/qa.yaml:{line}:" in result.stderr
    assert "“ty-le-dong” dùng số liệu “ty-le-dong-bhxh-tu-nguyen” nhưng số liệu này không có giá trị áp dụng ngày 01/01/2025" \
        in result.stderr
    assert "(content/facts.yaml:4)" in result.stderr
    assert not (proj / "site").exists()


def test_as_of_must_be_a_calendar_day(timeline_project):
    result = run_build(timeline_project, "--as-of", "2026-W18-5")
    assert result.returncode == 2 and "NĂM-THÁNG-NGÀY" in result.stderr


def test_an_edition_carries_its_print_date_and_the_command_line_overrides_it(tmp_path, good):
    """editions/<id>/edition.yaml `as_of: 2027-01-01`: the edition prints the shipped figures in force that day
    (the rural poverty line of 2027–2030, 2,200,000) without a flag; `--as-of` still wins."""
    proj = copy_project(tmp_path / "proj", outputs_from=good)
    settings = proj / "content" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    for loc in ("en", "tay", "hmong", "khmer", "thai"):
        text = text.replace(f"  - id: {loc}\n", f"  - id: {loc}\n    build: false\n", 1)
    settings.write_text(text, encoding="utf-8")
    edition = proj / "editions" / "can-tho" / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("\nlocales: [khmer]", "\nas_of: 2027-01-01\nlocales: []", 1),
                       encoding="utf-8")
    out = tmp_path / "site-2027"
    result = run_build(proj, "--edition", "can-tho", "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    facts = _page(out, "so-lieu")
    assert "2.200.000 đồng/tháng" in facts and "484.000 đồng/tháng" in facts  # 22% of the 2027 basis
    assert "1.500.000 đồng/tháng" not in facts.split("Căn cứ")[0]
    script = " ".join(subprocess.run(["pdftotext", str(out / "pdf" / "vi" / "phat-thanh-bhxh-tu-nguyen.pdf"), "-"],
                                     capture_output=True, text=True, check=True).stdout.split())
    assert "hai triệu hai trăm nghìn đồng một tháng" in script and "01/01/2027" in script
    override = tmp_path / "site-2026"
    result = run_build(proj, "--edition", "can-tho", "--as-of", "2026-06-01", "--out", str(override))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "1.500.000 đồng/tháng" in _page(override, "so-lieu")
