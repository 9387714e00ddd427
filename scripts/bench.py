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
sys.path.insert(0, str(ROOT / "scripts"))

from bhxhpub.pipeline.plan import load, locale_views  # noqa: E402
from bhxhpub.pipeline.run import build  # noqa: E402
from bhxhpub.rules.timeline import resolve_content  # noqa: E402

PY = sys.executable
LEAFLET = "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml"
PLACEHOLDER_CODES = ["fr", "de", "es", "it", "pt", "nl", "pl", "sv"]  # static-i18n: two letters, known to Material
med = statistics.median


def copy_project(dest: Path) -> Path:
    for part in ("content", "slogans", "leaflets", "broadcasts", "editions", "geography", "theme", "mkdocs.yml"):
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


# --- this project -----------------------------------------------------------------------------------

LIKE_PEER = ("PdfRenderer", "CommuneLeafletsOutput", "LargeFormatOutput")  # the outputs the peers make too (PDFs)


def ours_clean(proj: Path, out: Path, like_peer: bool = False, **kw) -> tuple[float, float, float]:
    """(total, site part, PDF part) of a build without the cache; `like_peer`: only the outputs the
    peers make as well (leaflets, commune copies, banners, pennants, posters), like with like."""
    import bhxhpub.pipeline.outputs as pipeline
    every = pipeline.OUTPUTS
    if like_peer:
        pipeline.OUTPUTS = tuple(o for o in every if o.__name__ in LIKE_PEER)
    try:
        r = build(proj, out=out, use_cache=False, **kw)
    finally:
        pipeline.OUTPUTS = every
    shutil.rmtree(out, ignore_errors=True)
    ph = r.phases
    return r.seconds, ph["site"] + ph["finish"], ph["files"]


def cli_noop(proj: Path) -> float:
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bhxhpub.cli import run; from pathlib import Path; " \
           f"sys.argv[1:] = []; run(Path({str(proj)!r}))"
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


def tree_memory(pid: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes of a process and all its descendants (PSS shares the pages
    that forked workers have in common instead of counting them once per process)."""
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack += [int(c) for c in f.read().split()]
        except OSError:
            continue
    rss = pss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            pass
    return rss, pss


def cli_build(proj: Path, *args: str) -> tuple[float, int, int, str]:
    """The real command line on a project: (wall seconds, peak RSS and peak PSS of its process tree, output)."""
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bhxhpub.cli import run; from pathlib import Path; " \
           f"run(Path({str(proj)!r}))"
    started = time.perf_counter()
    proc = subprocess.Popen([PY, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0, 0]

    def sample():
        while proc.poll() is None:
            rss, pss = tree_memory(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.05)
    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - started
    watcher.join()
    if proc.returncode:
        raise RuntimeError(out[-3000:])
    return seconds, peak[0], peak[1], out


def set_agent(proj: Path, edition: str, commune: str, phone: str) -> None:
    """Give a commune one collection agent (bench data) with this phone."""
    path = proj / "editions" / edition / "edition.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {commune}\n")
    block = text.index("    agents:\n", start) + len("    agents:\n")
    end = text.find("\n  - id: ", block)
    end = len(text) if end < 0 else end + 1
    path.write_text(text[:block] + f"      - name: Đại lý thu thử\n        phone: {phone}\n" + text[end:], encoding="utf-8")


def fresh_count(output: str) -> int:
    """How many PDFs a build rendered afresh, from its last line ("…, N tệp dựng mới…" or all of them)."""
    found = re.search(r"\((\d+) tệp PDF(?:, (\d+) tệp dựng mới)?", output)
    return int(found.group(2) or found.group(1)) if found else -1


def national(proj: Path, d: Path, runs: int, row, results: dict) -> None:
    """The national build: ours (every output; like the peers) against the peers, in turn."""
    from bench_peers import hugo_available, hugo_site, hugo_tree, pdf_sources, static_i18n_site, static_i18n_tree, strong_pdfs, weak_pdfs
    peer = d / "peer"
    static_i18n_tree(d / "tree", peer, locale_views(resolve_content(load(proj), date(2026, 5, 20))[0], release=False))
    if hugo_available():
        hugo_tree(d / "tree", peer, locale_views(load(proj), release=False))
    pages = pdf_sources(proj, peer)
    every, like, sites, hugo, strong, weak = [], [], [], [], [], []
    for i in range(runs):
        every.append(ours_clean(proj, d / f"e{i}")[0])
        like.append(ours_clean(proj, d / f"o{i}", like_peer=True))
        sites.append(static_i18n_site(peer))
        if hugo_available():
            hugo.append(hugo_site(peer))
        strong.append(strong_pdfs(peer / "pdf-src", peer / "strong"))
    for i in range(max(1, runs // 2)):
        weak.append(weak_pdfs(pages, peer / "weak"))
    o_full, o_site, o_pdf = (med(x[k] for x in like) for k in range(3))
    s_site, s_pdf, w_pdf = med(sites), med(strong), med(weak)
    results.update(national=med(every), national_like=o_full, national_pdfs=len(pages))
    row("national build, every output, no cache (ours)", f"{med(every):.2f} s")
    row(f"national, like the peers ({len(pages)} PDFs + site): ours", f"{o_full:.2f} s  (site {o_site:.2f} s, PDFs {o_pdf:.2f} s)")
    row("  strong peer: static-i18n + WeasyPrint API, pool of 2", f"{s_site + s_pdf:.2f} s  ratio ours/peer {o_full / (s_site + s_pdf):.2f}"
        f"  (target <= 0.5)")
    row("  weak peer: static-i18n + one weasyprint command per PDF", f"{s_site + w_pdf:.2f} s  ratio {o_full / (s_site + w_pdf):.3f}")
    row("  PDF part: ours / strong / weak", f"{o_pdf:.2f} s / {s_pdf:.2f} s / {w_pdf:.2f} s")
    row("  site part: ours / MkDocs + static-i18n / Hugo (ceiling)",
        f"{o_site:.2f} s / {s_site:.2f} s / " + (f"{med(hugo):.2f} s" if hugo else "Hugo not installed"))


def province(proj: Path, d: Path, runs: int, row, results: dict) -> None:
    """Editions with every commune (92 and 168), against the national build of the same run and the peers."""
    from bench_peers import pdf_sources, strong_pdfs, weak_pdfs
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bhxhpub.cli import run; from pathlib import Path; " \
           f"run(Path({str(proj)!r}))"
    if not (proj / "editions" / "ho-chi-minh").is_dir():
        subprocess.run([PY, "-c", code, "editions", "new", "--province", "Hồ Chí Minh"], check=True, capture_output=True)
    sizes = {}
    for edition in ("thai-nguyen", "ho-chi-minh"):
        count = len(load_edition_communes(proj, edition))
        times = [ours_clean(proj, d / f"p{edition}{i}", edition=edition, communes=("all",))[0] for i in range(runs)]
        sizes[edition] = (count, med(times))
        row(f"edition {edition}, {count} communes, --commune all, no cache", f"{med(times):.2f} s  "
            f"({med(times) / results['national']:.2f}x the national build; target <= 3x for 92)")
    (n1, t1), (n2, t2) = sizes["thai-nguyen"], sizes["ho-chi-minh"]
    row(f"  {n2} communes against {n1} scaled linearly", f"{t2 / (t1 * n2 / n1):.2f}  (target <= 1.25; "
        "ho-chi-minh as `editions new` writes it prints Vietnamese only, thai-nguyen 4 more languages)")
    # linearity on one edition (same languages, same leaflets): half its communes, then all of them
    ids = tuple(c.id for c in load_edition_communes(proj, "thai-nguyen"))
    half = ids[: len(ids) // 2]
    t_half = med(ours_clean(proj, d / f"ph{i}", edition="thai-nguyen", communes=half)[0] for i in range(runs))
    per_commune = (t1 - t_half) / (n1 - len(half))
    base = t1 - per_commune * n1
    row(f"edition thai-nguyen, {len(half)} of its communes, no cache", f"{t_half:.2f} s  (all {n1}: {t1:.2f} s)")
    row("  per commune (slope, thai-nguyen: 5 languages)", f"{per_commune * 1000:.0f} ms; fixed part of the edition {base:.1f} s")
    row("  all 34 provinces, 3,321 communes, one machine, one after another",
        f"{34 * base + per_commune * 3321:.0f} s (34 × {base:.1f} s + 3,321 × {per_commune:.3f} s; 5 languages each: an upper bound)")
    results.update(per_commune=per_commune, edition_base=base, t92=t1, t168=t2)

    # like with like against the peers (the 92-commune edition): the same pages, the same PDFs
    from bench_peers import static_i18n_site, static_i18n_tree

    from bhxhpub.pipeline.plan import make_plan
    peer = d / "peer-province"
    build(proj, out=d / "pw", keep_tree=d / "ptree", use_cache=False, edition="thai-nguyen", communes=("all",))
    plan = make_plan(proj, d / "pw", edition="thai-nguyen", communes=("all",))
    static_i18n_tree(d / "ptree", peer, locale_views(plan.content, release=False))
    site = med(static_i18n_site(peer) for _ in range(runs))
    pages = pdf_sources(proj, peer, edition="thai-nguyen", communes=("all",))
    like = [ours_clean(proj, d / f"pl{i}", like_peer=True, edition="thai-nguyen", communes=("all",))[0] for i in range(runs)]
    strong = [strong_pdfs(peer / "pdf-src", peer / "strong") for _ in range(max(1, runs // 2))]
    sample = pages[:: max(1, len(pages) // 60)]
    weak = weak_pdfs(sample, peer / "weak") * len(pages) / len(sample)
    row(f"province like the peers ({len(pages)} PDFs + site, thai-nguyen): ours", f"{med(like):.2f} s")
    row("  strong peer: static-i18n + WeasyPrint API, pool of 2", f"{site + med(strong):.2f} s  ratio ours/peer "
        f"{med(like) / (site + med(strong)):.3f}  (target <= 0.1)")
    row(f"  weak peer: static-i18n + one command per PDF (PDFs estimated from {len(sample)} of {len(pages)})",
        f"{site + weak:.0f} s  ratio {med(like) / (site + weak):.4f}")

    province_cli(proj, d, runs, row)


def province_cli(proj: Path, d: Path, runs: int, row) -> None:
    """Peak memory of the 168-commune edition and one agent changed, on the real command line
    (`--only agent` runs these alone)."""
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bhxhpub.cli import run; from pathlib import Path; " \
           f"run(Path({str(proj)!r}))"
    if not (proj / "editions" / "ho-chi-minh").is_dir():
        subprocess.run([PY, "-c", code, "editions", "new", "--province", "Hồ Chí Minh"], check=True, capture_output=True)
    n2 = len(load_edition_communes(proj, "ho-chi-minh"))
    seconds, rss, pss = cli_build(proj, "--edition", "ho-chi-minh", "--commune", "all", "--no-cache", "--out", str(d / "mem"))[:3]
    row(f"peak memory, {n2} communes, no cache (process tree)", f"PSS {pss / 2**20:.0f} MB, RSS {rss / 2**20:.0f} MB"
        "  (target <= 500 MB)")
    cli_build(proj, "--edition", "thai-nguyen", "--commune", "all", "--out", str(d / "agent"))
    walls, fresh = [], []
    for i in range(runs):
        set_agent(proj, "thai-nguyen", "xa-van-lang-2143", f"0912 345 {i:03d}")
        seconds, _, _, out = cli_build(proj, "--edition", "thai-nguyen", "--commune", "all", "--out", str(d / "agent"))
        walls.append(seconds)
        fresh.append(fresh_count(out))
    row("one agent changed, then a build (CLI wall, thai-nguyen, all communes)",
        f"{med(walls):.2f} s, {min(fresh)}-{max(fresh)} PDFs rendered (target <= 2 s, 12 PDFs: that commune's)")


def load_edition_communes(proj: Path, edition: str) -> tuple:
    from bhxhpub.pipeline.plan import make_plan
    return make_plan(proj, proj / "unused", edition=edition, communes=("all",)).content.print_communes


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", choices=("national", "province", "agent", "edits"), default=None)
    ap.add_argument("--scale", action="store_true", help="also 10x the leaflets and 3x the locales (slow)")
    args = ap.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1779840000")
    os.environ.setdefault("BHXH_TODAY", "2026-05-20")
    rows: list[tuple[str, str]] = []
    results: dict = {}

    def row(name: str, value: str) -> None:
        rows.append((name, value))
        print(f"{name:<62} {value}", flush=True)

    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        proj = copy_project(d / "proj")
        build(proj, out=d / "warm", keep_tree=d / "tree", use_cache=False)  # imports, web fonts; the Markdown
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"runs: {args.runs}, medians", flush=True)
        if args.only in (None, "national", "province"):
            if args.only == "province":
                results["national"] = med(ours_clean(proj, d / f"e{i}")[0] for i in range(args.runs))
                row("national build, every output, no cache (ours)", f"{results['national']:.2f} s")
            else:
                national(proj, d, args.runs, row, results)
        if args.only in (None, "province"):
            province(proj, d, args.runs, row, results)
        if args.only == "agent":
            province_cli(proj, d, args.runs, row)
        if args.only in (None, "edits"):
            o_full = results.get("national") or med(ours_clean(proj, d / f"e{i}")[0] for i in range(args.runs))
            build(proj, out=proj / "site")
            edits = []
            for i in range(args.runs):
                edit_word(proj, i)
                edits.append(build(proj, out=proj / "site").seconds)
            row("one-word leaflet edit, incremental build", f"{med(edits):.2f} s  ({med(edits) / o_full:.2f} of a full build)")
            noop = [cli_noop(proj) for _ in range(args.runs)]
            row("no-op build (CLI, wall)", f"{med(noop):.2f} s  ({med(noop) / o_full:.3f} of a full build)")
            page_t, pdf_t = edit_to_preview(proj, args.runs)
            row("make serve: save a leaflet -> Vietnamese page", f"{med(page_t):.2f} s")
            row("make serve: save a leaflet -> its PDFs", f"{med(pdf_t):.2f} s")
        if args.scale:
            big = scaled(copy_project(d / "big"), leaflets=10, locales=3)
            runs = max(1, args.runs // 2)
            big_t = [build(big, out=d / f"b{i}", use_cache=False).seconds for i in range(runs)]
            locs = sum(1 for lo in load(big).settings.locales if lo.build)
            row(f"10x leaflets, 3x locales ({locs} locales), no cache", f"{med(big_t):.2f} s")
    print("\n| what | figure |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name.strip()} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
