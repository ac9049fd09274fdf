"""The case editor over real services: a nurse's workspace, her cases and drafts, qtbot.

Saves and draft writes go through the one worker thread; tests wait for their effect with
``qtbot.waitUntil`` on a fresh read of the store, never with sleeps. Modal dialogs (reason,
override, confirm, history) are answered by :func:`answer_dialog`, which acts on the dialog once
it is open inside its own event loop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from copy import deepcopy

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import EMPTY, Entry
from cmlentry.gui.editor import CaseEditor
from cmlentry.gui.workers import wait_for_done
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.drafts import DraftService
from cmlentry.services.workspace import Workspace
from tests.conftest import NURSE, NURSE_PASSWORD, Site
from tests.unit.test_validation import COMPLETE

TODAY = dt.date(2026, 11, 21)
AUTOSAVE_MS = 40


@pytest.fixture
def nurse_ws(site: Site) -> Iterator[Workspace]:
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        yield ws
        wait_for_done()  # no write may still be running when the workspace closes


@pytest.fixture
def cases(nurse_ws: Workspace) -> CaseService:
    return CaseService(nurse_ws, today=TODAY)


@pytest.fixture
def drafts(nurse_ws: Workspace, cases: CaseService) -> DraftService:
    return DraftService(nurse_ws, cases)


@pytest.fixture
def make_editor(
    qtbot: QtBot, cases: CaseService, drafts: DraftService
) -> Iterator[Callable[[], CaseEditor]]:
    made: list[CaseEditor] = []
    # Each typed letter starts a new search in a closed code list (Qt otherwise joins letters
    # typed within 0.4 s, which a test types much faster than a person).
    interval = QApplication.keyboardInputInterval()
    QApplication.setKeyboardInputInterval(0)

    def make() -> CaseEditor:
        editor = CaseEditor(cases, drafts, autosave_ms=AUTOSAVE_MS)
        qtbot.addWidget(editor)
        editor.resize(1200, 800)
        editor.show()
        qtbot.waitExposed(editor)
        editor.activateWindow()
        qtbot.waitUntil(editor.isActiveWindow)
        made.append(editor)
        return editor

    yield make
    wait_for_done()
    QApplication.processEvents()
    QApplication.setKeyboardInputInterval(interval)


@pytest.fixture
def editor(make_editor: Callable[[], CaseEditor]) -> CaseEditor:
    return make_editor()


# --- helpers ------------------------------------------------------------------------------------


def stored(cases: CaseService, registry_id: str, form: str, group: str, item: str) -> Entry:
    """What the store holds for an item of the first row, read afresh."""
    rows = cases.get_case(registry_id).forms[form].groups.get(group, [])
    return rows[0].entries.get(item, EMPTY) if rows else EMPTY


def complete_rows(form: str, **changes: Entry) -> dict[str, list[RowData]]:
    """The answers of ``form`` in the complete example case; ``group__item=Entry`` changes one."""
    groups = {g: [RowData(None, dict(r)) for r in rs] for g, rs in deepcopy(COMPLETE[form]).items()}
    for key, entry in changes.items():
        group, item = key.split("__")
        groups[group][0].entries[item] = entry  # type: ignore[index]
    return groups


def answer_dialog(*actions: Callable[[QWidget], None], attempts: int = 300) -> list[str]:
    """Act on the next modal dialogs, in turn, once each is open.

    Returns a list that gets the class name of each dialog acted on.
    """
    seen: list[str] = []
    handled: list[QWidget] = []

    def look(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog in handled:
            if left:
                QTimer.singleShot(10, lambda: look(left - 1))
            return
        handled.append(dialog)
        seen.append(type(dialog).__name__)
        actions[len(seen) - 1](dialog)
        if len(seen) < len(actions):
            QTimer.singleShot(0, lambda: look(attempts))

    QTimer.singleShot(0, lambda: look(attempts))
    return seen


def give_reason(reason: str) -> Callable[[QWidget], None]:
    """Type ``reason`` into a reason or override dialog and accept it."""

    def act(dialog: QWidget) -> None:
        dialog.reason_box.setEditText(reason)  # type: ignore[attr-defined]
        dialog.accept_button.click()  # type: ignore[attr-defined]

    return act


def cancel(dialog: QWidget) -> None:
    dialog.reject()  # type: ignore[attr-defined]


def press(name: str) -> Callable[[QWidget], None]:
    """Click the button called ``name`` (``confirm_yes``, ``confirm_no``) in the dialog."""

    def act(dialog: QWidget) -> None:
        button = dialog.findChild(QWidget, name)
        assert button is not None, name
        button.click()  # type: ignore[attr-defined]

    return act
