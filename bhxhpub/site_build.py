"""Write one locale's Markdown tree + a standard mkdocs.yml, then run MkDocs on it.

The tree under <work>/<locale>/ (docs/ + mkdocs.yml) is plain Markdown and a
standard config, so it can be rebuilt by `mkdocs build -f` (or Zensical) alone.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import yaml

from .errors import BuildError
from .model import Content, Locale
from .search_index import build_index
from .site_pages import Page, nav
from .webfonts import write_webfonts


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def write_tree(root: Path, work: Path, pages: list[Page], content: Content, locale: Locale,
               site_dir: Path, prefix: str, preview: bool, alternates: list[dict]) -> Path:
    """Write docs/ and mkdocs.yml for one locale under work/; return the config path."""
    docs = work / "docs"
    for p in pages:
        target = docs / p.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(p.text, encoding="utf-8")
    assets = docs / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    s = content.settings
    logo_src = (root / s.logo).resolve()
    if not logo_src.is_relative_to(root.resolve()) or not logo_src.is_file():
        raise BuildError(f"Không tìm thấy tệp biểu tượng “{s.logo}” (content/settings.yaml, organisation.logo).")
    shutil.copyfile(logo_src, assets / ("logo" + logo_src.suffix))
    for name in ("site.css", "search.js"):
        shutil.copyfile(root / "theme" / "assets" / name, assets / name)
    (assets / "fonts.css").write_text(write_webfonts(root, assets), encoding="utf-8")
    (assets / "search-index.json").write_text(build_index(pages, s, "../"), encoding="utf-8")

    base = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    base["site_name"] = s.site_title
    base["site_description"] = s.site_description
    base["site_url"] = s.base_url + prefix
    base["docs_dir"] = "docs"
    base["site_dir"] = str(site_dir)
    base["nav"] = nav(pages)
    base["copyright"] = f"{s.org_name} · Tổng đài hỗ trợ {s.hotline.phone}"
    theme = base["theme"]
    theme["custom_dir"] = str(root / "theme" / "overrides")
    theme["language"] = locale.id if locale.id in ("vi", "en") else "vi"
    theme["logo"] = theme["favicon"] = "assets/logo" + logo_src.suffix
    base["extra"] = {"preview": preview, "search_url": "tim-kiem/", "hreflang": alternates,
                     "generator": False}
    if len(alternates) > 2:
        base["extra"]["alternate"] = [{"name": a["name"], "link": a["href"], "lang": a["lang"]}
                                      for a in alternates if a["lang"] != "x-default"]
    cfg = work / "mkdocs.yml"
    cfg.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return cfg


def run_mkdocs(cfg: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    handler = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    try:
        config = load_config(str(cfg))
        build(config)
    except (Abort, ConfigurationError) as exc:
        details = "; ".join(handler.messages[-5:]) or str(exc)
        raise BuildError(f"MkDocs không dựng được trang ({cfg.parent.name}): {details}") from exc
    finally:
        log.removeHandler(handler)
