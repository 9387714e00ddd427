"""Every channel in every language: a Tày translator's workbook has the loudspeaker scripts and the SMS and Zalo
texts with their limits and the glossary; filled in as a translator would (fixture text, clearly test data: no
real Tày) and imported, the build has the Tày script as page and PDF and Tày rows in the SMS/Zalo CSV, counted as
an independent library counts them (gsm0338 for GSM 03.38, Python's UTF-16 codec for UCS-2)."""
from __future__ import annotations

import csv
import io
import json
import math
import re
import subprocess
from pathlib import Path

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)
import polib
import pytest
from lxml import etree
from openpyxl import load_workbook

from bhxhpub.errors import ContentError
from tests.support import cli_command, copy_project, run_build

pytestmark = pytest.mark.build

SCRIPT = "bhxh-tu-nguyen"
SHORT = "short/message.dau-tu-cho-tuong-lai"
LONG = "short/message.tham-gia-la-dau-tu-cho-tuong-lai/sms"  # one segment in Vietnamese, two in the fixture
GLOSS = "TAYGLOSS"  # the fixture's Tày rendering of "bảo hiểm xã hội" (test data, not a real rendering)
UNGLOSSED = f"broadcast/{SCRIPT}/paragraphs.6"  # its source says "bảo hiểm xã hội"; the fixture leaves the term out
TOKEN = re.compile(r"\[\[[^\]]+\]\]")


def independent_count(text: str) -> tuple[str, int]:
    """(encoding, segments) of an SMS by the gsm0338 codec and UTF-16: not the project's own tables."""
    try:
        septets = len(text.encode("gsm03.38"))  # an extension character is an escape and a code: two septets
        return "GSM-7", 1 if septets <= 160 else math.ceil(septets / 153)
    except UnicodeEncodeError:
        units = len(text.encode("utf-16-be")) // 2
        return "UCS-2", 1 if units <= 70 else math.ceil(units / 67)


def fills(rows: dict[str, dict]) -> dict[str, str]:
    """What the fixture translator writes: marked test text keeping every [[token]] of the Vietnamese."""
    out = {}
    for key, row in rows.items():
        tokens = " ".join(TOKEN.findall(row["source"]))
        if key.startswith(f"broadcast/{SCRIPT}/paragraphs."):
            n = key.rsplit(".", 1)[1]
            gloss = "" if key == UNGLOSSED else f" {GLOSS}"
            out[key] = f"Tày thử nghiệm TAYPARA{n}{gloss} {tokens}".strip()
        elif key == f"broadcast/{SCRIPT}/title":
            out[key] = f"Tày thử nghiệm TAYTITLE {GLOSS}"
    out[f"{SHORT}/sms"] = "Tay thu nghiem TAYSMS la dau tu."  # plain letters: GSM-7
    out[f"{SHORT}/sms_unicode"] = f"Tày thử nghiệm TAYUNI {GLOSS}."  # marks: UCS-2
    out[f"{SHORT}/zalo"] = f"Tày thử nghiệm TAYZALO {GLOSS}."
    out[LONG] = "Tay thu nghiem TAYLONG " + "tham gia bao hiem la dau tu cho tuong lai " * 4  # > 160 with the call
    out[LONG.replace("/sms", "/zalo")] = f"Tày thử nghiệm TAYZALO2 {GLOSS}."
    return out


def xlsx_rows(path: Path) -> dict[str, dict]:
    ws = load_workbook(path, read_only=True)["Bản dịch"]
    rows = ws.iter_rows(values_only=True)
    head = next(rows)
    return {r[head.index("context")]: dict(zip(head, r)) for r in rows}


@pytest.fixture(scope="module")
def tay(tmp_path_factory, good):
    """Vietnamese and Tày only, a fixture rendering in the glossary; exported, filled, imported, built once."""
    base = tmp_path_factory.mktemp("tay")
    proj = copy_project(base / "proj", outputs_from=good)
    settings = proj / "content" / "settings.yaml"
    settings.write_text(re.sub(r"(?m)^  - id: (en|hmong|khmer|thai)\n(    .*\n)+", "", settings.read_text(encoding="utf-8")),
                        encoding="utf-8")
    for f in list(proj.rglob("*.*.yaml")):
        f.unlink()
    glossary = proj / "content" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    start = text.index("  - id: bao-hiem-xa-hoi\n")
    at = text.index("    renderings:\n", start) + len("    renderings:\n")
    glossary.write_text(text[:at] + f"      - locale: tay\n        text: {GLOSS}\n        status: draft\n" + text[at:],
                        encoding="utf-8")
    files = {}
    for fmt in ("xlsx", "po", "xliff"):
        files[fmt] = base / f"tay.{fmt}"
        r = subprocess.run(cli_command(proj, "translations", "export", "--locale", "tay", "--format", fmt,
                                       "--out", str(files[fmt])), capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    rows = xlsx_rows(files["xlsx"])
    wb = load_workbook(files["xlsx"])
    ws = wb["Bản dịch"]
    cols = {c.value: c.column - 1 for c in ws[1]}
    wanted = fills(rows)
    for row in ws.iter_rows(min_row=2):
        if row[cols["context"]].value in wanted:
            row[cols["target"]].value = wanted[row[cols["context"]].value]
    filled = base / "filled.xlsx"
    wb.save(filled)
    imported = subprocess.run(cli_command(proj, "translations", "import", str(filled), "--translator", "Người dịch thử"),
                              capture_output=True, text=True)
    out = base / "site"
    built = run_build(proj, "--out", str(out))
    assert built.returncode == 0, built.stderr[-3000:]
    return {"proj": proj, "files": files, "rows": rows, "import": imported, "site": out}


def test_the_tay_workbook_has_the_scripts_and_the_short_texts_each_with_its_limit(tay):
    rows = tay["rows"]
    script = {k: r for k, r in rows.items() if k.startswith(f"broadcast/{SCRIPT}/")}
    assert len(script) == 10  # the title and nine paragraphs
    assert {k.split("/")[0] for k in rows} >= {"broadcast", "short", "leaflet", "message", "slogan", "ui", "setting"}
    para = rows[f"broadcast/{SCRIPT}/paragraphs.3"]
    assert para["Vị trí"].startswith("Bài phát thanh: ") and "đoạn 3" in para["Vị trí"]
    assert re.search(r"Đọc trên loa: tiếng Việt khoảng \d+ giây \(\d+ âm tiết, 3,5 âm tiết/giây", para["Giới hạn"])
    for channel in ("sms", "sms_unicode"):
        limit = rows[f"{SHORT}/{channel}"]["Giới hạn"]
        assert "1 tin: 160 ký tự GSM-7 hoặc 70 ký tự Unicode" in limit and "Bản tiếng Việt:" in limit
    assert "Zalo: tối đa 400 ký tự" in rows[f"{SHORT}/zalo"]["Giới hạn"]
    assert "setting/sms-call-to-action/text" in rows  # the call to action is translated too
    assert "ui/broadcasts.closing/text" in rows and "ui/short.channel_sms/text" in rows


def test_the_glossary_is_in_every_exported_file(tay):
    files = tay["files"]
    sheet = load_workbook(files["xlsx"], read_only=True)["Thuật ngữ"]
    terms = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert terms["bảo hiểm xã hội"][2] == GLOSS and terms["bảo hiểm xã hội"][3] == "chưa xác nhận"
    assert terms["BHXH"][2] in (None, "")  # no Tày rendering: the translator proposes one, nothing is invented
    assert f"bảo hiểm xã hội → {GLOSS} (chưa xác nhận)" in tay["rows"][UNGLOSSED]["Thuật ngữ"]
    po = polib.pofile(str(files["po"]))
    assert f"bảo hiểm xã hội → {GLOSS}" in po.header
    entry = next(e for e in po if e.msgctxt == UNGLOSSED)
    assert f"Thuật ngữ: bảo hiểm xã hội → {GLOSS} (chưa xác nhận)" in entry.comment
    assert any(line.startswith("Giới hạn: Đọc trên loa") for line in entry.comment.splitlines())
    root = etree.parse(str(files["xliff"])).getroot()
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0", "gls": "urn:oasis:names:tc:xliff:glossary:2.0"}
    unit = root.find(f".//x:unit[@name='{UNGLOSSED}']", ns)
    entries = unit.findall("gls:glossary/gls:glossEntry", ns)
    assert any(e.findtext("gls:term", namespaces=ns) == "bảo hiểm xã hội"
               and e.findtext("gls:translation", namespaces=ns) == GLOSS for e in entries)
    assert unit.find("x:notes/x:note[@category='limit']", ns) is not None


def test_the_import_warns_of_a_longer_sms_and_of_an_ignored_glossary_term_and_writes_the_draft(tay):
    r = tay["import"]
    assert r.returncode == 0, r.stderr
    warnings = r.stderr
    assert "message.tham-gia-la-dau-tu-cho-tuong-lai" in warnings and "cần 2 tin" in warnings \
        and "bản tiếng Việt chỉ 1 tin" in warnings
    glossary = [line for line in warnings.splitlines() if "chưa được dịch theo bảng thuật ngữ" in line]
    assert len(glossary) == 1 and UNGLOSSED in glossary[0] and GLOSS in glossary[0]
    proj = tay["proj"]
    assert (proj / "broadcasts" / f"{SCRIPT}.tay.yaml").is_file()
    assert "status: draft" in (proj / "content" / "short-texts.tay.yaml").read_text(encoding="utf-8")


def _pdf_text(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())


def test_the_tay_script_is_a_page_and_a_pdf_with_the_translation_its_figures_and_its_duration(tay):
    site = tay["site"]
    pdf = _pdf_text(site / "tay" / "pdf" / "tay" / f"phat-thanh-{SCRIPT}.pdf")  # in the locale's own folder
    assert "TAYTITLE" in pdf and all(f"TAYPARA{n}" in pdf for n in range(1, 10))
    assert "hai mươi hai phần trăm" in pdf  # Tày has no number words of its own (data): the Vietnamese ones
    assert "Số liệu trong bài được đọc bằng tiếng Việt" in pdf
    assert "Thời lượng ước tính theo tốc độ đọc tiếng Việt" in pdf
    page = (site / "tay" / "phat-thanh" / SCRIPT / "index.html").read_text(encoding="utf-8")
    assert "TAYPARA3" in page and 'lang="tyz"' in page
    assert re.search(r"\d+ phút \d{2} giây", page)
    assert f"phat-thanh-{SCRIPT}.pdf" in page
    index = (site / "tay" / "phat-thanh" / "index.html").read_text(encoding="utf-8")
    assert "TAYTITLE" in index and "bản tiếng Việt" in index  # the other scripts: Vietnamese, marked as such
    assert not (site / "tay" / "pdf" / "tay" / "phat-thanh-bhyt-ho-gia-dinh.pdf").exists()  # not translated: no Tày file
    vi = _pdf_text(site / "pdf" / "vi" / f"phat-thanh-{SCRIPT}.pdf")
    assert "TAYPARA1" not in vi and "hai mươi hai phần trăm" in vi


def test_the_csv_has_tay_rows_counted_as_an_independent_counter_counts_them(tay):
    text = (tay["site"] / "tin-nhan" / "tin-nhan.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    mine = {(r["id"], r["channel"]): r for r in rows if r["locale"] == "tay"}
    assert set(mine) >= {("message:dau-tu-cho-tuong-lai", "sms"), ("message:dau-tu-cho-tuong-lai", "sms_unicode"),
                         ("message:dau-tu-cho-tuong-lai", "zalo"), ("message:tham-gia-la-dau-tu-cho-tuong-lai", "sms")}
    assert "TAYSMS" in mine[("message:dau-tu-cho-tuong-lai", "sms")]["text"]
    assert mine[("message:dau-tu-cho-tuong-lai", "sms")]["encoding"] == "GSM-7"
    assert mine[("message:dau-tu-cho-tuong-lai", "sms_unicode")]["encoding"] == "UCS-2"
    assert mine[("message:tham-gia-la-dau-tu-cho-tuong-lai", "sms")]["segments"] == "2"
    for r in rows:
        if r["channel"] in ("sms", "sms_unicode"):
            assert independent_count(r["text"]) == (r["encoding"], int(r["segments"])), r
    page = (tay["site"] / "tay" / "tin-nhan" / "index.html").read_text(encoding="utf-8")
    assert "TAYUNI" in page and "TAYZALO" in page
    own = (tay["site"] / "tay" / "tin-nhan" / "tin-nhan.csv").read_bytes().decode("utf-8-sig")
    assert "TAYSMS" in own and "tay" in own


def test_the_translation_report_counts_every_channel(tay):
    report = json.loads((tay["site"] / "bao-cao-dich" / "report.json").read_text(encoding="utf-8"))
    tay_report = next(r for r in report if r["locale"] == "tay")
    assert tay_report["by_kind"]["broadcast"]["draft"] == 1 and tay_report["by_kind"]["short"]["draft"] == 2
    assert any(SCRIPT in note and "tiếng Việt" in note for note in tay_report["notes"])


def test_a_release_refuses_a_translated_sms_that_needs_more_segments(tay, tmp_path):
    from bhxhpub.pipeline.plan import validate
    proj = copy_project(tmp_path / "p")
    for rel in ("content/settings.yaml", "content/glossary.yaml", "content/short-texts.tay.yaml"):
        (proj / rel).write_text((tay["proj"] / rel).read_text(encoding="utf-8"), encoding="utf-8")
    for f in list(proj.rglob("*.*.yaml")):
        if f.name != "short-texts.tay.yaml":
            f.unlink()
    preview = validate(proj)  # a preview (drafts shown) builds, and says so
    assert any("tham-gia-la-dau-tu-cho-tuong-lai" in w.message and "thành 2 tin" in w.message for w in preview.warnings)
    short = proj / "content" / "short-texts.tay.yaml"
    short.write_text(short.read_text(encoding="utf-8").replace("status: draft", "status: approved"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        validate(proj, release=True)
    found = [p for p in caught.value.problems.items if p.file == "content/short-texts.tay.yaml"]
    assert len(found) == 1 and "tham-gia-la-dau-tu-cho-tuong-lai" in found[0].message and "thành 2 tin" in found[0].message
