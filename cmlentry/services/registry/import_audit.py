"""The registry workspace's audit trail of imports: every batch taken in, every attempt refused.

The central store may be another database than the workspace's (PostgreSQL), so an import's
audit row cannot share the import's transaction: it is written as soon as the import has
committed. If the program is stopped between the two, the batch is in and its row is missing;
:func:`catch_up`, run before each import, writes the missing rows from the store's own record
of each batch (who imported it, when, in which workspace), flagged ``recorded_late`` as the
workspace flags other late rows. A conflict settled by a coordinator (:mod:`.conflicts`) is
caught up the same way. A refused attempt is a security event too: its row keeps the error's
code and the file's SHA-256, never anything read from the file.
"""

from __future__ import annotations

from sqlalchemy import select

from cmlentry.crypto.container import sha256_hex
from cmlentry.crypto.container_errors import BatchRefused
from cmlentry.services.registry.conflicts import SETTLED_ACTIONS, settled_key
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import record_event
from cmlentry.storage.central.models import CaseVersion, CentralCase, Centre, ReceivedBatch
from cmlentry.storage.central.store import CentralStore
from cmlentry.storage.models import AuditEvent

IMPORTED = "batch_imported"
REFUSED = "batch_refused"
LATE = "recorded_late"


def batch_key(site: str, sequence: int) -> str:
    """The audit rows' entity id of a centre's batch: ``FR-086:12``."""
    return f"{site}:{sequence}"


def record_imported(ws: Workspace, site: str, sequence: int, cases: int) -> None:
    """Audit batch ``sequence`` of ``site``, with ``cases`` cases, as imported just now."""
    with ws.write("batch imported") as audit:
        record_event(audit, IMPORTED, "batch", batch_key(site, sequence), new=cases)


def record_refused(ws: Workspace, exc: BatchRefused, data: bytes) -> None:
    """Audit a refused attempt: the error's code, and the file's hash to find it again.

    Args:
        ws: The registry workspace.
        exc: Why the file was refused (its site and sequence name the batch when known).
        data: The file's bytes as read (empty when it could not be read).
    """
    what = f"file SHA-256 {sha256_hex(data)}" if data else "the file could not be read"
    site, sequence = exc.params.get("site"), exc.params.get("sequence")
    known = isinstance(site, str) and isinstance(sequence, int)
    entity_id = batch_key(str(site), int(str(sequence))) if known else None
    with ws.write(f"batch refused: {what}") as audit:
        record_event(audit, REFUSED, "batch", entity_id, field="error", new=exc.code)


def catch_up(ws: Workspace, store: CentralStore) -> int:
    """Write the audit rows this workspace's interrupted imports and settlements left out.

    Only what this registry workspace did (``imported_in``/``settled_in``): another
    coordinator's workspace on the same PostgreSQL store audits its own. Returns how many rows
    were missing.
    """
    mine = ws.workspace_id
    with store.read() as session:
        received = session.execute(
            select(
                Centre.code,
                ReceivedBatch.sequence,
                ReceivedBatch.imported_by,
                ReceivedBatch.imported_at,
                ReceivedBatch.record_count,
            )
            .join(Centre, Centre.id == ReceivedBatch.centre_id)
            .where(ReceivedBatch.imported_in == mine)
            .order_by(ReceivedBatch.id)
        ).all()
        settled = session.execute(
            select(
                CentralCase.registry_id,
                CaseVersion.revision,
                CaseVersion.settlement,
                CaseVersion.settled_by,
                CaseVersion.settled_at,
                CaseVersion.settle_reason,
            )
            .join(CentralCase, CentralCase.id == CaseVersion.case_id)
            .where(CaseVersion.settled_in == mine)
            .order_by(CaseVersion.id)
        ).all()
    with ws.db.read() as session:
        audited = {
            (action, entity_id)
            for action, entity_id in session.execute(
                select(AuditEvent.action, AuditEvent.entity_id).where(
                    AuditEvent.entity.in_(("batch", "case")),
                    AuditEvent.action.in_((IMPORTED, *SETTLED_ACTIONS.values())),
                )
            )
        }
    batches = [r for r in received if (IMPORTED, batch_key(r.code, r.sequence)) not in audited]
    settlements = [
        r
        for r in settled
        if (SETTLED_ACTIONS[str(r.settlement)], settled_key(r.registry_id, r.revision))
        not in audited
    ]
    if not batches and not settlements:
        return 0
    late = "the program stopped before this row was written"
    with ws.write() as audit:
        for row in batches:
            record_event(
                audit,
                IMPORTED,
                "batch",
                batch_key(row.code, row.sequence),
                new=row.record_count,
                reason=f"imported by {row.imported_by} at {row.imported_at}; {late}",
                flags=LATE,
            )
        for rid, revision, how, by, at, why in settlements:
            record_event(
                audit,
                SETTLED_ACTIONS[str(how)],
                "case",
                settled_key(rid, revision),
                reason=f"settled by {by} at {at}: {why}; {late}",
                flags=LATE,
            )
    return len(batches) + len(settlements)
