"""Completing forms, changing complete forms with a reason, overriding warnings, field history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import Entry
from cmlentry.gui.editor import CaseEditor
from cmlentry.services.cases import CaseService
from tests.gui.editor.conftest import answer_dialog, cancel, complete_rows, give_reason, stored
from tests.gui.editor.test_case_editor import choose, focus, type_into


def test_mark_complete_is_disabled_with_errors_then_enabled_and_works(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id)
    button = editor.header.complete_button
    assert not button.isEnabled()
    assert button.toolTip() == "3 error(s) to resolve first"
    page = editor.page("patient")
    choose(qtbot, page.fields["sex"].input, "f")  # type: ignore[arg-type]
    type_into(qtbot, page.fields["birth_year"], "1960")
    assert button.toolTip() == "1 error(s) to resolve first"
    choose(qtbot, page.fields["prospective_study"].input, "n")  # type: ignore[arg-type]
    assert button.isEnabled()
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cases.get_case(registry_id).forms["patient"].status == "complete")
    qtbot.waitUntil(lambda: editor.navigation.list_model.mark("patient").icon_name == "complete")
    assert editor.header.progress_label.text() == "Forms complete: 1 of 9"
    # On to the next form to do, cursor in its first field; the patient form stays complete.
    assert editor.current_form_id() == "diagnosis"
    assert QApplication.focusWidget() is editor.page("diagnosis").fields["diagnosis_date"].input
    editor.navigation.select_form("patient")
    assert not button.isEnabled()
    assert button.toolTip() == "This form is complete."
    assert stored(cases, registry_id, "patient", "patient", "sex") == Entry("F")


def complete_patient(cases: CaseService) -> str:
    registry_id = cases.create_case()
    cases.save_form(registry_id, "patient", complete_rows("patient"))
    cases.mark_complete(registry_id, "patient")
    return registry_id


def test_an_edit_after_completion_asks_a_reason_first_and_the_trail_keeps_it(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    """Review finding: the first reason given for a change to a complete form was reused for
    every later save of that form, so unrelated later edits got it in the audit trail. Each
    change now asks its own reason, and the question says what changes, old → new."""
    registry_id = complete_patient(cases)
    editor.open_case(registry_id)
    field = editor.page("patient").fields["birth_year"]
    texts: list[str] = []

    def read_then(reason: str) -> Callable[[QWidget], None]:
        def act(dialog: QWidget) -> None:
            texts.append("\n".join(label.text() for label in dialog.findChildren(QLabel)))
            give_reason(reason)(dialog)

        return act

    asked = answer_dialog(read_then("transcription error corrected"))
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        type_into(qtbot, field, "1956")
    assert asked == ["ReasonDialog"]
    assert "Year of birth: 1955 → 1956" in texts[0]
    assert stored(cases, registry_id, "patient", "patient", "birth_year") == Entry("1956")
    changes = cases.history(registry_id, "patient", "patient", 1, "birth_year")
    assert (changes[-1].old, changes[-1].new) == ("1955", "1956")
    assert changes[-1].reason == "transcription error corrected"
    # The next change of the same form asks again, and is kept with its own reason.
    asked = answer_dialog(read_then("source document updated"))
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        type_into(qtbot, field, "1957")
    assert asked == ["ReasonDialog"]
    assert "Year of birth: 1956 → 1957" in texts[1]
    assert cases.history(registry_id, "patient", "patient", 1, "birth_year")[-1].reason == (
        "source document updated"
    )


def test_cancelling_the_reason_puts_the_old_value_back(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = complete_patient(cases)
    editor.open_case(registry_id)
    field = editor.page("patient").fields["birth_year"]
    asked = answer_dialog(cancel)
    type_into(qtbot, field, "1999")
    qtbot.waitUntil(lambda: asked == ["ReasonDialog"])
    qtbot.waitUntil(lambda: field.input.value_text() == "1955")
    assert editor.state is not None and not editor.state.is_dirty("patient")
    assert stored(cases, registry_id, "patient", "patient", "birth_year") == Entry("1955")
    assert cases.get_case(registry_id).forms["patient"].status == "complete"


def test_a_soft_warning_is_overridden_with_a_reason_that_is_stored(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id, "diagnosis")
    field = editor.page("diagnosis").fields["platelets"]
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        type_into(qtbot, field, "1600")
    [warning] = field.issues.issues
    assert warning.severity == "soft" and warning.blocks
    assert 'href="override:0"' in field.issues.text()
    assert field.issues.focusPolicy() == Qt.FocusPolicy.TabFocus  # the link is reached by Tab
    asked = answer_dialog(give_reason("confirmed on the source report"))
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        field.issues.linkActivated.emit("override:0")
    assert asked == ["OverrideDialog"]
    assert stored(cases, registry_id, "diagnosis", "baseline", "platelets") == Entry(
        "1600", override="confirmed on the source report"
    )
    assert field.issues.plain_text() == "Overridden: confirmed on the source report"
    assert not any(i.blocks for i in field.issues.issues)
    # A new value needs a new look: the override of the old one does not cover it.
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        type_into(qtbot, field, "1700")
    assert stored(cases, registry_id, "diagnosis", "baseline", "platelets") == Entry("1700")
    assert field.issues.issues[0].blocks


def test_ctrl_h_shows_the_history_of_the_focused_field(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = complete_patient(cases)
    cases.save_form(
        registry_id,
        "patient",
        complete_rows("patient", patient__birth_year=Entry("1954")),
        reason="source document updated",
    )
    editor.open_case(registry_id)
    field = editor.page("patient").fields["birth_year"]
    shown: list[str] = []

    def read(dialog: QWidget) -> None:
        shown.append(dialog.shown_text())  # type: ignore[attr-defined]
        dialog.reject()  # type: ignore[attr-defined]

    asked = answer_dialog(read)
    focus(qtbot, field.input)
    qtbot.keyClick(field.input, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: asked == ["HistoryDialog"])
    assert "source document updated" in shown[0]
    assert "1954" in shown[0]
    assert field.history.isEnabled()
