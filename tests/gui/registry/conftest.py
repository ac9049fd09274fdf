"""A site and a registry that know each other, three real batches, and the coordinator's window.

Everything is made through the services a person would use (``tests/batch_world.py``): the
site's cases are entered, three batches exported with :class:`ExportService`, and the window
opens the registry workspace's real central store on the worker thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from cmlentry.gui import workers
from cmlentry.gui.registry.ack_folder import AckFolder
from cmlentry.gui.registry.registry_window import RegistryWindow
from cmlentry.gui.settings import Settings
from cmlentry.services.batches.export import ExportService
from cmlentry.services.workspace import Workspace
from tests.batch_world import World, make_world
from tests.conftest import FakeClock


@dataclass
class Batches:
    world: World
    files: list[Path]  # batches 1, 2 and 3 of FR-086, one complete case each
    cases: list[tuple[str, ...]]  # the registry IDs each batch holds


@pytest.fixture
def batches(tmp_path: Path, clock: FakeClock) -> Batches:
    world, complete = make_world(tmp_path / "world", clock, cases=6)
    assert len(complete) >= 3, "the synthetic site needs three complete cases"
    with world.site() as ws:
        service = ExportService(ws)
        made = [service.export(world.out, [rid]) for rid in complete[:3]]
    return Batches(world, [b.path for b in made], [b.registry_ids for b in made])


def settings_at(path: Path) -> Settings:
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


@dataclass
class Opened:
    window: RegistryWindow
    ws: Workspace
    settings: Settings
    acks: Path


def open_window(qtbot: QtBot, ws: Workspace, tmp_path: Path) -> Opened:
    """The window over the registry workspace ``ws``, its acknowledgement folder already chosen,
    once its centres and queries are read."""
    settings = settings_at(tmp_path / "ui.ini")
    acks = tmp_path / "acks"
    AckFolder(settings.qsettings, acks).choose(acks)
    window = RegistryWindow(ws, settings)
    qtbot.addWidget(window)
    window.show()
    loaded = [window.centres_loaded, window.queries.queries_loaded]
    with qtbot.waitSignals(loaded, timeout=20_000):
        window.start_session()
    return Opened(window, ws, settings, acks)


def close_window(opened: Opened) -> None:
    opened.window.close()
    assert workers.wait_for_done()
    opened.ws.close()


@pytest.fixture
def opened(qtbot: QtBot, batches: Batches, tmp_path: Path) -> Iterator[Opened]:
    """The window over the registry, its acknowledgement folder already chosen."""
    made = open_window(qtbot, batches.world.registry(), tmp_path)
    yield made
    close_window(made)
