"""Fixtures for the widget tests: real services over a temporary workspace, driven by qtbot.

``QT_QPA_PLATFORM=offscreen`` is set in ``tests/conftest.py``; ``qt_api = "pyside6"`` in
``pyproject.toml``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest


@pytest.fixture
def paris_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is Europe/Paris for the test (UTC+1 in November), whatever the machine's."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp: object) -> Iterator[None]:
    """As the application does (cmlentry.gui.gc_policy): no automatic collection on whatever
    thread allocates; after each test, the test's cycles are collected here, outside any event
    loop, once its widgets are closed and their deferred deletions done."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from cmlentry.gui import gc_policy

    collector = gc_policy.install(qapp)  # type: ignore[arg-type]
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collector.collect_now()
