"""Content model -> the Markdown pages of one locale's site (pure: returns a list of Page).

Templates live in theme/site/*.md.j2. Every value printed with {{ }} is escaped for
Markdown/HTML by mdtext.md_escape (the Jinja finalizer); templates mark their own trusted
markup with `|safe_md`. Links between pages are relative .md paths so MkDocs validates them.
Interface words come from `t(key)` (content/ui.yaml and its translations); per-item
translation notices from `notice(kind, id)`.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Optional

from jinja2 import Environment
from markupsafe import escape

from ...model import facts as factmod
from ...model.editions import is_phone
from ...model.local import PENDING
from ...model.types import Leaflet, Period
from ...render.base import Downloads, LocaleView, Page, drawn_scale
from ...render.pages import PageHelpers, reviewed_line
from ...rules import timeline

SEARCH_UI_KEYS = ("search.loading", "search.none", "search.count", "search.error")
SEARCH_KINDS = ("home", "messages", "slogans", "audience", "leaflets", "leaflet", "calendar", "qa", "facts", "contacts", "where")


def leaflet_page(l: Leaflet) -> str:
    """The Markdown path of a leaflet's page: its kind and id, stable for printed QR codes."""
    return f"{l.kind}/{l.id}.md"


def audience_page(aid: str) -> str:
    """The Markdown path of an audience's page."""
    return f"doi-tuong/{aid}.md"




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
           files=files, has_files=lambda item, kinds: bool(files(item, kinds)),
           table_posters=sorted({d.item for d in every if d.kind == "poster"} - {m.id for m in c.messages}),
           any_files=lambda kinds: any(d.kind in kinds for d in every),
           any_scaled=any(d.kind in ("banner", "pennant") and drawn_scale(d.page_width_mm, d.page_height_mm) > 1 for d in every))
    for l in c.leaflets:
        texts = l.texts()
        if any(s.table for s in l.sections):
            texts.append(" ".join(f"[[{fid}]]" for fid in factmod.TABLE_FACTS))
        render("leaflet.md.j2", leaflet_page(l), l.title, "leaflet", h.fx(" ".join(texts)),
               h.all_fallback("leaflet", [l.id]), l=l, texts=texts, items=[l], related=[q for q in c.qa if q.leaflet == l.id],
               pdfs=[d for d in downloads.own.get(l.id, []) if d.kind == "leaflet"],
               commune_copies=any(d.commune for d in downloads.own.get(l.id, [])), where_page=f"{WHERE}.md",
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
    if c.edition and c.edition.communes:
        where = where_to_pay(c.edition, commune_files(c, every))
        render("where.md.j2", f"{WHERE}.md", t("title.where"), "where", " ".join(x["commune"].name for x in where),
               communes=where, items=[c.edition])
        pages[-1].entries = tuple((x["anchor"], x["commune"].name, " ".join([x["commune"].name, *x["former"],
                                   *(a.name for a in x["agents"])])) for x in where)
    render("search.md.j2", "tim-kiem.md", t("title.search"), "search", "")
    return pages


WHERE = "dong-bhxh-o-dau"  # "Đóng BHXH, BHYT ở đâu?": every commune of a local edition


def commune_files(content, downloads) -> dict[str, list]:
    """A local edition's leaflets printed for each commune: commune id -> [(leaflet, [files])]."""
    titles = {l.id: l for l in content.leaflets}
    by_commune: dict[str, dict[str, list]] = {}
    for d in (d for d in downloads if d.commune and d.item in titles):  # in the order they were made
        by_commune.setdefault(d.commune, {}).setdefault(d.item, []).append(d)
    return {cid: [(titles[item], files) for item, files in sorted(found.items())] for cid, found in by_commune.items()}


def where_to_pay(edition, files: Optional[dict] = None) -> list[dict]:
    """Every commune of an edition, with its former units, its agents, the offices serving it and
    (with `files`) the leaflets printed for it."""
    out = []
    for commune in edition.communes:
        offices = [o for o in edition.offices if commune.id in o.communes] or list(edition.offices[:1])
        former = [f for f in commune.former if f != commune.name]
        agents = [a for a in commune.agents if PENDING not in a.name or is_phone(a.phone)]  # not yet known: say so
        out.append({"commune": commune, "anchor": commune.id, "former": former, "agents": agents, "offices": offices,
                    "files": (files or {}).get(commune.id, [])})
    return out


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
        *([{t("nav.where"): one["where"]}] if "where" in one else []),
        {t("nav.contacts"): one["contacts"]},
        {t("nav.search"): one["search"]},
    ]
