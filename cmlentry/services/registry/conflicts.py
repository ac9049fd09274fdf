"""Conflicting edits at the registry: when a case's new version does not follow what the
registry holds, and how a coordinator settles one (docs/batch-format.md §7).

Every version of a case comes from its one site, whose revisions only grow. The site names in
each version the revision it last *sent* (``base_revision``), whether the registry accepted that
one or not. A version is found by its revision as the **latest version received with that
number** (a site workspace put back from an old copy can send a number twice). A new version
**follows** the registry's current one when its base is

* the current version itself, or
* a version received after it and *rejected for its content* (a PI signature that did not
  hold, a query of another case) whose own base follows in turn: the site fixed what was
  rejected and sent the fix.

Anything else is a **conflict**: an older or equal revision, a base the registry never received
or that is older than what it holds, or a base that is itself a conflict. A conflict is kept,
flagged and counted on its case, never applied, and **waits** until a coordinator settles it,
after speaking with the centre: *taking the centre's version* (a new accepted version row with
the flagged record becomes current; the centre's next change, made from it, follows) or
*keeping the registry's* (nothing changes but the flag). Who, when, why and in which registry
workspace are kept on the flagged version and in the audit trail; every version stays in the
case's history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmlentry.domain.roles import Permission
from cmlentry.errors import CmlentryError, WorkspaceDamaged
from cmlentry.services.registry.acks import ACCEPTED, REJECTED
from cmlentry.services.registry.errors import NotARegistry, UnknownCentre
from cmlentry.services.registry.query_sync import record_query_problem, take_queries
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc, record_event
from cmlentry.storage.central.models import (
    CONFLICT,
    CaseVersion,
    CentralCase,
    Centre,
    ReceivedBatch,
)
from cmlentry.storage.central.store import CentralStore

TAKEN = "taken"  # the centre's version became the registry's
KEPT = "kept"  # the registry's version stayed
SETTLED_ACTIONS = {TAKEN: "conflict_taken", KEPT: "conflict_kept"}  # audit actions


class NoSuchConflict(CmlentryError):
    code = "registry.no_such_conflict"
    template = (
        "Case {registry_id} has no conflicting revision {revision} waiting; "
        "`cmlentry conflicts` lists the conflicts that wait. Nothing was changed."
    )


class SettleReasonMissing(CmlentryError):
    code = "registry.settle_reason_missing"
    template = (
        "Say why the conflict is settled this way (for example what the centre said on the "
        "phone); it is kept in the audit trail. Nothing was changed."
    )


class ConflictQueriesRefused(CmlentryError):
    code = "registry.conflict_queries_refused"
    template = (
        "Revision {revision} of {registry_id} cannot be taken: {problem}. Keep the registry's "
        "version and ask the centre to look into its queries; nothing was changed."
    )


@dataclass(frozen=True)
class Version:
    """What the conflict rule reads of one received version."""

    id: int
    revision: int
    base_revision: int | None
    outcome: str


def follows(revision: int, base: int | None, current: Version, later: Iterable[Version]) -> bool:
    """Whether a new version (``revision`` made from ``base``) follows ``current``.

    Args:
        revision: The new version's revision.
        base: The revision the site made it from (None: the site never sent the case).
        current: The registry's current version of the case.
        later: Every version of the case received after ``current`` (higher ids).
    """
    if revision <= current.revision:
        return False
    latest = {current.revision: current}
    for version in sorted(later, key=lambda v: v.id):
        latest[version.revision] = version  # the latest received with each number
    step = base
    while step is not None and step in latest:
        version = latest[step]
        if version.id == current.id:
            return True
        if version.outcome != REJECTED or version.id < current.id:
            return False
        if version.base_revision is not None and version.base_revision >= step:
            return False  # bases only go back; never loop
        step = version.base_revision
    return False


def later_versions(session: Session, case_ids: Sequence[int]) -> dict[int, list[Version]]:
    """The versions received after each case's current one, by case id (one query)."""
    found: dict[int, list[Version]] = {}
    rows = session.execute(
        select(
            CaseVersion.case_id,
            CaseVersion.id,
            CaseVersion.revision,
            CaseVersion.base_revision,
            CaseVersion.outcome,
        )
        .join(CentralCase, CentralCase.id == CaseVersion.case_id)
        .where(
            CaseVersion.case_id.in_(case_ids),
            CaseVersion.id > CentralCase.current_version_id,
        )
    )
    for case_id, version_id, revision, base, outcome in rows:
        found.setdefault(case_id, []).append(Version(version_id, revision, base, outcome))
    return found


@dataclass(frozen=True)
class WaitingConflict:
    """A flagged version of a case that no coordinator has settled."""

    registry_id: str
    centre: str
    revision: int  # the centre's revision, kept and not applied
    base_revision: int | None  # the revision the centre made it from
    current_revision: int | None  # what the registry holds
    batch_sequence: int
    imported_at: str
    reason: str


class ConflictService:
    """The conflicts waiting in one registry workspace's central store, and settling them."""

    def __init__(self, ws: Workspace, store: CentralStore) -> None:
        self.ws = ws
        self.store = store

    def _require(self) -> None:
        if self.ws.kind != "registry":
            raise NotARegistry()
        self.ws.require(Permission.IMPORT_BATCHES)

    def waiting(self, centre: str | None = None) -> list[WaitingConflict]:
        """Flagged versions not settled, by case and revision.

        Raises:
            UnknownCentre: ``centre`` is not registered.
        """
        self._require()
        with self.store.read() as session:
            if centre is not None:
                centre = centre.strip().upper()
                if session.scalars(select(Centre.id).where(Centre.code == centre)).first() is None:
                    raise UnknownCentre(centre=centre)
            current = CaseVersion.__table__.alias("current")
            query = (
                select(
                    CentralCase.registry_id,
                    Centre.code,
                    CaseVersion.revision,
                    CaseVersion.base_revision,
                    current.c.revision,
                    ReceivedBatch.sequence,
                    ReceivedBatch.imported_at,
                    CaseVersion.reason,
                )
                .join(CentralCase, CentralCase.id == CaseVersion.case_id)
                .join(Centre, Centre.id == CentralCase.centre_id)
                .join(ReceivedBatch, ReceivedBatch.id == CaseVersion.batch_id)
                .outerjoin(current, current.c.id == CentralCase.current_version_id)
                .where(CaseVersion.outcome == CONFLICT, CaseVersion.settlement.is_(None))
                .order_by(CentralCase.registry_id, CaseVersion.revision, CaseVersion.id)
            )
            if centre is not None:
                query = query.where(Centre.code == centre)
            return [WaitingConflict(*row) for row in session.execute(query)]

    def take_site_version(self, registry_id: str, revision: int, reason: str) -> WaitingConflict:
        """Make the centre's flagged ``revision`` of the case the registry's current version.

        Raises:
            SettleReasonMissing: ``reason`` is blank.
            NoSuchConflict: no such flagged version waits.
            ConflictQueriesRefused: the version's queries cannot be this case's here.
            WorkspaceDamaged: the workspace is read-only (its audit trail cannot be written).
        """
        return self._settle(registry_id, revision, reason, TAKEN)

    def keep_registry_version(
        self, registry_id: str, revision: int, reason: str
    ) -> WaitingConflict:
        """Settle a flagged version by keeping what the registry holds.

        Raises:
            SettleReasonMissing, NoSuchConflict, WorkspaceDamaged: as :meth:`take_site_version`.
        """
        return self._settle(registry_id, revision, reason, KEPT)

    def _settle(self, registry_id: str, revision: int, reason: str, how: str) -> WaitingConflict:
        self._require()
        reason = " ".join(reason.split())
        if not reason:
            raise SettleReasonMissing()
        if self.ws.read_only:
            raise WorkspaceDamaged()  # before the store changes: its audit row must follow
        user, now = self.ws.user, format_utc(self.ws.clock())
        chosen = next(
            (c for c in self.waiting() if (c.registry_id, c.revision) == (registry_id, revision)),
            None,
        )
        if chosen is None:
            raise NoSuchConflict(registry_id=registry_id, revision=revision)
        with self.store.write() as session:
            # Read again under the write lock (a row lock on PostgreSQL, where two coordinators
            # may settle at once): the conflict must still wait when it is settled.
            case = session.scalars(
                select(CentralCase).where(CentralCase.registry_id == registry_id).with_for_update()
            ).one()
            flagged = session.scalars(
                select(CaseVersion)
                .where(
                    CaseVersion.case_id == case.id,
                    CaseVersion.revision == revision,
                    CaseVersion.outcome == CONFLICT,
                    CaseVersion.settlement.is_(None),
                )
                .order_by(CaseVersion.id.desc())
                .limit(1)
            ).one_or_none()
            if flagged is None:
                raise NoSuchConflict(registry_id=registry_id, revision=revision)
            if how == TAKEN:
                self._take(session, case, flagged, now)
            flagged.settlement = how
            flagged.settled_at = now
            flagged.settled_by = user.username
            flagged.settled_in = self.ws.workspace_id
            flagged.settle_reason = reason
            case.conflicts = max(0, case.conflicts - 1)
            case.updated_at = now
        with self.ws.write(reason) as audit:
            record_event(
                audit,
                SETTLED_ACTIONS[how],
                "case",
                settled_key(registry_id, revision),
                field="revision",
                old=chosen.current_revision,
                new=revision if how == TAKEN else chosen.current_revision,
            )
        return chosen

    @staticmethod
    def _take(session: Session, case: CentralCase, flagged: CaseVersion, now: str) -> None:
        record = json.loads(flagged.record)
        problem = record_query_problem(session, case, record)
        if problem is not None:
            raise ConflictQueriesRefused(
                registry_id=case.registry_id, revision=flagged.revision, problem=problem
            )
        taken = CaseVersion(
            case_id=case.id,
            batch_id=flagged.batch_id,
            revision=flagged.revision,
            base_revision=flagged.base_revision,
            record=flagged.record,
            record_sha256=flagged.record_sha256,
            outcome=ACCEPTED,
            reason=f"taken from the conflicting version {flagged.id} by the coordinator",
        )
        session.add(taken)
        session.flush()
        case.current_version_id = taken.id
        take_queries(session, case, record, now)


def settled_key(registry_id: str, revision: int) -> str:
    """The audit rows' entity id of a settled conflict: ``FR-086-0007-K:23``."""
    return f"{registry_id}:{revision}"
