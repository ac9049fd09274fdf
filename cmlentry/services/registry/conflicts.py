"""Conflicting edits at the registry: when a case's new version does not follow what the
registry holds, and how a coordinator settles one (docs/batch-format.md §7).

Every version of a case comes from its one site, whose revisions only grow. The site names in
each version the revision it last *sent* (``base_revision``), whether the registry accepted that
one or not. A new version **follows** the registry's current one when

* its base is the current revision, or
* its base is a version the registry received and *rejected for its content* (a PI signature
  that did not hold, a query of another case) and that version followed the current one in
  turn: the site fixed what was rejected and sent the fix.

Anything else is a **conflict**: an older or equal revision (a site restored from a backup sends
what the registry already has, or an older state of it), a base the registry never received, or
a base that was itself a conflict. A conflict is kept and flagged, never applied.

A coordinator settles a conflict, after speaking with the centre, by **taking the site's
version**: a new accepted version row with the flagged record, who took it, when and why; the
case's waiting conflicts go back to 0, and the site's next change, made from that revision,
follows it. The registry's earlier versions all stay in the case's history.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmlentry.domain.roles import Permission
from cmlentry.errors import CmlentryError
from cmlentry.services.registry.acks import ACCEPTED, REJECTED
from cmlentry.services.registry.errors import NotARegistry
from cmlentry.services.registry.query_sync import take_queries
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import format_utc, record_event
from cmlentry.storage.central.models import CaseVersion, CentralCase, Centre, ReceivedBatch
from cmlentry.storage.central.store import CentralStore

CONFLICT = "conflict"


class NoSuchConflict(CmlentryError):
    code = "registry.no_such_conflict"
    template = (
        "Case {registry_id} has no conflicting revision {revision} waiting; "
        "`cmlentry conflicts` lists the conflicts that wait. Nothing was changed."
    )


class SettleReasonMissing(CmlentryError):
    code = "registry.settle_reason_missing"
    template = (
        "Say why the site's version is taken (for example what the centre said on the "
        "phone); it is kept in the audit trail. Nothing was changed."
    )


def follows(
    session: Session, case_id: int, *, revision: int, base: int | None, current: int
) -> bool:
    """Whether a new version (``revision`` made from ``base``) follows ``current``."""
    if revision <= current:
        return False
    if base == current:
        return True
    # The versions above the current one that were rejected for their content, with the base
    # each was made from: the steps a site may have taken to fix what was rejected.
    rejected: dict[int, int | None] = {}
    for step, step_base in session.execute(
        select(CaseVersion.revision, CaseVersion.base_revision)
        .where(
            CaseVersion.case_id == case_id,
            CaseVersion.revision > current,
            CaseVersion.outcome == REJECTED,
        )
        .order_by(CaseVersion.id)
    ):
        rejected.setdefault(step, step_base)
    step_at: int | None = base
    while step_at is not None and step_at > current:
        if step_at not in rejected:
            return False
        before = rejected[step_at]
        if before is not None and before >= step_at:  # bases only go back; never loop
            return False
        step_at = before
    return step_at == current


@dataclass(frozen=True)
class WaitingConflict:
    """A flagged version of a case that the coordinator has not settled."""

    registry_id: str
    centre: str
    revision: int  # the site's revision, kept and not applied
    base_revision: int | None  # the revision the site made it from
    current_revision: int | None  # what the registry holds
    batch_sequence: int
    imported_at: str
    reason: str


class ConflictService:
    """The conflicts waiting in one registry workspace's central store, and settling one."""

    def __init__(self, ws: Workspace, store: CentralStore) -> None:
        self.ws = ws
        self.store = store

    def _require(self) -> None:
        if self.ws.kind != "registry":
            raise NotARegistry()
        self.ws.require(Permission.IMPORT_BATCHES)

    def waiting(self, centre: str | None = None) -> list[WaitingConflict]:
        """Flagged versions newer than each case's current one, by case and revision."""
        self._require()
        with self.store.read() as session:
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
                .where(
                    CaseVersion.outcome == CONFLICT,
                    CentralCase.conflicts > 0,
                    CaseVersion.id > CentralCase.current_version_id,
                )
                .order_by(CentralCase.registry_id, CaseVersion.revision, CaseVersion.id)
            )
            if centre is not None:
                query = query.where(Centre.code == centre)
            return [WaitingConflict(*row) for row in session.execute(query)]

    def take_site_version(self, registry_id: str, revision: int, reason: str) -> WaitingConflict:
        """Make the site's flagged ``revision`` of the case the registry's current version.

        Raises:
            SettleReasonMissing: ``reason`` is blank.
            NoSuchConflict: no such flagged version waits.
        """
        self._require()
        reason = " ".join(reason.split())
        if not reason:
            raise SettleReasonMissing()
        user, now = self.ws.user, format_utc(self.ws.clock())
        chosen = next(
            (c for c in self.waiting() if (c.registry_id, c.revision) == (registry_id, revision)),
            None,
        )
        if chosen is None:
            raise NoSuchConflict(registry_id=registry_id, revision=revision)
        with self.store.write() as session:
            # Read again under the write lock (a row lock on PostgreSQL, where two coordinators
            # may settle at once): the conflict must still wait when it is taken.
            case = session.scalars(
                select(CentralCase).where(CentralCase.registry_id == registry_id).with_for_update()
            ).one()
            flagged = session.scalars(
                select(CaseVersion)
                .where(
                    CaseVersion.case_id == case.id,
                    CaseVersion.revision == revision,
                    CaseVersion.outcome == CONFLICT,
                )
                .order_by(CaseVersion.id.desc())
                .limit(1)
            ).one()
            if case.conflicts == 0 or flagged.id < (case.current_version_id or 0):
                raise NoSuchConflict(registry_id=registry_id, revision=revision)
            taken = CaseVersion(
                case_id=case.id,
                batch_id=flagged.batch_id,
                revision=flagged.revision,
                base_revision=flagged.base_revision,
                record=flagged.record,
                record_sha256=flagged.record_sha256,
                outcome=ACCEPTED,
                reason=f"conflict settled by {user.printed_name} ({user.username}) at {now}: "
                f"{reason}",
            )
            session.add(taken)
            session.flush()
            case.current_version_id = taken.id
            case.conflicts = 0
            case.updated_at = now
            take_queries(session, case, json.loads(flagged.record), now)
        with self.ws.write(reason) as audit:
            record_event(
                audit,
                "conflict_settled",
                "case",
                registry_id,
                field="revision",
                old=chosen.current_revision,
                new=revision,
            )
        return chosen
