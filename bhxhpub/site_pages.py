"""Content model -> Markdown pages for one locale (pure: returns {path: text}).

Templates live in theme/site/*.md.j2. Every value printed with {{ }} is escaped
for Markdown/HTML by mdtext.md_escape (the Jinja finalizer); templates mark
their own trusted markup with `|safe_md`. Links between pages are relative .md
paths so MkDocs validates them.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import facts as factmod
from .mdtext import html_attr, md_escape, safe_url
from .model import Content, Leaflet, Period


@dataclass
class Page:
    path: str  # e.g. "to-roi/vi-sao-khong-nen-nhan-bhxh-mot-lan.md"
    title: str
    text: str
    kind: str  # home, leaflet, audience, qa, ... (search index and tests use it)
    search_text: str = ""  # plain text for the search index


@dataclass
class SiteView:
    """What the templates may see for one locale."""

    content: Content
    locale: str
    release: bool
    today: date
    pdfs: dict[str, list] = field(default_factory=dict)  # leaflet id -> pdf.PdfFile list


def leaflet_page(l: Leaflet) -> str:
    return f"{l.kind}/{l.id}.md"


def audience_page(aid: str) -> str:
    return f"doi-tuong/{aid}.md"


def current_or_next_period(periods: tuple[Period, ...], today: date) -> tuple[Optional[Period], bool]:
    """(period, is_current): the period running today, else the next one to start (wrapping the year)."""
    md = (today.month, today.day)
    for p in periods:
        if p.start <= md <= p.end:
            return p, True
    upcoming = sorted(periods, key=lambda p: (p.start <= md, p.start))
    return (upcoming[0], False) if upcoming else (None, False)


def _env(root: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(root / "theme" / "site")), autoescape=False,
                      finalize=md_escape, undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_md"] = lambda s: Markup(s)
    env.filters["attr"] = html_attr
    env.filters["url"] = lambda s: Markup(safe_url(s))
    env.filters["num"] = lambda v: factmod.format_number(v)
    return env


def build_pages(view: SiteView, root: Path) -> list[Page]:
    c = view.content
    env = _env(root)
    facts = c.facts

    def fx(text: str) -> str:
        return factmod.expand(text, facts, view.locale)

    def link(frm: str, to: str) -> Markup:
        return Markup(posixpath.relpath(to, posixpath.dirname(frm) or "."))

    def draft(item) -> Markup:
        if item.editorial.is_draft:
            return Markup('<span class="badge-draft" title="Nội dung chưa được duyệt">Dự thảo</span>')
        return Markup("")

    def sources(texts: list[str]) -> list:
        return factmod.facts_used(texts, facts)

    period, is_current = current_or_next_period(c.periods, view.today)
    slogans_by_aud = {a.id: [s for s in c.slogans if a.id in s.audiences] for a in c.audiences}
    leaflets_by_aud = {a.id: [l for l in c.leaflets if a.id in l.audiences] for a in c.audiences}
    children = {a.id: [x for x in c.audiences if x.parent == a.id] for a in c.audiences}
    common = dict(c=c, s=c.settings, fx=fx, link=link, draft=draft, sources=sources, view=view,
                  leaflet_page=leaflet_page, audience_page=audience_page, Markup=Markup,
                  contribution_rows=lambda: factmod.contribution_rows(c), support_facts=factmod.SUPPORT_FACTS,
                  slogans_by_aud=slogans_by_aud, leaflets_by_aud=leaflets_by_aud, children=children,
                  period=period, period_is_current=is_current)

    pages: list[Page] = []

    def render(template: str, path: str, title: str, kind: str, search: str, **extra) -> None:
        text = env.get_template(template).render(page=path, title=title, **common, **extra)
        pages.append(Page(path, title, text, kind, search))

    main = c.main_message
    render("home.md.j2", "index.md", c.settings.site_title, "home",
           " ".join([c.settings.theme, main.text, main.explanation]))
    render("messages.md.j2", "thong-diep.md", "Thông điệp truyền thông", "messages",
           " ".join(m.text + " " + m.explanation for m in c.messages))
    render("slogans.md.j2", "khau-hieu.md", "Khẩu hiệu theo nhóm đối tượng", "slogans",
           " ".join(s.text for s in c.slogans))
    render("audiences.md.j2", "doi-tuong/index.md", "Nhóm đối tượng tuyên truyền", "audiences",
           " ".join(a.name for a in c.audiences))
    for a in c.audiences:
        render("audience.md.j2", audience_page(a.id), a.name, "audience",
               " ".join([a.name, a.who, *a.emphasise]), a=a)
    render("leaflets.md.j2", "tai-lieu-in.md", "Tài liệu in: tờ rơi, tờ gấp", "leaflets",
           " ".join(l.title for l in c.leaflets))
    for l in c.leaflets:
        texts = [l.title, l.subtitle, l.summary, *[t for s in l.sections for t in (s.question, s.answer, *s.bullets)],
                 l.call_to_action]
        related = [q for q in c.qa if q.leaflet == l.id]
        render("leaflet.md.j2", leaflet_page(l), l.title, "leaflet", fx(" ".join(texts)), l=l, texts=texts,
               related=related, pdfs=view.pdfs.get(l.id, []))
    render("calendar.md.j2", "lich-truyen-thong.md", "Lịch truyền thông cao điểm", "calendar",
           " ".join(p.name + " " + p.theme for p in c.periods))
    render("qa.md.j2", "hoi-dap.md", "Hỏi đáp về BHXH, BHYT", "qa",
           fx(" ".join(q.question + " " + q.answer for q in c.qa)))
    render("facts.md.j2", "so-lieu.md", "Số liệu và căn cứ pháp lý", "facts",
           " ".join(f.label + " " + f.source for f in facts.values()))
    render("contacts.md.j2", "lien-he.md", "Liên hệ", "contacts",
           " ".join([c.settings.hotline.name, c.settings.hotline.phone, *[x.name for x in c.settings.contacts]]))
    render("search.md.j2", "tim-kiem.md", "Tìm kiếm", "search", "")
    return pages


def nav(pages: list[Page]) -> list:
    """The MkDocs nav: a few top items a rural reader understands at a glance."""
    by_kind: dict[str, list[Page]] = {}
    for p in pages:
        by_kind.setdefault(p.kind, []).append(p)
    one = {k: v[0].path for k, v in by_kind.items()}
    return [
        {"Trang chủ": one["home"]},
        {"Tờ rơi, tờ gấp": [{"Tài liệu in": one["leaflets"]}] + [{p.title: p.path} for p in by_kind.get("leaflet", [])]},
        {"Hỏi đáp": one["qa"]},
        {"Thông điệp": one["messages"]},
        {"Khẩu hiệu": one["slogans"]},
        {"Nhóm đối tượng": [{"Tất cả nhóm": one["audiences"]}] + [{p.title: p.path} for p in by_kind.get("audience", [])]},
        {"Lịch truyền thông": one["calendar"]},
        {"Số liệu, căn cứ pháp lý": one["facts"]},
        {"Liên hệ": one["contacts"]},
        {"Tìm kiếm": one["search"]},
    ]
