"""The export wizard, driven with the keyboard, making real batches in temporary folders."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard
from pytestqt.qtbot import QtBot

from cmlentry.errors import Cancelled
from cmlentry.gui.batches import ExportWizard
from cmlentry.gui.batches.candidates_model import Column
from cmlentry.gui.batches.export_pages import stop_before_commit
from cmlentry.gui.settings import Settings
from cmlentry.services.batches.export import ExportService, batch_file_name
from cmlentry.services.cases import RowData
from tests.gui.batches.conftest import visible_box

NEXT = QWizard.WizardButton.NextButton
COMMIT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture
def wizard(qtbot: QtBot, exports: ExportService, settings: Settings) -> Iterator[ExportWizard]:
    made = ExportWizard(exports, settings=settings)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    qtbot.waitUntil(lambda: made.cases_page.loaded, timeout=30_000)
    yield made


def can(wizard: ExportWizard, which: QWizard.WizardButton) -> bool:
    button = wizard.button(which)
    return button.isVisible() and button.isEnabled()


def press(qtbot: QtBot, wizard: ExportWizard, which: QWizard.WizardButton) -> None:
    assert can(wizard, which), which
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def row_of(wizard: ExportWizard, registry_id: str) -> int:
    view = wizard.cases_page.table
    proxy = view.model()
    for row in range(proxy.rowCount()):
        if proxy.index(row, Column.REGISTRY_ID).data() == registry_id:
            return row
    raise AssertionError(f"{registry_id} is not shown")


def tick_with_space(qtbot: QtBot, wizard: ExportWizard, registry_id: str) -> None:
    """Move the cursor to the case's row (on any column) and press Space, as a person would."""
    view = wizard.cases_page.table
    view.setFocus()
    view.setCurrentIndex(view.model().index(row_of(wizard, registry_id), Column.NOTE))
    qtbot.keyClick(view, Qt.Key.Key_Space)


def kept_bytes(exports: ExportService, sequence: int, folder: Path) -> bytes:
    """The bytes the workspace keeps for the batch, through the service's own "write again"."""
    folder.mkdir()
    return exports.write_again(sequence, folder).read_bytes()


def test_with_no_case_signed_it_says_so_and_next_waits_for_a_choice(
    qtbot: QtBot, wizard: ExportWizard, exports: ExportService, complete: list[str]
) -> None:
    page = wizard.cases_page
    assert "No case is signed yet: choose complete cases to send them unsigned." in (
        page.notice.text()
    )
    assert page.model.chosen() == []
    assert not can(wizard, NEXT)
    assert not page.select_eligible.isEnabled()  # nothing is signed, so nothing is eligible

    tick_with_space(qtbot, wizard, complete[0])
    assert page.model.chosen() == [complete[0]]
    assert page.count.text().startswith("1 ")
    assert can(wizard, NEXT)

    qtbot.mouseClick(page.select_none, Qt.MouseButton.LeftButton)
    assert page.model.chosen() == []
    assert not can(wizard, NEXT)


def test_drafts_are_listed_but_cannot_be_chosen(
    qtbot: QtBot, wizard: ExportWizard, exports: ExportService
) -> None:
    drafts = [c.registry_id for c in exports.candidates() if c.status == "draft"]
    assert drafts, "the world has drafts"
    page = wizard.cases_page
    tick_with_space(qtbot, wizard, drafts[0])
    page.model.set_chosen(drafts)
    assert page.model.chosen() == []
    index = page.table.model().index(row_of(wizard, drafts[0]), Column.REGISTRY_ID)
    assert index.data(Qt.ItemDataRole.CheckStateRole) is None  # no tick box at all
    note = page.table.model().index(row_of(wizard, drafts[0]), Column.NOTE).data()
    assert "draft" in note
    assert not can(wizard, NEXT)


def test_a_case_sent_and_unchanged_since_is_not_sent_again(
    qtbot: QtBot,
    exports: ExportService,
    settings: Settings,
    complete: list[str],
    tmp_path: Path,
) -> None:
    sent, other = complete[:2]
    exports.export(tmp_path, [sent])
    wizard = ExportWizard(exports, settings=settings)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: wizard.cases_page.loaded, timeout=30_000)
    tick_with_space(qtbot, wizard, sent)
    tick_with_space(qtbot, wizard, other)
    assert wizard.cases_page.model.chosen() == [other]
    note = wizard.cases_page.table.model().index(row_of(wizard, sent), Column.NOTE).data()
    assert "unchanged" in note and "Batches" in note


def test_the_filter_box_finds_a_case_typed_without_dashes(
    qtbot: QtBot, wizard: ExportWizard, complete: list[str]
) -> None:
    page = wizard.cases_page
    qtbot.keyClicks(page.filter, complete[1].replace("-", "")[:10].lower())
    proxy = page.table.model()
    shown = [proxy.index(row, Column.REGISTRY_ID).data() for row in range(proxy.rowCount())]
    assert shown == [complete[1]]


def test_the_wizard_writes_the_batch_it_keeps(
    qtbot: QtBot,
    wizard: ExportWizard,
    exports: ExportService,
    settings: Settings,
    complete: list[str],
    tmp_path: Path,
) -> None:
    made: list[int] = []
    wizard.batch_made.connect(made.append)
    for registry_id in complete[:2]:
        tick_with_space(qtbot, wizard, registry_id)
    press(qtbot, wizard, NEXT)

    usb = tmp_path / "usb"
    usb.mkdir()
    page = wizard.folder_page
    page.folder.clear()
    assert not can(wizard, COMMIT)
    qtbot.keyClicks(page.folder, str(usb))
    assert page.summary.text().startswith("2 ")
    press(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentId() == ExportWizard.RESULT, timeout=60_000)

    outcome = wizard.outcome
    assert outcome is not None and outcome.path is not None
    assert made == [outcome.sequence] == [1]
    assert outcome.path == usb / batch_file_name("FR-086", 1)
    written = outcome.path.read_bytes()
    assert written == kept_bytes(exports, 1, tmp_path / "again")
    [batch] = exports.batches()
    assert hashlib.sha256(written).hexdigest() == batch.file_sha256
    assert batch.case_count == 2
    assert str(outcome.path) in wizard.result_page.path.text()
    assert "send the file to the registry" in wizard.result_page.next_steps.text()
    status = {c.registry_id: c.status for c in exports.candidates()}
    assert [status[rid] for rid in complete[:2]] == ["exported", "exported"]
    assert can(wizard, FINISH)

    # The next export proposes the folder used last.
    again = ExportWizard(exports, settings=settings)
    qtbot.addWidget(again)
    again.folder_page.initializePage()
    assert again.folder_page.folder.text() == str(usb)


def test_the_whole_export_can_be_done_with_the_keyboard(
    qtbot: QtBot, wizard: ExportWizard, exports: ExportService, tmp_path: Path
) -> None:
    page = wizard.cases_page
    assert page.table.hasFocus()  # the list has the cursor, on the first case with a tick box
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    [first] = page.model.chosen()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # the wizard's default button: Next
    assert wizard.currentId() == ExportWizard.FOLDER

    folder = wizard.folder_page.folder
    folder.selectAll()
    qtbot.keyClicks(folder, str(tmp_path))
    qtbot.keyClick(folder, Qt.Key.Key_Return)  # "Make the batch"
    qtbot.waitUntil(lambda: wizard.currentId() == ExportWizard.RESULT, timeout=60_000)
    outcome = wizard.outcome
    assert outcome is not None and outcome.path is not None and outcome.path.parent == tmp_path
    assert [b.case_count for b in exports.batches()] == [1]
    assert {c.registry_id: c.status for c in exports.candidates()}[first] == "exported"


def test_a_batch_not_written_offers_write_again_right_there(
    qtbot: QtBot,
    wizard: ExportWizard,
    exports: ExportService,
    complete: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    full = tmp_path / "full-stick"
    # A folder where the file must go makes the write fail after the batch is made and kept.
    (full / batch_file_name("FR-086", 1)).mkdir(parents=True)
    tick_with_space(qtbot, wizard, complete[0])
    press(qtbot, wizard, NEXT)
    wizard.folder_page.folder.setText(str(full))
    press(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: wizard.currentId() == ExportWizard.RESULT, timeout=60_000)

    box = visible_box("error_box")
    assert box is not None and "made and kept" in box.text()
    box.done(0)
    outcome = wizard.outcome
    assert outcome is not None and outcome.path is None and outcome.sequence == 1
    page = wizard.result_page
    assert "not written" in page.title()
    assert page.write_again.isVisible() and not page.open_folder.isVisible()

    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(other))
    qtbot.mouseClick(page.write_again, Qt.MouseButton.LeftButton)
    target = other / batch_file_name("FR-086", 1)
    qtbot.waitUntil(lambda: wizard.outcome is not None and wizard.outcome.path == target)
    [batch] = exports.batches()
    assert hashlib.sha256(target.read_bytes()).hexdigest() == batch.file_sha256
    assert str(target) in page.path.text()


def test_a_refusal_makes_nothing_and_leaves_the_wizard_where_it_was(
    qtbot: QtBot,
    wizard: ExportWizard,
    exports: ExportService,
    complete: list[str],
    tmp_path: Path,
) -> None:
    """A chosen case goes back to draft between choosing and making: nothing is made."""
    chosen = complete[0]
    tick_with_space(qtbot, wizard, chosen)
    press(qtbot, wizard, NEXT)
    wizard.folder_page.folder.setText(str(tmp_path))
    form = exports.cases.get_case(chosen).forms["patient"]
    without_sex = {
        group: [
            RowData(row.key, {k: v for k, v in row.entries.items() if k != "sex"}) for row in rows
        ]
        for group, rows in form.groups.items()
    }
    exports.cases.save_form(chosen, "patient", without_sex, reason="sex to check in the file")

    press(qtbot, wizard, COMMIT)
    qtbot.waitUntil(lambda: visible_box("error_box") is not None, timeout=60_000)
    box = visible_box("error_box")
    assert box is not None and f"{chosen} is still a draft" in box.text()
    box.done(0)
    assert wizard.currentId() == ExportWizard.FOLDER
    assert wizard.outcome is None
    assert exports.batches() == []
    assert list(tmp_path.glob("*.cmlbatch")) == []
    # The list is read again: the case is now a draft, and no longer chosen.
    # (The refusal started the reading in the same callback that opened the box.)
    page = wizard.cases_page
    qtbot.waitUntil(lambda: page.loaded, timeout=30_000)
    statuses = {
        page.model.candidate(row).registry_id: page.model.candidate(row).status
        for row in range(page.model.rowCount())
    }
    assert statuses[chosen] == "draft"
    assert page.model.chosen() == []
    assert not page.isComplete()


def test_cancel_stops_before_the_batch_is_committed_and_never_after() -> None:
    seen: list[tuple[int, int]] = []
    report = stop_before_commit(lambda done, total: seen.append((done, total)), lambda: True)
    with pytest.raises(Cancelled):
        report(1, 3)
    report(3, 3)  # the batch is committed: it exists, so the export must be told it ended
    assert seen == [(3, 3)]
    going = stop_before_commit(lambda done, total: seen.append((done, total)), lambda: False)
    going(2, 3)
    assert seen == [(3, 3), (2, 3)]
