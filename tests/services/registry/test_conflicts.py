"""Conflicting edits at the registry, on both central backends (services/registry/conflicts.py).

A case's fix after a rejected version follows the registry's version (it is not a conflict); a
version that does not follow is kept and flagged, never applied; the coordinator takes the
site's version with a reason, and the site's next change follows it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from cmlentry.errors import CmlentryError
from cmlentry.services.batches.ack import AckService
from cmlentry.services.batches.export import ExportService
from cmlentry.services.cases import CaseService
from cmlentry.services.registry.centres import CentreService
from cmlentry.services.registry.conflicts import (
    ConflictService,
    NoSuchConflict,
    SettleReasonMissing,
)
from cmlentry.services.registry.errors import NotARegistry
from cmlentry.services.registry.importer import ImportOutcome, ImportService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.review import ReviewService
from cmlentry.storage.central.models import CaseVersion, CentralCase
from cmlentry.storage.central.store import CentralStore
from cmlentry.storage.models import AuditEvent
from tests.batch_world import World, make_world, sign_cases
from tests.conftest import FakeClock

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def world(tmp_path: Path, database_url: str | None) -> tuple[World, list[str]]:
    return make_world(tmp_path, FakeClock(), cases=4, database_url=database_url)


def send(world: World, registry_id: str) -> ImportOutcome:
    """The site exports the case alone, the registry imports it, the site reads the answer."""
    with world.site() as ws:
        path = ExportService(ws).export(world.out, [registry_id]).path
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            [outcome] = ImportService(ws, store).import_files([path], world.out)
        finally:
            store.close()
    assert outcome.ack_path is not None, outcome.error
    with world.site() as ws:
        AckService(ws).read(outcome.ack_path)
    return outcome


def unlock_and_sign(world: World, registry_id: str, why: str) -> None:
    with world.site() as ws:
        ReviewService(ws, CaseService(ws)).unlock(registry_id, why)
    sign_cases(world, [registry_id])


def revision_of(world: World, registry_id: str) -> int:
    with world.site() as ws:
        [candidate] = [c for c in ExportService(ws).candidates() if c.registry_id == registry_id]
    return candidate.revision


def held(world: World, registry_id: str) -> tuple[int | None, int, list[tuple[int, str]]]:
    """(current revision, waiting conflicts, [(revision, outcome) of every version])."""
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            return held_in(store, registry_id)
        finally:
            store.close()


def held_in(store: CentralStore, registry_id: str) -> tuple[int | None, int, list[tuple[int, str]]]:
    with store.read() as session:
        case = session.scalars(
            select(CentralCase).where(CentralCase.registry_id == registry_id)
        ).one()
        versions = session.execute(
            select(CaseVersion.id, CaseVersion.revision, CaseVersion.outcome)
            .where(CaseVersion.case_id == case.id)
            .order_by(CaseVersion.id)
        ).all()
    current = {v.id: v.revision for v in versions}.get(case.current_version_id or -1)
    return current, case.conflicts, [(v.revision, v.outcome) for v in versions]


def test_a_fix_after_a_rejected_version_is_accepted(world: tuple[World, list[str]]) -> None:
    w, complete = world
    case = complete[0]
    sign_cases(w, [case])
    assert send(w, case).accepted == 1
    first = revision_of(w, case)
    # Version 2: unlocked and signed again, but the signature does not hold for its data.
    unlock_and_sign(w, case, "a correction")
    with w.site() as ws, ws.write("test: a signature altered behind the app") as s:
        s.execute(
            text("UPDATE signatures SET content_sha256 = :h WHERE registry_id = :r"),
            {"h": "0" * 64, "r": case},
        )
    rejected = send(w, case)
    assert [a.registry_id for a in rejected.rejected] == [case]
    second = revision_of(w, case)
    # The PI does what the rejection says: unlock, sign again, send.
    unlock_and_sign(w, case, "signed again as the registry asks")
    third = revision_of(w, case)
    fixed = send(w, case)
    assert (fixed.accepted, fixed.rejected) == (1, ())
    assert held(w, case) == (
        third,
        0,
        [(first, "accepted"), (second, "rejected"), (third, "accepted")],
    )
    with w.site() as ws:
        [candidate] = [c for c in ExportService(ws).candidates() if c.registry_id == case]
    assert not candidate.changed_since_sent


def forget_sent(world: World, registry_id: str) -> None:
    """The site loses what it knew of having sent the case (as a workspace put together from
    an old copy would): its next version names no base."""
    with world.site() as ws, ws.write("test: the site forgets a case was sent") as s:
        s.execute(
            text(
                "DELETE FROM batch_cases WHERE case_id = "
                "(SELECT id FROM cases WHERE registry_id = :r)"
            ),
            {"r": registry_id},
        )


def test_a_conflict_is_kept_flagged_and_settled_by_taking_the_sites_version(
    world: tuple[World, list[str]],
) -> None:
    w, complete = world
    case, other = complete[0], complete[1]
    sign_cases(w, [case, other])
    send(w, case)
    first = revision_of(w, case)
    unlock_and_sign(w, case, "a correction")
    forget_sent(w, case)
    flagged = send(w, case)
    [answer] = flagged.rejected
    assert answer.reason is not None and "kept, not applied" in answer.reason
    second = revision_of(w, case)
    assert held(w, case) == (first, 1, [(first, "accepted"), (second, "conflict")])

    with w.registry() as ws:
        store = open_central_store(ws)
        try:
            service = ConflictService(ws, store)
            [waiting] = service.waiting()
            assert (waiting.registry_id, waiting.revision, waiting.base_revision) == (
                case,
                second,
                None,
            )
            assert (waiting.current_revision, waiting.centre) == (first, case[:6])
            assert service.waiting(centre="XX-999") == []
            with pytest.raises(SettleReasonMissing):
                service.take_site_version(case, second, "   ")
            with pytest.raises(NoSuchConflict):
                service.take_site_version(case, first, "the centre confirmed")
            with pytest.raises(NoSuchConflict):
                service.take_site_version(other, second, "the centre confirmed")
            [status] = CentreService(ws, store).centres()
            assert status.conflicts == 1
            assert held_in(store, case)[:2] == (first, 1)  # the refusals changed nothing
            service.take_site_version(case, second, "the centre confirmed its correction by phone")
            assert service.waiting() == []
            with pytest.raises(NoSuchConflict):  # taken once, not twice
                service.take_site_version(case, second, "the centre confirmed it again")
            [status] = CentreService(ws, store).centres()
            assert status.conflicts == 0
        finally:
            store.close()
    current, waiting_count, versions = held(w, case)
    assert (current, waiting_count) == (second, 0)
    assert versions == [(first, "accepted"), (second, "conflict"), (second, "accepted")]
    with w.registry() as ws, ws.db.read() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "conflict_settled")
        ).one()
    assert (event.entity_id, event.old_value, event.new_value) == (case, str(first), str(second))
    assert event.reason == "the centre confirmed its correction by phone"

    # The site's next change is made from the revision the registry now holds: it follows.
    unlock_and_sign(w, case, "another correction")
    third = revision_of(w, case)
    assert send(w, case).accepted == 1
    assert held(w, case)[:2] == (third, 0)


def test_only_a_registry_settles_conflicts(world: tuple[World, list[str]]) -> None:
    w, _complete = world
    with w.site() as ws:
        with pytest.raises(NotARegistry):
            ConflictService(ws, None).waiting()  # type: ignore[arg-type]
        with pytest.raises(CmlentryError):
            ConflictService(ws, None).take_site_version("FR-086-0001-X", 1, "why")  # type: ignore[arg-type]
