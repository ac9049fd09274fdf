"""The idle lock: fires after the interval without input, and any input starts the count again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from cmlentry.gui.idle_lock import IdleLock

INTERVAL_MS = 600


@pytest.fixture
def field(qtbot: QtBot) -> QLineEdit:
    widget = QLineEdit()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def lock(field: QLineEdit) -> Iterator[IdleLock]:
    idle = IdleLock(5, field, interval_ms=INTERVAL_MS)
    yield idle
    idle.stop()


def test_it_fires_after_the_interval_without_input(qtbot: QtBot, lock: IdleLock) -> None:
    with qtbot.waitSignal(lock.idle_timeout, timeout=5000):
        pass
    assert lock.paused
    assert lock.remaining_ms() == -1


def test_a_key_press_starts_the_count_again(qtbot: QtBot, lock: IdleLock, field: QLineEdit) -> None:
    fired: list[bool] = []
    lock.idle_timeout.connect(lambda: fired.append(True))
    qtbot.waitUntil(lambda: 0 <= lock.remaining_ms() < INTERVAL_MS // 3, timeout=5000)
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert lock.remaining_ms() > INTERVAL_MS * 2 // 3
    assert fired == []
    assert field.text() == "a"  # the filter never swallows input


def test_mouse_and_wheel_input_start_the_count_again(
    qtbot: QtBot, lock: IdleLock, field: QLineEdit
) -> None:
    qtbot.waitUntil(lambda: 0 <= lock.remaining_ms() < INTERVAL_MS // 3, timeout=5000)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    assert lock.remaining_ms() > INTERVAL_MS * 2 // 3
    qtbot.waitUntil(lambda: 0 <= lock.remaining_ms() < INTERVAL_MS // 3, timeout=5000)
    qtbot.mouseMove(field, QPoint(3, 3))
    qtbot.mouseMove(field, QPoint(9, 6))
    assert lock.remaining_ms() > INTERVAL_MS * 2 // 3


def test_poke_counts_as_input(qtbot: QtBot, lock: IdleLock) -> None:
    qtbot.waitUntil(lambda: 0 <= lock.remaining_ms() < INTERVAL_MS // 3, timeout=5000)
    lock.poke()
    assert lock.remaining_ms() > INTERVAL_MS * 2 // 3


def test_paused_it_ignores_input_and_never_fires(
    qtbot: QtBot, lock: IdleLock, field: QLineEdit
) -> None:
    fired: list[bool] = []
    lock.idle_timeout.connect(lambda: fired.append(True))
    lock.pause()
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert lock.remaining_ms() == -1
    with qtbot.waitSignal(lock.idle_timeout, timeout=3 * INTERVAL_MS, raising=False) as waited:
        pass
    assert not waited.signal_triggered
    assert fired == []
    lock.resume()
    assert lock.remaining_ms() > INTERVAL_MS * 2 // 3
    with qtbot.waitSignal(lock.idle_timeout, timeout=5000):
        pass


def test_after_firing_it_waits_for_resume(qtbot: QtBot, lock: IdleLock, field: QLineEdit) -> None:
    """A lock screen left alone must not fire again and again."""
    with qtbot.waitSignal(lock.idle_timeout, timeout=5000):
        pass
    qtbot.keyClick(field, Qt.Key.Key_A)  # typing into the lock screen
    assert lock.remaining_ms() == -1
    lock.resume()
    with qtbot.waitSignal(lock.idle_timeout, timeout=5000):
        pass


def test_set_minutes_changes_the_interval(lock: IdleLock) -> None:
    lock.set_minutes(15)
    assert lock.interval_ms == 15 * 60_000
    assert lock.remaining_ms() > 14 * 60_000


def test_zero_minutes_never_locks(field: QLineEdit) -> None:
    idle = IdleLock(0, field)
    try:
        assert idle.remaining_ms() == -1
        idle.poke()
        assert idle.remaining_ms() == -1
    finally:
        idle.stop()
