"""Translator exchange: export a locale's texts as XLSX, PO and XLIFF 2.0, fill them in with the libraries
translators' tools use, import them back, build, and find the texts on the pages and in the PDF."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import polib
import pytest
from lxml import etree
from openpyxl import load_workbook

from bhxhpub.exchange.export import export_file
from bhxhpub.exchange.importer import import_file
from bhxhpub.pipeline.plan import load
from tests.support import BUILD_EPOCH, cli_command, copy_project, run_build

LEAFLET = "vi-sao-khong-nen-nhan-bhxh-mot-lan"
L = f"leaflet/{LEAFLET}"
XLIFF_NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
DAY = date(2026, 5, 27)

# Each format fills two texts of the leaflet and one slogan (markers in capitals: easy to find in the PDF)
FILLS = {
    "xlsx": {f"{L}/title": "Vim li cas XLSXTITLE",
             f"{L}/sections.3.answer": "Them txaus [[so-nam-dong-toi-thieu-huong-luong-huu]] XLSXANSWER.",
             "slogan/hanh-dong-ngay/text": "Ua tam sim no XLSXSLOGAN"},
    "po": {f"{L}/sections.1.bullets.1": "Poob sij hawm POBULLET",
           f"{L}/sections.2.question": "Tawm haujlwm POQUESTION?",
           "slogan/on-dinh-cuoc-song/text": "BHXH pab lub neej POSLOGAN"},
    "xliff": {f"{L}/call_to_action": "Khaws sij hawm XLIFFCALL",
              f"{L}/sections.5.answer": "Tsis txhob cia XLIFFANSWER",
              "slogan/quan-tam-bhxh-la-quan-tam-an-sinh/text": "Saib xyuas BHXH XLIFFSLOGAN"},
}


def only_vi_hmong(proj: Path) -> Path:
    """A small project: Vietnamese and H'Mông only, no shipped translations."""
    p = proj / "content" / "settings.yaml"
    p.write_text(re.sub(r"(?m)^  - id: (en|tay|khmer|thai)\n(    .*\n)+", "", p.read_text(encoding="utf-8")), encoding="utf-8")
    for f in list(proj.rglob("*.*.yaml")):
        f.unlink()
    return proj


def fill_xlsx(src: Path, dst: Path, fills: dict[str, str]) -> None:
    wb = load_workbook(src)
    ws = wb.active  # what Weblate and a translator land on
    cols = {c.value: c.column - 1 for c in ws[1]}
    for row in ws.iter_rows(min_row=2):
        if row[cols["context"]].value in fills:
            row[cols["target"]].value = fills[row[cols["context"]].value]
    wb.save(dst)


def fill_po(src: Path, dst: Path, fills: dict[str, str]) -> None:
    po = polib.pofile(str(src))
    for e in po:
        if e.msgctxt in fills:
            e.msgstr = fills[e.msgctxt]
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
    po.save(str(dst))


def fill_xliff(src: Path, dst: Path, fills: dict[str, str]) -> None:
    tree = etree.parse(str(src))
    for unit in tree.iterfind(".//x:unit", XLIFF_NS):
        if unit.get("name") in fills:
            seg = unit.find("x:segment", XLIFF_NS)
            tgt = seg.find("x:target", XLIFF_NS)
            if tgt is None:
                tgt = etree.SubElement(seg, f"{{{XLIFF_NS['x']}}}target")
            tgt.text = fills[unit.get("name")]
            seg.set("state", "translated")
    tree.write(str(dst), xml_declaration=True, encoding="UTF-8")


FILLERS = {"xlsx": fill_xlsx, "po": fill_po, "xliff": fill_xliff}


def xlsx_rows(path: Path) -> dict[str, dict]:
    ws = load_workbook(path, read_only=True)["Bản dịch"]
    rows = ws.iter_rows(values_only=True)
    head = next(rows)
    return {r[head.index("context")]: dict(zip(head, r)) for r in rows}


def _pdf_text(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())


@pytest.mark.build
def test_round_trip_through_xlsx_po_and_xliff_then_a_changed_source_comes_back_outdated(tmp_path, good):
    proj = only_vi_hmong(copy_project(tmp_path / "p", outputs_from=good))
    files = {}
    for fmt in ("xlsx", "po", "xliff"):  # every file exported before any import (as when they go out together)
        files[fmt] = tmp_path / f"hmong.{fmt}"
        r = subprocess.run(cli_command(proj, "translations", "export", "--locale", "hmong", "--format", fmt,
                                       "--out", str(files[fmt])), capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    for fmt, fills in FILLS.items():
        filled = tmp_path / f"filled.{fmt}"
        FILLERS[fmt](files[fmt], filled, fills)
        r = subprocess.run(cli_command(proj, "translations", "import", str(filled), "--translator", "Tus txhais"),
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert "2 mục được ghi" in r.stdout
    leaflet_yaml = proj / "leaflets" / f"{LEAFLET}.hmong.yaml"
    slogans_yaml = proj / "slogans" / "khau-hieu-2021.hmong.yaml"
    written = {p: p.read_bytes() for p in (leaflet_yaml, slogans_yaml)}
    assert b"status: draft" in written[leaflet_yaml] and b"translator: Tus txhais" in written[leaflet_yaml]

    # the same file twice: nothing changes
    again = tmp_path / "filled.xlsx"
    r = subprocess.run(cli_command(proj, "translations", "import", str(again)), capture_output=True, text=True)
    assert r.returncode == 0 and "0 mục được ghi" in r.stdout, r.stdout + r.stderr
    assert {p: p.read_bytes() for p in written} == written

    # build (preview): the texts on the H'Mông pages, with the draft banner, and in the H'Mông PDF
    result = run_build(proj, "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    page = (site / "hmong" / "to-roi" / LEAFLET / "index.html").read_text(encoding="utf-8")
    leaflet_texts = [t for fills in FILLS.values() for k, t in fills.items() if k.startswith(L)]
    for text in leaflet_texts:
        expected = text.replace("[[so-nam-dong-toi-thieu-huong-luong-huu]]", "15 năm")
        assert expected in page, text
    assert "translation-draft" in page
    assert "Bạn nhận được một khoản tiền" in page  # an untranslated text shows the Vietnamese
    slogans = (site / "hmong" / "khau-hieu" / "index.html").read_text(encoding="utf-8")
    for fills in FILLS.values():
        assert next(t for k, t in fills.items() if k.startswith("slogan/")) in slogans
    pdf = _pdf_text(site / "hmong" / "pdf" / "hmong" / f"{LEAFLET}-a5.pdf")
    for marker in ("XLSXTITLE", "XLSXANSWER", "POBULLET", "POQUESTION", "XLIFFCALL", "XLIFFANSWER"):
        assert marker in pdf, marker
    assert "15 năm XLSXANSWER" in pdf  # the figure token became the fact's value

    # the report page links a ready workbook for the locale
    report = (site / "bao-cao-dich" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="(\./)?dich-hmong\.xlsx"', report)
    ready = xlsx_rows(site / "bao-cao-dich" / "dich-hmong.xlsx")
    assert ready[f"{L}/title"]["target"] == "Vim li cas XLSXTITLE" and ready[f"{L}/title"]["Trạng thái"] == "bản nháp"

    # the Vietnamese of a translated text changes: exported again, it is outdated with the old Vietnamese beside it
    src = proj / "leaflets" / f"{LEAFLET}.yaml"
    old = "Cần đóng BHXH đủ [[so-nam-dong-toi-thieu-huong-luong-huu]] và đủ tuổi nghỉ hưu."
    new = "Cần đóng BHXH ít nhất [[so-nam-dong-toi-thieu-huong-luong-huu]] và đủ tuổi nghỉ hưu."
    src.write_text(src.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    export_file(proj, "hmong", "xlsx", tmp_path / "again.xlsx", today=DAY)
    row = xlsx_rows(tmp_path / "again.xlsx")[f"{L}/sections.3.answer"]
    assert (row["Trạng thái"], row["source"], row["Tiếng Việt cũ"]) == ("cần xem lại", new, old)
    assert row["target"] == FILLS["xlsx"][f"{L}/sections.3.answer"]
    assert xlsx_rows(tmp_path / "again.xlsx")[f"{L}/title"]["Trạng thái"] == "bản nháp"  # unchanged text: still holds
    export_file(proj, "hmong", "po", tmp_path / "again.po", today=DAY)
    entry = next(e for e in polib.pofile(str(tmp_path / "again.po")) if e.msgctxt == f"{L}/sections.3.answer")
    assert "fuzzy" in entry.flags and entry.previous_msgid == old and entry.msgid == new
    export_file(proj, "hmong", "xliff", tmp_path / "again.xliff", today=DAY)
    unit = etree.parse(str(tmp_path / "again.xliff")).find(f".//x:unit[@name='{L}/sections.3.answer']", XLIFF_NS)
    assert unit.find("x:segment", XLIFF_NS).get("subState") == "bhxh:outdated"
    assert unit.find("x:notes/x:note[@category='old-source']", XLIFF_NS).text == old

    # imported with the outdated row untouched but another row changed: refused, nothing written
    fill_xlsx(tmp_path / "again.xlsx", tmp_path / "again-filled.xlsx", {f"{L}/title": "Lub npe tshiab"})
    before = leaflet_yaml.read_bytes()
    res, problems = import_file(proj, tmp_path / "again-filled.xlsx", today=DAY)
    assert not problems.ok and "cần xem lại" in problems.items[0].message
    assert leaflet_yaml.read_bytes() == before
    # fixed: the translation is current again (hash of the new Vietnamese), old Vietnamese kept as source_text
    fill_xlsx(tmp_path / "again.xlsx", tmp_path / "again-fixed.xlsx",
              {f"{L}/sections.3.answer": "Them tsawg kawg [[so-nam-dong-toi-thieu-huong-luong-huu]] NEW."})
    res, problems = import_file(proj, tmp_path / "again-fixed.xlsx", today=DAY)
    assert problems.ok, problems.report()
    content = load(proj)
    t = next(t for t in content.translations if t.id == LEAFLET)
    assert t.source_text["sections"][2]["answer"] == new


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """The shipped project (every locale declared), copied: nothing here builds it."""
    return copy_project(tmp_path_factory.mktemp("small") / "p")


def test_a_bad_file_reports_every_problem_with_its_row_and_writes_nothing(small, tmp_path):
    """Fixture: a removed [[fact]] token, an unknown context and a file for another locale, all in one run."""
    proj = small
    exported = tmp_path / "hmong.xlsx"
    export_file(proj, "hmong", "xlsx", exported, today=DAY)
    wb = load_workbook(exported)
    ws = wb["Bản dịch"]
    cols = {c.value: c.column for c in ws[1]}
    rows = {ws.cell(r, cols["context"]).value: r for r in range(2, ws.max_row + 1)}
    token_row = rows[f"{L}/sections.3.answer"]
    ws.cell(token_row, cols["target"]).value = "Them txaus 15 xyoos."  # the [[fact]] token typed as a number
    unknown_row = rows["slogan/hanh-dong-ngay/text"]
    ws.cell(unknown_row, cols["context"]).value = "slogan/khong-co-khau-hieu-nay/text"
    ws.cell(unknown_row, cols["target"]).value = "Ua tam sim no"
    guide = wb["Hướng dẫn"]
    locale_cell = next(r for r in range(1, guide.max_row + 1) if guide.cell(r, 1).value == "Mã ngôn ngữ")
    guide.cell(locale_cell, 2).value = "tay"  # a file for another locale
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    before = sorted((p, p.read_bytes()) for p in proj.rglob("*.yaml"))
    res, problems = import_file(proj, bad, locale="hmong", today=DAY)
    found = {(p.line, p.message.split(" ")[0]) for p in problems.items}
    assert len(problems.items) == 3, problems.report()
    messages = " | ".join(p.format() for p in problems.items)
    assert f"bad.xlsx [Bản dịch]:{token_row}:" in messages and "thiếu [[so-nam-dong-toi-thieu-huong-luong-huu]]" in messages
    assert f"bad.xlsx [Bản dịch]:{unknown_row}:" in messages and "khong-co-khau-hieu-nay" in messages
    assert f"bad.xlsx [Hướng dẫn]:{locale_cell}:" in messages and "không phải tiếng H'Mông (hmong)" in messages
    assert found  # every problem has a row
    assert sorted((p, p.read_bytes()) for p in proj.rglob("*.yaml")) == before


def test_po_problems_name_the_po_line_and_non_translatable_fields_and_limits_are_refused(small, tmp_path):
    exported = tmp_path / "hmong.po"
    export_file(small, "hmong", "po", exported, today=DAY)
    po = polib.pofile(str(exported))
    slogan = next(e for e in po if e.msgctxt == "slogan/hanh-dong-ngay/text")
    slogan.msgctxt = "slogan/hanh-dong-ngay/source"  # a field that is not translated
    slogan.msgstr = "x"
    title = next(e for e in po if e.msgctxt == f"{L}/title")
    title.msgstr = "ntev " * 40  # over the title's 150 characters
    po.save(str(tmp_path / "bad.po"))
    lines = {e.msgctxt: e.linenum for e in polib.pofile(str(tmp_path / "bad.po"))}
    res, problems = import_file(small, tmp_path / "bad.po", today=DAY)
    text = problems.report()
    assert len(problems.items) == 2, text
    assert f"bad.po:{lines['slogan/hanh-dong-ngay/source']}:" in text and "không phải để dịch" in text
    assert f"bad.po:{lines[f'{L}/title']}:" in text and "vượt giới hạn 150 ký tự" in text


def test_the_workbook_is_made_for_a_person_and_the_formats_are_valid(small, tmp_path):
    for fmt in ("xlsx", "po", "xliff"):
        export_file(small, "hmong", fmt, tmp_path / f"h.{fmt}", today=DAY)
    wb = load_workbook(tmp_path / "h.xlsx")
    assert wb.sheetnames[0] == "Hướng dẫn" and wb.active.title == "Bản dịch"
    assert "Viết bản dịch vào cột" in " ".join(str(c.value) for row in wb["Hướng dẫn"].iter_rows() for c in row if c.value)
    ws = wb.active
    head = [c.value for c in ws[1]]
    assert {"source", "target", "context"} <= set(head)  # Weblate's names
    assert ws.freeze_panes == "B2" and ws.protection.sheet
    src, tgt = head.index("source") + 1, head.index("target") + 1
    assert ws.cell(2, src).protection.locked and not ws.cell(2, tgt).protection.locked
    assert ws.cell(2, src).alignment.wrap_text and ws.column_dimensions["B"].width >= 40
    kinds = [str(ws.cell(r, head.index("context") + 1).value).split("/")[0] for r in range(2, ws.max_row + 1)]
    assert kinds[0] == "leaflet" and kinds.index("slogan") > max(i for i, k in enumerate(kinds) if k == "leaflet")
    figures = next(ws.cell(r, head.index("Số liệu (giữ nguyên mã [[…]])") + 1).value for r in range(2, ws.max_row + 1)
                   if "[[so-nam-dong-toi-thieu-huong-luong-huu]]" in str(ws.cell(r, src).value))
    assert figures == "[[so-nam-dong-toi-thieu-huong-luong-huu]] = 15 năm"
    # same export, same bytes (the report page's workbook is part of a reproducible build)
    export_file(small, "hmong", "xlsx", tmp_path / "h2.xlsx", today=DAY)
    assert (tmp_path / "h.xlsx").read_bytes() == (tmp_path / "h2.xlsx").read_bytes()
    # PO: gettext's own checker accepts it; Poedit and Weblate read it with the same rules
    if shutil.which("msgfmt"):
        r = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(tmp_path / "h.po")], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    po = polib.pofile(str(tmp_path / "h.po"))
    assert po.metadata["Language"] == "hmn" and len(po) == ws.max_row - 1
    # XLIFF 2.0: the core structure the schema requires, read back with an XML library
    root = etree.parse(str(tmp_path / "h.xliff")).getroot()
    assert root.tag == "{urn:oasis:names:tc:xliff:document:2.0}xliff" and root.get("version") == "2.0"
    assert root.get("srcLang") == "vi" and root.get("trgLang") == "hmn"
    units = root.findall(".//x:unit", XLIFF_NS)
    assert len(units) == len(po)
    nmtoken = re.compile(r"^[\w.\-:]+$")
    ids = [u.get("id") for u in units]
    assert len(set(ids)) == len(ids) and all(nmtoken.match(i) for i in ids)
    for u in units:  # module elements (the glossary), then notes, then the segment; one source then at most one target
        assert [c.tag.split("}")[1] for c in u] in (["notes", "segment"], ["glossary", "notes", "segment"])
        assert [c.tag.split("}")[1] for c in u.find("x:segment", XLIFF_NS)] in (["source"], ["source", "target"])
        assert u.find("x:segment", XLIFF_NS).get("state") in ("initial", "translated", "reviewed", "final")


def test_an_unknown_locale_is_refused_by_the_command_in_vietnamese(small, tmp_path):
    r = subprocess.run(cli_command(small, "translations", "export", "--locale", "hmon", "--out", str(tmp_path / "x.xlsx")),
                       capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH})
    assert r.returncode == 1 and "Có phải ý bạn là “hmong”?" in r.stderr and not (tmp_path / "x.xlsx").exists()
