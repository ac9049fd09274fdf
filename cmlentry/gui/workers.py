"""Background operations, Anki style: ``Op(parent, work).success(...).failure(...).run()``.

``work`` is called on the one worker thread with two helpers that services already accept:
``progress(done, total)`` and ``cancelled() -> bool`` (see ``MaintenanceService.backup`` and
``CaseService.import_cases``). It never touches a widget. Its result, or the exception it
raised, comes back as a queued signal and the callbacks run on the GUI thread.

Every operation runs on ONE dedicated thread (a private ``QThreadPool`` limited to one thread,
not the global pool): the workspace has one writer (style.md), so two saves can never race and
"database is locked" cannot happen between our own writes. Operations queue in the order they
were started.

How an operation ends:

- the work returned: the ``success`` callback gets the result;
- it raised :class:`~cmlentry.errors.Cancelled` (the person pressed Cancel and the service
  stopped and undid its work): the ``cancelled`` callback runs, nothing is shown as an error;
- it raised anything else: the ``failure`` callback gets the exception, by default
  :func:`cmlentry.gui.messages.show_error`; an exception that is not a ``CmlentryError`` is
  logged with its (redacted) traceback;
- then, in every case, the ``finished`` callback.

If the parent widget was destroyed before the result arrived, no callback runs (they would
call into a deleted widget), except that a failure is still shown, parentless: a person must
learn that something was not done.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThread, QThreadPool, QTimer
from PySide6.QtCore import Signal as _Signal
from PySide6.QtWidgets import QWidget

from cmlentry.errors import Cancelled, CmlentryError
from cmlentry.gui import messages
from cmlentry.gui.progress_dialog import ProgressDialog

log = logging.getLogger(__name__)

T = TypeVar("T")
ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]

SHOW_PROGRESS_AFTER_MS = 300
"""Work that ends sooner than this never flashes a progress window."""

_pool: QThreadPool | None = None
# Operations queued or running, with their result not yet delivered. Holding them here keeps
# them (and their relay QObject) alive until the callbacks have run.
_running: set[Op[Any]] = set()


def _worker_pool() -> QThreadPool:
    global _pool  # noqa: PLW0603 -- the one worker thread of the process, made on first use
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("cmlentry-worker")
        _pool.setMaxThreadCount(1)
        # The thread stays for the life of the process instead of expiring after 30 s idle.
        _pool.setExpiryTimeout(-1)
    return _pool


def wait_for_done(timeout_ms: int = 30000) -> bool:
    """Wait for the queued and running work to end; False if it did not within the timeout.

    Called on quit (results not yet delivered are dropped with the event loop) and by tests.
    """
    if _pool is None:
        return True
    return _pool.waitForDone(timeout_ms)


def pending() -> int:
    """How many operations are queued or running, or have results not yet delivered."""
    return len(_running)


def cancel_all() -> None:
    """Ask every queued or running operation to stop (on quit, before :func:`wait_for_done`)."""
    for op in list(_running):
        op.cancel()


def _alive(widget: QWidget | None) -> bool:
    return widget is None or shiboken6.isValid(widget)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits its signals, its slots run on the GUI thread.

    QRunnable is not a QObject, so each operation has one of these for its signals.
    """

    succeeded = _Signal(object)
    failed = _Signal(object)
    progressed = _Signal()

    def __init__(self, op: Op[Any]) -> None:
        super().__init__()
        self._op = op
        self._lock = threading.Lock()
        self._latest: tuple[int, int] = (0, 0)
        self._progress_queued = False
        queued = Qt.ConnectionType.QueuedConnection
        self.succeeded.connect(self._on_self_succeeded, queued)
        self.failed.connect(self._on_self_failed, queued)
        self.progressed.connect(self._on_self_progressed, queued)

    def report_progress(self, done: int, total: int) -> None:
        """Called on the worker thread. Coalesces: a service reporting every one of 10,000 cases
        queues one event per repaint, not 10,000."""
        with self._lock:
            self._latest = (done, total)
            if self._progress_queued:
                return
            self._progress_queued = True
        self.progressed.emit()

    def latest_progress(self) -> tuple[int, int]:
        with self._lock:
            return self._latest

    def _on_self_progressed(self) -> None:
        with self._lock:
            self._progress_queued = False
            done, total = self._latest
        self._op._show_progress_value(done, total)

    def _on_self_succeeded(self, result: object) -> None:
        self._op._deliver_success(result)

    def _on_self_failed(self, exc: BaseException) -> None:
        self._op._deliver_failure(exc)


class _Runnable(QRunnable):
    def __init__(
        self, work: Callable[[ProgressFn, CancelledFn], Any], relay: _Relay, stop: threading.Event
    ) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._stop = stop

    def run(self) -> None:
        try:
            result = self._work(self._relay.report_progress, self._stop.is_set)
        except BaseException as exc:  # every outcome goes back to the GUI thread
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class Op(Generic[T]):
    """One background operation, configured by chained calls and started by :meth:`run`.

    Example::

        Op(self, lambda progress, cancelled: service.backup(folder, progress=progress,
                                                            cancelled=cancelled))
            .with_progress(self.tr("Writing the backup"))
            .success(self._on_backup_written)
            .run()
    """

    def __init__(
        self, parent: QWidget | None, work: Callable[[ProgressFn, CancelledFn], T]
    ) -> None:
        self._parent = parent
        self._work = work
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None
        self._on_cancelled: Callable[[], object] | None = None
        self._on_finished: Callable[[], object] | None = None
        self._progress_title: str | None = None
        self._cancellable = True
        self._stop = threading.Event()
        self._relay: _Relay | None = None
        self._timer: QTimer | None = None
        self._dialog: ProgressDialog | None = None
        self._started = False

    # --- configuration ------------------------------------------------------------------------

    def success(self, fn: Callable[[T], object]) -> Op[T]:
        """Call ``fn(result)`` on the GUI thread when the work returned."""
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], object]) -> Op[T]:
        """Call ``fn(exc)`` on the GUI thread when the work raised (but not for a cancel).

        Without it, :func:`cmlentry.gui.messages.show_error` tells the person.
        """
        self._on_failure = fn
        return self

    def cancelled(self, fn: Callable[[], object]) -> Op[T]:
        """Call ``fn()`` when the work stopped on request (raised ``Cancelled``)."""
        self._on_cancelled = fn
        return self

    def finished(self, fn: Callable[[], object]) -> Op[T]:
        """Call ``fn()`` after the success, failure or cancel callback."""
        self._on_finished = fn
        return self

    def with_progress(self, title: str, *, cancellable: bool = True) -> Op[T]:
        """Show a progress window titled ``title`` if the work lasts more than a moment."""
        self._progress_title = title
        self._cancellable = cancellable
        return self

    # --- running ------------------------------------------------------------------------------

    def run(self) -> None:
        """Queue the work on the worker thread. Call it once, on the GUI thread."""
        if self._started:
            raise RuntimeError("an Op runs once; build a new one")
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            raise RuntimeError("start an Op from the GUI thread")
        self._started = True
        self._relay = _Relay(self)
        if self._progress_title is not None:
            self._timer = QTimer(self._relay)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._open_progress)
            self._timer.start(SHOW_PROGRESS_AFTER_MS)
        _running.add(self)
        _worker_pool().start(_Runnable(self._work, self._relay, self._stop))

    def cancel(self) -> None:
        """Ask the work to stop at its next check of ``cancelled()``."""
        self._stop.set()

    def progress_dialog(self) -> ProgressDialog | None:
        """The progress window, once shown (tests press its Cancel button)."""
        return self._dialog

    # --- on the GUI thread, from the relay ----------------------------------------------------

    def _open_progress(self) -> None:
        if self._progress_title is None or not _alive(self._parent) or self not in _running:
            return
        self._dialog = ProgressDialog(
            self._progress_title, cancellable=self._cancellable, parent=self._parent
        )
        self._dialog.cancel_requested.connect(self.cancel)
        if self._relay is not None:
            self._dialog.set_progress(*self._relay.latest_progress())
        self._dialog.open()

    def _show_progress_value(self, done: int, total: int) -> None:
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.set_progress(done, total)

    def _close_progress(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.finish()
            self._dialog.deleteLater()
        self._dialog = None

    def _deliver_success(self, result: T) -> None:
        self._end(lambda: self._on_success(result) if self._on_success else None)

    def _deliver_failure(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            log.info("operation cancelled")
            self._end(lambda: self._on_cancelled() if self._on_cancelled else None)
            return
        if not _alive(self._parent):
            # The window that asked is gone, but the person must still learn it was not done.
            messages.show_error(None, exc)
            self._end(lambda: None)
            return
        if self._on_failure is None:
            self._end(lambda: messages.show_error(self._parent, exc))
            return
        if not isinstance(exc, CmlentryError):
            from cmlentry.gui.error_dialog import log_unexpected

            log_unexpected(exc)
        on_failure = self._on_failure
        self._end(lambda: on_failure(exc))

    def _end(self, outcome: Callable[[], object]) -> None:
        """Run the outcome's callback, then ``finished``, whatever either raises."""
        self._close_progress()
        alive = _alive(self._parent)
        try:
            if alive:
                outcome()
            else:
                log.info("operation ended after its window closed; callbacks skipped")
        finally:
            try:
                if alive and self._on_finished is not None:
                    self._on_finished()
            finally:
                _running.discard(self)
                if self._relay is not None:
                    self._relay.deleteLater()
                self._release()

    def _release(self) -> None:
        """Let go of the callbacks and the relay once the outcome was delivered.

        The relay and the operation point at each other, and the callbacks hold the window that
        asked: left in that cycle, a parentless dialog would be kept until the cyclic collector
        cleared its Python side while Qt still had calls to make into it.
        """
        self._on_success = self._on_failure = None
        self._on_cancelled = self._on_finished = None
        self._relay = None
        self._timer = None
        self._parent = None
