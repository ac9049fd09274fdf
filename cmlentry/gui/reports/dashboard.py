"""The coordinator's dashboard: the registry report on screen, its pictures, and its exports.

The *Reports* tab of the registry window. Above, the report's options
(:class:`ReportOptionsBar`), *Update report* and the export buttons; on the left the pages
(overview, patients, imatinib, responses, progression-free survival); on the right the page.

The report is made on the worker thread (:class:`RegistryReportService`, progress and Cancel)
the first time the tab is shown, and again when the coordinator presses *Update report*. It is
not made again by itself when an option changes or a batch is imported (at 100,000 cases a
report takes a minute or more); a yellow line says why the figures on screen are out of date
instead, so a figure is never shown for other options than the ones printed beside it.

The pages import matplotlib (about a third of a second), so they are built the first time a
report arrives, not when the window opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.reports.report_exports import ReportExports
from cmlentry.gui.reports.report_options import ReportOptionsBar
from cmlentry.gui.settings import Settings
from cmlentry.gui.workers import CancelledFn, Op, ProgressFn
from cmlentry.services.reports.registry_report import (
    RegistryReport,
    RegistryReportService,
)

if TYPE_CHECKING:
    from cmlentry.gui.reports.report_page import ReportPage

STALE_STYLE = "background: #fff4c2; color: #3d3000; padding: 4px; border-radius: 3px;"


class ReportDashboard(QWidget):
    """The report, its pictures and its exports, over one registry's central store."""

    report_shown = Signal(object)
    """A report is on screen (the :class:`RegistryReport`)."""
    said = Signal(str)
    """A sentence for the status bar: what was just done."""
    busy_changed = Signal(bool)
    """A report is being made or an export written (True), or neither any more (False)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_dashboard")
        self._service: RegistryReportService | None = None
        self._report: RegistryReport | None = None
        self._imported_since = False
        self._building = False
        self._build: Op[RegistryReport] | None = None
        self._asked_once = False  # the report is made by itself only the first time
        self._available = False
        self.pages: list[ReportPage] = []

        self.options = ReportOptionsBar(self)
        self.exports = ReportExports(self, settings)
        buttons = self._make_buttons()

        self.status = QLabel(self)
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.nav = QListWidget(self)
        self.nav.setObjectName("report_pages")
        self.nav.setAccessibleName(self.tr("Report pages"))
        self.nav.setMaximumWidth(240)
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack.addWidget(self.placeholder)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.options)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        self.options.changed.connect(self._show_state)
        self.update_button.clicked.connect(self.update_report)
        self.excel_button.clicked.connect(self.export_excel)
        self.csv_button.clicked.connect(self.export_csv)
        self.odm_button.clicked.connect(self.export_odm)
        self.exports.busy_changed.connect(self._on_exports_busy_changed)
        self.exports.report_made.connect(self._show_report)
        self.nav.currentRowChanged.connect(self._on_page_chosen)
        self._show_state()

    def _make_buttons(self) -> QHBoxLayout:
        """*Update report* on the left, the three exports on the right."""
        self.update_button = QPushButton(self.tr("&Update report"), self)
        self.update_button.setObjectName("report_update")
        self.update_button.setToolTip(
            self.tr("Make the report again from the registry's data, with the options above")
        )
        self.excel_button = QPushButton(self.tr("E&xcel…"), self)
        self.excel_button.setToolTip(
            self.tr("The report, its charts, one listing per form and the codebook, in a workbook")
        )
        self.csv_button = QPushButton(self.tr("C&SV…"), self)
        self.csv_button.setToolTip(
            self.tr("One CSV file per form and repeating group, and the codebook")
        )
        self.odm_button = QPushButton(self.tr("O&DM…"), self)
        self.odm_button.setToolTip(
            self.tr("The registry's current data as one CDISC ODM 1.3.2 file")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.update_button)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("Export:"), self))
        for button in (self.excel_button, self.csv_button, self.odm_button):
            buttons.addWidget(button)
        return buttons

    # --- the window's calls -----------------------------------------------------------------

    def start(self, service: RegistryReportService) -> None:
        """The registry database is open: make the report now if the tab is in view."""
        self._service = service
        self._enable()
        self._show_state()
        if self.isVisible() and not self._asked_once:
            self.update_report()

    def set_centres(self, codes: list[str]) -> None:
        self.options.set_centres(codes)

    def set_available(self, available: bool) -> None:
        """Whether the registry database may be used now (open, not locked)."""
        self._available = available
        self._enable()

    @property
    def busy(self) -> bool:
        """A report is being made or an export written: the others wait."""
        return self._building or self.exports.busy

    def finish(self) -> None:
        """The window is closing: stop what runs (nothing is kept of it), forget the store."""
        if self._build is not None:
            self._build.cancel()
        self.exports.cancel()
        self._service = None

    def data_changed(self) -> None:
        """Batches were imported: the figures on screen may be out of date."""
        if self._report is not None:
            self._imported_since = True
            self._show_state()

    @property
    def service(self) -> RegistryReportService | None:
        """The registry's report service, once the registry database is open."""
        return self._service

    @property
    def report(self) -> RegistryReport | None:
        """The report on screen."""
        return self._report

    def is_current(self) -> bool:
        """The report on screen was made with the options chosen now, from today's data."""
        return (
            self._report is not None
            and not self._imported_since
            and self._report.options == self.options.options()
        )

    # --- making the report ------------------------------------------------------------------

    def update_report(self) -> None:
        """Make the report with the options chosen now, on the worker thread."""
        service = self._service
        if service is None or self._building or not self._available:
            return
        options = self.options.options()

        def work(progress: ProgressFn, cancelled: CancelledFn) -> RegistryReport:
            return service.build(options, progress=progress, cancelled=cancelled)

        self._asked_once = True
        self._building = True
        self._enable()
        self._show_state()
        self.busy_changed.emit(True)
        build: Op[RegistryReport] = (
            Op(self, work)
            .with_progress(self.tr("Making the registry report"))
            .success(self._show_report)
            .finished(self._on_build_ended)
        )
        self._build = build
        build.run()

    def _on_build_ended(self) -> None:
        self._build = None
        self._building = False
        self._enable()
        self._show_state()
        self.busy_changed.emit(self.busy)

    def _on_exports_busy_changed(self, _busy: bool) -> None:
        self._enable()
        self.busy_changed.emit(self.busy)

    def _show_report(self, report: RegistryReport) -> None:
        if not self.pages:
            self._build_pages()
        self._report = report
        self._imported_since = False
        for page in self.pages:
            page.set_report(report)
        if self.stack.currentWidget() is self.placeholder:
            self.nav.setCurrentRow(0)
            self.stack.setCurrentWidget(self.pages[0])
        self._show_state()
        self.report_shown.emit(report)

    def _build_pages(self) -> None:
        # Imported here: the pages bring matplotlib, paid for when a report is first shown.
        from cmlentry.gui.reports.endpoint_pages import EndpointsPage, SurvivalPage
        from cmlentry.gui.reports.plot_canvas import PlotWidget
        from cmlentry.gui.reports.registry_pages import OverviewPage, PatientsPage, TreatmentPage

        self.pages = [
            OverviewPage(self),
            PatientsPage(self),
            TreatmentPage(self),
            EndpointsPage(self),
            SurvivalPage(self),
        ]
        for page in self.pages:
            self.stack.addWidget(page)
            self.nav.addItem(page.title)
            for plot in page.findChildren(PlotWidget):
                plot.picture_saved.connect(self._on_picture_saved)

    def _on_picture_saved(self, path: object) -> None:
        self.said.emit(self.tr("Picture saved to %1.").replace("%1", str(path)))

    def _on_page_chosen(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.stack.setCurrentWidget(self.pages[row])

    def show_page(self, number: int) -> ReportPage:
        self.nav.setCurrentRow(number)
        return self.pages[number]

    # --- exports ----------------------------------------------------------------------------

    def export_excel(self) -> None:
        if self._service is not None and self._available:
            report = self._report if self.is_current() else None
            self.exports.ask_excel(self._service, self.options.options(), report)

    def export_csv(self) -> None:
        if self._service is not None and self._available:
            self.exports.ask_csv(self._service, self.options.options())

    def export_odm(self) -> None:
        if self._service is not None and self._available:
            self.exports.ask_odm(self._service, self.options.options())

    # --- state ------------------------------------------------------------------------------

    def _enable(self) -> None:
        ready = self._service is not None and self._available
        idle = not self._building and not self.exports.busy
        self.update_button.setEnabled(ready and idle)
        for button in (self.excel_button, self.csv_button, self.odm_button):
            button.setEnabled(ready and idle)
        self.options.set_enabled(not self._building)

    def _show_state(self) -> None:
        """Say what is on screen, and why it is out of date if it is."""
        report = self._report
        stale = ""
        if report is None:
            if self._service is None:
                self.placeholder.setText(self.tr("The registry database is not open yet."))
            elif self._building:
                self.placeholder.setText(self.tr("Making the report…"))
            else:
                self.placeholder.setText(
                    self.tr("Press “Update report” to make the report from the registry's data.")
                )
            self.status.setText("")
            self.status.setStyleSheet("")
            return
        made = self.tr("Report made at %1 (UTC) over %n patient(s).", "", report.patients).replace(
            "%1", report.generated_at.replace("T", " ")[:16]
        )
        if self._building:
            stale = self.tr("Making the report again…")
        elif report.options != self.options.options():
            stale = self.tr(
                "The figures below were made with other options than those chosen above. Press "
                "“Update report” to see the figures for these options."
            )
        elif self._imported_since:
            stale = self.tr(
                "Batches were imported after this report was made. Press “Update report” to "
                "count them."
            )
        self.status.setText(f"{made} {stale}".strip())
        self.status.setStyleSheet(STALE_STYLE if stale else "")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._asked_once and self._service is not None:
            self.update_report()
