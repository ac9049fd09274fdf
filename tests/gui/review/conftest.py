"""Fixtures of the review screens' tests: a site with a PI, a nurse and complete cases.

The site is made once per session (``world.make_review_world``: a few seconds of Argon2 and
case entry) and copied for each test, so tests stay independent of order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.gui import workers
from cmlentry.gui.error_dialog import ErrorDialog
from cmlentry.gui.settings import Settings
from cmlentry.services.desk import Desk
from tests.conftest import FakeClock
from tests.gui.review.world import (
    NURSE,
    NURSE_PASSWORD,
    PI,
    PI_PASSWORD,
    World,
    copy_world,
    desk_of,
    make_review_world,
)


@pytest.fixture(scope="session")
def review_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, list[str]]:
    return make_review_world(tmp_path_factory.mktemp("review-world"))


@pytest.fixture
def world(review_template: tuple[World, list[str]], tmp_path: Path, clock: FakeClock) -> World:
    return copy_world(review_template[0], tmp_path, clock)


@pytest.fixture
def complete(review_template: tuple[World, list[str]]) -> list[str]:
    """The registry IDs of the complete cases (at least three)."""
    ids = review_template[1]
    assert len(ids) >= 3
    return ids


@pytest.fixture
def pi_desk(world: World) -> Iterator[Desk]:
    """The site's workspace opened by its PI."""
    with desk_of(world, PI, PI_PASSWORD) as desk:
        yield desk
        workers.cancel_all()
        assert workers.wait_for_done(30_000)


@pytest.fixture
def nurse_desk(world: World) -> Iterator[Desk]:
    """The site's workspace opened by its research nurse."""
    with desk_of(world, NURSE, NURSE_PASSWORD) as desk:
        yield desk
        workers.cancel_all()
        assert workers.wait_for_done(30_000)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def _no_leftovers(qtbot: QtBot) -> Iterator[None]:
    yield
    workers.cancel_all()
    assert workers.wait_for_done(30_000)
    qtbot.waitUntil(lambda: workers.pending() == 0)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (QMessageBox, ErrorDialog)) and widget.isVisible():
            widget.done(0)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """The window the dialogs belong to, as the main window in the application.

    A dialog without a parent is owned by Python alone: if the last reference to it is in a
    cycle (an operation's callbacks), the collector clears its attributes before Qt deletes it,
    and Qt's last calls into its models then fail. With a parent, Qt deletes it first.
    """
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget
