"""The command line is a visible table: every command listed with one line, each with its own help and an example."""
from __future__ import annotations

import subprocess

import pytest

from bhxhpub.cli import COMMANDS, parse, parser
from tests.support import ROOT, cli_command

EIGHT = ("build", "check", "serve", "report", "schemas", "editions", "approve", "translations")


@pytest.mark.cli
def test_help_lists_every_command_with_one_line():
    result = subprocess.run(cli_command(ROOT, "--help"), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert tuple(COMMANDS) == EIGHT
    for name in EIGHT:
        assert f"    {name}" in result.stdout, name


@pytest.mark.cli
def test_every_command_has_its_own_help_with_an_example():
    for name in EIGHT:
        sub = next(a for a in parser()._subparsers._group_actions).choices[name]
        text = sub.format_help()
        assert "Ví dụ:" in text, name
        example = text.split("Ví dụ:")[1]
        assert f"python build.py {'' if name == 'build' else name}" in example, name
    for name in ("approve", "translations"):
        result = subprocess.run(cli_command(ROOT, name, "--help"), capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and "Ví dụ:" in result.stdout and f"python build.py {name} " in result.stdout


@pytest.mark.cli
def test_no_command_means_build():
    """`python build.py --release` builds, as it always did: arguments without a command go to build."""
    args = parse(["--release", "--edition", "x"])
    assert args.release and args.edition == "x" and args.run is COMMANDS["build"].run
    assert parse([]).run is COMMANDS["build"].run and parse(["check"]).run is COMMANDS["check"].run
    result = subprocess.run(cli_command(ROOT, "--release", "--no-such-flag"), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--no-such-flag" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.cli
def test_make_help_lists_the_targets():
    result = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for target in ("build", "test", "test-fast", "serve", "release", "check", "bench", "lint"):
        assert f"make {target}" in result.stdout, target
