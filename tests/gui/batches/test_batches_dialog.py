"""The list of batches and "Write again…", over batches made by the real export service."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from cmlentry.gui.batches import BatchesDialog
from cmlentry.gui.batches.batches_model import Column
from cmlentry.gui.settings import Settings
from cmlentry.services.batches.export import ExportService
from tests.gui.batches.conftest import visible_box


def open_dialog(qtbot: QtBot, exports: ExportService, settings: Settings) -> BatchesDialog:
    dialog = BatchesDialog(exports, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=30_000)
    return dialog


def test_with_no_batch_it_says_so_and_offers_nothing_to_write(
    qtbot: QtBot, exports: ExportService, settings: Settings
) -> None:
    dialog = open_dialog(qtbot, exports, settings)
    assert dialog.model.rowCount() == 0
    assert "no batch yet" in dialog.summary.text()
    assert not dialog.write_again.isEnabled()


def test_write_again_writes_the_very_same_file(
    qtbot: QtBot,
    exports: ExportService,
    settings: Settings,
    complete: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    one = exports.export(first, complete[:1])
    two = exports.export(first, complete[1:3])

    dialog = open_dialog(qtbot, exports, settings)
    assert dialog.model.rowCount() == 2
    table = dialog.table
    shown = [table.model().index(row, Column.NUMBER).data() for row in range(2)]
    assert shown == ["2", "1"]  # newest first
    cases = [table.model().index(row, Column.CASES).data() for row in range(2)]
    assert cases == ["2", "1"]
    assert "Waiting" in table.model().index(0, Column.ANSWER).data()
    assert "2 batch" in dialog.summary.text()

    dialog.select_batch(one.sequence)
    current = dialog.current_batch()
    assert current is not None and current.sequence == 1
    second.mkdir()
    asked: list[str] = []

    def choose(_parent: object, title: str, _start: str) -> str:
        asked.append(title)
        return str(second)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    qtbot.mouseClick(dialog.write_again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_box("info_box") is not None, timeout=30_000)
    box = visible_box("info_box")
    assert box is not None
    again = second / one.path.name
    assert str(again) in box.text()
    box.done(0)
    assert again.read_bytes() == one.path.read_bytes()
    assert hashlib.sha256(again.read_bytes()).hexdigest() == one.file_sha256
    assert not (second / two.path.name).exists()
    assert len(asked) == 1 and "1" in asked[0]


def test_the_folder_dialog_cancelled_writes_nothing(
    qtbot: QtBot,
    exports: ExportService,
    settings: Settings,
    complete: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out-1"
    out.mkdir()
    exports.export(out, complete[:1])
    dialog = open_dialog(qtbot, exports, settings)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: "")
    qtbot.mouseClick(dialog.write_again, Qt.MouseButton.LeftButton)
    assert not dialog.writing
    assert visible_box("info_box") is None
