"""Changing one's own password, and setting one with the recovery key, over a real workspace."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.crypto import keyslots
from cmlentry.crypto.keyslots import OWASP_FLOOR, KeySlot, SlotOpenFailed
from cmlentry.gui.password_dialog import PasswordDialog, RecoveryDialog
from cmlentry.gui.workers import wait_for_done
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace
from cmlentry.storage.slotfile import SlotFile
from tests.conftest import ADMIN, ADMIN_PASSWORD, NURSE, FakeClock, Site

NEW_PASSWORD = "a-brand-new-secret-42"


@pytest.fixture(autouse=True)
def _workers_done() -> Iterator[None]:
    yield
    assert wait_for_done()


def opens(ws_or_site: Workspace | Site, username: str, password: str) -> bool:
    """Whether ``password`` opens ``username``'s key slot as saved on disk."""
    folder = ws_or_site.folder if isinstance(ws_or_site, Site) else ws_or_site.folder.folder
    slots = SlotFile.load(folder / "keyslots.json")
    try:
        keyslots.open_slot(
            KeySlot.from_json(slots.slots[SlotFile.user_key(username)]),
            slots.workspace_id,
            password,
        )
    except SlotOpenFailed:
        return False
    return True


def field(dialog: QWidget, name: str) -> QLineEdit:
    found = dialog.findChild(QLineEdit, name)
    assert isinstance(found, QLineEdit), name
    return found


def button(dialog: QWidget, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert isinstance(found, QPushButton), name
    return found


def said(dialog: QWidget, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    return label.text() if label.isVisible() else ""


@pytest.fixture
def dialog(qtbot: QtBot, admin_ws: Workspace) -> PasswordDialog:
    made = PasswordDialog(admin_ws)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def type_passwords(
    qtbot: QtBot, dialog: QWidget, current: str | None, new: str, repeat: str
) -> None:
    if current is not None:
        qtbot.keyClicks(field(dialog, "current_password"), current)
    qtbot.keyClicks(field(dialog, "new_password"), new)
    qtbot.keyClicks(field(dialog, "repeat_password"), repeat)


def test_changing_ones_own_password(
    qtbot: QtBot, dialog: PasswordDialog, admin_ws: Workspace
) -> None:
    ok = button(dialog, "password_ok")
    assert not ok.isEnabled()
    for name in ("current_password", "new_password", "repeat_password"):
        assert field(dialog, name).accessibleName()
        assert field(dialog, name).echoMode() == QLineEdit.EchoMode.Password
    type_passwords(qtbot, dialog, ADMIN_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    assert ok.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.keyClick(field(dialog, "repeat_password"), Qt.Key.Key_Return)
    assert dialog.user_info is not None
    assert dialog.user_info.username == ADMIN
    assert opens(admin_ws, ADMIN, NEW_PASSWORD)
    assert not opens(admin_ws, ADMIN, ADMIN_PASSWORD)


def test_enter_moves_from_field_to_field(qtbot: QtBot, dialog: PasswordDialog) -> None:
    qtbot.keyClicks(field(dialog, "current_password"), ADMIN_PASSWORD)
    qtbot.keyClick(field(dialog, "current_password"), Qt.Key.Key_Return)
    assert dialog.focusWidget() is field(dialog, "new_password")
    qtbot.keyClicks(field(dialog, "new_password"), NEW_PASSWORD)
    qtbot.keyClick(field(dialog, "new_password"), Qt.Key.Key_Return)
    assert dialog.focusWidget() is field(dialog, "repeat_password")
    assert dialog.isVisible()


def test_the_new_password_is_checked_as_typed(qtbot: QtBot, dialog: PasswordDialog) -> None:
    type_passwords(qtbot, dialog, ADMIN_PASSWORD, "short", "short")
    assert "too weak" in said(dialog, "new_password_message")
    assert not button(dialog, "password_ok").isEnabled()
    field(dialog, "new_password").clear()
    field(dialog, "repeat_password").clear()
    type_passwords(qtbot, dialog, None, NEW_PASSWORD, NEW_PASSWORD + "!")
    assert "not the same" in said(dialog, "new_password_message")
    assert not button(dialog, "password_ok").isEnabled()
    qtbot.keyClick(field(dialog, "repeat_password"), Qt.Key.Key_Backspace)
    assert said(dialog, "new_password_message") == ""
    assert button(dialog, "password_ok").isEnabled()


def test_a_wrong_current_password_changes_nothing(
    qtbot: QtBot, dialog: PasswordDialog, admin_ws: Workspace
) -> None:
    type_passwords(qtbot, dialog, "not-my-password", NEW_PASSWORD, NEW_PASSWORD)
    qtbot.mouseClick(button(dialog, "password_ok"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "current password is not right" in said(dialog, "password_message"))
    assert field(dialog, "current_password").text() == ""
    assert dialog.focusWidget() is field(dialog, "current_password")
    assert dialog.isVisible()
    assert opens(admin_ws, ADMIN, ADMIN_PASSWORD)


def test_the_same_password_again_is_refused(
    qtbot: QtBot, dialog: PasswordDialog, admin_ws: Workspace
) -> None:
    type_passwords(qtbot, dialog, ADMIN_PASSWORD, ADMIN_PASSWORD, ADMIN_PASSWORD)
    qtbot.mouseClick(button(dialog, "password_ok"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "must differ" in said(dialog, "new_password_message"))
    assert dialog.isVisible()


def test_escape_cancels(qtbot: QtBot, dialog: PasswordDialog, admin_ws: Workspace) -> None:
    type_passwords(qtbot, dialog, ADMIN_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert opens(admin_ws, ADMIN, ADMIN_PASSWORD)


def test_the_first_login_says_why(qtbot: QtBot, admin_ws: Workspace) -> None:
    first = PasswordDialog(admin_ws, first_login=True)
    qtbot.addWidget(first)
    intro = first.findChild(QLabel, "password_intro")
    assert intro is not None
    assert "Ada Admin" in intro.text()
    assert "given to you by your site administrator" in intro.text()


def test_recovery_needs_every_field(qtbot: QtBot, site: Site, clock: FakeClock) -> None:
    recovery = RecoveryDialog(site.folder, NURSE, clock=clock, policy=OWASP_FLOOR)
    qtbot.addWidget(recovery)
    recovery.show()
    qtbot.waitExposed(recovery)
    ok = button(recovery, "recovery_ok")
    assert not ok.isEnabled()
    qtbot.keyClicks(field(recovery, "recovery_key"), site.recovery_key)
    type_passwords(qtbot, recovery, None, NEW_PASSWORD, NEW_PASSWORD)
    assert ok.isEnabled()
    field(recovery, "recovery_username").clear()
    qtbot.keyClicks(field(recovery, "recovery_username"), "x")  # edited, then emptied
    qtbot.keyClick(field(recovery, "recovery_username"), Qt.Key.Key_Backspace)
    assert not ok.isEnabled()
    for name in ("recovery_key", "recovery_username", "new_password", "repeat_password"):
        assert field(recovery, name).accessibleName()


def test_recovery_of_a_disabled_user_is_refused(qtbot: QtBot, site: Site, clock: FakeClock) -> None:
    with site.open() as ws:
        UserService(ws).disable(NURSE, "left the site")
    recovery = RecoveryDialog(site.folder, NURSE, clock=clock, policy=OWASP_FLOOR)
    qtbot.addWidget(recovery)
    recovery.show()
    qtbot.waitExposed(recovery)
    qtbot.keyClicks(field(recovery, "recovery_key"), site.recovery_key)
    type_passwords(qtbot, recovery, None, NEW_PASSWORD, NEW_PASSWORD)
    qtbot.mouseClick(button(recovery, "recovery_ok"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is disabled" in said(recovery, "recovery_message"), timeout=10000)
    assert recovery.focusWidget() is field(recovery, "recovery_username")
