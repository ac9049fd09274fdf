"""The audit trail: append-only, hash-chained, written in the same transaction as the change.

Two ways rows are written, both through :func:`append`:

* automatically, for every audited ORM object (see :class:`~cmlentry.storage.models.Audited`)
  that a flush creates, changes or deletes — one row per field, with old → new;
* explicitly, for security events (login, failed login, key rotation, backup, …) via
  :func:`record_event`.

Each row's hash covers the previous row's hash and every column of the row, including its
sequence number, so a row changed, removed or inserted behind the application's back breaks the
chain at that row. The head (last number and hash) is kept in ``audit_head`` so rows cut from the
end are noticed too. :func:`verify_chain` names the first bad row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, event, inspect, select
from sqlalchemy.orm import Session

from cmlentry.storage.models import Audited, AuditEvent, AuditHead

GENESIS_HASH = hashlib.sha256(b"cmlentry audit trail genesis v1").hexdigest()
CLOCK_BACKWARDS = "clock_backwards"

# Columns covered by the row hash, in a fixed order.
HASHED_COLUMNS = (
    "seq",
    "at_utc",
    "actor_id",
    "actor_username",
    "actor_name",
    "actor_role",
    "action",
    "entity",
    "entity_id",
    "field",
    "old_value",
    "new_value",
    "reason",
    "app_version",
    "flags",
    "prev_hash",
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with microseconds and a ``Z``; sorts in time order as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Actor:
    """Who is acting: the logged-in user, or the system on a user's behalf."""

    user_id: int | None
    username: str
    printed_name: str
    role: str


@dataclass
class AuditContext:
    """Carried in ``Session.info["audit"]`` for the length of one transaction."""

    actor: Actor
    app_version: str
    reason: str | None = None
    clock: Callable[[], datetime] = utc_now


def encode_value(value: object) -> str | None:
    """Audit values are JSON so that None, "", 0 and False stay distinct when replayed."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def decode_value(text: str | None) -> object:
    return None if text is None else json.loads(text)


def row_hash(row: dict[str, Any]) -> str:
    body = json.dumps(
        [row[name] for name in HASHED_COLUMNS], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(
    conn: Connection,
    ctx: AuditContext,
    rows: Iterable[dict[str, Any]],
) -> int:
    """Append rows (dicts of action, entity, entity_id, field, old, new, reason, flags).

    Returns the number appended. Runs inside the caller's transaction.
    """
    table = AuditEvent.__table__
    assert isinstance(table, Table)
    head = conn.execute(
        select(table.c.seq, table.c.row_hash, table.c.at_utc).order_by(table.c.seq.desc()).limit(1)
    ).first()
    seq, prev_hash, last_at = (head[0], head[1], head[2]) if head else (0, GENESIS_HASH, "")
    now = format_utc(ctx.clock())
    backwards = bool(last_at) and now < last_at
    prepared = []
    for item in rows:
        seq += 1
        flags = item.get("flags")
        if backwards:
            flags = ",".join(filter(None, [flags, CLOCK_BACKWARDS]))
        row = {
            "seq": seq,
            "at_utc": now,
            "actor_id": ctx.actor.user_id,
            "actor_username": ctx.actor.username,
            "actor_name": ctx.actor.printed_name,
            "actor_role": ctx.actor.role,
            "action": item["action"],
            "entity": item["entity"],
            "entity_id": item.get("entity_id"),
            "field": item.get("field"),
            "old_value": encode_value(item.get("old")),
            "new_value": encode_value(item.get("new")),
            "reason": item.get("reason", ctx.reason),
            "app_version": ctx.app_version,
            "flags": flags,
            "prev_hash": prev_hash,
        }
        row["row_hash"] = prev_hash = row_hash(row)
        prepared.append(row)
    if not prepared:
        return 0
    conn.execute(table.insert(), prepared)
    head_table = AuditHead.__table__
    assert isinstance(head_table, Table)
    updated = conn.execute(
        head_table.update().where(head_table.c.id == 1).values(seq=seq, row_hash=prev_hash)
    )
    if updated.rowcount == 0:
        conn.execute(head_table.insert().values(id=1, seq=seq, row_hash=prev_hash))
    return len(prepared)


def record_event(
    session: Session,
    action: str,
    entity: str,
    entity_id: str | None = None,
    *,
    field: str | None = None,
    old: object = None,
    new: object = None,
    reason: str | None = None,
    flags: str | None = None,
) -> None:
    """Write one security or workflow event in the session's transaction."""
    ctx = _context(session)
    session.flush()
    row = {
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "field": field,
        "old": old,
        "new": new,
        "flags": flags,
        "reason": reason if reason is not None else ctx.reason,
    }
    append(session.connection(), ctx, [row])


def _context(session: Session) -> AuditContext:
    ctx = session.info.get("audit")
    if not isinstance(ctx, AuditContext):
        raise RuntimeError("audited write without an AuditContext in Session.info['audit']")
    return ctx


def _value(obj: object, field: str) -> object:
    return getattr(obj, field)


def _changes(session: Session) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        if isinstance(obj, Audited):
            rows.extend(
                {
                    "action": "create",
                    "entity": obj.__audit_entity__,
                    "entity_id": obj.audit_id(),
                    "field": field,
                    "old": None,
                    "new": _value(obj, field),
                }
                for field in obj.__audit_fields__
            )
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj):
            state = inspect(obj)
            for field in obj.__audit_fields__:
                history = state.attrs[field].history
                if not history.has_changes():
                    continue
                old = history.deleted[0] if history.deleted else None
                new = history.added[0] if history.added else None
                if old != new:
                    rows.append(
                        {
                            "action": "update",
                            "entity": obj.__audit_entity__,
                            "entity_id": obj.audit_id(),
                            "field": field,
                            "old": old,
                            "new": new,
                        }
                    )
    for obj in session.deleted:
        if isinstance(obj, Audited):
            rows.append(
                {
                    "action": "delete",
                    "entity": obj.__audit_entity__,
                    "entity_id": obj.audit_id(),
                    "field": None,
                    "old": {field: _value(obj, field) for field in obj.__audit_fields__},
                    "new": None,
                }
            )
    return rows


@event.listens_for(Session, "after_flush")
def _audit_after_flush(session: Session, _flush_context: object) -> None:
    rows = _changes(session)
    if rows:
        append(session.connection(), _context(session), rows)


# --- verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    """What :func:`verify_chain` found. ``first_bad_seq`` is None when the chain is intact."""

    rows_checked: int
    first_bad_seq: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.first_bad_seq is None


def verify_chain(conn: Connection) -> ChainReport:
    """Walk every audit row in order and report the first one that does not belong."""
    table = AuditEvent.__table__
    columns = [table.c[name] for name in (*HASHED_COLUMNS, "row_hash")]
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for record in conn.execute(select(*columns).order_by(table.c.seq)).mappings():
        row = dict(record)
        seq = row["seq"]
        if seq != expected_seq:
            problem = (
                f"row {expected_seq} is missing" if seq > expected_seq else f"row {seq} is repeated"
            )
            return ChainReport(checked, expected_seq, problem)
        if row["prev_hash"] != prev_hash:
            return ChainReport(
                checked, seq, f"row {seq} does not follow row {seq - 1} (inserted or reordered)"
            )
        if row_hash(row) != row["row_hash"]:
            return ChainReport(checked, seq, f"row {seq} was changed after it was written")
        prev_hash = row["row_hash"]
        checked += 1
        expected_seq += 1
    head = conn.execute(select(AuditHead.seq, AuditHead.row_hash)).first()
    last_seq = expected_seq - 1
    if head is None:
        if checked:
            return ChainReport(checked, last_seq, "the record of the last row is missing")
        return ChainReport(checked)
    recorded_seq, recorded_hash = head
    if recorded_seq > last_seq:
        return ChainReport(
            checked,
            last_seq + 1,
            f"rows {last_seq + 1} to {recorded_seq} were removed from the end of the trail",
        )
    if recorded_seq < last_seq:
        return ChainReport(
            checked,
            recorded_seq + 1,
            f"row {recorded_seq + 1} was added behind the application's back",
        )
    if recorded_hash != prev_hash:
        return ChainReport(checked, last_seq, f"row {last_seq} was replaced")
    return ChainReport(checked)


# --- replay: the current data rebuilt from the audit trail alone --------------------------------

EntityKey = tuple[str, str]


def replay(conn: Connection) -> dict[EntityKey, dict[str, object]]:
    """Rebuild every audited entity's current fields from create / update / delete rows."""
    table = AuditEvent.__table__
    assert isinstance(table, Table)
    state: dict[EntityKey, dict[str, object]] = {}
    query = (
        select(table.c.action, table.c.entity, table.c.entity_id, table.c.field, table.c.new_value)
        .where(table.c.action.in_(("create", "update", "delete")))
        .order_by(table.c.seq)
    )
    for action, entity, entity_id, field, new_value in conn.execute(query):
        key = (entity, entity_id)
        if action == "delete":
            state.pop(key, None)
        else:
            state.setdefault(key, {})[field] = decode_value(new_value)
    return state


def audited_models() -> list[type[Audited]]:
    from cmlentry.storage.models import Base

    return [mapper.class_ for mapper in Base.registry.mappers if issubclass(mapper.class_, Audited)]


def current_state(session: Session) -> dict[EntityKey, dict[str, object]]:
    """The audited fields of every audited row, keyed like :func:`replay`."""
    state: dict[EntityKey, dict[str, object]] = {}
    for model in audited_models():
        for obj in session.scalars(select(model)):
            state[(model.__audit_entity__, obj.audit_id())] = {
                field: getattr(obj, field) for field in model.__audit_fields__
            }
    return state


def data_mismatches(session: Session) -> list[str]:
    """Where the data differ from what the audit trail says they should be.

    Messages name the entity, its id and the field, never the values (which may be clinical).
    """
    expected = replay(session.connection())
    actual = current_state(session)
    problems = []
    for key in sorted(expected.keys() | actual.keys()):
        entity, entity_id = key
        if key not in actual:
            problems.append(f"{entity} {entity_id} is in the audit trail but not in the data")
        elif key not in expected:
            problems.append(f"{entity} {entity_id} is in the data without any audit trail")
        else:
            for field in sorted(expected[key].keys() | actual[key].keys()):
                if expected[key].get(field) != actual[key].get(field):
                    problems.append(
                        f"{entity} {entity_id}, field {field}: the data differ from the audit trail"
                    )
    return problems
