"""Short messages as an output: /tin-nhan/ (every SMS and Zalo text with its counts and a copy
button) and tin-nhan/tin-nhan.csv (UTF-8 with BOM, so Excel opens it with the marks right).

Built in the default locale only: the texts are written in Vietnamese. A release build passes
approved items only, so only approved texts are listed and exported.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ...model.translations import KIND_LABELS
from ...render.base import CheckInput, Checks, Download, Downloads, LocaleView, Page, RenderSettings
from ...render.pages import PageHelpers, reviewed_line, template_env
from .texts import CHANNEL_LABELS, check_short_texts, short_messages

FOLDER = "tin-nhan"
CSV_NAME = "tin-nhan.csv"
COLUMNS = ("id", "channel", "locale", "text", "characters", "encoding", "segments", "status")


def csv_bytes(rows, locale: str) -> bytes:
    """The export: one row a text, as sent (UTF-8 with BOM; Excel reads the BOM as "this is UTF-8")."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for m in rows:
        writer.writerow([f"{m.kind}:{m.id}", m.channel, locale, m.text, m.characters, m.encoding, m.segments, m.status])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


class ShortTextsOutput:
    """SMS and Zalo texts: a page and a CSV in the default locale."""

    name = "short-texts"

    @staticmethod
    def check(given: CheckInput) -> Checks:
        """What a carrier or Zalo would refuse or split, in everything editors wrote (drafts too)."""
        c = given.loaded
        return Checks(errors=tuple(check_short_texts(c.settings, (*c.messages, *c.slogans, *c.leaflets)).items))

    def __init__(self, settings: RenderSettings):
        self.env = template_env(settings.root)

    @staticmethod
    def rows(view: LocaleView):
        c = view.content
        return short_messages(c.settings, (*c.messages, *c.slogans, *c.leaflets))

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        if not view.is_default:
            return []
        folder = Path(docs) / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        (folder / CSV_NAME).write_bytes(csv_bytes(self.rows(view), view.locale.id))
        return []

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        if not view.is_default:
            return []
        rows = self.rows(view)
        if not rows:
            return []
        h = PageHelpers(view)
        title = h.t("title.short_texts")
        text = self.env.get_template("short_texts.md.j2").render(
            page=f"{FOLDER}/index.md", rows=rows, labels=CHANNEL_LABELS, kinds=KIND_LABELS, t=h.t, draft=h.draft, csv=CSV_NAME, title=title)
        text += reviewed_line(self.env, h, list({id(r.item): r.item for r in rows}.values()))
        return [Page(f"{FOLDER}/index.md", title, text, "short-texts", " ".join(r.text for r in rows))]

    def finish(self, downloads: list[Download], docs: Path) -> None:
        pass
