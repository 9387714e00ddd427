"""Commune panels: what a local edition's copy of a leaflet says for one commune, laid out once.

A panel holds the hotline, the commune's collection agents, the office that serves it and a QR
code to the commune's entry on the site ("Đóng BHXH, BHYT ở đâu?", `dong-bhxh-o-dau/#<id>`). It is
laid out by WeasyPrint on a page of exactly the size of the slot the shared leaflet pages keep
empty (formats.PANEL_SLOTS; theme/pdf/panel.html.j2), many communes to one document, and kept as
a one-page PDF per commune for pdf/stamp.py.

Reproducible whatever the batch: the fonts embedded with a panel are subsets, and a subset depends
on every letter of its document. So every panel document starts with a primer page holding every
letter a panel may use (Vietnamese, Latin, digits, punctuation, the locale's printed words), and
panels lay out without ligatures: the subset is then the same for a panel laid out alone (after
one agent changed) or with 167 others (a clean build). A panel with a letter outside the primer
(another script in a name) is laid out in a document of its own.

A panel that does not fit its slot is an error naming the commune and how much is too long.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from ...errors import BuildError
from ...model.local import Commune, Edition
from ...pdf import qr
from ...pdf.boxes import find, leaf_bottoms, to_mm
from ...pdf.cmyk import svg_to_cmyk
from ...pdf.measures import PX_PER_MM
from ...pdf.resources import font_alias
from ...render.labels import ui_text
from ...render.text import prepare_text
from .formats import PANEL_SLOTS, PanelSlot

WHERE_PAGE = "dong-bhxh-o-dau/"  # the site's page of every commune (channels/web/pages.py WHERE)
VIETNAMESE = ("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
              + "".join(chr(c) for c in range(0x1EA0, 0x1EFA)))
PRIMER = "".join(chr(c) for c in range(0x21, 0x7F)) + VIETNAMESE + "“”‘’–—…·•×°"
QR_SYMBOL_MM = 20.0  # the printed symbol, quiet zone excluded: read at arm's length
PANEL_WORDS = {"hotline": "pdf.hotline", "commune_office": "pdf.commune_office", "qr_commune": "pdf.qr_commune",
               "agents_in": "pdf.agents_in", "no_agent": "pdf.no_agent", "qr_alt": "pdf.qr_alt"}


@dataclass(frozen=True)
class PanelText:
    """Everything one commune's panel prints (prepared text), in one locale."""

    id: str  # the commune's id (file names, anchors)
    name: str
    agents_title: str  # "Đại lý thu BHXH, BHYT ở Xã …:"
    agents: tuple[str, ...]  # one line per agent: name – phone (place)
    office: str  # the office serving the commune, with its phone
    url: str  # what the QR code opens: the commune's entry on the site
    url_display: str

    def letters(self) -> set[str]:
        return set("".join((self.name, self.agents_title, *self.agents, self.office, self.url_display)))


def panel_words(ui: Mapping[str, str]) -> dict[str, str]:
    """The printed words of panels, from the locale's interface strings (BuildError if missing)."""
    return {name: ui_text(ui, key) for name, key in PANEL_WORDS.items()}


def commune_url(base_url: str, prefix: str, commune_id: str) -> str:
    """The commune's entry on the edition's site, in the locale of the leaflet."""
    return f"{base_url.rstrip('/')}/{prefix}{WHERE_PAGE}#{commune_id}"


def panel_text(edition: Edition, commune: Commune, words: Mapping[str, str], base_url: str, prefix: str,
               script: str) -> PanelText:
    """One commune's panel in one locale: its agents as the edition lists them (an agent still
    "cần xác nhận" is printed so: a preview shows what is missing; a release refuses it)."""
    def text(value: str) -> str:
        return prepare_text(value or "", script)
    agents = tuple(text(f"{a.name} – {a.phone}" + (f" ({a.place})" if a.place else "")) for a in commune.agents if a.leaflet)
    office = next((o for o in edition.offices if commune.id in o.communes), edition.offices[0] if edition.offices else None)
    office_line = ""
    if office is not None:
        office_line = text(office.name + (f" – {office.phone}" if office.phone else ""))
    url = commune_url(base_url, prefix, commune.id)
    return PanelText(id=commune.id, name=text(commune.name),
                     agents_title=text(words["agents_in"].replace("{commune}", commune.name)),
                     agents=agents or (text(words["no_agent"]),), office=office_line, url=url,
                     url_display=url.split("://", 1)[-1])


def panel_key_parts(text: PanelText, layout: str, shop: bool, lang: str, families: tuple[str, ...],
                    words: Mapping[str, str], hotline: str) -> tuple:
    """What a panel's bytes are made from (with the theme and the code, which the caller adds)."""
    return ("panel", layout, shop, lang, families, asdict(text), dict(words), hotline, PRIMER)


@dataclass(frozen=True)
class PanelOverflow:
    commune: str
    mm: float
    lines: int


def overflow_error(layout: str, shop: bool, overflows: Sequence[PanelOverflow], names: Mapping[str, str],
                   edition_file: str) -> BuildError:
    """Panels too long for their slot: every commune, by how much, and what to do."""
    where = "tờ rơi A5 (dải liên hệ cuối mặt sau)" if layout == "a5" else "tờ gấp ba (khối liên hệ ở mặt sau)"
    lines = [f"{edition_file}: phần riêng của xã trên {where}{' bản nhà in' if shop else ''} không đủ chỗ cho "
             f"{len(overflows)} xã, phường:"]
    for o in overflows:
        extra = f"khoảng {o.lines} dòng, " if o.lines else ""
        lines.append(f"  - {names.get(o.commune, o.commune)} ({o.commune}): thừa {extra}khoảng {math.ceil(o.mm)} mm")
    lines.append("    → Cách sửa: ghi nơi thu (place) ngắn hơn, hoặc thêm “leaflet: false” cho các đại lý thu không cần in trên "
                 "tờ rơi (trang “Đóng BHXH, BHYT ở đâu?” vẫn liệt kê họ).")
    return BuildError("\n".join(lines))


PER_DOCUMENT = 48  # panels laid out in one document


class PanelPrinter:
    """Lays out panels for one locale, layout and ink, many to a document (see the module doc)."""

    def __init__(self, resources, lang: str, script: str, families: tuple[str, ...], layout: str, shop: bool,
                 words: Mapping[str, str], hotline: str, title: str):
        self.resources = resources
        self.lang, self.script, self.families, self.layout, self.shop = lang, script, families, layout, shop
        self.words, self.hotline, self.title = dict(words), hotline, title
        self.slot: PanelSlot = PANEL_SLOTS[layout]
        self.primer = PRIMER + "".join(sorted(set("".join(words.values())) - set(PRIMER) - {"{", "}"}))

    def batches(self, texts: Sequence[PanelText]) -> list[list[PanelText]]:
        """Panels whose letters are all in the primer share documents of at most PER_DOCUMENT panels
        (a document of 168 panels held a worker's memory high); any other panel is alone."""
        known = set(self.primer) | {" "}
        shared = [t for t in texts if t.letters() <= known]
        return ([shared[i:i + PER_DOCUMENT] for i in range(0, len(shared), PER_DOCUMENT)]
                + [[t] for t in texts if not t.letters() <= known])

    def html(self, texts: Sequence[PanelText]) -> str:
        from markupsafe import Markup
        panels = []
        for t in texts:
            size = qr.printed_size_mm(t.url, QR_SYMBOL_MM)
            if size > self.slot.qr_mm:  # pragma: no cover - an address of hundreds of characters
                raise BuildError(f"Địa chỉ {t.url} quá dài cho mã QR in trên tờ rơi (mã cần {size} mm, chỗ có {self.slot.qr_mm} mm).")
            svg = qr.qr_svg(t.url, size_mm=size, title=f"{self.words['qr_alt']}: {t.url}")  # the Figure's /Alt
            panels.append(dict(asdict(t), qr_mm=size, qr_svg=Markup(svg_to_cmyk(svg) if self.shop else svg)))
        return self.resources.templates.get_template("panel.html.j2").render(
            lang=self.lang, script=self.script, layout=self.layout, shop=self.shop, title=self.title, panels=panels,
            labels=self.words, hotline=self.hotline, primer=self.primer, width_mm=self.slot.width_mm,
            height_mm=self.slot.height_mm,
            font_stack=Markup(", ".join(f"'{font_alias(f)}'" for f in self.families)))

    def lay_out(self, texts: Sequence[PanelText]):
        """The laid-out document of some panels (the primer page first)."""
        from weasyprint import HTML
        return HTML(string=self.html(texts), base_url=self.resources.template_base_url,
                    url_fetcher=self.resources.url_fetcher).render(
            font_config=self.resources.font_config, stylesheets=self.resources.stylesheets(self.families, "leaflet.css"))

    def render(self, texts: Sequence[PanelText]) -> tuple[dict[str, bytes], list[PanelOverflow]]:
        """One-page PDFs by commune id, and the panels that do not fit (none rendered then)."""
        from ...pdf.stamp import single_pages
        out: dict[str, bytes] = {}
        overflows: list[PanelOverflow] = []
        for batch in self.batches(texts):
            document = self.lay_out(batch)
            pages = pages_by_commune(document)
            found = [overflow_of(document, pages, t.id) for t in batch]
            found = [f for f in found if f is not None]
            if found:
                overflows += found
                continue
            files = single_pages(document.write_pdf(pdf_tags=True))  # structure elements travel with each page
            for t in batch:
                out[t.id] = files[pages[t.id][0]]
        return out, overflows


def pages_by_commune(document) -> dict[str, list[int]]:
    """The pages each commune's panel is on (more than one: it does not fit)."""
    pages: dict[str, list[int]] = {}
    for number, page in enumerate(document.pages):
        for box in find(page._page_box, "data-commune"):
            pages.setdefault(box.element.get("data-commune"), []).append(number)
    return pages


def overflow_of(document, pages: Mapping[str, list[int]], commune: str):
    """How much of a commune's panel is outside its page: on further pages, or wider than it."""
    from weasyprint.formatting_structure import boxes

    from ...pdf.boxes import walk
    numbers = pages.get(commune, [])
    over_px, lines = 0.0, 0
    for number in numbers[1:]:
        box = document.pages[number]._page_box
        leaves = list(leaf_bottoms(box))
        if leaves:
            over_px += max(bottom for bottom, _ in leaves) - box.content_box_y()
        lines += sum(isinstance(b, boxes.LineBox) for _, b in leaves)
    if numbers:
        page = document.pages[numbers[0]]._page_box
        right = page.content_box_x() + page.width + 0.5
        for b in walk(page):
            if isinstance(b, boxes.TextBox) and b.position_x + b.width > right:
                over_px = max(over_px, b.position_x + b.width - right)
                lines += 1
    if over_px <= 0.5 and lines == 0:
        return None
    return PanelOverflow(commune, max(to_mm(over_px), 1.0 / PX_PER_MM), lines)
