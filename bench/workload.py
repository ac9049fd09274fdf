"""The unit of work every benchmark repeats: one audited save, one screenful of reads.

A *save* is one transaction through the application's only write path
(``Database.write`` / ``Workspace.write``): it loads one user, changes an audited field
(``printed_name``) and adds a new user row; the ORM audit hook then appends six audit rows
(five "create" fields and one "update") and moves the audit head, all in the same transaction,
which commits with ``synchronous=FULL`` in WAL mode.

A *read* is one short read session as a screen would open it: the user list, the number of
audit rows, the 50 newest audit rows, and the audit history of one user (the query a
"history of this record" view needs; ``audit_events`` has no index on the entity, so it is a
scan of the trail).
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmlentry.storage.audit import format_utc, utc_now
from cmlentry.storage.models import AuditEvent, User

WriteSession = Callable[[], contextlib.AbstractContextManager[Session]]
ReadSession = Callable[[], contextlib.AbstractContextManager[Session]]


def new_username(serial: int) -> str:
    """``n000001`` …: matches ``^[a-z][a-z0-9._-]{1,31}$``."""
    return f"n{serial:06d}"


def save(
    write: WriteSession,
    user_ids: list[int],
    serial: int,
    rng: random.Random,
    body_done: Callable[[], None] | None = None,
) -> None:
    """One save; appends the new user's id to ``user_ids``.

    ``body_done`` is called at the end of the block, before the flush and commit that leaving
    the block triggers (the save benchmark uses it to split the time).
    """
    target = rng.choice(user_ids)
    with write() as session:
        user = session.get_one(User, target)
        user.printed_name = f"Nurse {serial} ({rng.randrange(10**6)})"
        new = User(
            username=new_username(serial),
            printed_name=f"New Nurse {serial}",
            role="nurse",
            active=True,
            must_change_password=False,
            created_at=format_utc(utc_now()),
        )
        session.add(new)
        if body_done is not None:
            body_done()
    user_ids.append(new.id)


def read(read_session: ReadSession, user_id: int) -> int:
    """One screenful of reads; returns the number of rows seen (so nothing is optimised away)."""
    with read_session() as session:
        users = session.scalars(select(User).order_by(User.username)).all()
        audit_rows = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
        recent = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(50)).all()
        history = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "user", AuditEvent.entity_id == str(user_id))
            .order_by(AuditEvent.seq)
        ).all()
    return len(users) + len(recent) + len(history) + int(audit_rows > 0)


def trail_rows(start: int, count: int) -> Iterator[dict[str, Any]]:
    """Audit rows as data entry would leave them: field changes of case records."""
    fields = ("imatinib_dose_mg", "bcr_abl_is_pct", "response", "visit_date", "ecog")
    for i in range(start, start + count):
        yield {
            "action": "update",
            "entity": "case",
            "entity_id": f"FR-086-{i // 40:05d}",
            "field": fields[i % len(fields)],
            "old": {"value": 400 + i % 7, "unit": "mg"},
            "new": {"value": 600 + i % 11, "unit": "mg"},
            "reason": None,
        }
