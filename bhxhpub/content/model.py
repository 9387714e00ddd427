"""The validated content model. Renderers read only these objects, never YAML.

All objects are frozen dataclasses built by loader.py after schema checks, so a
renderer may assume every reference resolves and every field has its type.
Texts may contain fact tokens like [[ty-le-dong-tu-nguyen]]: see facts.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional, Union

STATUSES = ("draft", "approved")
LEAFLET_FORMATS = ("a5", "trifold")  # Leaflet.formats values; the PDF output has editions for each
FactValue = Union[int, float, str, tuple]


@dataclass(frozen=True)
class Where:
    """Where an item was written; `lines` maps field names to (line, column)."""

    file: str
    line: int
    column: int = 1
    lines: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def at(self, name: str) -> tuple[str, int, int]:
        line, col = self.lines.get(name, (self.line, self.column))
        return self.file, line, col


@dataclass(frozen=True)
class Editorial:
    status: str  # "draft" | "approved"
    reviewed: date

    @property
    def is_draft(self) -> bool:
        return self.status != "approved"


@dataclass(frozen=True)
class Fact:
    id: str
    label: str
    value: FactValue
    unit: str  # percent | vnd | vnd_per_month | years | months | age | text | list
    source: str
    valid_from: Optional[date]
    valid_until: Optional[date]
    note: str
    editorial: Editorial
    where: Where = field(compare=False)


@dataclass(frozen=True)
class Message:
    id: str
    text: str
    explanation: str
    main: bool
    source: str
    editorial: Editorial
    where: Where = field(compare=False)


@dataclass(frozen=True)
class Audience:
    id: str
    code: str  # e.g. "3.1" in the 2022 plan, "T4.2-2a" for table 4.2 of letter 1194
    name: str
    parent: Optional[str]
    who: str
    emphasise: tuple[str, ...]
    source: str
    editorial: Editorial
    where: Where = field(compare=False)


@dataclass(frozen=True)
class Slogan:
    id: str
    text: str
    audiences: tuple[str, ...]
    source: str
    editorial: Editorial
    where: Where = field(compare=False)


@dataclass(frozen=True)
class Section:
    question: str
    answer: str
    bullets: tuple[str, ...]
    table: Optional[str]  # "contribution" inserts the computed contribution table
    where: Optional[Where] = field(default=None, compare=False)


@dataclass(frozen=True)
class Leaflet:
    id: str  # also the URL slug; stable even when the title changes (QR codes are printed)
    kind: str  # "to-roi" (leaflet) | "to-gap" (folded leaflet)
    title: str
    subtitle: str
    summary: str
    audiences: tuple[str, ...]
    formats: tuple[str, ...]  # "a5" | "trifold"
    sections: tuple[Section, ...]
    call_to_action: str
    featured: bool
    editorial: Editorial
    where: Where = field(compare=False)

    @property
    def url_path(self) -> str:
        return f"{self.kind}/{self.id}/"

    def texts(self) -> list[str]:
        """Every text of the leaflet in reading order: title, subtitle, summary, each section's
        question, answer and bullets, the call to action. Release checks, PDFs, pages and
        translations all read a leaflet's texts through this one list."""
        out = [self.title, self.subtitle, self.summary]
        for s in self.sections:
            out += [s.question, s.answer, *s.bullets]
        out.append(self.call_to_action)
        return out


@dataclass(frozen=True)
class QA:
    id: str
    question: str
    answer: str
    audiences: tuple[str, ...]
    leaflet: Optional[str]
    editorial: Editorial
    where: Where = field(compare=False)


@dataclass(frozen=True)
class Period:
    id: str
    name: str
    start: tuple[int, int]  # (month, day), recurs every year
    end: tuple[int, int]
    theme: str
    source: str
    editorial: Editorial
    where: Where = field(compare=False)


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str
    address: str
    url: str
    hours: str
    note: str


@dataclass(frozen=True)
class Link:
    name: str
    url: str


@dataclass(frozen=True)
class Locale:
    id: str  # used in URLs: "vi" (site root), "en", "km", ...
    lang: str  # BCP 47 tag for lang attributes
    name: str  # name in Vietnamese
    native_name: str  # as its speakers write it
    script: str  # Latn | Khmr | Tavt
    fonts: tuple[str, ...]
    fallback: str  # interface language it falls back to
    build: bool


@dataclass(frozen=True)
class Settings:
    org_name: str
    org_short: str
    logo: str  # path inside the project
    site_title: str
    site_description: str
    base_url: str
    year: int
    theme: str
    theme_source: str
    hotline: Contact
    local_office: Contact
    contacts: tuple[Contact, ...]
    social: tuple[Link, ...]
    default_locale: str
    locales: tuple[Locale, ...]
    contribution_incomes: tuple[int, ...]  # income levels shown in the illustration table
    contribution_income_facts: tuple[str, ...]  # facts whose values are added as income levels
    synonyms: tuple[tuple[str, str], ...]  # search: typed form -> what it also means


@dataclass(frozen=True)
class Content:
    settings: Settings
    facts: dict[str, Fact]
    messages: tuple[Message, ...]
    audiences: tuple[Audience, ...]
    slogans: tuple[Slogan, ...]
    leaflets: tuple[Leaflet, ...]
    qa: tuple[QA, ...]
    periods: tuple[Period, ...]
    ui: dict = field(default_factory=dict)  # interface strings we own (Vietnamese source), key -> text
    translations: tuple = ()  # translations.Translation items of every locale

    def audience(self, aid: str) -> Audience:
        return next(a for a in self.audiences if a.id == aid)

    def leaflet(self, lid: str) -> Leaflet:
        return next(l for l in self.leaflets if l.id == lid)

    @property
    def main_message(self) -> Message:
        return next(m for m in self.messages if m.main)
