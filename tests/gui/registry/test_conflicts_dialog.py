"""The coordinator's *Conflicting versions…* over a real conflict (a centre's version kept, not
applied): listed in words, taken with a reason, the centre table and the audit trail follow."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cmlentry.gui.dialogs.reason_dialog import ReasonDialog
from cmlentry.gui.registry.centres_model import Column as CentreColumn
from cmlentry.gui.registry.conflicts_dialog import ConflictsDialog
from cmlentry.storage.models import AuditEvent
from tests.batch_world import make_world, sign_cases
from tests.conftest import FakeClock
from tests.gui.registry.conftest import close_window, open_window
from tests.services.registry.test_conflicts import (
    forget_sent,
    held,
    revision_of,
    send,
    unlock_and_sign,
)


def _conflicts_cell(dialog: ConflictsDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


def test_a_conflict_is_listed_and_the_centres_version_taken_with_a_reason(
    qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    world, complete = make_world(tmp_path / "world", clock, cases=3)
    case = complete[0]
    sign_cases(world, [case])
    send(world, case)
    first = revision_of(world, case)
    unlock_and_sign(world, case, "a correction")
    forget_sent(world, case)
    send(world, case)
    second = revision_of(world, case)

    opened = open_window(qtbot, world.registry(), tmp_path)
    try:
        window = opened.window
        model = window.centres_view.model
        assert model.data(model.index(0, CentreColumn.CONFLICTS)) == 1
        dialog = window.ask_conflicts()
        assert isinstance(dialog, ConflictsDialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
        assert [_conflicts_cell(dialog, 0, c) for c in range(6)][:5] == [
            case,
            f"revision {second}",
            "no earlier revision",
            f"revision {first}",
            f"{case[:6]}, batch 2",
        ]
        assert "kept, not applied" in (dialog.table.item(0, 0).toolTip() or "")
        assert dialog.summary.text().startswith("1 conflicting version")
        assert dialog.take_button.isEnabled()

        dialog.take_button.click()
        ask = dialog.findChild(ReasonDialog)
        assert ask is not None and ask.isVisible()
        ask.reject()  # cancelled: nothing is taken
        dialog.reload()
        qtbot.wait(200)
        assert dialog.table.rowCount() == 1
        assert model.data(model.index(0, CentreColumn.CONFLICTS)) == 1

        dialog.take_button.click()
        asks = [d for d in dialog.findChildren(ReasonDialog) if d.isVisible()]
        [ask] = asks
        box = ask.findChild(QComboBox, "reason_box")
        accept = ask.findChild(QPushButton, "reason_accept")
        assert box is not None and accept is not None
        box.setEditText("The centre confirmed its correction by phone")
        with qtbot.waitSignal(dialog.conflict_settled, timeout=10_000):
            accept.click()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=10_000)
        assert dialog.summary.text().startswith("No conflicts wait")
        assert not dialog.take_button.isEnabled()
        qtbot.waitUntil(
            lambda: model.data(model.index(0, CentreColumn.CONFLICTS)) == 0, timeout=10_000
        )
        with opened.ws.db.read() as session:
            event = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "conflict_settled")
            ).one()
        assert event.reason == "The centre confirmed its correction by phone"
        dialog.close()
    finally:
        close_window(opened)
    assert held(world, case)[:2] == (second, 0)
