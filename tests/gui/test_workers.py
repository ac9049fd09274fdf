"""Background operations: one worker thread, results on the GUI thread, progress and cancel.

Real services over a temporary workspace where a service is involved (a backup with progress,
cancelled from the progress window). Operations that must stay running while the test looks at
them wait on a ``threading.Event`` the test sets: no sleeps, no timing assumptions.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.errors import Cancelled, WorkspaceInUse
from cmlentry.gui import messages, workers
from cmlentry.gui.error_dialog import ErrorDialog
from cmlentry.gui.workers import CancelledFn, Op, ProgressFn
from cmlentry.services.maintenance import BackupResult, MaintenanceService
from cmlentry.services.workspace import Workspace

SENTINEL = "Dupont-Sentinel-1957"


@pytest.fixture(autouse=True)
def no_leftovers(qtbot: QtBot) -> Iterator[None]:
    yield
    workers.cancel_all()
    assert workers.wait_for_done(30000)
    qtbot.waitUntil(lambda: workers.pending() == 0)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (QMessageBox, ErrorDialog)) and widget.isVisible():
            widget.done(0)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def gated(result: object, gate: threading.Event) -> Callable[[ProgressFn, CancelledFn], object]:
    """Work that waits for the test's signal, then returns ``result``."""

    def work(_progress: ProgressFn, _cancelled: CancelledFn) -> object:
        assert gate.wait(30)
        return result

    return work


def error_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "error_box" and w.isVisible()
    ]


def test_the_result_arrives_on_the_gui_thread_from_another_thread(
    qtbot: QtBot, parent: QWidget
) -> None:
    seen: dict[str, object] = {}

    def work(_progress: ProgressFn, _cancelled: CancelledFn) -> int:
        seen["work_thread"] = QThread.currentThread()
        return 42

    def on_success(value: int) -> None:
        seen["value"] = value
        seen["callback_thread"] = QThread.currentThread()

    Op(parent, work).success(on_success).finished(lambda: seen.setdefault("finished", True)).run()
    qtbot.waitUntil(lambda: workers.pending() == 0)

    gui_thread = QCoreApplication.instance().thread()  # type: ignore[union-attr]
    assert seen["value"] == 42
    assert seen["finished"] is True
    assert seen["callback_thread"] is gui_thread
    assert seen["work_thread"] is not gui_thread


def test_operations_run_one_at_a_time_in_the_order_started(qtbot: QtBot, parent: QWidget) -> None:
    gate = threading.Event()
    order: list[str] = []
    threads: set[int] = set()

    def second(_progress: ProgressFn, _cancelled: CancelledFn) -> None:
        threads.add(threading.get_ident())
        order.append("second ran")

    def first(progress: ProgressFn, cancelled: CancelledFn) -> None:
        threads.add(threading.get_ident())
        assert gate.wait(30)
        order.append("first ran")

    Op(parent, first).run()
    Op(parent, second).run()
    assert workers.pending() == 2
    # While the first one waits, the second may not start: there is one worker thread.
    qtbot.waitUntil(lambda: len(threads) == 1)
    assert order == []
    gate.set()
    qtbot.waitUntil(lambda: workers.pending() == 0)
    assert order == ["first ran", "second ran"]
    assert len(threads) == 1


def test_a_coded_error_is_shown_as_its_sentence_by_default(qtbot: QtBot, parent: QWidget) -> None:
    def work(_progress: ProgressFn, _cancelled: CancelledFn) -> None:
        raise WorkspaceInUse()

    finished: list[bool] = []
    Op(parent, work).finished(lambda: finished.append(True)).run()
    qtbot.waitUntil(lambda: workers.pending() == 0)
    box = parent.findChild(QMessageBox, "error_box")
    assert box is not None and box.isVisible()
    assert box.text() == messages.describe(WorkspaceInUse())
    assert finished == [True]
    box.done(0)


def test_an_unexpected_error_goes_to_failure_and_the_log_without_its_text(
    qtbot: QtBot, parent: QWidget, caplog: pytest.LogCaptureFixture
) -> None:
    def work(_progress: ProgressFn, _cancelled: CancelledFn) -> None:
        int(SENTINEL)  # Python's message quotes the value: it must not reach the log

    failures: list[BaseException] = []
    with caplog.at_level(logging.ERROR, logger="cmlentry"):
        Op(parent, work).failure(failures.append).run()
        qtbot.waitUntil(lambda: workers.pending() == 0)
    assert len(failures) == 1 and isinstance(failures[0], ValueError)
    assert "ValueError" in caplog.text and "in work" in caplog.text
    assert SENTINEL not in caplog.text
    assert error_boxes() == []  # a failure callback replaces the default message


def test_an_unexpected_error_without_a_failure_callback_opens_the_error_dialog(
    qtbot: QtBot, parent: QWidget
) -> None:
    def work(_progress: ProgressFn, _cancelled: CancelledFn) -> None:
        raise KeyError(SENTINEL)

    Op(parent, work).run()
    qtbot.waitUntil(lambda: workers.pending() == 0)
    dialog = parent.findChild(ErrorDialog)
    assert dialog is not None and dialog.isVisible()
    assert SENTINEL not in dialog.details()
    dialog.done(0)


def test_a_backup_cancelled_from_the_progress_window_leaves_nothing_and_shows_no_error(
    qtbot: QtBot, parent: QWidget, admin_ws: Workspace, tmp_path: Path
) -> None:
    """The real backup service, stopped at its first check of ``cancelled()``."""
    destination = tmp_path / "usb"
    gate = threading.Event()
    service = MaintenanceService(admin_ws)

    def work(progress: ProgressFn, cancelled: CancelledFn) -> BackupResult:
        def held_progress(done: int, total: int) -> None:
            progress(done, total)
            if done == 1:  # the database is exported; wait until the person pressed Cancel
                assert gate.wait(30)

        return service.backup(destination, progress=held_progress, cancelled=cancelled)

    outcome: list[str] = []
    op = (
        Op(parent, work)
        .with_progress("Writing the backup")
        .success(lambda _result: outcome.append("success"))
        .failure(lambda _exc: outcome.append("failure"))
        .cancelled(lambda: outcome.append("cancelled"))
        .finished(lambda: outcome.append("finished"))
    )
    op.run()
    qtbot.waitUntil(lambda: (d := op.progress_dialog()) is not None and d.isVisible())
    dialog = op.progress_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.progress() == (1, 4))
    cancel = dialog.findChild(QPushButton, "progress_cancel")
    assert cancel is not None
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert dialog.is_cancel_requested()
    gate.set()
    qtbot.waitUntil(lambda: workers.pending() == 0)

    assert outcome == ["cancelled", "finished"]
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    assert error_boxes() == [] and parent.findChild(QMessageBox) is None
    assert list(destination.iterdir()) == []  # the staging folder was removed


def test_a_backup_runs_to_the_end_with_its_result(
    qtbot: QtBot, parent: QWidget, admin_ws: Workspace, tmp_path: Path
) -> None:
    service = MaintenanceService(admin_ws)
    results: list[BackupResult] = []
    Op(
        parent,
        lambda progress, cancelled: service.backup(
            tmp_path / "usb", progress=progress, cancelled=cancelled
        ),
    ).with_progress("Writing the backup").success(results.append).run()
    qtbot.waitUntil(lambda: workers.pending() == 0)
    assert len(results) == 1
    assert results[0].path.is_dir() and results[0].path.parent == tmp_path / "usb"


def test_a_cancel_raised_without_a_cancelled_callback_shows_nothing(
    qtbot: QtBot, parent: QWidget
) -> None:
    def work(_progress: ProgressFn, _cancelled: CancelledFn) -> None:
        raise Cancelled()

    finished: list[bool] = []
    Op(parent, work).finished(lambda: finished.append(True)).run()
    qtbot.waitUntil(lambda: workers.pending() == 0)
    assert finished == [True]
    assert parent.findChild(QMessageBox) is None


def test_no_callback_runs_into_a_window_closed_before_the_result(qtbot: QtBot) -> None:
    window = QWidget()
    window.show()
    gate = threading.Event()
    called: list[str] = []
    op = Op(window, gated(7, gate))
    op.success(lambda _v: called.append("success")).finished(lambda: called.append("finished"))
    op.run()
    shiboken6.delete(window)
    gate.set()
    qtbot.waitUntil(lambda: workers.pending() == 0)
    assert called == []


def test_a_failure_after_its_window_closed_is_still_shown(qtbot: QtBot) -> None:
    window = QWidget()
    window.show()
    gate = threading.Event()

    def work(_progress: ProgressFn, _cancelled: CancelledFn) -> None:
        assert gate.wait(30)
        raise WorkspaceInUse()

    Op(window, work).run()
    shiboken6.delete(window)
    gate.set()
    qtbot.waitUntil(lambda: workers.pending() == 0)
    boxes = error_boxes()
    assert [box.text() for box in boxes] == [messages.describe(WorkspaceInUse())]
    boxes[0].done(0)


def test_progress_from_a_chatty_service_is_coalesced(qtbot: QtBot, parent: QWidget) -> None:
    """10,000 progress calls must not queue 10,000 events; the last figure is what shows."""
    gate = threading.Event()

    def work(progress: ProgressFn, _cancelled: CancelledFn) -> None:
        for done in range(1, 10_001):
            progress(done, 10_000)
        assert gate.wait(30)

    op = Op(parent, work).with_progress("Importing", cancellable=False)
    op.run()
    qtbot.waitUntil(lambda: (d := op.progress_dialog()) is not None and d.isVisible())
    dialog = op.progress_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.progress() == (10_000, 10_000))
    cancel = dialog.findChild(QPushButton, "progress_cancel")
    assert cancel is not None and not cancel.isVisible()
    dialog.reject()  # Escape on a work that cannot be cancelled does nothing
    assert not dialog.is_cancel_requested() and dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: workers.pending() == 0)


def test_an_op_runs_once(qtbot: QtBot, parent: QWidget) -> None:
    op = Op(parent, lambda _p, _c: None)
    op.run()
    with pytest.raises(RuntimeError):
        op.run()
    qtbot.waitUntil(lambda: workers.pending() == 0)


def test_wait_for_done_waits_for_the_running_work(qtbot: QtBot, parent: QWidget) -> None:
    gate = threading.Event()
    Op(parent, gated(None, gate)).run()
    assert not workers.wait_for_done(50)  # still waiting on the gate
    gate.set()
    assert workers.wait_for_done(30000)
    qtbot.waitUntil(lambda: workers.pending() == 0)
