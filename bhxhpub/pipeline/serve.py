"""Live preview: build into .preview/, serve it on 127.0.0.1, rebuild when content changes.

The port is taken before anything is built, so a port in use is said at once. Every HTML page
the preview serves gets theme/preview/reload.js added (never the files, never the published
site): the open page reloads after each successful rebuild, and a failed rebuild shows its
Vietnamese problems over the last good preview until a build succeeds again. Browsers that
abort a download are handled quietly.

Only files of the built preview are served: a request whose path is not valid UTF-8, holds a NUL, a
backslash, a `.`-name (`..`, `.git`) or leads, through a symlink, outside .preview/ is answered 404, and
folders are never listed. Connections are bounded: at most MAX_CONNECTIONS at once (more are answered 503
and closed), and one that sends nothing is dropped after IDLE_SECONDS.
"""
from __future__ import annotations

import errno
import functools
import http.server
import json
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError, ContentError, warnings_report

WATCHED = ("content", "slogans", "leaflets", "theme", "mkdocs.yml")
STATE_PATH = "/__xem-truoc__/trang-thai"
SCRIPT_PATH = "/__xem-truoc__/tai-lai.js"
_ABORTED = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)
MAX_CONNECTIONS = 128  # a page polls the state once a second; a few tabs need a handful
IDLE_SECONDS = 10  # a connection that sends no request in this time is closed
_BUSY = ("HTTP/1.0 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/plain; charset=utf-8\r\n"
         "Connection: close\r\n\r\nMáy xem trước đang bận, thử lại sau.\n").encode()


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    state: dict[str, float] = {}
    for name in WATCHED:
        base = root / name
        paths = [base] if base.is_file() else base.rglob("*") if base.exists() else []
        for p in paths:
            if p.is_file() and "__pycache__" not in p.parts:
                state[str(p)] = p.stat().st_mtime
    return state


@dataclass
class PreviewState:
    """What the open pages ask for: the number of the last good build and the last error."""

    build: int = 0
    error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def succeeded(self) -> None:
        with self.lock:
            self.build += 1
            self.error = ""

    def failed(self, message: str) -> None:
        with self.lock:
            self.error = message

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"build": self.build, "error": self.error}, ensure_ascii=False).encode("utf-8")


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves .preview/; adds the reload script to HTML pages; answers the state; stays quiet."""

    state: PreviewState
    script: bytes
    timeout = IDLE_SECONDS  # socket timeout: an idle or slow connection ends (quietly) instead of holding a thread

    def _inside(self, path: str) -> bool:
        """Whether `path` (the URL's path, still %-encoded) names something inside the served folder."""
        try:
            decoded = urllib.parse.unquote(path, errors="strict")
        except UnicodeDecodeError:  # overlong or broken UTF-8
            return False
        if not decoded.startswith("/") or decoded.startswith("//") or "\0" in decoded or "\\" in decoded:
            return False
        if any(part.startswith(".") for part in decoded.split("/")):  # .., ., .git, .venv and every hidden name
            return False
        try:
            base = Path(self.directory).resolve()
            Path(self.translate_path(path)).resolve().relative_to(base)  # symlinks followed, then checked
        except (ValueError, OSError, RuntimeError):
            return False
        return True

    def send_head(self):
        if not self._inside(self.path.split("?", 1)[0].split("#", 1)[0]):
            self.send_error(404, "Not Found", "Không có tệp này trong bản xem trước (.preview/).")
            return None
        return super().send_head()

    def list_directory(self, path):  # a folder without index.html: not listed
        self.send_error(404, "Not Found", "Không có tệp này trong bản xem trước (.preview/).")
        return None

    def log_message(self, format, *args):  # noqa: A002  (the editor's console shows builds, not requests)
        pass

    def handle(self):
        try:
            super().handle()
        except _ABORTED:
            pass  # the browser went away mid-download: nothing to report

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == STATE_PATH:
            return self._send(self.state.as_json(), "application/json; charset=utf-8")
        if path == SCRIPT_PATH:
            return self._send(self.script, "text/javascript; charset=utf-8")
        if not self._inside(path.split("#", 1)[0]):
            self.send_error(404, "Not Found", "Không có tệp này trong bản xem trước (.preview/).")
            return None
        target = Path(self.translate_path(path))
        if target.is_dir() and path.endswith("/"):
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file() and self.script:
            html = target.read_bytes()
            tag = f'<script src="{SCRIPT_PATH}" defer></script>'.encode()
            at = html.rfind(b"</body>")
            html = html[:at] + tag + html[at:] if at >= 0 else html + tag
            return self._send(html, "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # Ctrl-C never waits for a slow or idle browser connection
    max_connections = MAX_CONNECTIONS
    request_queue_size = 64  # connections the kernel keeps waiting for accept()

    def __init__(self, *args, **kwargs):
        self._slots = threading.BoundedSemaphore(self.max_connections)
        super().__init__(*args, **kwargs)

    def process_request(self, request, client_address):
        """A thread per connection, at most `max_connections` at once; one more is answered 503 and closed."""
        if not self._slots.acquire(blocking=False):
            try:
                request.settimeout(1)
                request.sendall(_BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, _ABORTED):
            return
        print(f"[xem trước] Lỗi khi gửi trang cho trình duyệt: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)


def _rebuild(root: Path, out: Path, release: bool, state: PreviewState, previous=None):
    """One build of the preview (with `previous`: the quick pass, Vietnamese pages only); the
    BuildResult, or None after telling the terminal and the open pages what is wrong."""
    from .run import build
    try:
        result = build(root, out=out, release=release, previous=previous)
    except ContentError as exc:
        message = exc.report()
    except BuildError as exc:
        message = f"Lỗi khi dựng: {exc}"
    else:
        what = "Đã dựng lại trang tiếng Việt" if previous is not None else "Đã dựng lại"
        print(f"[xem trước] {what} trong {result.seconds:.1f} giây.", flush=True)
        if previous is None:
            if result.warnings:
                print(warnings_report(result.warnings), file=sys.stderr, flush=True)
        state.succeeded()
        return result
    print(message, file=sys.stderr, flush=True)
    state.failed(message)
    return None


def _update(root: Path, out: Path, release: bool, state: PreviewState, last):
    """After a change: the default locale's pages first (the open page reloads in about a second),
    then everything else (the other locales and the PDFs); returns the last good full build."""
    if last is not None and not last.unchanged and _rebuild(root, out, release, state, previous=last.pdfs) is None:
        return last
    return _rebuild(root, out, release, state) or last


def open_server(root: Path, host: str, port: int, state: PreviewState) -> PreviewServer:
    """Take the port first (before any build); raises BuildError naming the port when it is taken."""
    out = root / ".preview"
    out.mkdir(exist_ok=True)
    script = root / "theme" / "preview" / "reload.js"  # a project without it is served without live reload
    handler = type("Handler", (PreviewHandler,), {"state": state, "script": script.read_bytes() if script.is_file() else b""})
    try:
        return PreviewServer((host, port), functools.partial(handler, directory=str(out)))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BuildError(f"Cổng {port} trên {host} đang được một chương trình khác dùng (có thể là một bản xem "
                             f"trước khác đang chạy). Dừng chương trình đó, hoặc chọn cổng khác: "
                             f"python build.py serve --port {port + 1} (hoặc make serve PORT={port + 1}).") from None
        raise BuildError(f"Không mở được cổng {port} trên {host}: {exc.strerror or exc}. "
                         "Chọn cổng khác bằng --port, ví dụ --port 8001.") from None


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, release: bool = False,
          interval: float = 0.3, max_seconds: float | None = None) -> int:
    """Serve the preview until Ctrl-C (or max_seconds), rebuilding whenever a watched file changes."""
    state = PreviewState()
    httpd = open_server(root, host, port, state)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        files = snapshot(root)  # before the first build: a file saved while it runs is built next
        last = _rebuild(root, root / ".preview", release, state)
        print(f"Xem trước tại http://{host}:{httpd.server_address[1]}/ (Ctrl-C để dừng). "
              "Sửa tệp YAML, trang sẽ tự dựng lại và tự tải lại.", flush=True)
        started = time.monotonic()
        while max_seconds is None or time.monotonic() - started < max_seconds:
            time.sleep(interval)
            now = snapshot(root)
            if now != files:
                files = now
                last = _update(root, root / ".preview", release, state, last)
    except KeyboardInterrupt:
        pass
    finally:
        httpd.shutdown()
        httpd.server_close()
    return 0
