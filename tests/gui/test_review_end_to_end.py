"""End to end: a case from the nurse's last form to the batch, through the PI's review.

The nurse marks the last form of a case complete in the editor; the PI raises a query on one of
its answers; the nurse answers; the PI closes the query, sees the case in the review queue (Ctrl+R)
and signs it in the sign dialog, typing user name and password; the case list then shows it
signed and locked; the export wizard (Ctrl+E) ticks it by default and makes the batch. Each person
works in their own window over the same workspace, one after the other, as on a ward PC. The query
steps go through the query service: the editor's query panel has its own tests
(tests/gui/editor/).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from cmlentry.gui import workers
from cmlentry.gui.batches import ExportWizard
from cmlentry.gui.case_row import Column
from cmlentry.gui.main_window import MainWindow
from cmlentry.gui.review import ReviewDialog, SignDialog
from cmlentry.gui.settings import Settings
from cmlentry.services.batches.export import ExportService
from cmlentry.services.desk import Desk
from cmlentry.services.review import ItemAddress
from tests.conftest import FakeClock
from tests.gui.review.world import (
    NURSE,
    NURSE_PASSWORD,
    PI,
    PI_PASSWORD,
    World,
    case_all_but_last_form,
    copy_world,
    desk_of,
    make_review_world,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_review_world(tmp_path_factory.mktemp("review-e2e"))[0]


@pytest.fixture
def world(template: World, tmp_path: Path, clock: FakeClock) -> World:
    return copy_world(template, tmp_path, clock)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def _no_leftovers(qtbot: QtBot) -> Iterator[None]:
    yield
    workers.cancel_all()
    assert workers.wait_for_done(30_000)
    qtbot.waitUntil(lambda: workers.pending() == 0)


def shown(kind: type[QDialog]) -> QDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


def box_named(name: str) -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == name and widget.isVisible():
            return widget
    return None


def open_window(qtbot: QtBot, desk: Desk, settings: Settings) -> MainWindow:
    window = MainWindow(desk, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def queries_cell(window: MainWindow, registry_id: str) -> str:
    row = window.case_list.model.row_of(registry_id)
    assert row is not None
    return str(window.case_list.model.index(row, Column.QUERIES).data())


def test_a_case_goes_from_the_nurse_through_query_and_signature_to_the_batch(
    qtbot: QtBot, world: World, settings: Settings, tmp_path: Path
) -> None:
    # The nurse marks the last form complete in the editor.
    with desk_of(world, NURSE, NURSE_PASSWORD) as nurse:
        registry_id, last_form = case_all_but_last_form(nurse.cases)
        window = open_window(qtbot, nurse, settings)
        assert not window.main_actions.review.isVisible()
        window.open_case(registry_id, last_form)
        qtbot.waitUntil(window.editor.header.complete_button.isEnabled, timeout=10_000)
        qtbot.mouseClick(window.editor.header.complete_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: nurse.cases.get_case(registry_id).status == "complete", timeout=10_000
        )
        window.finish()
        window.close()

    # The PI queries the patient's sex; the nurse answers.
    sex = ItemAddress("patient", "patient", 1, "sex")
    with desk_of(world, PI, PI_PASSWORD) as pi:
        query = pi.queries.raise_query(registry_id, sex, "Please check against the ID card")
    with desk_of(world, NURSE, NURSE_PASSWORD) as nurse:
        nurse.queries.answer(query.id, "Checked against the ID card: correct")

    with desk_of(world, PI, PI_PASSWORD) as pi:
        window = open_window(qtbot, pi, settings)
        assert queries_cell(window, registry_id) == "1 answered"
        pi.queries.close(query.id, "thank you")
        window.main_actions.refresh.trigger()
        assert queries_cell(window, registry_id) == ""

        # Ctrl+R: the queue, the case chosen, Sign… with user name and password typed again.
        window.case_list.table.setFocus()
        qtbot.keyClick(window.case_list.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: shown(ReviewDialog) is not None)
        review = shown(ReviewDialog)
        assert isinstance(review, ReviewDialog)
        qtbot.waitUntil(lambda: review.loaded, timeout=30_000)
        assert review.select_case(registry_id)
        qtbot.waitUntil(lambda: review.detail.loaded, timeout=30_000)
        assert review.detail.queries.rowCount() == 1  # the closed query, kept in the record
        qtbot.mouseClick(review.sign_button, Qt.MouseButton.LeftButton)
        signer = shown(SignDialog)
        assert isinstance(signer, SignDialog)
        qtbot.keyClicks(signer.username_field, PI)
        qtbot.keyClicks(signer.password_field, PI_PASSWORD)
        qtbot.keyClick(signer.password_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: box_named("signature_box") is not None, timeout=30_000)
        signature = pi.review.signature(registry_id)
        assert signature is not None and signature.printed_name == "Pia Investigator"
        box = box_named("signature_box")
        assert box is not None
        box.done(0)
        qtbot.waitUntil(lambda: review.loaded, timeout=30_000)
        review.reject()

        # The list shows it signed and locked.
        row = window.case_list.model.row_of(registry_id)
        assert row is not None
        record = window.case_list.model.record(row)
        assert (record.status, record.locked) == ("signed", True)
        assert window.case_list.model.index(row, Column.STATUS).data() == "Signed"

        # Ctrl+E: the export wizard ticks the signed case, and only it, by default.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.case_list.table.setFocus()
        qtbot.keyClick(window.case_list.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: shown(ExportWizard) is not None)
        wizard = shown(ExportWizard)
        assert isinstance(wizard, ExportWizard)
        qtbot.waitUntil(lambda: wizard.cases_page.loaded, timeout=30_000)
        assert wizard.cases_page.model.chosen() == [registry_id]
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        usb = tmp_path / "usb"
        usb.mkdir()
        wizard.folder_page.folder.setText(str(usb))
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton
        )
        qtbot.waitUntil(lambda: wizard.currentId() == ExportWizard.RESULT, timeout=60_000)
        outcome = wizard.outcome
        assert outcome is not None and outcome.path is not None and outcome.path.parent == usb
        exports = ExportService(pi.ws)
        [batch] = exports.batches()
        assert batch.case_count == 1
        status = {c.registry_id: c.status for c in exports.candidates()}
        assert status[registry_id] == "exported"
        wizard.reject()
        window.finish()
        window.close()
