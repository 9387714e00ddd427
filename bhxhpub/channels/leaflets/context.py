"""The values the leaflet templates (theme/pdf/*.html.j2) are rendered with.

`leaflet_context` turns one leaflet of the localized content into plain values: prepared texts
(NFC, fact tokens expanded, Khmer segmented), the contribution table, the fact sources, the
contacts, the QR address, the printed words of the locale and the build date.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...model.facts import contribution_table as compute_contribution_table
from ...model.facts import expand, facts_used, quoted_texts
from ...model.settings import Locale
from ...model.types import Content, Leaflet
from ...pdf import qr
from ...render.labels import kind_label, printed_labels
from ...render.text import contribution_table, date_vi, prepare_text, w3c_timestamp
from ...render.words import WordStore, display_text
from .formats import editions_for
from .labels import edition_label


def fact_sources(content: Content, leaflet: Leaflet, script: str) -> list[dict]:
    """The legal sources of the facts a leaflet uses, grouped by source, in the order the
    facts are first read (Leaflet.texts(), then the facts of the contribution table)."""
    used = facts_used(leaflet.texts(), content.facts)
    if any(s.table == "contribution" for s in leaflet.sections):
        used += [fact for fact in compute_contribution_table(content).facts if fact not in used]
    groups: dict[str, dict] = {}
    for fact in used:
        group = groups.setdefault(fact.source, {"source": prepare_text(fact.source, script), "labels": [], "draft": False})
        group["labels"].append(prepare_text(fact.label, script))
        group["draft"] = group["draft"] or fact.editorial.is_draft
    return list(groups.values())


def leaflet_context(content: Content, leaflet: Leaflet, locale: Locale, ui: Mapping[str, str], root: Path,
                    epoch: int, words: WordStore | None = None) -> dict:
    """Template values for one leaflet in one locale (the same for every edition). The title and the
    subtitle are display type: their words are bound (render/words.py; `words`: the segmenter's answers)."""
    settings = content.settings
    labels = printed_labels(ui)
    script = locale.script

    quoted = quoted_texts(content)

    def text(value: str) -> str:
        return prepare_text(expand(value or "", content.facts, locale.id, quoted), script)

    def display(value: str):
        return display_text(expand(value or "", content.facts, locale.id, quoted), locale.lang, script, words,
                            settings.display_words)

    url = qr.leaflet_url(settings, leaflet, locale.id)
    sections = [{
        "question": text(s.question), "answer": text(s.answer), "bullets": [text(b) for b in s.bullets],
        "table": contribution_table(content, locale.id, script, labels) if s.table == "contribution" else None,
    } for s in leaflet.sections]
    try:
        main = prepare_text(content.main_message.text, script)
    except StopIteration:
        main = ""
    return {
        "labels": labels, "lang": locale.lang, "locale": locale.id, "script": script,
        "leaflet_id": leaflet.id, "kind": leaflet.kind, "kind_label": kind_label(ui, leaflet.kind),
        "title": text(leaflet.title), "subtitle": text(leaflet.subtitle), "summary": text(leaflet.summary),
        "title_display": display(leaflet.title), "subtitle_display": display(leaflet.subtitle),
        "sections": sections, "cta": text(leaflet.call_to_action),
        "org_name": prepare_text(settings.org_name, script), "org_short": prepare_text(settings.org_short, script),
        # the loader checked settings.logo; the URL fetcher only serves it from theme/
        "logo": (root / settings.logo).resolve().as_uri() if settings.logo else None,
        "campaign_theme": prepare_text(settings.theme, script), "year": settings.year, "main_message": main,
        "hotline": {"name": prepare_text(settings.hotline.name, script), "phone": settings.hotline.phone,
                    "hours": prepare_text(settings.hotline.hours, script)},
        "office": {"name": prepare_text(settings.local_office.name, script), "phone": settings.local_office.phone,
                   "address": prepare_text(settings.local_office.address, script)},
        "url": url, "url_display": url.split("://", 1)[-1],
        "site_display": settings.base_url.split("://", 1)[-1].rstrip("/"),
        "sources": fact_sources(content, leaflet, script),
        "reviewed": date_vi(leaflet.editorial.reviewed), "draft": leaflet.editorial.is_draft,
        "created": w3c_timestamp(epoch),
        "edition_names": {e.id: edition_label(ui, e) for e in editions_for(leaflet)},  # the PDF's /Edition
    }
