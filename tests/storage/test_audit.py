"""The audit trail: written with every change, hash-chained, and tampering is found."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.services.workspace import Workspace, create_workspace
from cmlentry.storage.audit import (
    CLOCK_BACKWARDS,
    current_state,
    data_mismatches,
    replay,
    row_hash,
    verify_chain,
)
from cmlentry.storage.engine import connect_raw
from cmlentry.storage.models import AuditEvent, Site, User
from tests.conftest import SITE, FakeClock


class Attacker:
    """Someone with the database key editing the file with SQL, around the application."""

    def __init__(self, ws: Workspace) -> None:
        ws.db.engine.dispose()
        self.conn = connect_raw(ws.folder.db_path, ws.database_key())
        self.conn.execute("DROP TRIGGER audit_events_no_update")
        self.conn.execute("DROP TRIGGER audit_events_no_delete")

    def __call__(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self.conn.execute(sql, params)

    def row(self, seq: int) -> dict[str, Any]:
        cursor = self.conn.execute("SELECT * FROM audit_events WHERE seq = ?", (seq,))
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def attacker(admin_ws: Workspace) -> Iterator[Attacker]:
    a = Attacker(admin_ws)
    yield a
    a.close()


def chain(ws: Workspace) -> Any:
    with ws.db.engine.connect() as conn:
        return verify_chain(conn)


def rows(ws: Workspace) -> int:
    return int(ws.db.scalar("SELECT count(*) FROM audit_events"))  # type: ignore[arg-type]


def test_a_fresh_workspace_has_an_intact_chain(admin_ws: Workspace) -> None:
    report = chain(admin_ws)
    assert report.intact
    assert report.rows_checked == rows(admin_ws) > 10


def test_each_change_writes_who_when_what_and_why(admin_ws: Workspace, clock: FakeClock) -> None:
    with admin_ws.write(reason="typo in the name") as session:
        session.scalars(select(User).where(User.username == "nina")).one().printed_name = "Nina N."
    with admin_ws.db.read() as session:
        row = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert row is not None
    assert (row.action, row.entity, row.field) == ("update", "user", "printed_name")
    assert (json.loads(row.old_value or ""), json.loads(row.new_value or "")) == (
        "Nina Nurse",
        "Nina N.",
    )
    assert (row.actor_username, row.actor_name, row.actor_role) == (
        "admin",
        "Ada Admin",
        "site_admin",
    )
    assert row.reason == "typo in the name"
    assert row.at_utc == "2026-11-21T09:00:00.000000Z"
    assert row.app_version


def test_a_failed_transaction_leaves_no_audit_row(admin_ws: Workspace) -> None:
    before = rows(admin_ws)
    with pytest.raises(RuntimeError), admin_ws.write() as session:
        session.get_one(Site, 1).centre_name = "Changed"
        session.flush()
        raise RuntimeError("crash before commit")
    assert rows(admin_ws) == before
    assert admin_ws.db.scalar("SELECT centre_name FROM site") == "CHU de Test"


def test_time_running_backwards_is_flagged(admin_ws: Workspace, clock: FakeClock) -> None:
    clock.advance(-3600)
    with admin_ws.write() as session:
        session.get_one(Site, 1).centre_name = "CHU"
    flags = admin_ws.db.scalar("SELECT flags FROM audit_events ORDER BY seq DESC LIMIT 1")
    assert CLOCK_BACKWARDS in str(flags)


def test_a_changed_row_is_named(admin_ws: Workspace, attacker: Attacker) -> None:
    attacker("UPDATE audit_events SET new_value = '\"pi\"' WHERE seq = 13")
    report = chain(admin_ws)
    assert report.first_bad_seq == 13
    assert "changed" in (report.problem or "")


def test_a_changed_row_with_its_hash_recomputed_breaks_the_next_link(
    admin_ws: Workspace, attacker: Attacker
) -> None:
    row = attacker.row(13)
    row["new_value"] = '"pi"'
    attacker(
        "UPDATE audit_events SET new_value = ?, row_hash = ? WHERE seq = 13",
        (row["new_value"], row_hash(row)),
    )
    report = chain(admin_ws)
    assert report.first_bad_seq == 14
    assert "does not follow row 13" in (report.problem or "")


def test_a_removed_row_is_named(admin_ws: Workspace, attacker: Attacker) -> None:
    attacker("DELETE FROM audit_events WHERE seq = 7")
    report = chain(admin_ws)
    assert report.first_bad_seq == 7
    assert report.problem == "row 7 is missing"
    assert report.rows_checked == 6


def test_rows_cut_from_the_end_are_found(admin_ws: Workspace, attacker: Attacker) -> None:
    last = rows(admin_ws)
    attacker("DELETE FROM audit_events WHERE seq > ?", (last - 3,))
    report = chain(admin_ws)
    assert report.first_bad_seq == last - 2
    assert "removed from the end" in (report.problem or "")


def test_a_row_added_behind_the_applications_back_is_found(
    admin_ws: Workspace, attacker: Attacker
) -> None:
    last = attacker.row(rows(admin_ws))
    forged = {**last, "seq": last["seq"] + 1, "prev_hash": last["row_hash"], "action": "login"}
    forged["row_hash"] = row_hash(forged)
    columns = ", ".join(forged)
    attacker(
        f"INSERT INTO audit_events ({columns}) VALUES ({', '.join('?' * len(forged))})",
        tuple(forged.values()),
    )
    report = chain(admin_ws)
    assert report.first_bad_seq == last["seq"] + 1
    assert "added" in (report.problem or "")


def test_two_rows_swapped_are_found(admin_ws: Workspace, attacker: Attacker) -> None:
    attacker("UPDATE audit_events SET seq = -1 WHERE seq = 5")
    attacker("UPDATE audit_events SET seq = 5 WHERE seq = 6")
    attacker("UPDATE audit_events SET seq = 6 WHERE seq = -1")
    assert chain(admin_ws).first_bad_seq == 5


def test_data_changed_without_an_audit_row_is_found(
    admin_ws: Workspace, attacker: Attacker
) -> None:
    with admin_ws.db.read() as session:
        assert data_mismatches(session) == []
    attacker("UPDATE users SET role = 'site_admin' WHERE username = 'nina'")
    with admin_ws.db.read() as session:
        problems = data_mismatches(session)
    assert problems == ["user 2, field role: the data differ from the audit trail"]
    assert chain(admin_ws).intact  # the trail itself is untouched; the data are not


def test_a_row_deleted_from_the_data_is_found(admin_ws: Workspace, attacker: Attacker) -> None:
    attacker("DELETE FROM users WHERE username = 'nina'")
    with admin_ws.db.read() as session:
        assert data_mismatches(session) == ["user 2 is in the audit trail but not in the data"]


# --- the audit trail alone rebuilds the data -------------------------------------------------

NAMES = (
    st.text(
        alphabet=st.characters(blacklist_categories=("C",), min_codepoint=32),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
EDIT = st.one_of(
    st.tuples(st.just("add"), NAMES, st.sampled_from(["nurse", "pi", "site_admin"])),
    st.tuples(st.just("rename"), st.integers(0, 30), NAMES),
    st.tuples(st.just("role"), st.integers(0, 30), st.sampled_from(["nurse", "pi"])),
    st.tuples(st.just("toggle"), st.integers(0, 30), st.booleans()),
    st.tuples(st.just("delete"), st.integers(0, 30), st.none()),
    st.tuples(st.just("centre"), NAMES, st.none()),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(EDIT, min_size=1, max_size=4), min_size=1, max_size=8))
def test_replaying_the_audit_trail_rebuilds_the_data(
    transactions: list[list[tuple[Any, ...]]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        created = create_workspace(
            Path(tmp) / "ws",
            SITE,
            "admin",
            "Ada Admin",
            "Grenoble-2026-ws",
            clock=FakeClock(),
            policy=OWASP_FLOOR,
        )
        with created.workspace as ws:
            serial = 0
            for edits in transactions:
                with ws.write(reason="property test") as session:
                    users = list(session.scalars(select(User).where(User.id > 1).order_by(User.id)))
                    for kind, a, b in edits:
                        if kind == "add":
                            serial += 1
                            session.add(
                                User(
                                    username=f"u{serial}",
                                    printed_name=a,
                                    role=b,
                                    active=True,
                                    must_change_password=False,
                                    created_at="2026-11-21T09:00:00.000000Z",
                                )
                            )
                        elif kind == "centre":
                            session.get_one(Site, 1).centre_name = a
                        elif users:
                            user = users[a % len(users)]
                            if kind == "rename":
                                user.printed_name = b
                            elif kind == "role":
                                user.role = b
                            elif kind == "toggle":
                                user.active = b
                            elif kind == "delete" and user in session:
                                session.delete(user)
                                session.flush()
                                users.remove(user)
            with ws.db.read() as session:
                assert replay(session.connection()) == current_state(session)
                assert verify_chain(session.connection()).intact
