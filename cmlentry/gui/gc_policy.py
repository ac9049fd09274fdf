"""Python's cyclic garbage collector runs on the GUI thread only, between events.

Left to itself the collector runs whenever allocations pass a threshold: on the worker thread in
the middle of a save, or on the GUI thread inside a nested event loop. Either may free a cycle
holding a Qt object, and Qt objects must be destroyed by the thread that owns them and not
while Qt is dispatching to them; a full test run crashed (SIGSEGV, "Garbage-collecting") once
in this way. So automatic collection is switched off and a timer on the GUI thread collects,
generation by generation as the thresholds say, at the top of the event loop. Reference
counting frees everything else at once, as always.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GarbageCollector(QObject):
    """Collects cycles from a GUI-thread timer instead of wherever allocations happen to be."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def collect_now(self) -> None:
        """Everything, now (between tests; before a window closes)."""
        gc.collect()

    def _on_timer_timeout(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return


_installed: list[GarbageCollector] = []


def install(app: QObject) -> GarbageCollector:
    """Install the policy once per application (the tests' application included)."""
    if not _installed:
        _installed.append(GarbageCollector(app))
    return _installed[0]
