"""Material's template list, kept between builds, is Jinja's own list: fresh, and read back."""
from __future__ import annotations

import json

from mkdocs.theme import Theme

from bhxhpub.channels.web import mkdocs_tree


def _mkdocs_filter(name: str) -> bool:  # the filter MkDocs' add_files_from_theme gives list_templates
    return not any(part.startswith(".") for part in name.split("/")) and not name.endswith(".py")


def test_the_kept_listing_is_jinjas_listing(tmp_path, monkeypatch):
    env = Theme(name="material").get_env()
    expected = [n for n in env.list_templates() if _mkdocs_filter(n)]
    every = env.list_templates()
    monkeypatch.setattr(mkdocs_tree, "_LISTED", {})
    assert mkdocs_tree._theme_templates(env, filter_func=_mkdocs_filter, store=tmp_path) == expected
    kept = list(tmp_path.glob("listing-*.json"))
    assert len(kept) == len(env.loader.searchpath)  # Material's folders (installed: kept)

    monkeypatch.setattr(mkdocs_tree, "_LISTED", {})  # a new process: read back from the store
    assert mkdocs_tree._theme_templates(env, filter_func=_mkdocs_filter, store=tmp_path) == expected
    assert mkdocs_tree._theme_templates(env, store=tmp_path) == every

    kept[0].write_text(json.dumps([["damaged"], 3]), encoding="utf-8")  # a damaged store is listed afresh
    monkeypatch.setattr(mkdocs_tree, "_LISTED", {})
    assert mkdocs_tree._theme_templates(env, filter_func=_mkdocs_filter, store=tmp_path) == expected
