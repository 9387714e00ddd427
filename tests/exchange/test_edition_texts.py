"""An edition's own texts reach its translators: `translations export --edition ID` adds its offices' names and
hours and its local Q&A; imported with `--edition`, they land in editions/<id>/*.<locale>.yaml and the edition's
Tày pages show them (fixture text, clearly test data)."""
from __future__ import annotations

import re
import subprocess

import polib
import pytest

from tests.support import cli_command, copy_project, run_build

pytestmark = pytest.mark.cli

EDITION = "thai-nguyen"
QA = "qa/dai-ly-thu-o-xa-toi"
OFFICE = f"edition/{EDITION}/offices.1"


@pytest.fixture(scope="module")
def edition_project(tmp_path_factory, good):
    base = tmp_path_factory.mktemp("edition-texts")
    proj = copy_project(base / "proj", outputs_from=good)
    settings = proj / "content" / "settings.yaml"
    settings.write_text(re.sub(r"(?m)^  - id: (en|hmong|khmer|thai|nung|dao)\n(    .*\n)+", "",
                               settings.read_text(encoding="utf-8")), encoding="utf-8")
    for f in list(proj.rglob("*.*.yaml")):
        f.unlink()
    edition = proj / "editions" / EDITION / "edition.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("locales: [tay, nung, hmong, dao]", "locales: [tay]"),
                       encoding="utf-8")
    return proj, base


def _export(proj, out, *extra):
    r = subprocess.run(cli_command(proj, "translations", "export", "--locale", "tay", "--format", "po", "--out", str(out),
                                   *extra), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return polib.pofile(str(out))


def test_an_edition_export_has_its_offices_and_local_qa_and_they_come_back_on_its_tay_pages(edition_project):
    proj, base = edition_project
    national = _export(proj, base / "national.po")
    assert not any(e.msgctxt.startswith((QA, "edition/")) for e in national)
    po = _export(proj, base / "edition.po", "--edition", EDITION)
    keys = {e.msgctxt: e for e in po}
    assert {f"{QA}/question", f"{QA}/answer", f"{OFFICE}.name", f"{OFFICE}.hours"} <= set(keys)
    assert "Bản địa phương: " in keys[f"{OFFICE}.name"].comment and "cơ quan 1 › tên" in keys[f"{OFFICE}.name"].comment
    assert "[[setting:hotline]]" in keys[f"{QA}/answer"].msgid
    fills = {f"{QA}/question": "Tày thử nghiệm TAYLOCALQ?", f"{QA}/answer": "Tày thử nghiệm TAYLOCALA [[setting:hotline]].",
             f"{OFFICE}.name": "Tày thử nghiệm TAYOFFICE", f"{OFFICE}.hours": "Tày thử nghiệm TAYHOURS"}
    for e in po:
        if e.msgctxt in fills:
            e.msgstr = fills[e.msgctxt]
    po.save(str(base / "filled.po"))
    r = subprocess.run(cli_command(proj, "translations", "import", str(base / "filled.po")), capture_output=True, text=True)
    assert r.returncode == 1 and "Không biết dòng" in r.stderr  # the national content has no such texts
    r = subprocess.run(cli_command(proj, "translations", "import", str(base / "filled.po"), "--edition", EDITION),
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (proj / "editions" / EDITION / "qa.tay.yaml").is_file()
    assert "TAYOFFICE" in (proj / "editions" / EDITION / "edition.tay.yaml").read_text(encoding="utf-8")
    out = base / "site"
    built = run_build(proj, "--edition", EDITION, "--out", str(out))
    assert built.returncode == 0, built.stderr[-3000:]
    qa = (out / "tay" / "hoi-dap" / "index.html").read_text(encoding="utf-8")
    assert "TAYLOCALQ" in qa and "TAYLOCALA" in qa and "1900.9068" in qa
    contacts = (out / "tay" / "lien-he" / "index.html").read_text(encoding="utf-8")
    assert "TAYOFFICE" in contacts and "TAYHOURS" in contacts
    assert "TAYOFFICE" not in (out / "lien-he" / "index.html").read_text(encoding="utf-8")  # Vietnamese stays
    again = _export(proj, base / "again.po", "--edition", EDITION, "--only", "all")
    assert {e.msgctxt: e.msgstr for e in again}[f"{OFFICE}.name"] == "Tày thử nghiệm TAYOFFICE"
