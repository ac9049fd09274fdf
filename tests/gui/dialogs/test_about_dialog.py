"""The about dialog: versions from the real workspace summary, copyable; the icons' licence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from cmlentry import __version__
from cmlentry.gui.dialogs.about_dialog import AboutDialog
from cmlentry.services.definitions import installed_definitions
from cmlentry.services.maintenance import MaintenanceService
from cmlentry.services.workspace import Workspace


def test_versions_of_the_app_form_and_store_are_copied(qtbot: QtBot, admin_ws: Workspace) -> None:
    summary = MaintenanceService(admin_ws).summary()
    dialog = AboutDialog(summary)
    qtbot.addWidget(dialog)
    dialog.show()
    lines = dict(line.split(": ", 1) for line in dialog.details().splitlines())
    assert lines["Version"] == __version__
    assert lines["SQLCipher"] == summary.sqlcipher_version
    assert lines["SQLCipher"][:1].isdigit()
    assert lines["Workspace schema"] == summary.schema_revision
    current = installed_definitions().current.version
    assert f"{current} (new data)" in lines["Case report form"]

    copy = dialog.findChild(QPushButton, "about_copy")
    assert copy is not None
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == dialog.details()


def test_without_a_workspace_the_store_lines_are_left_out(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert "SQLCipher" not in dialog.details()
    assert "Python: " in dialog.details()


def test_the_icons_licence_is_shown_on_request(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    licence = dialog.findChild(QPlainTextEdit, "about_licence")
    button = dialog.findChild(QPushButton, "about_show_licence")
    assert licence is not None and button is not None
    assert not licence.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert licence.isVisible()
    assert "ISC License" in licence.toPlainText()
    assert "Lucide" in licence.toPlainText()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
