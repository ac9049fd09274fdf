"""A site that trusts a registry, copied per test from one made per session, and its helpers.

``make_world`` (tests/batch_world.py) enters synthetic cases through the case service and
exchanges keys: a few seconds. It runs once; each test gets a fresh copy of the two workspace
folders, so tests stay independent of order.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.gui import workers
from cmlentry.gui.error_dialog import ErrorDialog
from cmlentry.gui.settings import Settings
from cmlentry.services.batches.export import ExportService
from cmlentry.services.workspace import Workspace
from tests.batch_world import World, make_world
from tests.conftest import FakeClock


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, list[str]]:
    folder = tmp_path_factory.mktemp("batch-world")
    return make_world(folder, FakeClock())


@pytest.fixture
def world(world_template: tuple[World, list[str]], tmp_path: Path, clock: FakeClock) -> World:
    template, _complete = world_template
    shutil.copytree(template.site_folder, tmp_path / "site")
    shutil.copytree(template.registry_folder, tmp_path / "registry")
    out = tmp_path / "out"
    out.mkdir()
    return World(tmp_path / "site", tmp_path / "registry", out, clock)


@pytest.fixture
def complete(world_template: tuple[World, list[str]]) -> list[str]:
    """The registry IDs of the complete cases (at least three)."""
    ids = world_template[1]
    assert len(ids) >= 3
    return ids


@pytest.fixture
def pi_ws(world: World) -> Iterator[Workspace]:
    """The site's workspace, opened by its PI (who may export)."""
    with world.site() as ws:
        yield ws
        workers.cancel_all()
        assert workers.wait_for_done(30_000)


@pytest.fixture
def exports(pi_ws: Workspace) -> ExportService:
    return ExportService(pi_ws)


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
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def visible_box(name: str) -> QMessageBox | None:
    """The visible message box called ``name`` ("error_box", "info_box"), if there is one."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == name and widget.isVisible():
            return widget
    return None
