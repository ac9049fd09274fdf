"""The set-up wizard, page by page, making a real workspace in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWizard,
)
from pytestqt.qtbot import QtBot

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.accounts import SiteDetails
from cmlentry.gui.setup_pages import NEW_FOLDER_NAME, same_group
from cmlentry.gui.setup_wizard import SetupWizard
from cmlentry.gui.workers import wait_for_done
from cmlentry.services.setup import is_workspace
from tests.conftest import ADMIN_PASSWORD, FakeClock, Site
from tests.keys_fixture import TRAINING_REGISTRY_FILE, write_key_file

TRAINING_FINGERPRINT = "JFA1G AR8VW FPP2P M6NCV TKNRF 4QZYR"
NEXT, BACK = QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton
COMMIT, FINISH = QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton


@pytest.fixture(autouse=True)
def _workers_done() -> Iterator[None]:
    yield
    assert wait_for_done()


@pytest.fixture
def wizard(qtbot: QtBot, tmp_path: Path, clock: FakeClock) -> Iterator[SetupWizard]:
    made = SetupWizard(tmp_path / "site", clock=clock, policy=OWASP_FLOOR)
    # Not given to qtbot.addWidget: qtbot would close it, and closing it on the recovery key
    # page rightly asks first. It is ended here instead.
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.hide()
    made.deleteLater()
    if made.result_setup is not None:
        made.result_setup.workspace.close()


def message(wizard: SetupWizard, name: str) -> str:
    label = wizard.findChild(QLabel, name)
    assert label is not None, name
    return label.text() if label.isVisible() else ""


def can(wizard: SetupWizard, which: QWizard.WizardButton) -> bool:
    button = wizard.button(which)
    return button.isVisible() and button.isEnabled()


def press(qtbot: QtBot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:
    assert can(wizard, which), which
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def fill_site(qtbot: QtBot, wizard: SetupWizard) -> None:
    page = wizard.site_page
    qtbot.keyClicks(page.country.lineEdit(), "FR")
    qtbot.keyClicks(page.centre_code, "086")
    qtbot.keyClicks(page.centre_name, "CHU de Test")


def fill_admin(qtbot: QtBot, wizard: SetupWizard) -> None:
    page = wizard.admin_page
    qtbot.keyClicks(page.username, "ada")
    qtbot.keyClicks(page.printed_name, "Ada Admin")
    qtbot.keyClicks(page.password, ADMIN_PASSWORD)
    qtbot.keyClicks(page.repeat, ADMIN_PASSWORD)


def to_create_page(qtbot: QtBot, wizard: SetupWizard, key_file: Path | None) -> None:
    press(qtbot, wizard, NEXT)
    fill_site(qtbot, wizard)
    press(qtbot, wizard, NEXT)
    fill_admin(qtbot, wizard)
    press(qtbot, wizard, NEXT)
    if key_file is None:
        wizard.registry_page.later.click()
    else:
        wizard.registry_page.load_key_file(key_file)
        wizard.registry_page.compared.click()
    press(qtbot, wizard, NEXT)
    assert wizard.currentId() == SetupWizard.CREATE


def create(qtbot: QtBot, wizard: SetupWizard) -> None:
    press(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentId() == SetupWizard.RECOVERY, timeout=15000)


def confirm_recovery_key(qtbot: QtBot, wizard: SetupWizard) -> None:
    page = wizard.recovery_page
    assert wizard.result_setup is not None
    group = wizard.result_setup.recovery_key.split("-")[page.asked_group - 1]
    page.written.setChecked(True)
    qtbot.keyClicks(page.group, group.lower())


# --- the pages before anything exists ---------------------------------------------------------


def test_the_welcome_page_shows_the_folder_and_refuses_a_workspace(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path, site: Site
) -> None:
    folder = wizard.findChild(QLineEdit, "setup_folder")
    assert folder is not None
    assert folder.text() == str(tmp_path / "site")
    assert folder.accessibleName()
    assert can(wizard, NEXT)
    wizard.welcome_page.set_folder(site.folder)
    assert "already holds a workspace" in message(wizard, "setup_folder_message")
    assert not can(wizard, NEXT)
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "letter.txt").write_text("keep me")
    wizard.welcome_page.set_folder(tmp_path / "documents")
    assert folder.text() == str(tmp_path / "documents" / NEW_FOLDER_NAME)
    assert can(wizard, NEXT)


def test_the_site_page_checks_each_field_beside_it(qtbot: QtBot, wizard: SetupWizard) -> None:
    press(qtbot, wizard, NEXT)
    page = wizard.site_page
    assert not can(wizard, NEXT)
    assert message(wizard, "setup_country_message") == ""  # nothing said before typing
    qtbot.keyClicks(page.country.lineEdit(), "F1")
    assert "The country is not valid" in message(wizard, "setup_country_message")
    page.country.lineEdit().clear()
    qtbot.keyClicks(page.country.lineEdit(), "de")
    assert page.country_code() == "DE"
    assert message(wizard, "setup_country_message") == ""
    qtbot.keyClicks(page.centre_code, "8x")
    assert "The centre code is not valid" in message(wizard, "setup_centre_code_message")
    page.centre_code.clear()
    qtbot.keyClicks(page.centre_code, "086")
    assert message(wizard, "setup_centre_code_message") == ""
    assert not can(wizard, NEXT)
    qtbot.keyClicks(page.centre_name, "Uniklinik")
    assert can(wizard, NEXT)
    for field in (page.country, page.centre_code, page.centre_name):
        assert field.accessibleName()


def test_the_country_can_be_chosen_from_the_list(qtbot: QtBot, wizard: SetupWizard) -> None:
    press(qtbot, wizard, NEXT)
    page = wizard.site_page
    page.country.setCurrentIndex(page.country.findData("FR"))
    assert page.country.currentText().startswith("FR — ")
    assert page.country_code() == "FR"


def test_the_admin_page_checks_each_field_beside_it(qtbot: QtBot, wizard: SetupWizard) -> None:
    press(qtbot, wizard, NEXT)
    fill_site(qtbot, wizard)
    press(qtbot, wizard, NEXT)
    page = wizard.admin_page
    qtbot.keyClicks(page.username, "9ada")
    assert "The user name is not valid" in message(wizard, "setup_username_message")
    page.username.clear()
    qtbot.keyClicks(page.username, "ada")
    qtbot.keyClicks(page.printed_name, "Ada Admin")
    qtbot.keyClicks(page.password, "short")
    assert "too weak" in message(wizard, "setup_password_message")
    page.password.clear()
    qtbot.keyClicks(page.password, "ada-and-more-words")
    assert "contains the user name" in message(wizard, "setup_password_message")
    page.password.clear()
    qtbot.keyClicks(page.password, ADMIN_PASSWORD)
    qtbot.keyClicks(page.repeat, ADMIN_PASSWORD + "x")
    assert "The two passwords differ" in message(wizard, "setup_repeat_message")
    assert not can(wizard, NEXT)
    qtbot.keyClick(page.repeat, Qt.Key.Key_Backspace)
    assert message(wizard, "setup_repeat_message") == ""
    assert can(wizard, NEXT)
    assert "At least 10 characters" in message(wizard, "setup_password_hint")
    page.password.clear()
    qtbot.keyClicks(page.password, "Lyon-rain-42")  # accepted, but shorter than advised
    assert "Accepted. A longer password" in message(wizard, "setup_password_hint")
    assert "The two passwords differ" in message(wizard, "setup_repeat_message")
    assert not can(wizard, NEXT)
    assert page.password.echoMode() == QLineEdit.EchoMode.Password


def test_the_registry_page_shows_the_fingerprint_to_compare(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path
) -> None:
    press(qtbot, wizard, NEXT)
    fill_site(qtbot, wizard)
    press(qtbot, wizard, NEXT)
    fill_admin(qtbot, wizard)
    press(qtbot, wizard, NEXT)
    page = wizard.registry_page
    assert not can(wizard, NEXT)
    damaged = tmp_path / "damaged.cmlkey"
    damaged.write_bytes(TRAINING_REGISTRY_FILE.read_bytes()[:-40])
    page.load_key_file(damaged)
    assert "damaged" in message(wizard, "setup_registry_message")
    assert not page.fingerprint.isVisible()
    site_key = tmp_path / "site.cmlkey"
    write_key_file(site_key, role="site", owner=SiteDetails("FR", "086", "CHU de Test"))
    page.load_key_file(site_key)
    assert "not of a registry" in message(wizard, "setup_registry_message")
    page.load_key_file(TRAINING_REGISTRY_FILE)
    assert message(wizard, "setup_registry_message") == ""
    assert page.fingerprint.text() == TRAINING_FINGERPRINT
    assert not can(wizard, NEXT)  # not before it was compared
    page.compared.click()
    assert can(wizard, NEXT)
    page.load_key_file(TRAINING_REGISTRY_FILE)  # a file chosen again must be compared again
    assert not page.compared.isChecked()
    assert not can(wizard, NEXT)
    page.later.click()
    assert can(wizard, NEXT)
    assert not page.fingerprint.isVisible()


def test_escape_before_creation_makes_nothing(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path
) -> None:
    press(qtbot, wizard, NEXT)
    fill_site(qtbot, wizard)
    with qtbot.waitSignal(wizard.rejected):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.result_setup is None
    assert not (tmp_path / "site").exists()


# --- creating, the recovery key and the end ---------------------------------------------------


def test_the_whole_way_through(qtbot: QtBot, wizard: SetupWizard, tmp_path: Path) -> None:
    to_create_page(qtbot, wizard, TRAINING_REGISTRY_FILE)
    summary = wizard.findChild(QLabel, "setup_summary")
    assert summary is not None
    assert "FR-086, CHU de Test" in summary.text()
    assert TRAINING_FINGERPRINT in summary.text()
    create(qtbot, wizard)
    result = wizard.result_setup
    assert result is not None
    assert is_workspace(tmp_path / "site")
    assert result.registry_key is not None
    assert result.registry_key.fingerprint == TRAINING_FINGERPRINT
    assert result.workspace.user.username == "ada"
    assert wizard.admin_page.password.text() == ""  # not kept once it is not needed

    page = wizard.recovery_page
    assert page.key_label.text().split() == result.recovery_key.split("-")
    assert page.key_label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert not can(wizard, BACK)
    assert not can(wizard, COMMIT)
    page.written.click()
    assert not can(wizard, COMMIT)  # the confirmation alone is not enough
    wrong = "00000" if result.recovery_key.split("-")[page.asked_group - 1] != "00000" else "11111"
    qtbot.keyClicks(page.group, wrong)
    assert f"That is not group {page.asked_group}" in message(wizard, "setup_recovery_message")
    assert not can(wizard, COMMIT)
    page.group.clear()
    confirm_recovery_key(qtbot, wizard)
    assert message(wizard, "setup_recovery_message") == ""
    press(qtbot, wizard, COMMIT)

    assert wizard.currentId() == SetupWizard.DONE
    assert page.key_label.text() == ""  # the key is off the screen for good
    assert not can(wizard, BACK)
    assert wizard.done_page.fingerprint.text() == result.site_key.fingerprint
    with qtbot.waitSignal(wizard.accepted):
        press(qtbot, wizard, FINISH)


def test_adding_the_registry_key_later(qtbot: QtBot, wizard: SetupWizard) -> None:
    to_create_page(qtbot, wizard, None)
    create(qtbot, wizard)
    assert wizard.result_setup is not None
    assert wizard.result_setup.registry_key is None
    confirm_recovery_key(qtbot, wizard)
    press(qtbot, wizard, COMMIT)
    steps = wizard.findChild(QLabel, "setup_next_steps")
    assert steps is not None
    assert "cmlentry keys trust-registry FILE" in steps.text()  # a command that exists


def test_a_failed_creation_says_why_makes_nothing_and_lets_the_admin_go_back(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path
) -> None:
    to_create_page(qtbot, wizard, None)
    # Someone puts a file in the folder after it was chosen.
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "notes.txt").write_text("keep me")
    press(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: "already holds files" in message(wizard, "setup_create_message"))
    assert "Go back" in message(wizard, "setup_create_message")
    assert wizard.currentId() == SetupWizard.CREATE
    assert wizard.result_setup is None
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["notes.txt"]
    for _ in range(4):
        press(qtbot, wizard, BACK)
    assert wizard.currentId() == SetupWizard.WELCOME
    wizard.welcome_page.set_folder(tmp_path / "elsewhere")
    for _ in range(4):
        press(qtbot, wizard, NEXT)
    create(qtbot, wizard)
    assert is_workspace(tmp_path / "elsewhere")


def answer_confirm(qtbot: QtBot, name: str) -> list[str]:
    """Answer the next confirmation box with the button ``name``; returns its text when shown."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        button = box.findChild(QPushButton, name)
        assert button is not None
        button.click()

    QTimer.singleShot(0, answer)
    return seen


def test_closing_on_the_recovery_key_page_asks_and_keeps_the_workspace(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path
) -> None:
    to_create_page(qtbot, wizard, None)
    create(qtbot, wizard)
    seen = answer_confirm(qtbot, "confirm_no")
    wizard.reject()
    assert seen and "an administrator can make a new one later" in seen[0]
    assert wizard.isVisible()
    assert wizard.currentId() == SetupWizard.RECOVERY
    seen = answer_confirm(qtbot, "confirm_yes")
    with qtbot.waitSignal(wizard.accepted):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert seen
    assert wizard.result_setup is not None
    assert wizard.recovery_page.key_label.text() == ""
    assert is_workspace(tmp_path / "site")


def test_escape_on_the_last_page_keeps_the_workspace(qtbot: QtBot, wizard: SetupWizard) -> None:
    to_create_page(qtbot, wizard, None)
    create(qtbot, wizard)
    confirm_recovery_key(qtbot, wizard)
    press(qtbot, wizard, COMMIT)
    with qtbot.waitSignal(wizard.accepted):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.result_setup is not None


def test_a_group_is_compared_as_people_copy_it() -> None:
    assert same_group(" 7kq2m ", "7KQ2M")
    assert same_group("0O1IL", "00111")
    assert not same_group("7KQ2N", "7KQ2M")
    assert not same_group("", "7KQ2M")
