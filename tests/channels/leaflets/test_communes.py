"""A local edition's leaflets for each commune: shared pages laid out once, each commune's panel
stamped onto them (channels/leaflets/communes.py, panels.py; pdf/stamp.py).

One edition is built once for the module (Thái Nguyên, three communes with collection agents that
are test data, not shipped), then changed and built again to see what a change renders."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bhxhpub.errors import BuildError
from tests.support import BUILD_EPOCH, copy_project

pytestmark = pytest.mark.build

AGENTS = {  # test data: three communes and their agents (names and phones invented for the test)
    "xa-van-lang-2143": ("Xã Văn Lang", [("Nguyễn Thị Thử", "0912 345 678", "Nhà văn hóa thôn Nà Thử")]),
    "xa-van-lang-5665": ("Xã Văn Lăng", [("Hoàng Văn Kiểm", "0987 111 222", "Bưu điện xã")]),
    "phuong-phan-dinh-phung": ("Phường Phan Đình Phùng", [("Lý Thị Mẫu", "0968 000 111", "Tổ dân phố 3"),
                                                          ("Đặng Văn Ví", "0969 222 333", ""),
                                                          ("Trịnh Văn Mạng", "0969 444 555", "", False)]),
}
EDITIONS_PER_COMMUNE = 2 * 3 + 3 * 2  # two A5 leaflets (A5, 2-up, print shop), three tri-folds (office, print shop)


def _agents_yaml(agents) -> str:
    lines = []
    for name, phone, place, *on_leaflet in agents:
        lines += [f"      - name: {name}", f"        phone: {phone}"] + ([f"        place: {place}"] if place else [])
        lines += ["        leaflet: false"] if on_leaflet == [False] else []
    return "\n".join(lines) + "\n"


def set_agents(proj: Path, commune: str, agents) -> None:
    path = proj / "editions" / "thai-nguyen" / "edition.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {commune}\n")
    block = text.index("    agents:\n", start) + len("    agents:\n")
    end = text.find("\n  - id: ", block)
    end = len(text) if end < 0 else end + 1
    path.write_text(text[:block] + _agents_yaml(agents) + text[end:], encoding="utf-8")


def make_province(base: Path, outputs_from: Path | None = None) -> Path:
    proj = copy_project(base / "proj", outputs_from)
    path = proj / "editions" / "thai-nguyen" / "edition.yaml"
    text = path.read_text(encoding="utf-8").replace("locales: [tay, nung, hmong, dao]", "locales: [tay]")
    text = text.replace("offices:\n", f"print_communes: [{', '.join(AGENTS)}]\noffices:\n", 1)
    path.write_text(text, encoding="utf-8")
    for cid, (_, agents) in AGENTS.items():
        set_agents(proj, cid, agents)
    return proj


def build(proj: Path, out: Path, **kw):
    from bhxhpub.pipeline.run import build as run
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    try:
        return run(proj, out=out, edition="thai-nguyen", **kw)
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def text_of(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def province(tmp_path_factory, good):
    base = tmp_path_factory.mktemp("province")
    proj = make_province(base, outputs_from=good)
    result = build(proj, proj / "site")
    return proj, result


def copy_built(proj: Path, work: Path) -> Path:
    """A copy of a built project (its cache too), without its site/."""
    shutil.copytree(proj, work, ignore=lambda folder, names: ["site"] if Path(folder) == proj else [])
    return work


def commune_files(site: Path, commune: str) -> list[Path]:
    return sorted((site / "pdf" / "vi" / "xa" / commune).glob("*.pdf"))


def test_each_commune_leaflet_carries_its_own_agents_and_no_other_communes(province):
    proj, result = province
    for cid, (name, agents) in AGENTS.items():
        files = commune_files(result.site, cid)
        assert len(files) == EDITIONS_PER_COMMUNE, [f.name for f in files]
        others = [a[0] for other, (_, ags) in AGENTS.items() if other != cid for a in ags]
        for pdf in files:
            text = text_of(pdf)
            assert f"ở {name}:" in text, (pdf, text[-400:])
            for agent, phone, _, *on_leaflet in agents:
                assert (agent in text and phone in text) == (on_leaflet != [False]), (pdf, agent)
            assert not any(o in text for o in others), pdf
    names = [d.path for d in result.pdfs if d.kind == "leaflet-commune"]
    assert len(names) == len(set(names)) == EDITIONS_PER_COMMUNE * len(AGENTS)


def test_a_commune_leaflet_differs_from_the_shared_one_only_in_its_panel(province):
    proj, result = province
    shared = text_of(result.site / "pdf" / "vi" / "vi-sao-khong-nen-nhan-bhxh-mot-lan-a5.pdf")
    copy = text_of(result.site / "pdf" / "vi" / "xa" / "xa-van-lang-2143" / "vi-sao-khong-nen-nhan-bhxh-mot-lan-a5.pdf")
    first_question = "Khi nào được nhận BHXH một lần?"
    assert first_question in shared and first_question in copy
    assert "Nguyễn Thị Thử" in copy and "Nguyễn Thị Thử" not in shared


def test_commune_qr_code_opens_its_entry_on_the_where_page(province, tmp_path):
    proj, result = province
    pdf = result.site / "pdf" / "vi" / "xa" / "xa-van-lang-5665" / "vi-sao-khong-nen-nhan-bhxh-mot-lan-a5.pdf"
    subprocess.run(["pdftoppm", "-r", "150", "-f", "2", "-l", "2", "-png", str(pdf), str(tmp_path / "p")], check=True)
    codes = {subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True).stdout.strip()
             for png in tmp_path.glob("p*.png")}
    url = "https://tuyentruyen-bhxh.example.vn/thai-nguyen/dong-bhxh-o-dau/#xa-van-lang-5665"
    assert url in codes, codes
    where = (result.site / "dong-bhxh-o-dau" / "index.html").read_text(encoding="utf-8")
    assert 'id="xa-van-lang-5665"' in where


def test_the_where_page_lists_each_communes_leaflets_and_the_leaflet_page_points_there(province):
    proj, result = province
    where = (result.site / "dong-bhxh-o-dau" / "index.html").read_text(encoding="utf-8")
    section = where[where.index('id="phuong-phan-dinh-phung"'):]
    section = section[:section.index("<h3", 10)] if "<h3" in section[10:] else section
    assert "Trịnh Văn Mạng" in section  # an agent kept off the leaflets is still on the site
    links = re.findall(r'href="([^"]+\.pdf)"', section)
    assert len(links) == EDITIONS_PER_COMMUNE and all("xa/phuong-phan-dinh-phung/" in link for link in links)
    leaflet_page = (result.site / "to-roi" / "vi-sao-khong-nen-nhan-bhxh-mot-lan" / "index.html").read_text(encoding="utf-8")
    assert "/xa/" not in leaflet_page  # 12 files a commune: not on the leaflet's page
    assert "dong-bhxh-o-dau/" in leaflet_page
    manifest = json.loads((result.site / "pdf" / "manifest.json").read_text(encoding="utf-8"))["files"]
    rows = [r for r in manifest if r["kind"] == "leaflet-commune"]
    assert {r["commune"] for r in rows} == set(AGENTS) and all(r["print_shop"] == r["edition"].endswith("nha-in") for r in rows)


def test_stamped_print_shop_files_pass_the_preflight_and_embed_their_fonts(province):
    from bhxhpub.pdf.preflight import preflight
    proj, result = province
    shop = [p for cid in AGENTS for p in commune_files(result.site, cid) if p.stem.endswith("nha-in")]
    assert len(shop) == 5 * len(AGENTS)
    for pdf in shop:
        assert preflight(pdf.read_bytes()) == [], pdf
    fonts = subprocess.run(["pdffonts", str(shop[0])], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5:-3] == ["yes", "yes"] for line in fonts), fonts  # embedded, subset
    tags = [line.split()[0] for line in fonts]
    assert len(tags) == len(set(tags))  # the panel's subsets are not named like the shared pages' ones


def test_one_changed_agent_renders_only_that_communes_files_and_equals_a_clean_build(province, tmp_path):
    proj, first = province
    work = copy_built(proj, tmp_path / "proj")
    shutil.copytree(first.site, work / "site")
    set_agents(work, "xa-van-lang-5665", [("Hoàng Văn Kiểm", "0987 999 000", "Bưu điện xã")])
    again = build(work, work / "site")
    fresh = [d for d in again.pdfs if d.kind == "leaflet-commune" and d.fresh]
    assert {d.commune for d in fresh} == {"xa-van-lang-5665"} and len(fresh) == EDITIONS_PER_COMMUNE
    assert "0987 999 000" in text_of(work / "site" / "pdf" / "vi" / "xa" / "xa-van-lang-5665" /
                                     "nhung-dieu-can-biet-ve-bhxh-tu-nguyen-gap-ba.pdf")
    before, after = digests(first.site / "pdf"), digests(work / "site" / "pdf")
    changed = {p for p in after if before.get(p) != after[p]}
    assert {p for p in changed if "/xa/" in p} == {f"vi/xa/xa-van-lang-5665/{f.name}" for f in
                                                    commune_files(work / "site", "xa-van-lang-5665")}
    clean = build(work, tmp_path / "clean", use_cache=False)
    assert digests(clean.site / "pdf") == after  # the same bytes as a build from nothing


def test_a_leaflet_edit_lays_out_its_shared_pages_once_and_restamps_every_commune(province, tmp_path):
    proj, first = province
    work = copy_built(proj, tmp_path / "proj")
    path = work / "leaflets" / "vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Khi nào được nhận BHXH một lần?", "Khi nào thì được nhận BHXH một lần?", 1), encoding="utf-8")
    cache = work / ".cache" / "outputs"
    counts = {kind: len(list((cache / kind).rglob("*.bin"))) for kind in ("commune-base", "commune-panel")}
    again = build(work, work / "site")
    fresh = [d for d in again.pdfs if d.kind == "leaflet-commune" and d.fresh]
    assert {d.item for d in fresh} == {"vi-sao-khong-nen-nhan-bhxh-mot-lan"} and len(fresh) == 3 * len(AGENTS)
    assert len(list((cache / "commune-base").rglob("*.bin"))) == counts["commune-base"] + 2  # office and print shop
    assert len(list((cache / "commune-panel").rglob("*.bin"))) == counts["commune-panel"]  # no panel laid out again


def test_commune_all_and_print_communes_all_print_every_commune(tmp_path):
    from bhxhpub.pipeline.plan import make_plan
    proj = copy_project(tmp_path / "proj")
    plan = make_plan(proj, proj / "site", edition="thai-nguyen", communes=("all",))
    assert len(plan.content.print_communes) == 92
    path = proj / "editions" / "thai-nguyen" / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("offices:\n", "print_communes: [all]\noffices:\n", 1), encoding="utf-8")
    assert len(make_plan(proj, proj / "site", edition="thai-nguyen").content.print_communes) == 92


def _panel_output(proj: Path, communes: tuple[str, ...]):
    from bhxhpub.channels.leaflets.communes import CommuneLeafletsOutput
    from bhxhpub.pipeline.plan import locale_views, make_plan
    plan = make_plan(proj, proj / "site", edition="thai-nguyen", communes=communes, use_cache=False)
    return CommuneLeafletsOutput(plan.render_settings), locale_views(plan.content, False)[0]


@pytest.mark.parametrize("layout", ["a5", "trifold"])
def test_a_panel_laid_out_alone_is_the_same_as_in_a_batch(tmp_path, layout):
    proj = make_province(tmp_path)
    path = proj / "editions" / "thai-nguyen" / "edition.yaml"
    path.write_text(re.sub(r"print_communes: \[.*\]\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    output, view = _panel_output(proj, ("phuong-phan-dinh-phung", "xa-van-lang-2143", "xa-van-lang-5665"))
    together = output.render_panels(view, layout, True)
    output, view = _panel_output(proj, ("xa-van-lang-5665",))
    assert [c.id for c in view.content.print_communes] == ["xa-van-lang-5665"]
    alone = output.render_panels(view, layout, True)
    assert together["xa-van-lang-5665"] == alone["xa-van-lang-5665"]


def test_a_panel_too_long_is_an_error_naming_the_commune_and_how_much(tmp_path):
    proj = make_province(tmp_path)
    many = [(f"Đại lý thu số {i}", f"0912 000 {i:03d}", "Nhà văn hóa thôn có tên rất dài để thử xem phần riêng") for i in range(6)]
    set_agents(proj, "phuong-phan-dinh-phung", many)
    output, view = _panel_output(proj, tuple(AGENTS))
    with pytest.raises(BuildError) as caught:
        output.render_panels(view, "a5", False)
    message = str(caught.value)
    assert "Phường Phan Đình Phùng (phuong-phan-dinh-phung)" in message and "editions/thai-nguyen/edition.yaml" in message
    assert re.search(r"thừa khoảng \d+ dòng, khoảng \d+ mm", message)
    assert "Xã Văn Lang" not in message  # the communes that fit are not named


def test_commune_files_are_tagged_with_their_panel_read_and_pass_the_pdfua_checker(province):
    """The panel joins the structure tree (its paragraphs, the QR code a Figure saying where it leads);
    the 2-up's second copy is an Artifact; the checker of the tagged-PDF tests passes every edition."""
    import pikepdf
    from pdfua import validate
    proj, result = province
    files = commune_files(result.site, "xa-van-lang-5665")
    for pdf in files:
        report = validate(str(pdf))
        assert not [f"{o.rule_id}: {f.message}" for o in report.outcomes for f in o.findings], pdf
        alts = []
        with pikepdf.open(pdf) as doc:
            stack = [doc.Root.StructTreeRoot]
            while stack:
                node = stack.pop()
                if isinstance(node, pikepdf.Dictionary):
                    if "/Alt" in node:
                        alts.append(str(node.Alt))
                    kids = node.get("/K")
                    stack += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        found = [a for a in alts if a.endswith("dong-bhxh-o-dau/#xa-van-lang-5665")]
        assert len(found) == 1, (pdf, alts)  # read once, the 2-up's second copy included


def _reference_content(data: bytes, offset: int, tagged: bool) -> bytes:
    """A panel's content for a page, written operator by operator (what Panel.content gives in runs)."""
    import io

    import pikepdf

    from bhxhpub.pdf.stamp import _MARKED, _RESOURCE_KINDS, PREFIX
    pdf = pikepdf.open(io.BytesIO(data))  # kept open while its page is read
    page = pdf.pages[0]
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    names = {str(n) for kind in _RESOURCE_KINDS for n in (resources.get(kind) or {}).keys()}
    out = []
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) in _MARKED and not tagged:
            continue
        new = []
        for value in operands:
            if isinstance(value, pikepdf.Name) and str(value) in names:
                value = pikepdf.Name("/" + PREFIX + str(value)[1:])
            elif str(op) in ("BDC", "DP") and isinstance(value, pikepdf.Dictionary) and "/MCID" in value:
                value = pikepdf.Dictionary({k: value[k] for k in value.keys()})
                value.MCID = int(value.MCID) + offset
            new.append(value)
        out.append((new, op))
    ops = pikepdf.unparse_content_stream(out)
    return ops if tagged else b"/Artifact BMC\n" + ops + b"\nEMC"


def test_a_panel_drawn_into_a_page_is_written_as_operator_by_operator(province):
    from bhxhpub.pdf.stamp import Panel
    from bhxhpub.render.cache import OutputCache
    proj, _ = province
    cache = OutputCache(proj / ".cache" / "outputs" / "commune-panel")
    entries = sorted((proj / ".cache" / "outputs" / "commune-panel").rglob("*.bin"))[:6]
    assert entries
    for entry in entries:
        data = cache.get(entry.stem)
        panel = Panel(data)
        for offset, tagged in ((0, True), (7, True), (0, False), (7, True), (31, True)):
            assert panel.content(offset, tagged) == _reference_content(data, offset, tagged), (entry.name, offset, tagged)
