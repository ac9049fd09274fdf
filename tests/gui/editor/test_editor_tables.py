"""Repeating groups: rows added and removed, cells edited in place, findings per row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import Entry
from cmlentry.gui.editor import CaseEditor
from cmlentry.gui.editor.inputs import CodeCombo
from cmlentry.gui.editor.repeating_group import RepeatingGroupWidget
from cmlentry.services.cases import CaseService
from cmlentry.services.drafts import DraftService
from tests.gui.editor.conftest import answer_dialog, complete_rows, give_reason, press


def dose_rows(cases: CaseService, registry_id: str) -> list[dict[str, Entry]]:
    rows = cases.get_case(registry_id).forms["imatinib"].groups["doses"]
    return [dict(row.entries) for row in rows]


def type_cell(qtbot: QtBot, table: RepeatingGroupWidget, row: int, item_id: str, text: str) -> None:
    """Go to a cell, type into its editor and press Enter, as a person does."""
    table.focus_cell(row, item_id)
    qtbot.waitUntil(table.table.hasFocus)
    qtbot.keyClick(table.table, Qt.Key.Key_Return)  # Enter on a cell starts editing it
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit | QComboBox), editor
    if isinstance(editor, CodeCombo):
        qtbot.keyClicks(editor, text)
    else:
        line = editor if isinstance(editor, QLineEdit) else editor.lineEdit()
        assert line is not None
        qtbot.keyClicks(line, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_rows_are_added_edited_in_place_and_removed(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id, "imatinib")
    table = editor.page("imatinib").tables["doses"]
    assert table.model.rowCount() == 0
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert table.model.rowCount() == 1
    assert not table.history_button.isEnabled()  # a row not saved yet has no history
    QApplication.focusWidget().clearFocus()  # leave the editor opened on the new row
    type_cell(qtbot, table, 0, "dose_start_date", "01.04.2005")
    qtbot.waitUntil(lambda: len(dose_rows(cases, registry_id)) == 1)
    type_cell(qtbot, table, 0, "dose_end_date", "not applicable")
    type_cell(qtbot, table, 0, "dose_mg", "450")
    type_cell(qtbot, table, 0, "dose_change_reason", "s")  # "starting dose"
    qtbot.waitUntil(
        lambda: (
            dose_rows(cases, registry_id)
            == [
                {
                    "dose_start_date": Entry("2005-04-01"),
                    "dose_end_date": Entry(missing="NA"),
                    "dose_mg": Entry("450"),
                    "dose_change_reason": Entry("START"),
                }
            ]
        )
    )
    # 450 mg is not a usual dose: a soft warning in the row, in its header and under the table.
    model = table.model
    qtbot.waitUntil(lambda: bool(table.issues.issues))
    assert table.issues.plain_text().startswith("row 1: Daily dose of 450 mg/day is not a usual")
    header_tip = model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "not a usual dose" in header_tip
    assert model.index(0, model.column_of("dose_mg")).data() == "450 mg/day"
    assert model.row_key(0) is not None
    table.focus_cell(0, "dose_mg")
    assert table.history_button.isEnabled()

    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 2
    QApplication.focusWidget().clearFocus()
    # An empty new row is removed without a question and was never stored.
    table.focus_cell(1, "dose_mg")
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 1
    # A stored row asks first.
    table.focus_cell(0, "dose_mg")
    asked = answer_dialog(press("confirm_yes"))
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["QMessageBox"]
    assert model.rowCount() == 0
    qtbot.waitUntil(lambda: dose_rows(cases, registry_id) == [])


def test_keeping_a_row_when_asked_removes_nothing(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    cases.save_form(registry_id, "imatinib", complete_rows("imatinib"))
    editor.open_case(registry_id, "imatinib")
    table = editor.page("imatinib").tables["doses"]
    table.focus_cell(0, "dose_mg")
    asked = answer_dialog(press("confirm_no"))
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["QMessageBox"]
    assert table.model.rowCount() == 1
    assert len(dose_rows(cases, registry_id)) == 1


def test_removing_a_row_of_a_complete_form_needs_a_reason(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    for form in ("diagnosis", "registration", "imatinib"):
        cases.save_form(registry_id, form, complete_rows(form))
    doses = complete_rows("imatinib")
    doses["doses"].append(doses["doses"][0])
    cases.save_form(registry_id, "imatinib", doses)
    cases.mark_complete(registry_id, "imatinib")
    editor.open_case(registry_id, "imatinib")
    table = editor.page("imatinib").tables["doses"]
    assert table.model.rowCount() == 2
    table.focus_cell(1, "dose_mg")
    key = table.model.row_key(1)
    assert key is not None
    asked = answer_dialog(press("confirm_yes"), give_reason("entered twice by mistake"))
    qtbot.mouseClick(table.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["QMessageBox", "ReasonDialog"]
    qtbot.waitUntil(lambda: len(dose_rows(cases, registry_id)) == 1)
    changes = cases.history(registry_id, "imatinib", "doses", key, "dose_mg")
    assert changes[-1].action == "delete"
    assert changes[-1].reason == "entered twice by mistake"


def test_typing_in_a_cell_reaches_the_draft_before_the_cell_is_left(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService, drafts: DraftService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id, "imatinib")
    table = editor.page("imatinib").tables["doses"]
    table.add_row()
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit) and cell.objectName() == "cell_dose_start_date"
    qtbot.keyClicks(cell, "2005-04-0")
    qtbot.waitUntil(lambda: drafts.get(registry_id, "imatinib") is not None, timeout=5000)
    draft = drafts.get(registry_id, "imatinib")
    assert draft is not None
    assert draft.groups["doses"][0].entries["dose_start_date"] == Entry("2005-04-0")
    assert cell.text() == "2005-04-0"  # the editor was not reset under the typing
    assert dose_rows(cases, registry_id) == []
