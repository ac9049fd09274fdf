"""Empty, migrated central stores on SQLite (SQLCipher) and a real PostgreSQL server.

For tests, the fixture :func:`central_store` runs a test once per backend (ids ``sqlite`` and
``postgresql``), each time on an empty store: a new workspace file, or a new PostgreSQL database
``cml_test_<random>`` created through the server's maintenance database and dropped afterwards.
For harnesses and benchmarks, :func:`empty_central_store` does the same as a context manager.

The server is the one ``.ci/run`` installs and starts: ``CMLENTRY_TEST_PG_URL`` (default
:data:`DEFAULT_PG_URL`), the password in ``PGPASSWORD`` or ``~/.pgpass``. Without a server the
PostgreSQL runs are skipped, unless ``CMLENTRY_REQUIRE_POSTGRES=1`` (CI), where they fail.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from cmlentry.crypto.keyslots import new_database_key
from cmlentry.storage.central.store import CentralStore, check_url
from cmlentry.storage.workspace import Database

DEFAULT_PG_URL = "postgresql+psycopg://cmlentry@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", "postgresql")


class PostgresUnavailable(Exception):
    """The test server cannot be reached; the text is the sentence a test skips or fails with."""


def server_url() -> str:
    """The maintenance database URL of the test server (no password in it)."""
    return check_url(os.environ.get("CMLENTRY_TEST_PG_URL", DEFAULT_PG_URL))


@functools.cache
def _unreachable_reason(url: str) -> str | None:
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        orig = exc.orig if exc.orig is not None else exc
        return (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    finally:
        engine.dispose()
    return None


def require_server() -> str:
    """The server URL, or :class:`PostgresUnavailable` saying why and how to get one."""
    url = server_url()
    reason = _unreachable_reason(url)
    if reason is not None:
        parsed = make_url(url)
        raise PostgresUnavailable(
            f"PostgreSQL not reachable at {parsed.host}:{parsed.port or 5432}: {reason}. "
            ".ci/run installs and starts it"
        )
    return url


def skip_or_fail_without_server() -> str:
    """For fixtures: the server URL, else skip (or fail when ``CMLENTRY_REQUIRE_POSTGRES=1``)."""
    try:
        return require_server()
    except PostgresUnavailable as exc:
        why = str(exc)
    if os.environ.get("CMLENTRY_REQUIRE_POSTGRES") == "1":
        pytest.fail(why, pytrace=False)
    pytest.skip(why)


@contextlib.contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A new, empty database on the server at ``url``, dropped on leaving; yields its URL."""
    name = f"cml_test_{secrets.token_hex(6)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(url).set(database=name).render_as_string(hide_password=False)
        finally:
            _drop_database(admin, name)
    finally:
        admin.dispose()


def _drop_database(admin: Engine, name: str) -> None:
    """Drop a scratch database, also when a failed test left a connection to it open.

    ``WITH (FORCE)`` ends such leftovers; a non-superuser may only end its own processes, so
    ``.ci/run`` grants the test role ``pg_signal_backend`` (an autovacuum worker in the database
    is not the role's: "must be a member of the role whose process is being terminated", seen
    in CI). On a server where the role lacks it, a plain DROP is retried for a few seconds:
    autovacuum makes way for it by itself.
    """
    for attempt in range(20):
        with admin.connect() as conn:
            try:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except DBAPIError as exc:
                if not isinstance(exc.orig, psycopg.errors.InsufficientPrivilege):
                    raise
            try:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                return
            except DBAPIError as exc:
                if attempt == 19 or not isinstance(exc.orig, psycopg.errors.ObjectInUse):
                    raise
        time.sleep(0.5)


@contextlib.contextmanager
def empty_central_store(backend: str, folder: Path) -> Iterator[CentralStore]:
    """An empty central store migrated to head, closed (and its database dropped) on leaving.

    Args:
        backend: ``"sqlite"`` (a new workspace file in ``folder``, with the workspace schema
            beside the central one, as in a registry workspace) or ``"postgresql"`` (a scratch
            database on the test server).
        folder: Where the SQLite file goes (unused for PostgreSQL).

    Raises:
        PostgresUnavailable: ``"postgresql"`` and the test server cannot be reached.
    """
    if backend == "sqlite":
        db = Database(folder / "central.db", new_database_key())
        try:
            db.migrate()
            yield CentralStore.in_workspace(db)
        finally:
            db.close()
    elif backend == "postgresql":
        with scratch_database(require_server()) as url:
            store = CentralStore.at_url(url)
            try:
                yield store
            finally:
                store.close()
    else:
        raise ValueError(f"unknown backend {backend!r}; choose one of {BACKENDS}")


@pytest.fixture
def postgres_url() -> str:
    """The test server's maintenance URL (skips or fails like :func:`central_store`)."""
    return skip_or_fail_without_server()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql),
    ]
)
def central_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CentralStore]:
    """An empty central store migrated to head, once on each backend."""
    if request.param == "postgresql":
        skip_or_fail_without_server()
    with empty_central_store(request.param, tmp_path) as store:
        yield store
