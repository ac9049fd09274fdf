"""Shared helpers: statistics, call timing, a workspace to measure, the machine's description."""

from __future__ import annotations

import contextlib
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from cmlentry.domain.accounts import SiteDetails

USERNAME = "benchadmin"
# A throw-away password for workspaces that live only in a temporary folder.
PASSWORD = "bench-only Pass phrase 7"  # noqa: S105
SITE = SiteDetails("FR", "086", "Centre hospitalier de référence")


def now() -> float:
    return time.perf_counter()


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (the value below which ``pct`` % of the samples lie)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil without floats
    return ordered[int(rank) - 1]


@dataclass(frozen=True)
class Summary:
    """A sample of durations in seconds (median: the usual one; p95: nearest rank)."""

    n: int
    median: float
    p95: float
    max: float
    min: float
    mean: float

    @classmethod
    def of(cls, values: list[float]) -> Summary:
        if not values:
            raise ValueError("no samples")
        return cls(
            n=len(values),
            median=statistics.median(values),
            p95=percentile(values, 95),
            max=max(values),
            min=min(values),
            mean=sum(values) / len(values),
        )

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def ms(seconds: float) -> str:
    """Seconds as a short millisecond figure."""
    value = seconds * 1000
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def mib(size: int) -> str:
    return f"{size / 2**20:.2f} MiB"


@contextlib.contextmanager
def timed_calls(targets: list[tuple[Any, str, str]]) -> Iterator[dict[str, float]]:
    """Wrap ``owner.attr`` for each target so that time spent in it adds up under ``label``.

    Only this process's module and class attributes are swapped, for the length of the block;
    the callers look them up at call time, so the real code path is measured, not a copy.
    The wrappers cost about a microsecond per call.
    """
    spent: dict[str, float] = {}
    originals: list[tuple[Any, str, Any]] = []

    def wrap(original: Callable[..., Any], label: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = now()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + now() - start

        return timed

    try:
        for owner, attr, label in targets:
            original = owner.__dict__[attr] if isinstance(owner, type) else getattr(owner, attr)
            originals.append((owner, attr, original))
            setattr(owner, attr, wrap(original, label))
        yield spent
    finally:
        for owner, attr, original in reversed(originals):
            setattr(owner, attr, original)


@contextlib.contextmanager
def local_tempdir(prefix: str) -> Iterator[Path]:
    """A temporary folder on the local disk (a workspace refuses network shares)."""
    with tempfile.TemporaryDirectory(prefix=f"cmlentry-bench-{prefix}-") as name:
        yield Path(name)


def fsync_floor(folder: Path, runs: int) -> dict[str, Summary]:
    """What making 4 KiB durable costs on this disk: the floor under every durable commit.

    ``overwrite``: the same block rewritten and ``fdatasync``-ed (what SQLite does once the WAL
    file has reached its size and is reused); ``append``: the file grows at every ``fsync`` (a
    new WAL growing), which also commits the file system's journal.
    """
    sync = getattr(os, "fdatasync", os.fsync)
    block = os.urandom(4096)
    samples: dict[str, list[float]] = {"overwrite": [], "append": []}
    for kind, samples_of_kind in samples.items():
        path = folder / f"fsync-{kind}.probe"
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            os.write(fd, block)
            os.fsync(fd)
            for _ in range(runs):
                if kind == "overwrite":
                    os.lseek(fd, 0, os.SEEK_SET)
                start = now()
                os.write(fd, block)
                (sync if kind == "overwrite" else os.fsync)(fd)
                samples_of_kind.append(now() - start)
        finally:
            os.close(fd)
            path.unlink()
    return {kind: Summary.of(values) for kind, values in samples.items()}


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 0
    conn = sqlcipher3.connect(":memory:")
    try:
        cipher = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        conn.close()
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus_usable": usable,
        "python": platform.python_version(),
        "sqlite_stdlib": sqlite3.sqlite_version,
        "sqlite_in_sqlcipher3": sqlcipher3.sqlite_version,
        "sqlcipher": cipher,
    }
