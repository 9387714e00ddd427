"""Loudspeaker scripts on the site: /phat-thanh/ (every script with its duration, and the weekly
programme of each period) and one page a script (the text as read, its duration, its periods, and
its printable reading script). The default locale only: the scripts are written in Vietnamese.
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
        if not view.is_default or not c.broadcasts:
            return []
        h = PageHelpers(view)
        scripts = [{"b": b, "paragraphs": bc.spoken_paragraphs(c, b), "duration": bc.minutes_text(bc.minutes(c, b)),
                    "periods": [p for p in c.periods if p.id in b.periods],
                    "pdf": next((d for d in downloads.own.get(b.id, []) if d.kind == "broadcast"), None)}
                   for b in c.broadcasts]
        programmes = []
        for period in c.periods:
            prog = bc.programme(c, period)
            if any(prog.weeks):
                pdf = next((d for d in downloads.own.get(period.id, []) if d.kind == "broadcast-programme"), None)
                programmes.append({"period": period, "prog": prog, "pdf": pdf})
        common = dict(t=h.t, draft=h.draft, closing=bc.closing(c), settings=c.settings, link=h.link)
        title = h.t("title.broadcasts")
        pages = [Page(f"{FOLDER}/index.md", title,
                      self.env.get_template("broadcasts.md.j2").render(page=f"{FOLDER}/index.md", title=title, scripts=scripts,
                                                                       programmes=programmes, minutes_text=bc.minutes_text,
                                                                       minutes=lambda b: bc.minutes(c, b), **common)
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
