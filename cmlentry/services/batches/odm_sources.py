"""What a batch's ODM is made of besides the answers: revisions sent, audit rows, people.

Read inside the export's one transaction (``session``), so they agree with the answers.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmlentry.services.batches.odm_write import OdmCase, OdmUser, ValueAudit
from cmlentry.storage.models import AuditEvent, BatchCase, User


def sent_revisions(session: Session, case_ids: list[int]) -> dict[int, int]:
    return dict(
        session.execute(
            select(BatchCase.case_id, func.max(BatchCase.revision))
            .where(BatchCase.case_id.in_(case_ids))
            .group_by(BatchCase.case_id)
        ).all()
    )


def value_audits(session: Session, case_id: int) -> dict[tuple[str, str, int, str], ValueAudit]:
    """The last audit row of each answer of the case (entity ids case:form:group:row:item)."""
    prefix = f"{case_id}:"
    # A range on the indexed (entity, entity_id) rather than LIKE, which SQLite cannot index.
    rows = session.execute(
        select(
            AuditEvent.entity_id,
            AuditEvent.actor_username,
            AuditEvent.at_utc,
            AuditEvent.reason,
            AuditEvent.seq,
        )
        .where(
            AuditEvent.entity == "value",
            AuditEvent.entity_id >= prefix,
            AuditEvent.entity_id < f"{case_id};",
        )
        .order_by(AuditEvent.seq)
    )
    audits: dict[tuple[str, str, int, str], ValueAudit] = {}
    for entity_id, username, at_utc, reason, seq in rows:
        _case, form, group, row, item = str(entity_id).split(":")
        audits[(form, group, int(row), item)] = ValueAudit(username, at_utc, reason, seq)
    return audits


def users_named(session: Session, cases: list[OdmCase]) -> list[OdmUser]:
    names = sorted({a.username for case in cases for a in case.audits.values()})
    printed = dict(
        session.execute(
            select(User.username, User.printed_name).where(User.username.in_(names))
        ).all()
    )
    # "system" and other actors without an account keep their user name as their name.
    return [OdmUser(name, printed.get(name, name)) for name in names]
