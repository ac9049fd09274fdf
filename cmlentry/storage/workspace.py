"""The workspace folder and its encrypted database.

A workspace folder holds ``cmlentry.db`` (SQLCipher), ``keyslots.json`` (see
:mod:`cmlentry.storage.slotfile`) and a lock file that keeps a second process out.
:class:`Database` is the only way to the data: short read sessions, and write sessions that are
serialised in the process, start with ``BEGIN IMMEDIATE`` and carry the audit context.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import filelock
import sqlcipher3
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from cmlentry.errors import (
    NetworkShareRefused,
    NotAWorkspace,
    WorkspaceDamaged,
    WorkspaceExists,
    WorkspaceInUse,
)
from cmlentry.fileio import error_for, translated_os_errors
from cmlentry.storage.audit import AuditContext
from cmlentry.storage.engine import (
    SAFE,
    DatabaseUnreadable,
    Durability,
    check_file,
    make_engine,
    write_failure_as_os_error,
)
from cmlentry.storage.mounts import unsafe_storage_kind

DB_NAME = "cmlentry.db"
SLOTS_NAME = "keyslots.json"
LOCK_NAME = ".cmlentry.lock"
FULL_CHECKS = ("integrity_check", "cipher_integrity_check")


def is_damage(exc: BaseException) -> bool:
    """True for SQLITE_CORRUPT / SQLITE_NOTADB (plain DatabaseError, not its subclasses)."""
    orig = getattr(exc, "orig", exc)
    return type(orig) is sqlcipher3.DatabaseError or isinstance(orig, DatabaseUnreadable)


@contextlib.contextmanager
def _typed_errors(engine: Engine, folder: Path) -> Iterator[None]:
    """Database failures a person can act on become typed errors.

    A damaged page becomes :class:`WorkspaceDamaged` (SQLCipher keeps a decryption failure as a
    sticky error on the connection, so the pool is emptied); a full disk or a read-only folder
    becomes the same error as any other write there. The transaction has been rolled back.
    """
    try:
        yield
    except (DBAPIError, sqlcipher3.DatabaseError, DatabaseUnreadable) as exc:
        if is_damage(exc):
            engine.dispose()
            raise WorkspaceDamaged() from exc
        os_error = write_failure_as_os_error(exc, folder)
        if os_error is not None:
            raise error_for(os_error, folder) from exc
        raise


class WorkspaceFolder:
    """A workspace folder held by this process (the lock is released by :meth:`release`)."""

    def __init__(self, folder: Path, lock: filelock.BaseFileLock) -> None:
        self.folder = folder
        self._held = lock

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def slots_path(self) -> Path:
        return self.folder / SLOTS_NAME

    @staticmethod
    def _refuse_unsafe_storage(folder: Path) -> None:
        probe = folder
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        kind = unsafe_storage_kind(probe)
        if kind is not None:
            raise NetworkShareRefused(folder=str(folder), kind=kind)

    @staticmethod
    def _lock(folder: Path) -> filelock.BaseFileLock:
        # thread_local=False: the desktop app unlocks on its worker thread and closes on the GUI
        # thread; a thread-local lock would be released by no one and keep the folder "in use".
        lock = filelock.FileLock(
            str(folder / LOCK_NAME), timeout=0, is_singleton=False, thread_local=False
        )
        try:
            lock.acquire()
        except filelock.Timeout as exc:
            raise WorkspaceInUse() from exc
        return lock

    @classmethod
    def claim_new(cls, folder: Path) -> WorkspaceFolder:
        """Make ``folder`` (new or empty) a workspace folder and lock it."""
        folder = folder.expanduser().absolute()
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise WorkspaceExists(folder=str(folder))
        cls._refuse_unsafe_storage(folder)
        with translated_os_errors(folder):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            return cls(folder, cls._lock(folder))

    @classmethod
    def open_existing(cls, folder: Path) -> WorkspaceFolder:
        folder = folder.expanduser().absolute()
        if not (folder / SLOTS_NAME).is_file() or not (folder / DB_NAME).is_file():
            raise NotAWorkspace(folder=str(folder))
        cls._refuse_unsafe_storage(folder)
        with translated_os_errors(folder):
            return cls(folder, cls._lock(folder))

    def release(self) -> None:
        self._held.release()


class Database:
    """The keyed engine with the one write path the whole application uses."""

    def __init__(self, path: Path, key: bytes, durability: Durability = SAFE) -> None:
        self.path = path
        self._key = key
        self.engine: Engine = make_engine(path, key, durability)
        self._write_lock = threading.Lock()
        self._writing = threading.local()
        self.read_only = False

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A short read session (objects stay usable after it closes)."""
        with (
            _typed_errors(self.engine, self.path.parent),
            Session(self.engine, expire_on_commit=False) as session,
        ):
            yield session

    @contextlib.contextmanager
    def write(self, ctx: AuditContext) -> Iterator[Session]:
        """One transaction: everything in the block, with its audit rows, or nothing.

        Writers are serialised in this process and begin with ``BEGIN IMMEDIATE``.
        """
        if self.read_only:
            raise WorkspaceDamaged()
        if getattr(self._writing, "active", False):
            # A nested write would wait out the busy timeout on its own outer transaction.
            raise RuntimeError("a write inside a write: finish the outer transaction first")
        with (
            _typed_errors(self.engine, self.path.parent),
            self.exclusive(),
            self.engine.connect() as plain,
        ):
            conn = plain.execution_options(cml_write=True)
            with Session(bind=conn, expire_on_commit=False) as session:
                session.info["audit"] = ctx
                with session.begin():
                    yield session

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the process's one write slot (for work that replaces the file, like re-keying)."""
        if getattr(self._writing, "active", False):
            # The lock is not re-entrant: waiting for it here would wait for ever.
            raise RuntimeError("the write slot is already held by this thread")
        with self._write_lock:
            self._writing.active = True
            try:
                yield
            finally:
                self._writing.active = False

    def quick_check(self) -> bool:
        """``PRAGMA quick_check`` at start-up; False means: stop writing."""
        try:
            with self.engine.connect() as conn:
                rows = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check")]
        except (DBAPIError, sqlcipher3.DatabaseError, DatabaseUnreadable) as exc:
            if is_damage(exc):
                self.engine.dispose()
                return False
            raise
        if rows != ["ok"]:
            self.engine.dispose()
            return False
        return True

    def full_check(self) -> list[str]:
        """``integrity_check`` and ``cipher_integrity_check``; empty when the file is sound."""
        return check_file(self.path, self._key, FULL_CHECKS)

    def export_to(self, target: Path, key: bytes) -> None:
        """Copy the whole database into a new file keyed with ``key`` (``sqlcipher_export``).

        Never a copy of the live file: the export reads through SQLCipher a consistent snapshot.
        """
        raw = self.engine.raw_connection()
        try:
            dbapi = raw.driver_connection
            assert dbapi is not None
            self._export(dbapi, target, key)
        except sqlcipher3.OperationalError as exc:
            os_error = write_failure_as_os_error(exc, target.parent)
            if os_error is None:
                raise
            raise os_error from exc
        finally:
            raw.close()

    def migrate(self) -> None:
        """Bring the schema to the head revision (typed errors on a full disk)."""
        from cmlentry.storage import migrate

        with _typed_errors(self.engine, self.path.parent), self.engine.begin() as conn:
            migrate.upgrade(conn)

    @staticmethod
    def _export(dbapi: Any, target: Path, key: bytes) -> None:
        dbapi.execute("ATTACH DATABASE ? AS export KEY ?", (str(target), f"x'{key.hex()}'"))
        try:
            dbapi.execute("PRAGMA export.cipher_compatibility = 4")
            dbapi.execute("SELECT sqlcipher_export('export')")
            version = dbapi.execute("PRAGMA user_version").fetchone()[0]
            dbapi.execute(f"PRAGMA export.user_version = {int(version)}")
        finally:
            dbapi.execute("DETACH DATABASE export")

    def cipher_version(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA cipher_version").scalar())

    def scalar(self, sql: str) -> object:
        with self.engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
