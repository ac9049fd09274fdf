"""The registry coordinator's window: centre status on top, batch import and its report below;
the registry's queries in a second tab (:mod:`cmlentry.gui.registry.registry_queries`), the
registry report with its pictures and exports in a third (:mod:`cmlentry.gui.reports.dashboard`).

The start flow opens it instead of the site's case window when the workspace is a registry's
(``ws.kind == "registry"``). Its central store is opened on the worker thread
(:meth:`RegistryWindow.start_session`) and closed with the window; every read and write of it
runs through :class:`Op`. The lock (Ctrl+L, or idle) is the site window's: the lock page, and
the password asked again without reopening the workspace.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cmlentry.fileio import translated_os_errors
from cmlentry.gui import messages
from cmlentry.gui.idle_lock import IdleLock
from cmlentry.gui.lock_page import LockPage
from cmlentry.gui.progress_dialog import ProgressDialog
from cmlentry.gui.registry.ack_folder import AckFolder, default_ack_folder
from cmlentry.gui.registry.centres_view import CentresView
from cmlentry.gui.registry.conflicts_dialog import ConflictsDialog
from cmlentry.gui.registry.import_panel import ImportPanel
from cmlentry.gui.registry.import_report import ImportReportView
from cmlentry.gui.registry.registry_actions import RegistryActions
from cmlentry.gui.registry.registry_keys import RegistryKeys
from cmlentry.gui.registry.registry_queries import RegistryQueries
from cmlentry.gui.reports.dashboard import ReportDashboard
from cmlentry.gui.role_words import role_label
from cmlentry.gui.settings import Settings
from cmlentry.gui.unlock_dialog import UnlockDialog
from cmlentry.gui.workers import CancelledFn, Op, ProgressFn, wait_for_done
from cmlentry.services.maintenance import MaintenanceService
from cmlentry.services.registry.centres import CentreService, CentreStatus
from cmlentry.services.registry.conflicts import ConflictService
from cmlentry.services.registry.importer import IMPORTED, ImportOutcome, ImportService
from cmlentry.services.registry.queries import CentralQueryService
from cmlentry.services.registry.workspace import open_central_store
from cmlentry.services.reports.registry_report import RegistryReportService
from cmlentry.services.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Opened:
    """What opening the central store gives the window (made on the worker thread)."""

    centres: CentreService
    importer: ImportService
    queries: CentralQueryService
    reports: RegistryReportService
    registry_name: str
    statuses: list[CentreStatus]


class RegistryWindow(QMainWindow):
    """One coordinator's window over one unlocked registry workspace."""

    sign_out_requested = Signal()
    """The coordinator chose to sign out (or to let someone else sign in at the lock)."""
    finished = Signal()
    """The window is done with the workspace: the start flow may now close it."""
    centres_loaded = Signal()
    """The centre table was (re)read from the registry database."""
    import_finished = Signal(list)
    """An import ended; the ``list[ImportOutcome]`` is in the report."""

    def __init__(self, ws: Workspace, settings: Settings, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registry_window")
        self._ws = ws
        self._settings = settings
        self._closing_done = False
        self._centres: CentreService | None = None
        self._importer: ImportService | None = None
        self._opened: list[CentreService] = []  # appended on the worker: closed even if orphaned
        self._opening = False
        self._importing = False
        self._ack = AckFolder(settings.qsettings, default_ack_folder(ws.folder.folder))
        self.setWindowTitle(self.tr("cmlentry — registry"))

        splitter = self._centres_page()
        self.keys = RegistryKeys(self, ws)
        self.queries = RegistryQueries(self, self._ack, ws.user.username)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("registry_tabs")
        self.tabs.addTab(splitter, self.tr("Centres and batches"))
        self.queries.add_tab(self.tabs)
        self.reports = ReportDashboard(settings, self)
        self.tabs.addTab(self.reports, self.tr("Reports"))
        self._main_page = self.tabs
        self._lock_page = LockPage(self)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._main_page)
        self._stack.addWidget(self._lock_page)
        self.setCentralWidget(self._stack)

        self.registry_actions = RegistryActions(self)
        self._tool_bar = self.registry_actions.build_menus()
        user = ws.user
        self._user_label = QLabel(
            self.tr("%1 (%2)")
            .replace("%1", user.printed_name)
            .replace("%2", role_label(user.role)),
            self,
        )
        self._store_label = QLabel(self)
        self._store_label.setObjectName("registry_store")
        self.statusBar().addWidget(self._user_label)
        self.statusBar().addWidget(self._store_label, 1)
        self._idle = IdleLock(settings.idle_lock_minutes, self)
        self._set_store_available(False)
        self._connect()
        settings.restore_geometry(self, "registry_window")

    def _centres_page(self) -> QSplitter:
        """The first tab: the centres on top, the import and its report below."""
        self.centres_view = CentresView(self)
        self.import_panel = ImportPanel(self)
        self.import_panel.set_ack_folder(self._ack.current())
        self.report = ImportReportView(self)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.import_panel)
        lower_layout.addWidget(self.report, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.centres_view)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _connect(self) -> None:
        a = self.registry_actions
        a.register_centre.triggered.connect(self._on_register_centre_triggered)
        a.import_batches.triggered.connect(self.import_panel.ask_files)
        a.export_key.triggered.connect(self.keys.ask_export_key)
        a.show_conflicts.triggered.connect(self.ask_conflicts)
        a.raise_query.triggered.connect(self.queries.ask_raise)
        a.send_queries.triggered.connect(self.queries.ask_send)
        a.show_centres.triggered.connect(lambda: self.tabs.setCurrentIndex(0))
        a.show_queries.triggered.connect(lambda: self.tabs.setCurrentWidget(self.queries.view))
        a.show_reports.triggered.connect(lambda: self.tabs.setCurrentWidget(self.reports))
        a.update_report.triggered.connect(self._on_update_report_triggered)
        a.export_excel.triggered.connect(self.reports.export_excel)
        a.export_csv.triggered.connect(self.reports.export_csv)
        a.export_odm.triggered.connect(self.reports.export_odm)
        a.refresh.triggered.connect(self.reload)
        a.lock.triggered.connect(self.lock)
        a.sign_out.triggered.connect(self.sign_out_requested)
        a.quit.triggered.connect(self.close)
        self.import_panel.files_chosen.connect(self.import_files)
        self.import_panel.ack_folder_change_requested.connect(self._on_ack_folder_change_requested)
        self._lock_page.unlock_requested.connect(self._ask_unlock)
        self._idle.idle_timeout.connect(self.lock)
        self.keys.centre_registered.connect(self._on_centre_registered)
        self.queries.said.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.reports.said.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.reports.busy_changed.connect(self._on_reports_busy_changed)

    # --- the registry database ----------------------------------------------------------------

    def start_session(self) -> None:
        """Open the registry database on the worker thread, then show the centres."""
        ws, opened = self._ws, self._opened

        def work(_progress: ProgressFn, _cancelled: CancelledFn) -> _Opened:
            store = open_central_store(ws)
            centres = CentreService(ws, store)
            opened.append(centres)
            name = MaintenanceService(ws).summary().centre_name
            queries = CentralQueryService(ws, store)
            reports = RegistryReportService(ws, store)
            return _Opened(
                centres, ImportService(ws, store), queries, reports, name, centres.centres()
            )

        self._opening = True
        self._store_label.setText(self.tr("Opening the registry database…"))
        (
            Op(self, work)
            .with_progress(self.tr("Opening the registry database"), cancellable=False)
            .success(self._on_store_opened)
            .failure(self._on_store_failed)
            .finished(self._on_store_open_ended)
            .run()
        )

    def _on_store_open_ended(self) -> None:
        self._opening = False

    def _on_store_opened(self, opened: _Opened) -> None:
        self._centres, self._importer = opened.centres, opened.importer
        self.setWindowTitle(self.tr("cmlentry — registry — %1").replace("%1", opened.registry_name))
        self._store_label.setText(
            self.tr("Registry database: %1").replace("%1", opened.centres.store.description)
        )
        if not self.is_locked:  # else the unlock makes them available
            self._set_store_available(True)
        self._on_centres_read(opened.statuses)
        self.queries.start(opened.queries)
        self.reports.start(opened.reports)

    def _on_store_failed(self, exc: BaseException) -> None:
        self._store_label.setText(
            self.tr("The registry database is not open. %1 Press F5 to try again.").replace(
                "%1", messages.describe(exc)
            )
        )
        messages.show_error(self, exc)

    def reload(self) -> None:
        """Read the centres again (or try again to open the database)."""
        centres = self._centres
        if centres is None:
            if not self._opening:
                self.start_session()
            return
        Op(self, lambda _p, _c: centres.centres()).success(self._on_centres_read).run()
        self.queries.reload()  # a batch imported brings the sites' answers

    def _on_centres_read(self, statuses: list[CentreStatus]) -> None:
        self.centres_view.set_centres(statuses)
        self.queries.set_centres(status.code for status in statuses)
        self.reports.set_centres([status.code for status in statuses])
        self.centres_loaded.emit()

    def _set_store_available(self, available: bool) -> None:
        for action in self.registry_actions.store_actions():
            action.setEnabled(available)
        # One import at a time: a second one waits until the first has reported.
        self.registry_actions.import_batches.setEnabled(available and not self._importing)
        self.import_panel.set_available(available and not self._importing)
        self.queries.set_available(available)
        self.reports.set_available(available)
        # One long report job at a time: the Reports menu follows the dashboard's buttons.
        reports_free = available and not self.reports.busy
        for action in self.registry_actions.report_actions():
            action.setEnabled(reports_free)

    # --- import -------------------------------------------------------------------------------

    @property
    def ack_folder(self) -> AckFolder:
        return self._ack

    def import_files(self, paths: list[Path]) -> None:
        """Import ``paths``; the first time, ask where the acknowledgements go."""
        importer = self._importer
        if importer is None or not paths or self.is_locked or self._importing:
            return
        folder = self._ack.chosen() or self._ack.ask(self)
        if folder is None:
            self.import_panel.say(
                self.tr("Nothing was imported: choose a folder for the acknowledgements first.")
            )
            return
        self.import_panel.set_ack_folder(folder)
        files = list(paths)

        def work(progress: ProgressFn, cancelled: CancelledFn) -> list[ImportOutcome]:
            with translated_os_errors(folder):
                folder.mkdir(parents=True, exist_ok=True)
            return importer.import_files(files, folder, progress=progress, cancelled=cancelled)

        self._importing = True
        self.registry_actions.import_batches.setEnabled(False)
        self.import_panel.set_busy(True, self.tr("Importing %n batch file(s)…", "", len(files)))
        (
            Op(self, work)
            .with_progress(self.tr("Importing %n batch file(s)", "", len(files)))
            .success(lambda outcomes: self._on_imported(outcomes, folder, len(files)))
            .failure(self._on_import_failed)
            .finished(self._on_import_ended)
            .run()
        )

    def _on_imported(self, outcomes: list[ImportOutcome], folder: Path, asked: int) -> None:
        self.report.show_outcomes(outcomes, folder, not_done=asked - len(outcomes))
        self.import_panel.say("")
        self.queries.note_outcomes(outcomes)
        if any(outcome.status == IMPORTED for outcome in outcomes):
            self.reports.data_changed()
        self.import_finished.emit(outcomes)

    def _on_import_failed(self, exc: BaseException) -> None:
        self.import_panel.say(messages.describe(exc))
        messages.show_error(self, exc)

    def _on_import_ended(self) -> None:
        self._importing = False
        self.import_panel.set_busy(False)
        if not self.is_locked:
            self._set_store_available(self._centres is not None)
        self.reload()  # a refusal counts too: gaps and forks show in the table

    def _on_ack_folder_change_requested(self) -> None:
        folder = self._ack.ask(self)
        if folder is not None:
            self.import_panel.set_ack_folder(folder)

    def _on_reports_busy_changed(self, _busy: bool) -> None:
        if not self.is_locked:
            self._set_store_available(self._centres is not None)

    def _on_update_report_triggered(self) -> None:
        self.tabs.setCurrentWidget(self.reports)
        self.reports.update_report()

    # --- centres and keys ---------------------------------------------------------------------

    def _on_register_centre_triggered(self) -> None:
        if self._centres is not None:
            self.keys.ask_register_centre(self._centres)

    def ask_conflicts(self) -> ConflictsDialog | None:
        """Show the conflicting case versions that wait (the registry database is open)."""
        if self._centres is None:
            return None
        dialog = ConflictsDialog(ConflictService(self._ws, self._centres.store), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.conflict_settled.connect(lambda _conflict: self.reload())
        dialog.open()
        dialog.reload()
        return dialog

    def _on_centre_registered(self, status: CentreStatus) -> None:
        self.statusBar().showMessage(
            self.tr("Centre %1 registered.").replace("%1", status.code), 10_000
        )
        self.reload()

    # --- the lock -----------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._stack.currentWidget() is self._lock_page

    def lock(self) -> None:
        """Hide everything behind the lock page and ask for the password again."""
        if self.is_locked:
            return
        for dialog in self.findChildren(QDialog):
            # A report or export goes on behind the lock: its progress window shows no data,
            # and rejecting it would cancel an hour's export without a word.
            if dialog.isVisible() and not isinstance(dialog, ProgressDialog):
                dialog.reject()
        self._focus_before_lock = QApplication.focusWidget()
        self._stack.setCurrentWidget(self._lock_page)
        self._lock_page.show_saved(True)  # nothing is typed here that could be unsaved
        self._set_locked_controls(locked=True)
        self._idle.pause()
        log.info("registry window locked")
        self._ask_unlock()

    def _ask_unlock(self) -> None:
        dialog = UnlockDialog.for_relock(self._ws, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.switch_user_requested.connect(self.sign_out_requested)
        dialog.accepted.connect(self._on_unlocked)
        dialog.open()

    def _on_unlocked(self) -> None:
        self._stack.setCurrentWidget(self._main_page)
        self._set_locked_controls(locked=False)
        self._idle.resume()
        focus: QWidget | None = getattr(self, "_focus_before_lock", None)
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus()
        log.info("registry window unlocked")

    def _set_locked_controls(self, *, locked: bool) -> None:
        """While locked only Quit and Sign out stay usable (and the unlock itself)."""
        self.menuBar().setEnabled(not locked)
        self._tool_bar.setEnabled(not locked)
        for action in self.registry_actions.every():
            if action not in (self.registry_actions.quit, self.registry_actions.sign_out):
                action.setEnabled(not locked)
        if not locked:
            self._set_store_available(self._centres is not None)

    # --- closing ------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_done:
            self.finish()
        event.accept()

    def finish(self) -> None:
        """Wait for the worker, close the registry database; the start flow then closes the
        workspace."""
        if self._closing_done:
            return
        self._closing_done = True
        self._idle.stop()
        self.queries.finish()
        self.reports.finish()  # a report or export still running stops, leaving nothing
        if not wait_for_done():
            log.warning("the worker did not finish within the time allowed")
        for centres in self._opened:
            try:
                centres.store.close()
            except Exception as exc:  # closing is best effort; the process may be ending
                log.warning("registry database not closed cleanly: %s", type(exc).__name__)
        self._opened.clear()
        self._centres = self._importer = None
        self._settings.save_geometry(self, "registry_window")
        self.finished.emit()
