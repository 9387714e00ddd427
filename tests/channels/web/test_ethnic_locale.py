"""No English on an ethnic locale's pages: every interface string of every Tày page (text and the attributes a
reader or a screen reader meets) comes from the Tày interface strings or the Vietnamese fallback, never from
English (ours, content/ui.en.yaml, or Material's), and no string key is printed in place of its text."""
from __future__ import annotations

import re
from pathlib import Path

import material
import yaml
from lxml import html

from tests.support import ROOT

ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "content")


def material_english() -> set[str]:
    """Material's English interface strings (its partials/languages/en.html), those a page could show."""
    text = (Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    pairs = re.findall(r'^\s*"([a-z.]+)": "(.*)",?$', text, re.M)
    return {v for k, v in pairs if not k.startswith(("search.config", "language", "direction")) and len(v) > 3
            and "#" not in v}


def english_ui() -> set[str]:
    vi = yaml.safe_load((ROOT / "content" / "ui.yaml").read_text(encoding="utf-8"))["strings"]
    en = yaml.safe_load((ROOT / "content" / "ui.en.yaml").read_text(encoding="utf-8"))["items"]
    return {item["text"] for key, item in en.items() if item["text"] != vi.get(key) and len(item["text"]) > 3
            and not re.search(r"\{[a-z_]+\}", item["text"])}  # templates are checked by their fixed parts below


def readable(page: Path) -> str:
    doc = html.fromstring(page.read_bytes())
    # hidden: the 404 page's other locales (its script shows the one of the missing path's folder); an element marked
    # with another language (lang="en"): a way to another locale, written in that locale's words, as switchers are
    for bad in doc.xpath("//script|//style|//*[@hidden]|//body//*[@lang and @lang!='tyz' and @lang!='vi']"):
        bad.drop_tree()
    parts = [" ".join(doc.text_content().split())]
    for attr in ATTRIBUTES:
        parts += [v for v in doc.xpath(f"//@{attr}") if not v.startswith(("http", "/", "."))]
    return "\n".join(parts)


def test_every_tay_page_shows_tay_or_vietnamese_interface_strings_and_no_english(site_dir):
    pages = sorted((site_dir / "tay").rglob("*.html"))
    assert len(pages) > 30
    english = material_english() | english_ui()
    keys = set(yaml.safe_load((ROOT / "content" / "ui.yaml").read_text(encoding="utf-8"))["strings"])
    found = []
    for page in pages:
        text = readable(page)
        for phrase in english:
            if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text):
                found.append(f"{page.relative_to(site_dir)}: {phrase}")
        for key in keys:  # a missing string shows its key
            if re.search(r"(?<![\w.])" + re.escape(key) + r"(?![\w.])", text):
                found.append(f"{page.relative_to(site_dir)}: key {key}")
    assert found == []
    script = (site_dir / "tay" / "phat-thanh" / "index.html").read_text(encoding="utf-8")
    assert "Bài phát thanh trên loa xã" in script  # the Vietnamese fallback of the script pages, not English
