"""Every page of a full build is valid HTML, as the Nu Html Checker (vnu) sees it."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.support import ROOT

VNU = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_vnu_finds_no_error_on_any_page(site_dir):
    if not VNU.is_file() or not shutil.which("java"):
        pytest.fail("vnu.jar or Java is missing: run `make test` (scripts/setup.sh test installs both).")
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 200  # every locale's pages, the 404 pages and the report included
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site_dir)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr)["messages"]
    errors = [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert not errors, "\n".join(errors[:20])
