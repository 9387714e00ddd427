"""Shared fixtures: the shipped content built once per session, a local server, Chromium."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from tests.support import BUILD_EPOCH, copy_project


@pytest.fixture(scope="session")
def shipped(tmp_path_factory):
    """The real shipped content built once per test session, in a project copy whose site/ is the
    'previously published' site (preview build: drafts shown with their marker). Tests that change
    the project or the site copy it first (see `built_copy` in test_hostile.py)."""
    import os

    from bhxhpub.pipeline.run import build
    base = tmp_path_factory.mktemp("shipped")
    proj = copy_project(base / "proj")
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH  # the same date as run_build's
    try:
        result = build(proj, out=proj / "site", keep_tree=base / "src")
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return proj, result, base / "src"


@pytest.fixture(scope="session")
def built(shipped):
    """The BuildResult of the shared build of the shipped content."""
    return shipped[1]


@pytest.fixture(scope="session")
def generated_tree(shipped) -> Path:
    """The Markdown + mkdocs.yml tree of each locale that the shared build generated (src/<locale>/)."""
    return shipped[2]


@pytest.fixture(scope="session")
def good(shipped) -> Path:
    """The project copy of the shared build; its site/ is the published site. Do not change it."""
    return shipped[0]


@pytest.fixture(scope="session")
def site_dir(built) -> Path:
    return built.site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as a static host does: a missing address gets the site's 404.html."""

    def log_message(self, *args):  # keep test output clean
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def server(site_dir):
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    pw = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.fail("Chromium is missing: run `make test` (it installs Debian's chromium).")
    with pw.sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    pg = ctx.new_page()
    yield pg
    ctx.close()


BUILD_FIXTURES = {"shipped", "built", "good", "generated_tree", "site_dir", "server", "built_copy", "hostile", "rendered"}
BROWSER_FIXTURES = {"browser", "page"}


def pytest_collection_modifyitems(items):
    """Tests that use a whole build are marked `build`, tests that drive Chromium `browser`:
    `make test-fast` leaves both out."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
