"""The built site in real headless Chromium: Vietnamese search with or without diacritics, accessibility."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest

ONE_TIME = "/to-roi/vi-sao-khong-nen-nhan-bhxh-mot-lan/"


def search(page, server, query: str) -> list[str]:
    page.goto(f"{server}/tim-kiem/?q={quote(query)}")
    page.wait_for_selector("#search-results ol, #search-results p")
    return [a.get_attribute("href") for a in page.query_selector_all("#search-results ol li > a")]


@pytest.mark.parametrize("query", ["bao hiem mot lan", "dong bao hiem", "bảo hiểm một lần", "rut bhxh 1 lan"])
def test_search_finds_the_one_time_withdrawal_leaflet_with_or_without_diacritics(page, server, query):
    hrefs = search(page, server, query)
    resolved = [page.evaluate("h => new URL(h, location.href).pathname", h) for h in hrefs]
    assert ONE_TIME in resolved, (query, resolved)


def test_search_ranks_the_leaflet_first_for_its_own_title_typed_without_marks(page, server):
    hrefs = search(page, server, "vi sao khong nen nhan bhxh mot lan")
    first = page.evaluate("h => new URL(h, location.href).pathname", hrefs[0])
    assert first == ONE_TIME


def test_search_results_escape_the_query(page, server):
    search(page, server, "<img src=x onerror=alert(1)>")
    assert page.query_selector("#search-results img") is None
    assert "<img" in page.inner_text("#search-results")


def test_search_form_on_every_page_leads_to_results(page, server):
    page.goto(f"{server}/hoi-dap/")
    page.fill("#q-top", "vssid")
    page.press("#q-top", "Enter")
    page.wait_for_selector("#search-results ol")
    assert page.url.startswith(f"{server}/tim-kiem/")
    assert len(page.query_selector_all("#search-results ol li")) >= 1


def _axe(page) -> list[dict]:
    import axe_playwright_python
    script = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    page.add_script_tag(content=script)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


@pytest.mark.parametrize("path", [
    "/", "/doi-tuong/nong-dan/", ONE_TIME, "/to-gap/nhung-dieu-can-biet-ve-bhxh-tu-nguyen/",
    "/hoi-dap/", "/khau-hieu/", "/tai-lieu-in/", "/tim-kiem/?q=bhxh", "/lich-truyen-thong/", "/so-lieu/",
    "/en/", "/en" + ONE_TIME, "/khmer/", "/thai" + ONE_TIME, "/bao-cao-dich/", "/tin-nhan/", "/phat-thanh/",
    "/phat-thanh/bhxh-tu-nguyen/", "/lien-he/",
])
def test_axe_finds_no_accessibility_violation(page, server, path):
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    violations = _axe(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_pages_make_no_request_to_another_host(page, server):
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    for path in ("/", ONE_TIME, "/tim-kiem/?q=bhxh"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    assert hosts == {server.split("/")[2]}, hosts


def test_the_page_uses_the_self_hosted_vietnamese_font(page, server):
    page.goto(server + ONE_TIME)
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("""async () => { await document.fonts.ready;
        return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family); }""")
    assert any("Noto Sans" in f for f in loaded), loaded


@pytest.mark.parametrize("path, lang, heading", [
    ("/khong-co-trang-nay/", "vi", "Không tìm thấy trang này"),
    ("/en/no-such-page/", "en", "This page was not found"),
])
def test_a_missing_address_gets_a_404_page_in_the_language_of_its_folder(page, server, path, lang, heading):
    response = page.goto(server + path)
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == lang
    visible = page.inner_text("article")
    assert heading in visible
    assert page.locator("#q-top").is_visible()  # the search box
    hotline = page.locator(".hotline a[href^='tel:']")
    assert hotline.is_visible() and hotline.get_attribute("href") == "tel:+84-1900-9068"
    # every language's home page is one tap away, with absolute links that work at any depth
    homes = [a.get_attribute("href") for a in page.query_selector_all(".not-found-languages a")]
    assert homes and all(h.startswith("https://") for h in homes)
    assert not [a for a in page.query_selector_all(".lang-switch a") if a.get_attribute("href").startswith("//")]
