"""The dashboard's exports: the Excel workbook, the CSV files and the ODM file, each asked for
with a file dialog and written on the worker thread with progress and Cancel.

The files are written by :func:`cmlentry.services.reports.registry_export.write_export`, as
``cmlentry report`` writes them: atomically, never over an existing file, nothing left behind on
a failure or a Cancel. The workbook carries the report on screen when it was made with the
options chosen now and nothing was imported since; otherwise the report is made again first,
so a file never holds figures for other options than its Report sheet says. An export covers
the centres chosen above the dashboard, and says so.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
from cmlentry.services.reports.csv_export import CsvExport
from cmlentry.services.reports.listing import CODES, LABELS, ValueStyle
from cmlentry.services.reports.odm_export import OdmExportResult
from cmlentry.services.reports.registry_export import (
    ExportChoices,
    ExportFormat,
    Written,
    default_name,
    write_export,
)
from cmlentry.services.reports.registry_report import (
    RegistryReport,
    RegistryReportService,
    ReportOptions,
)
from cmlentry.services.reports.workbook import WorkbookExport

_LAST_FOLDER = "reports/last_folder"
_SUFFIXES = {ExportFormat.XLSX: ".xlsx", ExportFormat.CSV: "", ExportFormat.ODM: ".odm.xml"}
_NO_REPLACE = QFileDialog.Option.DontConfirmOverwrite  # the export never replaces: it says so


class ExportOptionsDialog(QDialog):
    """Codes or labels; for CSV also comma or semicolon, with or without the byte-order mark."""

    def __init__(self, fmt: ExportFormat, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._format = fmt
        csv = fmt is ExportFormat.CSV
        self.setWindowTitle(self.tr("Export CSV files") if csv else self.tr("Export to Excel"))
        values = QGroupBox(self.tr("Answers written as"), self)
        self.codes = QRadioButton(self.tr("&Codes (M, F, UNK): for R, Stata, SAS"), values)
        self.labels = QRadioButton(self.tr("&Labels (male, female, unknown): to read"), values)
        (self.codes if csv else self.labels).setChecked(True)  # a workbook is mostly read
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
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Choose a &folder…") if csv else self.tr("Choose a &file…")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(values)
        if csv:
            layout.addWidget(separators)
            layout.addWidget(self.bom)
        else:
            separators.hide()
            self.bom.hide()
        layout.addWidget(buttons)

    def choices(self) -> ExportChoices:
        return ExportChoices(
            format=self._format,
            style=LABELS if self.labels.isChecked() else CODES,
            delimiter=";" if self.semicolon.isChecked() else ",",
            bom=self.bom.isChecked(),
        )


def free_name(folder: Path, fmt: ExportFormat, today: dt.date | None = None) -> Path:
    """The export's default name in ``folder``, or ``… (2)``, … : the first that is free."""
    suffix = _SUFFIXES[fmt]
    name = default_name(fmt, today or dt.date.today())
    stem = name.removesuffix(suffix)
    candidate, number = folder / name, 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate


class ReportExports(QObject):
    """Asks where, then writes; says what was written (a QObject: ``self.tr`` and signals)."""

    written = Signal(object)
    """An export ended: the ``WorkbookExport``, ``CsvExport`` or ``OdmExportResult``."""
    report_made = Signal(object)
    """The workbook export made the report again first (the new ``RegistryReport``)."""
    busy_changed = Signal(bool)
    """An export started (True) or ended (False): one at a time."""

    def __init__(self, window: QWidget, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._busy = False
        self._op: Op[Written] | None = None

    @property
    def busy(self) -> bool:
        return self._busy

    def cancel(self) -> None:
        """Stop the export running (the window is closing): nothing is left of it."""
        if self._op is not None:
            self._op.cancel()

    def _folder(self) -> Path:
        value = self._settings.qsettings.value(_LAST_FOLDER, "")
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
        return Path.home()

    # --- asking -----------------------------------------------------------------------------

    def ask_excel(
        self, service: RegistryReportService, options: ReportOptions, report: RegistryReport | None
    ) -> None:
        """Ask codes or labels and the workbook's name, then write it (with ``report`` if it is
        current)."""
        if self._busy:
            return
        dialog = ExportOptionsDialog(ExportFormat.XLSX, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export the report to Excel"),
            str(free_name(self._folder(), ExportFormat.XLSX)),
            self.tr("Excel workbooks (*.xlsx)"),
            options=_NO_REPLACE,
        )
        if name:
            path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
            self.write_excel(service, options, report, path, style=dialog.choices().style)

    def ask_csv(self, service: RegistryReportService, options: ReportOptions) -> None:
        """Ask how and where, then write the CSV files into a new folder there."""
        if self._busy:
            return
        dialog = ExportOptionsDialog(ExportFormat.CSV, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = QFileDialog.getExistingDirectory(
            self._window, self.tr("Folder to hold the CSV folder"), str(self._folder())
        )
        if chosen:
            target = free_name(Path(chosen), ExportFormat.CSV)
            self.write_csv(service, options, dialog.choices(), target)

    def ask_odm(self, service: RegistryReportService, options: ReportOptions) -> None:
        """Ask for the ODM file's name, then write it."""
        if self._busy:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export the registry's data as CDISC ODM"),
            str(free_name(self._folder(), ExportFormat.ODM)),
            self.tr("CDISC ODM files (*.xml)"),
            options=_NO_REPLACE,
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
        *,
        style: ValueStyle = CODES,
    ) -> None:
        """Write the workbook to ``path``: listings, codebook and the report with its charts."""
        self._start(
            service, options, report, path, ExportChoices(ExportFormat.XLSX, style=style),
            self.tr("Writing the Excel workbook"),
        )  # fmt: skip

    def write_csv(
        self,
        service: RegistryReportService,
        options: ReportOptions,
        choices: ExportChoices,
        target: Path,
    ) -> None:
        """Write one CSV file per form and repeating group, and the codebook, into ``target``."""
        self._start(service, options, None, target, choices, self.tr("Writing the CSV files"))

    def write_odm(self, service: RegistryReportService, options: ReportOptions, path: Path) -> None:
        """Write the registry's current data (the centres chosen) as one ODM 1.3.2 file."""
        self._start(
            service, options, None, path, ExportChoices(ExportFormat.ODM),
            self.tr("Writing the ODM file"),
        )  # fmt: skip

    def _start(
        self,
        service: RegistryReportService,
        options: ReportOptions,
        report: RegistryReport | None,
        target: Path,
        choices: ExportChoices,
        title: str,
    ) -> None:
        if self._busy:
            return
        remade: list[RegistryReport] = []
        needs_report = choices.format is ExportFormat.XLSX and report is None

        def work(progress: ProgressFn, cancelled: CancelledFn) -> Written:
            # One bar for up to two phases: reading for the report, then writing the file.
            current, offset, total = report, 0, [0]
            if needs_report:
                current = service.build(
                    options, progress=lambda d, t: progress(d, 2 * t), cancelled=cancelled
                )
                remade.append(current)
                offset = total[0] = current.patients

            def counted(_done: int, cases: int) -> None:
                total[0] = offset + cases

            return write_export(
                service,
                target,
                choices,
                centres=options.centres,
                report=current,
                progress=lambda done, _all: progress(offset + done, max(total[0], offset + done)),
                counted=counted,
                cancelled=cancelled,
            )

        def done(result: Written) -> None:
            if remade:
                self.report_made.emit(remade[0])
            self._said(result, options)
            self.written.emit(result)

        self._set_busy(True)
        self._settings.qsettings.setValue(_LAST_FOLDER, str(target.parent))
        op: Op[Written] = (
            Op(self._window, work).with_progress(title).success(done).finished(self._on_ended)
        )
        self._op = op
        op.run()

    def _on_ended(self) -> None:
        self._op = None
        self._set_busy(False)

    def _said(self, result: Written, options: ReportOptions) -> None:
        """Say what was written, for which centres, and what had to change in it."""
        if isinstance(result, WorkbookExport):
            title = self.tr("Excel workbook written")
            text = (
                self.tr(
                    "%1 was written: %2 cases, %3 sheets (report, charts, one listing per "
                    "form, codebook)."
                )
                .replace("%1", str(result.path))
                .replace("%2", str(result.cases))
                .replace("%3", str(len(result.sheets)))
            )
            text += self._cells_note(result.neutralised_cells, result.replaced_characters)
            text += self._cut_note(result.truncated_cells)
        elif isinstance(result, CsvExport):
            title = self.tr("CSV files written")
            text = (
                self.tr("%1 files were written to %2 for %3 cases (the codebook describes them).")
                .replace("%1", str(len(result.files)))
                .replace("%2", str(result.folder))
                .replace("%3", str(result.cases))
            )
            text += self._cells_note(result.neutralised_cells, result.replaced_characters)
        else:
            assert isinstance(result, OdmExportResult)
            title = self.tr("ODM file written")
            text = (
                self.tr(
                    "%1 was written: %2 cases from %3 centres, %4 signed by their PI, %5 queries."
                )
                .replace("%1", str(result.path))
                .replace("%2", str(result.cases))
                .replace("%3", str(len(result.centres)))
                .replace("%4", str(result.signed))
                .replace("%5", str(result.queries))
            )
        if options.centres:
            text += " " + self.tr("Only centre %1, as chosen above the report.").replace(
                "%1", ", ".join(options.centres)
            )
        messages.inform(self._window, title, text)

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

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)
