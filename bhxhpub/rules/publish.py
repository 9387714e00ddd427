"""Which items a build publishes: everything (preview, drafts marked) or approved only (release)."""
from __future__ import annotations

from dataclasses import replace

from ..model.types import Content


def publishable(content: Content, release: bool) -> Content:
    if not release:
        return content
    ok = lambda item: not item.editorial.is_draft  # noqa: E731
    audiences = tuple(a for a in content.audiences if ok(a))
    aud_ids = {a.id for a in audiences}
    audiences = tuple(replace(a, parent=a.parent if a.parent in aud_ids else None) for a in audiences)
    leaflets = tuple(replace(l, audiences=tuple(x for x in l.audiences if x in aud_ids))
                     for l in content.leaflets if ok(l))
    leaf_ids = {l.id for l in leaflets}
    return replace(
        content,
        facts={k: f for k, f in content.facts.items() if ok(f)} | _needed_facts(content, leaflets),
        messages=tuple(m for m in content.messages if ok(m)),
        audiences=audiences,
        slogans=tuple(replace(s, audiences=tuple(x for x in s.audiences if x in aud_ids)) for s in content.slogans if ok(s)),
        leaflets=leaflets,
        qa=tuple(replace(q, leaflet=q.leaflet if q.leaflet in leaf_ids else None,
                         audiences=tuple(x for x in q.audiences if x in aud_ids)) for q in content.qa if ok(q)),
        periods=tuple(p for p in content.periods if ok(p)),
        broadcasts=tuple(b for b in content.broadcasts if ok(b)),
    )


def _needed_facts(content: Content, leaflets) -> dict:
    """Facts the computed contribution table needs stay available to the renderer
    (the release check in loader.py already refused approved texts that quote draft facts)."""
    from ..model.facts import TABLE_FACTS
    if any(s.table for l in leaflets for s in l.sections):
        return {k: content.facts[k] for k in TABLE_FACTS if k in content.facts}
    return {}
