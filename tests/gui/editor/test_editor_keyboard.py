"""Keyboard first: the Patient form filled and completed without the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import Entry
from cmlentry.gui.editor import CaseEditor
from cmlentry.services.cases import CaseService
from tests.gui.editor.conftest import stored


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_and_enter(qtbot: QtBot, text: str) -> QWidget:
    """Type into whatever has the focus, press Enter; return the widget typed into."""
    widget = focused()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    return widget


def test_the_patient_form_is_filled_by_keyboard_only(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id)
    page = editor.page("patient")
    fields = page.fields
    assert focused() is fields["sex"].input  # the form opens on its first input

    assert type_and_enter(qtbot, "f") is fields["sex"].input
    assert focused() is fields["birth_year"].input
    type_and_enter(qtbot, "1960")
    assert focused() is fields["birth_month"].input
    type_and_enter(qtbot, "3")
    assert focused() is fields["prospective_study"].input
    type_and_enter(qtbot, "n")
    # "Which study" does not apply after "no": Enter goes on to "Mark form complete".
    assert not fields["prospective_study_name"].isVisibleTo(page)
    button = editor.header.complete_button
    qtbot.waitUntil(lambda: focused() is button)
    assert button.isEnabled()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: cases.get_case(registry_id).forms["patient"].status == "complete")
    assert [
        stored(cases, registry_id, "patient", "patient", item)
        for item in ("sex", "birth_year", "birth_month", "prospective_study")
    ] == [Entry("F"), Entry("1960"), Entry("3"), Entry("N")]


def test_every_input_has_an_accessible_name_and_tab_follows_the_form(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id, "diagnosis")
    page = editor.page("diagnosis")
    assert page.fields["wbc"].input.accessibleName() == "White blood cells"
    assert page.fields["wbc"].input.accessibleDescription().startswith("×10⁹/L")
    assert page.fields["wbc"].missing is not None
    assert page.fields["wbc"].missing.accessibleName() == "White blood cells: missing-data code"
    # Tab goes down the form: the value, then its missing-data code, then the next value.
    page.fields["haemoglobin"].input.setFocus()
    qtbot.waitUntil(page.fields["haemoglobin"].input.hasFocus)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.fields["haemoglobin"].missing
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.fields["platelets"].input


def test_ctrl_page_down_and_up_move_between_forms(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id)
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert editor.current_form_id() == "diagnosis"
    assert focused() is editor.page("diagnosis").fields["diagnosis_date"].input
    qtbot.keyClick(focused(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert editor.current_form_id() == "patient"
    qtbot.keyClick(focused(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert editor.current_form_id() == "patient"  # no form before the first


def test_enter_in_a_table_cell_skips_the_calculated_columns(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    """Regression: Qt's next cell stopped on the read-only CHR column and ended the editing,
    leaving the nurse in the middle of an assessment row."""
    registry_id = cases.create_case()
    editor.open_case(registry_id, "assessments")
    table = editor.page("assessments").tables["assessment"]
    table.add_row()
    assert focused().objectName() == "cell_assessment_date"
    table.focus_cell(0, "a_spleen_cm")
    qtbot.keyClick(table.table, Qt.Key.Key_Return)  # edit the spleen cell
    qtbot.keyClicks(focused(), "0")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # past "CHR" (calculated) to the next input
    assert focused().objectName() == "cell_ph_positive_pct"
