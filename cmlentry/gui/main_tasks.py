"""The main window's long tasks: workbooks, backups, and the batches for the registry.

Each asks for a file or folder, runs the service through :class:`Op` on the worker thread with a
progress bar and Cancel, and ends with one sentence saying what happened. A failure is shown by
:mod:`messages` and leaves the workspace as it was (the services guarantee it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from cmlentry.gui.batches import BatchesDialog, ExportWizard, read_acknowledgement
from cmlentry.gui.messages import inform
from cmlentry.gui.settings import Settings
from cmlentry.gui.workers import CancelledFn, Op, ProgressFn
from cmlentry.services.desk import Desk
from cmlentry.services.maintenance import BackupResult
from cmlentry.services.spreadsheet import (
    DEFAULT_TEMPLATE_NAME,
    ImportReport,
    import_workbook,
    write_template,
)


class MainTasks(QObject):
    """Runs the window's long tasks; ``reload_cases`` refreshes the case list afterwards."""

    def __init__(
        self,
        window: QWidget,
        desk: Desk,
        reload_cases: Callable[[], None],
        settings: Settings | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._desk = desk
        self._reload_cases = reload_cases
        self._settings = settings

    # --- batches for the registry -------------------------------------------------------------

    def export_batch(self) -> None:
        wizard = ExportWizard(self._desk.exports, parent=self._window, settings=self._settings)
        wizard.batch_made.connect(self._on_wizard_batch_made)
        _open(wizard)

    def show_batches(self) -> None:
        _open(BatchesDialog(self._desk.exports, parent=self._window, settings=self._settings))

    def read_ack(self) -> None:
        read_acknowledgement(
            self._window,
            self._desk.acks,
            settings=self._settings,
            on_read=self._on_ack_read,
        )

    def _on_wizard_batch_made(self, _sequence: int) -> None:
        self._reload_cases()

    def _on_ack_read(self, _result: object) -> None:
        self._reload_cases()

    def _workbooks(self) -> str:
        return self.tr("Excel workbooks (*.xlsx)")

    # --- import -----------------------------------------------------------------------------------

    def import_workbook(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Import cases from a workbook"), "", self._workbooks()
        )
        if name:
            self.run_import(Path(name))

    def run_import(self, path: Path) -> None:
        ws = self._desk.ws

        def work(progress: ProgressFn, cancelled: CancelledFn) -> ImportReport:
            return import_workbook(ws, path, progress=progress, cancelled=cancelled)

        (
            Op(self._window, work)
            .with_progress(self.tr("Importing %1").replace("%1", path.name))
            .success(self._on_import_succeeded)
            .run()
        )

    def _on_import_succeeded(self, report: ImportReport) -> None:
        self._reload_cases()
        count = len(report.cases)
        text = self.tr("%n case(s) created from the workbook, as drafts.", "", count)
        if report.cases_with_findings:
            text += " " + self.tr(
                "%n of them have errors or warnings to look at: tick “Only with open errors or "
                "warnings” in the list to see them.",
                "",
                report.cases_with_findings,
            )
        inform(self._window, self.tr("Import finished"), text)

    # --- template ---------------------------------------------------------------------------------

    def write_template(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Save an empty entry workbook"),
            DEFAULT_TEMPLATE_NAME,
            self._workbooks(),
        )
        if not name:
            return
        path = Path(name)
        definition = self._desk.cases.definition
        (
            Op(self._window, lambda _p, _c: write_template(definition, path))
            .success(lambda _summary: self._say(self.tr("Entry workbook saved: %1"), path))
            .run()
        )

    # --- backup -----------------------------------------------------------------------------------

    def backup(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window, self.tr("Choose where to write the backup (another disk)")
        )
        if folder:
            self.run_backup(Path(folder))

    def run_backup(self, destination: Path) -> None:
        maintenance = self._desk.maintenance

        def work(progress: ProgressFn, cancelled: CancelledFn) -> BackupResult:
            return maintenance.backup(destination, progress=progress, cancelled=cancelled)

        (
            Op(self._window, work)
            .with_progress(self.tr("Backing up the workspace"))
            .success(self._on_backup_succeeded)
            .run()
        )

    def _on_backup_succeeded(self, result: BackupResult) -> None:
        self._say(self.tr("Backup written and checked: %1"), result.path)

    def _say(self, template: str, path: Path) -> None:
        inform(self._window, self.tr("Done"), template.replace("%1", str(path)))


def _open(dialog: QDialog) -> None:
    """Window-modal, deleted when closed (as the window's other dialogs)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
