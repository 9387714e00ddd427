"""Hostile content and failing builds, through the real command line (build.py on a project copy).

Guarantees checked here:
- bad content: exit 1, a Vietnamese problem with file:line:col, and an existing site/ byte-identical;
- hostile text (HTML, <script>, javascript:/data: links, Markdown raw HTML, {{ }} / {% %}) is shown
  as text on every page it lands on, never as a live tag, attribute or link; nothing is fetched;
- failures (Ctrl-C, SIGTERM, SIGKILL mid-build, two builds at once, unwritable output, a missing font,
  a PDF that cannot be rendered) leave site/ byte-identical, no traceback, and a later build works;
- the same input gives byte-identical sites and PDFs; the preview server listens on 127.0.0.1.
"""
from __future__ import annotations

import hashlib
import html
import html.parser
import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support import CORPUS, ROOT, build_env, cli_command, copy_project, run_build

pytestmark = pytest.mark.cli  # runs the real command line on a copied project (make test-fast leaves it out)

# --- helpers ----------------------------------------------------------------------------------------

def tree(path: Path) -> dict[str, str]:
    """sha256 of every file under path, by relative path (the whole published output)."""
    out = {}
    for p in sorted(path.rglob("*")):
        if p.is_file() or p.is_symlink():
            out[p.relative_to(path).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def leftovers(parent: Path, name: str = "site") -> list[str]:
    """Folders a build left beside its output; the command line's trash (deleted by a detached
    process, see staging.remove) is given 30 s to go."""
    deadline = time.monotonic() + 30
    while any(parent.glob(f".{name}-trash-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    return sorted(p.name for p in parent.glob(f".{name}-*"))


def start_build(root: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    """A build started in the background (to interrupt it)."""
    return subprocess.Popen(cli_command(root, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=build_env(env), cwd=root)


def assert_no_traceback(result) -> None:
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream and 'File "' not in stream, stream[-2000:]


def assert_built(result) -> None:
    assert result.returncode == 0, f"the build failed:\n{result.stdout[-1500:]}\n{result.stderr[-3000:]}"


@pytest.fixture
def built_copy(good, tmp_path) -> Path:
    """A private copy of the built project, site/ included, to break."""
    dest = tmp_path / "proj"
    shutil.copytree(good, dest, symlinks=True, ignore=shutil.ignore_patterns(".build.lock"))
    return dest


@pytest.fixture
def fake_site(tmp_path, good) -> Path:
    """A project copy with a previous site/ (any bytes will do: a failed build must not touch them),
    starting with the shared build's output cache (a build that succeeds takes seconds)."""
    proj = copy_project(tmp_path / "proj", outputs_from=good)
    site = proj / "site"
    (site / "to-roi").mkdir(parents=True)
    (site / "index.html").write_text("<p>trang cũ</p>", encoding="utf-8")
    (site / "to-roi" / "a.pdf").write_bytes(b"%PDF-1.7 old")
    return proj


# --- bad content through the CLI: exit 1, file:line, site/ unchanged ----------------------------------------

CLI_CASES = [
    # (corpus file replacing content/messages.yaml, what the report must say)
    ("syntax-colon.yaml", "content/messages.yaml:5:"),
    ("duplicate-key.yaml", "content/messages.yaml:6:5: Trường “text” bị lặp lại"),
    ("utf16.yaml", "content/messages.yaml:1:1: Tệp được lưu dạng UTF-16"),
    ("tcvn3-pasted.yaml", "content/messages.yaml:5:11: Văn bản có vẻ bị lỗi phông chữ"),
    ("billion-laughs.yaml", "content/messages.yaml:5:14: Không dùng tham chiếu YAML"),
    ("python-tag.yaml", "content/messages.yaml:5:11: Thẻ YAML không được phép"),
]


@pytest.mark.parametrize("name,expected", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_bad_content_exits_1_with_file_and_line_and_keeps_the_site(fake_site, name, expected):
    (fake_site / "content/messages.yaml").write_bytes((CORPUS / name).read_bytes())
    before = tree(fake_site / "site")
    result = run_build(fake_site)
    assert result.returncode == 1, result.stderr
    assert expected in result.stderr
    assert "→ Cách sửa:" in result.stderr and "trang web đang chạy giữ nguyên" in result.stderr
    assert_no_traceback(result)
    assert tree(fake_site / "site") == before
    assert leftovers(fake_site) == []


def test_check_command_reports_without_writing(fake_site):
    # no segmenter answers from earlier builds: check must find its own and still store none
    shutil.rmtree(fake_site / ".cache" / "outputs" / "words", ignore_errors=True)
    (fake_site / "content/messages.yaml").write_bytes((CORPUS / "tab-indent.yaml").read_bytes())
    before = tree(fake_site)
    result = run_build(fake_site, "check")
    assert result.returncode == 1 and "content/messages.yaml:6:1:" in result.stderr
    assert_no_traceback(result)
    assert tree(fake_site) == before


def test_bad_reference_exits_1_with_its_line(fake_site):
    text = (fake_site / "content/qa.yaml").read_text(encoding="utf-8")
    leaf = text.split("    leaflet: ", 1)[1].split("\n", 1)[0]
    line = text[: text.index("    leaflet: " + leaf)].count("\n") + 1
    (fake_site / "content/qa.yaml").write_text(text.replace("    leaflet: " + leaf, "    leaflet: khong-co", 1),
                                               encoding="utf-8")
    before = tree(fake_site / "site")
    result = run_build(fake_site)
    assert result.returncode == 1 and f"content/qa.yaml:{line}:" in result.stderr
    assert tree(fake_site / "site") == before


def test_internal_error_exits_3_without_traceback(monkeypatch, capsys, tmp_path):
    from bhxhpub import cli
    from bhxhpub.pipeline import run as pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("hỏng")
    monkeypatch.setattr(pipeline, "build", boom)
    monkeypatch.delenv("BHXH_DEBUG", raising=False)
    assert cli.main([], root=tmp_path) == 3
    err = capsys.readouterr().err
    assert "Lỗi nội bộ" in err and "Traceback" not in err


# --- hostile text: escaped wherever it lands, nothing fetched ---------------------------------------------

MARK = "ZQX"
PAYLOADS = {
    "script": f"<script>alert('{MARK}1')</script>",
    "img": f"<img src=x onerror=alert('{MARK}2')>",
    "mdlink": f"[bấm vào đây](javascript:alert('{MARK}3'))",
    "template": f"{{{{ 7*7 }}}}{MARK}4{{% raw %}}",
    "attr_list": f"{{: onclick=\"alert('{MARK}5')\" }}",
    "autolink": f"<javascript:alert('{MARK}6')>",
    "data": f"[tải](data:text/html;base64,PHNjcmlwdD4={MARK}7)",
    "close": f"</title></textarea><svg onload=alert('{MARK}8')>",
    "entity": f"&lt;b&gt;{MARK}9 &amp; \"ngoặc\" 'đơn'",
    "fetch": f"![ảnh](file:///etc/passwd) ![ảnh](https://example.com/{MARK}10.png)",
}
COLON = "Lưu ý: "


def _replace_value(text: str, key: str, value: str, nth: int = 0) -> str:
    """Set the nth `key:` (one line, or a folded/indented block) to a double-quoted value."""
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if re.match(rf"^\s*(- )?{key}: ", line)]
    i = hits[nth]
    head = re.match(rf"^(\s*(?:- )?{key}: )", lines[i]).group(1)
    column = len(head) - len(key) - 2  # where the key starts
    j = i + 1
    while j < len(lines) and lines[j].strip() and len(lines[j]) - len(lines[j].lstrip(" ")) > column:
        j += 1
    lines[i:j] = [head + json.dumps(value, ensure_ascii=False)]
    return "\n".join(lines)


def _inject(path: Path, edits: list[tuple[str, str, int]]) -> None:
    text = path.read_text(encoding="utf-8")
    for key, value, nth in edits:
        text = _replace_value(text, key, value, nth)
    path.write_text(text, encoding="utf-8")


def _sources(root: Path, folder: str) -> list[Path]:
    return sorted(p for p in (root / folder).glob("*.yaml") if "." not in p.stem)


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.script: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style", "title"):
            self._in.append(tag)
        if tag in ("title", "textarea"):  # text only up to the closing tag, as browsers read them
            self.set_cdata_mode(tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in and self._in[-1] == "script":
            self.script.append(data)
        else:
            self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One build of the shipped content with hostile text in every kind of field, network disabled."""
    base = tmp_path_factory.mktemp("hostile")
    proj = copy_project(base / "proj")
    P = PAYLOADS
    c = proj / "content"
    _inject(c / "messages.yaml", [("text", P["script"] + " " + P["mdlink"], 0), ("text", P["template"], 1),
                                  ("text", P["attr_list"], 2)])
    _inject(_sources(proj, "slogans")[0], [("text", P["img"], 0), ("text", P["autolink"], 1), ("text", P["close"], 2)])
    leaflet = _sources(proj, "leaflets")[0]
    _inject(leaflet, [("title", COLON + P["script"], 0), ("summary", P["mdlink"] + " " + P["entity"], 0),
                      ("question", P["img"], 0), ("answer", P["data"], 0), ("call_to_action", P["fetch"], 0)])
    _inject(c / "qa.yaml", [("question", COLON + P["close"], 0), ("answer", P["template"] + " " + P["mdlink"], 0)])
    _inject(c / "audiences.yaml", [("name", P["close"], 0), ("who", P["attr_list"], 0), ("name", P["script"], 1)])
    _inject(c / "periods.yaml", [("name", P["img"], 0), ("theme", P["entity"], 0)])
    settings = c / "settings.yaml"  # hostile words are long: let every large format take them, small
    settings.write_text(re.sub(r"min_letter_mm: \d+", "min_letter_mm: 1", settings.read_text(encoding="utf-8")), encoding="utf-8")
    _inject(c / "settings.yaml", [("title", P["img"], 0), ("description", P["close"], 0), ("name", P["entity"], 0),
                                  ("native_name", P["img"], 1)])
    # a translation (shown on /en/) with hostile text: the 4th message, whose source is unchanged
    mid = re.findall(r"^  - id: (\S+)", (c / "messages.yaml").read_text(encoding="utf-8"), flags=re.M)[3]
    en = c / "messages.en.yaml"
    if en.exists():
        text = en.read_text(encoding="utf-8")
        nth = len(re.findall(r"^\s*text: ", text[: text.index(f"  {mid}:\n")], flags=re.M))
        _inject(en, [("text", P["img"] + " " + P["mdlink"], nth)])
    log = base / "network.log"
    guard = base / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NETWORK_GUARD, encoding="utf-8")
    result = run_build(proj, env={"PYTHONPATH": str(guard), "BHXH_NET_LOG": str(log)})
    return proj, result, log, leaflet.stem


NETWORK_GUARD = '''
import os, socket
_log = os.environ.get("BHXH_NET_LOG")
def _deny(kind):
    def deny(*args, **kwargs):
        if _log:
            with open(_log, "a") as fh:
                fh.write(kind + " " + repr(args[1:3] if kind == "connect" else args[:2]) + "\\n")
        raise OSError("network access is disabled during the build")
    return deny
_connect = socket.socket.connect
def _guarded_connect(self, address):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _connect(self, address)
    return _deny("connect")(self, address)
socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect
socket.create_connection = _deny("create_connection")
socket.getaddrinfo = _deny("getaddrinfo")
'''


def test_hostile_text_builds(hostile):
    proj, result, log, _ = hostile
    assert_built(result)
    assert_no_traceback(result)


def test_nothing_is_fetched_from_the_network_at_build_time(hostile):
    proj, result, log, _ = hostile
    assert_built(result)
    assert not log.exists(), log.read_text()


def _pages(proj: Path) -> list[Path]:
    return sorted((proj / "site").rglob("*.html"))


def test_no_live_tag_handler_or_script_link_from_content_on_any_page(hostile):
    proj, result, _, _ = hostile
    assert_built(result)
    bad = []
    for path in _pages(proj):
        page = parse(path)
        rel = path.relative_to(proj / "site").as_posix()
        for tag, attrs in page.tags:
            for name, value in attrs.items():
                if name.startswith("on"):
                    bad.append(f"{rel}: <{tag} {name}={value!r}>")
                if name in ("href", "src", "action", "formaction", "xlink:href", "data") and \
                        re.match(r"\s*(javascript|data|vbscript|file):", html.unescape(value), re.I):
                    bad.append(f"{rel}: <{tag} {name}={value!r}>")
            if tag in ("svg", "iframe", "object", "embed") and MARK in json.dumps(attrs):
                bad.append(f"{rel}: <{tag} {attrs}>")
        if any(MARK in s for s in page.script):
            bad.append(f"{rel}: content inside <script>")
    assert not bad, "\n".join(bad[:30])


def _text(path: Path) -> str:
    return " ".join("".join(parse(path).text).split())


@pytest.mark.parametrize("page,payloads", [
    ("index.html", ["script", "mdlink"]),
    ("thong-diep/index.html", ["script", "mdlink", "template", "attr_list"]),
    ("khau-hieu/index.html", ["img", "autolink", "close"]),
    ("hoi-dap/index.html", ["close", "template", "mdlink"]),
    ("lich-truyen-thong/index.html", ["img", "entity"]),
    ("doi-tuong/index.html", ["close", "script"]),
    ("en/thong-diep/index.html", ["img", "mdlink"]),
])
def test_hostile_text_is_shown_as_text(hostile, page, payloads):
    proj, result, _, _ = hostile
    assert_built(result)
    shown = _text(proj / "site" / page)
    for key in payloads:
        assert " ".join(PAYLOADS[key].split()) in shown, (page, key)
    assert f"49{MARK}4" not in shown  # {{ 7*7 }} was never evaluated


def test_leaflet_page_shows_every_hostile_field_as_text(hostile):
    proj, result, _, leaflet = hostile
    assert_built(result)
    path = next((proj / "site").glob(f"*/{leaflet}/index.html"))
    shown = _text(path)
    for key in ("script", "mdlink", "entity", "img", "data", "fetch"):
        assert " ".join(PAYLOADS[key].split()) in shown, key
    raw = path.read_text(encoding="utf-8")
    assert "<p>title:" not in raw and "description:" not in shown  # the front matter did not leak into the page
    title = re.search(r"<title>(.*?)</title>", raw, re.S).group(1)
    assert "<" not in title and MARK in html.unescape(title)


def test_hostile_text_in_the_search_index_is_data(hostile):
    proj, result, _, _ = hostile
    assert_built(result)
    index = json.loads((proj / "site" / "assets" / "search-index.json").read_text(encoding="utf-8"))
    assert any(PAYLOADS["script"] in d["x"] or PAYLOADS["script"] in d["t"] for d in index["docs"])


def test_hostile_text_in_pdfs_is_printed_as_text(hostile):
    pypdf = pytest.importorskip("pypdf")
    proj, result, _, leaflet = hostile
    assert_built(result)
    pdfs = sorted((proj / "site" / "pdf").rglob(f"{leaflet}-*.pdf"))
    assert pdfs
    for pdf in pdfs:
        text = "".join("".join(p.extract_text() or "" for p in pypdf.PdfReader(pdf).pages).split()).lower()
        assert f"<script>alert('{MARK}1')</script>".lower() in text, pdf.name


# --- failures of the build itself ----------------------------------------------------------------------------

def _wait_for(predicate, timeout: float = 120.0, proc: subprocess.Popen | None = None) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        if proc is not None and proc.poll() is not None:
            return predicate()
        time.sleep(0.02)
    return False


def _interrupt(proj: Path, sig: int) -> subprocess.CompletedProcess:
    """Start a build, wait until its temporary folder exists and work is under way, send sig."""
    proc = start_build(proj)
    started = _wait_for(lambda: any(p.name.startswith(".site-build-") for p in proj.iterdir()), proc=proc)
    if not started:
        out, err = proc.communicate()
        pytest.fail(f"the build never created its temporary folder (exit {proc.returncode}):\n{err[-2000:]}")
    time.sleep(0.5)  # mid-way: rendering PDFs or pages
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_ctrl_c_mid_build_keeps_the_site_and_cleans_up(built_copy):
    before = tree(built_copy / "site")
    result = _interrupt(built_copy, signal.SIGINT)
    assert result.returncode == 130, result.stderr[-2000:]
    assert "Đã dừng giữa chừng" in result.stderr
    assert_no_traceback(result)
    assert tree(built_copy / "site") == before
    assert leftovers(built_copy) == []


def test_kill_mid_build_keeps_the_site_and_the_next_build_works(built_copy):
    before = tree(built_copy / "site")
    result = _interrupt(built_copy, signal.SIGTERM)
    assert result.returncode == 130, result.stderr[-2000:]
    assert_no_traceback(result)
    assert tree(built_copy / "site") == before and leftovers(built_copy) == []

    result = _interrupt(built_copy, signal.SIGKILL)
    assert result.returncode == -signal.SIGKILL
    assert tree(built_copy / "site") == before
    assert leftovers(built_copy), "killed mid-way: its temporary folder is still there"

    again = run_build(built_copy)
    assert_built(again)
    assert leftovers(built_copy) == []  # cleaned by the next build
    assert tree(built_copy / "site") == before  # same input, same output


def test_swap_never_leaves_the_site_missing(tmp_path, monkeypatch):
    from bhxhpub.pipeline import staging
    out, new = tmp_path / "site", tmp_path / ".site-build-x" / "site"
    out.mkdir()
    (out / "old.html").write_text("old")
    new.mkdir(parents=True)
    (new / "new.html").write_text("new")
    staging.swap_in(new, out)
    assert [p.name for p in out.iterdir()] == ["new.html"] and not new.exists()

    # where the one-step exchange is missing, a kill between the two renames is undone by the next build
    (new).mkdir()
    (new / "newer.html").write_text("newer")
    monkeypatch.setattr(staging, "exchange", lambda a, b: False)
    real_rename, calls = os.rename, []

    def killed_after_first(a, b):
        calls.append(a)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_rename(a, b)
    monkeypatch.setattr(staging.os, "rename", killed_after_first)
    with pytest.raises(KeyboardInterrupt):
        staging.swap_in(new, out)
    monkeypatch.setattr(staging.os, "rename", real_rename)
    assert not out.exists()
    staging.recover(out)
    assert [p.name for p in out.iterdir()] == ["new.html"]
    assert leftovers(tmp_path) == []


def test_the_old_site_is_deleted_after_the_command_returns_and_abandoned_trash_by_the_next_build(tmp_path):
    from bhxhpub.pipeline import staging
    out = tmp_path / "site"
    out.mkdir()
    with staging.staging_folder(out, later=True) as folder:
        for i in range(50):  # a province's site has hundreds of folders
            (folder / "site" / f"xa-{i}").mkdir(parents=True)
            (folder / "site" / f"xa-{i}" / "to-roi.pdf").write_bytes(b"%PDF")
    assert not folder.exists()  # gone from its place at once: renamed to trash, being deleted
    assert leftovers(tmp_path) == []  # and the detached removal finishes

    abandoned = tmp_path / ".site-trash-1-2"  # a removal killed half-way
    (abandoned / "x").mkdir(parents=True)
    recent = tmp_path / ".site-trash-3-4"  # one still running: left to its process
    recent.mkdir()
    old = time.time() - staging.TRASH_AGE - 60
    os.utime(abandoned, (old, old))
    staging.recover(out)
    assert not abandoned.exists() and recent.exists()


def test_two_builds_at_once_both_finish_and_the_site_is_whole(built_copy, good):
    expected = tree(good / "site")
    procs = [start_build(built_copy), start_build(built_copy)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    for r in results:
        assert_built(r)
        assert_no_traceback(r)
    assert any("Đang có một lần dựng trang khác chạy" in r.stderr for r in results)  # one waited for the lock
    assert tree(built_copy / "site") == expected
    assert leftovers(built_copy) == []


def test_same_input_same_output_in_another_folder(good, tmp_path):
    """Another checkout of the same input (copied from the first, not from the working tree that
    editors may be changing) builds to byte-identical pages and PDFs, SOURCE_DATE_EPOCH fixed."""
    other = tmp_path / "another" / "checkout"
    top = {"site", ".build.lock", ".cache"}  # no cache: the other checkout renders everything itself
    shutil.copytree(good, other, symlinks=True, ignore=lambda d, names: top & set(names) if Path(d) == good else ())
    assert_built(run_build(other))
    first, second = tree(good / "site"), tree(other / "site")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == [], [k for k in first if first[k] != second[k]]
    assert any(k.endswith(".pdf") for k in first)


@pytest.mark.parametrize("where", ["under-a-file", "proc"])
def test_output_that_cannot_be_written(built_copy, where):
    """Tests run as root, which can write anywhere chmod forbids: use a path below a file, or /proc."""
    if where == "under-a-file":
        (built_copy / "a-file").write_text("x")
        out = built_copy / "a-file" / "site"
    else:
        out = Path("/proc/bhxh-site-test")
    before = tree(built_copy / "site")
    result = run_build(built_copy, "--out", str(out))
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Lỗi khi dựng" in result.stderr and "giữ nguyên" in result.stderr
    assert_no_traceback(result)
    assert tree(built_copy / "site") == before
    assert not out.exists()


@pytest.mark.parametrize("out", [".", "content", "leaflets/site", "..", "papers"])
def test_output_folder_that_would_replace_the_project_or_other_files_is_refused(fake_site, out):
    """The output folder is replaced as a whole: --out . or --out content would have deleted the content."""
    (fake_site / "papers").mkdir()
    (fake_site / "papers" / "ke-hoach.docx").write_bytes(b"not a site")
    before = tree(fake_site.parent)
    result = run_build(fake_site, "--out", out)
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Không dựng trang vào" in result.stderr
    assert_no_traceback(result)
    assert tree(fake_site.parent) == before


def test_missing_font_file_is_a_build_error_naming_it(built_copy):
    font = built_copy / "theme" / "fonts" / "NotoSans-Regular.ttf"
    font.unlink()
    shutil.rmtree(built_copy / ".cache", ignore_errors=True)
    before = tree(built_copy / "site")
    result = run_build(built_copy)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "NotoSans-Regular" in result.stderr
    assert_no_traceback(result)
    assert tree(built_copy / "site") == before
    assert leftovers(built_copy) == []


@pytest.mark.parametrize("resource", ["https://example.com/x.png", "file:///etc/passwd", "../../../../etc/passwd"])
def test_pdf_that_cannot_be_rendered_keeps_the_site(built_copy, resource, tmp_path):
    """A PDF stylesheet asking for a remote or outside file: refused (nothing fetched), exit 2, site kept."""
    css = built_copy / "theme" / "pdf" / "leaflet.css"
    css.write_text(css.read_text(encoding="utf-8") + f'\nbody {{ background-image: url("{resource}"); }}\n',
                   encoding="utf-8")
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NETWORK_GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    before = tree(built_copy / "site")
    result = run_build(built_copy, env={"PYTHONPATH": str(guard), "BHXH_NET_LOG": str(log)})
    assert result.returncode == 2, result.stderr[-2000:]
    assert "PDF" in result.stderr
    assert_no_traceback(result)
    assert tree(built_copy / "site") == before
    assert leftovers(built_copy) == []
    assert not log.exists()


# --- the preview server ---------------------------------------------------------------------------------------

def test_serve_listens_on_localhost_by_default(monkeypatch, tmp_path):
    import inspect

    from bhxhpub import cli
    from bhxhpub.pipeline import serve
    assert cli.parser().parse_args(["serve"]).host == "127.0.0.1"
    assert inspect.signature(serve.serve).parameters["host"].default == "127.0.0.1"
    bound = []

    class Recorder(serve.PreviewServer):
        def __init__(self, address, handler):
            bound.append(address[0])
            super().__init__((address[0], 0), handler)
    monkeypatch.setattr(serve, "PreviewServer", Recorder)
    monkeypatch.setattr(serve, "_rebuild", lambda *a, **k: True)
    real_serve = serve.serve
    monkeypatch.setattr(serve, "serve", lambda root, host, port, release=False: real_serve(
        root, host, port, release=release, interval=0.05, max_seconds=0.2))
    assert cli.main(["serve"], root=tmp_path) == 0
    assert bound == ["127.0.0.1"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "0.0.0.0" not in makefile


def test_site_folder_as_a_symlink_loop_is_a_clear_error(tmp_path):
    proj = copy_project(tmp_path / "proj")
    (proj / "site2").symlink_to(proj / "site")
    (proj / "site").symlink_to(proj / "site2")
    result = run_build(proj)
    assert result.returncode == 2, result.stderr
    assert "trỏ vòng" in result.stderr and "Lỗi nội bộ" not in result.stderr
    assert_no_traceback(result)
    assert (proj / "site").is_symlink() and leftovers(proj) == []


@pytest.mark.parametrize("value", ["99999999999999", "2026-05-01", "-5"])
def test_a_source_date_epoch_that_is_not_a_date_is_a_clear_error_and_keeps_the_site(fake_site, value):
    before = tree(fake_site / "site")
    result = run_build(fake_site, env={"SOURCE_DATE_EPOCH": value})
    assert result.returncode == 2, result.stderr
    assert f"SOURCE_DATE_EPOCH=“{value}” không hợp lệ" in result.stderr
    assert_no_traceback(result)
    assert tree(fake_site / "site") == before


# --- round two: files outside the project, field lengths, reserved ids, one rule for extensions ----------------

def _fails_with(proj: Path, code: int, *words: str):
    """A build of proj that fails with exit `code`, a message holding every word, no traceback, site/ as it was."""
    before = tree(proj / "site")
    result = run_build(proj)
    assert result.returncode == code, result.stdout + result.stderr
    for w in words:
        assert w in result.stderr, (w, result.stderr[-2000:])
    assert_no_traceback(result)
    assert tree(proj / "site") == before and leftovers(proj) == []
    return result


@pytest.mark.parametrize("folder", ["content", "slogans", "leaflets", "leaflets-translation"])
def test_a_content_file_linked_from_outside_the_project_is_never_read(fake_site, tmp_path, folder):
    outside = tmp_path / "outside.yaml"
    outside.write_text("slogans:\n  - id: bi-mat\n    text: BÍ MẬT NGOÀI DỰ ÁN\n", encoding="utf-8")
    name = {"content": "content/qa.yaml", "slogans": "slogans/khau-hieu-ngoai.yaml",
            "leaflets": "leaflets/to-roi-ngoai.yaml",
            "leaflets-translation": "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.en.yaml"}[folder]
    target = fake_site / name
    target.unlink(missing_ok=True)
    target.symlink_to(outside)
    result = _fails_with(fake_site, 1, name, "ngoài thư mục dự án")
    assert "BÍ MẬT" not in result.stdout + result.stderr


@pytest.mark.parametrize("rel", ["theme/assets/site.css", "theme/site/contacts.md.j2", "theme/pdf/leaflet.css",
                                 "theme/assets/them.js"])
def test_a_theme_file_linked_from_outside_the_project_is_refused(fake_site, tmp_path, rel):
    outside = tmp_path / "outside.txt"
    outside.write_text("/* bí mật */", encoding="utf-8")
    (fake_site / rel).unlink(missing_ok=True)
    (fake_site / rel).symlink_to(outside)
    _fails_with(fake_site, 2, rel, "ngoài thư mục theme/")


def test_a_200000_character_field_is_refused_before_any_rendering(fake_site):
    path = fake_site / "leaflets" / "vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle: ", "\ntitle: " + "A" * 200_000 + " ", 1), encoding="utf-8")
    _fails_with(fake_site, 1, "leaflets/vi-sao-khong-nen-nhan-bhxh-mot-lan.yaml:", "“title” dài 200",
                "vượt giới hạn 150 ký tự")


def test_a_long_bullet_in_a_translation_is_refused_with_its_limit(fake_site):
    path = fake_site / "leaflets" / "vi-sao-khong-nen-nhan-bhxh-mot-lan.en.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nsummary: >-\n", "\nsummary: >-\n  " + "word " * 200 + "\n", 1), encoding="utf-8")
    _fails_with(fake_site, 1, "vi-sao-khong-nen-nhan-bhxh-mot-lan.en.yaml:", "vượt giới hạn 600 ký tự")


@pytest.mark.parametrize("locale_id", ["assets", "pdf", "to-roi", "tim-kiem", "bao-cao-dich"])
def test_a_locale_id_that_is_a_folder_of_the_site_is_refused(fake_site, locale_id):
    path = fake_site / "content" / "settings.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: en\n", f"  - id: {locale_id}\n", 1), encoding="utf-8")
    for f in fake_site.rglob("*.en.yaml"):
        f.rename(f.with_name(f.name.replace(".en.yaml", f".{locale_id}.yaml")))
    _fails_with(fake_site, 1, f"Mã ngôn ngữ “{locale_id}” trùng tên một thư mục")


@pytest.mark.parametrize("name", ["con", "nul", "com1", "lpt9"])
def test_ids_windows_cannot_use_are_refused(fake_site, name):
    path = fake_site / "slogans" / "khau-hieu-2021.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: ", f"  - id: {name}\n    text: Khẩu hiệu thêm\n    audiences: [nong-dan]\n"
                                 "    source: thử\n    status: draft\n    reviewed: 2026-11-21\n  - id: ", 1), encoding="utf-8")
    _fails_with(fake_site, 1, f"Mã “{name}”", "tên dành riêng của Windows")


@pytest.mark.parametrize("name", ["slogans/khau-hieu-them.yml", "slogans/KHAU-HIEU.YAML", "leaflets/to-roi-moi.YAML",
                                  "content/qa-them.yml"])
def test_a_yml_or_upper_case_yaml_file_is_reported_never_skipped(fake_site, name):
    (fake_site / name).write_text("slogans: []\n", encoding="utf-8")
    _fails_with(fake_site, 1, name, "phải có đuôi .yaml")


def test_a_file_name_with_html_is_shown_as_text_on_the_report_page(good, tmp_path):
    proj = tmp_path / "proj"
    shutil.copytree(good, proj, symlinks=True, ignore=lambda d, names: {"site", ".build.lock"} & set(names) if Path(d) == good else ())
    name = 'x`<img src=x onerror=alert(1)>`.yaml'
    (proj / "slogans" / name).write_text(
        "slogans:\n  - id: them-mot\n    text: Thêm một khẩu hiệu\n    audiences: [nong-dan]\n    source: thử\n"
        "    status: approved\n    reviewed: 2026-11-21\n", encoding="utf-8")
    assert_built(run_build(proj))
    page = (proj / "site" / "bao-cao-dich" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the name is there, as text
    assert "<img src=x" not in page and "onerror=alert" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")


def test_a_file_name_with_terminal_escapes_is_shown_harmless(fake_site):
    name = "khau-hieu-\x1b]0;pwned\x07\x1b[2J.yaml"
    (fake_site / "slogans" / name).write_text("slogans:\n  - id: [unclosed\n", encoding="utf-8")
    result = _fails_with(fake_site, 1, "<U+001B>]0;pwned<U+0007><U+001B>[2J.yaml")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def _expire_the_rate(proj: Path) -> None:
    """The contribution rate stops applying on 31/12/2025 (before the test builds' date, 27/05/2026)."""
    path = proj / "content" / "facts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    valid_from: 2025-07-01\n", "    valid_from: 2025-07-01\n    valid_until: 2025-12-31\n", 1), encoding="utf-8")


def test_an_expired_figure_is_a_warning_in_a_preview(fake_site):
    _expire_the_rate(fake_site)
    result = run_build(fake_site)
    assert_built(result)
    assert "Cảnh báo" in result.stderr
    assert "“ty-le-dong-bhxh-tu-nguyen” nhưng số liệu này không có giá trị áp dụng ngày 27/05/2026" in result.stderr


def test_an_expired_figure_stops_a_release_that_publishes_it(fake_site):
    _expire_the_rate(fake_site)
    with open(fake_site / "content" / "qa.yaml", "a", encoding="utf-8") as f:
        f.write("\n  - id: ty-le-dong\n    question: Đóng bao nhiêu phần trăm?\n"
                "    answer: Mỗi tháng đóng [[ty-le-dong-bhxh-tu-nguyen]] thu nhập bạn chọn.\n"
                "    status: approved\n    reviewed: 2026-11-21\n")
    messages = fake_site / "content" / "messages.yaml"
    messages.write_text(messages.read_text(encoding="utf-8").replace("status: draft", "status: approved", 1), encoding="utf-8")
    before = tree(fake_site / "site")
    result = run_build(fake_site, "--release")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/qa.yaml:" in result.stderr and "content/facts.yaml:" in result.stderr
    assert "“ty-le-dong” dùng số liệu “ty-le-dong-bhxh-tu-nguyen” nhưng số liệu này không có giá trị áp dụng ngày 27/05/2026" \
        in result.stderr
    assert_no_traceback(result)
    assert tree(fake_site / "site") == before
