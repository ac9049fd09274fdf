"""The main window over a real workspace: list, editor, lock, roles, crash notice, closing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import Entry
from cmlentry.gui import workers
from cmlentry.gui.dialogs.crash_notice_dialog import CrashNoticeDialog
from cmlentry.gui.main_window import MainWindow
from cmlentry.gui.settings import Settings
from cmlentry.gui.unlock_dialog import UnlockDialog
from cmlentry.services.cases import RowData
from cmlentry.services.desk import Desk
from cmlentry.services.sessions import SessionService
from cmlentry.services.users import UserService
from cmlentry.services.workspace import Workspace
from tests.conftest import NURSE, NURSE_PASSWORD, Site
from tests.gui.review.world import case_all_but_last_form


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def nurse_ws(site: Site) -> Iterator[Workspace]:
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        yield ws


def _window(qtbot: QtBot, ws: Workspace, settings: Settings) -> MainWindow:
    window = MainWindow(Desk.for_workspace(ws), settings)
    qtbot.addWidget(window)
    window.show()
    return window


def _dialog(kind: type[QDialog]) -> QDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


def test_the_list_shows_the_cases_and_enter_opens_one(
    qtbot: QtBot, nurse_ws: Workspace, settings: Settings
) -> None:
    desk = Desk.for_workspace(nurse_ws)
    first = desk.cases.create_case()
    desk.cases.create_case()
    window = _window(qtbot, nurse_ws, settings)
    assert window.case_list.model.rowCount() == 2
    window.case_list.select_case(first)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_Return)
    assert window.editor.isVisible()
    assert window.editor.current_registry_id() == first
    assert window.main_actions.save.isEnabled()
    window.main_actions.back_to_list.trigger()
    assert window.case_list.isVisible()
    assert window.case_list.current_registry_id() == first
    assert not window.main_actions.save.isEnabled()


def test_the_nurse_sees_case_actions_but_not_backup(
    qtbot: QtBot, nurse_ws: Workspace, settings: Settings
) -> None:
    window = _window(qtbot, nurse_ws, settings)
    assert window.main_actions.new_case.isVisible()
    assert window.main_actions.identity.isVisible()
    assert not window.main_actions.backup.isVisible()
    # Batches leave the site with the PI's or the administrator's approval, not a nurse's.
    assert not window.main_actions.export_batch.isVisible()
    assert not window.main_actions.read_ack.isVisible()
    # Signing and unlocking are the PI's (the review service refuses them to a nurse too:
    # tests/gui/review/test_review_dialog.py); anyone may read signatures and print a summary.
    assert not window.main_actions.review.isVisible()
    assert not window.main_actions.unlock_case.isVisible()
    assert window.main_actions.signatures.isVisible()
    assert window.main_actions.print_summary.isVisible()
    offered = [a.objectName() for a in window.case_list.table.actions() if a.isVisible()]
    assert offered == ["action_identity", "action_signatures", "action_print_summary"]


def test_the_administrator_may_back_up(
    qtbot: QtBot, admin_ws: Workspace, settings: Settings
) -> None:
    window = _window(qtbot, admin_ws, settings)
    assert window.main_actions.backup.isVisible()


def test_ctrl_e_opens_the_export_wizard_for_the_administrator(
    qtbot: QtBot, admin_ws: Workspace, settings: Settings
) -> None:
    from cmlentry.gui.batches import ExportWizard

    window = _window(qtbot, admin_ws, settings)
    assert window.main_actions.export_batch.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.case_list.table.setFocus()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _dialog(ExportWizard) is not None)
    wizard = _dialog(ExportWizard)
    assert isinstance(wizard, ExportWizard)
    qtbot.waitUntil(lambda: wizard.cases_page.loaded, timeout=30_000)
    wizard.reject()


def test_locking_hides_the_cases_and_the_password_unlocks(
    qtbot: QtBot, nurse_ws: Workspace, settings: Settings
) -> None:
    Desk.for_workspace(nurse_ws).cases.create_case()
    window = _window(qtbot, nurse_ws, settings)
    window.main_actions.lock.trigger()
    assert window.is_locked
    assert not window.case_list.isVisible()
    assert not window.main_actions.new_case.isEnabled()
    qtbot.waitUntil(lambda: _dialog(UnlockDialog) is not None)
    dialog = _dialog(UnlockDialog)
    assert isinstance(dialog, UnlockDialog) and dialog.relock
    password = dialog.findChild(QLineEdit, "unlock_password")
    assert password is not None
    qtbot.keyClicks(password, NURSE_PASSWORD)
    qtbot.keyClick(password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)
    assert window.case_list.isVisible()
    assert window.main_actions.new_case.isEnabled()


def test_a_run_that_ended_in_a_crash_is_reported_with_what_was_saved(
    qtbot: QtBot, nurse_ws: Workspace, settings: Settings
) -> None:
    desk = Desk.for_workspace(nurse_ws)
    registry_id = desk.cases.create_case()
    SessionService(nurse_ws).start()  # a run that never ends: the process "dies" here
    desk.cases.save_form(registry_id, "patient", {"patient": [RowData(None, {"sex": Entry("F")})]})
    window = _window(qtbot, nurse_ws, settings)
    unclean = window.start_session()
    assert unclean is not None
    assert [saved.registry_id for saved in unclean.saved] == [registry_id]
    qtbot.waitUntil(lambda: _dialog(CrashNoticeDialog) is not None)


def test_closing_saves_and_marks_the_run_as_ended(
    qtbot: QtBot, nurse_ws: Workspace, settings: Settings
) -> None:
    window = _window(qtbot, nurse_ws, settings)
    window.resize(900, 640)
    assert window.start_session() is None
    with qtbot.waitSignal(window.finished):
        window.close()
    assert workers.pending() == 0
    # The next run finds nothing to report: the last one ended cleanly.
    assert SessionService(nurse_ws).start() is None
    assert settings.qsettings.contains("geometry/main_window")


def test_the_list_shows_what_changed_when_the_nurse_returns_to_it(
    qtbot: QtBot, nurse_ws: Workspace, settings: Settings
) -> None:
    desk = Desk.for_workspace(nurse_ws)
    registry_id = desk.cases.create_case()
    window = _window(qtbot, nurse_ws, settings)
    assert window.case_list.model.record(0).form_a_reason is None
    window.open_case(registry_id, "registration")
    desk.cases.save_form(
        registry_id,
        "registration",
        {"registration": [RowData(None, {"form_a_reason": Entry("TOXICITY")})]},
    )
    window.main_actions.back_to_list.trigger()
    assert window.case_list.model.record(0).form_a_reason == "TOXICITY"


def test_the_window_comes_back_at_the_size_it_was_closed(
    qtbot: QtBot, nurse_ws: Workspace, settings: Settings
) -> None:
    first = _window(qtbot, nurse_ws, settings)
    first.resize(760, 530)
    first.close()
    second = _window(qtbot, nurse_ws, settings)
    assert (second.width(), second.height()) == (760, 530)


def _info_box() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if (
            isinstance(widget, QMessageBox)
            and widget.objectName() == "info_box"
            and widget.isVisible()
        ):
            return widget
    return None


def test_a_backup_runs_off_the_screen_thread_and_says_where_it_is(
    qtbot: QtBot, admin_ws: Workspace, settings: Settings, tmp_path: Path
) -> None:
    window = _window(qtbot, admin_ws, settings)
    destination = tmp_path / "usb"
    destination.mkdir()
    window._tasks.run_backup(destination)
    qtbot.waitUntil(lambda: _info_box() is not None, timeout=30_000)
    box = _info_box()
    assert box is not None
    made = list(destination.iterdir())
    assert len(made) == 1 and made[0].name.startswith("cmlentry-backup-FR-086-")
    assert str(made[0]) in box.text()
    box.accept()


def test_importing_a_workbook_adds_its_cases_to_the_list(
    qtbot: QtBot, nurse_ws: Workspace, settings: Settings, tmp_path: Path
) -> None:
    from cmlentry.services.spreadsheet import write_template
    from tests.services.test_spreadsheet import Nurse

    desk = Desk.for_workspace(nurse_ws)
    path = tmp_path / "line-list.xlsx"
    write_template(desk.cases.definition, path)
    nurse = Nurse(path, desk.cases.definition)
    nurse.line("patient", "P1", {"sex": "F", "birth_year": 1961})
    nurse.save(path)
    window = _window(qtbot, nurse_ws, settings)
    assert window.case_list.model.rowCount() == 0
    window._tasks.run_import(path)
    qtbot.waitUntil(lambda: _info_box() is not None, timeout=30_000)
    assert window.case_list.model.rowCount() == 1
    box = _info_box()
    assert box is not None and "1 case" in box.text()
    box.accept()


def test_the_lock_page_and_the_shortcuts_are_keyboard_reachable(qtbot: QtBot) -> None:
    from cmlentry.gui.lock_page import LockPage
    from cmlentry.gui.shortcuts_dialog import ShortcutsDialog

    page = LockPage()
    qtbot.addWidget(page)
    page.show()
    button = page.findChild(QPushButton, "unlock_button")
    assert button is not None and page.focusProxy() is button  # focus on the page = the button
    with qtbot.waitSignal(page.unlock_requested):
        qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "shortcuts_table")
    assert text is not None
    for keys in ("Ctrl+N", "Ctrl+F", "Ctrl+S", "Ctrl+H", "Ctrl+L", "Ctrl+PgDown", "Insert"):
        assert keys in text.text(), keys


def test_locking_closes_open_dialogs_and_leaves_only_quit_and_sign_out(
    qtbot: QtBot, nurse_ws: Workspace, settings: Settings
) -> None:
    """Review finding: the identity dialog (name, birth date, hospital number, Save) and the
    import action stayed usable behind the lock."""
    from cmlentry.gui.dialogs.identity_dialog import IdentityDialog

    desk = Desk.for_workspace(nurse_ws)
    registry_id = desk.cases.create_case()
    window = _window(qtbot, nurse_ws, settings)
    window.case_list.select_case(registry_id)
    window.main_actions.identity.trigger()
    qtbot.waitUntil(lambda: _dialog(IdentityDialog) is not None)
    window.lock()
    assert _dialog(IdentityDialog) is None
    assert not window.menuBar().isEnabled()
    usable = {a.objectName() for a in window.main_actions.every() if a.isEnabled()}
    assert usable == {"action_quit", "action_sign_out"}
    dialog = _dialog(UnlockDialog)
    assert isinstance(dialog, UnlockDialog)
    password = dialog.findChild(QLineEdit, "unlock_password")
    assert password is not None
    qtbot.keyClicks(password, NURSE_PASSWORD)
    qtbot.keyClick(password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)
    assert window.menuBar().isEnabled()
    assert window.main_actions.import_workbook.isEnabled()


def test_ctrl_f_in_the_window_goes_to_the_search(
    qtbot: QtBot, nurse_ws: Workspace, settings: Settings
) -> None:
    """Review finding: the list's own Ctrl+F and the window's made the key ambiguous, so
    neither fired and the typing went into the table's type-ahead."""
    Desk.for_workspace(nurse_ws).cases.create_case()
    window = _window(qtbot, nurse_ws, settings)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.case_list.table.setFocus()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.case_list.search_field


# --- the PI's review ----------------------------------------------------------------------------

PI, PI_PASSWORD = "pia", "pi-pass-Lyon-2026"


@pytest.fixture
def pi_ws(site: Site) -> Iterator[Workspace]:
    with site.open() as ws:
        UserService(ws).add_user(PI, "Pia Investigator", "pi", "first-pass-1234")
    with site.open(PI, "first-pass-1234") as ws:
        UserService(ws).change_own_password("first-pass-1234", PI_PASSWORD)
    with site.open(PI, PI_PASSWORD) as ws:
        yield ws


def _complete_case(desk: Desk) -> str:
    registry_id, last = case_all_but_last_form(desk.cases)
    desk.cases.mark_complete(registry_id, last)
    return registry_id


def test_ctrl_r_opens_the_review_and_open_case_goes_to_the_editor(
    qtbot: QtBot, pi_ws: Workspace, settings: Settings
) -> None:
    from cmlentry.gui.review import ReviewDialog

    desk = Desk.for_workspace(pi_ws)
    registry_id = _complete_case(desk)
    desk.cases.create_case()  # a draft: not in the queue
    window = _window(qtbot, pi_ws, settings)
    assert window.main_actions.review.isVisible()
    assert window.main_actions.unlock_case.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.case_list.table.setFocus()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _dialog(ReviewDialog) is not None)
    review = _dialog(ReviewDialog)
    assert isinstance(review, ReviewDialog)
    qtbot.waitUntil(lambda: review.loaded, timeout=30_000)
    assert [review.queue.entry(r).registry_id for r in range(review.queue.rowCount())] == [
        registry_id
    ]
    assert review.current_registry_id() == registry_id
    qtbot.mouseClick(review.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _dialog(ReviewDialog) is None)
    assert window.editor.isVisible()
    assert window.editor.current_registry_id() == registry_id


def test_unlock_and_signatures_act_on_the_case_chosen_in_the_list(
    qtbot: QtBot, pi_ws: Workspace, settings: Settings
) -> None:
    from cmlentry.gui.dialogs.reason_dialog import ReasonDialog
    from cmlentry.gui.review import SignaturesDialog

    desk = Desk.for_workspace(pi_ws)
    registry_id = _complete_case(desk)
    desk.review.sign(registry_id, PI, PI_PASSWORD)
    window = _window(qtbot, pi_ws, settings)
    [row] = [c for c in desk.cases.list_cases() if c.registry_id == registry_id]
    assert row.locked
    assert window.case_list.model.record(0).locked
    assert window.case_list.select_case(registry_id)

    window.main_actions.signatures.trigger()
    qtbot.waitUntil(lambda: _dialog(SignaturesDialog) is not None)
    signatures = _dialog(SignaturesDialog)
    assert isinstance(signatures, SignaturesDialog)
    qtbot.waitUntil(lambda: signatures.loaded, timeout=30_000)
    assert signatures.model.rowCount() == 1
    signatures.reject()

    window.main_actions.unlock_case.trigger()
    qtbot.waitUntil(lambda: _dialog(ReasonDialog) is not None)
    asked = _dialog(ReasonDialog)
    assert isinstance(asked, ReasonDialog)
    qtbot.keyClicks(asked.reason_box.line_edit, "new follow-up data to enter")
    qtbot.mouseClick(asked.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _info_box() is not None, timeout=30_000)
    assert desk.review.signature(registry_id) is None
    # The list was read again: the case is no longer locked there.
    assert not window.case_list.model.record(0).locked
    assert window.case_list.model.record(0).status == "complete"
    box = _info_box()
    assert box is not None
    box.accept()


def test_ctrl_p_writes_the_chosen_case_s_summary(
    qtbot: QtBot,
    pi_ws: Workspace,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    desk = Desk.for_workspace(pi_ws)
    registry_id = _complete_case(desk)
    window = _window(qtbot, pi_ws, settings)
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.case_list.select_case(registry_id)
    window.case_list.table.setFocus()
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _info_box() is not None, timeout=60_000)
    assert target.read_bytes().startswith(b"%PDF")
    box = _info_box()
    assert box is not None
    box.accept()
