"""The crash notice built from a real UncleanEnd: a run of the nurse that never ended.

The crash is simulated as in tests/services/test_sessions.py: the workspace is closed without
ending the run, which leaves what a killed process leaves.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.values import Entry
from cmlentry.gui.dialogs.crash_notice_dialog import CrashNoticeDialog
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.drafts import DraftService
from cmlentry.services.sessions import SessionService, UncleanEnd
from cmlentry.services.workspace import Workspace, open_workspace
from tests.conftest import NURSE, NURSE_PASSWORD, FakeClock, Site

TODAY = dt.date(2026, 11, 21)


def nurse(site: Site) -> Workspace:
    return open_workspace(site.folder, NURSE, NURSE_PASSWORD, clock=site.clock, policy=OWASP_FLOOR)


def crashed_run(site: Site, clock: FakeClock) -> tuple[UncleanEnd, str, str]:
    """The nurse saves two forms of one case and types in another case, then "crashes"."""
    with site.open() as admin:
        cases = CaseService(admin, today=TODAY)
        first, second = cases.create_case(), cases.create_case()
    clock.advance(60)
    ws = nurse(site)
    cases = CaseService(ws, today=TODAY)
    sessions = SessionService(ws, cases)
    assert sessions.start() is None
    clock.advance(10)
    patient = {"patient": [RowData(None, {"sex": Entry("F"), "birth_year": Entry("1960")})]}
    cases.save_form(first, "patient", patient)
    clock.advance(10)
    baseline = {"baseline": [RowData(None, {"platelets": Entry("400")})]}
    cases.save_form(first, "diagnosis", baseline)
    clock.advance(30)
    DraftService(ws, cases).put(second, "diagnosis", baseline, focus="baseline/1/platelets")
    clock.advance(5)
    sessions.heartbeat()  # 09:01:55 UTC: the last sign of life
    ws.close()  # no sessions.end(): the process was killed
    clock.advance(3600)
    with nurse(site) as ws:
        unclean = SessionService(ws).start()
    assert unclean is not None
    return unclean, first, second


def test_lists_the_saves_and_the_drafts_in_local_time(
    qtbot: QtBot, site: Site, clock: FakeClock, paris_time: None
) -> None:
    unclean, first, second = crashed_run(site, clock)
    dialog = CrashNoticeDialog(unclean, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    headline = dialog.findChild(QLabel, "crash_notice_headline")
    assert headline is not None
    # The last heartbeat was 09:01:55 UTC: 10:01 in Paris.
    assert "did not close properly at about 10:01 (its last sign of life)" in headline.text()
    assert "Nothing you saved is lost" in headline.text()
    model = dialog.saved_table.model()
    table = [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    patient, diagnosis = (saved.changes for saved in unclean.saved)
    assert table == [
        [first, "Patient", "10:01", f"{patient} change(s)"],
        [first, "Diagnosis and baseline", "10:01", f"{diagnosis} change(s)"],
    ]
    drafts = dialog.findChild(QLabel, "crash_notice_drafts")
    assert drafts is not None and drafts.isVisible()
    assert len(dialog.open_buttons) == 1
    assert dialog.open_buttons[0].accessibleName() == f"Open Diagnosis and baseline of {second}"


def test_a_crash_of_another_day_gives_the_date(
    qtbot: QtBot, site: Site, clock: FakeClock, paris_time: None
) -> None:
    unclean, _first, _second = crashed_run(site, clock)
    dialog = CrashNoticeDialog(unclean, today=TODAY + dt.timedelta(days=1))
    qtbot.addWidget(dialog)
    headline = dialog.findChild(QLabel, "crash_notice_headline")
    assert headline is not None
    assert "at about 2026-11-21 10:01 (its last sign of life)" in headline.text()


def test_open_emits_draft_chosen_and_closes(qtbot: QtBot, site: Site, clock: FakeClock) -> None:
    unclean, _first, second = crashed_run(site, clock)
    dialog = CrashNoticeDialog(unclean)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.draft_chosen) as chosen:
        qtbot.mouseClick(dialog.open_buttons[0], Qt.MouseButton.LeftButton)
    assert chosen.args == [second, "diagnosis"]
    assert not dialog.isVisible()
    assert dialog.result() == CrashNoticeDialog.DialogCode.Accepted


def test_continue_is_the_default_and_nothing_saved_is_said(
    qtbot: QtBot, site: Site, clock: FakeClock
) -> None:
    ws = nurse(site)
    assert SessionService(ws).start() is None
    ws.close()
    clock.advance(60)
    with nurse(site) as ws:
        unclean = SessionService(ws).start()
    assert unclean is not None and not unclean.saved and not unclean.drafts
    dialog = CrashNoticeDialog(unclean)
    qtbot.addWidget(dialog)
    dialog.show()
    headline = dialog.findChild(QLabel, "crash_notice_headline")
    assert headline is not None
    assert "No form was saved in that session." in headline.text()
    assert not dialog.saved_table.isVisible()
    assert dialog.open_buttons == []
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)


def test_open_works_from_the_keyboard(qtbot: QtBot, site: Site, clock: FakeClock) -> None:
    """Tab to "Open" and press Enter: the focused button acts, not "Continue"."""
    unclean, _first, second = crashed_run(site, clock)
    dialog = CrashNoticeDialog(unclean)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.open_buttons[0].setFocus()
    with qtbot.waitSignal(dialog.draft_chosen) as chosen:
        qtbot.keyClick(dialog.open_buttons[0], Qt.Key.Key_Return)
    assert chosen.args == [second, "diagnosis"]
