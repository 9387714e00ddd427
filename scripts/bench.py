#!/usr/bin/env python3
"""`make bench`: this project against a peer pipeline on the same content. Several runs, medians
and ratios; never a pass/fail timing.

    python scripts/bench.py [--runs 5] [--no-scale]

The peer is what a team would otherwise run: MkDocs + Material + mkdocs-static-i18n on the same
generated Markdown (one docs/<language>/ folder per locale; static-i18n takes two-letter codes
only, so locales without one get placeholder codes that Material knows), plus one `weasyprint`
command per PDF on the same HTML our renderer lays out. Both run on this machine, in turn.

Printed: full build (clean, no cache), its site and PDF parts, a no-op build, a one-word leaflet
edit, edit-to-preview times (the Vietnamese page, then its PDFs) and the scaling with 10× the
leaflets and 3× the locales. A ratio below 1 means this project is faster.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bhxhpub.pipeline.plan import load, locale_views  # noqa: E402
from bhxhpub.pipeline.run import build  # noqa: E402
from bhxhpub.rules.timeline import resolve_content  # noqa: E402

PY = sys.executable
LEAFLET = "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml"
PLACEHOLDER_CODES = ["fr", "de", "es", "it", "pt", "nl", "pl", "sv"]  # static-i18n: two letters, known to Material
med = statistics.median


def copy_project(dest: Path) -> Path:
    for part in ("content", "slogans", "leaflets", "broadcasts", "editions", "theme", "mkdocs.yml"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copyfile(src, dest / part)
    if (ROOT / ".cache" / "webfonts").is_dir():  # subset web fonts: the same for both sides
        shutil.copytree(ROOT / ".cache" / "webfonts", dest / ".cache" / "webfonts")
    return dest


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


# --- the peer pipeline ---------------------------------------------------------------------------------

def peer_tree(proj: Path, tree: Path, peer: Path) -> list[Path]:
    """docs/<code>/ per locale from our generated Markdown, a static-i18n mkdocs.yml, and the HTML
    of every PDF (one file per PDF, as a team would feed the weasyprint command)."""
    import yaml

    from bhxhpub.channels.largeformat.output import LargeFormatOutput
    from bhxhpub.channels.leaflets.formats import editions_for
    from bhxhpub.channels.leaflets.layout import LeafletLayouts
    from bhxhpub.channels.leaflets.output import PdfRenderer

    content = resolve_content(load(proj), date(2026, 5, 20))[0]  # facts as of the build day, as a build resolves them
    views = locale_views(content, release=False)
    spare = iter(PLACEHOLDER_CODES)
    codes = {v.locale.id: (v.locale.id if v.locale.id in ("vi", "en") else next(spare)) for v in views}
    for v in views:
        shutil.copytree(tree / v.locale.id / "docs", peer / "docs" / codes[v.locale.id])
    base = yaml.safe_load((tree / "vi" / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg = {
        "site_name": base["site_name"], "site_url": base["site_url"], "docs_dir": "docs", "site_dir": "site",
        "use_directory_urls": True, "theme": {"name": "material", "language": "vi", "font": False},
        "markdown_extensions": base["markdown_extensions"], "extra_css": ["assets/fonts.css", "assets/site.css"],
        "plugins": [{"i18n": {"docs_structure": "folder", "languages": [
            {"locale": codes[v.locale.id], "name": v.locale.native_name, "build": True, "default": v.is_default}
            for v in views]}}],
    }
    (peer / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")

    from bhxhpub.render.base import RenderSettings
    settings = RenderSettings(root=proj.resolve(), release=False, today=date(2026, 5, 20), epoch=1779840000)
    renderer = PdfRenderer(settings)
    large = LargeFormatOutput(settings)
    pages = []
    for v in views:
        for leaflet in renderer.printable(v):
            layouts = LeafletLayouts()
            for edition in editions_for(leaflet):
                layout_edition = edition if edition.impose is None else None
                if layout_edition is None:  # the 2-up file: the peer prints the A5 HTML again
                    layout_edition = next(e for e in editions_for(leaflet) if e.impose is None and e.layout == edition.layout)
                renderer.lay_out(v, leaflet, layout_edition, layouts)
                families = renderer.resources.families(v.locale)
                html = renderer.leaflet_html(layout_edition, layouts.context, families, layouts.choices[layout_edition.layout])
                style = f"<style>{renderer.resources.font_face_rules(families)}</style>"
                html = html.replace("<head>", f'<head><base href="{(proj / "theme" / "pdf").resolve().as_uri()}/">{style}', 1)
                page = peer / "pdf-src" / f"{v.locale.id}-{leaflet.id}-{edition.id}.html"
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(html, encoding="utf-8")
                pages.append(page)
        # banners, pennants, posters: the same final HTML (text already fitted), PDF/X-4 from the CLI too
        families = large.resources.families(v.locale)
        style = f"<style>{large.resources.font_face_rules(families)}</style>"
        for kind, item, size, obj in large.jobs(v):
            html = large.final_html(v, kind, item, size, obj)
            html = html.replace("<head>", f'<head><base href="{(proj / "theme" / "pdf").resolve().as_uri()}/">{style}', 1)
            page = peer / "pdf-src" / f"x4-{v.locale.id}-{item}-{size.id}.html"
            page.write_text(html, encoding="utf-8")
            pages.append(page)
    return pages


def peer_site(peer: Path) -> float:
    shutil.rmtree(peer / "site", ignore_errors=True)
    return timed(lambda: subprocess.run([PY, "-m", "mkdocs", "build", "-q", "-f", str(peer / "mkdocs.yml")], check=True,
                                        capture_output=True))


def peer_pdfs(peer: Path, pages: list[Path]) -> float:
    weasy = str(Path(PY).with_name("weasyprint"))
    out = peer / "pdf-out"
    out.mkdir(exist_ok=True)
    return timed(lambda: [subprocess.run([weasy, *(["--pdf-variant", "pdf/x-4"] if p.stem.startswith("x4-") else []),
                                          str(p), str(out / (p.stem + ".pdf"))], check=True, capture_output=True)
                          for p in pages])


# --- this project -----------------------------------------------------------------------------------

LIKE_PEER = ("PdfRenderer", "LargeFormatOutput")  # the outputs the peer makes too (PDFs; the site is built by both)


def ours_clean(proj: Path, out: Path, like_peer: bool = False) -> tuple[float, float, float]:
    """(total, site part, PDF part) of a build without the cache; `like_peer`: only the outputs the
    peer makes as well (leaflets, banners, pennants, posters), so that the ratio compares like with like."""
    import bhxhpub.pipeline.outputs as pipeline
    every = pipeline.OUTPUTS
    if like_peer:
        pipeline.OUTPUTS = tuple(o for o in every if o.__name__ in LIKE_PEER)
    try:
        r = build(proj, out=out, use_cache=False)
    finally:
        pipeline.OUTPUTS = every
    ph = r.phases
    return r.seconds, ph["site"] + ph["finish"], ph["files"]


def cli_noop(proj: Path) -> float:
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bhxhpub.cli import main; from pathlib import Path; " \
           f"sys.exit(main([], root=Path({str(proj)!r})))"
    return timed(lambda: subprocess.run([PY, "-c", code], check=True, capture_output=True))


def edit_word(proj: Path, n: int) -> str:
    path = proj / LEAFLET
    text = path.read_text(encoding="utf-8")
    word = f"Sửa{n}"
    text = re.sub(r"(\n  - question: )(?:Sửa\d+ )?", rf"\g<1>{word} ", text, count=1)
    path.write_text(text, encoding="utf-8")
    return word


def edit_to_preview(proj: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds from saving a leaflet to the Vietnamese page showing it, and to its PDFs rebuilt."""
    from bhxhpub.pipeline import serve as serve_mod
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    threading.Thread(target=serve_mod.serve, args=(proj,), kwargs={"port": port, "interval": 0.05,
                                                                   "max_seconds": 60 + 30 * runs}, daemon=True).start()
    url = f"http://127.0.0.1:{port}/to-roi/vi-sao-khong-nen-nhan-bhxh-mot-lan/"
    manifest = proj / ".preview" / "pdf" / "manifest.json"

    def get(u: str) -> str:
        try:
            with urllib.request.urlopen(u, timeout=5) as r:
                return r.read().decode("utf-8")
        except OSError:
            return ""
    while "Cần hỏi thêm" not in get(url):
        time.sleep(0.2)
    page_t, pdf_t = [], []
    for i in range(runs):
        before = manifest.read_bytes() if manifest.exists() else b""
        t = time.perf_counter()
        word = edit_word(proj, 900 + i)
        while word not in get(url):
            time.sleep(0.02)
        page_t.append(time.perf_counter() - t)
        while not manifest.exists() or manifest.read_bytes() == before:
            time.sleep(0.02)
        pdf_t.append(time.perf_counter() - t)
        time.sleep(0.5)
    return page_t, pdf_t


def scaled(proj: Path, leaflets: int, locales: int) -> Path:
    """The same project with every leaflet copied `leaflets` times and every non-default locale `locales` times."""
    for f in sorted((proj / "leaflets").glob("*.yaml")):
        stem, _, rest = f.name.partition(".")
        for k in range(2, leaflets + 1):
            text = f.read_text(encoding="utf-8")
            if rest == "yaml":
                text = text.replace(f"id: {stem}", f"id: {stem}-{k}", 1).replace("featured: true", "featured: false")
            (proj / "leaflets" / f"{stem}-{k}.{rest}").write_text(text, encoding="utf-8")
    settings = proj / "content" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    blocks = re.findall(r"(?m)^  - id: (?!vi$)([a-z]+)\n((?:    .*\n)+)", text)
    extra = ""
    for k in range(2, locales + 1):
        for lid, body in blocks:
            body = re.sub(r"lang: (\S+)", rf"lang: \1-copy{k}", body)
            extra += f"\n  - id: {lid}{k}\n{body}"
            for tr in list(proj.rglob(f"*.{lid}.yaml")):
                shutil.copyfile(tr, tr.with_name(tr.name.replace(f".{lid}.yaml", f".{lid}{k}.yaml")))
    anchor = text.index("# Bảng ví dụ") if "# Bảng ví dụ" in text else len(text)
    settings.write_text(text[:anchor].rstrip("\n") + extra + "\n\n" + text[anchor:], encoding="utf-8")
    for tr in proj.rglob("*.*.yaml"):
        loc = tr.name.split(".")[-2]
        if re.fullmatch(r"[a-z]+\d", loc):
            t = tr.read_text(encoding="utf-8")
            tr.write_text(re.sub(r"^locale: \S+", f"locale: {loc}", t, count=1, flags=re.M), encoding="utf-8")
    return proj


def compare_with_peer(proj: Path, d: Path, runs: int, row) -> float:
    """Full builds of ours (no cache) and of the peer, in turn; returns our median."""
    peer = d / "peer"
    pages = peer_tree(proj, d / "tree", peer)
    ours, peers, every = [], [], []
    for i in range(runs):
        ours.append(ours_clean(proj, d / f"o{i}", like_peer=True))
        s, p = peer_site(peer), peer_pdfs(peer, pages)
        peers.append((s + p, s, p))
        every.append(ours_clean(proj, d / f"e{i}")[0])
    o_full, o_site, o_pdf = (med(x[k] for x in ours) for k in range(3))
    p_full, p_site, p_pdf = (med(x[k] for x in peers) for k in range(3))
    row(f"full build (no cache, {len(pages)} PDFs): ours / peer", f"{o_full:.2f} s / {p_full:.2f} s  ratio {o_full / p_full:.2f}")
    row("site part: ours / peer (static-i18n)", f"{o_site:.2f} s / {p_site:.2f} s  ratio {o_site / p_site:.2f}")
    row("PDF part: ours / peer (weasyprint CLI)", f"{o_pdf:.2f} s / {p_pdf:.2f} s  ratio {o_pdf / p_pdf:.2f}")
    row("full build, every output (ours: + broadcasts, share images, report…)", f"{med(every):.2f} s")
    return med(every)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-scale", action="store_true")
    ap.add_argument("--only-scale", action="store_true", help="only the 10x leaflets / 3x locales part")
    args = ap.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1779840000")
    os.environ.setdefault("BHXH_TODAY", "2026-05-20")
    rows: list[tuple[str, str]] = []

    def row(name: str, value: str) -> None:
        rows.append((name, value))
        print(f"{name:<48} {value}", flush=True)

    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        proj = copy_project(d / "proj")
        build(proj, out=d / "warm", keep_tree=d / "tree", use_cache=False)  # imports, web fonts; the Markdown
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"runs: {args.runs}", flush=True)
        if args.only_scale:
            o_full = med(ours_clean(proj, d / f"o{i}")[0] for i in range(args.runs))
            row("full build (no cache), ours", f"{o_full:.2f} s")
        else:
            o_full = compare_with_peer(proj, d, args.runs, row)
        build(proj, out=proj / "site")
        edits = []
        for i in range(args.runs):
            edit_word(proj, i)
            edits.append(build(proj, out=proj / "site").seconds)
        row("one-word leaflet edit, incremental build", f"{med(edits):.2f} s  ({med(edits) / o_full:.2f} of a full build)")
        if not args.only_scale:
            noop = [cli_noop(proj) for _ in range(args.runs)]
            row("no-op build (CLI, wall)", f"{med(noop):.2f} s  ({med(noop) / o_full:.3f} of a full build)")
            page_t, pdf_t = edit_to_preview(proj, args.runs)
            row("make serve: save a leaflet -> Vietnamese page", f"{med(page_t):.2f} s")
            row("make serve: save a leaflet -> its PDFs", f"{med(pdf_t):.2f} s")
        if not args.no_scale:
            big = scaled(copy_project(d / "big"), leaflets=10, locales=3)
            runs = max(1, args.runs // 2)
            big_t = [build(big, out=d / f"b{i}", use_cache=False).seconds for i in range(runs)]
            locs = sum(1 for lo in load(big).settings.locales if lo.build)
            row(f"10x leaflets, 3x locales ({locs} locales), no cache", f"{med(big_t):.2f} s  ({med(big_t) / o_full:.1f}x the base)")
            build(big, out=big / "site")
            big_edit = []
            for i in range(runs):
                edit_word(big, 50 + i)
                big_edit.append(build(big, out=big / "site").seconds)
            row("  one-word leaflet edit there, incremental", f"{med(big_edit):.2f} s  ({med(big_edit) / med(edits):.1f}x the base's)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
