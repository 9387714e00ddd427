"""A province's edition from the official list: scaffolded in one command, every commune checked
against the list, synced when the list changes, never overwritten."""
from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from bhxhpub.authoring.scaffold import new_edition, sync_edition
from bhxhpub.errors import BuildError, ContentError
from bhxhpub.model import geography
from bhxhpub.pipeline.plan import validate
from tests.support import ROOT, copy_project

TODAY = date(2026, 12, 4)
GEO = geography.load(ROOT)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    proj = copy_project(tmp_path_factory.mktemp("sc") / "p")
    shutil.rmtree(proj / "editions" / "thai-nguyen")
    made = new_edition(proj, "thai nguyen", TODAY)
    return proj, made


@pytest.fixture
def proj(scaffolded, tmp_path):
    """A copy of the scaffolded project to break."""
    dest = tmp_path / "p"
    shutil.copytree(scaffolded[0], dest)
    return dest


def _edition(proj):
    return proj / "editions" / "thai-nguyen" / "edition.yaml"


def _errors(proj, release=False):
    with pytest.raises(ContentError) as exc:
        validate(proj, release=release, edition="thai-nguyen")
    return exc.value.problems.items


def test_a_new_edition_has_every_official_commune_and_passes_the_check(scaffolded):
    proj, made = scaffolded
    assert made.ident == "thai-nguyen" and made.province.code == 19
    checked = validate(proj, edition="thai-nguyen")
    edition = checked.loaded.edition
    official = [u for u in GEO.provinces if u.code == 19][0].units
    assert [c.name for c in edition.communes] == [u.name for u in official] and len(edition.communes) == 92
    assert [c.code for c in edition.communes] == [u.code for u in official]
    assert len({c.id for c in edition.communes}) == 92
    assert edition.editorial.is_draft and all(a.name == "cần xác nhận" for c in edition.communes for a in c.agents)
    text = _edition(proj).read_text(encoding="utf-8")
    assert "KHÔNG bịa" in text and "editions sync thai-nguyen" in text  # the comments say what to fill in
    with pytest.raises(ContentError):  # placeholders stop a release
        validate(proj, release=True, edition="thai-nguyen")


def test_an_existing_edition_is_never_overwritten(scaffolded):
    proj, _ = scaffolded
    before = _edition(proj).read_bytes()
    with pytest.raises(BuildError, match="không ghi đè"):
        new_edition(proj, "Thái Nguyên", TODAY)
    assert _edition(proj).read_bytes() == before


def test_an_unknown_province_names_the_nearest(scaffolded):
    with pytest.raises(BuildError, match="Thái Nguyên"):
        new_edition(scaffolded[0], "Thai Ngyen", TODAY)


def _set_commune(proj, cid, **fields):
    path = _edition(proj)
    text = path.read_text(encoding="utf-8")
    at = text.index(f"  - id: {cid}\n")
    end = text.index("    agents:", at)
    block = text[at:end]
    for key, value in fields.items():
        if key == "id":
            block = block.replace(f"  - id: {cid}\n", f"  - id: {value}\n", 1)
        elif value is None:
            block = re.sub(rf"    {key}: .*\n", "", block)
        else:
            block = re.sub(rf"    {key}: .*\n", f"    {key}: {value}\n", block)
    path.write_text(text[:at] + block + text[end:], encoding="utf-8")
    return text[:at].count("\n") + 1


def test_the_same_commune_id_twice_is_refused_with_both_lines(proj):
    lang = _set_commune(proj, "xa-van-lang-2143", id="xa-van-lang-5665")  # Văn Lang given Văn Lăng's id
    text = _edition(proj).read_text(encoding="utf-8")
    lang_ = text[: text.index("    code: 5665\n")].count("\n")  # the line of Văn Lăng's "- id:"
    found = [p for p in _errors(proj) if "trùng mã “xa-van-lang-5665”" in p.message]
    assert lang < lang_ and found and found[0].line == lang_ and f"dòng {lang}" in found[0].message  # both lines


def test_a_commune_not_in_the_list_is_refused(proj):
    line = _set_commune(proj, "xa-phong-quang", name="Xã Không Có", code=None)
    found = [p for p in _errors(proj) if p.line == line]
    assert found and "Không tìm thấy “Xã Không Có”" in found[0].message


def test_a_name_without_marks_is_refused_with_both_official_names(proj):
    line = _set_commune(proj, "xa-phong-quang", name="Xa Van Lang", code=None)
    found = [p for p in _errors(proj) if p.line == line]
    assert found and "Xã Văn Lang (code: 2143)" in found[0].hint and "Xã Văn Lăng (code: 5665)" in found[0].hint


def test_a_commune_of_another_province_and_a_wrong_name_are_refused(proj):
    _set_commune(proj, "xa-phong-quang", code=25807, name="Xã Thanh An")  # Hồ Chí Minh City
    _set_commune(proj, "xa-bang-thanh", name="Xã Bằng Thành Mới")
    messages = [p.message for p in _errors(proj)]
    assert any("thuộc Thành phố Hồ Chí Minh, không thuộc Tỉnh Thái Nguyên" in m for m in messages)
    assert any("khác tên chính thức" in m and "Xã Bằng Thành" in m for m in messages)


def test_an_office_serving_a_commune_the_edition_lacks_is_refused(proj):
    path = _edition(proj)
    path.write_text(path.read_text(encoding="utf-8").replace("      - phuong-duc-xuan\n", "      - phuong-khong-co\n", 1),
                    encoding="utf-8")
    assert any("phuong-khong-co" in p.message for p in _errors(proj))


def test_a_code_no_longer_in_the_list_warns_in_a_preview_and_stops_a_release(proj):
    _set_commune(proj, "xa-phong-quang", code=99999)
    checked = validate(proj, edition="thai-nguyen")
    assert any("99999" in w.message for w in checked.warnings)
    assert any("99999" in p.message for p in _errors(proj, release=True))


def test_sync_adds_what_the_list_has_and_reports_what_it_no_longer_has_touching_nothing_else(proj):
    path = _edition(proj)
    text = path.read_text(encoding="utf-8")
    at = text.index("  - id: xa-van-lang-2143\n")
    end = text.index("  - id:", at + 5)
    text = text[:at] + text[end:]
    text = text.replace("status: draft", "  - id: xa-cu  # ghi chú của biên tập viên\n    code: 99999\n    name: Xã Cũ\nstatus: draft")
    path.write_text(text, encoding="utf-8")
    report = sync_edition(proj, "thai-nguyen", TODAY)
    assert report.added == ("Xã Văn Lang (2143)",) and report.gone == ("Xã Cũ (99999)",)
    after = path.read_text(encoding="utf-8")
    cut = text.index("status: draft")
    assert after.startswith(text[:cut]) and after.endswith(text[cut:])  # every byte the editor wrote, in place
    assert "  - id: xa-van-lang-2143\n    code: 2143\n    name: Xã Văn Lang\n" in after[cut:]
    assert sync_edition(proj, "thai-nguyen", TODAY).added == ()  # a second run adds nothing


@pytest.mark.parametrize("ident", ["../ngoai", "Thai Nguyen", "con", "toan-quoc", "pdf"])
def test_an_edition_id_that_is_no_folder_name_is_refused_before_anything_is_written(scaffolded, ident):
    proj = scaffolded[0]
    before = sorted(p.relative_to(proj).as_posix() for p in proj.rglob("*"))
    with pytest.raises(BuildError, match="Không dùng được mã"):
        new_edition(proj, "Cần Thơ", TODAY, ident)
    assert sorted(p.relative_to(proj).as_posix() for p in proj.rglob("*")) == before
    assert not (proj.parent / "ngoai").exists()
