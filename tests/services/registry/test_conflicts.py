"""Conflicting edits at the registry, on both central backends (services/registry/conflicts.py).

A case's fix after a rejected version follows the registry's version (it is not a conflict); a
version that does not follow is kept and flagged, never applied, until the coordinator settles
it with a reason: the site's version taken (its next change then follows) or the registry's
kept. The rule itself is checked on stored versions, duplicate revision numbers included.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from cmlentry.errors import CmlentryError, WorkspaceDamaged
from cmlentry.services.batches.ack import AckService
from cmlentry.services.batches.export import ExportService
from cmlentry.services.cases import CaseService
from cmlentry.services.registry.centres import CentreService
from cmlentry.services.registry.conflicts import (
    ConflictService,
    NoSuchConflict,
    SettleReasonMissing,
    Version,
    follows,
)
from cmlentry.services.registry.errors import NotARegistry, UnknownCentre
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
            assert service.waiting(centre=case[:6].lower()) == [waiting]
            with pytest.raises(UnknownCentre):
                service.waiting(centre="XX-999")
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
            select(AuditEvent).where(AuditEvent.action == "conflict_taken")
        ).one()
    assert (event.entity_id, event.old_value, event.new_value) == (
        f"{case}:{second}",
        str(first),
        str(second),
    )
    assert event.reason == "the centre confirmed its correction by phone"
    assert settled(w, case) == [("taken", "cora", "the centre confirmed its correction by phone")]

    # The site's next change is made from the revision the registry now holds: it follows.
    unlock_and_sign(w, case, "another correction")
    third = revision_of(w, case)
    assert send(w, case).accepted == 1
    assert held(w, case)[:2] == (third, 0)


def settled(world: World, registry_id: str) -> list[tuple[str | None, str | None, str | None]]:
    """(settlement, by, reason) of each conflicting version of the case, oldest first."""
    with world.registry() as ws:
        store = open_central_store(ws)
        try:
            with store.read() as session:
                return [
                    tuple(row)  # type: ignore[misc]
                    for row in session.execute(
                        select(
                            CaseVersion.settlement,
                            CaseVersion.settled_by,
                            CaseVersion.settle_reason,
                        )
                        .join(CentralCase, CentralCase.id == CaseVersion.case_id)
                        .where(
                            CentralCase.registry_id == registry_id,
                            CaseVersion.outcome == "conflict",
                        )
                        .order_by(CaseVersion.id)
                    )
                ]
        finally:
            store.close()


def test_keeping_the_registrys_version_settles_without_applying(
    world: tuple[World, list[str]],
) -> None:
    w, complete = world
    case = complete[0]
    sign_cases(w, [case])
    send(w, case)
    first = revision_of(w, case)
    unlock_and_sign(w, case, "a correction")
    forget_sent(w, case)
    send(w, case)
    second = revision_of(w, case)
    with w.registry() as ws:
        store = open_central_store(ws)
        try:
            kept = ConflictService(ws, store).keep_registry_version(
                case, second, "an old copy of the centre's workspace"
            )
            assert ConflictService(ws, store).waiting() == []
        finally:
            store.close()
    assert (kept.revision, kept.current_revision) == (second, first)
    assert held(w, case) == (first, 0, [(first, "accepted"), (second, "conflict")])
    assert settled(w, case) == [("kept", "cora", "an old copy of the centre's workspace")]
    # The centre's line was not taken: its next change, made from it, is a conflict again.
    unlock_and_sign(w, case, "another correction")
    third = revision_of(w, case)
    assert send(w, case).accepted == 0
    assert held(w, case)[:2] == (first, 1)
    assert settled(w, case)[1] == (None, None, None)
    assert third > second


def test_a_read_only_workspace_neither_imports_nor_settles(
    world: tuple[World, list[str]],
) -> None:
    w, complete = world
    with w.site() as ws:
        path = ExportService(ws).export(w.out, complete[:1]).path
    with w.registry() as ws:
        store = open_central_store(ws)
        try:
            ws.db.read_only = True  # as after a failed quick_check at start-up
            with pytest.raises(WorkspaceDamaged):
                ImportService(ws, store).import_files([path], w.out)
            with pytest.raises(WorkspaceDamaged):
                ImportService(ws, store).import_file(path, w.out)
            with pytest.raises(WorkspaceDamaged):
                ConflictService(ws, store).take_site_version(complete[0], 2, "why not")
            with store.read() as session:
                assert session.scalars(select(CentralCase)).all() == []
        finally:
            store.close()


# --- the rule itself, over stored versions ---------------------------------------------------

A, C, R = "accepted", "conflict", "rejected"


def _v(version_id: int, revision: int, base: int | None, outcome: str) -> Version:
    return Version(version_id, revision, base, outcome)


FOLLOWS = [
    # (what happened, new revision, its base, current, versions after current, follows?)
    ("made from the current version", 6, 5, _v(10, 5, 3, A), [], True),
    ("not newer than the current version", 5, 5, _v(10, 5, 3, A), [], False),
    ("older than the current version", 4, 3, _v(10, 5, 3, A), [], False),
    ("made from an older revision", 7, 3, _v(10, 5, 3, A), [], False),
    ("made from nothing sent", 7, None, _v(10, 5, 3, A), [], False),
    ("made from a revision never received", 8, 7, _v(10, 5, 3, A), [], False),
    ("the fix of a rejected version", 8, 7, _v(10, 5, 3, A), [_v(11, 7, 5, R)], True),
    ("the fix of two rejected versions in a row", 9, 8, _v(10, 5, 3, A),
     [_v(11, 7, 5, R), _v(12, 8, 7, R)], True),
    ("made from a conflict", 8, 7, _v(10, 5, 3, A), [_v(11, 7, 3, C)], False),
    ("made from a rejected version that was made from an older state", 8, 7,
     _v(10, 5, 3, A), [_v(11, 7, 3, R)], False),
    # A workspace put back from an old copy sends a number twice: the latest one counts.
    ("after the same number again as a conflict (review 1a)", 6, 5, _v(10, 5, 3, A),
     [_v(11, 5, 3, C)], False),
    ("after a rejected number sent again as a conflict (1b)", 8, 7, _v(10, 5, 3, A),
     [_v(11, 7, 5, R), _v(12, 7, 3, C)], False),
    ("after a rejected number sent again, rejected from an older state (1c)", 8, 7,
     _v(10, 5, 3, A), [_v(11, 7, 5, R), _v(12, 7, 3, R)], False),
    ("after the centre's version was taken", 7, 6, _v(13, 6, None, A), [], True),
    ("a base that does not go back", 9, 8, _v(10, 5, 3, A), [_v(11, 8, 8, R)], False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("revision", "base", "current", "later", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in FOLLOWS],
)
def test_follows(
    revision: int, base: int | None, current: Version, later: list[Version], expected: bool
) -> None:
    assert follows(revision, base, current, later) is expected


def test_only_a_registry_settles_conflicts(world: tuple[World, list[str]]) -> None:
    w, _complete = world
    with w.site() as ws:
        with pytest.raises(NotARegistry):
            ConflictService(ws, None).waiting()  # type: ignore[arg-type]
        with pytest.raises(CmlentryError):
            ConflictService(ws, None).take_site_version("FR-086-0001-X", 1, "why")  # type: ignore[arg-type]
