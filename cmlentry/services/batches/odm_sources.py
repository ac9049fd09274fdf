"""What a batch's ODM is made of besides the answers: revisions sent, audit rows, people,
and the review parts of each record (the current signature, the queries).

Read inside the export's one transaction (``session``), so they agree with the answers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmlentry.services.batches.odm_write import OdmCase, OdmUser, ValueAudit
from cmlentry.storage.models import AuditEvent, BatchCase, Query, Signature, User


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


def signatures(session: Session, case_ids: list[int]) -> dict[int, dict[str, str]]:
    """The current signature of each signed case, as a record carries it."""
    rows = session.scalars(
        select(Signature).where(Signature.case_id.in_(case_ids), Signature.revoked_at.is_(None))
    )
    return {
        s.case_id: {
            "username": s.signer_username,
            "printed_name": s.printed_name,
            "role": s.role,
            "meaning": s.meaning,
            "signed_at": s.signed_at,
            "content_sha256": s.content_sha256,
            "binding_sha256": s.binding_sha256,
        }
        for s in rows
    }


_OPTIONAL = (
    "answer",
    "answered_by",
    "answered_name",
    "answered_at",
    "closed_by",
    "closed_name",
    "closed_at",
    "note",
)


def queries(session: Session, case_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Every query of each case, oldest first, as a record carries it (unset parts left out)."""
    found: dict[int, list[dict[str, Any]]] = {}
    for q in session.scalars(select(Query).where(Query.case_id.in_(case_ids)).order_by(Query.id)):
        query: dict[str, Any] = {
            "id": q.query_id,
            "item": {"form": q.form_id, "group": q.group_id, "row": q.row_key, "item": q.item_id},
            "origin": q.origin,
            "state": q.state,
            "text": q.text,
            "raised_by": q.raised_by,
            "raised_name": q.raised_name,
            "raised_at": q.raised_at,
        }
        for name in _OPTIONAL:
            value = getattr(q, name)
            if value is not None:
                query[name] = value
        found.setdefault(q.case_id, []).append(query)
    return found


def users_named(session: Session, cases: list[OdmCase]) -> list[OdmUser]:
    names = sorted(
        {a.username for case in cases for a in case.audits.values()}
        | {c.record["signature"]["username"] for c in cases if "signature" in c.record}
    )
    printed = dict(
        session.execute(
            select(User.username, User.printed_name).where(User.username.in_(names))
        ).all()
    )
    # "system" and other actors without an account keep their user name as their name.
    return [OdmUser(name, printed.get(name, name)) for name in names]
