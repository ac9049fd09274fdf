"""The coordinator's dashboard over a real registry: three batches of a real site imported
through the window, the report made on the worker thread, its pages, its options, its exports.

The figures are the service's (tested in tests/services/reports/); here the question is whether
the dashboard shows the report it was given, for the options it says, and writes the files it
offers. The fixture's site sent three complete cases, so three patients are counted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from defusedxml import ElementTree
from openpyxl import load_workbook
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from cmlentry.domain.survival import CiType
from cmlentry.gui import workers
from cmlentry.gui.progress_dialog import ProgressDialog
from cmlentry.gui.reports.dashboard import ReportDashboard
from cmlentry.gui.reports.endpoint_pages import EndpointsPage, SurvivalPage
from cmlentry.gui.reports.registry_pages import OverviewPage, PatientsPage, TreatmentPage
from cmlentry.gui.reports.report_exports import ExportOptionsDialog, free_name
from cmlentry.gui.reports.report_table import cell_text
from cmlentry.gui.reports.report_words import ci_words, event_set_words
from cmlentry.services.reports.listing import LABELS
from cmlentry.services.reports.pfs import EventSet
from cmlentry.services.reports.registry_export import ExportChoices, ExportFormat
from cmlentry.services.reports.registry_report import RegistryReport
from tests.gui.registry.conftest import Batches, Opened, close_window, open_window

SITE = "FR-086"
TODAY = dt.date(2026, 11, 21)
ODM_NS = "{http://www.cdisc.org/ns/odm/v1.3}"


@pytest.fixture(autouse=True)
def _boxes_closed() -> Iterator[None]:
    """Every export ends with a message box: closed after each test, as a person would."""
    yield
    _close_boxes()


def _opened_with(qtbot: QtBot, batches: Batches, tmp_path: Path, files: list[Path]) -> Opened:
    made = open_window(qtbot, batches.world.registry(), tmp_path)
    with qtbot.waitSignal(made.window.import_finished, timeout=60_000):
        made.window.import_files(files)
    qtbot.waitUntil(lambda: workers.pending() == 0, timeout=20_000)
    return made


@pytest.fixture
def imported(qtbot: QtBot, batches: Batches, tmp_path: Path) -> Iterator[Opened]:
    """The registry window after the three batches were imported, Reports tab not yet shown."""
    made = _opened_with(qtbot, batches, tmp_path, batches.files)
    yield made
    close_window(made)


@pytest.fixture
def two_imported(qtbot: QtBot, batches: Batches, tmp_path: Path) -> Iterator[Opened]:
    """The same after batches 1 and 2 only: batch 3 is still to come."""
    made = _opened_with(qtbot, batches, tmp_path, batches.files[:2])
    yield made
    close_window(made)


def _shown(qtbot: QtBot, opened: Opened) -> tuple[ReportDashboard, RegistryReport]:
    """Bring the Reports tab to the front and wait for the report it makes."""
    dashboard = opened.window.reports
    assert dashboard.report is None, "nothing is computed before the tab is shown"
    with qtbot.waitSignal(dashboard.report_shown, timeout=60_000) as shown:
        opened.window.registry_actions.show_reports.trigger()
    report = shown.args[0]
    assert isinstance(report, RegistryReport)
    return dashboard, report


def _update(qtbot: QtBot, dashboard: ReportDashboard) -> RegistryReport:
    with qtbot.waitSignal(dashboard.report_shown, timeout=60_000) as shown:
        dashboard.update_button.click()
    report = shown.args[0]
    assert isinstance(report, RegistryReport)
    return report


def test_the_report_is_made_when_the_tab_is_first_shown(qtbot: QtBot, imported: Opened) -> None:
    dashboard, report = _shown(qtbot, imported)
    assert report.patients == 3  # the three cases the site sent, accepted
    assert [type(p) for p in dashboard.pages] == [
        OverviewPage, PatientsPage, TreatmentPage, EndpointsPage, SurvivalPage,
    ]  # fmt: skip
    overview = dashboard.pages[0]
    assert isinstance(overview, OverviewPage)
    assert dashboard.stack.currentWidget() is overview
    assert overview.patients.value.text() == "3"
    assert overview.centre_table.texts() == [
        [c.code, c.country, c.name, cell_text(c.patients)] for c in report.centres
    ]
    assert [row[0] for row in overview.centre_table.texts()] == [SITE]
    made = report.generated_at.replace("T", " ")[:16]  # the source text: no catalogue here
    assert dashboard.status.text() == f"Report made at {made} (UTC) over 3 patient(s)."
    assert dashboard.status.styleSheet() == ""  # up to date: no yellow line

    patients = dashboard.show_page(1)
    assert isinstance(patients, PatientsPage)
    sex = report.tables.sex
    assert [row[:2] for row in patients.sex.texts()] == [
        [r.label, cell_text(r.of_all.count)] for r in sex.rows
    ]
    assert (
        sum(r.of_all.count for r in sex.rows) + sum(len(x.registry_ids) for x in sex.left_out)
        == report.patients
    )
    reasons = patients.reasons.texts()
    assert [row[0] for row in reasons[:-1]] == [r.label for r in report.tables.reasons.overall.rows]
    assert reasons[-1][1] == "3"  # the column's patients, the denominator of its percentages
    patients.grouping.setCurrentIndex(patients.grouping.findData("centre"))
    assert patients.reasons.model.headerData(3, Qt.Orientation.Horizontal) == f"{SITE} n"

    survival = dashboard.show_page(4)
    assert isinstance(survival, SurvivalPage)
    assert event_set_words(report.options.event_set) in survival.caption.text()
    assert ci_words(CiType.PLAIN) in survival.caption.text()
    marks = report.endpoints.pfs.landmarks
    assert [row[0] for row in survival.landmarks.texts()] == [
        QLocale().toString(m.time) for m in marks
    ]


def test_changed_options_are_said_out_of_date_until_updated(qtbot: QtBot, imported: Opened) -> None:
    dashboard, first = _shown(qtbot, imported)
    options = dashboard.options
    options.ci.setCurrentIndex(options.ci.findData(CiType.LOG_LOG.value))
    options.event_set.setCurrentIndex(options.event_set.findData(EventSet.AP_BC_DEATH.value))
    assert dashboard.report is first, "changing an option computes nothing by itself"
    assert "other options" in dashboard.status.text()
    assert dashboard.status.styleSheet() != ""
    assert not dashboard.is_current()

    second = _update(qtbot, dashboard)
    assert second.options.ci is CiType.LOG_LOG
    assert second.options.event_set is EventSet.AP_BC_DEATH
    assert second.endpoints.pfs.ci is CiType.LOG_LOG
    survival = dashboard.pages[4]
    assert ci_words(CiType.LOG_LOG) in survival.caption.text()
    assert event_set_words(EventSet.AP_BC_DEATH) in survival.caption.text()
    assert "other options" not in dashboard.status.text()
    assert dashboard.is_current()

    combo = dashboard.options.centre
    assert [combo.itemData(i) for i in range(combo.count())] == ["", SITE]
    combo.setCurrentIndex(1)
    report = _update(qtbot, dashboard)
    assert report.options.centres == (SITE,)
    assert report.patients == 3


def test_an_import_after_the_report_is_said_and_a_lock_stops_the_exports(
    qtbot: QtBot, two_imported: Opened, batches: Batches
) -> None:
    imported = two_imported
    dashboard, report = _shown(qtbot, imported)
    assert report.patients == 2
    with qtbot.waitSignal(imported.window.import_finished, timeout=60_000):
        imported.window.import_files(batches.files[:1])  # already imported: changes nothing
    assert dashboard.is_current(), "a batch already imported brings nothing new"
    assert dashboard.status.styleSheet() == ""

    with qtbot.waitSignal(imported.window.import_finished, timeout=60_000):
        imported.window.import_files(batches.files[2:])  # batch 3: a new case
    assert "imported after this report" in dashboard.status.text()
    assert dashboard.status.styleSheet() != ""
    assert not dashboard.is_current()
    assert _update(qtbot, dashboard).patients == 3
    assert dashboard.is_current()

    actions = imported.window.registry_actions
    assert actions.export_excel.isEnabled()
    imported.window.lock()
    assert not dashboard.isVisible(), "the lock page hides the figures"
    assert not any(
        a.isEnabled()
        for a in (
            actions.export_excel,
            actions.export_csv,
            actions.export_odm,
            actions.update_report,
        )
    )


def test_excel_export_carries_the_report_on_screen_or_makes_it_again(
    qtbot: QtBot, imported: Opened, tmp_path: Path
) -> None:
    dashboard, report = _shown(qtbot, imported)
    service = dashboard.service
    assert service is not None
    target = tmp_path / "out" / "registry.xlsx"
    target.parent.mkdir()
    with qtbot.waitSignal(dashboard.exports.written, timeout=60_000) as written:
        dashboard.exports.write_excel(service, dashboard.options.options(), report, target)
    assert written.args[0].cases == 3
    book = load_workbook(target, read_only=True)
    assert {"Report", "Registrations", "PFS", "Codebook"} <= set(book.sheetnames)
    assert report.generated_at in _cells(target)  # the very report on screen, not a new one
    assert not list(target.parent.glob(".*")), "no temporary file left beside it"

    # Options changed since: the export makes the report again first, and shows it.
    dashboard.options.ci.setCurrentIndex(dashboard.options.ci.findData(CiType.LOG.value))
    again = tmp_path / "again.xlsx"
    with qtbot.waitSignals([dashboard.exports.written, dashboard.report_shown], timeout=60_000):
        dashboard.exports.write_excel(service, dashboard.options.options(), None, again)
    remade = dashboard.report
    assert remade is not None and remade is not report
    assert remade.options.ci is CiType.LOG
    assert "log" in _cells(again) and remade.generated_at in _cells(again)
    assert dashboard.is_current()


def test_csv_and_odm_exports_write_every_case(
    qtbot: QtBot, imported: Opened, tmp_path: Path
) -> None:
    dashboard, _report = _shown(qtbot, imported)
    service = dashboard.service
    assert service is not None
    target = free_name(tmp_path, ExportFormat.CSV, TODAY)
    choices = ExportChoices(ExportFormat.CSV, style=LABELS, delimiter=";", bom=True)
    with qtbot.waitSignal(dashboard.exports.written, timeout=60_000):
        dashboard.exports.write_csv(service, dashboard.options.options(), choices, target)
    data = (target / "patient.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 3
    assert (target / "codebook.csv").is_file()
    assert target.name == "registry-report-2026-11-21-csv"
    assert free_name(tmp_path, ExportFormat.CSV, TODAY).name == f"{target.name} (2)"

    odm = tmp_path / "registry.odm.xml"
    with qtbot.waitSignal(dashboard.exports.written, timeout=60_000) as written:
        dashboard.exports.write_odm(service, dashboard.options.options(), odm)
    assert written.args[0].cases == 3
    root = ElementTree.parse(odm).getroot()
    assert root.get("FileType") == "Snapshot"
    assert len(root.findall(f".//{ODM_NS}SubjectData")) == 3


def _cells(workbook: Path) -> list[object]:
    sheet = load_workbook(workbook, read_only=True)["Report"]
    return [c for row in sheet.iter_rows(values_only=True) for c in row if c]


def test_the_excel_button_asks_where_and_refuses_an_existing_file_in_a_sentence(
    qtbot: QtBot, imported: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dashboard, report = _shown(qtbot, imported)
    asked: list[str] = []
    target = tmp_path / "monthly"  # typed without its suffix

    def save_name(_parent: object, _title: str, proposed: str, *_args: object, **_kw: object):
        asked.append(proposed)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    # Codes or labels: the person keeps the proposal (labels, for a workbook to read).
    monkeypatch.setattr(ExportOptionsDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(dashboard.exports.written, timeout=60_000) as written:
        dashboard.excel_button.click()
    assert Path(asked[0]).name == f"registry-report-{dt.date.today().isoformat()}.xlsx"
    assert written.args[0].path == tmp_path / "monthly.xlsx"
    sex = load_workbook(tmp_path / "monthly.xlsx", read_only=True)["Patient"]
    assert {"male", "female"} & {c for row in sex.iter_rows(values_only=True) for c in row}
    assert report.generated_at in _cells(tmp_path / "monthly.xlsx"), "the report on screen"
    _close_boxes()

    before = (tmp_path / "monthly.xlsx").read_bytes()
    dashboard.excel_button.click()  # the same name again: refused, the file kept
    qtbot.waitUntil(lambda: not dashboard.exports.busy and workers.pending() == 0)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any("monthly.xlsx" in box.text() and "exists" in box.text() for box in boxes)
    assert (tmp_path / "monthly.xlsx").read_bytes() == before
    _close_boxes()


def _close_boxes() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.done(0)


def test_a_report_or_export_goes_on_behind_the_idle_lock(qtbot: QtBot, imported: Opened) -> None:
    """The lock closes every dialog but a progress window: rejecting that one would cancel an
    export of an hour without a word."""
    progress = ProgressDialog("Writing the workbook", cancellable=True, parent=imported.window)
    progress.show()
    other = QMessageBox(imported.window)
    other.show()
    imported.window.lock()
    assert progress.isVisible() and not progress.is_cancel_requested()
    assert not other.isVisible()
    progress.finish()
