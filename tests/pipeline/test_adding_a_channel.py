"""The recipe of docs/ARCHITECTURE.md, "Adding a channel", followed by a test: a toy channel is one
folder (its text logic, its rules, its renderer) plus one line in the list of outputs, and the
pipeline gives it its rules' place in the one list of problems, its files and its pages."""
from __future__ import annotations

import importlib
import sys
import textwrap

import pytest

from bhxhpub.errors import ContentError
from bhxhpub.pipeline import outputs, plan
from tests.support import BUILD_EPOCH, copy_project

TOY = '''
    """A toy channel: one text file per locale counting the slogans, and a page listing them."""
    from pathlib import Path

    from bhxhpub.errors import Problem
    from bhxhpub.pdf.writer import write_file
    from bhxhpub.render.base import Checks, Download, Page

    LIMIT = 10_000  # the toy's own rule: a slogan longer than this cannot be shouted


    class ToyOutput:
        name = "toy"

        @staticmethod
        def check(given):
            long = [s for s in given.content.slogans if len(s.text) > LIMIT]
            return Checks(errors=tuple(Problem(s.where.file, s.where.line, s.where.column,
                                               f"Khẩu hiệu “{s.id}” quá dài để hô.", "Rút gọn.") for s in long))

        def __init__(self, settings):
            self.settings = settings

        def render(self, view, docs):
            data = f"{len(view.content.slogans)} slogans\\n".encode()
            write_file(Path(docs) / "toy" / f"{view.locale.id}.txt", data)
            return [Download(item="toy", locale=view.locale.id, edition="txt", label="toy", path=f"toy/{view.locale.id}.txt",
                             page_width_mm=0, page_height_mm=0, pages=0, bytes=len(data), sha256="", status="approved",
                             kind="toy")]

        def pages(self, view, downloads):
            lines = "\\n".join(f"- {s.text}" for s in view.content.slogans)
            return [Page("toy/index.md", "Toy", f"# Toy\\n\\n{lines}\\n", "toy")]

        def finish(self, downloads, docs):
            pass
'''


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """The toy channel's folder (outside the package, as a new folder would be), and its line in the list."""
    folder = tmp_path / "channels" / "toy"
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    (folder / "output.py").write_text(textwrap.dedent(TOY))
    monkeypatch.syspath_prepend(str(tmp_path / "channels"))
    module = importlib.import_module("toy.output")
    monkeypatch.setattr(outputs, "OUTPUTS", (*outputs.OUTPUTS, module.ToyOutput))
    yield module
    sys.modules.pop("toy.output", None)
    sys.modules.pop("toy", None)


def test_a_channels_own_rule_joins_the_one_list(toy, tmp_path, monkeypatch):
    proj = copy_project(tmp_path / "p")
    monkeypatch.setattr(toy, "LIMIT", 20)
    with pytest.raises(ContentError) as exc:
        plan.validate(proj)
    found = [p for p in exc.value.problems.items if "quá dài để hô" in p.message]
    assert found and all(p.file.startswith("slogans/") and p.line > 0 for p in found)


@pytest.mark.build
def test_a_toy_channel_builds_its_files_and_pages(toy, tmp_path, monkeypatch, good):
    from bhxhpub.pipeline.run import build
    proj = copy_project(tmp_path / "p", outputs_from=good)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    result = build(proj, out=tmp_path / "site")
    assert (tmp_path / "site" / "toy" / "vi.txt").read_text().endswith("slogans\n")
    assert (tmp_path / "site" / "en" / "toy" / "en.txt").is_file()
    page = (tmp_path / "site" / "toy" / "index.html").read_text(encoding="utf-8")
    assert "Chủ động tham gia" in page or "<li>" in page
    assert any(d.kind == "toy" for d in result.pdfs)
