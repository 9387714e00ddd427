"""What each locale shows: translation state per item, and the localized view of the content.

Release builds show only approved, current translations; preview builds also show draft and
outdated ones (with a banner). Anything else shows the Vietnamese text with a notice.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Optional

from ..model.translations import SETTING_TEXTS, ItemKind, Translation, TranslationState, Unit, short_id, units
from ..model.types import Content, Section


class DisplayState(StrEnum):
    """What a locale shows for an item: its own text, or a translation, or Vietnamese."""

    SOURCE = "source"  # the default locale's own text
    TRANSLATED = "translated"  # an approved, current translation
    DRAFT = "draft"  # a draft translation (preview only, with a banner)
    OUTDATED = "outdated"  # a translation of an older Vietnamese text (preview only, with a banner)
    FALLBACK = "fallback"  # no usable translation: the Vietnamese text, with a notice


@dataclass(frozen=True)
class ItemState:
    unit: Unit
    locale: str
    state: TranslationState
    translation: Optional[Translation]


def states(unit_list: list[Unit], translations: tuple[Translation, ...], locale: str) -> list[ItemState]:
    by_key = {(t.kind, t.id): t for t in translations if t.locale == locale}
    out = []
    for u in unit_list:
        t = by_key.get((u.kind, u.id))
        if t is None:
            s = TranslationState.MISSING
        elif t.source_hash != u.hash:
            s = TranslationState.OUTDATED
        else:
            s = TranslationState(t.status)
        out.append(ItemState(u, locale, s, t))
    return out


def shown(state: ItemState, release: bool) -> bool:
    """Whether the translation is published instead of the Vietnamese text."""
    if state.translation is None:
        return False
    if release:
        return state.state == TranslationState.APPROVED
    return True  # preview shows draft and outdated translations, with a banner


def localize(content: Content, ui: dict[str, str], translations: tuple[Translation, ...], locale: str,
             release: bool) -> tuple[Content, dict[str, str], dict[tuple[str, str], DisplayState]]:
    """The content as a locale shows it, the UI strings, and the state shown per (kind, id):
    "translated", "draft", "outdated" (translation shown with a banner) or "fallback" (Vietnamese shown)."""
    unit_list = units(content, ui)
    st = {(s.unit.kind, s.unit.id): s for s in states(unit_list, translations, locale)}
    view: dict[tuple[str, str], DisplayState] = {}

    def pick(kind: str, ident: str) -> Optional[dict]:
        s = st[(kind, ident)]
        if shown(s, release):
            view[(kind, ident)] = DisplayState.TRANSLATED if s.state == TranslationState.APPROVED else DisplayState(s.state)
            return s.translation.fields
        view[(kind, ident)] = DisplayState.FALLBACK
        return None

    def apply(obj, kind: str, ident: str, conv=None):
        f = pick(kind, ident)
        if f is None:
            return obj
        changes = {k: (tuple(v) if isinstance(v, list) else v) for k, v in f.items() if k != "sections"}
        if conv:
            changes.update(conv(f))
        return replace(obj, **changes)

    def leaflet_sections(f: dict) -> dict:  # a computed table goes where the translator marked it
        return {"sections": tuple(Section(question=s["question"], answer=s["answer"], bullets=tuple(s["bullets"]),
                                          table=s.get("table")) for s in f["sections"])}

    def short(item, kind: str):  # its SMS and Zalo texts: a text not translated is left out, never sent in Vietnamese
        if item.short is None or (ItemKind.SHORT, short_id(kind, item.id)) not in st:
            return item
        f = pick(ItemKind.SHORT, short_id(kind, item.id))
        if f is None:
            return item
        t = st[(ItemKind.SHORT, short_id(kind, item.id))].translation
        return replace(item, short=replace(item.short, **{k: ("" if k in t.untranslated else v) for k, v in f.items()}))

    leaflets = [short(apply(l, "leaflet", l.id, leaflet_sections), "leaflet") for l in content.leaflets]
    out = replace(
        content,
        messages=tuple(short(apply(m, "message", m.id), "message") for m in content.messages),
        slogans=tuple(short(apply(s, "slogan", s.id), "slogan") for s in content.slogans),
        broadcasts=tuple(apply(b, "broadcast", b.id) for b in content.broadcasts),
        audiences=tuple(apply(a, "audience", a.id) for a in content.audiences),
        qa=tuple(apply(q, "qa", q.id) for q in content.qa),
        periods=tuple(apply(p, "period", p.id) for p in content.periods),
        facts={k: apply(f, "fact", k) for k, f in content.facts.items()},
        leaflets=tuple(leaflets),
    )
    settings = out.settings
    for key in SETTING_TEXTS:
        if ("setting", key) not in st:
            continue
        f = pick("setting", key)
        if f:
            attr, sub = SETTING_TEXTS[key]
            settings = replace(settings, **{attr: replace(getattr(settings, attr), **{sub: f["text"]}) if sub else f["text"]})
    out = replace(out, settings=settings)
    if content.edition is not None and (ItemKind.EDITION, content.edition.id) in st:
        out = _edition(out, pick(ItemKind.EDITION, content.edition.id))
    strings = {}
    for key, text in ui.items():
        f = pick("ui", key)
        strings[key] = f["text"] if f else text
    return out, strings, view


def _edition(content: Content, f: Optional[dict]) -> Content:
    """A local edition with its offices' names and hours translated: the offices, and the contacts and the
    local office that `editions.apply` made of them."""
    if not f:
        return content
    e, s = content.edition, content.settings
    named = [x for x in f.get("offices", ())]
    offices = tuple(replace(o, name=x.get("name") or o.name, hours=x.get("hours") or o.hours)
                    for o, x in zip(e.offices, named)) + e.offices[len(named):]
    n = len(offices)
    contacts = tuple(replace(c, name=o.name, hours=o.hours) for c, o in zip(s.contacts[:n], offices)) + s.contacts[n:]
    office = replace(s.local_office, name=offices[0].name, hours=offices[0].hours)
    return replace(content, edition=replace(e, offices=offices), settings=replace(s, contacts=contacts, local_office=office))
