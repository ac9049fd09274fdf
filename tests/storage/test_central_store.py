"""The central store on both backends: schema = models, one transaction per write, typed errors.

Every test taking ``central_store`` runs on SQLite (a workspace SQLCipher file) and on a real
PostgreSQL database (see tests/central_db.py).
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from cmlentry.crypto.keyslots import new_database_key
from cmlentry.errors import WorkspaceDamaged
from cmlentry.storage import migrate
from cmlentry.storage.central.models import (
    ACCEPTED,
    VERSION_TABLE,
    Acknowledgement,
    CaseVersion,
    CentralBase,
    CentralCase,
    Centre,
    ReceivedBatch,
    central_names_only,
)
from cmlentry.storage.central.store import (
    CentralStore,
    CentralStoreTooNew,
    CentralStoreUnreachable,
    CentralUrlRefused,
    alembic_config,
    check_url,
    head_revision,
)
from cmlentry.storage.models import NAMING, AuditEvent
from cmlentry.storage.workspace import Database
from tests.central_db import scratch_database

AT = "2026-11-21T09:00:00.000000Z"
SHA_A = "a" * 64
SHA_B = "b" * 64
CENTRAL_TABLES = set(CentralBase.metadata.tables)


def add_centre(store: CentralStore, code: str = "FR-086") -> int:
    with store.write() as session:
        centre = Centre(
            code=code,
            country=code[:2],
            centre_code=code[3:],
            name="CHU de Test",
            registered_at=AT,
            registered_by="coordinator",
        )
        session.add(centre)
        session.flush()
        return centre.id


def batch(centre_id: int, sequence: int, sha: str) -> ReceivedBatch:
    return ReceivedBatch(
        centre_id=centre_id,
        sequence=sequence,
        file_sha256=sha,
        file_size=5 * 2**30,  # past 32 bits: the column must be a BIGINT on PostgreSQL
        previous_sha256="0" * 64,
        created_at="2026-11-21T10:00:00Z",
        imported_at=AT,
        imported_by="coordinator",
        key_id="c" * 40,
        record_count=1,
        accepted_count=1,
        rejected_count=0,
    )


def count(store: CentralStore, model: type[CentralBase]) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def schema_diff(store: CentralStore, metadata: MetaData) -> list[object]:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_name": central_names_only, "compare_type": True}
        )
        return list(compare_metadata(context, metadata))


def table_names(store: CentralStore) -> set[str]:
    with store.engine.connect() as conn:
        return set(inspect(conn).get_table_names())


# --- migrations -----------------------------------------------------------------------------


def test_an_empty_store_migrates_from_nothing_to_head(central_store: CentralStore) -> None:
    with central_store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    assert not table_names(central_store) & CENTRAL_TABLES

    central_store.migrate()

    assert central_store.revision() == head_revision()
    assert table_names(central_store) >= CENTRAL_TABLES
    assert count(central_store, Centre) == 0


def test_the_migrated_schema_equals_the_models(central_store: CentralStore) -> None:
    assert table_names(central_store) >= CENTRAL_TABLES
    assert schema_diff(central_store, CentralBase.metadata) == []


def test_the_comparison_sees_a_column_the_schema_lacks(central_store: CentralStore) -> None:
    """Negative control: the comparison above would fail if a model and the revision differed."""
    changed = MetaData(naming_convention=NAMING)
    for table in CentralBase.metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["centres"].append_column(Column("extra", Integer))

    diff = schema_diff(central_store, changed)

    assert len(diff) == 1
    assert isinstance(diff[0], tuple)
    assert (diff[0][0], diff[0][2], diff[0][3].name) == ("add_column", "centres", "extra")


def test_the_workspace_tables_beside_the_central_ones_are_left_alone(tmp_path: Path) -> None:
    db = Database(tmp_path / "ws.db", new_database_key())
    try:
        db.migrate()
        store = CentralStore.in_workspace(db)
        names = table_names(store)
        assert {"users", "audit_events", VERSION_TABLE, "alembic_version"} <= names
        assert names >= CENTRAL_TABLES
        assert schema_diff(store, CentralBase.metadata) == []
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
    finally:
        db.close()


def test_migrating_twice_is_a_no_op(central_store: CentralStore) -> None:
    centre_id = add_centre(central_store)

    central_store.migrate()
    central_store.migrate()

    assert central_store.revision() == head_revision()
    with central_store.read() as session:
        assert session.scalars(select(Centre.id)).all() == [centre_id]
    assert schema_diff(central_store, CentralBase.metadata) == []


def test_a_schema_from_a_newer_version_is_refused(central_store: CentralStore) -> None:
    centre_id = add_centre(central_store)
    with central_store.engine.begin() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = 'c9999_future'"))

    with pytest.raises(CentralStoreTooNew):
        central_store.migrate()

    assert central_store.revision() == "c9999_future"
    with central_store.read() as session:
        assert session.scalars(select(Centre.id)).all() == [centre_id]


# --- writes ---------------------------------------------------------------------------------


def test_a_write_that_fails_leaves_nothing(central_store: CentralStore) -> None:
    with pytest.raises(RuntimeError, match="half-way"), central_store.write() as session:
        session.add(
            Centre(
                code="DE-012",
                country="DE",
                centre_code="012",
                name="Uniklinik",
                registered_at=AT,
                registered_by="coordinator",
            )
        )
        session.flush()
        raise RuntimeError("half-way")

    assert count(central_store, Centre) == 0


def test_a_constraint_broken_late_in_a_write_undoes_its_earlier_rows(
    central_store: CentralStore,
) -> None:
    centre_id = add_centre(central_store)

    with pytest.raises(IntegrityError), central_store.write() as session:
        session.add(batch(centre_id, 1, SHA_A))
        session.flush()
        session.add(batch(centre_id, 2, SHA_A))  # the same file twice

    assert count(central_store, ReceivedBatch) == 0


def test_one_sequence_number_per_centre(central_store: CentralStore) -> None:
    first = add_centre(central_store, "FR-086")
    other = add_centre(central_store, "DE-012")
    with central_store.write() as session:
        session.add(batch(first, 1, SHA_A))

    with pytest.raises(IntegrityError), central_store.write() as session:
        session.add(batch(first, 1, SHA_B))

    with central_store.write() as session:  # another centre may use the same number
        session.add(batch(other, 1, SHA_B))
    with central_store.read() as session:
        rows = session.execute(select(ReceivedBatch.centre_id, ReceivedBatch.file_sha256)).all()
    assert sorted(rows) == sorted([(first, SHA_A), (other, SHA_B)])


def test_large_binary_and_big_integers_round_trip(central_store: CentralStore) -> None:
    ack = bytes(range(256)) * 4096 + b"\x00"  # every byte value, NULs included, 1 MiB
    centre_id = add_centre(central_store)
    with central_store.write() as session:
        received = batch(centre_id, 1, SHA_A)
        session.add(received)
        session.flush()
        session.add(
            Acknowledgement(batch_id=received.id, file=ack, file_sha256=SHA_B, created_at=AT)
        )

    with central_store.read() as session:
        stored = session.scalars(select(Acknowledgement.file)).one()
        size = session.scalars(select(ReceivedBatch.file_size)).one()
    assert type(stored) is bytes
    assert stored == ack
    assert size == 5 * 2**30


def test_a_case_version_keeps_its_record_text(central_store: CentralStore) -> None:
    record = '{"forms":{},"id":"FR-086-0007-K","note":"Überweisung – 1 µmol"}'
    centre_id = add_centre(central_store)
    with central_store.write() as session:
        received = batch(centre_id, 1, SHA_A)
        case = CentralCase(centre_id=centre_id, registry_id="FR-086-0007-K")
        case.first_seen_at = case.updated_at = AT
        session.add_all([received, case])
        session.flush()
        version = CaseVersion(
            case_id=case.id,
            batch_id=received.id,
            revision=3,
            base_revision=None,
            record=record,
            record_sha256=SHA_B,
            outcome=ACCEPTED,
        )
        session.add(version)
        session.flush()
        case.current_version_id = version.id

    with central_store.read() as session:
        case = session.scalars(select(CentralCase)).one()
        current = session.get(CaseVersion, case.current_version_id)
    assert current is not None
    assert current.record == record
    assert case.conflicts == 0


def test_a_write_inside_a_write_is_refused(central_store: CentralStore) -> None:
    with (
        pytest.raises(RuntimeError, match="inside a write"),
        central_store.write(),
        central_store.write(),
    ):
        pass


def test_a_central_write_in_a_workspace_needs_no_audit_context(tmp_path: Path) -> None:
    """Central rows are not audited: the audit hook must not ask for an AuditContext."""
    db = Database(tmp_path / "ws.db", new_database_key())
    try:
        db.migrate()
        store = CentralStore.in_workspace(db)
        add_centre(store)
        assert count(store, Centre) == 1
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0
    finally:
        db.close()


def test_a_damaged_workspace_takes_no_central_write(tmp_path: Path) -> None:
    db = Database(tmp_path / "ws.db", new_database_key())
    try:
        db.migrate()
        store = CentralStore.in_workspace(db)
        db.read_only = True  # what opening does when quick_check fails

        with pytest.raises(WorkspaceDamaged), store.write():
            pass
    finally:
        db.close()


# --- where the store is ---------------------------------------------------------------------


def test_the_store_says_where_it_is_without_a_user_name(central_store: CentralStore) -> None:
    if central_store.backend == "postgresql":
        url = make_url(central_store.engine.url)
        assert central_store.description == f"{url.host}:{url.port}/{url.database}"
        assert str(url.username) not in central_store.description
    else:
        assert central_store.backend == "sqlite"
        assert central_store.description.endswith("central.db")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("postgresql+psycopg://registry:Sesame-4711@db.example.org/registry", "password"),
        ("postgresql://registry@db.example.org/registry?password=Sesame-4711", "password"),
        ("postgresql://registry@db.example.org/registry?sslpassword=Sesame-4711", "password"),
        ("sqlite:///central.db", "only a PostgreSQL address"),
        ("mysql://registry@db.example.org/registry", "only a PostgreSQL address"),
        ("postgresql+asyncpg://registry@db.example.org/registry", "driver"),
        ("Sesame-4711 is not a URL", "not a database address"),
        ("postgresql://registry@db.example.org:notaport/registry", "not a database address"),
        ("postgresql://registry@db.example.org/", "names no database"),
    ],
    ids=[
        "password",
        "password-parameter",
        "sslpassword-parameter",
        "sqlite",
        "mysql",
        "asyncpg",
        "garbage",
        "bad-port",
        "no-database",
    ],
)
def test_urls_that_cannot_be_used_are_refused(url: str, why: str) -> None:
    with pytest.raises(CentralUrlRefused) as refused:
        check_url(url)
    assert why in str(refused.value)
    assert "Sesame" not in str(refused.value)


def test_a_plain_postgresql_url_is_given_the_psycopg_driver() -> None:
    assert check_url(" postgresql://registry@db.example.org:5433/registry ") == (
        "postgresql+psycopg://registry@db.example.org:5433/registry"
    )


def test_at_url_refuses_a_password_before_connecting() -> None:
    with pytest.raises(CentralUrlRefused):
        CentralStore.at_url("postgresql://registry:Sesame-4711@127.0.0.1:9/registry")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_server_that_is_not_there_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", "Sesame-4711")
    port = _closed_port()

    with pytest.raises(CentralStoreUnreachable) as unreachable:
        CentralStore.at_url(f"postgresql://registry@127.0.0.1:{port}/central")

    text_ = str(unreachable.value)
    assert f"central on 127.0.0.1:{port}" in text_
    assert "refused" in text_.lower()
    assert "Sesame" not in text_
    assert "nothing was imported" in text_


def test_a_wrong_password_is_refused_without_showing_it(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", "Sesame-4711-wrong")

    with pytest.raises(CentralStoreUnreachable) as unreachable:
        CentralStore.at_url(postgres_url)

    assert "password authentication failed" in str(unreachable.value)
    assert "Sesame" not in str(unreachable.value)
    assert "Sesame" not in repr(unreachable.value.params)


def test_a_second_opening_of_a_postgresql_store_finds_it_at_head(postgres_url: str) -> None:
    with scratch_database(postgres_url) as url:
        first = CentralStore.at_url(url)
        try:
            add_centre(first)
        finally:
            first.close()
        second = CentralStore.at_url(url)
        try:
            assert second.backend == "postgresql"
            assert second.revision() == head_revision()
            assert count(second, Centre) == 1
        finally:
            second.close()
