"""Print-ready PDF leaflets, rendered with WeasyPrint from the content model.

Editions per leaflet format (file names: pdf/<locale>/<leaflet-id>-<edition>.pdf):

    a5             A5 148 × 210 mm, two pages (front, back)
    a5-2up         office: A4 landscape, two A5 copies side by side; page 1 = two fronts,
                   page 2 = two backs: print both sides (flip on the short edge), cut once
    a5-nha-in      print shop: A5 trim, 3 mm bleed, crop marks, TrimBox/BleedBox, CMYK colours
    gap-ba         office tri-fold on A4 landscape, two pages:
                   outside = inside flap 97 | back 100 | front cover 100 mm,
                   inside = 100 | 100 | flap 97 mm, questions flowing through the inside panels
    gap-ba-nha-in  the tri-fold for a print shop: bleed, crop and fold marks, CMYK colours

Office editions are designed for a black-and-white laser printer: black text, light solid
fills, no meaning carried by colour alone, nothing closer than 6 mm to the paper edge.

Everything a renderer needs comes from the Content object and the files in theme/: the
templates and CSS in theme/pdf/, the fonts in theme/fonts/. The URL fetcher refuses anything
else (network, other files), so a PDF never depends on the machine that builds it. With the
same sources and SOURCE_DATE_EPOCH, two builds give byte-identical files.

Text that does not fit its format is an error for the editor (BuildError, in Vietnamese),
found from the laid-out document: pages beyond the edition's count, lines below a panel's
bottom or beyond the third inside column.
"""
from __future__ import annotations

import hashlib
import html.parser
import io
import json
import logging
import math
import os
import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import qr
from ..errors import BuildError
from ..content.facts import SUPPORT_FACTS, TABLE_FACTS, contribution_rows, expand, facts_used, format_fact, format_number
from ..content.model import Content, Leaflet, Locale

LOG = logging.getLogger(__name__)

PT_PER_MM = 72 / 25.4
PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS px
DEFAULT_SOURCE_DATE_EPOCH = 1767225600  # 2026-01-01T00:00:00Z, used when SOURCE_DATE_EPOCH is unset
BLEED_MM = 3.0  # what print shops ask for
MARKS_MM = 10.0  # paper around the bleed for crop and fold marks (CSS bleed area)
MAX_BYTES = 1_000_000
QR_SYMBOL_MM = {"a5": 21.0, "trifold": 24.0}  # printed QR symbol width, quiet zone not included
# Body text sizes tried from the largest: a short leaflet gets bigger type for older readers,
# a long one goes down to 10 pt and no further; below that it is an overflow error.
BODY_PT = {"a5": (12.0, 11.5, 11.0, 10.5, 10.0), "trifold": (12.5, 12.0, 11.5, 11.0, 10.5, 10.0)}

# --------------------------------------------------------------------------------------------
# Editions


@dataclass(frozen=True)
class Edition:
    id: str
    format: str  # leaflet format: a5 | trifold
    layout: str  # template: a5 | trifold
    shop: bool  # print shop: bleed, marks, CMYK
    impose: str | None  # "2up": two copies of the A5 pages on A4 landscape
    width_mm: float  # finished (trim) size of a page of the file
    height_mm: float
    pages: int
    label: str
    format_name: str  # for messages: "tờ rơi A5", "tờ gấp ba A4"


EDITIONS: dict[str, tuple[Edition, ...]] = {
    "a5": (
        Edition("a5", "a5", "a5", False, None, 148, 210, 2,
                "Tờ rơi A5 – hai mặt, in trên giấy A5 (148 × 210 mm)", "tờ rơi A5"),
        Edition("a5-2up", "a5", "a5", False, "2up", 297, 210, 2,
                "Bản in văn phòng – 2 tờ A5 trên giấy A4 (in hai mặt, lật cạnh ngắn, cắt đôi)", "tờ rơi A5"),
        Edition("a5-nha-in", "a5", "a5", True, None, 148, 210, 2,
                "Bản gửi nhà in – A5, chừa lề xén 3 mm, có dấu cắt", "tờ rơi A5"),
    ),
    "trifold": (
        Edition("gap-ba", "trifold", "trifold", False, None, 297, 210, 2,
                "Bản in văn phòng – tờ gấp ba trên giấy A4 (in hai mặt, lật cạnh ngắn)", "tờ gấp ba A4"),
        Edition("gap-ba-nha-in", "trifold", "trifold", True, None, 297, 210, 2,
                "Bản gửi nhà in – tờ gấp ba A4, chừa lề xén 3 mm, có dấu cắt và dấu gấp", "tờ gấp ba A4"),
    ),
}

# Tri-fold panel widths (mm), left to right. Outside: inside-flap | back | front cover.
TRIFOLD_OUTSIDE = (97.0, 100.0, 100.0)
TRIFOLD_INSIDE = (100.0, 100.0, 97.0)


@dataclass(frozen=True)
class PdfFile:
    leaflet: str
    locale: str
    edition: str
    label: str  # Vietnamese description for download lists
    path: str  # relative to the site root, e.g. "pdf/vi/<leaflet-id>-a5.pdf"
    page_width_mm: float  # finished (trim) size; print-shop files add bleed and marks around it
    page_height_mm: float
    pages: int
    bytes: int
    sha256: str
    status: str  # the leaflet's editorial status: draft | approved


# --------------------------------------------------------------------------------------------
# Fixed words printed on the leaflets (Vietnamese; other locales fall back to these until the
# interface strings are translated).

LABELS = {
    "vi": {
        "kind": {"to-roi": "Tờ rơi", "to-gap": "Tờ gấp"},
        "draft": "DỰ THẢO",
        "draft_note": "Bản dự thảo – chưa được duyệt, không in phát hành",
        "hotline": "Tổng đài hỗ trợ",
        "office": "Nơi hỏi và đăng ký",
        "qr": "Quét mã QR để đọc thêm và hỏi đáp:",
        "qr_short": "Quét mã QR bên cạnh để đọc thêm, hoặc vào trang",
        "sources": "Căn cứ số liệu",
        "unconfirmed": "chưa xác nhận",
        "reviewed": "Nội dung rà soát ngày",
        "table_caption": "Ví dụ: số tiền tự đóng mỗi tháng (đồng), theo thu nhập chọn đóng",
        "table_income": "Thu nhập chọn đóng",
        "table_group": "Người tham gia",
        "table_full": "Không được hỗ trợ",
        "table_support": "Hỗ trợ",
        "table_note": "Mức đóng bằng {rate} thu nhập chọn đóng. Phần Nhà nước hỗ trợ tính trên mức đóng theo chuẩn hộ nghèo nông thôn ({basis}){years}.",
        "table_years": ", tối đa {years}",
        "summary": "Tóm tắt",
        "remember": "Thông điệp",
        "contact": "Liên hệ",
        "inside_flap_hint": "Mở tờ gấp để đọc các câu hỏi thường gặp",
    },
}


def _labels(content: Content, locale: str) -> dict:
    """Printed words for a locale: content.ui entries "pdf.<key>" (content/ui.yaml and its
    translations) win over the built-in Vietnamese ones."""
    labels = dict(LABELS.get(locale, LABELS["vi"]))
    ui = getattr(content, "ui", None) or {}
    # interface strings the site already has (and translators translate) mean the same here
    for key, ui_key, fix in (("table_group", "table.who", str), ("contact", "title.contacts", str),
                             ("sources", "sources.title", lambda t: t.rstrip(" :")),
                             ("draft", "draft.badge", str.upper)):
        value = ui.get(ui_key)
        if isinstance(value, str) and value.strip():
            labels[key] = fix(value.strip())
    for key in list(labels):
        value = ui.get(f"pdf.{key}")
        if isinstance(value, str) and value.strip():
            labels[key] = value
    labels["kind"] = {k: ui.get(f"pdf.kind_{k}") or v for k, v in labels["kind"].items()}
    return labels


def edition_label(content: Content, ed: Edition) -> str:
    """How a download list names an edition, in the locale's words (content/ui.yaml "pdf.edition_<id>")."""
    ui = getattr(content, "ui", None) or {}
    value = ui.get(f"pdf.edition_{ed.id}")
    return value if isinstance(value, str) and value.strip() else ed.label


# --------------------------------------------------------------------------------------------
# Resources: a URL fetcher confined to theme/, fonts, templates, one FontConfiguration


class ThemeURLFetcher(URLFetcher):
    """Lets WeasyPrint read files inside <root>/theme and nothing else.

    Refuses network URLs, data: URIs, file:// paths outside theme/ (after resolving symlinks
    and ".."), and missing files, by raising BuildError; with fail_on_errors WeasyPrint then
    stops the rendering instead of silently printing a leaflet without its stylesheet or fonts.
    """

    def __init__(self, root: Path):
        super().__init__(fail_on_errors=True, allowed_protocols=("file",))
        self.theme = (Path(root) / "theme").resolve()

    def fetch(self, url, headers=None):
        path = resolve_theme_url(self.theme, url)
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": _mime(path)})


def resolve_theme_url(theme: Path, url: str) -> Path:
    """The file inside `theme` that `url` names; BuildError for anything else."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise BuildError(f"Bản PDF chỉ được dùng tệp trong thư mục theme/, không tải được “{url[:120]}”. "
                         "Cách sửa: chép tệp (ảnh, phông chữ) vào theme/ và dẫn tới tệp đó.")
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not path.is_relative_to(theme):
        raise BuildError(f"Bản PDF không được đọc tệp ngoài thư mục theme/: “{path}”. "
                         "Cách sửa: chép tệp vào theme/ và dẫn tới tệp đó.")
    if not path.is_file():
        raise BuildError(f"Không tìm thấy tệp “{path.relative_to(theme.parent).as_posix()}” cho bản PDF.")
    return path


_MIME = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2",
         ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def _mime(path: Path) -> str:
    return _MIME.get(path.suffix.lower(), "application/octet-stream")


def make_url_fetcher(root: Path):
    return ThemeURLFetcher(root)


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: int
    italic: bool
    path: Path
    cmap: frozenset


def _css_ident(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9 _-]", "", name).strip()


class _Resources:
    """Per process: one FontConfiguration, and per root: font faces, templates, font CSS."""

    def __init__(self):
        self.lock = threading.RLock()
        self._font_config = None
        self._faces: dict[Path, tuple[FontFace, ...]] = {}
        self._font_css: dict[tuple, object] = {}
        self._env: dict[Path, object] = {}

    def font_config(self):
        with self.lock:
            if self._font_config is None:
                from weasyprint.text.fonts import FontConfiguration
                self._font_config = FontConfiguration()
            return self._font_config

    def faces(self, root: Path) -> tuple[FontFace, ...]:
        """The font files of theme/fonts, read again when a file changes (live preview)."""
        from fontTools.ttLib import TTFont
        fonts_dir = (root / "theme" / "fonts").resolve()
        files = sorted(fonts_dir.glob("*.[ot]tf"))
        key = (fonts_dir, tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files))
        with self.lock:
            if key not in self._faces:
                faces = []
                for path in files:
                    with TTFont(path, lazy=True) as tt:
                        name = tt["name"]
                        family = str(name.getDebugName(16) or name.getDebugName(1))
                        os2 = tt["OS/2"]
                        italic = bool(os2.fsSelection & 1) or "italic" in str(name.getDebugName(2)).lower()
                        faces.append(FontFace(family, int(os2.usWeightClass), italic, path,
                                              frozenset(tt.getBestCmap() or {})))
                self._faces[key] = tuple(faces)
            return self._faces[key]

    def env(self, root: Path):
        import jinja2
        tdir = (root / "theme" / "pdf").resolve()
        with self.lock:
            if tdir not in self._env:
                env = jinja2.Environment(
                    loader=jinja2.FileSystemLoader(str(tdir)), autoescape=True,
                    undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
                env.filters["nowidow"] = nowidow
                self._env[tdir] = env
            return self._env[tdir]

    def font_css(self, root: Path, families: tuple[str, ...]):
        """@font-face rules for the families (as a CSS object parsed once per process)."""
        from weasyprint import CSS
        key = (self.faces(root), families)
        with self.lock:
            if key not in self._font_css:
                rules = []
                for fam in families:
                    for face in self.faces(root):
                        if face.family == fam:
                            rules.append(
                                "@font-face { font-family: '%s'; src: url('%s'); font-weight: %d; font-style: %s; }"
                                % (font_alias(fam), face.path.as_uri(), face.weight, "italic" if face.italic else "normal"))
                self._font_css[key] = CSS(string="\n".join(rules), base_url=(root / "theme").resolve().as_uri() + "/",
                                          url_fetcher=make_url_fetcher(root), font_config=self.font_config())
            return self._font_css[key]


RES = _Resources()


def nowidow(text: str, max_chars: int = 18):
    """Keep the last two words of a heading on one line (no single short word left alone on
    the last line). Uses a nowrap span, not a no-break space, so copied text stays plain."""
    from markupsafe import Markup, escape
    words = (text or "").split(" ")
    if len(words) < 3 or len(" ".join(words[-2:])) > max_chars:
        return escape(text)
    return Markup("%s <span class=\"nw\">%s</span>") % (" ".join(words[:-2]), " ".join(words[-2:]))


def font_alias(family: str) -> str:
    """The name the PDF stylesheet uses for a theme font. A private name, so that fontconfig can
    never substitute an installed font of the same family for one of ours."""
    return "bhxh " + _css_ident(family)


def _families(root: Path, loc: Locale) -> tuple[str, ...]:
    """Font families for a locale's script: its own fonts, then Noto Sans for Latin, digits and
    punctuation (Khmer or Tai Viet texts mix them)."""
    faces = RES.faces(root)
    known = {f.family for f in faces}
    fams = [f for f in loc.fonts if f in known]
    missing = [f for f in loc.fonts if f not in known]
    if missing or not fams:
        raise BuildError(
            f"Không có phông chữ {', '.join(missing) or '(chưa khai báo)'} cho ngôn ngữ “{loc.id}” trong theme/fonts/. "
            f"Cách sửa: trong content/settings.yaml (locales → fonts) chỉ dùng các phông có sẵn: "
            f"{', '.join(sorted(known)) or '(thư mục theme/fonts/ trống)'}.")
    if "Noto Sans" not in fams:
        fams.append("Noto Sans")
    for fam in fams:  # every family needs its regular face; bold may be synthesised
        if not any(f.family == fam and not f.italic and f.weight < 600 for f in faces):
            expected = fam.replace(" ", "") + "-Regular.ttf"
            raise BuildError(
                f"Thiếu tệp phông chữ theme/fonts/{expected} ({fam}, kiểu thường) để in bản PDF. "
                "Cách sửa: chép lại tệp phông này vào theme/fonts/ (xem theme/fonts/README.md).")
    return tuple(fams)


# --------------------------------------------------------------------------------------------
# Text preparation and glyph coverage

_IGNORABLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x000A, 0x000D, 0x0009}


def _prep(text: str, script: str = "Latn") -> str:
    """NFC (so that tone marks are one glyph and pdftotext gives back what was written);
    Khmer gets zero-width spaces between words, since WeasyPrint has no Khmer line breaking."""
    from .segment import prepare
    return prepare(unicodedata.normalize("NFC", text or "").strip(), script)


class _TextCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "svg", "title", "script"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "svg", "title", "script") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _printed_text(document_html: str) -> str:
    p = _TextCollector()
    p.feed(document_html)
    return "".join(p.parts)


def check_coverage(root: Path, families: tuple[str, ...], text: str) -> dict[str, list[str]]:
    """Characters of `text` that no regular face of the families has, and those that a bold face
    lacks (headings are bold). Returns {"regular": [...], "bold": [...]}, empty lists if fine."""
    faces = RES.faces(root)
    regular = set().union(*[f.cmap for f in faces if f.family in families and not f.italic and f.weight < 600] or [set()])
    bold_faces = [f for f in faces if f.family in families and f.weight >= 600]
    bold = set().union(*[f.cmap for f in bold_faces] or [set()]) if bold_faces else regular
    chars = sorted({c for c in text if not c.isspace() and ord(c) not in _IGNORABLE})
    return {"regular": [c for c in chars if ord(c) not in regular],
            "bold": [c for c in chars if ord(c) in regular and ord(c) not in bold and ord(c) not in _bold_synth(families, faces)]}


def _bold_synth(families, faces) -> set:
    # Families without a bold face get synthetic bold from their regular face: not missing.
    out = set()
    for fam in families:
        if not any(f.family == fam and f.weight >= 600 for f in faces):
            for f in faces:
                if f.family == fam:
                    out |= f.cmap
    return out


def _describe_chars(chars) -> str:
    return ", ".join(f"“{c}” (U+{ord(c):04X})" for c in chars[:12]) + (" …" if len(chars) > 12 else "")


class _GlyphWatch(logging.Handler):
    """Catches WeasyPrint's '.notdef glyph rendered' warnings while a leaflet is written."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record):
        msg = record.getMessage()
        if ".notdef glyph rendered" in msg:
            m = re.search(r'"(.*)" \(U\+', msg, re.S)
            self.missing.append(m.group(1) if m else msg)


# --------------------------------------------------------------------------------------------
# Context for the templates


def _date_vi(d) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _w3c(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def resolve_source_date_epoch(value: int | None = None) -> int:
    """The build time stamp written into the PDFs: the argument, else $SOURCE_DATE_EPOCH, else a constant."""
    if value is not None:
        return int(value)
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env:
        try:
            return int(env)
        except ValueError:
            raise BuildError(f"Biến môi trường SOURCE_DATE_EPOCH phải là một số giây (ví dụ 1767225600), không phải “{env}”.")
    return DEFAULT_SOURCE_DATE_EPOCH


def _locale(content: Content, locale: str) -> Locale:
    for loc in content.settings.locales:
        if loc.id == locale:
            return loc
    raise BuildError(f"Ngôn ngữ “{locale}” không có trong content/settings.yaml (locales).")


def _table(content: Content, locale: str, script: str, L: dict) -> dict:
    """The contribution table, transposed for narrow columns: one row per group of people,
    one column per income level; amounts are what the person pays after State support."""
    f = content.facts
    rows = contribution_rows(content)
    incomes = [format_number(r["income"], locale) for r in rows]
    body = [{"label": L["table_full"], "support": "0%", "amounts": [format_number(r["full"], locale) for r in rows]}]
    for i, fid in enumerate(SUPPORT_FACTS):
        body.append({
            "label": _prep(f[fid].label, script),
            "support": format_fact(f[fid], locale),
            "amounts": [format_number(r["after_support"][i][1], locale) for r in rows],
        })
    years = ""
    if "so-nam-ho-tro-toi-da" in f:
        years = L["table_years"].format(years=format_fact(f["so-nam-ho-tro-toi-da"], locale))
    note = L["table_note"].format(rate=format_fact(f["ty-le-dong-bhxh-tu-nguyen"], locale),
                                  basis=format_fact(f["chuan-ngheo-nong-thon"], locale), years=years)
    return {"caption": L["table_caption"], "income_label": L["table_income"], "group_label": L["table_group"],
            "support_label": L["table_support"], "incomes": incomes, "rows": body, "note": _prep(note, script)}


def _sources(content: Content, leaflet: Leaflet, L: dict, script: str) -> list[dict]:
    texts = [leaflet.title, leaflet.subtitle, leaflet.summary, leaflet.call_to_action]
    for s in leaflet.sections:
        texts += [s.question, s.answer, *s.bullets]
    used = facts_used(texts, content.facts)
    if any(s.table == "contribution" for s in leaflet.sections):
        used += [content.facts[fid] for fid in (*TABLE_FACTS, "so-nam-ho-tro-toi-da")
                 if fid in content.facts and content.facts[fid] not in used]
    groups: dict[str, dict] = {}
    for fact in used:
        g = groups.setdefault(fact.source, {"source": _prep(fact.source, script), "labels": [], "draft": False})
        g["labels"].append(_prep(fact.label, script))
        g["draft"] = g["draft"] or fact.editorial.is_draft
    return list(groups.values())


def _context(content: Content, leaflet: Leaflet, loc: Locale, root: Path, epoch: int) -> dict:
    st = content.settings
    L = _labels(content, loc.id)
    sc = loc.script

    def x(text: str) -> str:
        return _prep(expand(text or "", content.facts, loc.id), sc)

    url = qr.leaflet_url(st, leaflet, loc.id)
    sections = []
    for s in leaflet.sections:
        sections.append({
            "question": x(s.question), "answer": x(s.answer), "bullets": [x(b) for b in s.bullets],
            "table": _table(content, loc.id, sc, L) if s.table == "contribution" else None,
        })
    logo = None
    if st.logo:
        p = (root / st.logo).resolve()
        if p.is_file() and p.is_relative_to((root / "theme").resolve()) and p.suffix.lower() in (".svg", ".png"):
            logo = p.as_uri()
    try:
        main = _prep(content.main_message.text, sc)
    except StopIteration:
        main = ""
    return {
        "L": L, "lang": loc.lang, "locale": loc.id, "script": sc,
        "leaflet_id": leaflet.id, "kind": leaflet.kind, "kind_label": L["kind"].get(leaflet.kind, ""),
        "title": x(leaflet.title), "subtitle": x(leaflet.subtitle), "summary": x(leaflet.summary),
        "sections": sections, "cta": x(leaflet.call_to_action),
        "org_name": _prep(st.org_name, sc), "org_short": _prep(st.org_short, sc), "logo": logo,
        "campaign_theme": _prep(st.theme, sc), "year": st.year, "main_message": main,
        "hotline": {"name": _prep(st.hotline.name, sc), "phone": st.hotline.phone, "hours": _prep(st.hotline.hours, sc)},
        "office": {"name": _prep(st.local_office.name, sc), "phone": st.local_office.phone,
                   "address": _prep(st.local_office.address, sc)},
        "url": url, "url_display": url.split("://", 1)[-1],
        "site_display": st.base_url.split("://", 1)[-1].rstrip("/"),
        "sources": _sources(content, leaflet, L, sc),
        "reviewed": _date_vi(leaflet.editorial.reviewed), "draft": leaflet.editorial.is_draft,
        "created": _w3c(epoch),
    }


# --------------------------------------------------------------------------------------------
# Layout inspection


def _walk(box, skip_decor=True):
    el = getattr(box, "element", None)
    if skip_decor and el is not None and el.get("data-decor") is not None:
        return
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _walk(child, skip_decor)
    # table boxes keep their column groups apart; cells are in children already


def _find(box, attr: str, value: str | None = None):
    """Outermost boxes of the elements carrying `attr` (an element's anonymous line boxes and
    column boxes share its element: only the first, outermost box is yielded)."""
    seen: set[int] = set()
    for b in _walk(box, skip_decor=False):
        el = getattr(b, "element", None)
        tag = getattr(b, "element_tag", "") or ""
        if el is None or "::" in tag or el.get(attr) is None or id(el) in seen:
            continue
        if value is None or el.get(attr) == value:
            seen.add(id(el))
            yield b


def _lines(box):
    from weasyprint.formatting_structure import boxes as B
    for b in _walk(box):
        if isinstance(b, B.LineBox) and any(True for _ in _texts(b)):
            yield b


def _texts(line):
    from weasyprint.formatting_structure import boxes as B
    for b in _walk(line):
        if isinstance(b, B.TextBox) and b.text.strip():
            yield b


def _content_bottom(box) -> float:
    return box.content_box_y() + box.height


def _bottom(box) -> float:
    return box.position_y + box.margin_height()


def _leaf_bottoms(box):
    """Bottoms of what is drawn inside box: text lines and replaced elements (QR, logo)."""
    from weasyprint.formatting_structure import boxes as B
    for b in _walk(box):
        if isinstance(b, B.LineBox):
            if any(True for _ in _texts(b)):
                yield b.position_y + b.height, b
        elif isinstance(b, B.ReplacedBox):
            yield b.position_y + b.margin_height(), b


class _Overflow(Exception):
    def __init__(self, where: str, mm: float, lines: int):
        self.where, self.mm, self.lines = where, mm, lines


def _mm(px: float) -> float:
    return px / PX_PER_MM


# --------------------------------------------------------------------------------------------
# Rendering


def _render(html_string: str, root: Path, families: tuple[str, ...]):
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError
    try:
        doc = HTML(string=html_string, base_url=(root / "theme" / "pdf").resolve().as_uri() + "/",
                   url_fetcher=make_url_fetcher(root)).render(
            font_config=RES.font_config(), stylesheets=[RES.font_css(root, families)])
    except FatalURLFetchingError as e:
        cause = e.__cause__
        if isinstance(cause, BuildError):
            raise BuildError(str(cause)) from e
        raise BuildError(f"Không đọc được tài nguyên cho bản PDF: {cause or e}") from e
    return doc


def _html(root: Path, ed: Edition, ctx: dict, families, extra: dict | None = None) -> str:
    env = RES.env(root)
    stack = ", ".join(f"'{font_alias(f)}'" for f in families)
    values = dict(ctx, edition=ed, shop=ed.shop, font_stack=stack, bleed_mm=BLEED_MM, marks_mm=MARKS_MM,
                  outside=TRIFOLD_OUTSIDE, inside=TRIFOLD_INSIDE, spacer_mm=0.0, spacer_break=False,
                  body_pt=BODY_PT[ed.layout][-1],
                  qr_svg=None)
    values.update(extra or {})
    from markupsafe import Markup
    values["qr_mm"] = qr.printed_size_mm(ctx["url"], QR_SYMBOL_MM[ed.layout])
    values["qr_svg"] = Markup(qr.qr_svg(ctx["url"], size_mm=values["qr_mm"], title=ctx["url"]))
    values["font_stack"] = Markup(stack)
    return env.get_template(f"{ed.layout}.html.j2").render(**values)


def _fit(root, ed, ctx, families):
    """Lay out with the largest body size that fits (binary search over BODY_PT, assuming
    that text that fits at a size fits at every smaller one); raise the overflow at 10 pt.
    Returns (document, template values used)."""
    sizes = BODY_PT[ed.layout]  # largest first
    lo, hi = 0, len(sizes) - 1
    best = None
    error = None
    while lo <= hi:
        mid = (lo + hi) // 2
        extra = {"body_pt": sizes[mid]}
        doc = _render(_html(root, ed, ctx, families, extra), root, families)
        try:
            _check_pages(doc, ed.pages)
            _check_frames(doc)
        except _Overflow as o:
            if mid == len(sizes) - 1:
                error = o
            lo = mid + 1
            continue
        best = (doc, extra)
        hi = mid - 1
    if best is None:
        raise error
    return best


def _footer(doc):
    for i, page in enumerate(doc.pages):
        for b in _find(page._page_box, "data-role", "footer"):
            return i, b
    raise BuildError("Mẫu tờ rơi A5 thiếu phần chân trang (data-role=footer).")  # pragma: no cover


def _layout_a5(root, ed, ctx, families):
    """Fit, then push the back-page footer (sources, contact strip with the QR code) to the
    bottom of page 2 by a spacer of the measured free height, and lay out again. When all
    the text fits the front, the footer goes alone to the bottom of the back."""
    doc, extra = _fit(root, ed, ctx, families)
    footer_page, footer = _footer(doc)
    if footer_page == 0:
        extra = dict(extra, spacer_mm=0.0, spacer_break=True)
        doc = _render(_html(root, ed, ctx, families, extra), root, families)
        footer_page, footer = _footer(doc)
    page_box = doc.pages[footer_page]._page_box
    free = _content_bottom(page_box) - _bottom(footer)
    extra = dict(extra, spacer_mm=round(max(0.0, _mm(free) - 0.3), 2))
    if extra["spacer_mm"] < 0.5:
        return doc, extra
    doc2 = _render(_html(root, ed, ctx, families, extra), root, families)
    if len(doc2.pages) == ed.pages:
        return doc2, extra
    return doc, dict(extra, spacer_mm=0.0)  # pragma: no cover - rounding: the unpushed layout


def _layout(root, ed, ctx, families, hints: dict):
    """The laid-out document for an edition. Editions of the same layout (office and print
    shop) lay out identically, so the second one starts from the first one's decisions and
    needs a single pass when they hold."""
    hint = hints.get(ed.layout)
    if hint is not None:
        doc = _render(_html(root, ed, ctx, families, hint), root, families)
        try:
            _check_pages(doc, ed.pages)
            _check_frames(doc)
            if len(doc.pages) == ed.pages:
                return doc
        except _Overflow:
            pass
    doc, extra = (_layout_a5 if ed.layout == "a5" else _fit)(root, ed, ctx, families)
    hints[ed.layout] = extra
    return doc


def _check_pages(doc, limit: int):
    """More pages than the edition has: how much text is on the extra pages, less the room
    still free at the bottom of the last allowed page (blocks that must stay whole, like the
    contact strip or the table, move as a unit and leave that room empty)."""
    if len(doc.pages) <= limit:
        return
    extra_px = 0.0
    for page in doc.pages[limit:]:
        pb = page._page_box
        bottoms = [b for b, _ in _leaf_bottoms(pb)]
        if bottoms:
            extra_px += max(bottoms) - pb.content_box_y()
    last = doc.pages[limit - 1]._page_box
    used = [b for b, _ in _leaf_bottoms(last)]
    free_px = max(0.0, _content_bottom(last) - max(used)) if used else 0.0
    over_px = max(extra_px - free_px, 1.0)
    raise _Overflow("pages", _mm(over_px), math.ceil(over_px / _line_height(doc)))


def _line_height(doc) -> float:
    """Typical height of a line of body text in the document (px)."""
    heights = sorted(b.height for page in doc.pages for b in _lines(page._page_box))
    return heights[len(heights) // 2] if heights else 5 * PX_PER_MM


def _check_frames(doc):
    """Every box marked data-frame (a panel of fixed size) must hold its content.

    Lines below the frame's content box, or (multi-column frames) in columns to the right of
    it, overflow; so does a frame that WeasyPrint continued on a later page. A child marked
    data-floor is pinned to the bottom of its frame: the flowing content must end above it.
    """
    from weasyprint.formatting_structure import boxes as B
    worst: _Overflow | None = None
    first_page: dict[str, int] = {}
    for page_no, page in enumerate(doc.pages):
        for frame in _find(page._page_box, "data-frame"):
            name = frame.element.get("data-frame")
            lines, over = 0, 0.0
            if name in first_page and first_page[name] != page_no:
                # continued on another page: everything here is overflow
                leaves = list(_leaf_bottoms(frame))
                lines = sum(isinstance(b, B.LineBox) for _, b in leaves)
                over = (max(bt for bt, _ in leaves) - frame.content_box_y()) if leaves else 0.0
            else:
                first_page[name] = page_no
                limit_y = _content_bottom(frame)
                limit_x = frame.content_box_x() + frame.width
                floors = list(_find(frame, "data-floor"))
                floor_ids = {id(b) for f in floors for b in _walk(f)}
                if floors:
                    limit_y = min(limit_y, min(f.position_y for f in floors) - 2 * PX_PER_MM)
                below = beside = 0.0
                for bottom, b in _leaf_bottoms(frame):
                    if id(b) in floor_ids:
                        continue
                    is_line = isinstance(b, B.LineBox)
                    if b.position_x >= limit_x - 0.5:
                        lines += is_line
                        beside += b.height if is_line else b.margin_height()
                    elif bottom > limit_y + 0.5:
                        lines += is_line
                        below = max(below, bottom - limit_y)
                for f in floors:  # the pinned part itself must stay inside the frame
                    for bottom, b in _leaf_bottoms(f):
                        if bottom > _content_bottom(frame) + 0.5:
                            below = max(below, bottom - _content_bottom(frame))
                over = max(below, beside)
            if lines or over > 0.5:
                o = _Overflow(name, _mm(over), lines)
                if worst is None or o.mm > worst.mm:
                    worst = o
    if worst:
        raise worst


PANEL_NAMES = {
    "pages": "nội dung",
    "cover": "mặt bìa (mặt ngoài, bên phải)",
    "back": "mặt sau (mặt ngoài, ở giữa)",
    "flap": "mặt gấp vào (mặt ngoài, bên trái)",
    "inside": "ba mặt trong",
    "front": "mặt trước",
}


def _what(leaflet: Leaflet) -> str:
    return "Tờ gấp" if leaflet.kind == "to-gap" else "Tờ rơi"


def _src(leaflet: Leaflet) -> str:
    where = getattr(leaflet, "where", None)
    return (where.file if where is not None and where.file else f"leaflets/{leaflet.id}.yaml")


def _overflow_error(leaflet: Leaflet, ed: Edition, o: _Overflow, translation: str = "") -> BuildError:
    what = _what(leaflet)
    lines = f"khoảng {o.lines} dòng, " if o.lines else ""
    if o.where == "pages":
        where = f"nội dung dài hơn {ed.pages} trang của khổ in, thừa {lines}khoảng {math.ceil(o.mm)} mm"
    else:
        where = f"{PANEL_NAMES.get(o.where, o.where)} bị tràn: thừa {lines}khoảng {math.ceil(o.mm)} mm"
    return BuildError(
        f"{translation or _src(leaflet)}: {what} “{leaflet.id}”{' (bản dịch)' if translation else ''} không vừa khổ "
        f"{ed.format_name} (bản {ed.id}): {where}.\n    → Cách sửa: rút gọn câu trả lời, bớt ý hoặc bớt một câu hỏi "
        f"rồi chạy lại; chữ không được thu nhỏ dưới 10 pt để người lớn tuổi đọc được.")


def _finisher(ed: Edition):
    """Print-shop files: BleedBox exactly 3 mm around the TrimBox (WeasyPrint puts it at the
    edge of the CSS bleed area, which here also holds the marks)."""
    def finish(document, pdf):
        import pydyf
        if not ed.shop:
            return
        d = BLEED_MM * PT_PER_MM
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page" and "TrimBox" in obj:
                l, t, r, b = (float(v) for v in obj["TrimBox"])
                obj["BleedBox"] = pydyf.Array([l - d, t - d, r + d, b + d])
    return finish


def _write(doc, ed: Edition, leaflet: Leaflet, families) -> bytes:
    watch = _GlyphWatch()
    wlog = logging.getLogger("weasyprint")
    old_level = wlog.level
    wlog.addHandler(watch)
    if wlog.getEffectiveLevel() > logging.WARNING:
        wlog.setLevel(logging.WARNING)
    from weasyprint.urls import FatalURLFetchingError
    try:
        data = doc.write_pdf(finisher=_finisher(ed))
    except FatalURLFetchingError as e:
        raise BuildError(str(e.__cause__ or e)) from e
    finally:
        wlog.removeHandler(watch)
        wlog.setLevel(old_level)
    if watch.missing:
        chars = sorted(set("".join(watch.missing)))
        raise BuildError(
            f"{_src(leaflet)}: {_what(leaflet)} “{leaflet.id}” có ký tự không phông chữ nào in được: {_describe_chars(chars)}. "
            "Cách sửa: gõ lại đoạn văn bản có ký tự này (thường do dán từ Word với phông cũ TCVN3/VNI), "
            "hoặc thêm phông phù hợp cho ngôn ngữ trong content/settings.yaml.")
    aliases = {font_alias(f) for f in families}
    foreign = sorted({f.family for f in doc.fonts.values()} - aliases)
    if foreign:
        raise BuildError(
            f"{_src(leaflet)}: {_what(leaflet)} “{leaflet.id}” có chữ phải mượn phông của máy ({', '.join(foreign)}) "
            "vì phông trong theme/fonts/ không có ký tự đó. Cách sửa: gõ lại đoạn văn bản có ký tự lạ, hoặc thêm phông phù hợp.")
    return data


def _impose_2up(a5_pdf: bytes) -> bytes:
    """Two copies of each A5 page side by side on A4 landscape: page 1 = two fronts,
    page 2 = two backs, so that a duplex print (flip on the short edge) cut once along the
    middle gives two complete leaflets. Each A5 page becomes a form XObject drawn twice: the
    page content is stored once and nothing is re-laid out."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject,
                               TextStringObject)

    reader = PdfReader(io.BytesIO(a5_pdf))
    writer = PdfWriter()
    W, H = 297 * PT_PER_MM, 210 * PT_PER_MM
    a5w = 148 * PT_PER_MM
    x0 = (W - 2 * a5w) / 2
    mid = W / 2
    for src in reader.pages:
        form = DecodedStreamObject()
        form.set_data(src.get_contents().get_data())
        form.update({
            NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(float(v)) for v in src.mediabox]),
            NameObject("/Resources"): src["/Resources"].clone(writer),
        })
        if "/Group" in src:
            form[NameObject("/Group")] = src["/Group"].clone(writer)
        form_ref = writer._add_object(form.flate_encode())
        sheet = writer.add_blank_page(W, H)
        sheet[NameObject("/Resources")] = DictionaryObject({
            NameObject("/XObject"): DictionaryObject({NameObject("/A5"): form_ref})})
        ops = [f"q 1 0 0 1 {x0 + i * a5w:.4f} 0 cm /A5 Do Q" for i in range(2)]
        # cut guides: short dashed ticks on the middle line, in the empty band between the copies
        ops.append(f"q 0 0 0 RG 0.5 w [2 2] 0 d {mid:.3f} {H - 2 * PT_PER_MM:.3f} m {mid:.3f} {H - 9 * PT_PER_MM:.3f} l S "
                   f"{mid:.3f} {2 * PT_PER_MM:.3f} m {mid:.3f} {9 * PT_PER_MM:.3f} l S Q")
        contents = DecodedStreamObject()
        contents.set_data("\n".join(ops).encode())
        sheet[NameObject("/Contents")] = writer._add_object(contents.flate_encode())
    meta = reader.metadata or {}
    writer.add_metadata({k: str(v) for k, v in meta.items()})
    writer.add_metadata({"/Producer": f"{meta.get('/Producer', 'WeasyPrint')} + pypdf (2 tờ A5 trên A4)"})
    lang = reader.trailer["/Root"].get("/Lang")
    if lang:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(lang))
    writer.pdf_header = reader.pdf_header  # transparency (watermark) needs more than pypdf's 1.3
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _page_count(data: bytes) -> int:
    from pypdf import PdfReader
    return len(PdfReader(io.BytesIO(data)).pages)


def render_edition(content: Content, leaflet: Leaflet, ed: Edition, root: Path, locale: str = "vi",
                   source_date_epoch: int | None = None, _cache: dict | None = None) -> bytes:
    """One edition of one leaflet as PDF bytes (BuildError if it does not fit or cannot print)."""
    root = Path(root)
    epoch = resolve_source_date_epoch(source_date_epoch)
    loc = _locale(content, locale)
    families = _families(root, loc)
    ctx = _context(content, leaflet, loc, root, epoch)
    cache = _cache if _cache is not None else {}

    if ed.impose == "2up":
        base = next(e for e in EDITIONS[ed.format] if e.layout == ed.layout and not e.shop and not e.impose)
        if base.id not in cache:
            cache[base.id] = render_edition(content, leaflet, base, root, locale, epoch, cache)
        return _impose_2up(cache[base.id])

    # glyph coverage first: a clear message beats a page of empty boxes
    probe = _html(root, ed, ctx, families)
    cov = check_coverage(root, families, _printed_text(probe))
    if cov["regular"] or cov["bold"]:
        chars = cov["regular"] or cov["bold"]
        style = "" if cov["regular"] else " (chữ đậm)"
        raise BuildError(
            f"{_src(leaflet)}: {_what(leaflet)} “{leaflet.id}” có ký tự mà phông {', '.join(families)}{style} không có: "
            f"{_describe_chars(chars)}. Cách sửa: gõ lại đoạn văn bản có ký tự này (thường do dán từ Word với phông "
            "cũ TCVN3/VNI), hoặc khai báo phông phù hợp cho ngôn ngữ trong content/settings.yaml (locales → fonts).")
    try:
        doc = _layout(root, ed, ctx, families, cache.setdefault("__layout__", {}))
    except _Overflow as o:
        translation = ""
        if loc.id != content.settings.default_locale:
            translation = f"leaflets/{leaflet.id}.{loc.id}.yaml"
        raise _overflow_error(leaflet, ed, o, translation) from None
    if len(doc.pages) != ed.pages:  # pragma: no cover - template error
        raise BuildError(f"Bản {ed.id} của “{leaflet.id}” có {len(doc.pages)} trang thay vì {ed.pages}.")
    data = _write(doc, ed, leaflet, families)
    return data


def editions_for(leaflet: Leaflet) -> list[Edition]:
    out = []
    for fmt in leaflet.formats:
        out += list(EDITIONS.get(fmt, ()))
    return out


def render_leaflet_pdfs(content: Content, root: Path, site_dir: Path, locale: str = "vi",
                        source_date_epoch: int | None = None) -> list[PdfFile]:
    """Render every edition of every leaflet in `content` into site_dir/pdf/<locale>/.

    Drafts are rendered with a "DỰ THẢO" watermark; release builds pass content without drafts.
    Raises BuildError (Vietnamese, naming the leaflet) when a leaflet does not fit its format,
    has a character the fonts cannot print, or the templates ask for a file outside theme/.
    """
    root = Path(root)
    out_dir = Path(site_dir) / "pdf" / locale
    out_dir.mkdir(parents=True, exist_ok=True)
    epoch = resolve_source_date_epoch(source_date_epoch)
    files: list[PdfFile] = []
    for leaflet in sorted(content.leaflets, key=lambda l: l.id):
        unknown = [f for f in leaflet.formats if f not in EDITIONS]
        if unknown:
            raise BuildError(f"{_src(leaflet)}: khổ in “{unknown[0]}” của “{leaflet.id}” không được hỗ trợ. Dùng a5 hoặc trifold.")
        cache: dict = {}
        t0 = time.perf_counter()
        for ed in editions_for(leaflet):
            data = render_edition(content, leaflet, ed, root, locale, epoch, cache)
            cache[ed.id] = data
            if len(data) >= MAX_BYTES:
                raise BuildError(f"Bản {ed.id} của “{leaflet.id}” nặng {len(data) // 1024} KB, vượt giới hạn 1 MB cho tệp tải về. "
                                 "Cách sửa: kiểm tra ảnh trong theme/ (dùng SVG hoặc ảnh nhỏ hơn).")
            pages = _page_count(data)
            name = f"{leaflet.id}-{ed.id}.pdf"
            target = out_dir / name
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            files.append(PdfFile(
                leaflet=leaflet.id, locale=locale, edition=ed.id, label=edition_label(content, ed),
                path=f"pdf/{locale}/{name}", page_width_mm=float(ed.width_mm), page_height_mm=float(ed.height_mm),
                pages=pages, bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), status=leaflet.editorial.status))
        LOG.info("PDF %s: %d bản trong %.2f s", leaflet.id, len(editions_for(leaflet)), time.perf_counter() - t0)
    return files


def write_manifest(files: list[PdfFile], site_dir: Path) -> None:
    """site_dir/pdf/manifest.json: every PDF (sorted by locale, leaflet, edition; sorted keys)
    with its finished page size, bleed, page count, bytes, SHA-256 and editorial status."""
    shop = {e.id for eds in EDITIONS.values() for e in eds if e.shop}
    rows = []
    for f in sorted(files, key=lambda f: (f.locale, f.leaflet, f.edition)):
        rows.append({
            "leaflet": f.leaflet, "locale": f.locale, "edition": f.edition, "label": f.label, "path": f.path,
            "page_width_mm": f.page_width_mm, "page_height_mm": f.page_height_mm,
            "bleed_mm": BLEED_MM if f.edition in shop else 0.0,
            "pages": f.pages, "bytes": f.bytes, "sha256": f.sha256, "status": f.status,
        })
    target = Path(site_dir) / "pdf" / "manifest.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name("manifest.json.tmp")
    tmp.write_text(json.dumps({"files": rows}, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, target)
