"""Live preview: serves on 127.0.0.1, rebuilds when a YAML file changes, keeps the last good preview on errors."""
from __future__ import annotations

import faulthandler
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest  # noqa: I001

from tests.support import ROOT, build_env, cli_command, copy_project

pytestmark = pytest.mark.cli  # runs the real command line on a copied project (make test-fast leaves it out)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def _wait_for(pred, seconds: float = 120) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if pred():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    # where every thread of this process is (the in-process preview's included), for a failure seen once
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    return False


def test_preview_listens_on_loopback_and_rebuilds_when_yaml_changes(tmp_path, monkeypatch, good):
    from bhxhpub.pipeline import serve as serve_mod

    proj = copy_project(tmp_path / "p", outputs_from=good)
    # keep the preview quick: only Vietnamese
    settings = proj / "content" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.split("  - id: en\n")[0] + text[text.index("# Bảng ví dụ"):], encoding="utf-8")
    for f in proj.rglob("*.en.yaml"):
        f.unlink()
    port = _free_port()
    bound = {}

    class Spy(serve_mod.PreviewServer):
        def __init__(self, addr, handler):
            bound["addr"] = addr
            super().__init__(addr, handler)

    monkeypatch.setattr(serve_mod, "PreviewServer", Spy)
    t = threading.Thread(target=serve_mod.serve, args=(proj,), kwargs={"port": port, "interval": 0.3, "max_seconds": 150},
                         daemon=True)
    t.start()
    url = f"http://127.0.0.1:{port}/khau-hieu/"
    assert _wait_for(lambda: "Hành động ngay" in _get(url))
    assert bound["addr"] == ("127.0.0.1", port)

    slogans = proj / "slogans" / "khau-hieu-2021.yaml"
    slogans.write_text(slogans.read_text(encoding="utf-8").replace(
        "Hành động ngay để hệ thống BHXH bền vững hơn", "Hành động ngay hôm nay XEM-TRUOC"), encoding="utf-8")
    assert _wait_for(lambda: "XEM-TRUOC" in _get(url))

    # a broken file: the last good preview keeps being served
    slogans.write_text(slogans.read_text(encoding="utf-8") + "\n  - id: [unclosed\n", encoding="utf-8")
    time.sleep(3)
    assert "XEM-TRUOC" in _get(url)


def _vi_only(proj: Path) -> Path:
    """Keep previews quick in tests: only the Vietnamese locale."""
    settings = proj / "content" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.split("  - id: en\n")[0] + text[text.index("# Bảng ví dụ"):], encoding="utf-8")
    for f in proj.rglob("*.*.yaml"):
        f.unlink()
    return proj


def test_a_port_in_use_is_named_at_once_before_any_build(tmp_path, capsys):
    from bhxhpub import cli
    proj = copy_project(tmp_path / "p")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = cli.main(["serve", "--port", str(port)], root=proj)
    err = capsys.readouterr().err
    assert code == 2
    assert f"Cổng {port}" in err and f"--port {port + 1}" in err and "Traceback" not in err
    assert not (proj / ".preview" / "index.html").exists(), "nothing is built when the port is taken"


def _serve_files(tmp_path: Path, files: dict[str, bytes]):
    """A preview server over a prepared .preview/ folder (no build), on a free port."""
    from bhxhpub.pipeline.serve import PreviewState, open_server
    root = tmp_path / "proj"
    (root / "theme" / "preview").mkdir(parents=True)
    (root / "theme" / "preview" / "reload.js").write_bytes((ROOT / "theme/preview/reload.js").read_bytes())
    for name, data in files.items():
        target = root / ".preview" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    state = PreviewState()
    httpd = open_server(root, "127.0.0.1", 0, state)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, state, f"http://127.0.0.1:{httpd.server_address[1]}"


def test_preview_pages_get_the_reload_script_and_the_state_but_files_do_not(tmp_path):
    page = b"<html><body><p>trang</p></body></html>"
    httpd, state, url = _serve_files(tmp_path, {"index.html": page, "a/index.html": page, "x.pdf": b"%PDF-1.7"})
    try:
        assert '<script src="/__xem-truoc__/tai-lai.js" defer></script></body>' in _get(url + "/")
        assert "tai-lai.js" in _get(url + "/a/")
        assert "location.reload" in _get(url + "/__xem-truoc__/tai-lai.js")
        state.succeeded()
        state.failed("content/qa.yaml:3:5: Trường “question” đang để trống.")
        got = json.loads(_get(url + "/__xem-truoc__/trang-thai"))
        assert got == {"build": 1, "error": "content/qa.yaml:3:5: Trường “question” đang để trống."}
        with urllib.request.urlopen(url + "/x.pdf", timeout=10) as r:
            assert r.read() == b"%PDF-1.7"
        assert (tmp_path / "proj" / ".preview" / "index.html").read_bytes() == page  # files are never changed
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_browser_aborting_a_download_prints_nothing(tmp_path, capfd):
    big = os.urandom(8 * 1024 * 1024)
    httpd, _state, url = _serve_files(tmp_path, {"big.pdf": big})
    port = httpd.server_address[1]
    try:
        for _ in range(5):
            with socket.create_connection(("127.0.0.1", port)) as s:
                s.sendall(b"GET /big.pdf HTTP/1.1\r\nHost: x\r\n\r\n")
                s.recv(1000)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, like a closed tab
        time.sleep(1.0)
        with urllib.request.urlopen(url + "/big.pdf", timeout=30) as r:  # and it still serves whole files
            assert r.read() == big
    finally:
        httpd.shutdown()
        httpd.server_close()
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "BrokenPipe" not in out + err and "ConnectionReset" not in out + err


def test_an_idle_browser_connection_does_not_keep_ctrl_c_waiting(tmp_path, good):
    proj = _vi_only(copy_project(tmp_path / "p", outputs_from=good))
    port = _free_port()
    proc = subprocess.Popen(cli_command(proj, "serve", "--port", str(port)), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=build_env())
    try:
        assert _wait_for(lambda: "trang" in _get(f"http://127.0.0.1:{port}/").lower())
        idle = socket.create_connection(("127.0.0.1", port))  # a browser that connected and sends nothing
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        idle.close()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode in (0, 130), err
    assert "Traceback" not in err


def test_preview_page_reloads_itself_and_shows_an_error_overlay_until_fixed(tmp_path, page, good):
    from bhxhpub.pipeline import serve as serve_mod
    proj = _vi_only(copy_project(tmp_path / "p", outputs_from=good))
    port = _free_port()
    t = threading.Thread(target=serve_mod.serve, args=(proj,), kwargs={"port": port, "interval": 0.3, "max_seconds": 240},
                         daemon=True)
    t.start()
    url = f"http://127.0.0.1:{port}/khau-hieu/"
    assert _wait_for(lambda: "Hành động ngay" in _get(url))
    page.goto(url)
    slogans = proj / "slogans" / "khau-hieu-2021.yaml"
    good = slogans.read_text(encoding="utf-8")
    slogans.write_text(good.replace("Hành động ngay để hệ thống BHXH bền vững hơn", "Hành động ngay TỰ-TẢI-LẠI"),
                       encoding="utf-8")
    page.wait_for_function("document.body && document.body.innerText.includes('TỰ-TẢI-LẠI')", timeout=120_000)  # no reload by hand

    slogans.write_text(good.replace("  - id: ", "  - id: [unclosed\n  - id: ", 1), encoding="utf-8")
    overlay = page.locator("#xem-truoc-loi")
    overlay.wait_for(timeout=120_000)
    text = overlay.inner_text()
    assert "slogans/khau-hieu-2021.yaml:" in text and "Cách sửa" in text, text
    assert "TỰ-TẢI-LẠI" in page.locator("body").inner_text()  # the last good preview stays underneath

    slogans.write_text(good, encoding="utf-8")
    page.wait_for_function("!document.getElementById('xem-truoc-loi') && "
                           "document.body && document.body.innerText.includes('Hành động ngay để hệ thống')", timeout=120_000)


# --- hostile requests (issue 25): nothing outside the built preview, bounded connections ----------------------

def _raw(port: int, target: bytes, method: bytes = b"GET") -> tuple[int, bytes]:
    """A request sent byte for byte (no client normalises the path); the status and the whole response."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(method + b" " + target + b" HTTP/1.0\r\nHost: x\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


def test_nothing_outside_the_built_preview_is_served_whatever_the_path(tmp_path, capfd):
    page = b"<html><body><p>trang</p></body></html>"
    httpd, _state, _url = _serve_files(tmp_path, {"index.html": page, "a/index.html": page, "empty/.keep": b""})
    root = tmp_path / "proj"
    for rel in ("content/qa.yaml", ".git/config", ".venv/pyvenv.cfg", "content/.hidden"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"SECRET " + rel.encode())
    (root / ".preview" / ".git").mkdir()
    (root / ".preview" / ".git" / "config").write_bytes(b"SECRET in-site .git")
    (root / ".preview" / "link.yaml").symlink_to(root / "content" / "qa.yaml")
    (root / ".preview" / "project").symlink_to(root)
    (root / ".preview" / "inside.html").symlink_to(root / ".preview" / "index.html")  # inside: served
    port = httpd.server_address[1]
    abs_qa = urllib.parse.quote(str(root / "content" / "qa.yaml")).encode()
    hostile = [
        b"/../content/qa.yaml", b"/a/../../content/qa.yaml", b"/%2e%2e/content/qa.yaml", b"/%2E%2E%2Fcontent%2Fqa.yaml",
        b"/%252e%252e/content/qa.yaml", b"/..%5ccontent%5cqa.yaml", b"/..\\content\\qa.yaml", b"/%c0%ae%c0%ae/content/qa.yaml",
        b"/%c0%af../content/qa.yaml", b"/%ed%a0%80", b"/index.html%00.yaml", b"/%00/../content/qa.yaml",
        b"//" + abs_qa.lstrip(b"/"), abs_qa, b"http://x/../content/qa.yaml", b"/link.yaml", b"/project/content/qa.yaml",
        b"/project/.git/config", b"/.git/config", b"/%2egit/config", b"/../.venv/pyvenv.cfg", b"/empty/", b"/project/",
        b"/..", b"/./../content/qa.yaml",
    ]
    try:
        for target in hostile:
            for method in (b"GET", b"HEAD"):
                status, data = _raw(port, target, method)
                assert status in (400, 404), (target, status)
                assert b"SECRET" not in data and b"Index of" not in data, target
        assert _raw(port, b"/inside.html")[0] == 200 and _raw(port, b"/a/")[0] == 200
    finally:
        httpd.shutdown()
        httpd.server_close()
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "Lỗi khi gửi" not in out + err, err


def test_hundreds_of_idle_or_polling_connections_do_not_exhaust_the_preview(tmp_path, monkeypatch):
    from bhxhpub.pipeline import serve as serve_mod
    monkeypatch.setattr(serve_mod.PreviewServer, "max_connections", 20)
    monkeypatch.setattr(serve_mod.PreviewHandler, "timeout", 1)
    httpd, _state, url = _serve_files(tmp_path, {"index.html": b"<html><body>trang</body></html>"})
    port = httpd.server_address[1]
    try:
        for _ in range(300):  # a page left open polls the state; hundreds of polls leave nothing behind
            assert json.loads(_get(url + "/__xem-truoc__/trang-thai"))["build"] == 0
        before = threading.active_count()
        idle = [socket.create_connection(("127.0.0.1", port), timeout=60) for _ in range(300)]  # connect, send nothing
        try:
            assert threading.active_count() <= before + 40  # a thread per connection up to the cap (20), not 300
            answers = [s.recv(200) for s in idle]  # every one ends: 503 at once over the cap, closed when idle
            assert all(a == b"" or a.startswith(b"HTTP/1.0 503") for a in answers)
            assert any(a.startswith(b"HTTP/1.0 503") for a in answers)
        finally:
            for s in idle:
                s.close()
        assert _wait_for(lambda: "trang" in _get(url + "/"), seconds=60)  # and the preview answers again
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_file_saved_while_the_first_build_runs_is_built_next(tmp_path, monkeypatch, good):
    from bhxhpub.pipeline import serve as serve_mod

    proj = _vi_only(copy_project(tmp_path / "p", outputs_from=good))
    slogans = proj / "slogans" / "khau-hieu-2021.yaml"
    real, calls = serve_mod._rebuild, []

    def rebuild(*args, **kwargs):
        result = real(*args, **kwargs)
        if not calls:  # the editor saves just as the first build ends
            slogans.write_text(slogans.read_text(encoding="utf-8").replace(
                "Hành động ngay để hệ thống BHXH bền vững hơn", "Hành động ngay hôm nay LUU-KHI-DUNG"), encoding="utf-8")
        calls.append(kwargs.get("previous"))
        return result

    monkeypatch.setattr(serve_mod, "_rebuild", rebuild)
    port = _free_port()
    threading.Thread(target=serve_mod.serve, args=(proj,), kwargs={"port": port, "interval": 0.3, "max_seconds": 150},
                     daemon=True).start()
    assert _wait_for(lambda: "LUU-KHI-DUNG" in _get(f"http://127.0.0.1:{port}/khau-hieu/"))
