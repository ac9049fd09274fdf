"""The start flow opens the coordinator's window, not the case window, on a registry workspace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from cmlentry.gui import workers
from cmlentry.gui.main_window import MainWindow
from cmlentry.gui.registry.registry_window import RegistryWindow
from cmlentry.gui.start import StartFlow
from cmlentry.gui.unlock_dialog import UnlockDialog
from tests.batch_world import COORDINATOR, PASSWORD, make_world
from tests.conftest import FakeClock
from tests.gui.registry.conftest import settings_at


def test_signing_in_to_a_registry_opens_the_registry_window(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    world, _complete = make_world(tmp_path / "world", clock, cases=1)
    flow = StartFlow(settings_at(tmp_path / "ui.ini"), world.registry_folder)
    flow.begin()
    dialog = flow.dialog
    assert isinstance(dialog, UnlockDialog)
    username = dialog.findChild(QLineEdit, "unlock_username")
    password = dialog.findChild(QLineEdit, "unlock_password")
    assert username is not None and password is not None
    qtbot.keyClicks(username, COORDINATOR)
    qtbot.keyClicks(password, PASSWORD)
    qtbot.keyClick(password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.window is not None, timeout=20_000)
    window = flow.window
    assert isinstance(window, RegistryWindow) and not isinstance(window, MainWindow)
    # start_session ran: the registered centre is listed.
    qtbot.waitUntil(lambda: window.centres_view.model.rowCount() == 1, timeout=20_000)
    assert window.centres_view.model.centre(0).code == "FR-086"
    assert "ELN CML registry" in window.windowTitle()

    window.registry_actions.sign_out.trigger()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, UnlockDialog), timeout=10_000)
    assert flow.window is None
    assert workers.wait_for_done()
    world.registry().close()  # the folder was released
    again = flow.dialog
    assert again is not None
    again.hide()
    again.deleteLater()
