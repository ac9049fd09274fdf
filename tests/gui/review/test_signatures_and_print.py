"""The Signatures… dialog and Print case summary…, over a real site's workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.gui import workers
from cmlentry.gui.review import SignaturesDialog
from cmlentry.gui.review.detail_models import SignatureColumn
from cmlentry.gui.review.summary_print import print_summary
from cmlentry.gui.settings import Settings
from cmlentry.services.case_summary import CaseSummaryService, default_file_name
from cmlentry.services.desk import Desk
from cmlentry.services.review import MEANING_APPROVAL
from tests.conftest import FakeClock
from tests.gui.batches.conftest import visible_box
from tests.gui.review.world import PI, PI_PASSWORD


def test_signatures_lists_the_current_one_and_those_dropped_with_why(
    qtbot: QtBot, pi_desk: Desk, parent: QWidget, complete: list[str], clock: FakeClock
) -> None:
    target = complete[0]
    review = pi_desk.review
    review.sign(target, PI, PI_PASSWORD)
    clock.advance(3600)
    review.unlock(target, "query from the registry to answer")
    clock.advance(60)
    current = review.sign(target, PI, PI_PASSWORD)

    dialog = SignaturesDialog(review, target, parent)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=30_000)
    model = dialog.model
    assert model.rowCount() == 2
    dropped = model.index(0, SignatureColumn.STANDING).data()
    assert dropped.startswith("Dropped on ") and "Pia Investigator" in dropped
    assert dropped.endswith(": query from the registry to answer")
    assert model.headerData(SignatureColumn.STANDING, Qt.Orientation.Horizontal) == (
        "Current or dropped"
    )
    assert model.index(1, SignatureColumn.STANDING).data() == "Current: the case is locked"
    # In English the meaning is shown once, with no note that it is recorded in English.
    assert model.index(1, SignatureColumn.MEANING).data() == MEANING_APPROVAL
    assert model.index(1, SignatureColumn.MEANING).data(Qt.ItemDataRole.ToolTipRole) == (
        MEANING_APPROVAL
    )
    assert model.index(1, SignatureColumn.BY).data() == "Pia Investigator (principal investigator)"
    assert "signed and locked; earlier signatures were dropped" in dialog.summary.text()
    # The newest is chosen and shown in full.
    details = dialog.details.toPlainText()
    assert current.content_sha256 in details
    assert "Meaning: “I confirm these data are accurate and complete”" in details
    assert "in English" not in details
    dialog.table.setCurrentIndex(model.index(0, 0))
    assert "because “query from the registry to answer”" in dialog.details.toPlainText()


def test_a_case_never_signed_says_so(
    qtbot: QtBot, pi_desk: Desk, parent: QWidget, complete: list[str]
) -> None:
    dialog = SignaturesDialog(pi_desk.review, complete[1], parent)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=30_000)
    assert dialog.summary.text() == f"Case {complete[1]} has never been signed."
    assert not dialog.table.isVisible()


def test_print_writes_a_pdf_where_asked_and_remembers_the_folder(
    qtbot: QtBot,
    pi_desk: Desk,
    parent: QWidget,
    settings: Settings,
    complete: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = complete[0]
    pi_desk.review.sign(target, PI, PI_PASSWORD)
    summaries = CaseSummaryService(pi_desk.ws, pi_desk.cases, pi_desk.review, pi_desk.queries)
    site_file = tmp_path / "site file"
    site_file.mkdir()
    proposed: list[str] = []

    def save_as(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        proposed.append(start)
        return str(site_file / "summary"), ""  # typed without its extension

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    print_summary(parent, summaries, target, settings)
    qtbot.waitUntil(lambda: visible_box("info_box") is not None, timeout=60_000)
    written = site_file / "summary.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    box = visible_box("info_box")
    assert box is not None and str(written) in box.text() and target in box.text()
    box.done(0)
    assert Path(proposed[0]).name == default_file_name(target)

    # The next summary is proposed in the same folder.
    print_summary(parent, summaries, complete[1], settings)
    qtbot.waitUntil(lambda: len(proposed) == 2)
    assert Path(proposed[1]) == site_file / default_file_name(complete[1])


def test_cancelling_the_file_dialog_writes_nothing(
    pi_desk: Desk,
    parent: QWidget,
    settings: Settings,
    complete: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    summaries = CaseSummaryService(pi_desk.ws, pi_desk.cases, pi_desk.review, pi_desk.queries)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    print_summary(parent, summaries, complete[0], settings)
    assert workers.pending() == 0  # nothing was started
    assert not list(tmp_path.rglob("*.pdf"))
    assert visible_box("info_box") is None
