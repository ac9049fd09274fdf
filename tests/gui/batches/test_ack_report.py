"""Reading a real acknowledgement made by the registry's import service."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.gui.batches import AckReportDialog, read_acknowledgement
from cmlentry.gui.settings import Settings
from cmlentry.gui.translations import install_translator, remove_translators
from cmlentry.services.batches.ack import AckResult, AckService
from cmlentry.services.batches.export import ExportService
from cmlentry.services.cases import RowData
from cmlentry.services.registry.acks import REJECTED, CaseAnswer
from cmlentry.services.registry.importer import ImportOutcome, ImportService
from cmlentry.services.registry.workspace import open_central_store
from tests.batch_world import World
from tests.gui.batches.conftest import visible_box


def import_at_registry(world: World, batch: Path) -> ImportOutcome:
    acks = world.out / "acks"
    acks.mkdir(exist_ok=True)
    with world.registry() as ws:
        outcome = ImportService(ws, open_central_store(ws)).import_file(batch, acks)
    assert outcome.status == "imported" and outcome.ack_path is not None
    return outcome


@pytest.fixture
def first_ack(world: World, exports: ExportService, complete: list[str]) -> Path:
    """The registry's answer to batch 1 (cases A and B), made by its import service."""
    outcome = import_at_registry(world, exports.export(world.out, complete[:2]).path)
    assert [answer.outcome for answer in outcome.answers] == ["accepted", "accepted"]
    assert outcome.ack_path is not None
    return outcome.ack_path


def change_at_the_site(exports: ExportService, registry_id: str) -> None:
    """Take one answer out of a complete form, as a nurse checking it would (the case changes)."""
    form = exports.cases.get_case(registry_id).forms["patient"]
    groups = {
        group: [
            RowData(row.key, {k: v for k, v in row.entries.items() if k != "sex"}) for row in rows
        ]
        for group, rows in form.groups.items()
    }
    exports.cases.save_form(registry_id, "patient", groups, reason="sex to check in the file")


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(path), ""))


def report_of(parent: QWidget) -> AckReportDialog | None:
    dialog = parent.findChild(AckReportDialog)
    return dialog if dialog is not None and dialog.isVisible() else None


def test_reading_an_acknowledgement_shows_the_answer_and_marks_the_cases(
    qtbot: QtBot,
    parent: QWidget,
    exports: ExportService,
    settings: Settings,
    first_ack: Path,
    complete: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = complete[:2]
    change_at_the_site(exports, a)  # after the batch was made: A is not acknowledged
    acks = AckService(exports.ws)
    read: list[AckResult] = []
    choose_file(monkeypatch, first_ack)
    read_acknowledgement(parent, acks, settings=settings, on_read=read.append)
    qtbot.waitUntil(lambda: report_of(parent) is not None, timeout=30_000)
    report = report_of(parent)
    assert report is not None

    assert "batch 1" in report.windowTitle()
    assert report.accepted_label.text().startswith("2 ")
    assert report.rejected_label.text() == "No case was rejected."
    assert not report.table.isVisibleTo(report)
    assert report.marked_label.text().startswith("1 ")
    assert report.changed_label.isVisibleTo(report)
    assert report.changed_label.text().startswith("1 ")
    [result] = read
    assert (result.sequence, result.accepted, result.rejected) == (1, 2, ())
    assert (result.acknowledged, result.changed_since) == (1, 1)
    status = {candidate.registry_id: candidate.status for candidate in exports.candidates()}
    assert (status[a], status[b]) == ("draft", "acknowledged")
    [batch] = exports.batches()
    assert (batch.accepted, batch.rejected) == (2, 0) and batch.acknowledged_at is not None
    report.done(0)

    # The same file again changes nothing, and says so.
    read_acknowledgement(parent, acks, settings=settings, on_read=read.append)
    qtbot.waitUntil(lambda: report_of(parent) is not None, timeout=30_000)
    again = report_of(parent)
    assert again is not None and "already been read" in again.marked_label.text()
    assert read[-1].already_read and read[-1].acknowledged == 0


def test_rejected_cases_are_listed_with_the_registry_reason(qtbot: QtBot) -> None:
    """A rejection as the registry's importer words it (a conflict needs a restored backup)."""
    reason = (
        "the registry holds revision 21 of this case, and this change was made from revision "
        "20: resolve with the registry"
    )
    result = AckResult(
        sequence=4,
        accepted=2,
        rejected=(CaseAnswer("FR-086-0003-W", 22, REJECTED, reason),),
        acknowledged=2,
        changed_since=0,
        already_read=False,
    )
    report = AckReportDialog(result, "FR-086-000004.cmlack")
    qtbot.addWidget(report)
    report.show()
    assert report.accepted_label.text().startswith("2 ")
    assert report.rejected_label.text().startswith("1 ")
    assert not report.changed_label.isVisibleTo(report)
    assert report.table.isVisibleTo(report)
    assert report.model.rowCount() == 1
    shown = [report.model.index(0, column).data() for column in range(3)]
    assert shown == ["FR-086-0003-W", "22", reason]
    assert report.table.hasFocus() or report.focusWidget() is report.table
    assert not report.new_queries_label.isVisibleTo(report)
    assert not report.closed_queries_label.isVisibleTo(report)


def test_queries_the_registry_sent_or_closed_are_counted(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    install_translator(qapp, "en", cache_dir=tmp_path / "qm")  # the English plural forms
    try:
        _check_query_counts(qtbot)
    finally:
        remove_translators(qapp)  # later tests read the source strings


def _check_query_counts(qtbot: QtBot) -> None:
    result = AckResult(
        sequence=5,
        accepted=1,
        rejected=(),
        acknowledged=1,
        changed_since=0,
        already_read=False,
        queries_new=2,
        queries_closed=1,
    )
    report = AckReportDialog(result, "FR-086-000005.cmlack")
    qtbot.addWidget(report)
    report.show()
    assert report.new_queries_label.isVisibleTo(report)
    assert "2 new queries" in report.new_queries_label.text()
    assert report.closed_queries_label.isVisibleTo(report)
    assert report.closed_queries_label.text() == "The registry closed 1 query it had raised."


def test_a_file_that_is_not_an_acknowledgement_is_refused_and_changes_nothing(
    qtbot: QtBot,
    parent: QWidget,
    exports: ExportService,
    settings: Settings,
    world: World,
    complete: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    batch = exports.export(world.out, complete[:1])
    choose_file(monkeypatch, batch.path)  # the batch itself, not the registry's answer
    read: list[AckResult] = []
    read_acknowledgement(parent, AckService(exports.ws), settings=settings, on_read=read.append)
    qtbot.waitUntil(lambda: visible_box("error_box") is not None, timeout=30_000)
    box = visible_box("error_box")
    assert box is not None and batch.path.name in box.text()
    box.done(0)
    assert read == [] and report_of(parent) is None
    [info] = exports.batches()
    assert info.acknowledged_at is None


def test_choosing_no_file_does_nothing(
    parent: QWidget, exports: ExportService, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: ("", ""))
    read: list[AckResult] = []
    read_acknowledgement(parent, AckService(exports.ws), settings=settings, on_read=read.append)
    assert read == [] and report_of(parent) is None
