"""A local edition's leaflets for each of its communes: the shared pages laid out once, each
commune's panel stamped onto them.

For every leaflet, locale and edition (A5, 2-up, print shop; tri-fold, print shop) the shared
pages are laid out once with an empty slot (formats.PANEL_SLOTS); every commune's panel
(panels.py: its agents, its office, a QR code to its entry on the site) is laid out once per
locale, layout and ink; pdf/stamp.py draws each panel into the slots. So a commune costs a few
milliseconds per file instead of a layout, and files are cached by what they are made of:

    shared pages    key: the leaflet's inputs (as PdfRenderer's) + the slot     .cache/outputs/commune-base
    their 2-up      key: SHA-256 of the shared pages, the edition's label        .cache/outputs/commune-2up
    a panel         key: the commune's panel text, layout, ink, locale          .cache/outputs/commune-panel
    a commune file  key: SHA-256 of its shared pages and of its panel           .cache/outputs/commune-pdf

One agent changed: that commune's panels are laid out again and its files stamped again; every
other file comes from the cache. A leaflet's text changed: its shared pages are laid out again
once and every commune re-stamped, the panels coming from the cache.

The work of a locale is split in parts, one per layout and ink (`parts`), which the pipeline runs
in parallel. Files: pdf/<locale>/xa/<commune-id>/<leaflet-id>-<edition>.pdf, Downloads of kind
"leaflet-commune" carrying the commune's id (manifest, the "Đóng BHXH, BHYT ở đâu?" page). They are
`direct`: the pipeline puts them into the site after MkDocs (a province's 2,000 files need not be
hashed and copied by it), each a hard link to its cache entry, and pages link them with raw hrefs.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import replace
from pathlib import Path

from ...errors import BuildError
from ...model.types import Leaflet
from ...pdf.boxes import find
from ...pdf.preflight import preflight, preflight_message
from ...pdf.stamp import Panel, Slot, Stamper, slot_from_box
from ...pdf.writer import write_file
from ...render.base import Download, Downloads, LocaleView, Page, Rendered, RenderSettings
from ...render.cache import input_key
from ...render.text import prepare_text
from .context import leaflet_context
from .errors import TranslationOverflow, too_large_error
from .formats import EDITIONS, MAX_BYTES, Edition
from .impose import copy_offsets, impose_2up
from .labels import edition_label
from .layout import LeafletLayouts
from .output import PdfRenderer
from .panels import PanelPrinter, overflow_error, panel_key_parts, panel_text, panel_words
from .writer import write_pdf

LOG = logging.getLogger(__name__)
KIND = "leaflet-commune"


def commune_path(locale: str, commune: str, leaflet: str, edition: str) -> str:
    """Where a commune's copy of a leaflet goes (relative to the locale's site folder)."""
    return f"pdf/{locale}/xa/{commune}/{leaflet}-{edition}.pdf"


class CommuneLeafletsOutput:
    """Every leaflet of a local edition for each commune it prints (`--commune all`, print_communes)."""

    name = "commune-leaflets"
    reuse_in_preview = True  # the live preview's quick pass keeps the last build's files
    direct = True  # its files go into the site as they are (hard links to the cache), not through MkDocs

    def __init__(self, settings: RenderSettings):
        self.settings = settings
        self.leaflets = PdfRenderer(settings)
        self.bases = settings.cache("commune-base")
        self.sheets = settings.cache("commune-2up")  # the 2-up sheets of shared pages
        self.panels = settings.cache("commune-panel")
        self.files = settings.cache("commune-pdf")
        self.passed = settings.cache("commune-preflight")  # shared files whose stamped copy passed the preflight

    # ----------------------------------------------------------------------------------------
    # Output protocol

    @staticmethod
    def jobs(view: LocaleView) -> list[tuple[str, bool]]:
        """(layout, print shop) of the editions made in this locale, one part each."""
        if not view.content.print_communes:
            return []
        found = {(e.layout, e.shop) for l in PdfRenderer.printable(view) for f in l.formats for e in EDITIONS.get(f, ())}
        return sorted(found)

    def parts(self, view: LocaleView) -> int:
        """How many independent tasks this locale's files are (the pipeline runs them in parallel)."""
        return len(self.jobs(view))

    def render(self, view: LocaleView, docs: Path, part: int = 0) -> list[Download]:
        """One part of the locale's commune files: one layout and ink, every leaflet, every commune."""
        layout, shop = self.jobs(view)[part]
        content = view.content
        communes = content.print_communes
        leaflets = [l for l in sorted(PdfRenderer.printable(view), key=lambda l: l.id) if layout in l.formats]
        panels = self.render_panels(view, layout, shop)
        read: dict[str, Panel] = {}  # each panel parsed once for all the files it goes into
        made: set[Path] = set()  # folders made for the files (a province: a folder per commune)
        out: list[Download] = []
        warnings = []
        for leaflet in leaflets:
            base_edition = next(e for e in EDITIONS[layout] if e.shop == shop and e.impose is None)
            try:
                data, slot = self.render_base(view, leaflet, base_edition)
            except TranslationOverflow as too_long:  # as for the leaflet's own files (output.py)
                if self.settings.release:
                    raise
                warnings.append(too_long.problem)
                continue
            shared = [(base_edition, data, (slot,))]
            for imposed in (e for e in EDITIONS[layout] if e.impose == "2up" and not shop):
                left, right = copy_offsets()  # the first copy is read, the second is an Artifact (impose.py)
                shared.append((imposed, self.impose(data, imposed, edition_label(view.ui, imposed)),
                               (slot.moved(dx=left), slot.moved(dx=right, artifact=True))))
            for edition, base, slots in shared:
                stamper = Stamper(base, slots)
                base_sha = hashlib.sha256(base).hexdigest()
                # the stamp changes no rule of the preflight: one stamped file per shared file is checked,
                # once (the cache remembers a shared file that passed)
                passed = input_key("commune-preflight", base_sha) if self.passed else None
                checked = not edition.shop or (passed is not None and self.passed.get(passed) is not None)
                for commune in communes:
                    panel = panels[commune.id]
                    path = commune_path(view.locale.id, commune.id, leaflet.id, edition.id)
                    key = input_key("commune-pdf", base_sha, hashlib.sha256(panel).hexdigest(), [vars(s) for s in slots])
                    cached = self.files.get_file(key) if self.files else None
                    if cached is None:
                        if commune.id not in read:
                            read[commune.id] = Panel(panel)
                        pdf = stamper.stamp(read[commune.id])
                        if not checked:
                            self.preflight(pdf, view.locale.id, commune.id, leaflet.id, edition.id)
                            checked = True
                            if passed is not None:
                                self.passed.put(passed, b"passed")
                        if len(pdf) >= MAX_BYTES:
                            raise too_large_error(leaflet, edition, len(pdf))
                    size, digest = place(Path(docs) / path, cached, pdf if cached is None else None, self.files, key, made)
                    out.append(Download(
                        item=leaflet.id, locale=view.locale.id, edition=edition.id,
                        label=f"{edition_label(view.ui, edition)} – {commune.name}", path=path,
                        page_width_mm=float(edition.width_mm), page_height_mm=float(edition.height_mm), pages=edition.pages,
                        bytes=size, sha256=digest, status=leaflet.editorial.status,
                        kind=KIND, commune=commune.id, direct=True, fresh=cached is None))
        LOG.info("Tờ rơi từng xã (%s, %s%s): %d tệp, %d dựng mới", view.locale.id, layout, ", nhà in" if shop else "",
                 len(out), sum(d.fresh for d in out))
        return Rendered(out, warnings)

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        """No pages of its own: the site's "Đóng BHXH, BHYT ở đâu?" page lists each commune's files."""
        return []

    def finish(self, downloads: list[Download], docs: Path) -> None:
        """Nothing: the leaflet output's manifest lists these files too."""

    # ----------------------------------------------------------------------------------------
    # Shared pages

    def render_base(self, view: LocaleView, leaflet: Leaflet, edition: Edition) -> tuple[bytes, Slot]:
        """The leaflet's pages with the empty slot, and where the slot is (cached by the inputs)."""
        content = view.content
        main = next((m.text for m in content.messages if m.main), "")
        # the project's folder is not part of the key: what WeasyPrint reads from it is in the theme's hash
        key = input_key("commune-base", edition.id, leaflet, view.locale, dict(view.ui), content.settings, content.facts,
                        main, self.settings.epoch, self.leaflets.theme_hash) if self.bases else None
        cached = self.bases.get(key) if key else None
        if cached is not None:
            head, _, data = cached.partition(b"\n")
            return data, Slot(**json.loads(head))
        renderer = self.leaflets
        layouts = LeafletLayouts()
        layouts.context = dict(leaflet_context(content, leaflet, view.locale, view.ui, self.settings.root, self.settings.epoch),
                               slotted=True)
        copy = replace(edition, format_name=f"{edition.format_name}, bản riêng từng xã")
        document = renderer.lay_out(view, leaflet, copy, layouts)
        slot = find_slot(document)
        families = renderer.resources.families(view.locale)
        data = write_pdf(document, edition, leaflet, families, self.settings.epoch,
                         identity=f"leaflet/{view.locale.id}/{leaflet.id}/{edition.id}/xa", theme=renderer.resources.theme)
        if key:
            self.bases.put(key, json.dumps(vars(slot), sort_keys=True).encode() + b"\n" + data)
        return data, slot

    def impose(self, data: bytes, edition: Edition, label: str) -> bytes:
        """The 2-up sheet of shared pages (cached by the pages and the label: 0.01 s each)."""
        key = input_key("commune-2up", hashlib.sha256(data).hexdigest(), edition.id, label) if self.sheets else None
        cached = self.sheets.get(key) if key else None
        if cached is None:
            cached = impose_2up(data, edition.id, label)
            if key:
                self.sheets.put(key, cached)
        return cached

    # ----------------------------------------------------------------------------------------
    # Panels

    def render_panels(self, view: LocaleView, layout: str, shop: bool) -> dict[str, bytes]:
        """Every commune's panel as a one-page PDF (from the cache, or laid out now, together).
        BuildError naming every commune whose panel does not fit."""
        content = view.content
        edition = content.edition
        words = panel_words(view.ui)
        script = view.locale.script
        families = self.leaflets.resources.families(view.locale)
        hotline = content.settings.hotline.phone
        texts = [panel_text(edition, c, words, content.settings.base_url, view.prefix, script) for c in content.print_communes]
        keys = {t.id: input_key(*panel_key_parts(t, layout, shop, view.locale.lang, families, words, hotline),
                                self.leaflets.theme_hash) for t in texts}
        found = {t.id: self.panels.get(keys[t.id]) for t in texts} if self.panels else {}
        missing = [t for t in texts if found.get(t.id) is None]
        if missing:
            printer = PanelPrinter(self.leaflets.resources, view.locale.lang, script, families, layout, shop,
                                   {k: prepare_text(v, script) for k, v in words.items()}, hotline,
                                   prepare_text(content.settings.site_title, script))
            rendered, overflows = printer.render(missing)
            if overflows:
                names = {c.id: c.name for c in content.print_communes}
                raise overflow_error(layout, shop, overflows, names, edition.where.file if edition.where else "edition.yaml")
            for t in missing:
                found[t.id] = rendered[t.id]
                if self.panels:
                    self.panels.put(keys[t.id], rendered[t.id])
        return found

    def preflight(self, pdf: bytes, locale: str, commune: str, leaflet: str, edition: str) -> None:
        findings = preflight(pdf)
        if findings:
            raise BuildError(preflight_message(commune_path(locale, commune, leaflet, edition), findings))


def place(target: Path, cached, pdf: bytes | None, cache, key: str, made: set[Path] | None = None) -> tuple[int, str]:
    """Put a commune file where the build wants it: a hard link to the cache's copy (no bytes
    written: a province has 2,000 of them), else the bytes themselves. Returns (size, SHA-256).
    `made`: the folders already made by this task."""
    import os
    import shutil
    if made is None or target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        if made is not None:
            made.add(target.parent)
    if cached is None and cache is not None:
        cached = cache.put_file(key, pdf)
    if cached is None:
        write_file(target, pdf)
        return len(pdf), hashlib.sha256(pdf).hexdigest()
    source, digest = cached
    try:
        os.link(source, target)
    except OSError:  # another file system (a cache elsewhere): copy
        shutil.copyfile(source, target)
    return target.stat().st_size, digest


def find_slot(document) -> Slot:
    """The empty slot of the shared pages (data-role="panel-slot"), in PDF points."""
    for number, page in enumerate(document.pages):
        for box in find(page._page_box, "data-role", "panel-slot"):
            return slot_from_box(box, number, page.height)
    raise BuildError("Mẫu tờ rơi thiếu chỗ cho phần riêng của xã (data-role=panel-slot).")  # pragma: no cover
