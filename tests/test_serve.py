"""Live preview: serves on 127.0.0.1, rebuilds when a YAML file changes, keeps the last good preview on errors."""
from __future__ import annotations

import socket
import threading
import time
import urllib.request
from pathlib import Path

from conftest import copy_project


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
    return False


def test_preview_listens_on_loopback_and_rebuilds_when_yaml_changes(tmp_path, monkeypatch):
    from bhxhpub.build import serve as serve_mod

    proj = copy_project(tmp_path / "p")
    # keep the preview quick: only Vietnamese
    settings = proj / "content" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.split("  - id: en\n")[0] + text[text.index("# Bảng ví dụ"):], encoding="utf-8")
    for f in proj.rglob("*.en.yaml"):
        f.unlink()
    port = _free_port()
    bound = {}
    real = serve_mod.http.server.ThreadingHTTPServer

    class Spy(real):
        def __init__(self, addr, handler):
            bound["addr"] = addr
            super().__init__(addr, handler)

    monkeypatch.setattr(serve_mod.http.server, "ThreadingHTTPServer", Spy)
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
