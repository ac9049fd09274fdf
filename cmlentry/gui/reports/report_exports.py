"""The dashboard's exports: the Excel workbook, the CSV files and the ODM file, each asked for
with a file dialog and written on the worker thread with progress and Cancel.

The files are the services' (:mod:`cmlentry.services.reports.workbook`, ``csv_export``,
``odm_export``): written atomically, never over an existing file, nothing left behind on a
failure or a Cancel. The workbook carries the report on screen when it was made with the
options chosen now and nothing was imported since; otherwise the report is made again first,
so a file never holds figures for other options than its Report sheet says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui import messages
from cmlentry.gui.settings import Settings
from cmlentry.gui.workers import CancelledFn, Op, ProgressFn
from cmlentry.services.reports.csv_export import CsvExport, write_csv
from cmlentry.services.reports.listing import CODES, LABELS, ValueStyle
from cmlentry.services.reports.odm_export import OdmExportResult, write_central_odm
from cmlentry.services.reports.registry_report import (
    RegistryReport,
    RegistryReportService,
    ReportOptions,
)
from cmlentry.services.reports.workbook import WorkbookExport, write_workbook

_LAST_FOLDER = "reports/last_folder"


@dataclass(frozen=True)
class CsvChoices:
    """How the CSV files are written."""

    style: ValueStyle
    delimiter: Literal[",", ";"]
    bom: bool


class CsvOptionsDialog(QDialog):
    """Codes or labels, comma or semicolon, with or without the byte-order mark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export CSV files"))
        values = QGroupBox(self.tr("Answers written as"), self)
        self.codes = QRadioButton(self.tr("&Codes (M, F, UNK): for R, Stata, SAS"), values)
        self.labels = QRadioButton(self.tr("&Labels (male, female, unknown): to read"), values)
        self.codes.setChecked(True)
        box = QVBoxLayout(values)
        box.addWidget(self.codes)
        box.addWidget(self.labels)
        separators = QGroupBox(self.tr("Separator"), self)
        self.comma = QRadioButton(self.tr("C&omma"), separators)
        self.semicolon = QRadioButton(
            self.tr("&Semicolon (Excel with a European number format)"), separators
        )
        self.comma.setChecked(True)
        box = QVBoxLayout(separators)
        box.addWidget(self.comma)
        box.addWidget(self.semicolon)
        self.bom = QCheckBox(
            self.tr("Start each file with a &byte-order mark (Excel on Windows reads accents)"),
            self,
        )
        self.bom.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose a &folder…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (values, separators, self.bom, buttons):
            layout.addWidget(widget)

    def choices(self) -> CsvChoices:
        return CsvChoices(
            style=LABELS if self.labels.isChecked() else CODES,
            delimiter=";" if self.semicolon.isChecked() else ",",
            bom=self.bom.isChecked(),
        )


def free_name(folder: Path, stem: str, suffix: str = "") -> Path:
    """``folder/stem+suffix``, or ``stem (2)+suffix``, … : the first that does not exist."""
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate


def default_stem(today: dt.date | None = None) -> str:
    return f"registry-report-{(today or dt.date.today()).isoformat()}"


class ReportExports(QObject):
    """Asks where, then writes; says what was written (a QObject: ``self.tr`` and signals)."""

    written = Signal(object)
    """An export ended: the ``WorkbookExport``, ``CsvExport`` or ``OdmExportResult``."""
    report_made = Signal(object)
    """The workbook export made the report again first (the new ``RegistryReport``)."""
    busy_changed = Signal(bool)

    def __init__(self, window: QWidget, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def _folder(self) -> Path:
        value = self._settings.qsettings.value(_LAST_FOLDER, "")
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
        return Path.home()

    def _remember(self, folder: Path) -> None:
        self._settings.qsettings.setValue(_LAST_FOLDER, str(folder))

    # --- asking -----------------------------------------------------------------------------

    def ask_excel(
        self, service: RegistryReportService, options: ReportOptions, report: RegistryReport | None
    ) -> None:
        """Ask for the workbook's name, then write it (with ``report`` if it is current)."""
        name, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export the report to Excel"),
            str(free_name(self._folder(), default_stem(), ".xlsx")),
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if name:
            path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
            self.write_excel(service, options, report, path)

    def ask_csv(self, service: RegistryReportService, options: ReportOptions) -> None:
        """Ask how and where, then write the CSV files into a new folder there."""
        dialog = CsvOptionsDialog(self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = QFileDialog.getExistingDirectory(
            self._window, self.tr("Folder to hold the CSV folder"), str(self._folder())
        )
        if chosen:
            target = free_name(Path(chosen), default_stem() + "-csv")
            self.write_csv(service, options, dialog.choices(), target)

    def ask_odm(self, service: RegistryReportService, options: ReportOptions) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export the registry's data as CDISC ODM"),
            str(free_name(self._folder(), default_stem(), ".odm.xml")),
            self.tr("CDISC ODM files (*.xml)"),
        )
        if name:
            path = Path(name) if name.lower().endswith(".xml") else Path(name + ".odm.xml")
            self.write_odm(service, options, path)

    # --- writing ----------------------------------------------------------------------------

    def write_excel(
        self,
        service: RegistryReportService,
        options: ReportOptions,
        report: RegistryReport | None,
        path: Path,
    ) -> None:
        """Write the workbook to ``path``: listings, codebook and the report with its charts."""
        remade: list[RegistryReport] = []

        def work(progress: ProgressFn, cancelled: CancelledFn) -> WorkbookExport:
            current, offset = report, 0
            if current is None:  # two phases on one bar: reading for the report, then writing
                current = service.build(
                    options, progress=lambda d, t: progress(d, 2 * t), cancelled=cancelled
                )
                remade.append(current)
                offset = current.patients
            total = offset + current.patients
            records = (c.record for c in service.records(centres=options.centres))
            return write_workbook(
                path,
                records,
                service.definition,
                report=current,
                progress=lambda done, _all: progress(offset + done, total),
                cancelled=cancelled,
            )

        def done(result: WorkbookExport) -> None:
            if remade:
                self.report_made.emit(remade[0])
            self._said(
                self.tr("Excel workbook written"),
                self.tr(
                    "%1 was written: %2 cases, %3 sheets (report, charts, one listing per "
                    "form, codebook)."
                )
                .replace("%1", str(result.path))
                .replace("%2", str(result.cases))
                .replace("%3", str(len(result.sheets)))
                + self._cells_note(result.neutralised_cells, result.replaced_characters)
                + self._cut_note(result.truncated_cells),
            )
            self.written.emit(result)

        self._run(work, self.tr("Writing the Excel workbook"), path.parent, done)

    def write_csv(
        self,
        service: RegistryReportService,
        options: ReportOptions,
        choices: CsvChoices,
        target: Path,
    ) -> None:
        """Write one CSV file per form and repeating group, and the codebook, into ``target``."""

        def work(progress: ProgressFn, cancelled: CancelledFn) -> CsvExport:
            records = (c.record for c in service.records(centres=options.centres))
            return write_csv(
                target,
                records,
                service.definition,
                style=choices.style,
                bom=choices.bom,
                delimiter=choices.delimiter,
                progress=progress,
                cancelled=cancelled,
            )

        def done(result: CsvExport) -> None:
            self._said(
                self.tr("CSV files written"),
                self.tr("%1 files were written to %2 for %3 cases (the codebook describes them).")
                .replace("%1", str(len(result.files)))
                .replace("%2", str(result.folder))
                .replace("%3", str(result.cases))
                + self._cells_note(result.neutralised_cells, result.replaced_characters),
            )
            self.written.emit(result)

        self._run(work, self.tr("Writing the CSV files"), target.parent, done)

    def write_odm(self, service: RegistryReportService, options: ReportOptions, path: Path) -> None:
        """Write the registry's current data (the centres chosen) as one ODM 1.3.2 file."""

        def work(progress: ProgressFn, cancelled: CancelledFn) -> OdmExportResult:
            return write_central_odm(
                service, path, centres=options.centres, progress=progress, cancelled=cancelled
            )

        def done(result: OdmExportResult) -> None:
            self._said(
                self.tr("ODM file written"),
                self.tr(
                    "%1 was written: %2 cases from %3 centres, %4 signed by their PI, %5 queries."
                )
                .replace("%1", str(result.path))
                .replace("%2", str(result.cases))
                .replace("%3", str(len(result.centres)))
                .replace("%4", str(result.signed))
                .replace("%5", str(result.queries)),
            )
            self.written.emit(result)

        self._run(work, self.tr("Writing the ODM file"), path.parent, done)

    # --- shared -----------------------------------------------------------------------------

    def _cells_note(self, neutralised: int, replaced: int) -> str:
        text = ""
        if neutralised:
            text += " " + self.tr(
                "%n text(s) that a spreadsheet would run as a formula are kept as text.",
                "",
                neutralised,
            )
        if replaced:
            text += " " + self.tr(
                "%n character(s) a file cannot carry were replaced by �.", "", replaced
            )
        return text

    def _cut_note(self, truncated: int) -> str:
        if not truncated:
            return ""
        return " " + self.tr(
            "%n text(s) longer than an Excel cell holds were cut and end in “…”.", "", truncated
        )

    def _said(self, title: str, text: str) -> None:
        messages.inform(self._window, title, text)

    def _run(
        self,
        work: Callable[[ProgressFn, CancelledFn], object],
        title: str,
        folder: Path,
        done: Callable[..., None],
    ) -> None:
        if self._busy:
            return
        self._set_busy(True)
        self._remember(folder)
        (
            Op(self._window, work)
            .with_progress(title)
            .success(done)
            .finished(lambda: self._set_busy(False))
            .run()
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)
