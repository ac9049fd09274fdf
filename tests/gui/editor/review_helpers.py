"""Helpers for the review tests of the editor: an editor over a :class:`Desk`, dialog answers.

The review site (``tests/services/review_site.py``) has a nurse and two PIs; each test opens the
workspace as one person at a time, as on a ward PC, with an editor that has the review and
query services, and closes it (waiting for the worker) before the next person signs in.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.gui.editor import CaseEditor
from cmlentry.gui.workers import wait_for_done
from cmlentry.services.desk import Desk
from tests.gui.editor.conftest import AUTOSAVE_MS


@contextlib.contextmanager
def editor_on(qtbot: QtBot, desk: Desk) -> Iterator[CaseEditor]:
    """A shown editor with every review service of ``desk``; closed before the desk is."""
    interval = QApplication.keyboardInputInterval()
    QApplication.setKeyboardInputInterval(0)  # each typed letter starts a new combo search
    editor = CaseEditor(
        desk.cases,
        desk.drafts,
        autosave_ms=AUTOSAVE_MS,
        review=desk.review,
        queries=desk.queries,
    )
    editor.resize(1400, 800)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    try:
        yield editor
    finally:
        wait_for_done()
        QApplication.processEvents()
        for box in editor.findChildren(QMessageBox):
            box.close()
        editor.close()
        editor.deleteLater()
        QApplication.processEvents()
        QApplication.setKeyboardInputInterval(interval)


def write_text(text: str) -> Callable[[QWidget], None]:
    """Type ``text`` into a query dialog and accept it."""

    def act(dialog: QWidget) -> None:
        dialog.text_box.setPlainText(text)  # type: ignore[attr-defined]
        dialog.accept_button.click()  # type: ignore[attr-defined]

    return act


def action(menu: QMenu, name: str) -> QAction:
    found = menu.findChild(QAction, name)
    assert found is not None, f"no {name} in the menu"
    return found


def has_action(menu: QMenu, name: str) -> bool:
    return menu.findChild(QAction, name) is not None


def error_boxes(widget: QWidget) -> list[QMessageBox]:
    return [b for b in widget.findChildren(QMessageBox, "error_box") if b.isVisible()]
