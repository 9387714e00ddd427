"""Copyfit: how full each leaflet panel is, measured on the laid-out boxes; a warning (file, line,
locale, edition, percentage) when a panel is over 90 % at the smallest body size; the report page."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from bhxhpub.channels.leaflets.errors import copyfit_warnings
from bhxhpub.pdf.copyfit import Copyfit, read_copyfit
from bhxhpub.render.base import LocaleView


def test_the_fill_is_written_and_read_back_and_only_a_full_panel_at_the_smallest_size_is_tight():
    fill = Copyfit(10.0, 10.0, (("back", 0.5), ("inside", 0.934)))
    assert Copyfit.parse(fill.text()) == fill
    assert fill.tight and fill.fullest == ("inside", 0.934)
    assert not Copyfit(11.5, 10.0, (("inside", 0.99),)).tight  # the text can still shrink to 10 pt
    assert not Copyfit(10.0, 10.0, (("inside", 0.89),)).tight
    assert Copyfit.parse("") is None and Copyfit.parse("nonsense") is None


def view_of(content, locale="vi"):
    loc = next(l for l in content.settings.locales if l.id == locale)
    return LocaleView(loc, content, content.ui, {}, "vi", "" if locale == "vi" else f"{locale}/")


def test_the_warning_names_the_file_line_locale_edition_and_percentage():
    from bhxhpub.channels.leaflets.formats import EDITIONS
    from bhxhpub.pipeline.plan import load
    from tests.support import ROOT
    content = load(ROOT)
    leaflet = next(l for l in content.leaflets if "trifold" in l.formats)
    edition = EDITIONS["trifold"][0]
    full = Copyfit(10.0, 10.0, (("back", 0.4), ("inside", 0.93)))
    [warning] = copyfit_warnings(leaflet, view_of(content), edition, full)
    assert (warning.file, warning.line) == (leaflet.where.file, leaflet.where.line)
    assert "(vi, bản gap-ba)" in warning.message and "93 %" in warning.message and "ba mặt trong" in warning.message
    assert "10 %" in warning.hint
    [translated] = copyfit_warnings(leaflet, view_of(content, "en"), edition, full)
    assert translated.file == f"leaflets/{leaflet.id}.en.yaml" and "(en, bản gap-ba)" in translated.message
    assert copyfit_warnings(leaflet, view_of(content), edition, replace(full, body_pt=11.0)) == ()


@pytest.mark.build
def test_a_leaflet_filled_up_at_10_pt_is_reported_with_its_fill():
    """More and more text at the smallest body size: the measured fill grows, and past 90 % the
    leaflet gets a warning with its percentage (one layout per step, as the fit search lays out)."""
    from bhxhpub.channels.leaflets.context import leaflet_context
    from bhxhpub.channels.leaflets.formats import EDITIONS
    from bhxhpub.channels.leaflets.layout import LayoutChoices, check_fits, copyfit
    from bhxhpub.channels.leaflets.output import PdfRenderer
    from bhxhpub.pdf.boxes import Overflow
    from bhxhpub.pipeline.plan import load
    from bhxhpub.render.base import RenderSettings
    from bhxhpub.rules.timeline import resolve_content
    from tests.support import ROOT
    good = ROOT
    content = resolve_content(load(ROOT), date(2026, 5, 27))[0]
    renderer = PdfRenderer(RenderSettings(root=ROOT, release=False, today=date(2026, 5, 27), epoch=1779840000))
    base = next(l for l in content.leaflets if "trifold" in l.formats and l.id.endswith("hoc-sinh-sinh-vien"))
    edition = EDITIONS["trifold"][0]
    families = renderer.resources.families(view_of(content).locale)
    fills, tight = [], None
    for extra in range(0, 60, 6):
        last = base.sections[-1]
        more = tuple(f"Ý bổ sung số {i} cho thử nghiệm về độ đầy của tờ gấp." for i in range(extra))
        leaflet = replace(base, sections=base.sections[:-1] + (replace(last, bullets=last.bullets + more),))
        context = leaflet_context(content, leaflet, view_of(content).locale, content.ui, good, 1779840000)
        choices = LayoutChoices(body_pt=10.0)
        document = renderer.typeset(edition, context, families, choices)
        try:
            check_fits(document, edition)
        except Overflow:
            break
        fill = copyfit(document, edition, choices)
        fills.append(dict(fill.panels)["inside"])
        if fill.tight:
            tight = (leaflet, fill)
    assert fills == sorted(fills) and fills[0] < 0.6, fills  # the inside fills up as text is added
    assert tight is not None, fills
    [warning] = copyfit_warnings(tight[0], view_of(content), edition, tight[1])
    assert re.search(r"ba mặt trong đã đầy 9\d %", warning.message) or "100 %" in warning.message, warning.message


@pytest.mark.build
def test_every_shipped_leaflet_reports_its_fill_and_the_build_warns_about_the_full_ones(built, site_dir):
    office = [d for d in built.pdfs if d.kind == "leaflet" and d.edition in ("a5", "gap-ba")]
    assert office and all(d.copyfit for d in office)
    for d in office:
        path = site_dir / d.path
        assert read_copyfit(path.read_bytes()) == Copyfit.parse(d.copyfit)  # the file says it too (cache)
        fill = Copyfit.parse(d.copyfit)
        warned = [w for w in built.warnings if f"“{d.item}” ({d.locale}, bản {d.edition})" in w.message]
        assert bool(warned) == fill.tight, (d.path, d.copyfit, warned)
        if d.locale == "vi":
            assert not fill.tight, (d.path, d.copyfit)  # the Vietnamese leaflets keep room
    page = (site_dir / "bao-cao-dich" / "index.html").read_text(encoding="utf-8")
    assert "Tờ rơi đầy đến đâu" in page
    for d in office:
        assert re.search(re.escape(d.item) + r".{0,400}?\(" + d.locale + r"\)", page, re.S), d.item
