"""Lifting the screen lock with the signed-in user's password, over a real open workspace."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cmlentry.crypto import keyslots
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.errors import AccountDisabled, AccountLocked, LoginDelayed, WrongCredentials
from cmlentry.services.relock import unlock_screen
from cmlentry.services.workspace import Workspace, open_workspace
from cmlentry.storage.models import AuditEvent
from cmlentry.storage.slotfile import SlotFile
from tests.conftest import ADMIN, ADMIN_PASSWORD, NURSE, NURSE_PASSWORD, FakeClock, Site


def actions(ws: Workspace) -> list[str]:
    with ws.db.read() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def test_the_right_password_unlocks_and_is_audited(admin_ws: Workspace) -> None:
    unlock_screen(admin_ws, ADMIN_PASSWORD)
    assert actions(admin_ws)[-1] == "screen_unlocked"


def test_a_wrong_password_is_refused_counted_and_audited(admin_ws: Workspace, site: Site) -> None:
    with pytest.raises(WrongCredentials) as caught:
        unlock_screen(admin_ws, "not-the-password")
    assert "9 attempts are left" in caught.value.message
    assert actions(admin_ws)[-1] == "screen_unlock_failed"
    # The count is in the slot file on disk, so quitting the application does not reset it.
    on_disk = SlotFile.load(site.folder / "keyslots.json")
    assert on_disk.throttle[ADMIN].failures == 1


def test_another_users_password_does_not_unlock(admin_ws: Workspace) -> None:
    with pytest.raises(WrongCredentials):
        unlock_screen(admin_ws, NURSE_PASSWORD)


def test_success_clears_the_failure_count(admin_ws: Workspace, site: Site) -> None:
    with pytest.raises(WrongCredentials):
        unlock_screen(admin_ws, "not-the-password")
    unlock_screen(admin_ws, ADMIN_PASSWORD)
    assert ADMIN not in SlotFile.load(site.folder / "keyslots.json").throttle


def test_repeated_failures_wait_then_lock_the_account(
    admin_ws: Workspace, site: Site, clock: FakeClock
) -> None:
    for _ in range(3):
        with pytest.raises(WrongCredentials):
            unlock_screen(admin_ws, "not-the-password")
    with pytest.raises(LoginDelayed) as delayed:
        unlock_screen(admin_ws, ADMIN_PASSWORD)  # not even checked while delayed
    assert delayed.value.params["seconds"] == 2
    for _ in range(7):
        clock.advance(600)
        with pytest.raises((WrongCredentials, AccountLocked)):
            unlock_screen(admin_ws, "not-the-password")
    clock.advance(600)
    with pytest.raises(AccountLocked):
        unlock_screen(admin_ws, ADMIN_PASSWORD)
    assert "account_locked" in actions(admin_ws)
    # The lock-out holds for a real login too.
    admin_ws.close()
    with pytest.raises(AccountLocked):
        site.open()


def test_a_slot_that_opens_another_key_is_refused(admin_ws: Workspace) -> None:
    """A slot sealed to some other database key (a copied-in slot file) must not unlock."""
    forged = keyslots.make_user_slot(
        admin_ws.workspace_id, ADMIN, ADMIN_PASSWORD, keyslots.new_database_key(), OWASP_FLOOR
    )
    admin_ws.slots.slots[SlotFile.user_key(ADMIN)] = forged.to_json()
    with pytest.raises(WrongCredentials):
        unlock_screen(admin_ws, ADMIN_PASSWORD)


def test_a_removed_slot_means_a_disabled_account(admin_ws: Workspace) -> None:
    del admin_ws.slots.slots[SlotFile.user_key(ADMIN)]
    with pytest.raises(AccountDisabled):
        unlock_screen(admin_ws, ADMIN_PASSWORD)


def test_a_read_only_workspace_keeps_the_events_for_the_next_login(
    site: Site, clock: FakeClock
) -> None:
    ws = open_workspace(site.folder, NURSE, NURSE_PASSWORD, clock=clock, policy=OWASP_FLOOR)
    ws.db.read_only = True  # as after a failed quick_check
    with pytest.raises(WrongCredentials):
        unlock_screen(ws, "not-the-password")
    unlock_screen(ws, NURSE_PASSWORD)
    ws.close()
    with site.open() as admin:
        recorded = actions(admin)
    assert recorded.count("screen_unlock_failed") == 1
    assert recorded.count("screen_unlocked") == 1
