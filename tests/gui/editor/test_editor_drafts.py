"""Never lose a keystroke: drafts autosaved while typing, recovered after a crash; failed saves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import EMPTY, Entry
from cmlentry.errors import DiskFull
from cmlentry.gui.editor import CaseEditor
from cmlentry.gui.workers import wait_for_done
from cmlentry.services.cases import CaseService, RowData, SaveResult
from cmlentry.services.drafts import DraftService
from cmlentry.services.workspace import Workspace
from tests.conftest import NURSE, NURSE_PASSWORD, FakeClock, Site
from tests.gui.editor.conftest import (
    AUTOSAVE_MS,
    TODAY,
    answer_dialog,
    cancel,
    complete_rows,
    give_reason,
    stored,
)
from tests.gui.editor.test_case_editor import focus, type_into
from tests.gui.editor.test_editor_completion import complete_patient


def crash(editor: CaseEditor) -> None:
    """The process dies: nothing more reaches the store from this editor."""
    editor.autosave.timer.stop()
    editor.blockSignals(True)
    for page in editor.stack.pages.values():
        for field in page.fields.values():
            field.input.blockSignals(True)
    editor.hide()


def test_typing_is_autosaved_as_a_draft_and_recovered_after_a_crash(
    qtbot: QtBot,
    make_editor: Callable[[], CaseEditor],
    cases: CaseService,
    drafts: DraftService,
) -> None:
    registry_id = cases.create_case()
    first = make_editor()
    first.open_case(registry_id)
    field = first.page("patient").fields["birth_year"]
    type_into(qtbot, field, "195", leave=False)
    assert first.save_state == "Not saved yet"
    # The timer restarted at the last keystroke puts the typing in the encrypted drafts.
    qtbot.waitUntil(lambda: drafts.get(registry_id, "patient") is not None, timeout=5000)
    draft = drafts.get(registry_id, "patient")
    assert draft is not None
    assert draft.groups["patient"][0].entries["birth_year"] == Entry("195")
    assert draft.focus == "patient/0/birth_year"
    assert stored(cases, registry_id, "patient", "patient", "birth_year") == EMPTY
    crash(first)

    second = make_editor()
    second.open_case(registry_id)
    banner = second.recovered_banner
    assert banner.isVisible()
    assert banner.text.startswith("Unsaved typing from ")
    assert "was recovered (Patient) — check it and save (Ctrl+S) or discard." in banner.text
    restored = second.page("patient").fields["birth_year"]
    assert restored.input.value_text() == "195"
    assert restored.input.hasFocus()
    assert second.navigation.list_model.mark("patient").unsaved
    # Saving the recovered typing stores it, deletes the draft and takes the banner away.
    qtbot.keyClicks(restored.input, "5")
    with qtbot.waitSignal(second.case_saved, timeout=5000):
        qtbot.keyClick(restored.input, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored(cases, registry_id, "patient", "patient", "birth_year") == Entry("1955")
    qtbot.waitUntil(lambda: drafts.get(registry_id, "patient") is None)
    assert not banner.isVisible()


def test_recovered_typing_can_be_discarded(
    qtbot: QtBot,
    make_editor: Callable[[], CaseEditor],
    cases: CaseService,
    drafts: DraftService,
) -> None:
    registry_id = cases.create_case()
    drafts.put(registry_id, "patient", {"patient": [RowData(1, {"birth_year": Entry("1961")})]})
    editor = make_editor()
    editor.open_case(registry_id)
    field = editor.page("patient").fields["birth_year"]
    assert field.input.value_text() == "1961"
    qtbot.mouseClick(editor.recovered_banner.action, Qt.MouseButton.LeftButton)
    assert field.input.value_text() == ""
    assert not editor.recovered_banner.isVisible()
    qtbot.waitUntil(lambda: drafts.get(registry_id, "patient") is None)
    assert editor.state is not None and not editor.state.is_dirty("patient")


def test_a_failing_save_keeps_the_typing_on_screen_and_retries(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService, nurse_ws: Workspace
) -> None:
    """Review finding: failed draft writes were silent while the banner promised "kept as a
    draft". A read-only workspace refuses the save *and* the draft: the banner now says the
    typing could not be kept, and nothing claims it was."""
    registry_id = cases.create_case()
    editor.open_case(registry_id)
    field = editor.page("patient").fields["birth_year"]
    nurse_ws.db.read_only = True  # the workspace refuses every write, as after a failed check
    try:
        type_into(qtbot, field, "1955")
        qtbot.waitUntil(lambda: editor.save_state.startswith("Not saved: "), timeout=5000)
        assert "damaged" in editor.save_state
        qtbot.waitUntil(lambda: "could not be kept as a draft" in editor.error_banner.text)
        assert editor.error_banner.isVisible()
        assert editor.error_banner.text.startswith("Your typing could not be kept as a draft: ")
        assert "damaged" in editor.error_banner.text
        assert "Do not close cmlentry; save with Ctrl+S when the problem is solved" in (
            editor.error_banner.text
        )
        assert not editor.unsaved_typing_kept()
        assert field.input.value_text() == "1955"
        assert editor.state is not None and editor.state.is_dirty("patient")
        assert editor.navigation.list_model.mark("patient").unsaved
        assert stored(cases, registry_id, "patient", "patient", "birth_year") == EMPTY
    finally:
        nurse_ws.db.read_only = False
    assert DraftService(nurse_ws, cases).get(registry_id, "patient") is None  # truly not kept
    # The next Ctrl+S tries again, and this time it is saved.
    focus(qtbot, field.input)
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        qtbot.keyClick(field.input, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored(cases, registry_id, "patient", "patient", "birth_year") == Entry("1955")
    assert not editor.error_banner.isVisible()
    assert editor.save_state.startswith("Saved at ")
    assert editor.unsaved_typing_kept()


class DiskFullOnSave(CaseService):
    """The disk fills up during a form's save; the much smaller draft write still fits."""

    full = True

    def save_form(self, *args: Any, **kwargs: Any) -> SaveResult:
        if self.full:
            raise DiskFull(folder="the workspace folder")
        return super().save_form(*args, **kwargs)


def test_a_failed_save_says_kept_as_a_draft_only_once_the_draft_is_written(
    qtbot: QtBot, nurse_ws: Workspace
) -> None:
    """Review finding: "kept as a draft" was said whether or not the draft write worked; it is
    now said once the draft of the form has been written."""
    cases = DiskFullOnSave(nurse_ws, today=TODAY)
    drafts = DraftService(nurse_ws, cases)
    registry_id = cases.create_case()
    editor = CaseEditor(cases, drafts, autosave_ms=AUTOSAVE_MS)
    qtbot.addWidget(editor)
    editor.show()
    editor.open_case(registry_id)
    field = editor.page("patient").fields["birth_year"]
    type_into(qtbot, field, "1955")
    qtbot.waitUntil(lambda: "kept as a draft;" in editor.error_banner.text, timeout=5000)
    assert editor.error_banner.text.startswith("Not saved: There is not enough free space")
    draft = drafts.get(registry_id, "patient")
    assert draft is not None and draft.groups["patient"][0].entries["birth_year"] == Entry("1955")
    assert editor.unsaved_typing_kept()
    assert not editor.flush()
    wait_for_done()


def test_a_stale_draft_is_not_loaded_over_answers_saved_after_it(
    qtbot: QtBot, site: Site, clock: FakeClock, paris_time: None
) -> None:
    """Review finding: a stale draft silently overwrote newer saved data. The nurse's draft
    said 1950, another user then saved 1961; opening the case loaded 1950 and Close saved it.
    The draft is now shown as not restored, kept until discarded, and nothing is saved."""
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        cases = CaseService(ws, today=TODAY)
        registry_id = cases.create_case()
        cases.save_form(registry_id, "patient", complete_rows("patient"))
        old = complete_rows("patient", patient__birth_year=Entry("1950"))
        DraftService(ws, cases).put(registry_id, "patient", old, "patient/0/birth_year")
    clock.advance(600)
    with site.open() as admin:
        newer = complete_rows("patient", patient__birth_year=Entry("1961"))
        CaseService(admin, today=TODAY).save_form(registry_id, "patient", newer)
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        cases = CaseService(ws, today=TODAY)
        drafts = DraftService(ws, cases)
        editor = CaseEditor(cases, drafts, autosave_ms=AUTOSAVE_MS)
        qtbot.addWidget(editor)
        editor.show()
        try:
            editor.open_case(registry_id)
            field = editor.page("patient").fields["birth_year"]
            assert field.input.value_text() == "1961"
            assert editor.state is not None and not editor.state.is_dirty("patient")
            banner = editor.recovered_banner
            assert banner.isVisible()
            assert banner.text.startswith("Unsaved typing in Patient from ")
            assert "10:00 was not restored: this form was saved again after it, at " in (
                banner.text
            )
            assert banner.text.endswith("10:10.")
            assert "was recovered" not in banner.text
            # Closing saves nothing and asks nothing; the draft is kept until discarded.
            assert editor.flush()
            assert stored(cases, registry_id, "patient", "patient", "birth_year") == Entry("1961")
            assert drafts.get(registry_id, "patient") is not None
            qtbot.mouseClick(banner.action, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: drafts.get(registry_id, "patient") is None)
            assert not banner.isVisible()
            assert field.input.value_text() == "1961"
        finally:
            wait_for_done()


def test_a_cancelled_change_of_a_complete_form_does_not_come_back_as_a_draft(
    qtbot: QtBot,
    make_editor: Callable[[], CaseEditor],
    cases: CaseService,
    drafts: DraftService,
) -> None:
    """Review finding: cancelling the reason put the old value back but left the autosaved
    draft, so the next open offered the cancelled value as "Unsaved typing recovered"."""
    registry_id = complete_patient(cases)
    editor = make_editor()
    editor.open_case(registry_id)
    field = editor.page("patient").fields["birth_year"]
    type_into(qtbot, field, "1999", leave=False)
    qtbot.waitUntil(lambda: drafts.get(registry_id, "patient") is not None, timeout=5000)
    asked = answer_dialog(cancel)
    qtbot.keyClick(field.input, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: asked == ["ReasonDialog"])
    qtbot.waitUntil(lambda: field.input.value_text() == "1955")
    qtbot.waitUntil(lambda: drafts.get(registry_id, "patient") is None)
    editor.open_case(registry_id)
    assert not editor.recovered_banner.isVisible()
    assert editor.page("patient").fields["birth_year"].input.value_text() == "1955"


class DialogWatch:
    """Records and rejects every modal dialog opened while it watches."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            self.seen.append(type(dialog).__name__)
            dialog.reject()

    def stop(self) -> None:
        self._timer.stop()


def test_flush_without_asking_keeps_a_change_needing_a_reason_as_a_draft(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService, drafts: DraftService
) -> None:
    """Review finding: flush() always asked the reason of a change to a complete form, which
    holds back a lock or a quit. With ask=False it opens no dialog: the change is not saved
    but written as a draft before flush returns, and its reason is asked at the next save."""
    registry_id = complete_patient(cases)
    editor.open_case(registry_id)
    field = editor.page("patient").fields["birth_year"]
    type_into(qtbot, field, "1956", leave=False)
    watch = DialogWatch()
    try:
        assert editor.flush(ask=False) is False
        QApplication.processEvents()  # nothing asked later from the event loop either
    finally:
        watch.stop()
    assert watch.seen == []
    draft = drafts.get(registry_id, "patient")
    assert draft is not None and draft.groups["patient"][0].entries["birth_year"] == Entry("1956")
    assert stored(cases, registry_id, "patient", "patient", "birth_year") == Entry("1955")
    assert editor.unsaved_typing_kept()
    assert field.input.value_text() == "1956"
    # The next save asks the reason, then saves.
    asked = answer_dialog(give_reason("transcription error corrected"))
    with qtbot.waitSignal(editor.case_saved, timeout=5000):
        editor.save_now()
    assert asked == ["ReasonDialog"]
    assert stored(cases, registry_id, "patient", "patient", "birth_year") == Entry("1956")
    qtbot.waitUntil(lambda: drafts.get(registry_id, "patient") is None)


def test_flush_saves_what_is_typed_before_the_case_is_closed(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService
) -> None:
    registry_id = cases.create_case()
    editor.open_case(registry_id)
    type_into(qtbot, editor.page("patient").fields["birth_year"], "1949", leave=False)
    assert editor.flush()
    assert stored(cases, registry_id, "patient", "patient", "birth_year") == Entry("1949")
    with qtbot.waitSignal(editor.closed, timeout=5000):
        qtbot.mouseClick(editor.header.close_button, Qt.MouseButton.LeftButton)
    assert editor.current_registry_id() is None


def test_a_read_only_workspace_shows_cases_but_offers_no_change(
    qtbot: QtBot, editor: CaseEditor, cases: CaseService, nurse_ws: Workspace
) -> None:
    """Review finding: after a failed start-up check every save failed one by one; the editor
    now says at once that the case can be read, not changed."""
    registry_id = cases.create_case()
    nurse_ws.db.read_only = True
    try:
        editor.open_case(registry_id)
        assert editor.error_banner.isVisible()
        assert "read-only" in editor.error_banner.text
        assert not editor.stack.isEnabled()
        assert not editor.header.save_button.isEnabled()
        assert not editor.header.complete_button.isEnabled()
        editor.navigation.select_form("diagnosis")
        assert not editor.header.save_button.isEnabled()
        assert not editor.autosave.pending()
    finally:
        nurse_ws.db.read_only = False
