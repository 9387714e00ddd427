"""Short messages as an output: /tin-nhan/ (every SMS and Zalo text with its counts and a copy
button) and tin-nhan/tin-nhan.csv (UTF-8 with BOM, so Excel opens it with the marks right).

The CSV of the default locale has a row for every text in every built locale that shows a translation
of it (column `locale`), each counted as it is sent: an H'Mông text in plain letters as GSM-7, a Tày text
with marks as UCS-2. A locale with translated texts gets its own page and CSV too. A release build passes
approved items and approved translations only.
"""
from __future__ import annotations

from pathlib import Path

from ...locales.localize import DisplayState, localize
from ...model.translations import ItemKind, short_id
from ...render import spreadsheet
from ...render.base import CheckInput, Checks, Download, Downloads, LocaleView, Page, RenderSettings
from ...render.pages import PageHelpers, reviewed_line, template_env
from .texts import KINDS, check_short_texts, check_translated, short_messages

FOLDER = "tin-nhan"
CSV_NAME = "tin-nhan.csv"
COLUMNS = ("id", "channel", "locale", "text", "characters", "encoding", "segments", "status")


def csv_bytes(rows, locale: str, more: tuple = ()) -> bytes:
    """The export: one row a text, as sent (render/spreadsheet: UTF-8 with BOM, no cell a spreadsheet runs);
    `more`: (locale, rows) of the other locales' translated texts."""
    return spreadsheet.csv_bytes(COLUMNS, ([f"{m.kind}:{m.id}", m.channel, loc, m.text, m.characters, m.encoding,
                                            m.segments, m.status] for loc, texts in ((locale, rows), *more) for m in texts))


def translated_rows(view: LocaleView):
    """The texts a locale sends in its own language: items whose short texts show a translation."""
    c = view.content
    items = [i for i in (*c.messages, *c.slogans, *c.leaflets) if i.short is not None and
             view.states.get((ItemKind.SHORT, short_id(KINDS[type(i).__name__], i.id)), DisplayState.FALLBACK)
             != DisplayState.FALLBACK]
    return short_messages(c.settings, items)


class ShortTextsOutput:
    """SMS and Zalo texts: a page and a CSV in the default locale."""

    name = "short-texts"

    @staticmethod
    def check(given: CheckInput) -> Checks:
        """What a carrier or Zalo would refuse or split, in everything editors wrote (drafts too)."""
        c = given.loaded
        theirs = [(v.locale.id, translated_rows(v)) for v in given.views if not v.is_default]
        return Checks(errors=tuple(check_short_texts(c.settings, (*c.messages, *c.slogans, *c.leaflets)).items),
                      release_errors=tuple(check_translated(ShortTextsOutput.rows_of(given.content), theirs,
                                                            given.content.settings).items))

    def __init__(self, settings: RenderSettings):
        self.env = template_env(settings.root)
        self.release = settings.release

    @staticmethod
    def rows_of(c):
        return short_messages(c.settings, (*c.messages, *c.slogans, *c.leaflets))

    def others(self, view: LocaleView) -> tuple:
        """(locale, translated rows) of every other built locale, for the default locale's CSV."""
        c = view.content
        out = []
        for loc in c.settings.locales:
            if loc.build and loc.id != view.locale.id:
                content, ui, states = localize(c, c.ui, c.translations, loc.id, self.release)
                rows = translated_rows(LocaleView(loc, content, ui, states, view.default_locale, f"{loc.id}/"))
                if rows:
                    out.append((loc.id, rows))
        return tuple(out)

    def rows(self, view: LocaleView):
        return self.rows_of(view.content) if view.is_default else translated_rows(view)

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        rows = self.rows(view)
        if not view.is_default and not rows:
            return []
        folder = Path(docs) / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        more = self.others(view) if view.is_default else ()
        (folder / CSV_NAME).write_bytes(csv_bytes(rows, view.locale.id, more))
        return []

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        rows = self.rows(view)
        if not rows:
            return []
        h = PageHelpers(view)
        title = h.t("title.short_texts")
        text = self.env.get_template("short_texts.md.j2").render(
            page=f"{FOLDER}/index.md", rows=rows, t=h.t, draft=h.draft, csv=CSV_NAME, title=title)
        text += reviewed_line(self.env, h, list({id(r.item): r.item for r in rows}.values()))
        return [Page(f"{FOLDER}/index.md", title, text, "short-texts", " ".join(r.text for r in rows))]

    def finish(self, downloads: list[Download], docs: Path) -> None:
        pass
