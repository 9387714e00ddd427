"""The command line: a table of subcommands, one module each. Thin: parse, call the pipeline,
print Vietnamese messages, return the exit code (0 done, 1 content problems, 2 build problems,
3 internal error, 130 interrupted).

    python build.py [build] [--release] [--edition ID] …   build.py (no command) builds
    python build.py check | serve | report | schemas | editions | approve | translations
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import approve, build, check, editions, report, schemas, serve, translations
from .common import guarded, safe_output

# name -> module: each has HELP (one line), EXAMPLE, add_arguments(parser) and run(args, root) -> int
COMMANDS = {
    "build": build,
    "check": check,
    "serve": serve,
    "report": report,
    "schemas": schemas,
    "editions": editions,
    "approve": approve,
    "translations": translations,
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Dựng trang web, tờ rơi PDF và các tài liệu truyền thông từ nội dung YAML.",
        epilog="Không ghi lệnh thì là build. Xem cách dùng từng lệnh: python build.py LỆNH --help")
    sub = p.add_subparsers(dest="command", metavar="LỆNH", title="các lệnh")
    for name, module in COMMANDS.items():
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP,
                             epilog="Ví dụ:\n" + module.EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return p


def parse(argv: list[str]) -> argparse.Namespace:
    """The arguments of one call; without a command it is `build` (`python build.py --release`)."""
    if not argv or argv[0] not in (*COMMANDS, "-h", "--help"):
        argv = ["build", *argv]
    return parser().parse_args(argv)


def main(argv: list[str], root: Path) -> int:
    with safe_output():  # every line printed (argparse's errors too) reaches the terminal harmless
        args = parse(argv)
        return guarded(args.run, args, root)


def exit_now(code: int) -> None:
    """End the command-line process with `code` once its output is flushed, without tearing the
    interpreter down: freeing a province's content model object by object took 0.15 s after the last
    line was printed. Everything is written and closed by then (the build's pool has ended, the old
    site's removal runs in its own process)."""
    import os
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say
            pass
    os._exit(code)


def run(root: Path) -> None:
    """build.py: the command line on the project of that folder, then `exit_now`."""
    exit_now(main(sys.argv[1:], root=root))


def console_main() -> int:
    """`bhxhpub` console script: works on the project in the current folder."""
    return main(sys.argv[1:], root=Path.cwd())
