"""The start flow opens the coordinator's window, not the case window, on a registry workspace."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from cmlentry import cli
from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.gui import start, workers
from cmlentry.gui.main_window import MainWindow
from cmlentry.gui.registry.registry_window import RegistryWindow
from cmlentry.gui.start import StartFlow
from cmlentry.gui.unlock_dialog import UnlockDialog
from cmlentry.services import demo_registry
from cmlentry.services.demo import is_demo_folder
from tests.batch_world import COORDINATOR, PASSWORD, make_world
from tests.conftest import FakeClock
from tests.gui.registry.conftest import settings_at


def test_signing_in_to_a_registry_opens_the_registry_window(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    world, _complete = make_world(tmp_path / "world", clock, cases=1)
    flow = StartFlow(settings_at(tmp_path / "ui.ini"), world.registry_folder)
    flow.begin()
    dialog = flow.dialog
    assert isinstance(dialog, UnlockDialog)
    username = dialog.findChild(QLineEdit, "unlock_username")
    password = dialog.findChild(QLineEdit, "unlock_password")
    assert username is not None and password is not None
    qtbot.keyClicks(username, COORDINATOR)
    qtbot.keyClicks(password, PASSWORD)
    qtbot.keyClick(password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.window is not None, timeout=20_000)
    window = flow.window
    assert isinstance(window, RegistryWindow) and not isinstance(window, MainWindow)
    # start_session ran: the registered centre is listed.
    qtbot.waitUntil(lambda: window.centres_view.model.rowCount() == 1, timeout=20_000)
    assert window.centres_view.model.centre(0).code == "FR-086"
    assert "ELN CML registry" in window.windowTitle()

    window.registry_actions.sign_out.trigger()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, UnlockDialog), timeout=10_000)
    assert flow.window is None
    assert workers.wait_for_done()
    world.registry().close()  # the folder was released
    again = flow.dialog
    assert again is not None
    again.hide()
    again.deleteLater()


def test_the_registry_demo_opens_the_registry_window_on_real_batches(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``cmlentry gui --demo registry``: a demo registry is made (smaller here: two centres,
    a few cases) and opened as the demo coordinator, its centres and their batches listed."""
    small = functools.partial(
        demo_registry.make_demo_registry,
        sites=demo_registry.DEMO_SITES[:2],
        cases_per_site=2,
        policy=OWASP_FLOOR,
    )
    monkeypatch.setattr(start, "make_demo_registry", small)
    folder = tmp_path / "demo-registry"
    flow = StartFlow(settings_at(tmp_path / "ui.ini"), folder, demo_registry=True)
    flow.begin()
    qtbot.waitUntil(lambda: flow.window is not None, timeout=120_000)
    window = flow.window
    assert isinstance(window, RegistryWindow)
    codes = [f"{c.site.country}-{c.site.centre_code}" for c in demo_registry.DEMO_SITES[:2]]
    qtbot.waitUntil(lambda: window.centres_view.model.rowCount() == len(codes), timeout=20_000)
    assert sorted(window.centres_view.model.centre(r).code for r in range(len(codes))) == sorted(
        codes
    )
    assert demo_registry.REGISTRY_NAME in window.windowTitle()
    assert is_demo_folder(folder)
    window.registry_actions.quit.trigger()
    qtbot.waitUntil(lambda: flow.window is None, timeout=20_000)
    assert workers.wait_for_done()


def test_the_command_line_names_the_demo_to_open(tmp_path: Path) -> None:
    opened: list[tuple[Path, str | None]] = []

    def opener(folder: Path, demo: str | None) -> int:
        opened.append((folder, demo))
        return 0

    for argv in (["gui"], ["gui", "--demo"], ["gui", "--demo", "registry"]):
        assert cli.main([*argv, "--workspace", str(tmp_path)], open_gui=opener) == 0
    assert [demo for _folder, demo in opened] == [None, cli.DEMO_SITE, cli.DEMO_REGISTRY]
