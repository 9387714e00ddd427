"""Live preview: build into .preview/, serve it on 127.0.0.1, rebuild when content changes.

A failed rebuild prints the Vietnamese problems and keeps serving the last good
preview. Listens on 127.0.0.1 unless --host says otherwise.
"""
from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from pathlib import Path

from ..errors import BuildError, ContentError

WATCHED = ("content", "slogans", "leaflets", "theme", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, float]:
    state: dict[str, float] = {}
    for name in WATCHED:
        base = root / name
        paths = [base] if base.is_file() else base.rglob("*") if base.exists() else []
        for p in paths:
            if p.is_file() and "__pycache__" not in p.parts:
                state[str(p)] = p.stat().st_mtime
    return state


def _rebuild(root: Path, out: Path, release: bool) -> bool:
    from .pipeline import build
    try:
        result = build(root, out=out, release=release)
        print(f"[xem trước] Đã dựng lại trong {result.seconds:.1f} giây.", flush=True)
        return True
    except ContentError as exc:
        print(exc.problems.report(), file=sys.stderr, flush=True)
    except BuildError as exc:
        print(f"Lỗi khi dựng: {exc}", file=sys.stderr, flush=True)
    return False


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, release: bool = False,
          interval: float = 1.0, max_seconds: float | None = None) -> int:
    out = root / ".preview"
    _rebuild(root, out, release)
    out.mkdir(exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(f"Xem trước tại http://{host}:{port}/ (Ctrl-C để dừng). Sửa tệp YAML, trang sẽ tự dựng lại.", flush=True)
    state = snapshot(root)
    started = time.monotonic()
    try:
        while max_seconds is None or time.monotonic() - started < max_seconds:
            time.sleep(interval)
            now = snapshot(root)
            if now != state:
                state = now
                _rebuild(root, out, release)
    except KeyboardInterrupt:
        pass
    finally:
        httpd.shutdown()
    return 0
