"""Crash-safe file writes and the translation of OS errors into sentences a person can act on."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cmlentry.errors import CmlentryError, DiskFull, FileProblem, ReadOnlyDestination

_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def error_for(exc: OSError, folder: Path) -> CmlentryError:
    """The typed error for an OS failure while writing into ``folder``."""
    if exc.errno in _FULL:
        return DiskFull(folder=str(folder))
    if exc.errno in _READ_ONLY:
        return ReadOnlyDestination(folder=str(folder))
    return FileProblem(folder=str(folder), reason=exc.strerror or type(exc).__name__)


@contextlib.contextmanager
def translated_os_errors(folder: Path) -> Iterator[None]:
    """Turn any OSError raised inside the block into the matching typed error."""
    try:
        yield
    except OSError as exc:
        raise error_for(exc, folder) from exc


def fsync_directory(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where directories cannot be opened)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    Temp file in the same folder, fsync, ``os.replace``, fsync of the folder. On failure the temp
    file is removed and a typed error is raised; the old file is untouched.
    """
    folder = path.parent
    with translated_os_errors(folder):
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                os.chmod(tmp, mode)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        fsync_directory(folder)
