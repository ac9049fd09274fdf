"""The coordinator's window over real batches: drop, import, report, centre status, lock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.crypto.container_errors import BatchRefused
from cmlentry.gui.messages import describe
from cmlentry.gui.registry.ack_folder import default_ack_folder
from cmlentry.gui.registry.centres_model import MISSING_COLOUR
from cmlentry.gui.registry.centres_model import Column as CentreColumn
from cmlentry.gui.registry.import_report import Column as ReportColumn
from cmlentry.gui.registry.registry_window import RegistryWindow
from cmlentry.gui.unlock_dialog import UnlockDialog
from cmlentry.services.keys import inspect_key_file
from cmlentry.services.registry.importer import ImportOutcome
from tests.batch_world import PASSWORD
from tests.gui.registry.conftest import Batches, Opened, settings_at

SITE = "FR-086"


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drop(qtbot: QtBot, window: RegistryWindow, *paths: Path) -> list[ImportOutcome]:
    """Drag ``paths`` over the drop zone and drop them, as a file manager does; wait for the
    import and for the centre table read after it."""
    mime = _mime(*paths)  # the events do not own it: it must outlive them
    zone = window.import_panel.drop_zone
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers a drop only to the widget that accepted the drag's entry.
    QApplication.sendEvent(zone, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    return _waiting(qtbot, window, lambda: QApplication.sendEvent(zone, drop))


def _import(qtbot: QtBot, window: RegistryWindow, *paths: Path) -> list[ImportOutcome]:
    return _waiting(qtbot, window, lambda: window.import_files(list(paths)))


def _waiting(qtbot: QtBot, window: RegistryWindow, start: Callable[[], object]) -> list[Any]:
    """Start an import; return its outcomes once the centre table was read after it."""
    got: list[list[Any]] = []
    window.import_finished.connect(got.append)
    try:
        with qtbot.waitSignals([window.import_finished, window.centres_loaded], timeout=30_000):
            start()
            # While it runs nothing more can be dropped or chosen.
            assert not window.import_panel.drop_zone.isEnabled()
            assert not window.registry_actions.import_batches.isEnabled()
    finally:
        window.import_finished.disconnect(got.append)
    return got[0]


def _centre_cell(window: RegistryWindow, column: CentreColumn, role: int) -> object:
    model = window.centres_view.model
    row = model.row_of(SITE)
    assert row is not None
    return model.data(model.index(row, column), role)


def _display(window: RegistryWindow, column: CentreColumn) -> object:
    return _centre_cell(window, column, Qt.ItemDataRole.DisplayRole)


def _report_texts(window: RegistryWindow) -> list[tuple[str, str, str, str]]:
    model = window.report.model
    return [
        tuple(  # type: ignore[misc]
            str(model.data(model.index(row, column))) for column in ReportColumn
        )
        for row in range(model.rowCount())
    ]


def test_the_window_opens_on_the_registered_centre(opened: Opened) -> None:
    window = opened.window
    assert window.centres_view.model.rowCount() == 1
    # Registered by make_world, nothing imported yet.
    assert _display(window, CentreColumn.LAST_SEQUENCE) == "none"
    assert _display(window, CentreColumn.DAYS_SINCE) == "never"
    assert window.registry_actions.import_batches.isEnabled()
    assert window.import_panel.drop_zone.isEnabled()


def test_the_drop_zone_takes_batch_files_and_nothing_else(
    qtbot: QtBot, opened: Opened, batches: Batches, tmp_path: Path
) -> None:
    zone = opened.window.import_panel.drop_zone
    note = tmp_path / "note.txt"
    note.write_text("not a batch")

    def enter(*paths: Path) -> bool:
        mime = _mime(*paths)  # the event does not own it: keep it alive while it is read
        event = QDragEnterEvent(
            QPoint(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(zone, event)
        return event.isAccepted()

    assert enter(batches.files[0], note)
    assert not enter(note)


def test_dropping_two_batches_imports_both_reports_them_and_updates_the_centre(
    qtbot: QtBot, opened: Opened, batches: Batches, tmp_path: Path
) -> None:
    window = opened.window
    note = tmp_path / "note.txt"
    note.write_text("not a batch")
    # Dropped out of order, with a stray file: the chain order is the importer's business.
    outcomes = _drop(qtbot, window, batches.files[1], note, batches.files[0])
    assert window.import_panel.drop_zone.isEnabled()  # ready for the next files

    assert [(o.file, o.status) for o in outcomes] == [
        (batches.files[0].name, "imported"),
        (batches.files[1].name, "imported"),
    ]
    assert "1 dropped item(s) left out" in window.import_panel.left_out_text
    rows = _report_texts(window)
    assert [(r[0], r[1]) for r in rows] == [
        (batches.files[0].name, "Imported"),
        (batches.files[1].name, "Imported"),
    ]
    for outcome, row in zip(outcomes, rows, strict=True):
        assert outcome.ack_path is not None and outcome.ack_path.is_file()
        assert outcome.ack_path.parent == opened.acks
        assert row[3] == str(outcome.ack_path)  # the report says where each ack went
        assert f"Batch {outcome.sequence} of {SITE}" in row[2]
    assert str(opened.acks) in window.report.summary
    assert "2 imported, 0 already imported, 0 refused" in window.report.summary
    # The centre table now shows the last batch and the cases both batches brought.
    cases = {rid for ids in batches.cases[:2] for rid in ids}
    assert _display(window, CentreColumn.LAST_SEQUENCE) == 2
    assert _display(window, CentreColumn.CASES) == len(cases)
    assert _display(window, CentreColumn.DAYS_SINCE) == 0
    assert _display(window, CentreColumn.MISSING) == "none"


def test_the_same_file_again_is_already_imported_and_changes_nothing(
    qtbot: QtBot, opened: Opened, batches: Batches
) -> None:
    window = opened.window
    first = _import(qtbot, window, batches.files[0])
    assert first[0].status == "imported"
    ack = first[0].ack_path
    assert ack is not None
    ack.unlink()  # lost on the way: importing again writes it again

    again = _import(qtbot, window, batches.files[0])

    assert again[0].status == "already imported"
    assert ack.is_file()
    rows = _report_texts(window)
    assert len(rows) == 1
    assert rows[0][1] == "Already imported"
    assert again[0].error is not None and rows[0][2] == describe(again[0].error)
    assert "already imported" in rows[0][2]
    assert "0 imported, 1 already imported, 0 refused" in window.report.summary
    assert _display(window, CentreColumn.LAST_SEQUENCE) == 1
    assert _display(window, CentreColumn.CASES) == len(batches.cases[0])


def test_a_damaged_file_is_refused_with_its_sentence(
    qtbot: QtBot, opened: Opened, batches: Batches, tmp_path: Path
) -> None:
    window = opened.window
    data = bytearray(batches.files[0].read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit of one byte, in the middle of the file
    damaged = tmp_path / batches.files[0].name
    damaged.write_bytes(bytes(data))

    outcomes = _drop(qtbot, window, damaged)

    assert outcomes[0].status == "refused"
    assert isinstance(outcomes[0].error, BatchRefused)
    sentence = describe(outcomes[0].error)
    assert damaged.name in sentence  # the sentence names the file
    rows = _report_texts(window)
    assert rows == [(damaged.name, "Refused", sentence, "")]
    model = window.report.model
    colour = model.data(model.index(0, ReportColumn.RESULT), Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QColor) and colour.name() == MISSING_COLOUR
    assert "0 imported, 0 already imported, 1 refused" in window.report.summary
    assert "Acknowledgements were written" not in window.report.summary
    # Nothing was imported; no acknowledgement was written.
    assert _display(window, CentreColumn.LAST_SEQUENCE) == "none"
    assert not any(opened.acks.iterdir())


def test_a_gap_shows_the_missing_batch_in_words_and_in_red(
    qtbot: QtBot, opened: Opened, batches: Batches
) -> None:
    window = opened.window
    outcomes = _drop(qtbot, window, batches.files[0], batches.files[2])

    assert [o.status for o in outcomes] == ["imported", "refused"]
    missing = _display(window, CentreColumn.MISSING)
    assert missing == "MISSING: 2"
    colour = _centre_cell(window, CentreColumn.MISSING, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QColor) and colour.name() == MISSING_COLOUR
    tip = _centre_cell(window, CentreColumn.MISSING, Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tip, str) and "send them again" in tip
    # The refusal says which batch is missing too.
    assert "missing" in _report_texts(window)[1][2]

    # Batch 2 arrives, then 3 again: the gap closes.
    _import(qtbot, window, batches.files[1], batches.files[2])
    assert _display(window, CentreColumn.MISSING) == "none"
    assert _display(window, CentreColumn.LAST_SEQUENCE) == 3


def test_the_acknowledgement_folder_is_asked_once_from_a_default_beside_the_workspace(
    qtbot: QtBot, batches: Batches, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    chosen = tmp_path / "for the centres"
    answers = iter(["", str(chosen)])  # cancelled the first time, a folder the second

    def ask(_parent: QWidget, _title: str, start: str) -> str:
        asked.append(start)
        return next(answers)

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getExistingDirectory", ask)
    ws = batches.world.registry()
    settings = settings_at(tmp_path / "ui.ini")
    window = RegistryWindow(ws, settings)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.centres_loaded, timeout=20_000):
            window.start_session()
        proposal = default_ack_folder(batches.world.registry_folder)
        assert proposal.parent == batches.world.registry_folder.resolve().parent

        window.import_files([batches.files[0]])  # cancelled: nothing imported
        assert asked == [str(proposal)]
        assert "Nothing was imported" in window.import_panel.status_text
        assert _display(window, CentreColumn.LAST_SEQUENCE) == "none"

        outcomes = _import(qtbot, window, batches.files[0])
        assert len(asked) == 2
        assert outcomes[0].ack_path is not None and outcomes[0].ack_path.parent == chosen

        _import(qtbot, window, batches.files[1])
        assert len(asked) == 2  # remembered: not asked again
        # And remembered for the next window too.
        assert settings_at(tmp_path / "ui.ini").qsettings.value("registry/ack_folder") == str(
            chosen
        )
    finally:
        window.close()
        ws.close()


def test_export_registry_key_writes_the_file_and_shows_its_fingerprint(
    qtbot: QtBot, opened: Opened, tmp_path: Path
) -> None:
    dest = tmp_path / "to-sites.cmlkey"
    opened.window.keys.export_registry_key(dest)
    qtbot.waitUntil(
        lambda: bool(opened.window.findChildren(QMessageBox, "info_box")), timeout=10_000
    )
    box = opened.window.findChildren(QMessageBox, "info_box")
    fingerprint = inspect_key_file(dest, expected_role="registry").fingerprint
    assert fingerprint in box[0].text()
    box[0].accept()


def test_lock_hides_everything_until_the_password_is_given(qtbot: QtBot, opened: Opened) -> None:
    window = opened.window
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert not window.registry_actions.import_batches.isEnabled()
    assert not window.centres_view.isVisible()
    assert window.registry_actions.quit.isEnabled()

    def dialog() -> UnlockDialog | None:
        found = [d for d in window.findChildren(UnlockDialog) if d.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: dialog() is not None)
    unlock = dialog()
    assert unlock is not None and unlock.relock
    password = unlock.findChild(QLineEdit, "unlock_password")
    assert password is not None
    qtbot.keyClicks(password, PASSWORD)
    qtbot.keyClick(password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=15_000)
    assert window.registry_actions.import_batches.isEnabled()
    assert window.centres_view.isVisible()
    assert not [d for d in window.findChildren(QDialog) if d.isVisible()]
