"""Lifting the screen lock: the signed-in user's password checked against their key slot.

The desktop application locks itself after a period of inactivity or on request, while the
workspace stays open (closing and reopening it would cost a full unlock and drop the editor's
state). Unlocking again must be as strong as a login: the password is checked by opening the
user's key slot (Argon2id, the same cost as a login) and the database key it yields must be the
one the open workspace uses. Failures count towards the same throttle as failed logins (kept in
the slot file, so a restart does not reset it), so guessing at a locked screen meets the same
back-off and lock-out, and every attempt is audited.
"""

from __future__ import annotations

import hmac
import logging

from cmlentry.crypto import keyslots
from cmlentry.crypto.keyslots import KeySlot, SlotOpenFailed
from cmlentry.domain import accounts
from cmlentry.errors import AccountDisabled, AccountLocked, CmlentryError, WrongCredentials
from cmlentry.services.workspace import Workspace, _check_throttle, pending_event
from cmlentry.storage.audit import format_utc, record_event
from cmlentry.storage.slotfile import SlotFile, Throttle

log = logging.getLogger(__name__)


class WrongUnlockPassword(WrongCredentials):
    """The password typed at the lock screen is not the signed-in user's."""

    code = "auth.wrong_unlock_password"
    template = (
        "The password is not right. {attempts_left} attempts are left before the account is locked."
    )


def unlock_screen(ws: Workspace, password: str) -> None:
    """Check ``password`` for the signed-in user of ``ws``, without reopening the database.

    Args:
        ws: The open workspace whose screen is locked.
        password: What the person typed.

    Raises:
        LoginDelayed: Too many recent failures; nothing was checked.
        AccountLocked: The account is locked (now, or by earlier failures).
        AccountDisabled: The user's key slot is gone (the account was disabled).
        WrongUnlockPassword: The password is not right; says how many attempts are left.
    """
    username = ws.user.username
    _check_throttle(ws.slots, username, ws.clock)
    data = ws.slots.slots.get(SlotFile.user_key(username))
    if data is None:
        # A slot is deleted only when its user is disabled.
        raise AccountDisabled(username=username)
    try:
        db_key = keyslots.open_slot(KeySlot.from_json(data), ws.workspace_id, password)
        if not hmac.compare_digest(db_key, ws.database_key()):
            raise SlotOpenFailed("the slot opens another key than the open workspace's")
    except (SlotOpenFailed, ValueError):
        failures = _record_failure(ws, username)
        if accounts.is_locked_after(failures):
            raise AccountLocked(username=username) from None
        raise WrongUnlockPassword(attempts_left=accounts.attempts_left(failures)) from None
    _record_success(ws, username)


def _record_failure(ws: Workspace, username: str) -> int:
    """Count the failure in the slot file's throttle and audit it; returns the failure count."""
    throttle = ws.slots.throttle.setdefault(username, Throttle())
    throttle.failures += 1
    throttle.last_failure_at = format_utc(ws.clock())
    actions = ["screen_unlock_failed"]
    if accounts.is_locked_after(throttle.failures) and not throttle.locked:
        throttle.locked = True
        actions.append("account_locked")
    _audit(ws, username, actions)
    ws.save_slots()
    log.warning("failed screen unlock (failures=%d)", throttle.failures)
    return throttle.failures


def _record_success(ws: Workspace, username: str) -> None:
    _audit(ws, username, ["screen_unlocked"])
    if ws.slots.throttle.pop(username, None) is not None or ws.read_only:
        try:
            ws.save_slots()
        except CmlentryError:
            # The count is cleared at the next login anyway; the person is let in.
            log.error("could not update the slot file after a screen unlock")
    log.info("screen unlocked")


def _audit(ws: Workspace, username: str, actions: list[str]) -> None:
    """Audit now when the database takes writes; otherwise leave the events in the slot file,
    which the next login records (as it does for failed logins)."""
    if ws.read_only:
        ws.slots.pending_events.extend(pending_event(a, username, ws.clock) for a in actions)
        return
    with ws.write() as session:
        for action in actions:
            record_event(session, action, "user", str(ws.user.id))


__all__ = ["WrongUnlockPassword", "unlock_screen"]
