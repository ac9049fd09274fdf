"""The start flow: the wizard on an empty folder, sign-in on a workspace, sign-out and back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from cmlentry.gui import workers
from cmlentry.gui.settings import Settings
from cmlentry.gui.setup_wizard import SetupWizard
from cmlentry.gui.start import StartFlow
from cmlentry.gui.unlock_dialog import UnlockDialog
from tests.conftest import NURSE, NURSE_PASSWORD, Site


def _settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


def test_an_empty_folder_starts_the_set_up_wizard(qtbot: QtBot, tmp_path: Path) -> None:
    flow = StartFlow(_settings(tmp_path), tmp_path / "new")
    flow.begin()
    assert isinstance(flow.dialog, SetupWizard)
    assert flow.dialog.isVisible()
    flow.dialog.hide()
    flow.dialog.deleteLater()


def test_sign_in_opens_the_window_and_sign_out_comes_back_to_sign_in(
    qtbot: QtBot, site: Site, tmp_path: Path
) -> None:
    settings = _settings(tmp_path)
    flow = StartFlow(settings, site.folder)
    flow.begin()
    dialog = flow.dialog
    assert isinstance(dialog, UnlockDialog)
    username = dialog.findChild(QLineEdit, "unlock_username")
    password = dialog.findChild(QLineEdit, "unlock_password")
    assert username is not None and password is not None
    qtbot.keyClicks(username, NURSE)
    qtbot.keyClicks(password, NURSE_PASSWORD)
    qtbot.keyClick(password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.window is not None, timeout=15_000)
    window = flow.window
    assert window is not None and window.isVisible()
    assert settings.last_username == NURSE  # remembered for the next sign-in
    # Sign out: the window saves and closes, the workspace is closed, sign-in shows again,
    # with the name filled in and the cursor in the password.
    window.main_actions.sign_out.trigger()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, UnlockDialog), timeout=10_000)
    assert flow.window is None
    again = flow.dialog
    assert isinstance(again, UnlockDialog)
    name = again.findChild(QLineEdit, "unlock_username")
    assert name is not None and name.text() == NURSE
    assert workers.wait_for_done()
    # The folder was released: the workspace opens again in this process.
    site.open(NURSE, NURSE_PASSWORD).close()
    again.hide()
    again.deleteLater()
