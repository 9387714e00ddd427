"""The peers `make bench` measures this project against, on the same content (see scripts/bench.py).

Sites (the same generated Markdown pages):
- MkDocs 1.6 + Material 9 + mkdocs-static-i18n: one docs/<language>/ folder per locale (two-letter
  placeholder codes where a locale has none), what a team would otherwise configure by hand;
- Hugo (Debian's package) with a minimal layout: the ceiling, a compiled generator doing the least
  a site needs (no theme, no search index).

PDFs (the same final HTML our renderer lays out: text already fitted, a commune's panel inline):
- weak: one `weasyprint` command per PDF (what a shell script does);
- strong: one Python process calling WeasyPrint's API with one FontConfiguration per worker and a
  pool of 2 workers (scripts/peer_weasyprint.py), what a good engineer writes in an afternoon.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

PY = sys.executable
ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER_CODES = ["fr", "de", "es", "it", "pt", "nl", "pl", "sv"]  # static-i18n: two letters, known to Material
SLOT = '<div class="slot" data-role="panel-slot"></div>'
PANEL_INLINE = "<style>.slot .panel-page { break-before: auto; }</style>"


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# --- sites --------------------------------------------------------------------------------------------

def static_i18n_tree(tree: Path, peer: Path, views) -> None:
    """docs/<code>/ per locale from our generated Markdown, and a static-i18n mkdocs.yml."""
    import yaml
    spare = iter(PLACEHOLDER_CODES)
    codes = {v.locale.id: (v.locale.id if v.locale.id in ("vi", "en") else next(spare)) for v in views}
    for v in views:
        shutil.copytree(tree / v.locale.id / "docs", peer / "docs" / codes[v.locale.id])
    base = yaml.safe_load((tree / views[0].locale.id / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg = {
        "site_name": base["site_name"], "site_url": base["site_url"], "docs_dir": "docs", "site_dir": "site",
        "use_directory_urls": True, "theme": {"name": "material", "language": "vi", "font": False},
        "markdown_extensions": base["markdown_extensions"], "extra_css": ["assets/fonts.css", "assets/site.css"],
        "plugins": [{"i18n": {"docs_structure": "folder", "languages": [
            {"locale": codes[v.locale.id], "name": v.locale.native_name, "build": True, "default": v.is_default}
            for v in views]}}],
    }
    (peer / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")


def static_i18n_site(peer: Path) -> float:
    shutil.rmtree(peer / "site", ignore_errors=True)
    return timed(lambda: subprocess.run([PY, "-m", "mkdocs", "build", "-q", "-f", str(peer / "mkdocs.yml")], check=True,
                                        capture_output=True))


def hugo_available() -> bool:
    return shutil.which("hugo") is not None


def hugo_tree(tree: Path, peer: Path, views) -> None:
    """One Hugo content folder per locale from the same Markdown, with the smallest layout that
    renders every page (the pages' attribute lists and HTML pass through Goldmark's unsafe mode)."""
    site = peer / "hugo"
    langs = []
    for i, v in enumerate(views):
        for md in (tree / v.locale.id / "docs").rglob("*.md"):
            rel = md.relative_to(tree / v.locale.id / "docs")
            if rel.name == "index.md":
                rel = rel.with_name("_index.md")
            dest = site / "content" / v.locale.id / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            text = md.read_text(encoding="utf-8")
            if not text.startswith("---\n"):
                title = next((line[2:] for line in text.splitlines() if line.startswith("# ")), rel.stem)
                text = f"---\ntitle: {title!r}\n---\n" + text
            dest.write_text(text, encoding="utf-8")
        langs.append(f"[languages.{v.locale.id}]\ncontentDir = 'content/{v.locale.id}'\nweight = {i + 1}\n"
                     f"languageName = '{v.locale.native_name}'\n")
    (site / "hugo.toml").write_text(
        f"baseURL = 'https://example.vn/'\ndefaultContentLanguage = '{views[0].locale.id}'\n"
        "defaultContentLanguageInSubdir = false\ndisableKinds = ['taxonomy', 'term', 'RSS']\n"
        "[markup.goldmark.renderer]\nunsafe = true\n" + "".join(langs), encoding="utf-8")
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    page = ('<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
            '</head><body><nav>{{ range .Site.Home.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>'
            '<main>{{ .Content }}</main></body></html>')
    (layouts / "single.html").write_text(page, encoding="utf-8")
    (layouts / "list.html").write_text(page, encoding="utf-8")


def hugo_site(peer: Path) -> float:
    shutil.rmtree(peer / "hugo" / "public", ignore_errors=True)
    return timed(lambda: subprocess.run(["hugo", "--quiet", "-s", str(peer / "hugo")], check=True, capture_output=True))


# --- PDFs ---------------------------------------------------------------------------------------------

def pdf_sources(proj: Path, peer: Path, edition: str | None = None, communes: tuple[str, ...] = ()) -> list[Path]:
    """The final HTML of every PDF our build makes that a peer can make from HTML: leaflets in every
    edition (the 2-up from the A5 HTML again), banners, pennants, posters and, for a local edition,
    every commune's copy (the shared pages with the commune's panel inline). One file per PDF."""
    from bhxhpub.channels.largeformat.output import LargeFormatOutput
    from bhxhpub.channels.leaflets.communes import CommuneLeafletsOutput
    from bhxhpub.channels.leaflets.formats import EDITIONS, editions_for
    from bhxhpub.channels.leaflets.layout import LeafletLayouts
    from bhxhpub.channels.leaflets.output import PdfRenderer
    from bhxhpub.pipeline.plan import locale_views, make_plan

    plan = make_plan(proj, peer / "unused", today=date(2026, 5, 20), edition=edition, communes=communes, use_cache=False)
    settings = plan.render_settings
    renderer, large, copies = PdfRenderer(settings), LargeFormatOutput(settings), CommuneLeafletsOutput(settings)
    out_dir = peer / "pdf-src"
    out_dir.mkdir(parents=True, exist_ok=True)
    theme = (proj / "theme" / "pdf").resolve().as_uri()
    pages: list[Path] = []

    def write(name: str, html: str, css: str, fonts: str) -> None:
        head = f'<head><base href="{theme}/"><link rel="stylesheet" href="{css}"><style>{fonts}</style>'
        page = out_dir / f"{name}.html"
        page.write_text(html.replace("<head>", head, 1), encoding="utf-8")
        pages.append(page)

    for v in locale_views(plan.content, release=False):
        families = renderer.resources.families(v.locale)
        fonts = renderer.resources.font_face_rules(families)
        printable = renderer.printable(v)
        for leaflet in printable:
            layouts = LeafletLayouts()
            for edition in editions_for(leaflet):
                base = edition if edition.impose is None else next(e for e in editions_for(leaflet)
                                                                   if e.impose is None and e.layout == edition.layout)
                renderer.lay_out(v, leaflet, base, layouts)
                html = renderer.leaflet_html(base, layouts.context, families, layouts.choices[base.layout])
                write(f"{'x4-' if base.shop else ''}{v.locale.id}-{leaflet.id}-{edition.id}", html, "leaflet.css", fonts)
        for kind, item, size, obj in large.jobs(v):
            write(f"x4-{v.locale.id}-{item}-{size.id}", large.final_html(v, kind, item, size, obj), "large.css", fonts)
        for layout, shop in copies.jobs(v):
            panels = _panel_sections(copies, v, layout, shop)
            for leaflet in (l for l in printable if layout in l.formats):
                base = next(e for e in EDITIONS[layout] if e.shop == shop and e.impose is None)
                layouts = LeafletLayouts()
                layouts.context = dict(layouts.context or {}, **_slotted_context(renderer, v, leaflet))
                renderer.lay_out(v, leaflet, base, layouts)
                html = renderer.leaflet_html(base, layouts.context, families, layouts.choices[base.layout])
                html = html.replace("</style>", "</style>" + PANEL_INLINE, 1)
                for cid, section in panels.items():
                    for edition in (e for e in EDITIONS[layout] if e.shop == shop):
                        write(f"{'x4-' if shop else ''}{v.locale.id}-xa-{cid}-{leaflet.id}-{edition.id}",
                              html.replace(SLOT, SLOT[:-6] + section + "</div>"), "leaflet.css", fonts)
    return pages


def _slotted_context(renderer, view, leaflet) -> dict:
    from bhxhpub.channels.leaflets.context import leaflet_context
    settings = renderer.settings
    return dict(leaflet_context(view.content, leaflet, view.locale, view.ui, settings.root, settings.epoch), slotted=True)


def _panel_sections(copies, view, layout: str, shop: bool) -> dict[str, str]:
    """Each commune's panel as the HTML section our panel document lays out (panels.py)."""
    from bhxhpub.channels.leaflets.panels import PanelPrinter, panel_text, panel_words
    from bhxhpub.render.text import prepare_text
    content = view.content
    words = panel_words(view.ui)
    script = view.locale.script
    families = copies.leaflets.resources.families(view.locale)
    texts = [panel_text(content.edition, c, words, content.settings.base_url, view.prefix, script) for c in content.print_communes]
    printer = PanelPrinter(copies.leaflets.resources, view.locale.lang, script, families, layout, shop,
                           {k: prepare_text(v, script) for k, v in words.items()}, content.settings.hotline.phone, "")
    html = printer.html(texts)
    sections = re.findall(r'(<section class="panel-page" data-commune="([^"]+)">.*?</section>)', html, flags=re.S)
    return {cid: section for section, cid in sections}


def weak_pdfs(pages: list[Path], out: Path) -> float:
    """One `weasyprint` command per file."""
    weasy = str(Path(PY).with_name("weasyprint"))
    out.mkdir(parents=True, exist_ok=True)
    return timed(lambda: [subprocess.run([weasy, *(["--pdf-variant", "pdf/x-4"] if p.stem.startswith("x4-") else []),
                                          str(p), str(out / (p.stem + ".pdf"))], check=True, capture_output=True)
                          for p in pages])


def strong_pdfs(src: Path, out: Path) -> float:
    """The API peer on every file of a folder (its own clock: imports excluded)."""
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run([PY, str(ROOT / "scripts" / "peer_weasyprint.py"), str(src), str(out)], check=True,
                          capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])
