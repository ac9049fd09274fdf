"""Registering a patient through the dialog, over a real workspace, as a nurse would."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from cmlentry.domain.roles import Role
from cmlentry.errors import DiskFull
from cmlentry.gui import workers
from cmlentry.gui.dialogs.new_case_dialog import NewCaseDialog
from cmlentry.services.cases import CaseService
from cmlentry.services.identities import Identity, IdentityService
from cmlentry.services.workspace import Workspace
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
def services(nurse_ws: Workspace) -> tuple[CaseService, IdentityService]:
    return CaseService(nurse_ws, today=TODAY), IdentityService(nurse_ws)


def make(qtbot: QtBot, services: tuple[CaseService, IdentityService]) -> NewCaseDialog:
    dialog = NewCaseDialog(*services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill(qtbot: QtBot, dialog: NewCaseDialog, *texts: str) -> None:
    """Type family name, given names, birth date, hospital number, tabbing between them."""
    for edit, text in zip(dialog.fields.fields(), texts, strict=False):
        edit.setFocus()
        qtbot.keyClicks(edit, text)


def register(qtbot: QtBot, dialog: NewCaseDialog) -> str:
    with qtbot.waitSignal(dialog.case_created) as created:
        qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    registry_id: str = created.args[0]
    return registry_id


def test_registers_a_case_and_its_identity(
    qtbot: QtBot, services: tuple[CaseService, IdentityService]
) -> None:
    cases, identities = services
    dialog = make(qtbot, services)
    local = dialog.findChild(QLabel, "new_case_local_only")
    assert local is not None and "never leaves this computer" in local.text()
    fill(qtbot, dialog, " Martin ", "Jeanne  Marie", "1955-04-12", "H-0042")
    registry_id = register(qtbot, dialog)

    assert dialog.registry_id == registry_id
    assert [c.registry_id for c in cases.list_cases()] == [registry_id]
    assert identities.get(registry_id) == Identity(
        registry_id, "Martin", "Jeanne Marie", "1955-04-12", "H-0042"
    )
    big = dialog.findChild(QLabel, "new_case_registry_id")
    assert big is not None and big.isVisible() and big.text() == registry_id
    assert big.font().pointSizeF() > 2 * dialog.font().pointSizeF()
    assert "saved in this computer's identification list" in dialog.outcome
    assert dialog.open_case_button.isVisible()
    assert dialog.focusWidget() is dialog.open_case_button
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.open_case_button, Qt.Key.Key_Return)


def test_without_identification_only_the_case_is_made(
    qtbot: QtBot, services: tuple[CaseService, IdentityService]
) -> None:
    _cases, identities = services
    dialog = make(qtbot, services)
    registry_id = register(qtbot, dialog)
    assert identities.get(registry_id) is None
    assert "No identification was given" in dialog.outcome
    # The case exists: closing the dialog now opens it, as "Open the case" does.
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.registry_id == registry_id


def test_the_new_id_can_be_copied(
    qtbot: QtBot, services: tuple[CaseService, IdentityService]
) -> None:
    dialog = make(qtbot, services)
    registry_id = register(qtbot, dialog)
    copy = dialog.findChild(type(dialog.open_case_button), "new_case_copy")
    assert copy is not None
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == registry_id


def test_a_duplicate_hospital_number_warns_and_offers_the_case(
    qtbot: QtBot, services: tuple[CaseService, IdentityService]
) -> None:
    cases, identities = services
    existing = cases.create_case()
    identities.set(existing, "Durand", "Paul", "1950-01-02", "H-0042")
    dialog = make(qtbot, services)
    fill(qtbot, dialog, "Dupont", "Pierre", "", "h 0042")
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)

    assert dialog.message.startswith(
        f"This patient may already be registered as {existing} (the same hospital number)."
    )
    assert len(cases.list_cases()) == 1  # nothing was created
    assert dialog.register_button.text() == "&Register anyway"
    opener = dialog.match_buttons()[0]
    assert opener.text() == f"Open {existing}"
    assert opener.isDefault() and not dialog.register_button.isDefault()
    # Enter (the default button) opens the existing case rather than registering it again.
    with (
        qtbot.waitSignal(dialog.existing_case_chosen) as chosen,
        qtbot.waitSignal(dialog.rejected),
    ):
        qtbot.keyClick(opener, Qt.Key.Key_Return)
    assert chosen.args == [existing]
    assert dialog.registry_id is None
    assert len(cases.list_cases()) == 1


def test_same_name_and_birth_date_warns_then_register_anyway(
    qtbot: QtBot, services: tuple[CaseService, IdentityService]
) -> None:
    cases, identities = services
    existing = cases.create_case()
    identities.set(existing, "Martin", "Jeanne", "1955-04-12")
    dialog = make(qtbot, services)
    fill(qtbot, dialog, "MARTIN", "Jeanne-Marie", "1955-04-12")
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert "(the same family name and date of birth)" in dialog.message

    registry_id = register(qtbot, dialog)  # the second press: "Register anyway"
    assert registry_id != existing
    assert [p.registry_id for p in identities.find("martin")] == [existing, registry_id]


def test_editing_after_the_warning_looks_again(
    qtbot: QtBot, services: tuple[CaseService, IdentityService]
) -> None:
    cases, identities = services
    existing = cases.create_case()
    identities.set(existing, "Durand", "Paul", None, "H-0042")
    dialog = make(qtbot, services)
    fill(qtbot, dialog, "Durand", "Paul", "", "H-0042")
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert dialog.match_buttons()
    qtbot.keyClicks(dialog.fields.hospital_number, "7")  # H-00427: another patient
    assert dialog.message == ""
    assert dialog.register_button.text() == "&Register patient"
    registry_id = register(qtbot, dialog)
    assert identities.get(registry_id).hospital_number == "H-00427"  # type: ignore[union-attr]


def test_an_incomplete_birth_date_is_refused_before_anything_is_written(
    qtbot: QtBot, services: tuple[CaseService, IdentityService]
) -> None:
    cases, _identities = services
    dialog = make(qtbot, services)
    fill(qtbot, dialog, "Martin", "Jeanne", "1955-04")
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert dialog.message == "The date of birth is not valid: give the full date."
    assert dialog.focusWidget() is dialog.fields.birth_date
    assert cases.list_cases() == []


def test_a_given_name_without_family_name_is_refused(
    qtbot: QtBot, services: tuple[CaseService, IdentityService]
) -> None:
    cases, _identities = services
    dialog = make(qtbot, services)
    fill(qtbot, dialog, "", "Jeanne")
    qtbot.keyClick(dialog.fields.given_names, Qt.Key.Key_Return)  # Enter presses Register
    assert dialog.message == ("The family name is not valid: give it as on the hospital record.")
    assert cases.list_cases() == []


def test_a_role_that_may_not_register_gets_the_services_sentence(
    qtbot: QtBot,
    services: tuple[CaseService, IdentityService],
    nurse_ws: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No role may create cases without also seeing identities; a registry coordinator may do
    neither, and reads the services' own sentence, with nothing written."""
    cases, _identities = services
    user = nurse_ws.user
    coordinator = type(user)(user.id, user.username, "C", Role.COORDINATOR, True, False)
    monkeypatch.setattr(nurse_ws, "user", coordinator)
    dialog = make(qtbot, services)
    fill(qtbot, dialog, "Martin", "Jeanne", "", "H-1")
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert dialog.message.startswith("Your role (registry coordinator) may not read or change")

    for edit in dialog.fields.fields():
        edit.clear()
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No patient was registered." in dialog.message)
    assert dialog.message.startswith(
        "Your role (registry coordinator) may not enter or change case data."
    )
    assert dialog.registry_id is None
    assert dialog.register_button.isEnabled()
    monkeypatch.undo()
    assert cases.list_cases() == []


def test_when_the_identity_fails_the_nurse_is_told_what_exists_and_can_retry(
    qtbot: QtBot, services: tuple[CaseService, IdentityService], monkeypatch: pytest.MonkeyPatch
) -> None:
    cases, identities = services
    real_set = identities.set

    def disk_full(*_args: object, **_kwargs: object) -> Identity:
        raise DiskFull(folder="the workspace folder")

    monkeypatch.setattr(identities, "set", disk_full)
    dialog = make(qtbot, services)
    fill(qtbot, dialog, "Martin", "Jeanne", "1955-04-12", "H-0042")
    registry_id = register(qtbot, dialog)
    assert f"The case {registry_id} exists, but its identification was NOT saved" in (
        dialog.outcome
    )
    assert "There is not enough free space in the workspace folder." in dialog.outcome
    assert [c.registry_id for c in cases.list_cases()] == [registry_id]
    assert identities.get(registry_id) is None
    assert dialog.retry_button.isVisible()

    monkeypatch.setattr(identities, "set", real_set)
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "saved in this computer's identification list" in dialog.outcome)
    assert not dialog.retry_button.isVisible()
    assert identities.get(registry_id) == Identity(
        registry_id, "Martin", "Jeanne", "1955-04-12", "H-0042"
    )
    assert len(cases.list_cases()) == 1  # retrying made no second case


def test_escape_before_registering_cancels(
    qtbot: QtBot, services: tuple[CaseService, IdentityService]
) -> None:
    cases, _identities = services
    dialog = make(qtbot, services)
    fill(qtbot, dialog, "Martin")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.fields.family_name, Qt.Key.Key_Escape)
    assert dialog.registry_id is None
    assert cases.list_cases() == []


def test_inputs_are_named_and_in_tab_order(
    qtbot: QtBot, services: tuple[CaseService, IdentityService]
) -> None:
    dialog = make(qtbot, services)
    fields = dialog.fields.fields()
    assert [f.accessibleName() for f in fields] == [
        "Family name",
        "Given names",
        "Date of birth",
        "Hospital number",
    ]
    assert dialog.focusWidget() is fields[0]
    for here, there in itertools.pairwise(fields):
        assert here.nextInFocusChain() is there
