"""What every output that adds pages to the site shares: the Markdown templates' environment
(every printed value escaped), the helpers templates call for one locale, and page addresses."""
from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..locales.localize import DisplayState
from ..model import facts as factmod
from .base import LocaleView
from .links import tel_uri
from .mdtext import html_attr, md_escape, safe_url

NUMBER_LOCALES = ("vi", "en", "km")  # locales with their own number format (CLDR); others use Vietnamese


def dir_url(md_path: str) -> str:
    """"to-roi/x.md" -> "to-roi/x/", "index.md" -> "", "doi-tuong/index.md" -> "doi-tuong/"."""
    stem = md_path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def template_env(root: Path) -> Environment:
    """The Jinja environment of the site's Markdown templates: every printed value escaped. Compiled
    templates are kept in .cache/jinja/ (Jinja checks each against its source): compiling them took
    about 0.5 s for every locale of every build, in every worker."""
    from jinja2 import FileSystemBytecodeCache
    compiled = root / ".cache" / "jinja"
    try:
        compiled.mkdir(parents=True, exist_ok=True)
        bytecode = FileSystemBytecodeCache(str(compiled))
    except OSError:  # a project folder that cannot be written: compile every time
        bytecode = None
    env = Environment(loader=FileSystemLoader(str(root / "theme" / "site")), autoescape=False,
                      finalize=md_escape, undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True, bytecode_cache=bytecode)
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


def reviewed_line(env: Environment, h: PageHelpers, items: Iterable) -> str:
    """"Nội dung được rà soát ngày …": the latest review date of the items a page shows ("" for none)."""
    dates = [i.editorial.reviewed for i in items]
    if not dates:
        return ""
    return env.get_template("_reviewed.md.j2").render(reviewed=max(dates), t=h.t, day=h.day)
