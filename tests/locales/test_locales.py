"""Locales: prefixes, lang, hreflang, switcher, and the translation workflow (outdated, draft, report)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bhxhpub.locales.localize import localize
from bhxhpub.locales.report import build_report
from bhxhpub.model.translations import source_hash
from bhxhpub.pipeline.plan import load
from tests.support import copy_project

LOCALES = {"vi": ("", "vi"), "en": ("en/", "en"), "tay": ("tay/", "tyz"), "hmong": ("hmong/", "hmn"),
           "khmer": ("khmer/", "km"), "thai": ("thai/", "blt")}
LEAFLET = "to-roi/vi-sao-khong-nen-nhan-bhxh-mot-lan/"


def html_of(site: Path, prefix: str, path: str) -> str:
    return (site / prefix / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_every_locale_has_its_prefix_lang_and_hreflang_links(site_dir, locale):
    prefix, lang = LOCALES[locale]
    for path in ("", LEAFLET, "hoi-dap/"):
        raw = html_of(site_dir, prefix, path)
        assert f'<html lang="{lang}"' in raw
        links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', raw))
        assert set(links) == {l for _, l in LOCALES.values()} | {"x-default"}
        assert links["x-default"].endswith("/" + path) and links["x-default"] == links["vi"]
        assert links["km"].endswith("/khmer/" + path)


def test_sitemap_lists_alternates_for_every_page(site_dir):
    xml = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert xml.count("<url>") > 30 and xml.count("<xhtml:link") == 7 * xml.count("<url>")
    assert f'hreflang="blt" href="https://tuyentruyen-bhxh.example.vn/thai/{LEAFLET}"' in xml
    assert not (site_dir / "en" / "sitemap.xml").exists()


def test_untranslated_locale_shows_vietnamese_with_a_notice_marked_lang_vi(site_dir):
    raw = html_of(site_dir, "tay/", LEAFLET)
    assert "translation-notice translation-fallback" in raw
    assert 'class="leaflet-body" lang="vi"' in raw


def test_language_switcher_lands_on_the_same_page(page, server):
    page.goto(f"{server}/{LEAFLET}")
    page.click('.lang-switch a[hreflang="km"]')
    page.wait_for_load_state()
    assert page.url == f"{server}/khmer/{LEAFLET}"
    assert page.get_attribute("html", "lang") == "km"
    page.click('.lang-switch a[hreflang="en"]')
    page.wait_for_load_state()
    assert page.url == f"{server}/en/{LEAFLET}"
    page.click('.lang-switch a[hreflang="vi"]')
    page.wait_for_load_state()
    assert page.url == f"{server}/{LEAFLET}"


def test_locale_names_in_other_scripts_render_with_a_real_font(page, server):
    page.goto(f"{server}/")
    page.wait_for_load_state("networkidle")
    faces = page.evaluate("""async () => { await document.fonts.ready;
        return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family); }""")
    assert any("BHXH Names" in f for f in faces), faces


def _write_message_translation(proj: Path, status: str, text: str = "Social insurance is an investment in the future",
                               source_hash_value: str | None = None) -> str:
    content = load(proj)
    main = content.main_message
    h = source_hash_value or source_hash({"text": main.text, "explanation": main.explanation})
    (proj / "content" / "messages.en.yaml").write_text(
        "locale: en\ntranslator: Test\nitems:\n"
        f"  {main.id}:\n    source_hash: {h}\n    status: {status}\n    translated: 2026-11-21\n"
        f"    text: {text}\n    explanation: It protects you and your family.\n", encoding="utf-8")
    return main.id


def _only_vi_en(proj: Path) -> None:
    """Keep the fixture small: build vi and en only."""
    p = proj / "content" / "settings.yaml"
    s = p.read_text(encoding="utf-8")
    s = re.sub(r"\n  - id: (tay|hmong|khmer|thai)\n(    .*\n)+", "\n", s)
    p.write_text(s, encoding="utf-8")
    for f in list(proj.rglob("*.*.yaml")):  # drop shipped translations: the fixture controls them
        f.unlink()


def test_changing_the_vietnamese_source_marks_its_translation_outdated(tmp_path):
    proj = copy_project(tmp_path / "p")
    _only_vi_en(proj)
    mid = _write_message_translation(proj, "approved")
    content = load(proj)
    _, _, states = localize(content, content.ui, content.translations, "en", release=True)
    assert states[("message", mid)] == "translated"
    msgs = proj / "content" / "messages.yaml"
    before = msgs.read_text(encoding="utf-8")
    after = before.replace("tương lai an toàn hơn.", "tương lai vững vàng hơn.")
    assert after != before
    msgs.write_text(after, encoding="utf-8")
    content = load(proj)
    _, _, states = localize(content, content.ui, content.translations, "en", release=True)
    assert states[("message", mid)] == "fallback"
    _, _, preview = localize(content, content.ui, content.translations, "en", release=False)
    assert preview[("message", mid)] == "outdated"
    report = {r.locale: r for r in build_report(content)}["en"]
    todo = next(t for t in report.todo if t.id == mid)
    assert todo.state == "outdated" and todo.translated_hash != todo.source_hash


@pytest.mark.build
def test_release_build_falls_back_to_vietnamese_for_outdated_and_drops_draft_translations(tmp_path, good):
    from bhxhpub.pipeline.run import build
    proj = copy_project(tmp_path / "p", outputs_from=good)
    _only_vi_en(proj)
    _write_message_translation(proj, "approved", source_hash_value="000000000000")  # outdated on purpose
    slogan = load(proj).slogans[0]
    (proj / "slogans" / "khau-hieu-2021.en.yaml").write_text(
        "locale: en\nitems:\n"
        f"  {slogan.id}:\n    source_hash: {source_hash({'text': slogan.text})}\n    status: draft\n"
        "    translated: 2026-11-21\n    text: DRAFT-SLOGAN-TRANSLATION\n", encoding="utf-8")
    site = build(proj, out=tmp_path / "site", release=True).site
    home = html_of(site, "en/", "")
    assert "Social insurance is an investment in the future" not in home
    assert "Bảo hiểm xã hội là đầu tư cho tương lai" in home and "translation-fallback" in home
    assert "DRAFT-SLOGAN-TRANSLATION" not in html_of(site, "en/", "khau-hieu/")
    preview = build(proj, out=tmp_path / "preview").site
    assert "DRAFT-SLOGAN-TRANSLATION" in html_of(preview, "en/", "khau-hieu/")
    assert "translation-outdated" in html_of(preview, "en/", "")


def test_report_counts_are_right_for_a_fixture(tmp_path):
    proj = copy_project(tmp_path / "p")
    _only_vi_en(proj)
    _write_message_translation(proj, "approved")
    content = load(proj)
    s0, s1 = content.slogans[:2]
    (proj / "slogans" / "khau-hieu-2021.en.yaml").write_text(
        "locale: en\nitems:\n"
        f"  {s0.id}:\n    source_hash: {source_hash({'text': s0.text})}\n    status: draft\n    translated: 2026-11-21\n    text: A\n"
        f"  {s1.id}:\n    source_hash: ffffffffffff\n    status: approved\n    translated: 2026-11-21\n    text: B\n",
        encoding="utf-8")
    content = load(proj)
    r = {x.locale: x for x in build_report(content)}["en"]
    from bhxhpub.model.translations import units
    total = len(units(content, content.ui))
    assert total > len(content.messages) + len(content.slogans) + len(content.ui) + len(content.leaflets)
    assert r.counts == {"approved": 1, "draft": 1, "outdated": 1, "missing": total - 3}
    assert r.todo[0].kind == "leaflet"  # leaflets first


def test_a_translation_may_not_type_a_figure_instead_of_the_fact_token(tmp_path):
    from bhxhpub.errors import ContentError
    proj = copy_project(tmp_path / "p")
    _only_vi_en(proj)
    q = next(q for q in load(proj).qa if "[[" in q.answer)
    (proj / "content" / "qa.en.yaml").write_text(
        "locale: en\nitems:\n"
        f"  {q.id}:\n    source_hash: {source_hash({'question': q.question, 'answer': q.answer})}\n"
        "    status: approved\n    translated: 2026-11-21\n    question: Q?\n    answer: You pay 22 percent.\n",
        encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load(proj)
    msg = exc.value.problems.report()
    assert "content/qa.en.yaml:8:" in msg and "mã số liệu" in msg


def test_report_is_published_as_a_page_and_json_outside_the_navigation(site_dir):
    data = json.loads((site_dir / "bao-cao-dich" / "report.json").read_text(encoding="utf-8"))
    assert {r["locale"] for r in data} == set(LOCALES) - {"vi"} | {"nung", "dao"}  # editions' locales are translated too
    assert (site_dir / "bao-cao-dich" / "index.html").exists()
    assert "bao-cao-dich" not in (site_dir / "index.html").read_text(encoding="utf-8")


def test_search_index_per_locale_leaves_out_vietnamese_fallback_pages(built, site_dir):
    vi = json.loads((site_dir / "assets" / "search-index.json").read_text(encoding="utf-8"))
    en = json.loads((site_dir / "en" / "assets" / "search-index.json").read_text(encoding="utf-8"))
    km = json.loads((site_dir / "khmer" / "assets" / "search-index.json").read_text(encoding="utf-8"))
    leaflet = next(l for l in built.content.leaflets if l.id == "vi-sao-khong-nen-nhan-bhxh-mot-lan")
    vi_urls = {d["u"] for d in vi["docs"]}
    assert f"../{LEAFLET}" in vi_urls
    en_titles = {d["t"] for d in en["docs"]}
    assert "Why you should not take a one-time social insurance payment" in en_titles or \
        any("one-time" in t.lower() for t in en_titles), en_titles
    assert leaflet.title not in en_titles  # the English index holds the English page, not the Vietnamese one
    km_urls = {d["u"] for d in km["docs"]}
    assert f"../{LEAFLET}" not in km_urls  # shown in Vietnamese there: found through the Vietnamese search
    assert len(km["docs"]) < len(vi["docs"])


def test_search_page_of_an_untranslated_locale_offers_the_vietnamese_search(page, server):
    page.goto(f"{server}/khmer/tim-kiem/?q=bao%20hiem%20mot%20lan")
    page.wait_for_selector("#search-results p")
    page.click("#search-vi")
    page.wait_for_selector("#search-results ol")
    assert page.url.startswith(f"{server}/tim-kiem/?q=")
    hrefs = [a.get_attribute("href") for a in page.query_selector_all("#search-results ol li > a")]
    assert any(LEAFLET in h for h in hrefs)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_leaflet_page_links_its_pdfs_in_every_language_and_the_files_exist(site_dir, prefix):
    page_dir = site_dir / prefix / LEAFLET
    raw = (page_dir / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+\.pdf)"', raw)
    assert any("/pdf/vi/" in h for h in hrefs) and any("/pdf/en/" in h for h in hrefs), hrefs
    for h in hrefs:
        assert (page_dir / h).resolve().is_file(), h


def test_translated_pdfs_print_the_locale_words_and_are_listed_with_them(site_dir):
    import subprocess
    pdf = site_dir / "en" / "pdf" / "en" / "vi-sao-khong-nen-nhan-bhxh-mot-lan-a5.pdf"
    text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Leaflet · 2026" in text and "Tờ rơi" not in text
    raw = html_of(site_dir, "en/", LEAFLET)
    assert '-a5-2up.pdf">Office print' in raw or 'a5-2up.pdf" download>Office print' in raw or \
        re.search(r'a5-2up\.pdf"[^>]*>Office print', raw)


def test_the_default_locale_cannot_be_switched_off(tmp_path):
    from bhxhpub.errors import ContentError
    proj = copy_project(tmp_path / "p")
    p = proj / "content" / "settings.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("    fonts: [Noto Sans]\n  - id: en", "    fonts: [Noto Sans]\n    build: false\n  - id: en", 1), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load(proj)
    assert "build: false" in exc.value.problems.report() and "content/settings.yaml:" in exc.value.problems.report()


TABLE_LEAFLET = "leaflets/vi-sao-nguoi-dan-nen-tham-gia-bhxh-tu-nguyen-bhyt-ho-gia-dinh.en.yaml"


def test_the_computed_table_follows_the_section_the_translator_marked_even_when_reordered(tmp_path):
    proj = copy_project(tmp_path / "p")
    path = proj / TABLE_LEAFLET
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("sections:\n")
    body, _, tail = rest.partition("\ncall_to_action:")
    parts = ["  - question:" + x for x in body.split("  - question:")[1:]]
    parts = [parts[2]] + parts[:2] + parts[3:]  # the "How much does the State pay?" section first
    path.write_text(head + "sections:\n" + "".join(parts).rstrip("\n") + "\ncall_to_action:" + tail, encoding="utf-8")
    content = load(proj)
    leaflet = localize(content, content.ui, content.translations, "en", False)[0].leaflet(
        "vi-sao-nguoi-dan-nen-tham-gia-bhxh-tu-nguyen-bhyt-ho-gia-dinh")
    assert leaflet.sections[0].question == "How much does the State pay?" and leaflet.sections[0].table == "contribution"
    assert [s.table for s in leaflet.sections[1:]] == [None] * (len(leaflet.sections) - 1)


def test_a_translation_without_the_table_marker_is_refused(tmp_path):
    from bhxhpub.errors import ContentError
    proj = copy_project(tmp_path / "p")
    path = proj / TABLE_LEAFLET
    path.write_text(path.read_text(encoding="utf-8").replace("    table: contribution\n", ""), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load(proj)
    assert TABLE_LEAFLET in str(err.value) and "table: contribution" in str(err.value)
