"""The coordinator's *Conflicting versions…* over real conflicts (a centre's version kept, not
applied): listed in words, settled with a reason — the centre's version taken, or the registry's
kept — and the centre table and the audit trail follow; Cancel settles nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cmlentry.gui.dialogs.reason_dialog import ReasonDialog
from cmlentry.gui.registry.centres_model import Column as CentreColumn
from cmlentry.gui.registry.conflicts_dialog import ConflictColumn, ConflictsDialog, RecordRole
from cmlentry.services.registry.conflicts import WaitingConflict
from cmlentry.storage.models import AuditEvent
from tests.batch_world import World, make_world, sign_cases
from tests.conftest import FakeClock
from tests.gui.registry.conftest import Opened, close_window, open_window
from tests.services.registry.test_conflicts import (
    forget_sent,
    held,
    revision_of,
    send,
    unlock_and_sign,
)


def _conflict_world(tmp_path: Path, clock: FakeClock) -> tuple[World, str, int, int]:
    world, complete = make_world(tmp_path / "world", clock, cases=3)
    case = complete[0]
    sign_cases(world, [case])
    send(world, case)
    first = revision_of(world, case)
    unlock_and_sign(world, case, "a correction")
    forget_sent(world, case)
    send(world, case)
    return world, case, first, revision_of(world, case)


def _open_dialog(qtbot: QtBot, opened: Opened) -> ConflictsDialog:
    dialog = opened.window.ask_conflicts()
    assert isinstance(dialog, ConflictsDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    return dialog


def _answer(dialog: ConflictsDialog, button: QPushButton, reason: str | None) -> ReasonDialog:
    """Press ``button``; type ``reason`` and accept, or Cancel when None."""
    button.click()
    [ask] = [d for d in dialog.findChildren(ReasonDialog) if d.isVisible()]
    if reason is None:
        ask.reject()
        return ask
    box = ask.findChild(QComboBox, "reason_box")
    accept = ask.findChild(QPushButton, "reason_accept")
    assert box is not None and accept is not None
    box.setEditText(reason)
    accept.click()
    return ask


def _centre_conflicts(opened: Opened) -> object:
    model = opened.window.centres_view.model
    return model.data(model.index(0, CentreColumn.CONFLICTS))


def test_a_conflict_is_listed_in_words_and_the_centres_version_taken(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    world, case, first, second = _conflict_world(tmp_path, clock)
    opened = open_window(qtbot, world.registry(), tmp_path)
    try:
        assert _centre_conflicts(opened) == 1
        dialog = _open_dialog(qtbot, opened)
        model = dialog.model
        assert [model.data(model.index(0, c)) for c in ConflictColumn][:5] == [
            case,
            f"revision {second}",
            "no earlier revision",
            f"revision {first}",
            f"{case[:6]}, batch 2",
        ]
        record = model.data(model.index(0, 0), RecordRole)
        assert isinstance(record, WaitingConflict) and record.revision == second
        assert dialog.summary.text().startswith("1 conflicting version")
        assert dialog.take_button.isEnabled() and dialog.keep_button.isEnabled()

        _answer(dialog, dialog.take_button, None)  # Cancel: nothing is settled
        with qtbot.waitSignal(opened.window.centres_loaded, timeout=10_000):
            opened.window.reload()  # read from the store again
        assert _centre_conflicts(opened) == 1

        with qtbot.waitSignal(dialog.conflict_settled, timeout=10_000):
            _answer(dialog, dialog.take_button, "The centre confirmed its correction by phone")
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
        assert dialog.summary.text().startswith("No conflicts wait")
        assert not dialog.take_button.isEnabled() and not dialog.keep_button.isEnabled()
        qtbot.waitUntil(lambda: _centre_conflicts(opened) == 0, timeout=10_000)
        with opened.ws.db.read() as session:
            event = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "conflict_taken")
            ).one()
        assert event.reason == "The centre confirmed its correction by phone"
        dialog.close()
    finally:
        close_window(opened)
    assert held(world, case)[:2] == (second, 0)


def test_keeping_the_registrys_version_leaves_the_case_as_it_was(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    world, case, first, _second = _conflict_world(tmp_path, clock)
    opened = open_window(qtbot, world.registry(), tmp_path)
    try:
        dialog = _open_dialog(qtbot, opened)
        with qtbot.waitSignal(dialog.conflict_settled, timeout=10_000):
            _answer(dialog, dialog.keep_button, "An old copy of the centre's workspace")
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
        qtbot.waitUntil(lambda: _centre_conflicts(opened) == 0, timeout=10_000)
        with opened.ws.db.read() as session:
            event = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "conflict_kept")
            ).one()
        assert event.reason == "An old copy of the centre's workspace"
        dialog.close()
    finally:
        close_window(opened)
    assert held(world, case)[:2] == (first, 0)
