"""The SQLCipher engine: raw 256-bit key, pragmas of security.md §1–2, key checked at once.

The key never appears in a URL: SQLAlchemy gets a ``creator`` that connects through ``sqlcipher3``
and sets ``PRAGMA key`` itself, and the URL is the bare ``sqlite://``.
"""

from __future__ import annotations

import errno
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from cmlentry.errors import JournalUnavailable

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
# Decrypted pages kept per connection. SQLCipher's default (2,000 pages, ~8 MiB) makes every
# scan of a larger database decrypt and authenticate its pages again (bench: reads 5x slower
# than plain SQLite at 12 MiB, 1.0x with a cache that holds the file).
CACHE_KIB = 32 * 1024


class DatabaseUnreadable(Exception):
    """The key was accepted by SQLCipher but the file cannot be read with it."""


@dataclass(frozen=True)
class Durability:
    """Journal and sync settings. Only :data:`SAFE` is used by the application.

    :data:`UNSAFE_FOR_HARNESS` exists for the crash harness's negative control, which must show
    that the harness detects the damage a missing journal causes.
    """

    journal_mode: str
    synchronous: str


SAFE = Durability(journal_mode="WAL", synchronous="FULL")
UNSAFE_FOR_HARNESS = Durability(journal_mode="OFF", synchronous="OFF")


def _key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("the workspace key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect_raw(
    path: Path, key: bytes, durability: Durability = SAFE, *, read_only: bool = False
) -> Any:
    """Open one DB-API connection with the key and pragmas set, and the key proven by a read.

    ``read_only`` opens the file without changing a byte of it (for checking backups).
    """
    if read_only:
        conn = sqlcipher3.connect(
            f"{path.absolute().as_uri()}?mode=ro", uri=True, isolation_level=None
        )
    else:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        # SQLCipher would otherwise print its own errors on stderr, past our one sentence.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
        conn.execute("PRAGMA cipher_compatibility = 4")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            # "file is not a database": wrong key or a destroyed first page; anything else
            # ("disk image is malformed", ...) is damage further in. SQLite's own words carry
            # neither key nor data.
            raise DatabaseUnreadable(str(exc)) from exc
        if read_only:
            return conn
        mode = conn.execute(f"PRAGMA journal_mode = {durability.journal_mode}").fetchone()[0]
        if str(mode).lower() != durability.journal_mode.lower():
            # SQLite keeps the old mode silently when it cannot switch (e.g. no shared memory
            # for WAL on this file system); without the journal a crash could damage the file.
            raise JournalUnavailable(folder=str(path.parent))
        conn.execute(f"PRAGMA synchronous = {durability.synchronous}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except BaseException:
        conn.close()
        raise
    return conn


class _NoRowRecords(logging.Filter):
    """Drops SQLAlchemy's DEBUG records of result rows and column names.

    With ``sqlalchemy.engine`` at DEBUG (a developer's session), SQLAlchemy logs every row it
    reads: answers, identities and private key halves. Statements may still be logged; their
    parameters are hidden by ``hide_parameters``.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith(("Row ", "Col ")))


logging.getLogger("sqlalchemy.engine.Engine").addFilter(_NoRowRecords())


def make_engine(path: Path, key: bytes, durability: Durability = SAFE) -> Engine:
    """An engine whose every connection is keyed and checked; URL carries no secret."""

    def creator() -> Any:
        return connect_raw(path, key, durability)

    # A queue pool (not the SingletonThreadPool SQLAlchemy picks for a bare "sqlite://") so a
    # read and a write in one thread never share a connection; every new connection is keyed.
    engine = create_engine(
        "sqlite://",
        creator=creator,
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=8,
        # Statement parameters are patient data: never in an exception text or a log line.
        hide_parameters=True,
    )
    _install_transaction_hooks(engine)
    return engine


def _install_transaction_hooks(engine: Engine) -> None:
    """Let SQLAlchemy, not the driver, begin transactions; writers take the lock up front.

    ``BEGIN IMMEDIATE`` for sessions opened with the ``cml_write`` execution option means a writer
    never fails half-way with "database is locked" when it upgrades from reading to writing.
    """

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("cml_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def pragma_rows(conn: Any, pragma: str) -> list[str]:
    """Run an integrity pragma on a DB-API connection and return its rows as strings."""
    return [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}").fetchall()]


def check_file(path: Path, key: bytes, pragmas: tuple[str, ...]) -> list[str]:
    """Open ``path`` with ``key`` and return the problems ``pragmas`` report (empty when sound).

    ``integrity_check`` answers ``ok``; ``cipher_integrity_check`` answers nothing when sound.
    """
    problems: list[str] = []
    try:
        conn = connect_raw(path, key, read_only=True)
    except DatabaseUnreadable as exc:
        return [f"the file cannot be opened ({exc})"]
    try:
        for pragma in pragmas:
            try:
                rows = pragma_rows(conn, pragma)
            except sqlcipher3.DatabaseError as exc:
                problems.append(f"{pragma}: {type(exc).__name__}")
                continue
            problems.extend(f"{pragma}: {row}" for row in rows if row != "ok")
    finally:
        conn.close()
    return problems


SQLITE_PERM = 3
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
NEARLY_FULL_BYTES = 1 << 20


def write_failure_as_os_error(exc: BaseException, folder: Path) -> OSError | None:
    """The OS condition behind an SQLite write failure, so callers translate it like any other.

    A full disk reaches SQLite as SQLITE_FULL, or as SQLITE_IOERR when the file system refuses
    a write SQLite did not expect to fail; the free space in ``folder`` tells the two apart.
    """
    exc = getattr(exc, "orig", exc)
    if not isinstance(exc, sqlcipher3.Error):
        return None
    # Extended codes carry the primary code in the low byte. Errors raised inside an SQL
    # function (sqlcipher_export) arrive as a generic error with SQLite's standard message.
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    message = str(exc)
    if code == SQLITE_FULL or "database or disk is full" in message:
        return OSError(errno.ENOSPC, "disk full")
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN) or (
        "readonly database" in message or "unable to open database" in message
    ):
        return OSError(errno.EROFS, "cannot write")
    if code == SQLITE_IOERR or "disk I/O error" in message:
        try:
            nearly_full = shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
        except OSError:
            nearly_full = False
        return OSError(errno.ENOSPC if nearly_full else errno.EIO, "input/output error")
    return None
