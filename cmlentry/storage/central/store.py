"""The central store's one way in: sessions and migrations on SQLCipher or PostgreSQL.

A registry workspace keeps its central store in its own SQLCipher file
(:meth:`CentralStore.in_workspace`); a registry that outgrew one PC gives a PostgreSQL URL
(:meth:`CentralStore.at_url`). Callers get the same :meth:`~CentralStore.read` and
:meth:`~CentralStore.write` sessions on both, and the typed errors below instead of driver
exceptions.

The PostgreSQL password never appears in a URL: libpq takes it from ``PGPASSWORD`` or
``~/.pgpass`` (:func:`check_url` refuses a URL that carries one), so no error text, log line or
screen that shows the address can show the password.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Literal

import sqlcipher3
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from cmlentry.errors import CmlentryError, WorkspaceDamaged
from cmlentry.fileio import error_for
from cmlentry.storage.central.models import VERSION_TABLE
from cmlentry.storage.engine import DatabaseUnreadable, write_failure_as_os_error
from cmlentry.storage.migrate import Migrations
from cmlentry.storage.workspace import Database, is_damage

MIGRATIONS = Path(__file__).with_name("migrations")
Backend = Literal["sqlite", "postgresql"]

# Seconds libpq waits for a server that does not answer (its default is to wait forever).
CONNECT_TIMEOUT_S = 10
# Any fixed number: serialises two coordinators opening (and so migrating) one database.
_MIGRATION_LOCK = 0x636D6C63  # "cmlc"
# Query parameters libpq would take a secret from.
_SECRET_PARAMS = frozenset({"password", "sslpassword"})
_REASON_CHARS = 200


class CentralUrlRefused(CmlentryError):
    """The central database URL cannot be used; ``why`` says why in words."""

    code = "central.url_refused"
    template = "This registry database address cannot be used: {why}. Nothing was changed."


class CentralStoreUnreachable(CmlentryError):
    """The PostgreSQL server did not let us in (down, refused, wrong password, ...)."""

    code = "central.unreachable"
    template = (
        "The registry database {database} on {host} cannot be reached ({reason}). Check that the "
        "database server is running and that this computer may connect; nothing was imported."
    )


class CentralStoreTooNew(CmlentryError):
    """The central schema carries a revision this version does not know."""

    code = "central.too_new"
    template = (
        "The registry database was set up by a newer version of cmlentry. Install the newer "
        "version to use it; nothing was changed."
    )


# --- URLs -------------------------------------------------------------------------------------


def check_url(url: str) -> str:
    """The URL to connect with, or :class:`CentralUrlRefused`.

    Accepts ``postgresql://`` and ``postgresql+psycopg://`` with a database name and no
    password (libpq finds it in ``PGPASSWORD`` or ``~/.pgpass``). The refusal never quotes the
    URL, which may carry the very password it refuses.

    Returns:
        The URL with the psycopg driver named, as a string.
    """
    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError) as exc:
        raise CentralUrlRefused(
            why="it is not a database address like postgresql://user@host:5432/registry"
        ) from exc
    if parsed.get_backend_name() != "postgresql":
        raise CentralUrlRefused(
            why="only a PostgreSQL address (postgresql://user@host:5432/registry) can be given"
        )
    if parsed.get_driver_name() not in ("psycopg", "psycopg2"):
        raise CentralUrlRefused(why="it names a database driver cmlentry does not use")
    if parsed.password is not None or _SECRET_PARAMS & {key.lower() for key in parsed.query}:
        raise CentralUrlRefused(
            why="it contains a password; remove it and give the password in PGPASSWORD or "
            "the .pgpass file instead"
        )
    if not parsed.database:
        raise CentralUrlRefused(why="it names no database; add one after the last slash")
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def _where(url: URL) -> tuple[str, str]:
    """Host (with port) and database, for screens and errors: never the user or password."""
    host = url.host or "this computer"
    if url.port is not None:
        host = f"{host}:{url.port}"
    return host, url.database or ""


def _reason(exc: BaseException) -> str:
    """libpq's own words, shortened to what a person acts on, with nothing secret in them.

    libpq never repeats a password, and a URL with one is refused before connecting; the
    ``PGPASSWORD`` value is struck out anyway in case a server's message ever echoes it.
    """
    orig = getattr(exc, "orig", None) or exc
    first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    # 'connection failed: connection to server at "h", port 5432 failed: FATAL:  why' -> 'why'
    reason = re.split(r"\bfailed: ", first)[-1]
    reason = re.sub(r"^(FATAL|ERROR):\s+", "", reason).strip() or type(orig).__name__
    secret = os.environ.get("PGPASSWORD")
    if secret:
        reason = reason.replace(secret, "***")
    return reason[:_REASON_CHARS]


# --- migrations -------------------------------------------------------------------------------


CENTRAL = Migrations(MIGRATIONS, VERSION_TABLE)


def alembic_config(conn: Connection | None = None) -> Config:
    """Alembic's configuration for the central revisions, on ``conn`` when given."""
    return CENTRAL.config(conn)


def head_revision() -> str:
    """The newest central revision this version ships."""
    return CENTRAL.head


def current_revision(conn: Connection) -> str | None:
    """The central revision recorded in ``conn``'s database (None before the first)."""
    return CENTRAL.current(conn)


def _upgrade(conn: Connection) -> None:
    current = current_revision(conn)
    if current is not None and current not in CENTRAL.known:
        raise CentralStoreTooNew()
    if current != head_revision():
        CENTRAL.upgrade(conn)


# --- the store --------------------------------------------------------------------------------


class CentralStore:
    """Sessions on the central store, the same on SQLCipher and PostgreSQL.

    Build it with :meth:`in_workspace` or :meth:`at_url`; both leave the schema at the head
    revision.

    Attributes:
        backend: ``"sqlite"`` or ``"postgresql"``.
        description: Where the store is, for screens: the workspace file, or host:port/database
            (never a user name or password).
        engine: The SQLAlchemy engine (the workspace's own engine for ``"sqlite"``).
    """

    def __init__(
        self,
        engine: Engine,
        backend: Backend,
        description: str,
        errors: Callable[[], AbstractContextManager[None]],
        *,
        workspace: Database | None = None,
    ) -> None:
        self.engine = engine
        self.backend: Backend = backend
        self.description = description
        self._errors = errors
        self._workspace = workspace
        self._writing = threading.local()

    @classmethod
    def in_workspace(cls, db: Database) -> CentralStore:
        """The central store inside a registry workspace's SQLCipher file, migrated to head.

        Writes share the workspace's one write slot, so they never race its own writes. A
        workspace opened read-only (damaged) is not migrated.
        """
        store = cls(
            db.engine,
            "sqlite",
            str(db.path),
            functools.partial(_sqlite_errors, db),
            workspace=db,
        )
        if not db.read_only:
            store.migrate()
        return store

    @classmethod
    def at_url(cls, url: str) -> CentralStore:
        """The central store in the PostgreSQL database at ``url``, migrated to head.

        Raises:
            CentralUrlRefused: ``url`` is not a password-free PostgreSQL URL with a database.
            CentralStoreUnreachable: the server cannot be reached or refuses us.
            CentralStoreTooNew: a newer cmlentry has migrated the database.
        """
        parsed = make_url(check_url(url))
        host, database = _where(parsed)
        engine = create_engine(
            parsed,
            # Statement parameters are patient data: never in an exception text or a log line.
            hide_parameters=True,
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "cmlentry"},
        )
        store = cls(
            engine,
            "postgresql",
            f"{host}/{database}",
            functools.partial(_pg_errors, host, database),
        )
        try:
            store.migrate()
        except BaseException:
            engine.dispose()
            raise
        return store

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A short read session (objects stay usable after it closes)."""
        with self._errors(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: everything in the block, or nothing.

        On SQLite it holds the workspace's write slot and begins with ``BEGIN IMMEDIATE``, like
        every workspace write; on PostgreSQL it is one ordinary transaction.
        """
        if self._workspace is not None and self._workspace.read_only:
            raise WorkspaceDamaged()
        if getattr(self._writing, "active", False):
            # On SQLite the inner write would wait for its own outer one for ever.
            raise RuntimeError("a write inside a write: finish the outer transaction first")
        self._writing.active = True
        try:
            with (
                self._errors(),
                self._write_connection() as conn,
                Session(bind=conn, expire_on_commit=False) as session,
                session.begin(),
            ):
                yield session
        finally:
            self._writing.active = False

    def migrate(self) -> None:
        """Bring the central schema to the head revision; a no-op when it is there.

        Raises:
            CentralStoreTooNew: the schema is at a revision this version does not know.
        """
        with self._errors(), self._write_connection() as conn, conn.begin():
            if self.backend == "postgresql":
                # Transactional DDL waits here for a second coordinator's migration to finish.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            _upgrade(conn)

    def revision(self) -> str | None:
        """The central revision the store is at."""
        with self._errors(), self.engine.connect() as conn:
            return current_revision(conn)

    def close(self) -> None:
        """Release a PostgreSQL store's connections (a workspace's engine is the workspace's)."""
        if self._workspace is None:
            self.engine.dispose()

    @contextlib.contextmanager
    def _write_connection(self) -> Iterator[Connection]:
        if self._workspace is None:
            with self.engine.connect() as conn:
                yield conn
            return
        with self._workspace.exclusive(), self.engine.connect() as plain:
            yield plain.execution_options(cml_write=True)


@contextlib.contextmanager
def _sqlite_errors(db: Database) -> Iterator[None]:
    """The workspace's own translation: a damaged file, a full disk, a read-only folder."""
    try:
        yield
    except (DBAPIError, sqlcipher3.DatabaseError, DatabaseUnreadable) as exc:
        if is_damage(exc):
            db.engine.dispose()
            raise WorkspaceDamaged() from exc
        os_error = write_failure_as_os_error(exc, db.path.parent)
        if os_error is not None:
            raise error_for(os_error, db.path.parent) from exc
        raise


@contextlib.contextmanager
def _pg_errors(host: str, database: str) -> Iterator[None]:
    """A server that is down, unreachable or refuses us becomes one sentence."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        raise CentralStoreUnreachable(host=host, database=database, reason=_reason(exc)) from exc
