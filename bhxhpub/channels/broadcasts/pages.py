"""Loudspeaker scripts on the site: /phat-thanh/ (every script with its duration, and the weekly
programme of each period) and one page a script (the text as read, its duration, its periods, and
its printable reading script), in every locale: a script with a translation shown reads in the locale
(figures in its words, its duration at its rate, each noted where the locale has no figure of its own);
the others show the Vietnamese with the usual notice.
"""
from __future__ import annotations

from pathlib import Path

from ...render.base import Download, Downloads, LocaleView, Page, RenderSettings
from ...render.pages import PageHelpers, reviewed_line, template_env
from . import scripts as bc

FOLDER = "phat-thanh"


class BroadcastPagesOutput:
    name = "broadcast-pages"

    def __init__(self, settings: RenderSettings):
        self.env = template_env(settings.root)

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        return []

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        c = view.content
        if not c.broadcasts:
            return []
        h = PageHelpers(view)
        scripts = []
        for b in c.broadcasts:
            own = bc.shown_in(view, b)
            timing = bc.timing(c, b, view.locale if own else None, view.ui if own else None)
            scripts.append({"b": b, "paragraphs": bc.spoken_paragraphs(c, b, view.locale if own else None),
                            "duration": bc.minutes_text(timing.minutes, view.ui), "notes": bc.notes(view, timing) if own else [],
                            "closing": bc.closing(c, view.ui if own else c.ui, view.locale if own else None),
                            "periods": [p for p in c.periods if p.id in b.periods],
                            "pdf": next((d for d in downloads.own.get(b.id, []) if d.kind == "broadcast"), None)})
        programmes = []
        for period in c.periods:
            prog = bc.programme(c, period)
            if any(prog.weeks):
                pdf = next((d for d in downloads.own.get(period.id, []) if d.kind == "broadcast-programme"), None)
                programmes.append({"period": period, "prog": prog, "pdf": pdf})
        common = dict(t=h.t, draft=h.draft, settings=c.settings, link=h.link, notice=h.notice, tag=h.tag, lang_of=h.lang_of)
        title = h.t("title.broadcasts")
        pages = [Page(f"{FOLDER}/index.md", title,
                      self.env.get_template("broadcasts.md.j2").render(page=f"{FOLDER}/index.md", title=title, scripts=scripts,
                                                                       programmes=programmes, minutes_text=bc.minutes_text,
                                                                       **common)
                      + reviewed_line(self.env, h, c.broadcasts),
                      "broadcasts", " ".join(s["b"].title for s in scripts))]
        for s in scripts:
            path = f"{FOLDER}/{s['b'].id}.md"
            pages.append(Page(path, s["b"].title,
                              self.env.get_template("broadcast.md.j2").render(page=path, s=s, **common)
                              + reviewed_line(self.env, h, [s["b"]]),
                              "broadcast", " ".join([s["b"].title, *s["paragraphs"]])))
        return pages

    def finish(self, downloads: list[Download], docs: Path) -> None:
        pass
