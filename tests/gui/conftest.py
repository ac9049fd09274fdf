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
