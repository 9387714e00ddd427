"""The build date: one resolver for every output, and the one place the environment is touched.

Same sources, same output: every date written into a file (PDF metadata, the sitemap, gzip
headers) comes from one epoch, SOURCE_DATE_EPOCH if set, else the last commit's time.
"""
from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from ..errors import BuildError

FALLBACK_EPOCH = 1735689600  # 2025-01-01T00:00:00Z: no SOURCE_DATE_EPOCH and no git history
MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: the last date a PDF or a sitemap can carry


def resolve_epoch(root: Path, environ: Mapping[str, str] = os.environ) -> int:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, else a fixed date."""
    env = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env:
        if not env.isdigit() or int(env) > MAX_EPOCH:
            raise BuildError(f"SOURCE_DATE_EPOCH=“{env[:40]}” không hợp lệ: cần số giây kể từ 1970-01-01 "
                             "(ví dụ 1779840000), trước năm 10000. Bỏ biến này để dùng ngày của lần commit cuối.")
        return int(env)
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return FALLBACK_EPOCH


def epoch_date(epoch: int) -> date:
    """The UTC calendar day of an epoch."""
    return datetime.fromtimestamp(epoch, tz=UTC).date()


def resolve_today(epoch: int, environ: Mapping[str, str] = os.environ) -> date:
    """The day the site speaks of ("the current period"): BHXH_TODAY if set; the build date when
    SOURCE_DATE_EPOCH is set (a reproducible build); otherwise the real today."""
    forced = environ.get("BHXH_TODAY", "").strip()
    if forced:
        try:
            return date.fromisoformat(forced)
        except ValueError:
            raise BuildError(f"BHXH_TODAY=“{forced[:40]}” không phải một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2026-05-20.") from None
    if environ.get("SOURCE_DATE_EPOCH", "").strip():
        return epoch_date(epoch)
    return date.today()


@contextmanager
def epoch_environment(epoch: int) -> Iterator[None]:
    """MkDocs reads SOURCE_DATE_EPOCH from the environment (sitemap dates, gzip headers): set it for
    the duration of a build and put back exactly what was there before."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
