"""Property-based tests: whatever bytes or YAML an editor (or an attacker) writes, the loader
answers with a model or a ContentError listing Vietnamese problems, never a traceback; and any
text printed into a page by the escaping helpers stays text.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bhxhpub.errors import ContentError, Problems
from bhxhpub.model import loader
from bhxhpub.model import types as M
from bhxhpub.model.fields import spec_of
from bhxhpub.model.schema import FileCheck, check_map
from bhxhpub.model.yamlread import read_yaml
from bhxhpub.render.mdtext import _CONTROL, html_attr, md_escape, safe_url
from tests.support import ROOT, copy_project

FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=30, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

CONTENT_FILES = sorted(
    p.relative_to(ROOT).as_posix()
    for folder in ("content", "slogans", "leaflets") for p in (ROOT / folder).glob("*.yaml"))

# characters that mean something to YAML, Markdown, HTML, Jinja or the terminal
NASTY = [":", ": ", "-", "- ", "\t", "  ", "\n", "\r\n", '"', "'", "&", "*", "!", "!!", "|", ">", "%", "@", "`",
         "#", "[", "]", "{", "}", ",", "?", "~", "\\", "\x00", "\x07", "\x1b", "\ufeff", "\u200b", "\u202e",
         "\ud800", "\u0301", "{{ 7*7 }}", "{% raw %}", "<script>", "javascript:", "&a ", "*a", "!!python/object:os.system",
         "---", "...", "<<: ", "null", "0x1F", "1e400", ".nan", "1:30", "yes", "2026-02-30", "[[", "]]", "[[khong-co]]",
         "Ð", "B¶o hiÓm", "Baûo hieåm", "\u00ad", "𝔹", "ệ"]


def _utf8(s: str) -> bytes:
    return s.encode("utf-8", errors="surrogatepass")


# --- the YAML reader alone: fast, many examples -------------------------------------------------------

@FAST
@given(st.text())
def test_read_yaml_text_never_raises(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "prop-text.yaml"
    path.write_bytes(_utf8(text))
    problems = Problems()
    node = read_yaml(path, "x.yaml", problems)
    assert (node is None) == (not problems.ok) or node is not None
    for p in problems.items:
        assert p.file == "x.yaml" and p.message and isinstance(p.line, int)


@FAST
@given(st.binary(max_size=4000))
def test_read_yaml_bytes_never_raise(tmp_path_factory, raw):
    path = tmp_path_factory.getbasetemp() / "prop-bytes.yaml"
    path.write_bytes(raw)
    problems = Problems()
    read_yaml(path, "x.yaml", problems)
    _printable(problems.items)


@FAST
@given(st.lists(st.sampled_from(NASTY) | st.text(max_size=8), max_size=40))
def test_read_yaml_on_soup_of_special_characters(tmp_path_factory, parts):
    path = tmp_path_factory.getbasetemp() / "prop-soup.yaml"
    path.write_bytes(_utf8("messages:\n  - id: x\n    text: " + "".join(parts) + "\n"))
    problems = Problems()
    node = read_yaml(path, "x.yaml", problems)
    if node is None:
        assert not problems.ok
        lines = len(re.findall("\r\n|[\n\r\x85\u2028\u2029]", "".join(parts))) + 4  # YAML's line breaks
        assert all(0 <= p.line <= lines for p in problems.items)
    _printable(problems.items)


# --- schema checks on generated structures --------------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.dates(), st.sampled_from(NASTY))
keys = st.one_of(st.sampled_from(["id", "text", "main", "source", "status", "reviewed", "audiences", "value", "unit",
                                  "parent", "sections", "question", "answer", "bullets", "kind", "formats", "phone",
                                  "url", "logo", "incomes", "locales", "organisation", "site", "hotline"]),
                 st.text(max_size=10))
structures = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
                          max_leaves=30)
SPECS = {"settings": spec_of(M.Settings), "fact": spec_of(M.Fact), "message": spec_of(M.Message),
         "audience": spec_of(M.Audience), "slogan": spec_of(M.Slogan), "leaflet": spec_of(M.Leaflet), "qa": spec_of(M.QA),
         "period": spec_of(M.Period)}


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SPECS)), st.dictionaries(keys, structures, max_size=12))
def test_schema_never_raises_on_generated_mappings(tmp_path_factory, which, data):
    path = tmp_path_factory.getbasetemp() / "prop-schema.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True) if data else "{}\n", encoding="utf-8")
    problems = Problems()
    node = read_yaml(path, "x.yaml", problems)
    if node is not None:
        check_map(node, SPECS[which], FileCheck("x.yaml", problems), which)
    _printable(problems.items)


# --- the whole loader on a project copy with one file replaced or mutated --------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("prop") / "proj")


def _printable(problems) -> None:
    """Every problem prints as plain text: no control character reaches the editor's terminal
    (an escape sequence in a key or a value could rewrite what the terminal shows)."""
    for p in problems:
        assert p.file and p.message
        text = p.format().replace("\n", " ")
        assert not _CONTROL.search(text) and "\x1b" not in text, repr(text)


def _load_with(project: Path, rel: str, data: bytes) -> None:
    path = project / rel
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        loader.load(project)
    except ContentError as exc:
        _printable(exc.problems.items)
    finally:
        path.write_bytes(original)


mutation = st.tuples(st.sampled_from(["insert", "delete", "replace", "dup-line", "drop-line", "indent", "dedent", "swap"]),
                     st.integers(min_value=0), st.sampled_from(NASTY) | st.text(max_size=6))


def _mutate(text: str, muts) -> str:
    for op, at, piece in muts:
        lines = text.split("\n")
        if op in ("insert", "delete", "replace"):
            i = at % (len(text) + 1)
            if op == "insert":
                text = text[:i] + piece + text[i:]
            elif op == "delete":
                text = text[:i] + text[i + len(piece) + 1:]
            else:
                text = text[:i] + piece + text[i + len(piece):]
            continue
        j = at % len(lines)
        if op == "dup-line":
            lines.insert(j, lines[j])
        elif op == "drop-line":
            del lines[j]
        elif op == "indent":
            lines[j] = "  " + lines[j]
        elif op == "dedent":
            lines[j] = lines[j][2:] if lines[j].startswith("  ") else lines[j]
        elif op == "swap" and len(lines) > 1:
            k = (j + 1) % len(lines)
            lines[j], lines[k] = lines[k], lines[j]
        text = "\n".join(lines)
    return text


@pytest.mark.slow
@SLOW
@given(rel=st.sampled_from(CONTENT_FILES), muts=st.lists(mutation, min_size=1, max_size=5))
def test_loader_on_mutated_real_content_gives_model_or_content_error(project, rel, muts):
    text = (ROOT / rel).read_text(encoding="utf-8")
    _load_with(project, rel, _utf8(_mutate(text, muts)))


@pytest.mark.slow
@SLOW
@given(rel=st.sampled_from(CONTENT_FILES), data=structures)
def test_loader_on_generated_yaml_gives_model_or_content_error(project, rel, data):
    _load_with(project, rel, yaml.safe_dump(data, allow_unicode=True).encode())


@pytest.mark.slow
@SLOW
@given(rel=st.sampled_from(CONTENT_FILES), which=st.integers(min_value=0),
       value=st.sampled_from(NASTY) | st.text(max_size=40))
def test_loader_with_any_value_in_any_field(project, rel, which, value):
    """Every `key: value` line of a real file, one at a time, gets a generated value."""
    text = (ROOT / rel).read_text(encoding="utf-8")
    fields = [m.start(2) for m in re.finditer(r"^( *(?:- )?[a-z_]+: )(.+)$", text, flags=re.M)]
    assume(fields)
    at = fields[which % len(fields)]
    end = text.index("\n", at)
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    _load_with(project, rel, _utf8(text[:at] + quoted + text[end:]))


# --- escaping: whatever the text, it stays text in the page -------------------------------------------------

MD = dict(extensions=["attr_list", "md_in_html", "tables", "toc"])
text_with_markup = st.lists(st.sampled_from(NASTY + ["<b>", "</p>", "<!--", "[x](javascript:alert(1))", "![i](x)",
                                                     "{: onclick=alert(1) }", "*em*", "_u_", "1. ", "# ", "> ",
                                                     "| a |", "&amp;", "&#60;", "<https://a.vn>", "    code"])
                            | st.text(max_size=6), max_size=25).map("".join)


@FAST
@given(text_with_markup)
def test_md_escape_renders_as_the_same_plain_text(text):
    out = markdown.markdown(md_escape(text), **MD)
    text = _CONTROL.sub("", text)  # control characters are dropped
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", out))
    assert tags <= {"p"}, (text, out)
    assert "javascript:" not in re.sub(r">[^<]*<", "><", out)  # never inside a tag
    shown = html.unescape(re.sub(r"<[^>]+>", "", out))
    assert " ".join(shown.split()) == " ".join(text.replace("\r", " ").split()), (text, out)


@FAST
@given(text_with_markup)
def test_html_attr_stays_inside_any_attribute_front_matter_or_link(text):
    out = str(html_attr(text))
    assert not set(out) & set("<>\"'\n\r\\()")
    assert html.unescape(out) == _CONTROL.sub("", text)
    # inside a double-quoted YAML front-matter value it reads back as one string
    assert isinstance(yaml.safe_load(f'title: "{out}"')["title"], str)


@FAST
@given(st.sampled_from(["https://a.vn/", "http://a.vn/x?", "tel:", "mailto:", "../", "to-roi/", "javascript:",
                        "JaVaScRiPt:", " javascript:", "data:", "file://", "vbscript:", "//evil.example/"]),
       text_with_markup)
def test_safe_url_never_lets_a_link_break_out(prefix, rest):
    url = safe_url(prefix + rest)
    assert not set(url) & set(" \n\t<>\"'()[]`")
    out = markdown.markdown(f"[x]({url})", **MD)
    hrefs = re.findall(r'href="([^"]*)"', out)
    assert len(hrefs) <= 1
    for h in hrefs:
        assert not re.match(r"\s*(javascript|data|vbscript|file):", html.unescape(h), re.I)
