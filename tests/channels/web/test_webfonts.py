"""Web fonts hold what a locale's pages show, and no more."""
from __future__ import annotations

from fontTools.ttLib import TTFont

from bhxhpub.channels.web.webfonts import write_webfonts
from bhxhpub.render.fonts import FontTable
from tests.support import FIXTURES, ROOT

KHMER = (FIXTURES / "khmer_sample.txt").read_text(encoding="utf-8")
TAI_VIET = (FIXTURES / "taiviet_sample.txt").read_text(encoding="utf-8")


def _faces(tmp_path, family, script, text):
    import os
    from unittest import mock

    from tests.support import BUILD_EPOCH
    fonts = FontTable.of_project(ROOT, with_cmap=False)
    # the subsets land in the project's .cache/webfonts, which test projects copy (tests/support.py): made with the
    # builds' fixed date, or a font's head.modified would be today's and a copy's build would differ from a clean one
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": BUILD_EPOCH}):
        css = write_webfonts(ROOT, tmp_path, fonts, [("Noto Sans", "Latn"), (family, script)], split_latin=True, text=text)
    return css, {p.name: p for p in (tmp_path / "fonts").glob("*.woff2")}


def test_a_khmer_face_holds_every_khmer_character_of_the_text_and_is_small(tmp_path):
    css, files = _faces(tmp_path, "Noto Sans Khmer", "Khmr", KHMER)
    khmer = [p for n, p in files.items() if n.startswith("NotoSansKhmer-")]
    assert len(khmer) == 2  # regular and bold
    wanted = {ord(c) for c in KHMER if 0x1780 <= ord(c) <= 0x17FF}
    for path in khmer:
        cmap = TTFont(str(path)).getBestCmap()
        assert wanted <= set(cmap), sorted(wanted - set(cmap))
        assert path.stat().st_size < 24_000, (path.name, path.stat().st_size)  # the whole block: ~33 KB
        assert path.name in css


def test_the_khmer_subset_changes_name_when_the_text_uses_new_characters(tmp_path):
    _, first = _faces(tmp_path / "a", "Noto Sans Khmer", "Khmr", KHMER[:40])
    _, second = _faces(tmp_path / "b", "Noto Sans Khmer", "Khmr", KHMER)
    assert {n for n in first if "Khmer" in n}.isdisjoint({n for n in second if "Khmer" in n})


def test_a_tai_viet_page_gets_latin_in_two_halves_so_untranslated_vietnamese_costs_only_when_shown(tmp_path):
    css, files = _faces(tmp_path, "Noto Sans Tai Viet", "Tavt", TAI_VIET)
    assert {"NotoSans-Regular-latin.woff2", "NotoSans-Regular-vi.woff2"} <= set(files)
    vi = TTFont(str(files["NotoSans-Regular-vi.woff2"])).getBestCmap()
    latin = TTFont(str(files["NotoSans-Regular-latin.woff2"])).getBestCmap()
    assert ord("ạ") in vi and ord("ạ") not in latin
    assert ord("7") in latin and ord("7") not in vi
    tai = [p for n, p in files.items() if n.startswith("NotoSansTaiViet-")]
    assert tai and {ord(c) for c in TAI_VIET if 0xAA80 <= ord(c) <= 0xAADF} <= set(TTFont(str(tai[0])).getBestCmap())


def test_a_subset_is_the_same_bytes_whatever_the_build_date(tmp_path, monkeypatch):
    """A subset cached one day is reused on another: it must not carry the day it was made
    (fontTools stamps head.modified with SOURCE_DATE_EPOCH or the clock unless told not to)."""
    from bhxhpub.channels.web.webfonts import make_woff2
    src = FontTable.of_project(ROOT, with_cmap=False).regular("Noto Sans").path
    made = []
    for day, epoch in enumerate(("1000000000", "1779840000")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        make_woff2(src, tmp_path / f"{day}.woff2", "U+0000-00FF", tmp_path / f"cache{day}")
        made.append((tmp_path / f"{day}.woff2").read_bytes())
    assert made[0] == made[1]
