"""Each case of a batch being imported: a new version, accepted, rejected or flagged as a
conflict; never an overwrite (docs/batch-format.md §7).

Within a sound batch each case is judged on its own: a case of another centre, a case whose PI
signature does not hold for its data (:func:`.record.signature_problem`; the batch's own
signature protects the transport, this catches a site whose data and signature disagree), a
version that does not follow what the registry holds (:mod:`.conflicts`), or a case whose
queries are another case's is not applied, with the reason in words for the acknowledgement.
An accepted case's queries update the registry's (:mod:`.query_sync`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmlentry.services.batches.record import record_bytes, signature_problem
from cmlentry.services.registry.acks import ACCEPTED, REJECTED, CaseAnswer
from cmlentry.services.registry.conflicts import Version, follows, later_versions
from cmlentry.services.registry.query_sync import record_query_problem, take_queries
from cmlentry.storage.central.models import (
    CONFLICT,
    CaseVersion,
    CentralCase,
    Centre,
    ReceivedBatch,
)


class BatchCases:
    """The cases of one batch, judged one by one inside the import's transaction.

    The batch's cases the registry already has, their current revisions and the versions
    received after those are read once for the whole batch (three queries, not three a case:
    PostgreSQL is a round trip away); a case not in that look-up is read on its own.
    """

    def __init__(
        self,
        session: Session,
        centre: Centre,
        batch: ReceivedBatch,
        now: str,
        entries: list[dict[str, Any]],
    ) -> None:
        self.session, self.centre, self.batch, self.now = session, centre, batch, now
        self._known = _known_cases(session, entries)
        self._later = later_versions(session, [case.id for case, _rev in self._known.values()])

    def take(self, record: dict[str, Any], entry: dict[str, Any]) -> CaseAnswer:
        """One case of the batch: a new version, accepted or flagged; never an overwrite."""
        session, centre, batch, now = self.session, self.centre, self.batch, self.now
        rid, revision, base = entry["id"], entry["revision"], entry["base_revision"]
        if not rid.startswith(centre.code + "-"):
            return CaseAnswer(rid, revision, REJECTED, "the case belongs to another centre")
        known = self._known.get(rid)
        case, current = known if known else (_case_named(session, rid), None)
        if case is not None and not known:
            current = _current_revision(session, case)
            self._later.update(later_versions(session, [case.id]))
        if case is None:
            case = CentralCase(
                centre_id=centre.id,
                registry_id=rid,
                first_seen_at=now,
                updated_at=now,
                conflicts=0,
            )
            session.add(case)
            session.flush()
        outcome, reason = ACCEPTED, None
        problem = signature_problem(record)
        if problem is not None:
            outcome = REJECTED
            reason = (
                f"its PI signature does not hold ({problem}): the site's principal "
                "investigator unlocks the case and signs it again"
            )
        elif current is not None and not follows(
            revision,
            base,
            Version(case.current_version_id or 0, current, None, ACCEPTED),
            self._later.get(case.id, ()),
        ):
            outcome = CONFLICT
            reason = (
                f"the registry holds revision {current} of this case, and this "
                f"change was made from revision {base or 'none'}: kept, not applied; the "
                "registry's coordinator settles it with the centre"
            )
        elif (problem := record_query_problem(session, case, record)) is not None:
            outcome, reason = REJECTED, f"{problem}: ask the registry to look into it"
        version = CaseVersion(
            case_id=case.id,
            batch_id=batch.id,
            revision=revision,
            base_revision=base,
            record=record_bytes(record).decode("utf-8"),
            record_sha256=entry["sha256"],
            outcome=outcome,
            reason=reason,
        )
        session.add(version)
        session.flush()
        case.updated_at = now
        if reason is not None:
            if outcome == CONFLICT:
                case.conflicts += 1
            return CaseAnswer(rid, revision, REJECTED, reason)
        case.current_version_id = version.id
        take_queries(session, case, record, now)
        return CaseAnswer(rid, revision, ACCEPTED)


def _case_named(session: Session, registry_id: str) -> CentralCase | None:
    query = select(CentralCase).where(CentralCase.registry_id == registry_id)
    return session.scalars(query).first()


def _known_cases(
    session: Session, entries: list[dict[str, Any]]
) -> dict[str, tuple[CentralCase, int | None]]:
    """The batch's cases the registry already has, with their current revisions."""
    ids = [entry["id"] for entry in entries]
    cases = session.scalars(select(CentralCase).where(CentralCase.registry_id.in_(ids))).all()
    version_ids = [c.current_version_id for c in cases if c.current_version_id is not None]
    revisions = dict(
        session.execute(
            select(CaseVersion.id, CaseVersion.revision).where(CaseVersion.id.in_(version_ids))
        ).all()
    )
    return {
        case.registry_id: (
            case,
            None if case.current_version_id is None else revisions[case.current_version_id],
        )
        for case in cases
    }


def _current_revision(session: Session, case: CentralCase) -> int | None:
    if case.current_version_id is None:
        return None
    return session.scalars(
        select(CaseVersion.revision).where(CaseVersion.id == case.current_version_id)
    ).one()
