"""Tagged PDFs: every office and download edition of the shipped build says `Tagged: yes` with the
item's title, passes the pdfua checker (the machine-checkable part of PDF/UA-1) and has headings, a
language, alternative text for the QR code and the logo, and an edition; the 2-up reads once."""
from __future__ import annotations

import json
import subprocess

import pytest

OFFICE = {"a5", "a5-2up", "gap-ba", "doc", "lich"}
CHECKER_BUG = {"UA-14-001"}  # pdfua 0.1.3 crashes on pikepdf 10 arrays here; test_headings_are_not_empty does its work


def pdfinfo(path) -> dict[str, str]:
    """pdfinfo's fields, and the custom entries of the document information (-custom)."""
    out = "\n".join(subprocess.run(["pdfinfo", *options, str(path)], capture_output=True, text=True, check=True).stdout
                    for options in ((), ("-custom",)))
    info = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        info.setdefault(key.strip(), value.strip())
    return info


def rows(site_dir):
    files = json.loads((site_dir / "pdf" / "manifest.json").read_text(encoding="utf-8"))["files"]
    return [r for r in files if r["path"].endswith(".pdf")]


def path_of(site_dir, row):
    return site_dir / row["path"]  # the manifest's paths are from the site root


def structure(path):
    """(role of every structure element in order, every /Alt) of a PDF."""
    import pikepdf
    roles, alts = [], []
    with pikepdf.open(path) as pdf:
        def walk(node):
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                roles.append(str(node.S))
                if "/Alt" in node:
                    alts.append(str(node.Alt))
                walk(node.get("/K"))
        walk(pdf.Root.StructTreeRoot.K)
        lang = str(pdf.Root.Lang)
    return roles, alts, lang


@pytest.fixture(scope="module")
def titles(good):
    from bhxhpub.pipeline.plan import locale_views, validate
    content = validate(good).content
    out = {}
    for view in locale_views(content, False):
        c = view.content
        for item in (*c.leaflets, *c.messages, *c.slogans, *c.broadcasts):
            out[(view.locale.id, item.id)] = (getattr(item, "title", None) or item.text, view.locale.lang)
    return out


@pytest.mark.build
def test_every_office_and_download_pdf_is_tagged_with_its_title_language_and_edition(site_dir, titles):
    checked = 0
    for row in rows(site_dir):
        info = pdfinfo(path_of(site_dir, row))
        assert info["Tagged"] == "yes", row["path"]
        assert info.get("edition"), (row["path"], info)
        if row["kind"] == "leaflet" or row["kind"] in ("banner", "pennant", "poster"):
            assert info["edition"].startswith(row["edition"] + ": "), (row["path"], info["edition"])
        expected = titles.get((row["locale"], row["leaflet"]))
        if expected is not None and row["kind"] != "broadcast-programme":
            assert info["Title"] == expected[0], (row["path"], info["Title"])
        assert info.get("Subject"), row["path"]
        checked += 1
    assert checked > 150


@pytest.mark.build
def test_office_editions_and_posters_pass_the_pdfua_checker(site_dir):
    from pdfua import validate
    chosen = [r for r in rows(site_dir) if (r["edition"] in OFFICE and r["kind"] != "leaflet-image")
              or (r["kind"] == "poster" and r["locale"] == "vi")
              or (r["edition"] in ("a5-nha-in", "gap-ba-nha-in") and r["locale"] == "vi")]
    assert {"leaflet", "broadcast", "broadcast-programme", "poster"} <= {r["kind"] for r in chosen}
    for row in chosen:
        report = validate(str(path_of(site_dir, row)))
        findings = [f"{o.rule_id}: {f.message}" for o in report.outcomes for f in o.findings]
        skipped = {o.rule_id for o in report.outcomes if o.skipped_reason}
        assert not findings, (row["path"], findings)
        assert skipped <= CHECKER_BUG, (row["path"], skipped)


@pytest.mark.build
def test_headings_alt_texts_and_language_are_in_the_structure(site_dir, titles):
    for row in rows(site_dir):
        if row["locale"] not in ("vi", "en") or row["edition"] not in ("a5", "gap-ba", "a5-2up", "ap-phich-a3", "doc"):
            continue
        roles, alts, lang = structure(path_of(site_dir, row))
        assert "/H1" in roles, row["path"]
        assert lang == titles.get((row["locale"], row["leaflet"]), ("", "vi" if row["locale"] == "vi" else "en"))[1]
        if row["kind"] in ("leaflet", "poster"):
            assert any(a.startswith(("Mã QR dẫn tới trang", "QR code linking")) and "://" in a for a in alts), (row["path"], alts)
        if row["kind"] == "leaflet":
            assert "/H2" in roles and "/Figure" in roles
            assert any(a in ("Biểu trưng", "Logo") for a in alts), alts


@pytest.mark.build
def test_headings_are_not_empty(site_dir):
    import pikepdf
    for row in rows(site_dir)[:60]:
        with pikepdf.open(path_of(site_dir, row)) as pdf:
            def marks(node) -> bool:
                if isinstance(node, int):
                    return True
                if isinstance(node, pikepdf.Array):
                    return any(marks(kid) for kid in node)
                return isinstance(node, pikepdf.Dictionary) and marks(node.get("/K"))

            def headings(node):
                if isinstance(node, pikepdf.Array):
                    for kid in node:
                        yield from headings(kid)
                elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                    if str(node.S) in ("/H1", "/H2", "/H3"):
                        yield node
                    yield from headings(node.get("/K"))
            for heading in headings(pdf.Root.StructTreeRoot.K):
                assert marks(heading.get("/K")), row["path"]


@pytest.mark.build
def test_the_2up_reads_the_leaflet_once_and_draws_the_second_copy_as_an_artifact(site_dir):
    import pikepdf
    row = next(r for r in rows(site_dir) if r["edition"] == "a5-2up" and r["locale"] == "vi")
    a5 = next(r for r in rows(site_dir) if r["edition"] == "a5" and r["leaflet"] == row["leaflet"] and r["locale"] == "vi")
    assert structure(path_of(site_dir, row))[0] == structure(path_of(site_dir, a5))[0]  # the same tree
    with pikepdf.open(path_of(site_dir, row)) as pdf:
        for page in pdf.pages:
            content = page.obj.Contents.read_bytes()
            assert b"/Artifact BMC" in content and b"Do" in content
            copy = next(x for name, x in page.Resources.XObject.items() if name.startswith("/BhxhCopy"))
            assert b"BDC" not in copy.read_bytes() and b"MCID" not in copy.read_bytes()  # no tagged content twice
            assert float(page.MediaBox[2]) == pytest.approx(297 * 72 / 25.4, abs=0.1)
