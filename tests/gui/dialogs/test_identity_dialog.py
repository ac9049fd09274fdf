"""The identity dialog over a real workspace: record, correct with a reason, refuse other roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cmlentry.domain.roles import Role
from cmlentry.gui import workers
from cmlentry.gui.dialogs.identity_dialog import IdentityDialog
from cmlentry.services.cases import CaseService
from cmlentry.services.identities import Identity, IdentityService
from cmlentry.services.workspace import Workspace
from cmlentry.storage.models import AuditEvent
from tests.conftest import NURSE, NURSE_PASSWORD, Site

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def _workers_done(qtbot: QtBot) -> Iterator[None]:
    yield
    assert workers.wait_for_done()
    qtbot.waitUntil(lambda: workers.pending() == 0)


@pytest.fixture
def nurse_ws(site: Site) -> Iterator[Workspace]:
    with site.open(NURSE, NURSE_PASSWORD) as ws:
        yield ws


@pytest.fixture
def case(nurse_ws: Workspace) -> str:
    return CaseService(nurse_ws, today=TODAY).create_case()


def make(qtbot: QtBot, registry_id: str, identities: IdentityService) -> IdentityDialog:
    dialog = IdentityDialog(registry_id, identities)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def identity_audit(ws: Workspace) -> list[tuple[str, str | None, str | None, str | None]]:
    with ws.db.read() as session:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "identity").order_by(AuditEvent.seq)
        )
        return [(r.action, r.field, r.new_value, r.reason) for r in rows]


def test_records_an_identity_without_a_reason(qtbot: QtBot, nurse_ws: Workspace, case: str) -> None:
    identities = IdentityService(nurse_ws)
    dialog = make(qtbot, case, identities)
    assert dialog.windowTitle() == f"Patient identity — {case}"
    assert not dialog.save_button.isEnabled()  # nothing typed: nothing to save
    assert not dialog.reason_box.isVisible()
    qtbot.keyClicks(dialog.fields.family_name, "Martin")
    qtbot.keyClicks(dialog.fields.birth_date, "1955-04-12")
    assert dialog.save_button.isEnabled()
    assert not dialog.reason_box.isVisible()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.fields.birth_date, Qt.Key.Key_Return)
    assert identities.get(case) == Identity(case, "Martin", "", "1955-04-12", None)


def test_a_correction_needs_a_reason_that_is_audited_without_values(
    qtbot: QtBot, nurse_ws: Workspace, case: str
) -> None:
    identities = IdentityService(nurse_ws)
    identities.set(case, "Martin", "Jeanne", "1955-04-12", "H-0042")
    dialog = make(qtbot, case, identities)
    assert dialog.fields.family_name.text() == "Martin"
    assert dialog.fields.hospital_number.text() == "H-0042"
    assert not dialog.save_button.isEnabled()

    dialog.fields.family_name.clear()
    qtbot.keyClicks(dialog.fields.family_name, "Martin-Durand")
    assert dialog.reason_box.isVisible()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.reason_box.line_edit, "ma")
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.reason_box.line_edit, "rried name")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert identities.get(case).family_name == "Martin-Durand"  # type: ignore[union-attr]
    audit = identity_audit(nurse_ws)
    assert audit[-1] == ("identity_changed", "family_name", None, "married name")
    assert all("Martin" not in str(row) for row in audit)


def test_an_identity_cannot_be_emptied_or_given_a_wrong_date(
    qtbot: QtBot, nurse_ws: Workspace, case: str
) -> None:
    identities = IdentityService(nurse_ws)
    identities.set(case, "Martin", "Jeanne")
    dialog = make(qtbot, case, identities)
    qtbot.keyClicks(dialog.fields.birth_date, "1955-02-30")
    qtbot.keyClicks(dialog.reason_box.line_edit, "checked against the record")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message == "The date of birth is not valid: this month has days 01 to 28."
    assert dialog.focusWidget() is dialog.fields.birth_date

    for edit in dialog.fields.fields():
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message == "The family name is not valid: give it as on the hospital record."
    assert dialog.isVisible()
    assert identities.get(case) == Identity(case, "Martin", "Jeanne", None, None)


def test_a_role_without_the_list_reads_the_services_sentence(
    qtbot: QtBot, nurse_ws: Workspace, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = nurse_ws.user
    coordinator = type(user)(user.id, user.username, "C", Role.COORDINATOR, True, False)
    monkeypatch.setattr(nurse_ws, "user", coordinator)
    dialog = make(qtbot, case, IdentityService(nurse_ws))
    assert dialog.message.startswith(
        "Your role (registry coordinator) may not read or change the local identification list."
    )
    assert not dialog.fields.isVisible()
    assert not dialog.save_button.isVisible()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
