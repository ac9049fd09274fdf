"""The unlock dialog over a real temporary workspace: signing in, every refusal, the first login,
the recovery key, and the lock screen of an open workspace."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.crypto import keyslots
from cmlentry.crypto.keyslots import OWASP_FLOOR, KeySlot, SlotOpenFailed
from cmlentry.crypto.recovery import new_recovery_key
from cmlentry.errors import AccountLocked, WrongCredentials
from cmlentry.gui.password_dialog import PasswordDialog, RecoveryDialog
from cmlentry.gui.unlock_dialog import UnlockDialog
from cmlentry.gui.workers import wait_for_done
from cmlentry.services.relock import unlock_screen
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace, open_workspace
from cmlentry.storage.slotfile import SlotFile
from tests.conftest import ADMIN, ADMIN_PASSWORD, NURSE, NURSE_PASSWORD, FakeClock, Site

NEW_PASSWORD = "a-brand-new-secret-42"


@pytest.fixture(autouse=True)
def _workers_done() -> Iterator[None]:
    yield
    assert wait_for_done()


def child(widget: QWidget, kind: type, name: str) -> QWidget:
    found = widget.findChild(kind, name)
    assert found is not None, name
    return found  # type: ignore[no-any-return]


def line(widget: QWidget, name: str) -> QLineEdit:
    found = child(widget, QLineEdit, name)
    assert isinstance(found, QLineEdit)
    return found


def button(widget: QWidget, name: str) -> QPushButton:
    found = child(widget, QPushButton, name)
    assert isinstance(found, QPushButton)
    return found


def message(dialog: QWidget, name: str = "unlock_message") -> str:
    found = child(dialog, QWidget, name)
    return found.text() if found.isVisible() else ""  # type: ignore[attr-defined]


def make_dialog(qtbot: QtBot, site: Site, clock: FakeClock) -> UnlockDialog:
    dialog = UnlockDialog(site.folder, clock=clock, policy=OWASP_FLOOR)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def sign_in(qtbot: QtBot, dialog: UnlockDialog, username: str, password: str) -> None:
    """Type as a person would: user name, Enter, password, Enter; wait for the answer."""
    user = line(dialog, "unlock_username")
    user.clear()
    qtbot.keyClicks(user, username)
    qtbot.keyClick(user, Qt.Key.Key_Return)
    qtbot.keyClicks(line(dialog, "unlock_password"), password)
    qtbot.keyClick(line(dialog, "unlock_password"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog._running, timeout=10000)


def password_opens_slot(site: Site, username: str, password: str) -> bool:
    """Whether ``password`` opens ``username``'s key slot, read from the file (no folder lock)."""
    slots = SlotFile.load(site.folder / "keyslots.json")
    try:
        keyslots.open_slot(
            KeySlot.from_json(slots.slots[SlotFile.user_key(username)]),
            slots.workspace_id,
            password,
        )
    except SlotOpenFailed:
        return False
    return True


def fail_logins(site: Site, clock: FakeClock, times: int, username: str = ADMIN) -> None:
    for _ in range(times):
        clock.advance(600)  # past any wait, so every attempt counts
        with pytest.raises((WrongCredentials, AccountLocked)):
            open_workspace(site.folder, username, "wrong-password", clock=clock, policy=OWASP_FLOOR)


# --- signing in ------------------------------------------------------------------------------


def test_the_folder_is_shown_and_unlock_waits_for_both_fields(
    qtbot: QtBot, site: Site, clock: FakeClock
) -> None:
    dialog = make_dialog(qtbot, site, clock)
    assert str(site.folder) in child(dialog, QWidget, "unlock_where").text()  # type: ignore[attr-defined]
    unlock = button(dialog, "unlock_button")
    assert not unlock.isEnabled()
    qtbot.keyClicks(line(dialog, "unlock_username"), ADMIN)
    assert not unlock.isEnabled()
    qtbot.keyClicks(line(dialog, "unlock_password"), "x")
    assert unlock.isEnabled()
    for name in ("unlock_username", "unlock_password"):
        assert line(dialog, name).accessibleName()
    assert line(dialog, "unlock_password").echoMode() == QLineEdit.EchoMode.Password


def test_a_remembered_user_name_is_filled_in(qtbot: QtBot, site: Site, clock: FakeClock) -> None:
    dialog = UnlockDialog(site.folder, clock=clock, policy=OWASP_FLOOR, username=NURSE)
    qtbot.addWidget(dialog)
    assert line(dialog, "unlock_username").text() == NURSE
    assert dialog.focusWidget() is line(dialog, "unlock_password")
    assert dialog.username == NURSE


def test_enter_in_the_user_name_moves_to_the_password(
    qtbot: QtBot, site: Site, clock: FakeClock
) -> None:
    dialog = make_dialog(qtbot, site, clock)
    qtbot.keyClicks(line(dialog, "unlock_username"), ADMIN)
    qtbot.keyClick(line(dialog, "unlock_username"), Qt.Key.Key_Return)
    assert dialog.focusWidget() is line(dialog, "unlock_password")
    assert dialog.isVisible()  # Enter did not try to unlock with an empty password


def test_the_right_password_opens_the_workspace(qtbot: QtBot, site: Site, clock: FakeClock) -> None:
    dialog = make_dialog(qtbot, site, clock)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        sign_in(qtbot, dialog, "  Admin ", ADMIN_PASSWORD)
    assert dialog.workspace is not None
    with dialog.workspace as ws:
        assert ws.user.username == ADMIN
    assert line(dialog, "unlock_password").text() == ""


def test_a_wrong_password_says_so_and_keeps_the_user_name(
    qtbot: QtBot, site: Site, clock: FakeClock
) -> None:
    dialog = make_dialog(qtbot, site, clock)
    sign_in(qtbot, dialog, ADMIN, "not-my-password")
    assert "9 attempts are left" in message(dialog)
    assert line(dialog, "unlock_password").text() == ""
    assert line(dialog, "unlock_username").text() == ADMIN
    assert dialog.focusWidget() is line(dialog, "unlock_password")
    assert dialog.isVisible()
    assert dialog.workspace is None


def test_a_wait_counts_down_then_unlock_works_again(
    qtbot: QtBot, site: Site, clock: FakeClock
) -> None:
    fail_logins(site, clock, 3)
    dialog = make_dialog(qtbot, site, clock)
    sign_in(qtbot, dialog, ADMIN, ADMIN_PASSWORD)
    assert "wait 2 seconds" in message(dialog)
    qtbot.keyClicks(line(dialog, "unlock_password"), ADMIN_PASSWORD)
    assert not button(dialog, "unlock_button").isEnabled()
    clock.advance(1)
    qtbot.waitUntil(lambda: "wait 1 seconds" in message(dialog), timeout=3000)
    clock.advance(1)
    qtbot.waitUntil(lambda: button(dialog, "unlock_button").isEnabled(), timeout=3000)
    assert "try again now" in message(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(button(dialog, "unlock_button"), Qt.MouseButton.LeftButton)
    assert dialog.workspace is not None
    dialog.workspace.close()


def test_a_locked_account(qtbot: QtBot, site: Site, clock: FakeClock) -> None:
    fail_logins(site, clock, 10)
    dialog = make_dialog(qtbot, site, clock)
    sign_in(qtbot, dialog, ADMIN, ADMIN_PASSWORD)
    assert "is locked after too many wrong passwords" in message(dialog)
    # Someone else may still sign in from the same dialog.
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        sign_in(qtbot, dialog, NURSE, NURSE_PASSWORD)
    assert dialog.workspace is not None
    dialog.workspace.close()


def test_a_disabled_account(qtbot: QtBot, site: Site, clock: FakeClock, tmp_path: Path) -> None:
    """An old key-slot file put back after the nurse was disabled still cannot let her in."""
    slots = site.folder / "keyslots.json"
    shutil.copy(slots, tmp_path / "old-keyslots.json")
    with site.open() as ws:
        UserService(ws).disable(NURSE, "left the site")
    shutil.copy(tmp_path / "old-keyslots.json", slots)
    dialog = make_dialog(qtbot, site, clock)
    sign_in(qtbot, dialog, NURSE, NURSE_PASSWORD)
    assert "is disabled" in message(dialog)
    assert dialog.workspace is None


def test_a_workspace_open_elsewhere(
    qtbot: QtBot, site: Site, clock: FakeClock, admin_ws: Workspace
) -> None:
    dialog = make_dialog(qtbot, site, clock)
    sign_in(qtbot, dialog, NURSE, NURSE_PASSWORD)
    assert "already open in another cmlentry window" in message(dialog)


def test_a_damaged_key_file(qtbot: QtBot, site: Site, clock: FakeClock) -> None:
    (site.folder / "keyslots.json").write_text("{ not json")
    dialog = make_dialog(qtbot, site, clock)
    sign_in(qtbot, dialog, ADMIN, ADMIN_PASSWORD)
    assert "keyslots.json" in message(dialog)


def test_a_damaged_database(qtbot: QtBot, site: Site, clock: FakeClock) -> None:
    (site.folder / "cmlentry.db").write_bytes(bytes(range(256)) * 64)
    dialog = make_dialog(qtbot, site, clock)
    sign_in(qtbot, dialog, ADMIN, ADMIN_PASSWORD)
    assert "The workspace file is damaged" in message(dialog)
    assert dialog.workspace is None


def test_escape_cancels_but_not_while_the_password_is_checked(
    qtbot: QtBot, site: Site, clock: FakeClock
) -> None:
    dialog = make_dialog(qtbot, site, clock)
    qtbot.keyClicks(line(dialog, "unlock_username"), ADMIN)
    qtbot.keyClicks(line(dialog, "unlock_password"), ADMIN_PASSWORD)
    qtbot.mouseClick(button(dialog, "unlock_button"), Qt.MouseButton.LeftButton)
    assert not line(dialog, "unlock_username").isEnabled()  # busy: inputs disabled
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.workspace is not None, timeout=10000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.workspace.close()

    other = make_dialog(qtbot, site, clock)
    with qtbot.waitSignal(other.rejected):
        qtbot.keyClick(other, Qt.Key.Key_Escape)


# --- the first login -------------------------------------------------------------------------


@pytest.fixture
def newcomer(site: Site) -> str:
    with site.open() as ws:
        UserService(ws).add_user("paula", "Paula PI", "pi", "first-pass-5678")
    return "paula"


def test_a_first_login_asks_for_a_new_password_first(
    qtbot: QtBot, site: Site, clock: FakeClock, newcomer: str
) -> None:
    dialog = make_dialog(qtbot, site, clock)
    sign_in(qtbot, dialog, newcomer, "first-pass-5678")
    qtbot.waitUntil(lambda: dialog.password_dialog is not None)
    password_dialog = dialog.password_dialog
    assert isinstance(password_dialog, PasswordDialog)
    assert "Paula PI" in child(password_dialog, QWidget, "password_intro").text()  # type: ignore[attr-defined]
    assert dialog.workspace is None
    qtbot.keyClicks(line(password_dialog, "current_password"), "first-pass-5678")
    qtbot.keyClicks(line(password_dialog, "new_password"), NEW_PASSWORD)
    qtbot.keyClicks(line(password_dialog, "repeat_password"), NEW_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.keyClick(line(password_dialog, "repeat_password"), Qt.Key.Key_Return)
    assert dialog.workspace is not None
    assert not dialog.workspace.user.must_change_password
    dialog.workspace.close()
    assert password_opens_slot(site, newcomer, NEW_PASSWORD)
    assert not password_opens_slot(site, newcomer, "first-pass-5678")


def test_refusing_the_new_password_closes_the_workspace(
    qtbot: QtBot, site: Site, clock: FakeClock, newcomer: str
) -> None:
    dialog = make_dialog(qtbot, site, clock)
    sign_in(qtbot, dialog, newcomer, "first-pass-5678")
    qtbot.waitUntil(lambda: dialog.password_dialog is not None)
    assert dialog.password_dialog is not None
    dialog.password_dialog.reject()
    assert "must choose your own password" in message(dialog)
    assert dialog.workspace is None
    assert dialog.isVisible()
    assert password_opens_slot(site, newcomer, "first-pass-5678")  # nothing was changed
    site.open().close()  # the folder was released


# --- forgot password -------------------------------------------------------------------------


def open_recovery(qtbot: QtBot, dialog: UnlockDialog) -> RecoveryDialog:
    panel = child(dialog, QWidget, "unlock_forgot_panel")
    assert not panel.isVisible()
    qtbot.mouseClick(button(dialog, "unlock_forgot"), Qt.MouseButton.LeftButton)
    assert panel.isVisible()
    qtbot.mouseClick(button(dialog, "unlock_recover"), Qt.MouseButton.LeftButton)
    recovery = dialog.findChild(RecoveryDialog)
    assert isinstance(recovery, RecoveryDialog)
    return recovery


def test_the_recovery_key_sets_a_new_password_and_lifts_a_lock(
    qtbot: QtBot, site: Site, clock: FakeClock
) -> None:
    fail_logins(site, clock, 10, NURSE)
    dialog = make_dialog(qtbot, site, clock)
    qtbot.keyClicks(line(dialog, "unlock_username"), NURSE)
    recovery = open_recovery(qtbot, dialog)
    assert line(recovery, "recovery_username").text() == NURSE
    qtbot.keyClicks(line(recovery, "recovery_key"), site.recovery_key.lower())
    qtbot.keyClicks(line(recovery, "new_password"), NEW_PASSWORD)
    qtbot.keyClicks(line(recovery, "repeat_password"), NEW_PASSWORD)
    with qtbot.waitSignal(recovery.accepted, timeout=10000):
        qtbot.mouseClick(button(recovery, "recovery_ok"), Qt.MouseButton.LeftButton)
    assert "A new password was set for nina" in message(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        sign_in(qtbot, dialog, NURSE, NEW_PASSWORD)
    assert dialog.workspace is not None
    dialog.workspace.close()


@pytest.mark.parametrize(
    ("key", "user", "expected"),
    [
        ("not a key", NURSE, "A recovery key has 7 groups"),
        ("typo", NURSE, "has a typing error"),
        ("other", NURSE, "does not open this workspace"),
        ("right", "nobody", "There is no user called nobody"),
    ],
)
def test_recovery_refusals_are_explained(
    qtbot: QtBot, site: Site, clock: FakeClock, key: str, user: str, expected: str
) -> None:
    if key == "typo":
        groups = site.recovery_key.split("-")
        groups[2] = groups[2][:4] + ("A" if groups[2][4] != "A" else "B")
        key = "-".join(groups)
    elif key == "other":
        key = new_recovery_key()
    elif key == "right":
        key = site.recovery_key
    dialog = make_dialog(qtbot, site, clock)
    recovery = open_recovery(qtbot, dialog)
    qtbot.keyClicks(line(recovery, "recovery_key"), key)
    qtbot.keyClicks(line(recovery, "recovery_username"), user)
    qtbot.keyClicks(line(recovery, "new_password"), NEW_PASSWORD)
    qtbot.keyClicks(line(recovery, "repeat_password"), NEW_PASSWORD)
    qtbot.mouseClick(button(recovery, "recovery_ok"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: expected in message(recovery, "recovery_message"), timeout=10000)
    assert recovery.isVisible()
    assert not password_opens_slot(site, NURSE, NEW_PASSWORD)  # nothing was changed


# --- the lock screen -------------------------------------------------------------------------


def make_relock(qtbot: QtBot, ws: Workspace) -> UnlockDialog:
    dialog = UnlockDialog.for_relock(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def relock_with(qtbot: QtBot, dialog: UnlockDialog, password: str) -> None:
    qtbot.keyClicks(line(dialog, "unlock_password"), password)
    qtbot.keyClick(line(dialog, "unlock_password"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog._running, timeout=10000)


def test_the_lock_screen_asks_only_the_signed_in_users_password(
    qtbot: QtBot, admin_ws: Workspace
) -> None:
    dialog = make_relock(qtbot, admin_ws)
    assert dialog.relock
    assert not line(dialog, "unlock_username").isVisible()
    assert "Ada Admin" in child(dialog, QWidget, "unlock_where").text()  # type: ignore[attr-defined]
    assert not button(dialog, "unlock_forgot").isVisible()
    relock_with(qtbot, dialog, NURSE_PASSWORD)
    assert "The password is not right. 9 attempts are left" in message(dialog)
    assert dialog.focusWidget() is line(dialog, "unlock_password")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        relock_with(qtbot, dialog, ADMIN_PASSWORD)
    assert dialog.workspace is admin_ws
    assert UserService(admin_ws).get(ADMIN).username == ADMIN  # still open, never reopened


def test_the_lock_screen_lets_someone_else_sign_in(qtbot: QtBot, admin_ws: Workspace) -> None:
    dialog = make_relock(qtbot, admin_ws)
    with qtbot.waitSignal(dialog.switch_user_requested), qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(button(dialog, "unlock_switch_user"), Qt.MouseButton.LeftButton)


def test_the_lock_screen_locks_the_account_after_too_many_failures(
    qtbot: QtBot, admin_ws: Workspace, clock: FakeClock
) -> None:
    for _ in range(9):
        clock.advance(600)
        with pytest.raises(WrongCredentials):
            unlock_screen(admin_ws, "wrong-password")
    clock.advance(600)
    dialog = make_relock(qtbot, admin_ws)
    relock_with(qtbot, dialog, "wrong-password")
    assert "is locked after too many wrong passwords" in message(dialog)
    assert not line(dialog, "unlock_password").isEnabled()
    assert not button(dialog, "unlock_button").isEnabled()
    assert button(dialog, "unlock_switch_user").isEnabled()
    assert dialog.focusWidget() is button(dialog, "unlock_switch_user")


def test_a_workspace_unlocked_here_can_be_closed_on_the_gui_thread_and_opened_again(
    qtbot: QtBot, site: Site, clock: FakeClock
) -> None:
    """Regression: the folder lock was thread-local, so a workspace the worker unlocked and the
    start flow closed on the GUI thread stayed locked, and signing in again after signing out
    met "already open in another cmlentry window"."""
    dialog = make_dialog(qtbot, site, clock)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        sign_in(qtbot, dialog, ADMIN, ADMIN_PASSWORD)
    assert dialog.workspace is not None
    dialog.workspace.close()
    site.open().close()
