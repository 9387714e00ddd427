"""The Vietnamese website built from the real shipped content."""
from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from bhxhpub.channels.web.pages import current_or_next_period
from bhxhpub.pipeline.plan import load
from tests.support import ROOT, copy_project

SLOGANS_TABLE_4_2 = [
    "Quan tâm đến BHXH là quan tâm tới sự ổn định an sinh xã hội của đất nước",
    "Hành động ngay để hệ thống BHXH bền vững hơn",
    "BHXH hướng tới công bằng xã hội và phát triển bền vững",
    "Không ngừng hoàn thiện chính sách BHXH vì cuộc sống tốt đẹp cho mọi người dân Việt Nam",
    "BHXH giúp ổn định cuộc sống khi không còn khả năng lao động",
    "BHXH giúp bạn yên tâm sinh con",
    "BHXH giúp bạn giảm bớt khó khăn về tài chính khi gặp rủi ro trong cuộc sống.",
    "BHXH giúp bạn an hưởng tuổi già",
    "BHXH là người bạn thân thiết của tuổi già",
    "Hãy chủ động tham gia BHXH ngay hôm nay",
    "Tham gia BHXH là bảo vệ cuộc sống của mỗi gia đình",
    "Tham gia BHXH giúp phát triển doanh nghiệp bền vững.",
    "Cuộc sống của bạn – trách nhiệm của tôi",
    "Pháp luật xử lý nghiêm mọi hành vi vi phạm pháp luật về BHXH",
]
MESSAGES_1192 = [
    "Bảo hiểm xã hội là đầu tư cho tương lai",
    "Hướng tới mục tiêu thực hiện bảo hiểm xã hội, bảo hiểm y tế toàn dân là góp phần xây dựng sự nghiệp an sinh bền vững.",
    "Tham gia bảo hiểm xã hội là đầu tư cho tương lai.",
    "Bảo hiểm xã hội giúp bạn giảm bớt khó khăn về tài chính khi gặp rủi ro trong cuộc sống.",
    "Lương hưu và bảo hiểm y tế - Chỗ dựa tài chính lúc tuổi già.",
    "Tham gia bảo hiểm xã hội là bảo vệ cuộc sống của mỗi gia đình.",
    "Vì sự ổn định cuộc sống của bản thân và gia đình, hãy tham gia bảo hiểm xã hội, bảo hiểm y tế ngay hôm nay.",
]


def visible_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return re.sub(r"\s+", " ", text)


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


OTHER_LOCALES = ("en", "tay", "hmong", "khmer", "thai")


def vi_html(site: Path) -> list[Path]:
    """The Vietnamese site (the root, without the other locales' prefixes)."""
    return [p for p in all_html(site) if p.relative_to(site).parts[0] not in OTHER_LOCALES]


def test_every_official_slogan_appears_exactly_on_the_slogans_page(site_dir):
    text = visible_text(site_dir / "khau-hieu" / "index.html")
    for slogan in SLOGANS_TABLE_4_2:
        assert slogan in text, slogan


def test_the_main_message_and_six_campaign_messages_appear_exactly(site_dir):
    text = visible_text(site_dir / "thong-diep" / "index.html")
    for message in MESSAGES_1192:
        assert message in text, message
    assert "Bảo hiểm xã hội là đầu tư cho tương lai" in visible_text(site_dir / "index.html")


def test_year_theme_and_hotline_are_on_the_home_page(site_dir):
    text = visible_text(site_dir / "index.html")
    assert "Bảo hiểm xã hội cho tất cả mọi người" in text
    assert "1900.9068" in text
    assert 'href="tel:+84-1900-9068"' in (site_dir / "index.html").read_text(encoding="utf-8")


def test_every_tel_link_on_the_site_is_a_valid_rfc3966_uri(site_dir):
    hrefs = {h for p in all_html(site_dir) for h in re.findall(r'href="(tel:[^"]*)"', p.read_text(encoding="utf-8"))}
    assert "tel:+84-1900-9068" in hrefs  # the hotline (the national edition prints no other number)
    for h in hrefs:
        assert re.fullmatch(r"tel:\+[0-9][0-9().\-]*[0-9]", h), h


def test_leaflet_pages_live_at_ascii_slugs_of_their_titles(site_dir):
    assert (site_dir / "to-roi" / "vi-sao-khong-nen-nhan-bhxh-mot-lan" / "index.html").is_file()
    assert (site_dir / "to-gap" / "nhung-dieu-can-biet-ve-bhxh-tu-nguyen" / "index.html").is_file()
    for p in all_html(site_dir):
        rel = p.relative_to(site_dir).as_posix()
        assert re.fullmatch(r"[a-z0-9/\-.]+", rel), rel


def test_every_audience_has_its_page_with_slogans_and_leaflets(built, site_dir):
    c = built.content
    for a in c.audiences:
        page = site_dir / "doi-tuong" / a.id / "index.html"
        text = visible_text(page)
        assert a.name in text
        for s in c.slogans:
            if a.id in s.audiences:
                assert s.text in text
        for l in c.leaflets:
            if a.id in l.audiences:
                assert l.title in text


def test_contribution_table_is_computed_from_the_facts(built, site_dir):
    c = built.content
    rate = c.facts["ty-le-dong-bhxh-tu-nguyen"].value / 100
    basis = c.facts["chuan-ngheo-nong-thon"].value
    poor = c.facts["ho-tro-ho-ngheo"].value / 100
    expected_full = f"{round(basis * rate):,}".replace(",", ".")
    expected_poor = f"{round(basis * rate) - round(basis * rate * poor):,}".replace(",", ".")
    leaflet = next(l for l in c.leaflets if any(s.table == "contribution" for s in l.sections))
    text = visible_text(site_dir / leaflet.kind / leaflet.id / "index.html")
    assert expected_full in text and expected_poor in text


def test_drafts_carry_a_visible_marker_in_the_preview_build(built, site_dir):
    draft = next(l for l in built.content.leaflets if l.editorial.is_draft)
    text = visible_text(site_dir / draft.kind / draft.id / "index.html")
    assert "Dự thảo" in text


@pytest.mark.build
def test_release_build_publishes_approved_items_only(tmp_path):
    from bhxhpub.pipeline.run import build
    proj = copy_project(tmp_path / "proj")
    result = build(proj, out=tmp_path / "site", release=True)
    site = result.site
    content = load(proj)
    for l in content.leaflets:
        exists = (site / l.kind / l.id / "index.html").exists()
        assert exists == (not l.editorial.is_draft), l.id
    for s in content.slogans:  # the official slogans are approved
        assert s.editorial.status == "approved"
    text = visible_text(site / "khau-hieu" / "index.html")
    assert all(s in text for s in SLOGANS_TABLE_4_2)
    assert not any("Dự thảo" in visible_text(p) for p in vi_html(site))


def test_html_declares_vietnamese_and_headings_are_in_order(site_dir):
    for p in vi_html(site_dir):
        raw = p.read_text(encoding="utf-8")
        assert '<html lang="vi"' in raw, p
        levels = [int(h) for h in re.findall(r"<h([1-6])\b", raw.split('<article', 1)[-1])]
        for a, b in zip(levels, levels[1:]):
            assert b <= a + 1, (p, levels)


def test_no_request_to_another_host(site_dir):
    """Only outbound links written in the content may name other hosts; no asset does."""
    allowed = {"baohiemxahoi.gov.vn", "tuyentruyen-bhxh.example.vn"}
    for p in list(all_html(site_dir)) + list(site_dir.rglob("*.css")) + list(site_dir.rglob("*.js")):
        raw = p.read_text(encoding="utf-8", errors="replace")
        if p.suffix == ".html":
            for tag, attr, url in re.findall(r"<(link|script|img|iframe|source)\b[^>]*?\b(href|src)=\"([^\"]+)\"", raw):
                if re.match(r"https?://", url) and not (tag == "link" and 'rel="alternate"' in raw):
                    host = re.match(r"https?://([^/]+)", url).group(1)
                    assert host in allowed, (p, tag, url)
        else:
            for url in re.findall(r"url\(\s*['\"]?(https?://[^'\")]+)", raw):
                pytest.fail(f"{p} loads {url}")
            if p.suffix == ".css":
                assert "fonts.googleapis" not in raw and "fonts.gstatic" not in raw, p


@pytest.mark.parametrize("home", ["index.html", "khmer/index.html", "thai/index.html", "en/index.html"])
def test_home_page_first_visit_is_under_150_kb_compressed(site_dir, home):
    import importlib.util
    spec = importlib.util.spec_from_file_location("page_weight", ROOT / "scripts" / "page_weight.py")
    page_weight = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(page_weight)
    BUDGET, weigh = page_weight.BUDGET, page_weight.weigh
    total, items = weigh(site_dir, home)
    names = [n for n, _ in items]
    assert any(n.endswith(".woff2") for n in names), "the self-hosted font must be counted"
    assert total <= BUDGET, items


@pytest.mark.parametrize("today, expected_id, current", [
    (date(2026, 5, 12), "thang-van-dong-bhxh-toan-dan", True),
    (date(2026, 6, 1), "ngay-bhyt-viet-nam", False),
    (date(2026, 12, 20), "ngay-thanh-lap-dang", False),
    (date(2026, 8, 15), "bhyt-hoc-sinh-sinh-vien", True),
])
def test_home_page_period_is_the_current_or_next_one(today, expected_id, current):
    content = load(ROOT)
    period, is_current = current_or_next_period(content.periods, today)
    assert (period.id, is_current) == (expected_id, current)


def test_the_generated_tree_is_plain_markdown_with_a_standard_mkdocs_yml(generated_tree, tmp_path):
    import yaml
    src = generated_tree / "vi"
    cfg = yaml.safe_load((src / "mkdocs.yml").read_text(encoding="utf-8"))
    assert cfg["theme"]["name"] == "material" and cfg["theme"]["font"] is False
    assert (src / "docs" / "index.md").read_text(encoding="utf-8").lstrip().startswith("---")


def test_every_name_at_the_site_root_is_reserved_for_locale_ids(built, site_dir):
    """A locale's folder may not take a name the site uses (content/slug.py SITE_ROOT_NAMES): the
    list must cover every folder and page the built site has at its root."""
    from bhxhpub.model.slug import SITE_ROOT_NAMES
    locales = {loc.id for loc in built.content.settings.locales}
    names = {p.name.split(".")[0] for p in site_dir.iterdir()} - locales
    assert names <= SITE_ROOT_NAMES, names - SITE_ROOT_NAMES


def test_a_period_across_the_new_year_is_running_in_january():
    from bhxhpub.model.types import Editorial, Period, Where
    p = Period(id="tet", name="Tết", start_month=12, start_day=15, end_month=1, end_day=20, theme="x", source="x",
               editorial=Editorial(status="draft", reviewed=date(2026, 1, 1)), where=Where("x", 1))
    assert current_or_next_period((p,), date(2027, 1, 5)) == (p, True)
    assert current_or_next_period((p,), date(2026, 12, 20)) == (p, True)
    assert current_or_next_period((p,), date(2026, 6, 1)) == (p, False)


def test_robots_txt_points_to_the_sitemap(built, site_dir):
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {built.content.settings.base_url}sitemap.xml" in robots.splitlines()
    assert not (site_dir / "en" / "robots.txt").exists()


def test_no_theme_file_is_published_that_no_page_references(site_dir):
    """Material's bundle, lunr and source maps are not loaded by these pages: they are not published."""
    published = [p for p in site_dir.rglob("*") if p.is_file() and "/assets/javascripts/" in p.as_posix()
                 or p.suffix == ".map"]
    pages = "\n".join(p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html"))
    for path in published:
        assert path.suffix != ".map", path
        assert path.name in pages, path
    assert not any(site_dir.rglob("lunr")) and not any(site_dir.rglob("bundle.*.js"))


def test_every_content_page_says_when_its_text_was_last_reviewed(site_dir):
    content = load(ROOT)
    pages = list((site_dir).glob("**/index.html"))
    without = [p.relative_to(site_dir).as_posix() for p in pages if 'class="reviewed"' not in p.read_text(encoding="utf-8")]
    # only pages with no reviewed item of their own: contacts (settings), search, the translation report
    assert {w.split("/")[-2] for w in without} <= {"lien-he", "tim-kiem", "bao-cao-dich"}, without
    leaflet = content.leaflet("vi-sao-khong-nen-nhan-bhxh-mot-lan")
    text = visible_text(site_dir / "to-roi" / leaflet.id / "index.html")
    assert f"Nội dung được rà soát ngày {leaflet.editorial.reviewed:%d/%m/%Y}." in text
    latest = max(q.editorial.reviewed for q in content.qa)
    assert f"rà soát ngày {latest:%d/%m/%Y}" in visible_text(site_dir / "hoi-dap" / "index.html")


def test_no_page_or_pdf_prints_the_hanoi_guidance_line_or_a_district_office(site_dir):
    """024.36285231 is where provincial offices call Hanoi (letter 1192), not a public contact; districts
    no longer exist (2025): the national edition sends people to the commune agent or their office."""
    import subprocess
    texts = {p: p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")}
    texts.update({p: subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True).stdout
                  for p in site_dir.rglob("*.pdf")})
    assert any(p.suffix == ".pdf" for p in texts)
    for path, text in texts.items():
        flat = " ".join(text.split())
        assert "36285231" not in flat.replace(".", "").replace(" ", ""), path
        assert not re.search(r"(?<!\w)huyện(?!\w)", flat, re.IGNORECASE), path  # no district, in any text
    home = visible_text(site_dir / "index.html")
    assert "Chủ đề truyền thông của ngành BHXH (từ năm 2021)" in home  # the theme's own year, not the campaign's


def test_the_calendar_and_home_show_when_banners_hang(site_dir):
    calendar = visible_text(site_dir / "lich-truyen-thong" / "index.html")
    assert "Treo băng rôn, phướn khẩu hiệu từ 15/5 đến 25/5." in calendar  # letter 1192, §3.1


def test_a_banner_window_with_a_day_no_month_has_is_refused(tmp_path):
    from tests.model.test_validation import edit, problems_of, the_problem
    proj = copy_project(tmp_path / "p")
    line = edit(proj, "content/periods.yaml", '    banners_until: "25/5"', '    banners_until: "32/5"')
    the_problem(problems_of(proj), "content/periods.yaml", line, "“32/5”", "15/5")
