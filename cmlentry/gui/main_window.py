"""The main window: the case list and the case editor in one window, the lock, and long tasks.

It composes widgets that each do one job (the list, the editor, the dialogs) and connects them;
the work itself is in the services, reached through the :class:`~cmlentry.services.desk.Desk`
the start flow hands over. Long work (imports, backups) runs through :class:`Op` with progress
and Cancel; saving is the editor's job.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from cmlentry.gui.case_list_widget import CaseListWidget
from cmlentry.gui.dialogs.about_dialog import AboutDialog
from cmlentry.gui.dialogs.crash_notice_dialog import CrashNoticeDialog
from cmlentry.gui.dialogs.identity_dialog import IdentityDialog
from cmlentry.gui.dialogs.new_case_dialog import NewCaseDialog
from cmlentry.gui.editor import CaseEditor
from cmlentry.gui.idle_lock import IdleLock
from cmlentry.gui.lock_page import LockPage
from cmlentry.gui.main_actions import MainActions
from cmlentry.gui.main_tasks import MainTasks
from cmlentry.gui.progress_dialog import ProgressDialog
from cmlentry.gui.review import ReviewTasks
from cmlentry.gui.role_words import role_label
from cmlentry.gui.settings import Settings
from cmlentry.gui.shortcuts_dialog import ShortcutsDialog
from cmlentry.gui.unlock_dialog import UnlockDialog
from cmlentry.gui.workers import Op, wait_for_done
from cmlentry.services.desk import Desk
from cmlentry.services.sessions import UncleanEnd

log = logging.getLogger(__name__)

HEARTBEAT_MS = 30_000  # how stale "last sign of life" may be in the crash notice


class MainWindow(QMainWindow):
    """One signed-in user's window over one unlocked workspace."""

    sign_out_requested = Signal()
    """The user chose to sign out (or to let someone else sign in at the lock)."""
    finished = Signal()
    """Everything is saved and the run is marked as ended: the workspace may now be closed."""

    def __init__(
        self,
        desk: Desk,
        settings: Settings,
        *,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self._desk = desk
        self._settings = settings
        self._demo = demo
        self._closing_done = False
        user = desk.ws.user
        site = desk.summary()
        self._site_text = f"{site.country}-{site.centre_code} {site.centre_name}"
        title = self.tr("cmlentry — %1").replace("%1", self._site_text)
        if demo:
            title += self.tr(" — DEMO (synthetic cases)")
        self.setWindowTitle(title)

        self._list = CaseListWidget(
            desk.cases.list_cases, desk.cases.definition.codelists["form_a_reason"], self
        )
        self._editor = CaseEditor(
            desk.cases, desk.drafts, self, review=desk.review, queries=desk.queries
        )
        self._lock_page = LockPage(self)
        self._stack = QStackedWidget(self)
        for page in (self._list, self._editor, self._lock_page):
            self._stack.addWidget(page)
        self.setCentralWidget(self._stack)

        self.main_actions = MainActions(self, user.role)
        self._tool_bar = self.main_actions.build_menus()
        # One Ctrl+F for the whole window: the list's own shortcut would make it ambiguous.
        self._list.find_shortcut.setEnabled(False)
        self._tasks = MainTasks(self, desk, self._list.reload, settings)
        self._review = ReviewTasks(
            self, desk, self._list.reload, self.open_case, settings, self._on_case_unlocked
        )
        self._list.add_context_actions(self.main_actions.case_actions())

        self._user_label = QLabel(
            self.tr("%1 (%2)")
            .replace("%1", user.printed_name)
            .replace("%2", role_label(user.role)),
            self,
        )
        self._save_label = QLabel(self)
        self._save_label.setObjectName("save_state")
        self.statusBar().addWidget(self._user_label)
        self.statusBar().addWidget(self._save_label, 1)
        if demo:
            badge = QLabel(self.tr("DEMO — synthetic cases, never real patients"), self)
            badge.setObjectName("demo_badge")
            badge.setStyleSheet("QLabel { color: #8a4b00; font-weight: bold; }")
            self.statusBar().addPermanentWidget(badge)
        if desk.ws.read_only:
            self.statusBar().addPermanentWidget(
                QLabel(self.tr("Read-only: the workspace failed its check"), self)
            )

        self._idle = IdleLock(settings.idle_lock_minutes, self)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._connect()
        self._show_list()
        settings.restore_geometry(self, "main_window")
        self._heartbeat.start()

    # --- wiring -----------------------------------------------------------------------------------

    def _connect(self) -> None:
        a = self.main_actions
        a.new_case.triggered.connect(self._on_new_case_triggered)
        a.import_workbook.triggered.connect(self._tasks.import_workbook)
        a.write_template.triggered.connect(self._tasks.write_template)
        a.backup.triggered.connect(self._tasks.backup)
        a.export_batch.triggered.connect(self._tasks.export_batch)
        a.batches.triggered.connect(self._tasks.show_batches)
        a.read_ack.triggered.connect(self._tasks.read_ack)
        a.lock.triggered.connect(self.lock)
        a.sign_out.triggered.connect(self._on_sign_out_triggered)
        a.quit.triggered.connect(self.close)
        a.back_to_list.triggered.connect(self._on_back_to_list_triggered)
        a.save.triggered.connect(self._on_save_triggered)
        a.identity.triggered.connect(self._on_identity_triggered)
        a.review.triggered.connect(self._on_review_triggered)
        a.unlock_case.triggered.connect(self._on_unlock_case_triggered)
        a.signatures.triggered.connect(self._on_signatures_triggered)
        a.print_summary.triggered.connect(self._on_print_summary_triggered)
        a.find.triggered.connect(self._on_find_triggered)
        a.refresh.triggered.connect(self._list.reload)
        a.shortcuts.triggered.connect(self._on_shortcuts_triggered)
        a.about.triggered.connect(self._on_about_triggered)
        self._list.case_activated.connect(self.open_case)
        self._editor.save_state_changed.connect(self._save_label.setText)
        self._editor.closed.connect(self._on_back_to_list_triggered)
        self._lock_page.unlock_requested.connect(self._ask_unlock)
        self._idle.idle_timeout.connect(self.lock)
        self._heartbeat.timeout.connect(self._on_heartbeat_timeout)

    # --- public API -------------------------------------------------------------------------------

    @property
    def case_list(self) -> CaseListWidget:
        return self._list

    @property
    def editor(self) -> CaseEditor:
        return self._editor

    @property
    def is_locked(self) -> bool:
        return self._stack.currentWidget() is self._lock_page

    def start_session(self) -> UncleanEnd | None:
        """Mark this run as started; if the last one ended in a crash, say what was kept."""
        unclean = self._desk.sessions.start()
        if unclean is not None and (unclean.saved or unclean.drafts):
            notice = CrashNoticeDialog(unclean, self)
            notice.draft_chosen.connect(self._on_notice_draft_chosen)
            notice.open()
        return unclean

    def open_case(self, registry_id: str, form_id: str | None = None) -> None:
        self._editor.open_case(registry_id, form_id)
        self._stack.setCurrentWidget(self._editor)
        self._set_editing(True)

    def lock(self) -> None:
        """Hide every case behind the lock page and ask for the password again.

        Nothing may stay reachable behind the lock: open dialogs (an identity, a history, a
        question) are closed, the menus and tool bar are disabled, and what is typed is saved or
        kept as a draft without asking anything (a reason prompt would hold the lock back).
        """
        if self.is_locked:
            return
        for dialog in self.findChildren(QDialog):
            # Long work goes on behind the lock: a progress window shows no data, and
            # rejecting it would cancel an export or a backup without a word.
            if dialog.isVisible() and not isinstance(dialog, ProgressDialog):
                dialog.reject()
        saved = self._editor.flush(ask=False)
        self._before_lock = self._stack.currentWidget()
        self._focus_before_lock = QApplication.focusWidget()
        self._stack.setCurrentWidget(self._lock_page)
        self._lock_page.show_saved(saved)
        self._set_locked_controls(locked=True)
        self._idle.pause()
        log.info("window locked")
        self._ask_unlock()

    # --- slots ------------------------------------------------------------------------------------

    def _ask_unlock(self) -> None:
        dialog = UnlockDialog.for_relock(self._desk.ws, self)
        dialog.switch_user_requested.connect(self._on_sign_out_triggered)
        dialog.accepted.connect(self._on_unlocked)
        dialog.open()

    def _on_unlocked(self) -> None:
        previous = getattr(self, "_before_lock", self._list)
        self._stack.setCurrentWidget(previous)
        self._set_locked_controls(locked=False)
        self._set_editing(previous is self._editor)
        self._idle.resume()
        # Back where the person was typing (the widget may be gone: a case closed meanwhile).
        focus: QWidget | None = getattr(self, "_focus_before_lock", None)
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus()
        else:
            previous.setFocus()
        log.info("window unlocked")

    def _set_locked_controls(self, *, locked: bool) -> None:
        """While locked only Quit and Sign out stay usable (and the unlock itself)."""
        self.menuBar().setEnabled(not locked)
        self._tool_bar.setEnabled(not locked)
        for action in self.main_actions.every():
            if action not in (self.main_actions.quit, self.main_actions.sign_out):
                action.setEnabled(not locked)

    def _on_new_case_triggered(self) -> None:
        # open(), not exec(): modal to the window without blocking this slot in a nested loop.
        dialog = NewCaseDialog(self._desk.cases, self._desk.identities, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.existing_case_chosen.connect(self._on_new_case_existing_chosen)
        dialog.accepted.connect(lambda: self._on_new_case_accepted(dialog.registry_id))
        dialog.open()

    def _on_new_case_accepted(self, registry_id: str | None) -> None:
        self._list.reload()
        if registry_id:
            self.open_case(registry_id)

    def _on_new_case_existing_chosen(self, registry_id: str) -> None:
        self.open_case(registry_id)

    def _on_back_to_list_triggered(self) -> None:
        if self._stack.currentWidget() is not self._editor:
            return
        shown = self._editor.current_registry_id()
        self._editor.flush()
        self._list.reload()
        if shown:
            self._list.select_case(shown)
        self._show_list()

    def _on_save_triggered(self) -> None:
        if self._stack.currentWidget() is self._editor:
            self._editor.flush()

    def _on_identity_triggered(self) -> None:
        registry_id = self._chosen_case()
        if registry_id is not None:
            self._show(IdentityDialog(registry_id, self._desk.identities, self))

    def _on_review_triggered(self) -> None:
        if self._stack.currentWidget() is self._editor:
            self._on_back_to_list_triggered()  # the typing is saved before anything is signed
        self._review.open_review()

    def _on_unlock_case_triggered(self) -> None:
        registry_id = self._chosen_case()
        if registry_id is not None:
            self._review.unlock(registry_id)

    def _on_signatures_triggered(self) -> None:
        registry_id = self._chosen_case()
        if registry_id is not None:
            self._review.show_signatures(registry_id)

    def _on_case_unlocked(self, registry_id: str) -> None:
        self._list.reload()
        if self._editor.current_registry_id() == registry_id:
            # Shown read-only while it was signed: open it again, editable.
            self._editor.open_case(registry_id, self._editor.current_form_id())

    def _on_print_summary_triggered(self) -> None:
        registry_id = self._chosen_case()
        if registry_id is None:
            return
        if self._stack.currentWidget() is self._editor:
            self._editor.flush()  # the summary shows what is saved
        self._review.print_summary(registry_id)

    def _on_find_triggered(self) -> None:
        if self._stack.currentWidget() is self._editor:
            self._on_back_to_list_triggered()
        self._list.search_field.setFocus()
        self._list.search_field.selectAll()

    def _on_sign_out_triggered(self) -> None:
        self.sign_out_requested.emit()

    def _on_shortcuts_triggered(self) -> None:
        self._show(ShortcutsDialog(self))

    def _on_about_triggered(self) -> None:
        self._show(AboutDialog(self._desk.maintenance.summary(), self))

    def _on_notice_draft_chosen(self, registry_id: str, form_id: str) -> None:
        self.open_case(registry_id, form_id)

    def _on_heartbeat_timeout(self) -> None:
        Op(self, lambda _p, _c: self._desk.sessions.heartbeat()).failure(_log_failure).run()

    # --- helpers ----------------------------------------------------------------------------------

    @staticmethod
    def _show(dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _chosen_case(self) -> str | None:
        """The case in the editor, or the one selected in the list; None says to choose one."""
        registry_id = (
            self._editor.current_registry_id()
            if self._stack.currentWidget() is self._editor
            else self._list.current_registry_id()
        )
        if registry_id is None:
            self.statusBar().showMessage(self.tr("Choose a case first."), 5000)
        return registry_id

    def _show_list(self) -> None:
        self._stack.setCurrentWidget(self._list)
        self._set_editing(False)
        self._list.setFocus()

    def _set_editing(self, editing: bool) -> None:
        self.main_actions.save.setEnabled(editing)
        self.main_actions.back_to_list.setEnabled(editing)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_done:
            self.finish()
        event.accept()

    def finish(self) -> None:
        """Save, wait for the worker, mark the run as ended cleanly; the start flow then closes the
        workspace."""
        if self._closing_done:
            return
        self._closing_done = True
        self._heartbeat.stop()
        self._idle.pause()
        saved = self._editor.flush()
        if not wait_for_done():
            log.warning("the worker did not finish within the time allowed")
        if not saved and self._editor.unsaved_typing_kept():
            QMessageBox.warning(
                self,
                self.tr("Not everything was saved"),
                self.tr(
                    "The last typing could not be saved. It is kept as a draft and will be "
                    "offered again at the next start."
                ),
            )
        elif not saved:
            QMessageBox.critical(
                self,
                self.tr("Typing not saved"),
                self.tr(
                    "The last typing could be neither saved nor kept as a draft, and is lost. "
                    "Call your site administrator: the workspace may be full or damaged."
                ),
            )
        try:
            self._desk.sessions.end()
        except Exception as exc:  # a failed end marker only means a needless notice next time
            log.warning("could not mark the session as ended: %s", type(exc).__name__)
        self._settings.save_geometry(self, "main_window")
        self.finished.emit()


def _log_failure(exc: BaseException) -> None:
    log.warning("heartbeat not written: %s", type(exc).__name__)
