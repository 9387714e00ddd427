"""Incremental builds give the same bytes as clean builds, and redo only what an edit touches.

The property test applies random sequences of edits (a leaflet's text, a new or removed Q&A,
an English translation, a site template, a PDF stylesheet, a fact's value) to a project copy and
after each edit compares the incremental build of site/ with a clean build (no cache) file by file.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bhxhpub.pipeline.run import build
from tests.support import BUILD_EPOCH, copy_project

pytestmark = pytest.mark.build

LEAFLET = "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml"


def tree(path: Path) -> dict[str, str]:
    return {p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def _two_locales(proj: Path) -> Path:
    """vi and en only, to keep each pair of builds short."""
    settings_file = proj / "content" / "settings.yaml"
    text = settings_file.read_text(encoding="utf-8")
    settings_file.write_text(re.sub(r"\n  - id: (?!vi\n|en\n)[a-z]+\n(    .*\n)+", "\n", text), encoding="utf-8")
    for f in proj.rglob("*.*.yaml"):
        if not f.name.endswith(".en.yaml"):
            f.unlink()
    return proj


def _replace(proj: Path, rel: str, old: str, new: str) -> None:
    path = proj / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_leaflet_text(proj: Path, n: int) -> None:
    _replace(proj, LEAFLET, "question: ", f"question: Hỏi {n} – ")


def add_question(proj: Path, n: int) -> None:
    with open(proj / "content" / "qa.yaml", "a", encoding="utf-8") as f:
        f.write(f"\n  - id: cau-hoi-them-{n}\n    question: Câu hỏi thêm số {n}?\n    answer: Gọi tổng đài.\n"
                "    status: draft\n    reviewed: 2026-11-21\n")


def remove_question(proj: Path, n: int) -> None:
    path = proj / "content" / "qa.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\n  - id: cau-hoi-them-\d+\n(    .*\n)+", "\n", text, count=1), encoding="utf-8")


def edit_translation(proj: Path, n: int) -> None:
    _replace(proj, "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.en.yaml", "title: ", f"title: ({n}) ")


def edit_site_template(proj: Path, n: int) -> None:
    with open(proj / "theme" / "site" / "contacts.md.j2", "a", encoding="utf-8") as f:
        f.write(f"\nGhi chú {n}.\n")


def edit_pdf_stylesheet(proj: Path, n: int) -> None:
    with open(proj / "theme" / "pdf" / "leaflet.css", "a", encoding="utf-8") as f:
        f.write(f"\n/* {n} */ .cta {{ letter-spacing: {n % 3 / 100:.2f}em; }}\n")


def edit_fact_value(proj: Path, n: int) -> None:
    path = proj / "content" / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(id: ty-le-dong-bhxh-tu-nguyen\n(?:    .*\n)*?    value: )\d+", rf"\g<1>{20 + n % 5}", text, count=1)
    path.write_text(text, encoding="utf-8")


def edit_main_message(proj: Path, n: int) -> None:  # printed on every leaflet's cover
    _replace(proj, "content/messages.yaml", "main: true\n    text: ", f"main: true\n    text: ({n}) ")


EDITS = [edit_leaflet_text, add_question, remove_question, edit_translation, edit_site_template, edit_pdf_stylesheet,
         edit_fact_value, edit_main_message]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    os.environ.setdefault("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    proj = _two_locales(copy_project(tmp_path_factory.mktemp("inc") / "proj"))
    build(proj, out=proj / "site")  # fills the cache
    return proj


@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.generate],  # no shrinking: each example builds twice
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(EDITS), min_size=1, max_size=2), st.integers(min_value=1, max_value=999))
def test_incremental_build_equals_clean_build_after_random_edits(project, tmp_path_factory, edits, n):
    for i, edit in enumerate(edits):  # an incremental build after each edit: the cache goes through every state
        edit(project, n + i)
        build(project, out=project / "site")
    clean_dir = tmp_path_factory.mktemp("clean") / "site"  # and one clean build of where the edits ended
    build(project, out=clean_dir, use_cache=False)
    assert tree(project / "site") == tree(clean_dir), [e.__name__ for e in edits]


def test_a_one_word_leaflet_edit_renders_only_that_leaflets_pdfs(project):
    pdf_cache = project / ".cache" / "outputs" / "pdf"
    build(project, out=project / "site")
    before = {p.name for p in pdf_cache.rglob("*.bin")}
    _replace(project, LEAFLET, "title: ", "title: Mới – ")
    result = build(project, out=project / "site")
    new = {p.name for p in pdf_cache.rglob("*.bin")} - before
    mine = [d for d in result.pdfs if d.item == "vi-sao-khong-nen-nhan-bhxh-mot-lan" and d.locale == "vi" and d.kind == "leaflet"]
    # its three editions in Vietnamese and the one entry of their pictures, nothing else (English is its own text)
    assert len(mine) == 3 and len(new) == len(mine) + 1


def test_a_build_with_nothing_changed_touches_nothing(project):
    build(project, out=project / "site")
    before = {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*")}
    again = build(project, out=project / "site")
    assert again.unchanged and again.content is None
    assert {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*")} == before


def test_the_cache_serves_a_copy_of_the_project_in_another_folder(project, tmp_path):
    """Cache keys never hold the project's folder: a CI runner or a second checkout finds every entry."""
    build(project, out=project / "site")
    other = tmp_path / "checkout"
    shutil.copytree(project, other, symlinks=True,
                    ignore=lambda folder, names: {"site", ".build.lock"} & set(names) if Path(folder) == project else ())
    cache = other / ".cache" / "outputs"

    def entries() -> set:  # every cached output (MkDocs' last output per locale is a folder of its own)
        return {p.relative_to(cache) for p in cache.rglob("*") if p.is_file() and p.relative_to(cache).parts[0] != "mkdocs"}
    before = entries()
    result = build(other, out=other / "site")
    assert [d.path for d in result.pdfs if d.fresh] == [] and entries() == before
    assert tree(other / "site") == tree(project / "site")


def test_a_corrupt_cache_entry_is_rebuilt_not_published(project, tmp_path):
    build(project, out=project / "site")
    for entry in (project / ".cache" / "outputs").rglob("*.bin"):
        entry.write_bytes(entry.read_bytes()[:-40] + b"x" * 40)  # flipped bytes in every cached PDF
    for html in (project / ".cache" / "outputs" / "mkdocs").rglob("index.html"):
        html.write_text("<p>hỏng</p>", encoding="utf-8")  # and in the cached pages
    edit_site_template(project, 7)  # something to build
    build(project, out=project / "site")
    build(project, out=tmp_path / "clean", use_cache=False)
    assert tree(project / "site") == tree(tmp_path / "clean")
