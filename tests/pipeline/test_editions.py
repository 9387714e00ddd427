"""Local editions: the national content with a regional office's own details, built by
`--edition ID`; official texts stay national; unconfirmed data never reaches a release."""
from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.support import ROOT, cli_command, copy_project, run_build

pytestmark = pytest.mark.cli  # runs the real command line on a copied project (make test-fast leaves it out)

HANOI_LINE = "36285231"


def _pdf_texts(site: Path) -> dict[str, str]:
    return {p.relative_to(site / "pdf").as_posix(): " ".join(subprocess.run(["pdftotext", str(p), "-"], capture_output=True,
                                                                           text=True).stdout.split())
            for p in (site / "pdf").rglob("*.pdf")}


@pytest.fixture(scope="module")
def local(tmp_path_factory, good) -> Path:
    """The Thái Nguyên edition with one confirmed office phone and one confirmed agent (test data,
    not shipped: the shipped edition keeps "cần xác nhận" until the office sends real ones)."""
    proj = copy_project(tmp_path_factory.mktemp("ed") / "proj", outputs_from=good)
    path = proj / "editions" / "thai-nguyen" / "edition.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("locales: [tay, nung, hmong, dao]", "locales: [tay]")
    text = text.replace("    address: cần xác nhận\n    phone: cần xác nhận\n    hours:",
                        "    address: Số 1 đường Thử Nghiệm\n    phone: 0208 3855 123\n    hours:", 1)
    at = text.index("  - id: xa-van-lang-2143")  # Xã Văn Lang, beside Xã Văn Lăng (5665): the same name without marks
    text = text[:at] + text[at:].replace("      - name: cần xác nhận\n        phone: cần xác nhận",
                                         "      - name: Nguyễn Thị Thử\n        phone: 0912 345 678\n        place: Nhà văn hóa thôn Thử", 1)
    path.write_text(text, encoding="utf-8")
    return proj


@pytest.fixture(scope="module")
def local_site(local) -> Path:
    out = local.parent / "site-thai-nguyen"
    result = run_build(local, "--edition", "thai-nguyen", "--commune", "xa-van-lang-2143", "--commune", "xa-van-lang-5665", "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_editions_lists_the_national_edition_and_the_two_examples():
    result = subprocess.run(cli_command(Path(__file__).resolve().parents[2], "editions", "--json"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert {"toan-quoc", "thai-nguyen", "can-tho"} <= set(rows)
    assert {"tay", "nung", "hmong", "dao"} <= set(rows["thai-nguyen"]["locales"]) and "khmer" in rows["can-tho"]["locales"]
    assert rows["thai-nguyen"]["pending"]  # the shipped examples are honest about what is not confirmed


def test_an_edition_prints_its_office_and_a_commune_copy_its_agents(local_site):
    texts = _pdf_texts(local_site)
    rows = json.loads((local_site / "pdf" / "manifest.json").read_text(encoding="utf-8"))["files"]
    leaflets = {r["path"].removeprefix("pdf/") for r in rows if r["kind"] == "leaflet"}  # banners, posters, scripts: the hotline
    standard = [t for name, t in texts.items() if name in leaflets]
    missing = [t[:150] for t in standard if "0208 3855 123" not in t]
    assert standard and not missing, missing  # the edition's office phone, as text
    commune = {name: t for name, t in texts.items() if name.startswith("vi/xa/xa-van-lang-2143/")}
    assert commune and all("ở Xã Văn Lang:" in t and "0912 345 678" in t for t in commune.values())
    lang_ = {name: t for name, t in texts.items() if name.startswith("vi/xa/xa-van-lang-5665/")}  # Văn Lăng: its own files
    assert lang_ and all("ở Xã Văn Lăng:" in t and "Nguyễn Thị Thử" not in t for t in lang_.values())
    assert not any("Xã Văn Lăng" in t for t in commune.values())  # each commune's name on its own leaflets only
    assert not any("/xa-phong-quang/" in name for name in texts)  # only the communes asked for
    assert not any(HANOI_LINE in t.replace(".", "").replace(" ", "") for t in texts.values())


def test_an_edition_site_lists_offices_and_agents_and_points_its_qr_codes_home(local_site):
    contacts = (local_site / "lien-he" / "index.html").read_text(encoding="utf-8")
    assert "Xã Văn Lang" in contacts and 'href="tel:+84-912-345-678"' in contacts
    index = json.loads((local_site / "assets" / "search-index.json").read_text(encoding="utf-8"))
    assert any("Xã Văn Lang" in d["x"] and d["u"].endswith("lien-he/") for d in index["docs"])
    pdf = local_site / "pdf" / "vi" / "vi-sao-khong-nen-nhan-bhxh-mot-lan-a5.pdf"
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(local_site.parent / "qr")], check=True)
    codes = [subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True).stdout.strip()
             for png in sorted(local_site.parent.glob("qr*.png"))]
    assert "https://tuyentruyen-bhxh.example.vn/thai-nguyen/to-roi/vi-sao-khong-nen-nhan-bhxh-mot-lan/" in codes
    for page in local_site.rglob("*.html"):
        assert not re.search(r"\bBHXH (cấp )?huyện\b", page.read_text(encoding="utf-8")), page


def test_an_edition_cannot_change_an_official_slogan(tmp_path):
    proj = copy_project(tmp_path / "p")
    path = proj / "editions" / "can-tho" / "edition.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "slogans:\n  - id: chu-dong-tham-gia\n    text: Hãy tham gia BHXH ở Cần Thơ\n", encoding="utf-8")
    line = text.count("\n") + 1
    result = run_build(proj, "--edition", "can-tho", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert f"editions/can-tho/edition.yaml:{line}:" in result.stderr and "không được thay đổi văn bản chính thức" in result.stderr
    (proj / "editions" / "can-tho" / "slogans.yaml").write_text("slogans: []\n", encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    result = run_build(proj, "--edition", "can-tho", "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "editions/can-tho/slogans.yaml:1:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_release_of_an_edition_with_unconfirmed_contacts_lists_what_to_fill_in(tmp_path):
    proj = copy_project(tmp_path / "p")
    result = run_build(proj, "--edition", "can-tho", "--release", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "editions/can-tho/edition.yaml" in result.stderr
    assert "số điện thoại của cơ quan “BHXH khu vực phụ trách thành phố Cần Thơ" in result.stderr
    assert "còn ghi “cần xác nhận”" in result.stderr and not (tmp_path / "out").exists()


def test_an_outdated_term_warns_in_a_preview_and_stops_a_release(tmp_path, good):
    proj = copy_project(tmp_path / "p", outputs_from=good)
    qa = proj / "content" / "qa.yaml"
    qa.write_text(qa.read_text(encoding="utf-8").replace("cơ quan BHXH nơi bạn sống", "BHXH huyện", 1), encoding="utf-8")
    result = run_build(proj, "--out", str(tmp_path / "preview"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "dùng từ “BHXH huyện” không còn đúng" in result.stderr and "cơ quan BHXH nơi bạn sống (BHXH khu vực" in result.stderr
    messages = proj / "content" / "messages.yaml"
    messages.write_text(messages.read_text(encoding="utf-8").replace("status: draft", "status: approved"), encoding="utf-8")
    with open(qa, "a", encoding="utf-8") as f:
        f.write("\n  - id: noi-dang-ky\n    question: Đăng ký ở đâu?\n    answer: Tại BHXH huyện nơi bạn ở.\n"
                "    status: approved\n    reviewed: 2026-11-21\n")
    result = run_build(proj, "--release", "--out", str(tmp_path / "release"))
    assert result.returncode == 1 and "dùng từ “BHXH huyện”" in result.stderr


def test_the_where_to_pay_page_lists_every_commune_and_the_search_finds_them_by_old_names(local_site):
    page = (local_site / "dong-bhxh-o-dau" / "index.html").read_text(encoding="utf-8")
    edition = (ROOT / "editions" / "thai-nguyen" / "edition.yaml").read_text(encoding="utf-8")
    names = re.findall(r"^    name: (.+)$", edition, re.M)
    assert len(names) == 92 and all(f">{html.escape(n, quote=False)}</h3>" in page for n in names)
    assert 'id="xa-van-lang-2143"' in page and 'id="xa-van-lang-5665"' in page
    assert "Nguyễn Thị Thử" in page and 'href="tel:+84-912-345-678"' in page
    index = json.loads((local_site / "assets" / "search-index.json").read_text(encoding="utf-8"))
    entry = [d for d in index["docs"] if d["u"].endswith("dong-bhxh-o-dau/#xa-van-lang-2143")]
    assert entry and "Xã Lương Thượng" in entry[0]["x"]  # a commune merged into Văn Lang in 2025
    assert sum(d["k"] == "where" for d in index["docs"]) == 93  # the page and one entry per commune


def test_the_ci_templates_are_generated_from_the_editions_and_up_to_date():
    result = subprocess.run(cli_command(ROOT, "editions", "ci", "--check"), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for name in ("github-editions.yml", "gitlab-editions.yml"):
        text = (ROOT / "docs" / "ci" / name).read_text(encoding="utf-8")
        assert "toan-quoc" in text and "thai-nguyen" in text and "can-tho" in text


@pytest.mark.build
def test_the_national_edition_is_an_edition_like_the_others(tmp_path, site_dir, good):
    out = tmp_path / "national"
    result = run_build(copy_project(tmp_path / "p", outputs_from=good), "--edition", "toan-quoc", "--out", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    ours = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    plain = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    assert ours == plain
    same = [rel for rel in ours if rel.endswith(".pdf") and (out / rel).read_bytes() == (site_dir / rel).read_bytes()]
    assert len(same) == sum(rel.endswith(".pdf") for rel in ours)
