"""Escaping content for the Markdown pages we generate.

Content is untrusted: a slogan may contain "<script>", "[x](javascript:...)",
"{: onclick=...}" or "{{ }}". Every value printed into a page template is
escaped here (HTML entities + Markdown backslash escapes), unless the template
marks it as trusted markup with Markup().
"""
from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup

# Python-Markdown's escapable characters (plus | from the tables extension). Not "~": Python-Markdown
# does not unescape it, so "\~" would be shown with its backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
# In attribute values: characters that could end a raw HTML block (newlines), a YAML front-matter
# value (backslash, newline) or a Markdown link target (parentheses), written as character references.
_ATTR_EXTRA = str.maketrans({"\n": "&#10;", "\r": "&#13;", "\\": "&#92;", "(": "&#40;", ")": "&#41;"})
# Control characters (C0, C1), lone surrogates and non-characters: never text, and refused by YAML readers.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_INDENT = re.compile(r"\n[ \t]+")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_URL_UNSAFE = re.compile(r"[\s<>\"'`()\[\]{}|\\^]")
_SAFE_URL = re.compile(r"^(https?://|tel:|mailto:|/|\./|\.\./|[a-z0-9-]+/)", re.I)


def md_escape(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = _CONTROL.sub("", str(value))  # \x02/\x03 are Python-Markdown's own placeholders
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.strip():  # at the start of a line, indentation would make a code block (" " alone stays a space)
        text = text.lstrip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # keep paragraphs, never let an indented line become a code block
    return _INDENT.sub("\n", text).replace("\n", " ") if "\n\n" not in text else \
        "\n\n".join(_LINE_BREAK.sub(" ", para).strip() for para in text.split("\n\n"))


def html_attr(value: object) -> Markup:
    """Escape for an HTML attribute value inside raw HTML in a Markdown page.

    The result never contains a newline, a quote, a backslash or a parenthesis, so it also stays
    inside a double-quoted YAML front-matter value and inside a Markdown link target."""
    text = str(Markup.escape(_CONTROL.sub("", str(value))))
    return Markup(text.translate(_ATTR_EXTRA))


def safe_url(url: str) -> str:
    """Only http(s), tel, mailto and in-site relative paths survive; anything else becomes '#'."""
    url = str(url).strip()
    if _SAFE_URL.match(url) and not re.match(r"^\s*(javascript|data|vbscript|file):", url, re.I):
        # a ")" or a space would end the Markdown link early and let the rest become markup
        return _URL_UNSAFE.sub(lambda m: quote(m.group(), safe=""), url)
    return "#"
