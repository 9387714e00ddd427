"""No two files of a build land on one path: the second would replace the first without a word."""
from __future__ import annotations

import pytest

from bhxhpub.errors import BuildError
from bhxhpub.pipeline.run import check_unique_paths
from bhxhpub.render.base import Download


def _file(item: str, edition: str, path: str) -> Download:
    return Download(item=item, locale="vi", edition=edition, label="", path=path, page_width_mm=148, page_height_mm=210,
                    pages=2, bytes=1, sha256="", status="draft")


def test_two_files_at_one_path_stop_the_build_naming_both():
    a = _file("to-roi", "a5-xa-van-lang", "pdf/vi/to-roi-a5-xa-van-lang.pdf")
    b = _file("to-roi", "a5-xa-van-lang", "pdf/vi/to-roi-a5-xa-van-lang.pdf")
    with pytest.raises(BuildError) as err:
        check_unique_paths([a, _file("khac", "a5", "pdf/vi/khac-a5.pdf"), b])
    assert "pdf/vi/to-roi-a5-xa-van-lang.pdf" in str(err.value) and str(err.value).count("“to-roi”") == 2


def test_distinct_paths_pass():
    check_unique_paths([_file("a", "a5", "pdf/vi/a.pdf"), _file("a", "a5", "en/pdf/en/a.pdf")])
