"""Shared fixtures: the real project, a built site from the real content, a local server, Chromium."""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROJECT_PARTS = ("content", "slogans", "leaflets", "theme", "mkdocs.yml")


def copy_project(dest: Path) -> Path:
    """A private copy of the project's content and theme, safe to break in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copyfile(src, dest / part)
    cache = ROOT / ".cache"
    if cache.exists():  # reuse subset web fonts
        shutil.copytree(cache, dest / ".cache")
    return dest


BUILD_EPOCH = "1779840000"  # the fixed SOURCE_DATE_EPOCH of every test build (2026-05-27)


def run_build(root: Path, *args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the real command line (build.py) against a project folder."""
    import os
    e = dict(os.environ)
    e.setdefault("SOURCE_DATE_EPOCH", BUILD_EPOCH)  # fixed: reproducible outputs
    e.update(env or {})
    # build.py serves the folder it lives in; for a copied project call the same entry point on that folder
    code = ("import sys; from pathlib import Path; sys.path.insert(0, %r); from bhxhpub.cli import main; "
            "sys.exit(main(sys.argv[1:], root=Path(%r)))") % (str(ROOT), str(root))
    cmd = [sys.executable, "-c", code, *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=timeout, cwd=root)


@pytest.fixture(scope="session")
def shipped(tmp_path_factory):
    """The real shipped content built once per test session, in a project copy whose site/ is the
    'previously published' site (preview build: drafts shown with their marker). Tests that change
    the project or the site copy it first (see `built_copy` in test_hostile.py)."""
    import os

    from bhxhpub.build.pipeline import build
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
    def log_message(self, *args):  # keep test output clean
        pass


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
