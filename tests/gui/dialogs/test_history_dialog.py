"""The history dialog over real edits made through CaseService and read by the history service."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import Entry
from cmlentry.gui.dialogs.history_dialog import HistoryDialog
from cmlentry.gui.dialogs.history_table_model import Column
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.history import FieldChange
from cmlentry.services.workspace import Workspace
from tests.conftest import FakeClock

TODAY = dt.date(2026, 11, 21)


def save(
    cases: CaseService, rid: str, form: str, group: str, reason: str | None = None, **entries: Entry
) -> None:
    cases.save_form(rid, form, {group: [RowData(None, dict(entries))]}, reason=reason)


def shown(dialog: HistoryDialog, column: Column) -> list[str]:
    """The column's texts from top to bottom, as the view shows them (sorted)."""
    model = dialog.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


@pytest.fixture
def platelets_history(admin_ws: Workspace, clock: FakeClock) -> list[FieldChange]:
    """Platelets entered (09:00 UTC), corrected with a reason, overridden, then marked unknown."""
    cases = CaseService(admin_ws, today=TODAY)
    rid = cases.create_case()
    save(cases, rid, "diagnosis", "baseline", platelets=Entry("400"))
    clock.advance(3600)
    save(
        cases,
        rid,
        "diagnosis",
        "baseline",
        "transcription error corrected",
        platelets=Entry("1600"),
    )
    clock.advance(60)
    save(
        cases,
        rid,
        "diagnosis",
        "baseline",
        platelets=Entry("1600", override="as in the lab report"),
    )
    clock.advance(60)
    save(cases, rid, "diagnosis", "baseline", "query answered", platelets=Entry(missing="UNK"))
    return cases.history(rid, "diagnosis", "baseline", 1, "platelets")


def test_a_real_edit_is_shown_newest_first_in_local_time(
    qtbot: QtBot, paris_time: None, platelets_history: list[FieldChange], admin_ws: Workspace
) -> None:
    labels = {"UNK": "unknown", "ND": "not done"}
    dialog = HistoryDialog("Platelets", platelets_history, labels)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "History of Platelets"
    assert dialog.table.isVisible()
    assert shown(dialog, Column.WHAT) == [
        "override withdrawn (was: as in the lab report)",
        "marked unknown",
        "removed: 1600",
        "warning overridden: as in the lab report",
        "400 → 1600",
        "entered: 400",
    ]
    times = shown(dialog, Column.TIME)
    # 09:00 UTC is 10:00 in Paris in November; the UTC time is in the tooltip.
    assert times[-1] == "2026-11-21 10:00"
    last = dialog.table.model().index(dialog.table.model().rowCount() - 1, Column.TIME)
    assert last.data(Qt.ItemDataRole.ToolTipRole) == "2026-11-21 09:00:00 UTC"
    who = shown(dialog, Column.WHO)
    assert who[-1] == f"{admin_ws.user.printed_name} (site administrator)"
    reasons = shown(dialog, Column.REASON)
    assert "transcription error corrected" in reasons
    assert "query answered" in reasons
    assert f"{len(platelets_history)} change(s) of Platelets" in dialog.summary_label.text()


def test_copy_all_puts_the_table_on_the_clipboard(
    qtbot: QtBot, platelets_history: list[FieldChange]
) -> None:
    dialog = HistoryDialog("Platelets", platelets_history, {"UNK": "unknown"})
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.findChild(QPushButton, "history_copy")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0] == "When\tWho\tWhat changed\tReason"
    assert len(lines) == 1 + len(platelets_history)
    assert lines[-1].split("\t")[2] == "entered: 400"


def test_ctrl_c_copies_the_selected_rows(
    qtbot: QtBot, platelets_history: list[FieldChange]
) -> None:
    dialog = HistoryDialog("Platelets", platelets_history)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.table.selectRow(0)
    QApplication.clipboard().clear()
    qtbot.keyClick(dialog.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QApplication.clipboard().text().splitlines()
    assert len(lines) == 2
    assert lines[1].split("\t")[2] == shown(dialog, Column.WHAT)[0]


def test_codes_are_shown_by_their_labels(qtbot: QtBot, admin_ws: Workspace) -> None:
    cases = CaseService(admin_ws, today=TODAY)
    rid = cases.create_case()
    save(cases, rid, "diagnosis", "diagnosis", phase_at_diagnosis=Entry("CP"))
    save(
        cases,
        rid,
        "diagnosis",
        "diagnosis",
        "source document updated",
        phase_at_diagnosis=Entry("AP"),
    )
    changes = cases.history(rid, "diagnosis", "diagnosis", 1, "phase_at_diagnosis")
    labels = {"CP": "chronic phase", "AP": "accelerated phase", "UNK": "unknown"}
    dialog = HistoryDialog("Phase at diagnosis", changes, labels)
    qtbot.addWidget(dialog)
    what = shown(dialog, Column.WHAT)
    assert what[0] == "chronic phase → accelerated phase"
    index = dialog.table.model().index(0, Column.WHAT)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "codes: CP → AP"


def test_an_empty_history_is_a_sentence_not_an_empty_table(qtbot: QtBot) -> None:
    dialog = HistoryDialog("Spleen size", [])
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.table.isVisible()
    assert dialog.summary_label.text() == (
        "Nothing has been saved for Spleen size yet, so it has no history."
    )
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
