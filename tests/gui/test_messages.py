"""Coded errors become sentences in the interface language; unexpected ones a generic sentence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.errors import CmlentryError, NotAWorkspace, WorkspaceInUse, WrongCredentials
from cmlentry.gui import messages
from cmlentry.gui.error_dialog import ErrorDialog
from cmlentry.gui.translations import install_translator
from cmlentry.services.spreadsheet.errors import WorkbookProtected

SENTINEL = "Dupont-Sentinel-1957"


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def french(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    assert install_translator(qapp, "fr", cache_dir=tmp_path / "qm") == "fr"
    yield
    install_translator(qapp, "en", cache_dir=tmp_path / "qm")


def test_a_coded_error_reads_as_its_english_sentence_without_a_translation() -> None:
    exc = NotAWorkspace(folder="/home/nina/ws")
    assert messages.describe(exc) == exc.message
    assert "/home/nina/ws" in messages.describe(exc)


def test_a_coded_error_reads_in_french_with_its_params(french: None) -> None:
    assert messages.describe(WorkspaceInUse()) == (
        "Cet espace de travail est déjà ouvert dans une autre fenêtre ou commande cmlentry. "
        "Fermez-le là-bas, puis réessayez."
    )
    text = messages.describe(WrongCredentials(attempts_left=2))
    assert "2" in text and "mot de passe" in text
    # An error defined in a services module is translated too.
    assert "mot de passe" in messages.describe(WorkbookProtected(file="liste.xlsx"))


def test_an_unexpected_error_reads_as_the_generic_sentence_without_its_text() -> None:
    text = messages.describe(ValueError(SENTINEL))
    assert text == messages.generic_sentence()
    assert SENTINEL not in text and "unexpected problem" in text


def test_an_error_raised_with_its_own_template_keeps_its_own_sentence() -> None:
    exc = CmlentryError("The {thing} is missing.", thing="key file")
    assert messages.describe(exc) == "The key file is missing."


def test_show_error_opens_a_box_and_returns_at_once(qtbot: QtBot, parent: QWidget) -> None:
    messages.show_error(parent, WorkspaceInUse(), title="Opening the workspace")
    box = parent.findChild(QMessageBox, "error_box")
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Opening the workspace"
    assert box.text() == WorkspaceInUse().message
    box.done(0)


def test_show_error_for_an_unexpected_error_opens_the_error_dialog(
    qtbot: QtBot, parent: QWidget
) -> None:
    try:
        raise RuntimeError(SENTINEL)
    except RuntimeError as exc:
        messages.show_error(parent, exc)
    dialog = parent.findChild(ErrorDialog)
    assert dialog is not None and dialog.isVisible()
    assert SENTINEL not in dialog.details()
    dialog.done(0)


def test_a_parentless_box_stays_alive_until_closed(qtbot: QtBot) -> None:
    before = set(messages._open_boxes)  # boxes another test left open are not this test's
    messages.show_error(None, WorkspaceInUse())
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "error_box"]
    visible = [box for box in boxes if box.isVisible() and box not in before]
    assert len(visible) == 1
    assert messages._open_boxes == before | {visible[0]}
    visible[0].done(0)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: messages._open_boxes == before)


def _answer(parent: QWidget, button_name: str | None) -> None:
    """Answer the question that is about to open, by button or (None) by Escape."""

    def press() -> None:
        box = parent.findChild(QMessageBox, "confirm_box")
        assert box is not None and box.isVisible()
        if button_name is None:
            box.reject()
            return
        button = box.findChild(QPushButton, button_name)
        assert button is not None
        button.click()

    QTimer.singleShot(0, press)


def test_confirm_is_true_only_for_the_yes_button(qtbot: QtBot, parent: QWidget) -> None:
    _answer(parent, "confirm_yes")
    assert messages.confirm(parent, "Delete row", "Delete this row?", "Delete the row", "Keep it")
    _answer(parent, "confirm_no")
    assert not messages.confirm(parent, "Delete row", "Delete?", "Delete the row", "Keep it")
    _answer(parent, None)
    assert not messages.confirm(parent, "Delete row", "Delete?", "Delete the row", "Keep it")


def test_confirm_names_its_buttons_and_defaults_to_no(qtbot: QtBot, parent: QWidget) -> None:
    seen: dict[str, object] = {}

    def look() -> None:
        box = parent.findChild(QMessageBox, "confirm_box")
        assert box is not None
        seen["texts"] = sorted(b.text() for b in box.buttons())
        seen["default"] = box.defaultButton().objectName()
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter takes the default: No

    QTimer.singleShot(0, look)
    assert not messages.confirm(parent, "Override", "Override?", "Override the check", "Cancel")
    assert seen == {"texts": ["Cancel", "Override the check"], "default": "confirm_no"}


def test_placeholders_of_a_template() -> None:
    assert messages.placeholders(NotAWorkspace.template) == {"folder"}
    assert messages.placeholders(WorkspaceInUse.template) == set()
