"""What every command shares: the date argument, printing warnings, and one way to end on an error."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from ..errors import BuildError, ContentError, terminal_safe, warnings_report
from ..model.days import day_problem


def day(text: str) -> date:
    """--as-of: a calendar day written YEAR-MONTH-DAY (not a week date, not 20270101, no time or
    zone), that exists (no 30 February), between 1995 and 2100 (model/days.py)."""
    found, why = day_problem(text)
    if found is None:
        raise argparse.ArgumentTypeError(why)
    return found


def print_warnings(warnings) -> None:
    """Problems that did not stop a preview build, for the editor to fix before a release."""
    if warnings:
        print(warnings_report(warnings), file=sys.stderr)


class SafeStream:
    """sys.stdout or sys.stderr for the length of a command: whatever is printed (a file name, an
    error, a summary, a warning) reaches the terminal through `terminal_safe`, never as raw escapes."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(terminal_safe(text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self.stream, name)


@contextmanager
def safe_output() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _stop(signum, frame):  # noqa: ARG001
    raise KeyboardInterrupt


def guarded(run, args: argparse.Namespace, root) -> int:
    """Run a command: content problems as one list (exit 1), build problems (2), an internal error
    without a traceback for editors (3), Ctrl-C or `kill` (130); site/ is untouched in every case."""
    previous = None
    try:  # `kill` (SIGTERM) stops like Ctrl-C: temporary folders removed, site/ untouched
        previous = signal.signal(signal.SIGTERM, _stop)
    except ValueError:  # not the main thread
        pass
    try:
        return run(args, root)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"Lỗi khi dựng: {exc}\nTrang web hiện có được giữ nguyên.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Đã dừng giữa chừng. Trang web hiện có được giữ nguyên.", file=sys.stderr)
        return 130
    except Exception as exc:  # an internal error: no traceback for editors, but enough for developers
        print(f"Lỗi nội bộ của công cụ (không phải do nội dung của bạn): {type(exc).__name__}: {exc}\n"
              "Trang web hiện có được giữ nguyên. Hãy báo cho nhóm kỹ thuật, kèm thông báo này.", file=sys.stderr)
        if "--debug" in sys.argv or os.environ.get("BHXH_DEBUG"):
            traceback.print_exc()
        return 3
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
