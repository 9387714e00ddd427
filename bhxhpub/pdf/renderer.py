"""Temporary adapter of the PDF leaflets to the Output interface (replaced by the split PDF package)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..render.base import Download, Downloads, LocaleView, Page, RenderSettings
from . import render


class PdfRenderer:
    name = "leaflet-pdf"

    def __init__(self, settings: RenderSettings):
        self.settings = settings

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        leaflets = view.content.leaflets
        if not view.is_default:
            leaflets = tuple(l for l in leaflets if view.states.get(("leaflet", l.id)) != "fallback")
        content = replace(view.content, leaflets=leaflets, ui=view.ui)
        files = render.render_leaflet_pdfs(content, self.settings.root, docs, locale=view.locale.id,
                                           source_date_epoch=self.settings.epoch)
        return [Download(item=f.leaflet, locale=f.locale, edition=f.edition, label=f.label, path=f.path,
                         page_width_mm=f.page_width_mm, page_height_mm=f.page_height_mm, pages=f.pages,
                         bytes=f.bytes, sha256=f.sha256, status=f.status) for f in files]

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        return []

    def finish(self, downloads: list[Download], docs: Path) -> None:
        files = [render.PdfFile(leaflet=d.item, locale=d.locale, edition=d.edition, label=d.label, path=d.path,
                                page_width_mm=d.page_width_mm, page_height_mm=d.page_height_mm, pages=d.pages,
                                bytes=d.bytes, sha256=d.sha256, status=d.status) for d in downloads]
        render.write_manifest(files, docs)
