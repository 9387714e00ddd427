"""Valid HTML on every page: two corrections to Material's markup, applied as each page is written.

The Nu Html Checker (vnu) finds two errors in Material 9's templates, which live in `base.html`
and `partials/toc.html` outside any block an override can replace:
- `autocomplete="off"` on the hidden checkbox toggles (`__drawer`, `__search`): the attribute is
  not allowed on checkboxes. It only stopped Firefox restoring the toggles' state, which no script
  of this site reads, so it is dropped.
- `<label for="__toc">` on pages outside the navigation (the translation report), where Material
  renders no `__toc` checkbox: the label then points at nothing, so it loses its `for`.
The plugin is added by `run_mkdocs`; the test runs vnu over every page of a full build.
"""
from __future__ import annotations

import re

from mkdocs.plugins import BasePlugin

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_TOC_LABEL = re.compile(r'(<label\b[^>]*?)\s+for="__toc"')


def valid_markup(html: str) -> str:
    """The page with Material's two invalid constructs corrected; anything else unchanged."""
    html = _CHECKBOX.sub(lambda m: m.group(0).replace(' autocomplete="off"', ""), html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    return html


class ValidMarkup(BasePlugin):
    """MkDocs plugin: `valid_markup` on every page's output."""

    def on_post_page(self, output: str, page, config) -> str:  # noqa: ARG002 - MkDocs' event signature
        return valid_markup(output)

    def on_post_template(self, output_content: str, template_name: str, config) -> str:  # noqa: ARG002 - 404.html
        return valid_markup(output_content)
