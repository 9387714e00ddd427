"""The rules across items, on whatever content did load: references, figures, fact timelines,
broadcasts' audiences and periods, and for a release the rules of what may be published."""
from __future__ import annotations

from ..errors import Problems
from ..model.types import Content
from .checks import check_broadcasts, check_main_message, check_references, check_release


def check_content(content: Content, release: bool = False) -> Problems:
    """Every problem of the rules (an empty Problems when the content may be built)."""
    c = content
    p = Problems()
    check_references(p, c.facts, c.messages, c.audiences, c.slogans, c.leaflets, c.qa, c.periods, c.settings)
    check_broadcasts(p, c.broadcasts, c.audiences, c.periods, c.facts, c.messages, c.slogans)
    if release:
        check_release(p, c.facts, c.leaflets, c.qa, c.broadcasts)
        check_main_message(p, c.messages)
    return p
