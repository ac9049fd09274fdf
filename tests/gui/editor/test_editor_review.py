"""The review inside the case editor: SDV ticks, queries and signed (locked) cases.

Real services over a temporary review site (a nurse, two PIs, complete cases); each person signs
in in turn. Every permission the screen hides is also checked against the service itself: the
GUI hiding a control is not what stops a nurse.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import Entry
from cmlentry.errors import NotPermitted, QueryNotYours
from cmlentry.gui.editor import CaseEditor
from cmlentry.gui.editor.field_widget import FieldWidget
from cmlentry.gui.editor.inputs import ValueLineEdit
from cmlentry.gui.workers import wait_for_done
from cmlentry.services.cases import CaseData, RowData
from cmlentry.services.queries import ANSWERED, CLOSED, OPEN
from cmlentry.services.review import ItemAddress
from tests.gui.editor.conftest import answer_dialog, give_reason, press
from tests.gui.editor.review_helpers import (
    action,
    editor_on,
    error_boxes,
    has_action,
    write_text,
)
from tests.gui.editor.test_case_editor import focus, type_into
from tests.services.review_site import PI, PI_PASSWORD, ReviewSite, some_answer


def value_field(editor: CaseEditor, address: ItemAddress) -> FieldWidget:
    editor.navigation.select_form(address.form_id)
    return editor.page(address.form_id).fields[address.item_id]


def stored_value(case: CaseData, address: ItemAddress) -> str | None:
    rows = case.forms[address.form_id].groups[address.group_id]
    row = next(r for r in rows if r.key == address.row_key)
    return row.entries[address.item_id].value


def line_field(editor: CaseEditor, rid: str) -> tuple[ItemAddress, FieldWidget]:
    """A saved answer of the patient form typed in a line edit (a year, a date, a number)."""
    data = editor.state
    assert data is not None
    page = editor.page("patient")
    for item_id, field in page.fields.items():
        group = data.definition.group_of[item_id].id
        if isinstance(field.input, ValueLineEdit) and field.input.text():
            return ItemAddress("patient", group, 1, item_id), field
    raise AssertionError(f"no typed answer on the patient form of {rid}")


# --- source-data verification ---------------------------------------------------------------


def test_the_pi_ticks_an_answer_by_click_menu_and_key_and_the_service_keeps_the_marks(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "patient")
        address, field = line_field(editor, rid)
        assert field.sdv.isVisible() and field.sdv.can_toggle and not field.sdv.isChecked()
        qtbot.mouseClick(field.sdv, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: address in desk.review.verifications(rid))
        qtbot.waitUntil(lambda: field.sdv.verification is not None)  # read back from the store
        assert field.sdv.isChecked()
        assert "Verified against source by Pia Investigator on " in field.sdv.toolTip()

        # The context menu says so, and unticking there takes the mark away.
        menu = field.context_menu(field.input)
        verify = action(menu, "menu_verify")
        assert verify.isEnabled() and verify.isChecked()
        verify.trigger()
        qtbot.waitUntil(lambda: address not in desk.review.verifications(rid))
        qtbot.waitUntil(lambda: field.sdv.verification is None and not field.sdv.isChecked())
        menu.deleteLater()

        # Ctrl+Shift+V on the focused field.
        focus(qtbot, field.input)
        qtbot.keyClick(
            field.input,
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(lambda: address in desk.review.verifications(rid))
        assert desk.review.verifications(rid)[address].username == PI


def test_a_nurse_sees_the_tick_read_only_and_the_service_refuses_her(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        address, _entry = some_answer(desk.cases, rid)
        desk.review.set_verified(rid, address, True)
    with review_site.nurse() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid)
        field = value_field(editor, address)
        assert field.sdv.isVisible() and field.sdv.verification is not None
        assert not field.sdv.can_toggle and not field.sdv.isCheckable()
        assert "Verified against source by Pia Investigator" in field.sdv.toolTip()
        qtbot.mouseClick(field.sdv, Qt.MouseButton.LeftButton)
        menu = field.context_menu(field.label)
        verify = action(menu, "menu_verify")
        assert verify.isChecked() and not verify.isEnabled()
        assert not has_action(menu, "menu_raise_query")  # a nurse raises no query
        menu.deleteLater()
        focus(qtbot, field.missing or field.input)
        qtbot.keyClick(
            QApplication.focusWidget(),
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert "Only the principal investigator" in editor.save_state
        # An answer not verified shows her nothing at all.
        others = [f for f in editor.page(address.form_id).fields.values() if f is not field]
        assert not any(f.sdv.isVisible() for f in others)
        wait_for_done()
        assert address in desk.review.verifications(rid)  # her click changed nothing
        with pytest.raises(NotPermitted):
            desk.review.set_verified(rid, address, False)
        assert address in desk.review.verifications(rid)


def test_changing_a_verified_answer_hides_its_tick_and_saving_it_clears_the_mark(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "patient")
        address, field = line_field(editor, rid)
        desk.review.set_verified(rid, address, True)
        editor.review.reload()
        assert field.sdv.isChecked()
        old = field.input.text()  # type: ignore[union-attr]
        new = str(int(old) - 1) if old.isdigit() else old + "0"
        type_into(qtbot, field, new, leave=False)
        assert not field.sdv.isVisible()  # an unsaved edit shows no tick
        answer_dialog(give_reason("transcription error corrected"))
        qtbot.keyClick(field.input, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda: editor.state is not None and not editor.state.is_dirty("patient"))
        qtbot.waitUntil(lambda: address not in desk.review.verifications(rid))
        # Saved again: it can be verified anew, and is not.
        qtbot.waitUntil(lambda: field.sdv.isVisible() and not field.sdv.isChecked())


def test_verify_all_marks_every_saved_answer_of_the_form(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    rid = review_site.complete[1]
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "patient")
        assert editor.header.verify_form_button.isVisibleTo(editor)
        stored = {
            (group, row.key, item)
            for group, rows in desk.cases.get_case(rid).forms["patient"].groups.items()
            for row in rows
            for item, entry in row.entries.items()
            if not entry.is_empty
        }
        assert stored
        answer_dialog(press("confirm_yes"))
        qtbot.mouseClick(editor.header.verify_form_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: (
                {
                    (a.group_id, a.row_key, a.item_id)
                    for a in desk.review.verifications(rid)
                    if a.form_id == "patient"
                }
                == stored
            )
        )


def test_a_table_cell_is_ticked_from_its_context_menu(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        data = desk.cases.get_case(rid)
        form_id, group_id, row = next(
            (form.id, group.id, rows[0])
            for form in desk.cases.definition.forms
            for group in form.groups
            if group.repeating
            for rows in [data.forms[form.id].groups.get(group.id, [])]
            if rows and any(not e.is_empty for e in rows[0].entries.values())
        )
        item_id = next(i for i, e in row.entries.items() if not e.is_empty)
        editor.open_case(rid, form_id)
        table = editor.page(form_id).tables[group_id]
        column = table.model.column_of(item_id)
        assert table.model.index(0, column).data(Qt.ItemDataRole.DecorationRole) is None
        menu = table.context_menu(0, item_id)
        action(menu, "menu_verify").trigger()
        menu.deleteLater()
        assert row.key is not None
        address = ItemAddress(form_id, group_id, row.key, item_id)
        qtbot.waitUntil(lambda: address in desk.review.verifications(rid))
        qtbot.waitUntil(
            lambda: table.model.index(0, column).data(Qt.ItemDataRole.DecorationRole) is not None
        )
        tooltip = table.model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
        assert "Verified against source by Pia Investigator" in tooltip


# --- queries ----------------------------------------------------------------------------------


def test_a_query_raised_from_the_menu_shows_its_marker_and_its_row(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "patient")
        address, field = line_field(editor, rid)
        assert not field.query_mark.isVisible()
        menu = field.context_menu(field.input)
        answer_dialog(write_text("Please check this against the referral letter."))
        action(menu, "menu_raise_query").trigger()
        menu.deleteLater()
        qtbot.waitUntil(lambda: len(desk.queries.for_case(rid)) == 1)
        query = desk.queries.for_case(rid)[0]
        assert (query.address, query.state, query.raised_by) == (address, OPEN, PI)
        assert query.text == "Please check this against the referral letter."
        qtbot.waitUntil(field.query_mark.isVisible)
        assert field.query_mark.text() == "? 1"
        panel = editor.review.panel
        assert panel.isVisible() and panel.model.rowCount() == 1
        shown = panel.current()
        assert shown is not None and shown.query.id == query.id
        assert field.item.label in shown.where
        # Her own query: she may cancel it, not answer it, and closes it once answered.
        assert panel.cancel_button.isVisibleTo(panel)
        assert not panel.answer_button.isVisibleTo(panel)
        assert not panel.close_button.isVisibleTo(panel)
        assert editor.header.queries_button.text() == "&Queries (1)"


def test_the_nurse_answers_a_query_but_only_the_pi_who_raised_it_closes_it(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        address, _entry = some_answer(desk.cases, rid)
        query = desk.queries.raise_query(rid, address, "Is this right?")
    with review_site.nurse() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "diagnosis")
        panel = editor.review.panel
        assert panel.isVisible()  # it opens by itself when queries wait
        assert panel.select(query.id)
        assert editor.current_form_id() == address.form_id  # its answer is shown
        assert panel.answer_button.isVisibleTo(panel)
        assert not panel.close_button.isVisibleTo(panel)
        assert not panel.cancel_button.isVisibleTo(panel)
        answer_dialog(write_text("Checked in the patient file: it is right."))
        qtbot.mouseClick(panel.answer_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: desk.queries.for_case(rid)[0].state == ANSWERED)
        field = value_field(editor, address)
        qtbot.waitUntil(lambda: field.query_mark.text() == "↩ 1")
        assert not panel.close_button.isVisibleTo(panel)
        assert "Checked in the patient file" in panel.detail.text()
        with pytest.raises(QueryNotYours):
            desk.queries.close(query.id)
        assert desk.queries.for_case(rid)[0].state == ANSWERED
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid)
        panel = editor.review.panel
        assert panel.select(query.id)
        assert panel.close_button.isVisibleTo(panel)
        answer_dialog(write_text(""))  # a closing note is optional
        qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: desk.queries.for_case(rid)[0].state == CLOSED)
        field = value_field(editor, address)
        qtbot.waitUntil(lambda: field.query_mark.text() == "— 1")


# --- signed cases -----------------------------------------------------------------------------


def test_a_signed_case_opens_read_only_with_the_banner_and_review_still_works(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        desk.review.sign(rid, PI, PI_PASSWORD)
    with review_site.nurse() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "patient")
        assert editor.locked
        banner = editor.review.banner
        assert banner.isVisible()
        assert banner.text.startswith("Signed by Pia Investigator on ")
        assert "locked" in banner.text
        assert not banner.action.isVisibleTo(banner)  # a nurse cannot unlock
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "patient")
        assert editor.locked and editor.review.banner.action.isVisibleTo(editor)
        assert editor.review.banner.action.text() == "&Unlock…"
        assert not editor.header.save_button.isEnabled()
        assert not editor.header.complete_button.isEnabled()
        address, field = line_field(editor, rid)
        assert isinstance(field.input, ValueLineEdit) and field.input.isReadOnly()
        before = field.input.text()
        focus(qtbot, field.input)
        qtbot.keyClicks(field.input, "9")
        assert field.input.text() == before
        page = editor.page("patient")
        assert all(
            not f.input.isEnabled()
            for f in page.fields.values()
            if not isinstance(f.input, ValueLineEdit)
        )
        editor.navigation.select_form("imatinib")
        for table in editor.page("imatinib").tables.values():
            assert not table.add_button.isEnabled()
            if table.model.rowCount():
                assert not table.model.flags(table.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        assert not editor.autosave.pending()
        # Ticks and queries do not change the data: they still work on a signed case.
        qtbot.mouseClick(field.sdv, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: address in desk.review.verifications(rid))
        assert desk.review.signature(rid) is not None


def test_unlocking_with_a_reason_makes_the_open_case_editable_and_drops_the_signature(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        desk.review.sign(rid, PI, PI_PASSWORD)
        editor.open_case(rid, "patient")
        assert editor.locked
        _address, field = line_field(editor, rid)
        answer_dialog(give_reason("a query needs a correction"))
        qtbot.mouseClick(editor.review.banner.action, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: desk.review.signature(rid) is None)
        qtbot.waitUntil(lambda: not editor.locked)
        assert not editor.review.banner.isVisible()
        assert not field.input.isReadOnly()  # type: ignore[union-attr]
        assert editor.header.save_button.isEnabled()
        assert editor.header.status_label.text() == "Complete"
        dropped = desk.review.signatures(rid)[-1]
        assert dropped.revoke_reason == "a query needs a correction"


def test_a_save_refused_because_the_case_was_signed_meanwhile_keeps_the_typing(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    rid = review_site.complete[0]
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "patient")
        address, field = line_field(editor, rid)
        desk.review.sign(rid, PI, PI_PASSWORD)  # in another window, while she was typing
        old = field.input.text()  # type: ignore[union-attr]
        new = str(int(old) - 1) if old.isdigit() else old + "0"
        answer_dialog(give_reason("transcription error corrected"))
        type_into(qtbot, field, new)
        qtbot.waitUntil(lambda: editor.locked)
        qtbot.waitUntil(lambda: bool(error_boxes(editor)))
        assert "was signed by Pia Investigator" in error_boxes(editor)[0].text()
        assert field.input.text() == new  # type: ignore[union-attr]
        assert "Not saved" in editor.error_banner.text
        qtbot.waitUntil(lambda: desk.drafts.get(rid, "patient") is not None)
        assert stored_value(desk.cases.get_case(rid), address) == old  # nothing was saved


def test_typing_kept_from_before_the_signature_waits_for_the_unlock(
    qtbot: QtBot, review_site: ReviewSite
) -> None:
    """A signed case is shown as signed: a draft of the PI's from before the signature is not
    loaded over it (it could not be saved), and comes back once the case is unlocked."""
    rid = review_site.complete[0]
    with review_site.pi() as desk:
        address, entry = some_answer(desk.cases, rid)
        groups = {
            group_id: [
                RowData(row.key, {**row.entries, address.item_id: Entry(None, "UNK")})
                if group_id == address.group_id
                else row
                for row in rows
            ]
            for group_id, rows in desk.cases.get_case(rid).forms["patient"].groups.items()
        }
        desk.drafts.put(rid, "patient", groups, None)
        desk.review.sign(rid, PI, PI_PASSWORD)
    with review_site.pi() as desk, editor_on(qtbot, desk) as editor:
        editor.open_case(rid, "patient")
        field = value_field(editor, address)
        assert editor.locked and not editor.recovered_banner.isVisible()
        assert field.entry() == Entry(entry.value)  # the signed answer, not the draft
        assert desk.drafts.get(rid, "patient") is not None  # held, not discarded
        answer_dialog(give_reason("source document updated after signing"))
        qtbot.mouseClick(editor.review.banner.action, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not editor.locked)
        assert field.entry() == Entry(None, "UNK")
        assert editor.recovered_banner.isVisible()
        assert editor.state is not None and editor.state.is_dirty("patient")
