"""Typed interface preferences over QSettings, on a temporary ini file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.gui.settings import IDLE_LOCK_DEFAULT, Settings


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "cmlentry.ini"


def settings_on(ini: Path) -> Settings:
    return Settings(QSettings(str(ini), QSettings.Format.IniFormat))


def test_defaults_on_a_fresh_file(ini: Path) -> None:
    settings = settings_on(ini)
    assert settings.language == ""
    assert settings.idle_lock_minutes == IDLE_LOCK_DEFAULT == 10
    assert settings.last_workspace == ""
    assert settings.recent_workspaces == []
    assert settings.last_username == ""


def test_values_survive_a_new_settings_object(ini: Path) -> None:
    first = settings_on(ini)
    first.language = "fr"
    first.idle_lock_minutes = 25
    first.last_username = "nina"
    first.remember_workspace("/data/ws-a")
    first.sync()
    second = settings_on(ini)
    assert second.language == "fr"
    assert second.idle_lock_minutes == 25
    assert second.last_username == "nina"
    assert second.last_workspace == "/data/ws-a"
    # A one-item list comes back from an ini file as a plain string; still a list here.
    assert second.recent_workspaces == ["/data/ws-a"]


@pytest.mark.parametrize(("given", "kept"), [(0, 1), (-5, 1), (1, 1), (120, 120), (500, 120)])
def test_the_idle_lock_is_bounded(ini: Path, given: int, kept: int) -> None:
    settings = settings_on(ini)
    settings.idle_lock_minutes = given
    assert settings.idle_lock_minutes == kept


def test_a_hand_edited_file_gives_defaults_not_errors(ini: Path) -> None:
    ini.write_text(
        "[security]\nidle_lock_minutes=soon\n[workspaces]\nrecent=@Invalid()\n", encoding="utf-8"
    )
    settings = settings_on(ini)
    assert settings.idle_lock_minutes == IDLE_LOCK_DEFAULT
    assert settings.recent_workspaces == []
    ini.write_text("[security]\nidle_lock_minutes=9999\n", encoding="utf-8")
    assert settings_on(ini).idle_lock_minutes == 120


def test_recent_workspaces_newest_first_without_repeats_at_most_five(ini: Path) -> None:
    settings = settings_on(ini)
    for name in "abcdefg":
        settings.remember_workspace(f"/ws/{name}")
    settings.remember_workspace("/ws/d")
    settings.sync()
    assert settings_on(ini).recent_workspaces == ["/ws/d", "/ws/g", "/ws/f", "/ws/e", "/ws/c"]
    settings.recent_workspaces = ["/x", "", "/x", "/y"]
    assert settings.recent_workspaces == ["/x", "/y"]


def test_window_geometry_comes_back(qtbot: QtBot, ini: Path) -> None:
    settings = settings_on(ini)
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(612, 433)
    widget.show()
    qtbot.waitExposed(widget)
    settings.save_geometry(widget, "editor")
    settings.sync()

    again = QWidget()
    qtbot.addWidget(again)
    settings_on(ini).restore_geometry(again, "editor")
    assert (again.width(), again.height()) == (612, 433)


def test_main_window_docks_come_back(qtbot: QtBot, ini: Path) -> None:
    def window() -> tuple[QMainWindow, QDockWidget]:
        made = QMainWindow()
        qtbot.addWidget(made)
        made.setCentralWidget(QLabel("cases"))
        dock = QDockWidget("History", made)
        dock.setObjectName("history_dock")
        dock.setWidget(QLabel("history"))
        made.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return made, dock

    first, dock = window()
    first.show()
    first.removeDockWidget(dock)
    first.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.show()
    settings_on(ini).save_geometry(first, "main")

    second, second_dock = window()
    assert second.dockWidgetArea(second_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    settings_on(ini).restore_geometry(second, "main")
    assert second.dockWidgetArea(second_dock) == Qt.DockWidgetArea.BottomDockWidgetArea


def test_nothing_saved_means_nothing_restored(qtbot: QtBot, ini: Path) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(300, 200)
    settings_on(ini).restore_geometry(widget, "never-saved")
    assert (widget.width(), widget.height()) == (300, 200)
