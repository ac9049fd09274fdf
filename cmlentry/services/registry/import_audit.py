"""The registry workspace's audit trail of imports: every batch taken in, every attempt refused.

The central store may be another database than the workspace's (PostgreSQL), so an import's
audit row cannot share the import's transaction: it is written as soon as the import has
committed. If the program is stopped between the two, the batch is in and its row is missing;
:func:`catch_up`, run before each import, writes the missing rows from the store's own record
of each batch (who imported it and when), flagged ``recorded_late`` as the workspace flags
other late rows. A refused attempt is a security event too: its row keeps the error's code and
the file's SHA-256, never anything read from the file.
"""

from __future__ import annotations

from sqlalchemy import select

from cmlentry.crypto.container import sha256_hex
from cmlentry.crypto.container_errors import BatchRefused
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import record_event
from cmlentry.storage.central.models import Centre, ReceivedBatch
from cmlentry.storage.central.store import CentralStore
from cmlentry.storage.models import AuditEvent

IMPORTED = "batch_imported"
REFUSED = "batch_refused"
LATE = "recorded_late"


def batch_key(site: str, sequence: int) -> str:
    """The audit rows' entity id of a centre's batch: ``FR-086:12``."""
    return f"{site}:{sequence}"


def record_imported(ws: Workspace, site: str, sequence: int, cases: int) -> None:
    with ws.write("batch imported") as audit:
        record_event(audit, IMPORTED, "batch", batch_key(site, sequence), new=cases)


def record_refused(ws: Workspace, exc: BatchRefused, data: bytes) -> None:
    """Audit a refused attempt: the error's code, and the file's hash to find it again."""
    what = f"file SHA-256 {sha256_hex(data)}" if data else "the file could not be read"
    site, sequence = exc.params.get("site"), exc.params.get("sequence")
    known = isinstance(site, str) and isinstance(sequence, int)
    entity_id = batch_key(str(site), int(str(sequence))) if known else None
    with ws.write(f"batch refused: {what}") as audit:
        record_event(audit, REFUSED, "batch", entity_id, field="error", new=exc.code)


def catch_up(ws: Workspace, store: CentralStore) -> int:
    """Write the ``batch_imported`` rows an interrupted import left out; how many were missing."""
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
            .order_by(ReceivedBatch.id)
        ).all()
    with ws.db.read() as session:
        audited = set(
            session.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == IMPORTED))
        )
    missing = [row for row in received if batch_key(row.code, row.sequence) not in audited]
    if not missing:
        return 0
    with ws.write() as audit:
        for row in missing:
            record_event(
                audit,
                IMPORTED,
                "batch",
                batch_key(row.code, row.sequence),
                new=row.record_count,
                reason=(
                    f"imported by {row.imported_by} at {row.imported_at}; the program stopped "
                    "before this row was written"
                ),
                flags=LATE,
            )
    return len(missing)
