"""The fixed words printed on the leaflets and shown in download lists, in the locale's words.

Every word comes from the interface strings of the locale being rendered (content/ui.yaml and
its translations, `LocaleView.ui`); there is no copy in Python. Most keys are "pdf.<name>";
four words the site already has (and translators already translate) are shared with it.
A key missing from ui.yaml is a BuildError naming it.
"""
from __future__ import annotations

from collections.abc import Mapping

from ...render.labels import PRINTED_WORDS, kind_key, ui_text
from .formats import Edition


def edition_label(ui: Mapping[str, str], edition: Edition) -> str:
    """How a download list names an edition, in the locale's words."""
    return ui_text(ui, edition.label_key)


def used_keys(kinds: tuple[str, ...] = ("to-roi", "to-gap")) -> list[str]:
    """Every interface string key the PDF output reads (for checks of content/ui.yaml)."""
    from .formats import all_editions
    return ([key for key, _ in PRINTED_WORDS.values()] + [kind_key(k) for k in kinds]
            + [e.label_key for e in all_editions()])
