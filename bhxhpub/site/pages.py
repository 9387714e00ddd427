"""Content model -> the Markdown pages of one locale's site (pure: returns a list of Page).

Templates live in theme/site/*.md.j2. Every value printed with {{ }} is escaped for
Markdown/HTML by mdtext.md_escape (the Jinja finalizer); templates mark their own trusted
markup with `|safe_md`. Links between pages are relative .md paths so MkDocs validates them.
Interface words come from `t(key)` (content/ui.yaml and its translations); per-item
translation notices from `notice(kind, id)`.
"""
from __future__ import annotations

from collections.abc import Iterable

import json
import posixpath
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..content import facts as factmod
from ..content import timeline
from ..content.editions import is_phone
from ..content.model import Leaflet, Period
from ..locales.localize import DisplayState
from ..render.base import Downloads, LocaleView, Page, drawn_scale
from ..render.links import tel_uri
from .mdtext import html_attr, md_escape, safe_url

NUMBER_LOCALES = ("vi", "en", "km")  # locales with their own number format (CLDR); others use Vietnamese
SEARCH_UI_KEYS = ("search.loading", "search.none", "search.count", "search.error")
SEARCH_KINDS = ("home", "messages", "slogans", "audience", "leaflets", "leaflet", "calendar", "qa", "facts", "contacts")


def leaflet_page(l: Leaflet) -> str:
    """The Markdown path of a leaflet's page: its kind and id, stable for printed QR codes."""
    return f"{l.kind}/{l.id}.md"


def audience_page(aid: str) -> str:
    """The Markdown path of an audience's page."""
    return f"doi-tuong/{aid}.md"


def dir_url(md_path: str) -> str:
    """"to-roi/x.md" -> "to-roi/x/", "index.md" -> "", "doi-tuong/index.md" -> "doi-tuong/"."""
    stem = md_path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def current_or_next_period(periods: tuple[Period, ...], today: date) -> tuple[Optional[Period], bool]:
    """(period, is_current): the period running today, else the next one to start (wrapping the year)."""
    md = (today.month, today.day)
    for p in periods:
        if p.start <= md <= p.end or (p.end < p.start and (md >= p.start or md <= p.end)):  # across the new year
            return p, True
    upcoming = sorted(periods, key=lambda p: (p.start <= md, p.start))
    return (upcoming[0], False) if upcoming else (None, False)


def banner_period(periods: tuple[Period, ...], today: date) -> Optional[Period]:
    """The period whose banner window (banners_from … banners_until) is running today, else the
    next one to come (wrapping the year); None when no period hangs banners."""
    def day_month(text: str) -> tuple[int, int]:
        day, month = (int(x) for x in text.split("/"))
        return (month, day)
    md = (today.month, today.day)
    hanging = [(day_month(p.banners_from), day_month(p.banners_until), p) for p in periods if p.banners_from and p.banners_until]
    for start, end, p in hanging:
        if start <= md <= end or (end < start and (md >= start or md <= end)):
            return p
    upcoming = sorted(hanging, key=lambda x: (x[0] <= md, x[0]))
    return upcoming[0][2] if upcoming else None


def template_env(root: Path) -> Environment:
    """The Jinja environment of the site's Markdown templates: every printed value escaped."""
    env = Environment(loader=FileSystemLoader(str(root / "theme" / "site")), autoescape=False,
                      finalize=md_escape, undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_md"] = lambda s: Markup(s)
    env.filters["attr"] = html_attr
    env.filters["url"] = lambda s: Markup(safe_url(s))
    env.filters["tel"] = lambda s: Markup(html_attr(tel_uri(s)))
    return env


def format_day(d: date, locale: str) -> str:
    """A date as the locale writes it: 20/05/2026 (vi, km and the fallback), 20 May 2026 (en)."""
    if locale == "en":
        return f"{d.day} {d.strftime('%B')} {d.year}"
    return d.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class PageHelpers:
    """The functions templates call, for one locale: words, figures, links, draft and translation marks."""

    view: LocaleView

    @property
    def quoted(self) -> dict[str, str]:
        """The official texts a [[msg:id]] / [[slogan:id]] prints, in this locale."""
        return factmod.quoted_texts(self.view.content)

    @property
    def number_locale(self) -> str:
        return self.view.locale.id if self.view.locale.id in NUMBER_LOCALES else "vi"

    def t(self, key: str, **values) -> str:
        """An interface string of this locale, with {placeholders} filled in."""
        text = self.view.ui.get(key, self.view.content.ui.get(key, key))
        for k, v in values.items():
            text = text.replace("{" + k + "}", str(v))
        return text

    def fx(self, text: str) -> str:
        """A text with its [[fact-id]] tokens replaced by the formatted figures."""
        return factmod.expand(text, self.view.content.facts, self.number_locale, self.quoted)

    def fact(self, fact) -> str:
        """A fact's value as this locale writes it (e.g. 22%, 1.500.000 đồng)."""
        return factmod.format_fact(fact, self.number_locale)

    def num(self, value) -> str:
        return factmod.format_number(value, self.number_locale)

    def day(self, d: date) -> str:
        return format_day(d, self.view.locale.id)

    @staticmethod
    def link(frm: str, to: str) -> Markup:
        """A relative link between two Markdown files (MkDocs checks and rewrites it)."""
        return Markup(posixpath.relpath(to, posixpath.dirname(frm) or "."))

    @staticmethod
    def href(frm: str, to: str) -> str:
        """A raw relative URL between the directory URLs of two pages (for HTML in pages)."""
        rel = posixpath.relpath(dir_url(to) or ".", dir_url(frm) or ".")
        return "./" if rel == "." else rel + "/"

    def site_href(self, frm: str, site_path: str) -> str:
        """A raw link from a page to a file anywhere in the site (e.g. another locale's PDF)."""
        return "../" * dir_url(frm).count("/") + "../" * self.view.prefix.count("/") + site_path

    def draft(self, item) -> Markup:
        if item.editorial.is_draft:
            return Markup(f'<span class="badge-draft" title="{html_attr(self.t("draft.title"))}">'
                          f'{html_attr(self.t("draft.badge"))}</span>')
        return Markup("")

    def state(self, kind: str, ident: str) -> str:
        return self.view.states.get((kind, ident), DisplayState.SOURCE)

    def lang_of(self, kind: str, ident: str) -> Markup:
        """Mark Vietnamese fallback text as such, for screen readers and fonts."""
        if not self.view.is_default and self.state(kind, ident) == DisplayState.FALLBACK:
            return Markup(' lang="vi"')
        return Markup("")

    def notice(self, kind: str, ident: str) -> Markup:
        """A note above an item shown in Vietnamese or as an unapproved translation."""
        s = self.state(kind, ident)
        if self.view.is_default or s in (DisplayState.SOURCE, DisplayState.TRANSLATED):
            return Markup("")
        loc = self.view.locale
        text = self.t(f"notice.{s}", language=loc.name, native=loc.native_name)
        return Markup(f'<p class="translation-notice translation-{s}" role="note">{html_attr(text)}</p>\n')

    def tag(self, kind: str, ident: str) -> Markup:
        """A small inline marker on lists where an item is shown untranslated or as a draft translation."""
        s = self.state(kind, ident)
        if self.view.is_default or s in (DisplayState.SOURCE, DisplayState.TRANSLATED):
            return Markup("")
        return Markup(f' <span class="translation-tag translation-{s}">({html_attr(self.t("notice.tag_" + s))})</span>')

    def sources(self, texts: list[str]) -> list:
        """The facts quoted by these texts, for the sources block."""
        return factmod.facts_used(texts, self.view.content.facts)

    def all_fallback(self, kind: str, ids) -> bool:
        """True when every item of a page is shown in Vietnamese (a page the locale's search leaves out)."""
        ids = list(ids)
        return not self.view.is_default and bool(ids) and all(self.state(kind, i) == DisplayState.FALLBACK for i in ids)


def reviewed_line(env: Environment, h: "PageHelpers", items: Iterable) -> str:
    """"Nội dung được rà soát ngày …": the latest review date of the items a page shows ("" for none)."""
    dates = [i.editorial.reviewed for i in items]
    if not dates:
        return ""
    return env.get_template("_reviewed.md.j2").render(reviewed=max(dates), t=h.t, day=h.day)


def build_pages(view: LocaleView, downloads: Downloads, env: Environment, today: date) -> list[Page]:
    """Every core page of one locale's site, in navigation order."""
    c = view.content
    h = PageHelpers(view)
    t = h.t
    period, is_current = current_or_next_period(c.periods, today)
    common = dict(
        c=c, s=c.settings, view=view, downloads=downloads, t=t, fx=h.fx, num=h.num, day=h.day, link=h.link,
        href=h.href, site_href=h.site_href, draft=h.draft, sources=h.sources, notice=h.notice, lang_of=h.lang_of,
        tag=h.tag, leaflet_page=leaflet_page, audience_page=audience_page, operands=timeline.operands, is_phone=is_phone,
        contribution=lambda: factmod.contribution_table(c), fact=h.fact, period=period, period_is_current=is_current,
        banner_period=banner_period(c.periods, today),
        slogans_by_aud={a.id: [s for s in c.slogans if a.id in s.audiences] for a in c.audiences},
        leaflets_by_aud={a.id: [l for l in c.leaflets if a.id in l.audiences] for a in c.audiences},
        children={a.id: [x for x in c.audiences if x.parent == a.id] for a in c.audiences},
        search_ui=json.dumps({k: t(k) for k in SEARCH_UI_KEYS} | {f"kind.{k}": t(f"kind.{k}") for k in SEARCH_KINDS},
                             ensure_ascii=False),
        fallback_search="" if view.is_default else "../" * (view.prefix.count("/") + 1) + "tim-kiem/",
    )
    pages: list[Page] = []

    def render(template: str, path: str, title: str, kind: str, search: str, fallback: bool = False,
               items: Iterable = (), **extra) -> None:
        """`items`: the content items the page shows; it says when the latest of them was reviewed."""
        text = env.get_template(template).render(page=path, title=title, **common, **extra)
        text += reviewed_line(env, h, items)
        pages.append(Page(path, title, text, kind, search, fallback))

    main = c.main_message
    render("home.md.j2", "index.md", c.settings.site_title, "home",
           " ".join([c.settings.theme, main.text, main.explanation]), h.all_fallback("message", [main.id]),
           items=[main, *(l for l in c.leaflets if l.featured)])
    render("messages.md.j2", "thong-diep.md", t("title.messages"), "messages",
           " ".join(m.text + " " + m.explanation for m in c.messages), h.all_fallback("message", (m.id for m in c.messages)), items=c.messages)
    render("slogans.md.j2", "khau-hieu.md", t("title.slogans"), "slogans",
           " ".join(s.text for s in c.slogans), h.all_fallback("slogan", (s.id for s in c.slogans)), items=c.slogans)
    render("audiences.md.j2", "doi-tuong/index.md", t("title.audiences"), "audiences",
           " ".join(a.name for a in c.audiences), h.all_fallback("audience", (a.id for a in c.audiences)), items=c.audiences)
    for a in c.audiences:
        render("audience.md.j2", audience_page(a.id), a.label, "audience",
               " ".join([a.name, a.who, *a.emphasise]), h.all_fallback("audience", [a.id]), a=a, items=[a])
    def files(item: str, kinds: tuple[str, ...]) -> list:
        return [d for d in downloads.own.get(item, []) if d.kind in kinds]
    every = [d for ds in downloads.own.values() for d in ds]
    render("leaflets.md.j2", "tai-lieu-in.md", t("title.printables"), "leaflets",
           " ".join(l.title for l in c.leaflets), h.all_fallback("leaflet", (l.id for l in c.leaflets)), items=c.leaflets,
           files=files, has_files=lambda item, kinds: bool(files(item, kinds)), table_posters=sorted({d.item for d in every if d.kind == "poster"} - {m.id for m in c.messages}),
           any_files=lambda kinds: any(d.kind in kinds for d in every),
           any_scaled=any(d.kind in ("banner", "pennant") and drawn_scale(d.page_width_mm, d.page_height_mm) > 1 for d in every))
    for l in c.leaflets:
        texts = l.texts()
        if any(s.table for s in l.sections):
            texts.append(" ".join(f"[[{fid}]]" for fid in factmod.TABLE_FACTS))
        render("leaflet.md.j2", leaflet_page(l), l.title, "leaflet", h.fx(" ".join(texts)),
               h.all_fallback("leaflet", [l.id]), l=l, texts=texts, items=[l], related=[q for q in c.qa if q.leaflet == l.id],
               pdfs=[d for d in downloads.own.get(l.id, []) if d.kind == "leaflet"],
               pictures=[d for d in downloads.own.get(l.id, []) if d.kind == "leaflet-image"],
               other_pdfs=[(n, d) for n, d in downloads.other.get(l.id, []) if d.kind == "leaflet"])
    render("calendar.md.j2", "lich-truyen-thong.md", t("title.calendar"), "calendar",
           " ".join(p.name + " " + p.theme for p in c.periods), h.all_fallback("period", (p.id for p in c.periods)), items=c.periods)
    render("qa.md.j2", "hoi-dap.md", t("title.qa"), "qa",
           h.fx(" ".join(q.question + " " + q.answer for q in c.qa)), h.all_fallback("qa", (q.id for q in c.qa)), items=c.qa)
    render("facts.md.j2", "so-lieu.md", t("title.facts"), "facts",
           " ".join(f.label + " " + f.source for f in c.facts.values()), h.all_fallback("fact", c.facts), items=c.facts.values())
    render("contacts.md.j2", "lien-he.md", t("title.contacts"), "contacts",
           " ".join([c.settings.hotline.name, c.settings.hotline.phone, *[x.name for x in c.settings.contacts],
                     *[f"{x.name} " + " ".join(a.name for a in x.agents) for x in (c.edition.communes if c.edition else ())]]))
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
        *([{t("nav.short_texts"): one["short-texts"]}] if "short-texts" in one else []),
        *([{t("nav.broadcasts"): one["broadcasts"]}] if "broadcasts" in one else []),
        {t("nav.audiences"): [{t("nav.all_audiences"): one["audiences"]}] + [{str(escape(p.title)): p.path} for p in by_kind.get("audience", [])]},
        {t("nav.calendar"): one["calendar"]},
        {t("nav.facts"): one["facts"]},
        {t("nav.contacts"): one["contacts"]},
        {t("nav.search"): one["search"]},
    ]
