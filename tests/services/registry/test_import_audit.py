"""The registry workspace's audit trail of imports (services/registry/import_audit.py), on both
central backends: each batch taken in, each attempt refused, and the rows an interrupted import
left out written before the next import."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from cmlentry.services.batches.export import ExportService
from cmlentry.services.registry import conflicts, import_audit
from cmlentry.services.registry.conflicts import ConflictService
from cmlentry.services.registry.importer import ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.storage.central.models import ReceivedBatch
from cmlentry.storage.models import AuditEvent
from tests.batch_world import World, make_world, sign_cases
from tests.conftest import FakeClock
from tests.services.registry.test_conflicts import (
    forget_sent,
    revision_of,
    send,
    unlock_and_sign,
)

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def world(tmp_path: Path, database_url: str | None) -> tuple[World, list[str]]:
    return make_world(tmp_path, FakeClock(), cases=4, database_url=database_url)


def import_files(world: World, *paths: Path) -> list[object]:
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            return list(ImportService(ws, store).import_files(list(paths), world.out))
        finally:
            store.close()


def batch_rows(world: World) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    """(action, entity id, field, new, flags) of the registry's batch audit rows, in order
    (values as the trail stores them: JSON)."""
    with world.registry() as ws, ws.db.read() as session:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "batch").order_by(AuditEvent.seq)
        ).all()
        return [(r.action, r.entity_id, r.field, r.new_value, r.flags) for r in rows]


def reasons(world: World, action: str) -> list[str | None]:
    with world.registry() as ws, ws.db.read() as session:
        return list(
            session.scalars(
                select(AuditEvent.reason)
                .where(AuditEvent.action == action)
                .order_by(AuditEvent.seq)
            )
        )


def test_imports_and_refusals_are_audited(world: tuple[World, list[str]], tmp_path: Path) -> None:
    w, complete = world
    with w.site() as ws:
        path = ExportService(ws).export(w.out, complete[:2]).path
    damaged = tmp_path / "damaged.cmlbatch"
    data = bytearray(path.read_bytes())
    data[200] ^= 0x01
    damaged.write_bytes(bytes(data))
    import_files(w, path)
    import_files(w, path, damaged, tmp_path / "absent.cmlbatch")
    assert batch_rows(w) == [
        ("batch_imported", "FR-086:1", None, "2", None),
        ("batch_refused", "FR-086:1", "error", '"batch.already_imported"', None),
        ("batch_refused", None, "error", '"batch.unreadable"', None),  # taken in name order
        ("batch_refused", None, "error", '"batch.bad_signature"', None),
    ]
    refused = reasons(w, "batch_refused")
    assert (
        refused[0] == f"batch refused: file SHA-256 {hashlib.sha256(path.read_bytes()).hexdigest()}"
    )
    assert refused[1] == "batch refused: the file could not be read"
    assert refused[2] == f"batch refused: file SHA-256 {hashlib.sha256(bytes(data)).hexdigest()}"


def test_an_import_stopped_before_its_audit_row_gets_it_at_the_next_import(
    world: tuple[World, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, complete = world
    with w.site() as ws:
        first = ExportService(ws).export(w.out, complete[:1]).path
        second = ExportService(ws).export(w.out, complete[1:2]).path

    def stopped(*_args: object) -> None:  # the process ends between the commit and the row
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(import_audit, "record_imported", stopped)
        with pytest.raises(KeyboardInterrupt):
            import_files(w, first)
    assert batch_rows(w) == []  # the batch is in (below), its row is not
    [outcome] = import_files(w, second)
    assert outcome.status == "imported"  # type: ignore[attr-defined]
    assert batch_rows(w) == [
        ("batch_imported", "FR-086:1", None, "1", "recorded_late"),
        ("batch_imported", "FR-086:2", None, "1", None),
    ]
    [late, _] = reasons(w, "batch_imported")
    assert late is not None and late.startswith("imported by cora at ")
    assert late.endswith("the program stopped before this row was written")
    with w.registry() as ws:
        store = open_central_store(ws)
        try:
            assert import_audit.catch_up(ws, store) == 0  # nothing more to write
        finally:
            store.close()


def test_only_this_workspaces_imports_and_settlements_are_caught_up(
    world: tuple[World, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch another registry workspace imported into the same store is that workspace's to
    audit; a conflict settled here whose row was never written gets it, flagged late."""
    w, complete = world
    case = complete[0]
    sign_cases(w, [case])
    send(w, case)  # batch 1
    unlock_and_sign(w, case, "a correction")
    forget_sent(w, case)
    send(w, case)  # batch 2: a conflict
    second = revision_of(w, case)
    with w.site() as ws:
        third = ExportService(ws).export(w.out, complete[1:2]).path
    unlock_and_sign(w, case, "another correction")
    with w.site() as ws:
        fourth = ExportService(ws).export(w.out, [case]).path
    with monkeypatch.context() as patched:  # batch 3 stopped between its commit and its row
        patched.setattr(import_audit, "record_imported", _stop)
        with pytest.raises(KeyboardInterrupt):
            import_files(w, third)
    with w.registry() as ws:
        store = open_central_store(ws)
        try:
            with monkeypatch.context() as patched:  # the same for the settlement
                patched.setattr(conflicts, "record_event", _stop)
                with pytest.raises(KeyboardInterrupt):
                    ConflictService(ws, store).take_site_version(case, second, "by phone")
            with store.write() as session:  # batch 3 as if another workspace imported it
                batch = session.scalars(select(ReceivedBatch).where(ReceivedBatch.sequence == 3))
                batch.one().imported_in = "another-registry-workspace"
        finally:
            store.close()
    before = batch_rows(w)
    assert [key for _action, key, *_rest in before] == ["FR-086:1", "FR-086:2"]
    import_files(w, fourth)
    assert batch_rows(w) == [*before, ("batch_imported", "FR-086:4", None, "1", None)]
    with w.registry() as ws, ws.db.read() as session:
        [taken] = session.scalars(select(AuditEvent).where(AuditEvent.action == "conflict_taken"))
        assert (taken.entity_id, taken.flags) == (f"{case}:{second}", "recorded_late")
        assert taken.reason is not None and taken.reason.startswith("settled by cora at ")
        assert ": by phone; the program stopped before this row was written" in taken.reason


def _stop(*_args: object, **_kwargs: object) -> None:
    raise KeyboardInterrupt
