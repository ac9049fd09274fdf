"""Alembic: the head revision builds exactly the models; audit rows are append-only."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import IntegrityError, OperationalError

from cmlentry.crypto.keyslots import new_database_key
from cmlentry.services.workspace import Workspace
from cmlentry.storage import migrate
from cmlentry.storage.engine import connect_raw
from cmlentry.storage.models import Base
from cmlentry.storage.workspace import Database


def test_migration_head_equals_the_models(tmp_path: Path) -> None:
    db = Database(tmp_path / "m.db", new_database_key())
    with db.engine.begin() as conn:
        migrate.upgrade(conn)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert migrate.current_revision(conn) == migrate.head_revision()
    db.close()
    assert diff == []


def test_upgrade_is_idempotent_with_data_in_it(admin_ws: Workspace) -> None:
    with admin_ws.db.engine.begin() as conn:
        migrate.upgrade(conn)
    assert admin_ws.db.scalar("SELECT count(*) FROM users") == 2


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET reason = 'x' WHERE seq = 1",
        "DELETE FROM audit_events WHERE seq = 1",
        "DELETE FROM audit_events",
    ],
)
def test_triggers_refuse_changing_audit_rows(admin_ws: Workspace, statement: str) -> None:
    before = admin_ws.db.scalar("SELECT group_concat(row_hash) FROM audit_events")
    conn = connect_raw(admin_ws.folder.db_path, admin_ws.database_key())
    try:
        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            conn.execute(statement)
    finally:
        conn.close()
    assert admin_ws.db.scalar("SELECT group_concat(row_hash) FROM audit_events") == before


def test_orm_cannot_change_audit_rows_either(admin_ws: Workspace) -> None:
    from sqlalchemy import text

    with pytest.raises((IntegrityError, OperationalError)), admin_ws.write() as session:
        session.execute(text("UPDATE audit_events SET reason = 'x'"))


def test_upgrade_from_the_first_revision_keeps_the_data(admin_ws: Workspace) -> None:
    """Each migration runs on a workspace that already holds data, as at a site."""
    from alembic import command

    with admin_ws.db.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0001")
        assert migrate.current_revision(conn) == "0001"
    rows_before = admin_ws.db.scalar("SELECT group_concat(row_hash) FROM audit_events")
    admin_ws.db.migrate()
    with admin_ws.db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        indexes = {row[1] for row in conn.exec_driver_sql("PRAGMA index_list('audit_events')")}
    assert "ix_audit_events_entity" in indexes
    assert admin_ws.db.scalar("SELECT group_concat(row_hash) FROM audit_events") == rows_before


def test_the_append_only_triggers_exist_at_head(admin_ws: Workspace) -> None:
    """Regression: SQLite's batch alteration in 0003 copies audit_events and drops triggers."""
    names = admin_ws.db.scalar(
        "SELECT group_concat(name) FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name = 'audit_events'"
    )
    assert sorted(str(names).split(",")) == ["audit_events_no_delete", "audit_events_no_update"]
