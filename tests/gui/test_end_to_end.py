"""End to end: a whole case typed by keyboard in the main window, from registration to complete.

The nurse presses Ctrl+N, registers the patient (the identity goes to the local list only),
opens the new case and types every form of the complete example case of the validation tests
(``tests/unit/test_validation.py`` COMPLETE) with keys only: text, Enter to go on, a unique
prefix to choose a code, Insert to add a row to a table, Space on "Mark form complete". The
editor moves on to the next form by itself. At the end the stored case equals the example and
every form is complete.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.domain.forms import FormDefinition, Item
from cmlentry.domain.values import Entry
from cmlentry.gui import workers
from cmlentry.gui.dialogs.new_case_dialog import NewCaseDialog
from cmlentry.gui.main_window import MainWindow
from cmlentry.gui.settings import Settings
from cmlentry.services.desk import Desk
from tests.conftest import NURSE, NURSE_PASSWORD, Site
from tests.unit.test_validation import COMPLETE

Rows = Mapping[str, list[dict[str, Entry]]]
ARROWS = "\x00arrows:"  # keys_for: choose this label with the Down key, not by typing


@pytest.fixture
def window(qtbot: QtBot, site: Site, tmp_path: Path) -> Iterator[MainWindow]:
    settings = Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        made = MainWindow(Desk.for_workspace(ws), settings)
        qtbot.addWidget(made)
        made.show()
        qtbot.waitExposed(made)
        yield made
        made.finish()


def focused() -> QWidget:
    # A person's keystrokes are far apart: let queued work (a leave, a show-if) run first.
    QApplication.processEvents()
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def shortest_prefix(label: str, others: list[str]) -> str | None:
    """The fewest first letters of ``label`` that no other label starts with, or None when
    that needs a space (Space opens a combo box's list: the arrow keys choose instead)."""
    for length in range(1, len(label) + 1):
        prefix = label[:length].lower()
        if " " in prefix:
            return None
        if not any(o.lower().startswith(prefix) for o in others if o != label):
            return prefix
    return None


def keys_for(definition: FormDefinition, item: Item, entry: Entry) -> str:
    """What a nurse types for ``entry``: the value, or the first letters of a code's label."""
    if entry.missing:
        return definition.missing_codes[entry.missing]  # typed in full into a cell's list
    assert entry.value is not None
    if item.type == "code":
        assert item.codelist is not None
        labels = list(definition.codelists[item.codelist].values())
        label = definition.codelists[item.codelist][entry.value]
        return shortest_prefix(label, labels) or ARROWS + label
    return entry.value


def typing_target(widget: QWidget) -> QWidget:
    """Where keys go: an editable list's line edit, or the widget itself."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        line = widget.lineEdit()
        assert line is not None
        return line
    return widget


def press_keys(qtbot: QtBot, target: QWidget, keys: str) -> None:
    if keys.startswith(ARROWS):
        assert isinstance(target, QComboBox)
        label = keys.removeprefix(ARROWS)
        for _ in range(target.count()):
            if target.currentText() == label:
                return
            qtbot.keyClick(target, Qt.Key.Key_Down)
        raise AssertionError(f"{label!r} is not in the list")
    qtbot.keyClicks(target, keys)


def item_of(definition: FormDefinition, item_id: str) -> Item:
    for form in definition.forms:
        for group in form.groups:
            for item in group.items:
                if item.id == item_id:
                    return item
    raise KeyError(item_id)


def type_missing_code(qtbot: QtBot, definition: FormDefinition, item: Item, code: str) -> None:
    """Tab from the value to its missing-data list and choose the code with the arrow keys."""
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    combo = focused()
    assert isinstance(combo, QComboBox), combo.objectName()
    target = definition.missing_codes[code]
    while combo.currentText() != target:
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)


def type_table(qtbot: QtBot, definition: FormDefinition, rows: list[dict[str, Entry]]) -> None:
    """Insert adds a row and edits its first cell; Enter commits a cell and edits the next."""
    for row in rows:
        if focused().objectName().startswith("cell_"):
            qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # the next, empty cell: leave it
        qtbot.keyClick(focused(), Qt.Key.Key_Insert)
        while True:
            cell = focused()
            name = cell.objectName()
            assert name.startswith("cell_"), f"expected a cell editor, the focus is on {name!r}"
            item = item_of(definition, name.removeprefix("cell_"))
            entry = row.get(item.id, Entry())
            text = "" if entry == Entry() else keys_for(definition, item, entry)
            target = typing_target(cell)
            press_keys(qtbot, target, text)
            last = item.id == _last_item(definition, name.removeprefix("cell_"), row)
            qtbot.keyClick(target, Qt.Key.Key_Return)
            if last:
                break
        QApplication.processEvents()
    # Leave the table for the next field or the form's buttons.
    focused_widget = focused()
    if focused_widget.objectName().startswith("cell_"):
        qtbot.keyClick(focused_widget, Qt.Key.Key_Escape)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def _last_item(definition: FormDefinition, item_id: str, row: dict[str, Entry]) -> str:
    """The last column of the table holding ``item_id`` that the row fills."""
    for form in definition.forms:
        for group in form.groups:
            ids = [i.id for i in group.items if i.type != "derived"]
            if item_id in ids:
                filled = [i for i in ids if i in row]
                return filled[-1]
    raise KeyError(item_id)


def type_form(
    qtbot: QtBot, window: MainWindow, definition: FormDefinition, form_id: str, rows: Rows
) -> None:
    editor = window.editor
    form = definition.forms_by_id[form_id]
    single = {
        item_id: entry
        for group in form.groups
        if not group.repeating
        for item_id, entry in (rows.get(group.id) or [{}])[0].items()
    }
    tables_done: set[str] = set()
    for _step in range(200):
        widget = focused()
        if widget is editor.header.complete_button:
            return
        if widget is editor.header.save_button:
            # Enter from the last field lands here only while the form cannot be completed.
            registry_id = editor.current_registry_id()
            assert registry_id is not None
            problems = [
                f"{i.where}: {i.message}"
                for i in editor.findings.issues
                if i.form == form_id and i.blocks
            ]
            assert not problems, f"{form_id}: Enter reached Save, the form has {problems}"
            qtbot.keyClick(widget, Qt.Key.Key_Tab)  # Tab out of the last table: Save, then on
            continue
        name = widget.objectName()
        table = _table_holding(window, form_id, widget)
        if table is not None:
            if table in tables_done:  # its buttons (Add row, Remove row, History): Tab on
                qtbot.keyClick(widget, Qt.Key.Key_Tab)
            else:
                tables_done.add(table)
                type_table(qtbot, definition, rows.get(table, []))
            continue
        assert name.startswith("input_"), f"{form_id}: the focus is on {name!r}"
        item = item_of(definition, name.removeprefix("input_"))
        entry = single.get(item.id, Entry())
        if entry.missing:
            type_missing_code(qtbot, definition, item, entry.missing)
            continue
        target = (
            widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else widget
        )
        assert target is not None
        if entry.value is not None:
            press_keys(qtbot, target, keys_for(definition, item, entry))
        qtbot.keyClick(target, Qt.Key.Key_Return)
    raise AssertionError(f"{form_id}: never reached 'Mark form complete'")


def _table_holding(window: MainWindow, form_id: str, widget: QWidget) -> str | None:
    page = window.editor.page(form_id)
    for group_id, table in page.tables.items():
        if table.isAncestorOf(widget):
            return group_id
    return None


def stored_rows(ws_desk: Desk, registry_id: str) -> dict[str, dict[str, list[dict[str, Entry]]]]:
    case = ws_desk.cases.get_case(registry_id)
    return {
        form_id: {g: [dict(r.entries) for r in rows] for g, rows in form.groups.items()}
        for form_id, form in case.forms.items()
    }


def test_a_whole_case_is_typed_by_keyboard_from_registration_to_complete(
    qtbot: QtBot, window: MainWindow
) -> None:
    desk = window._desk
    definition = desk.cases.definition
    window.activateWindow()
    window.case_list.setFocus()

    # Registration: Ctrl+N, the identity for the local list, Enter registers, Enter opens.
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewCaseDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NewCaseDialog)
    dialog.activateWindow()  # what the window manager does; the offscreen platform does not
    qtbot.waitUntil(dialog.isActiveWindow)
    for text in ("Martin", "Jeanne", "1955-04-12", "H-0042"):
        field = focused()
        assert isinstance(field, QLineEdit)
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.registry_id is not None)
    open_button = dialog.findChild(QPushButton, "new_case_open")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is open_button)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(window.editor.isVisible)
    window.activateWindow()  # the window manager's job again, once the dialog has closed
    qtbot.waitUntil(window.isActiveWindow)
    registry_id = window.editor.current_registry_id()
    assert registry_id == dialog.registry_id
    assert desk.identities.get(registry_id).hospital_number == "H-0042"

    # Every form, in order, by keyboard; "Mark form complete" moves on to the next form.
    for form in definition.forms:
        qtbot.waitUntil(lambda form=form: window.editor.current_form_id() == form.id)
        type_form(qtbot, window, definition, form.id, COMPLETE[form.id])
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        qtbot.waitUntil(
            lambda form=form: desk.cases.get_case(registry_id).forms[form.id].status == "complete",
            timeout=10_000,
        )

    assert workers.wait_for_done()
    case = desk.cases.get_case(registry_id)
    assert {f.form_id: f.status for f in case.forms.values()} == {
        form.id: "complete" for form in definition.forms
    }
    assert case.status == "complete"
    typed = stored_rows(desk, registry_id)
    for form_id, groups in COMPLETE.items():
        for group_id, rows in groups.items():
            got = (
                [{k: v for k, v in row.items() if v != Entry()} for row in typed[form_id][group_id]]
                if rows
                else typed[form_id].get(group_id, [])
            )
            assert got == rows, f"{form_id}/{group_id}"
    # And the list says so when the nurse goes back to it.
    qtbot.keyClick(focused(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.case_list.isVisible)
    assert window.case_list.current_registry_id() == registry_id
