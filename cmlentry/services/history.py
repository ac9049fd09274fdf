"""The history of one answer, or of one form's status, read from the audit trail.

The trail names an answer by ``case_id:form_id:group_id:row_key:item_id`` (entity ``value``) and
a form by ``case_id:form_id`` (entity ``form``), so a field's history is one query on the index
``ix_audit_events_entity`` (entity, entity_id). Row keys are never reused, so the history of a
row that was removed stays its own and never mixes with a later row's.

What the trail holds and how it is shown:

* a save that adds an answer writes ``create`` rows for ``value``, ``missing`` and
  ``override``; only the fields it set are shown (a new answer with no override has nothing to
  say about overrides);
* a change writes one ``update`` row per field changed, old → new, with the reason given;
* removing an answer (its row deleted, or the answer cleared) writes one ``delete`` row holding
  every field; it is shown as one change per field that had something, each to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmlentry.domain.roles import Permission
from cmlentry.services.cases import CaseService
from cmlentry.services.workspace import Workspace
from cmlentry.storage.audit import decode_value
from cmlentry.storage.models import AuditEvent

VALUE_ENTITY = "value"
FORM_ENTITY = "form"
VALUE_FIELDS = ("value", "missing", "override")


@dataclass(frozen=True)
class FieldChange:
    """One change of one field, as the audit trail recorded it.

    Attributes:
        at_utc: When (UTC ISO, as the trail writes it).
        username: Who, by user name.
        printed_name: Who, by the name they sign with.
        role: Their role at the time (``nurse``, ``pi``, ...).
        action: ``create``, ``update`` or ``delete``, as the trail says.
        field: ``value``, ``missing`` or ``override`` for an answer; ``status`` for a form.
        old: The field before, decoded for display (None: nothing).
        new: The field after, decoded for display (None: nothing).
        reason: The reason given with the change, if any.
    """

    at_utc: str
    username: str
    printed_name: str
    role: str
    action: str
    field: str
    old: str | None
    new: str | None
    reason: str | None


def field_history(
    ws: Workspace, registry_id: str, form_id: str, group_id: str, row_key: int, item_id: str
) -> list[FieldChange]:
    """Every change of one answer, oldest first.

    Args:
        ws: The open workspace (the user needs the permission to read cases).
        registry_id: The case.
        form_id: The form.
        group_id: The group of the item.
        row_key: The row's key (1 in a group that does not repeat).
        item_id: The item.

    Returns:
        The changes of the answer's value, missing-data code and override reason.

    Raises:
        NotPermitted: The user's role may not read cases.
        UnknownCase: No case has this registry ID.
    """
    ws.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        case_id = CaseService._case(session, registry_id).id
        entity_id = f"{case_id}:{form_id}:{group_id}:{row_key}:{item_id}"
        return list(_changes(_rows(session, VALUE_ENTITY, entity_id), VALUE_FIELDS))


def form_history(ws: Workspace, registry_id: str, form_id: str) -> list[FieldChange]:
    """The status changes of one form (draft ↔ complete, with their reasons), oldest first.

    Raises:
        NotPermitted: The user's role may not read cases.
        UnknownCase: No case has this registry ID.
    """
    ws.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        case_id = CaseService._case(session, registry_id).id
        rows = _rows(session, FORM_ENTITY, f"{case_id}:{form_id}")
        return [c for c in _changes(rows, ("status",)) if c.field == "status"]


def _rows(session: Session, entity: str, entity_id: str) -> list[AuditEvent]:
    # (entity, entity_id) is ix_audit_events_entity: one index range, however long the trail.
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.seq)
        )
    )


def _shown(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _changes(rows: Iterable[AuditEvent], fields: tuple[str, ...]) -> Iterable[FieldChange]:
    for row in rows:

        def change(field: str, old: object, new: object, row: AuditEvent = row) -> FieldChange:
            return FieldChange(
                row.at_utc,
                row.actor_username,
                row.actor_name,
                row.actor_role,
                row.action,
                field,
                _shown(old),
                _shown(new),
                row.reason,
            )

        if row.action == "delete":
            # One row for the whole answer: its fields as they were, in old_value.
            before = decode_value(row.old_value)
            if isinstance(before, dict):
                for name in fields:
                    if before.get(name) is not None:
                        yield change(name, before[name], None)
        elif row.field is not None:
            old, new = decode_value(row.old_value), decode_value(row.new_value)
            if row.action == "create" and new is None:
                continue  # a new answer's unset fields: nothing happened to them
            yield change(row.field, old, new)


def case_changes(
    session: Session, case_id: int, after_seq: int
) -> list[tuple[str, str, FieldChange]]:
    """The changes of every answer and form status of one case after audit row ``after_seq``.

    Returns (entity, entity_id, change) in trail order. The entity ids of a case all start with
    ``"<case_id>:"``, so this is one range of ``ix_audit_events_entity`` per entity (":" and ";"
    are neighbours in ASCII), whatever the length of the trail.
    """
    found: list[tuple[int, str, str, FieldChange]] = []
    for entity, fields in ((VALUE_ENTITY, VALUE_FIELDS), (FORM_ENTITY, ("status",))):
        rows = session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.entity == entity,
                AuditEvent.entity_id >= f"{case_id}:",
                AuditEvent.entity_id < f"{case_id};",
                AuditEvent.seq > after_seq,
            )
            .order_by(AuditEvent.seq)
        )
        for row in rows:
            for change in _changes([row], fields):
                if entity == FORM_ENTITY and change.field != "status":
                    continue
                found.append((row.seq, entity, row.entity_id or "", change))
    found.sort(key=lambda f: f[0])
    return [(entity, entity_id, change) for _seq, entity, entity_id, change in found]
