"""Content model -> Markdown pages for one locale (pure: returns a list of Page).

Templates live in theme/site/*.md.j2. Every value printed with {{ }} is escaped
for Markdown/HTML by mdtext.md_escape (the Jinja finalizer); templates mark
their own trusted markup with `|safe_md`. Links between pages are relative .md
paths so MkDocs validates them. Interface words come from `t(key)` (content/ui.yaml
and its translations); per-item translation notices from `notice(kind, id)`.
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..content import facts as factmod
from .mdtext import html_attr, md_escape, safe_url
from ..content.model import Content, Leaflet, Locale, Period


@dataclass
class Page:
    path: str  # e.g. "to-roi/vi-sao-khong-nen-nhan-bhxh-mot-lan.md"
    title: str
    text: str
    kind: str  # home, leaflet, audience, qa, ... (search index and tests use it)
    search_text: str = ""  # plain text for the search index
    fallback: bool = False  # the page's own content is shown in Vietnamese (no usable translation)


@dataclass
class SiteView:
    """What the templates may see for one locale."""

    content: Content  # already localized (translations applied where shown)
    locale: str
    release: bool
    today: date
    pdfs: dict[str, list] = field(default_factory=dict)  # leaflet id -> pdf.PdfFile list
    ui: dict[str, str] = field(default_factory=dict)  # interface strings for this locale
    states: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> translated|draft|outdated|fallback
    locale_info: Optional[Locale] = None
    default_locale: str = "vi"
    fallback_search: str = ""  # link to the Vietnamese search page, for locales with few translations
    other_pdfs: dict[str, list] = field(default_factory=dict)  # leaflet id -> [(locale name, PdfFile)] of other locales
    to_site_root: str = ""  # from this locale's root to the site root ("" or "../")


def leaflet_page(l: Leaflet) -> str:
    return f"{l.kind}/{l.id}.md"


def audience_page(aid: str) -> str:
    return f"doi-tuong/{aid}.md"


def dir_url(md_path: str) -> str:
    """"to-roi/x.md" -> "to-roi/x/", "index.md" -> "", "doi-tuong/index.md" -> "doi-tuong/"."""
    stem = md_path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


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
    return env


def format_day(d: date, locale: str) -> str:
    if locale == "en":
        return f"{d.day} {d.strftime('%B')} {d.year}"
    return d.strftime("%d/%m/%Y")  # Vietnamese and Khmer CLDR short forms, and the fallback


def build_pages(view: SiteView, root: Path) -> list[Page]:
    c = view.content
    env = _env(root)
    facts = c.facts
    ui = view.ui or c.ui
    loc = view.locale
    num_locale = loc if loc in ("vi", "en", "km") else "vi"
    notice_lang = view.locale_info.name if view.locale_info else ""  # {language}: Vietnamese name of the locale
    notice_native = view.locale_info.native_name if view.locale_info else ""  # {native}: its own name

    def t(key: str, **kw) -> str:
        text = ui.get(key, c.ui.get(key, key))
        for k, v in kw.items():
            text = text.replace("{" + k + "}", str(v))
        return text

    def fx(text: str) -> str:
        return factmod.expand(text, facts, num_locale)

    def link(frm: str, to: str) -> Markup:
        return Markup(posixpath.relpath(to, posixpath.dirname(frm) or "."))

    def href(frm: str, to: str) -> str:
        rel = posixpath.relpath(dir_url(to) or ".", dir_url(frm) or ".")
        return "./" if rel == "." else rel + "/"

    def site_href(frm: str, site_path: str) -> str:
        """A raw link from a page to a file anywhere in the site (e.g. another locale's PDF)."""
        up = "../" * dir_url(frm).count("/")
        return up + view.to_site_root + site_path

    def draft(item) -> Markup:
        if item.editorial.is_draft:
            return Markup(f'<span class="badge-draft" title="{html_attr(t("draft.title"))}">{html_attr(t("draft.badge"))}</span>')
        return Markup("")

    def state(kind: str, ident: str) -> str:
        return view.states.get((kind, ident), "source")

    def lang_of(kind: str, ident: str) -> Markup:
        """Mark Vietnamese fallback text as such, for screen readers and fonts."""
        if loc != view.default_locale and state(kind, ident) == "fallback":
            return Markup(' lang="vi"')
        return Markup("")

    def notice(kind: str, ident: str) -> Markup:
        s = state(kind, ident)
        if loc == view.default_locale or s in ("source", "translated"):
            return Markup("")
        key = {"fallback": "notice.fallback", "draft": "notice.draft", "outdated": "notice.outdated"}[s]
        return Markup(f'<p class="translation-notice translation-{s}" role="note">{html_attr(t(key, language=notice_lang, native=notice_native))}</p>\n')

    def tag(kind: str, ident: str) -> Markup:
        """A small inline marker on lists where an item is shown untranslated or as a draft translation."""
        s = state(kind, ident)
        if loc == view.default_locale or s in ("source", "translated"):
            return Markup("")
        return Markup(f' <span class="translation-tag translation-{s}">({html_attr(t("notice.tag_" + s))})</span>')

    def sources(texts: list[str]) -> list:
        return factmod.facts_used(texts, facts)

    period, is_current = current_or_next_period(c.periods, view.today)
    slogans_by_aud = {a.id: [s for s in c.slogans if a.id in s.audiences] for a in c.audiences}
    leaflets_by_aud = {a.id: [l for l in c.leaflets if a.id in l.audiences] for a in c.audiences}
    children = {a.id: [x for x in c.audiences if x.parent == a.id] for a in c.audiences}
    search_ui = json.dumps({k: t(k) for k in ("search.loading", "search.none", "search.count", "search.error")}
                           | {f"kind.{k}": t(f"kind.{k}") for k in ("home", "messages", "slogans", "audience", "leaflets",
                                                                  "leaflet", "calendar", "qa", "facts", "contacts")},
                           ensure_ascii=False)
    common = dict(c=c, s=c.settings, fx=fx, link=link, href=href, site_href=site_href, draft=draft, sources=sources, view=view, t=t,
                  notice=notice, lang_of=lang_of, tag=tag, day=lambda d: format_day(d, loc),
                  num=lambda v: factmod.format_number(v, num_locale),
                  leaflet_page=leaflet_page, audience_page=audience_page,
                  contribution_rows=lambda: factmod.contribution_rows(c), support_facts=factmod.SUPPORT_FACTS,
                  slogans_by_aud=slogans_by_aud, leaflets_by_aud=leaflets_by_aud, children=children,
                  period=period, period_is_current=is_current, search_ui=search_ui,
                  fallback_search=view.fallback_search)

    pages: list[Page] = []

    def render(template: str, path: str, title: str, kind: str, search: str, fallback: bool = False, **extra) -> None:
        text = env.get_template(template).render(page=path, title=title, **common, **extra)
        pages.append(Page(path, title, text, kind, search, fallback))

    def all_fallback(kind: str, ids) -> bool:
        ids = list(ids)
        return loc != view.default_locale and bool(ids) and all(state(kind, i) == "fallback" for i in ids)

    main = c.main_message
    render("home.md.j2", "index.md", c.settings.site_title, "home",
           " ".join([c.settings.theme, main.text, main.explanation]), all_fallback("message", [main.id]))
    render("messages.md.j2", "thong-diep.md", t("title.messages"), "messages",
           " ".join(m.text + " " + m.explanation for m in c.messages), all_fallback("message", (m.id for m in c.messages)))
    render("slogans.md.j2", "khau-hieu.md", t("title.slogans"), "slogans",
           " ".join(s.text for s in c.slogans), all_fallback("slogan", (s.id for s in c.slogans)))
    render("audiences.md.j2", "doi-tuong/index.md", t("title.audiences"), "audiences",
           " ".join(a.name for a in c.audiences), all_fallback("audience", (a.id for a in c.audiences)))
    for a in c.audiences:
        render("audience.md.j2", audience_page(a.id), a.name, "audience",
               " ".join([a.name, a.who, *a.emphasise]), all_fallback("audience", [a.id]), a=a)
    render("leaflets.md.j2", "tai-lieu-in.md", t("title.printables"), "leaflets",
           " ".join(l.title for l in c.leaflets), all_fallback("leaflet", (l.id for l in c.leaflets)))
    for l in c.leaflets:
        texts = [l.title, l.subtitle, l.summary, *[t_ for s in l.sections for t_ in (s.question, s.answer, *s.bullets)],
                 l.call_to_action]
        if any(s.table for s in l.sections):
            texts.append(" ".join(f"[[{fid}]]" for fid in factmod.TABLE_FACTS))
        related = [q for q in c.qa if q.leaflet == l.id]
        render("leaflet.md.j2", leaflet_page(l), l.title, "leaflet", fx(" ".join(texts)),
               all_fallback("leaflet", [l.id]), l=l, texts=texts, related=related, pdfs=view.pdfs.get(l.id, []),
               other_pdfs=view.other_pdfs.get(l.id, []))
    render("calendar.md.j2", "lich-truyen-thong.md", t("title.calendar"), "calendar",
           " ".join(p.name + " " + p.theme for p in c.periods), all_fallback("period", (p.id for p in c.periods)))
    render("qa.md.j2", "hoi-dap.md", t("title.qa"), "qa",
           fx(" ".join(q.question + " " + q.answer for q in c.qa)), all_fallback("qa", (q.id for q in c.qa)))
    render("facts.md.j2", "so-lieu.md", t("title.facts"), "facts",
           " ".join(f.label + " " + f.source for f in facts.values()), all_fallback("fact", facts))
    render("contacts.md.j2", "lien-he.md", t("title.contacts"), "contacts",
           " ".join([c.settings.hotline.name, c.settings.hotline.phone, *[x.name for x in c.settings.contacts]]))
    render("search.md.j2", "tim-kiem.md", t("title.search"), "search", "")
    return pages


def nav(pages: list[Page], t=lambda k: k) -> list:
    """The MkDocs nav: a few top items a rural reader understands at a glance."""
    by_kind: dict[str, list[Page]] = {}
    for p in pages:
        by_kind.setdefault(p.kind, []).append(p)
    one = {k: v[0].path for k, v in by_kind.items()}
    return [
        {t("nav.home"): one["home"]},
        {t("nav.leaflets"): [{t("nav.printables"): one["leaflets"]}] + [{str(escape(p.title)): p.path} for p in by_kind.get("leaflet", [])]},
        {t("nav.qa"): one["qa"]},
        {t("nav.messages"): one["messages"]},
        {t("nav.slogans"): one["slogans"]},
        {t("nav.audiences"): [{t("nav.all_audiences"): one["audiences"]}] + [{str(escape(p.title)): p.path} for p in by_kind.get("audience", [])]},
        {t("nav.calendar"): one["calendar"]},
        {t("nav.facts"): one["facts"]},
        {t("nav.contacts"): one["contacts"]},
        {t("nav.search"): one["search"]},
    ]


def report_page(reports: list, root: Path, limit: int = 20) -> Page:
    """The translation report as a page (kept out of the navigation and the search index)."""
    from ..locales.report import STATE_LABELS
    from ..content.translations import KIND_LABELS
    text = _env(root).get_template("report.md.j2").render(reports=reports, limit=limit, state_labels=STATE_LABELS,
                                                           kind_labels=KIND_LABELS)
    return Page("bao-cao-dich/index.md", "Báo cáo bản dịch", text, "report", "")
