"""Locking the application after a period without input.

:class:`IdleLock` watches every input event of the application (an application-wide event
filter) and emits :attr:`IdleLock.idle_timeout` once no mouse, key, wheel, touch or tablet input
has arrived for the set number of minutes. It then stays quiet until :meth:`IdleLock.resume` (the
main window resumes it once the person has unlocked again), so a lock screen left alone does not
fire again and again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
        QEvent.Type.InputMethod,
    }
)
_MS_PER_MINUTE = 60_000


class IdleLock(QObject):
    """Emits :attr:`idle_timeout` after ``minutes`` without input; ``minutes <= 0`` never does.

    Args:
        minutes: Minutes without input before the lock (the ``idle_lock_minutes`` setting).
        parent: Owner of the filter (usually the main window).
        interval_ms: Overrides ``minutes`` with milliseconds; for tests.
    """

    idle_timeout = Signal()
    """No input arrived for the whole interval; the lock is paused until :meth:`resume`."""

    def __init__(
        self, minutes: int, parent: QObject | None = None, *, interval_ms: int | None = None
    ) -> None:
        super().__init__(parent)
        self._interval_ms = interval_ms if interval_ms is not None else minutes * _MS_PER_MINUTE
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("IdleLock needs a running QApplication")
        app.installEventFilter(self)
        self._restart()

    # --- public -------------------------------------------------------------------------------

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @property
    def paused(self) -> bool:
        return self._paused

    def remaining_ms(self) -> int:
        """Milliseconds until the lock, or -1 when it is paused or disabled."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def set_minutes(self, minutes: int) -> None:
        """Change the interval (the setting was edited); counting starts again from now."""
        self._interval_ms = minutes * _MS_PER_MINUTE
        self._restart()

    def poke(self) -> None:
        """Count as input: long work the person is watching (an export) is not idleness."""
        self._restart()

    def pause(self) -> None:
        """Stop counting (while locked, or while a modal step must not be interrupted)."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        """Start counting again from now."""
        self._paused = False
        self._restart()

    def stop(self) -> None:
        """Stop for good: remove the application-wide filter."""
        self.pause()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # --- internals ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Restarting a single-shot timer is cheap enough to do on every mouse move; the event
        # is never consumed.
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False

    def _restart(self) -> None:
        if self._paused or self._interval_ms <= 0:
            self._timer.stop()
            return
        self._timer.start(self._interval_ms)

    def _on_timer_timeout(self) -> None:
        self._paused = True
        self.idle_timeout.emit()
