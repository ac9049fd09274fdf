"""Alembic migrations run on cmlentry's own keyed connection.

Two script directories use this: the workspace's (``migrations/``, Alembic's default version
table) and the registry's central store (``central/migrations/``, its own version table so both
can share one SQLCipher file). :class:`Migrations` is one of them; the module-level functions are
the workspace's.
"""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


class Migrations:
    """One Alembic script directory and the version table its revisions are recorded in."""

    def __init__(self, location: Path, version_table: str | None = None) -> None:
        self.location = location
        self.version_table = version_table

    def config(self, conn: Connection | None = None) -> Config:
        config = Config()
        config.set_main_option("script_location", str(self.location))
        if conn is not None:
            config.attributes["connection"] = conn
        return config

    @functools.cached_property
    def head(self) -> str:
        head = ScriptDirectory.from_config(self.config()).get_current_head()
        if head is None:  # pragma: no cover - the package always ships revisions
            raise RuntimeError(f"no migrations found in {self.location.name}")
        return head

    @functools.cached_property
    def known(self) -> frozenset[str]:
        scripts = ScriptDirectory.from_config(self.config())
        return frozenset(rev.revision for rev in scripts.walk_revisions())

    def current(self, conn: Connection) -> str | None:
        opts = {} if self.version_table is None else {"version_table": self.version_table}
        return MigrationContext.configure(conn, opts=opts).get_current_revision()

    def upgrade(self, conn: Connection) -> None:
        """Bring the schema to the head revision inside the caller's connection."""
        command.upgrade(self.config(conn), "head")


WORKSPACE = Migrations(MIGRATIONS)


def alembic_config(conn: Connection | None = None) -> Config:
    return WORKSPACE.config(conn)


def head_revision() -> str:
    return WORKSPACE.head


def known_revisions() -> frozenset[str]:
    return WORKSPACE.known


def current_revision(conn: Connection) -> str | None:
    return WORKSPACE.current(conn)


def upgrade(conn: Connection) -> None:
    """Bring the workspace schema to the head revision inside the caller's connection."""
    WORKSPACE.upgrade(conn)
