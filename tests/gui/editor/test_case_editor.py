"""The case editor over a real case: rendering, saving on leave, findings, conditions, scores."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import Entry
from cmlentry.gui.editor import CaseEditor
from cmlentry.gui.editor.field_widget import FieldWidget
from cmlentry.gui.editor.inputs import CodeCombo
from cmlentry.services.cases import CaseService
from tests.gui.editor.conftest import complete_rows, stored


def focus(qtbot: QtBot, widget: QWidget) -> None:
    """Give ``widget`` the keyboard focus (its window active again after a dialog closed)."""
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def type_into(qtbot: QtBot, field: FieldWidget, text: str, *, leave: bool = True) -> None:
    """Click into the field, replace its text by typing, and leave it with Tab."""
    focus(qtbot, field.input)
    field.input.selectAll()  # type: ignore[union-attr]
    qtbot.keyClick(field.input, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.input, text)
    if leave:
        qtbot.keyClick(field.input, Qt.Key.Key_Tab)


def choose(qtbot: QtBot, combo: CodeCombo, label_start: str) -> None:
    """Choose from a closed code list by typing the first letters of a label, as a person does."""
    focus(qtbot, combo)
    qtbot.keyClicks(combo, label_start)


def test_every_form_of_the_definition_renders(editor: CaseEditor, cases: CaseService) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id)
    assert editor.current_form_id() == "patient"
    assert editor.header.registry_label.text() == registry_id
    for form in cases.definition.forms:
        editor.navigation.select_form(form.id)
        page = editor.page(form.id)
        assert editor.stack.current_page() is page
        shown = set(page.fields) | set(page.derived_fields)
        for group in form.groups:
            if group.repeating:
                table = page.tables[group.id]
                assert table.model.columnCount() == len(group.items)
            else:
                assert {i.id for i in group.items} <= shown
        for field in page.fields.values():
            assert field.input.accessibleName() == field.item.label
    assert editor.header.progress_label.text() == "Forms complete: 0 of 9"


def test_typing_an_integer_and_leaving_the_field_saves_it(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id)
    with qtbot.waitSignal(editor.case_saved, timeout=5000) as saved:
        type_into(qtbot, editor.page("patient").fields["birth_year"], "1955")
    assert saved.args == [registry_id]
    assert stored(cases, registry_id, "patient", "patient", "birth_year") == Entry("1955")
    assert editor.save_state.startswith("Saved at ")


def test_a_number_and_a_date_typed_the_french_way_are_stored_canonically(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id, "diagnosis")
    page = editor.page("diagnosis")
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        type_into(qtbot, page.fields["haemoglobin"], "11,5")
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        type_into(qtbot, page.fields["diagnosis_date"], "14.03.2005")
    assert page.fields["haemoglobin"].input.value_text() == "11.5"
    assert page.fields["diagnosis_date"].input.value_text() == "2005-03-14"
    assert stored(cases, registry_id, "diagnosis", "baseline", "haemoglobin").value == "11.5"
    assert stored(cases, registry_id, "diagnosis", "diagnosis", "diagnosis_date").value == (
        "2005-03-14"
    )


def test_a_hard_error_appears_beside_the_field(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id)
    field = editor.page("patient").fields["birth_year"]
    assert "Year of birth is required" in field.issues.plain_text()
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        type_into(qtbot, field, "1850")
    assert field.issues.isVisible()
    assert field.issues.plain_text() == (
        "Year of birth must be at least 1900 and at most 2030: check the value."
    )
    assert [i.severity for i in field.issues.issues] == ["hard"]
    assert "Year of birth must be" in field.input.accessibleDescription()
    # The value is kept as typed; nothing is lost, and the form cannot be completed.
    assert stored(cases, registry_id, "patient", "patient", "birth_year") == Entry("1850")
    assert not editor.header.complete_button.isEnabled()


def test_a_mistyped_number_is_kept_as_typed_and_reported_never_trimmed(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    """Review finding: number fields silently dropped mistyped characters ("12,5,3" became
    12.53, "19a6" became 196: plausible wrong values). Any text is now kept as typed and the
    validation says beside the field that it is not a number."""
    registry_id = cases.create_case()
    editor.open_case(registry_id)
    year = editor.page("patient").fields["birth_year"]
    type_into(qtbot, year, "19a6")
    assert year.input.value_text() == "19a6"
    qtbot.waitUntil(lambda: "give a whole number" in year.issues.plain_text())
    assert [i.severity for i in year.issues.issues] == ["hard"]
    editor.navigation.select_form("diagnosis")
    haemoglobin = editor.page("diagnosis").fields["haemoglobin"]
    type_into(qtbot, haemoglobin, "12,5,3")
    assert haemoglobin.input.value_text() == "12,5,3"
    qtbot.waitUntil(lambda: "give a number, for example 12.5" in haemoglobin.issues.plain_text())
    assert not editor.header.complete_button.isEnabled()
    # A long paste is cut at the length limit, never silently filtered.
    assert 20 < haemoglobin.input.maxLength() < 100  # type: ignore[union-attr]


def test_a_missing_data_code_clears_and_disables_the_value(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id, "diagnosis")
    field = editor.page("diagnosis").fields["wbc"]
    type_into(qtbot, field, "85")
    assert field.missing is not None
    assert [field.missing.itemText(i) for i in range(field.missing.count())] == [
        "—",
        "unknown",
        "not done",
    ]
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        field.missing.setFocus()
        qtbot.keyClicks(field.missing, "n")  # "not done"
    assert field.input.value_text() == ""
    assert not field.input.isEnabled()
    qtbot.waitUntil(
        lambda: stored(cases, registry_id, "diagnosis", "baseline", "wbc") == Entry(missing="ND")
    )


def test_show_if_hides_and_shows_the_item_live(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id)
    page = editor.page("patient")
    study, name = page.fields["prospective_study"], page.fields["prospective_study_name"]
    assert not name.isVisibleTo(page)
    assert isinstance(study.input, CodeCombo)
    choose(qtbot, study.input, "y")
    assert name.isVisibleTo(page)
    assert name.label.isVisibleTo(page)
    type_into(qtbot, name, "CML-IV")
    qtbot.waitUntil(
        lambda: (
            stored(cases, registry_id, "patient", "patient", "prospective_study_name").value
            == "CML-IV"
        )
    )
    choose(qtbot, study.input, "n")
    assert not name.isVisibleTo(page)
    qtbot.waitUntil(
        lambda: stored(cases, registry_id, "patient", "patient", "prospective_study_name").is_empty
    )
    assert not [i for i in editor.findings.issues if i.item == "prospective_study_name"]
    # Changing the answer back by mistake brings the study's name back.
    choose(qtbot, study.input, "y")
    assert name.isVisibleTo(page)
    assert name.input.value_text() == "CML-IV"


def test_the_sokal_score_is_shown_with_its_inputs_and_follows_typing(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    cases.save_form(registry_id, "patient", complete_rows("patient"))
    cases.save_form(registry_id, "diagnosis", complete_rows("diagnosis"))
    editor.open_case(registry_id, "diagnosis")
    page = editor.page("diagnosis")
    sokal = page.derived_fields["sokal_score"]
    # Born 1955-04, diagnosed 2005-03: 49 years; spleen 5, platelets 450, blasts 2 (tests/unit).
    assert sokal.value_text == "0.94 (intermediate)"
    assert sokal.inputs_text.startswith("from: ")
    for shown in (
        "Year of birth 1955",
        "Date of diagnosis 2005-03",
        "Spleen below the left costal margin 5 cm",
        "Platelets 450 ×10⁹/L",
        "Blasts in peripheral blood 2 %",
    ):
        assert shown in sokal.inputs_text
    assert page.derived_fields["eutos_score"].value_text == "41 (low)"
    # Recalculated at each keystroke, before the field is left.
    type_into(qtbot, page.fields["platelets"], "", leave=False)
    assert sokal.value_text.startswith("not evaluable: ")
    assert "Platelets not entered" in sokal.value_text
    qtbot.keyClicks(page.fields["platelets"].input, "450")
    assert sokal.value_text == "0.94 (intermediate)"


def test_a_derived_item_in_a_repeating_group_is_a_read_only_column(
    editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    cases.save_form(registry_id, "assessments", complete_rows("assessments"))
    editor.open_case(registry_id, "assessments")
    model = editor.page("assessments").tables["assessment"].model
    column = model.column_of("a_cytogenetic_response")
    index = model.index(0, column)
    assert index.data() == "minor"
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert "from: Ph+ metaphases 60 %; Metaphases counted 20" in index.data(
        Qt.ItemDataRole.ToolTipRole
    )
