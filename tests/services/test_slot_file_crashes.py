"""A process killed between writing keyslots.json and committing the database (review #3).

The child really dies (SIGKILL) at the moment its database transaction begins, after the slot
file holds the new slot and its pending event. The next login must leave the audit trail, the
slot file and the users table agreeing with one another.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from cmlentry.services.maintenance import MaintenanceService
from cmlentry.storage.models import AuditEvent
from tests.conftest import ADMIN, ADMIN_PASSWORD, NURSE, NURSE_PASSWORD, Site

CHILD = r"""
import os, signal, sys
from pathlib import Path
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.services.users import UserService
from cmlentry.services.workspace import open_workspace
from cmlentry.storage.workspace import Database

folder, who, password, action = sys.argv[1:5]
ws = open_workspace(Path(folder), who, password, policy=OWASP_FLOOR)
def die(*_a, **_k):
    os.kill(os.getpid(), signal.SIGKILL)
Database.write = die  # the transaction that would record the change never happens
users = UserService(ws)
if action == "add":
    users.add_user("olga", "Olga Orphan", "nurse", "first-pass-7788")
else:
    users.change_own_password(password, "changed-then-killed")
"""


def run_child(site: Site, who: str, password: str, action: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(site.folder), who, password, action],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    # The child wrote its pending event with the real clock; this process's fake clock must not
    # be behind it, or the late event is (rightly) flagged as written with the clock going
    # backwards. Regression: these tests failed once the real time passed the fake start.
    site.clock.now = max(site.clock.now, datetime.now(UTC) + timedelta(minutes=1))


def security_events(site: Site) -> list[tuple[str, str | None, str | None]]:
    with site.open() as ws, ws.db.read() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.new_value, AuditEvent.flags).where(
                AuditEvent.entity == "security"
            )
        ).all()
        assert MaintenanceService(ws).verify().sound
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_killed_while_adding_a_user(site: Site) -> None:
    run_child(site, ADMIN, ADMIN_PASSWORD, "add")
    slots = json.loads((site.folder / "keyslots.json").read_text())
    assert "user:olga" in slots["slots"]  # the slot was written, the user row never was
    assert [e["action"] for e in slots["pending_events"]] == ["key_slot_created"]
    events = security_events(site)  # the next login reconciles
    assert ("key_slot_created", '"olga"', "recorded_late") in events
    assert ("key_slot_removed", '"olga"', None) in events
    slots = json.loads((site.folder / "keyslots.json").read_text())
    assert "user:olga" not in slots["slots"]
    assert slots["pending_events"] == []


def test_killed_while_changing_a_password(site: Site) -> None:
    run_child(site, NURSE, NURSE_PASSWORD, "passwd")
    # The slot file already holds the new password: the change happened, and the trail says so.
    events = security_events(site)
    assert ("password_changed", f'"{NURSE}"', "recorded_late") in events
    site.open(NURSE, "changed-then-killed").close()


def test_a_slot_file_put_back_after_a_user_was_disabled_is_cleaned(site: Site) -> None:
    from cmlentry.services.users import UserService

    before = (site.folder / "keyslots.json").read_bytes()
    with site.open() as ws:
        UserService(ws).disable(NURSE, "left")
    (site.folder / "keyslots.json").write_bytes(before)  # an old copy restored by hand
    events = security_events(site)
    assert ("key_slot_removed", f'"{NURSE}"', None) in events
    assert f"user:{NURSE}" not in json.loads((site.folder / "keyslots.json").read_text())["slots"]
