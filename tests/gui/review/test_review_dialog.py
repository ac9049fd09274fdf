"""The review queue, signing, unlocking and the detail pane, over a real site's workspace."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.domain.values import Entry
from cmlentry.errors import NotPermitted
from cmlentry.gui.dialogs.reason_dialog import ReasonDialog
from cmlentry.gui.review import ReviewDialog, SignDialog
from cmlentry.gui.review.detail_models import AnswerLabels, ChangeColumn, QueryColumn
from cmlentry.gui.review.queue_model import Column
from cmlentry.gui.settings import Settings
from cmlentry.services.cases import RowData
from cmlentry.services.desk import Desk
from cmlentry.services.review import MEANING_APPROVAL, ItemAddress
from tests.gui.batches.conftest import visible_box
from tests.gui.review.world import NURSE, NURSE_PASSWORD, PI, PI_PASSWORD


def open_review(qtbot: QtBot, desk: Desk, settings: Settings, parent: QWidget) -> ReviewDialog:
    dialog = ReviewDialog(
        desk.review,
        desk.queries,
        desk.cases.list_cases,
        AnswerLabels(desk.cases.definition),
        parent,
        settings=settings,
    )
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=30_000)
    return dialog


def queue_ids(dialog: ReviewDialog) -> list[str]:
    return [dialog.queue.entry(row).registry_id for row in range(dialog.queue.rowCount())]


def cell(dialog: ReviewDialog, registry_id: str, column: Column) -> str:
    row = dialog.queue.row_of(registry_id)
    assert row is not None
    return str(dialog.queue.index(row, column).data())


def choose(qtbot: QtBot, dialog: ReviewDialog, registry_id: str) -> None:
    assert dialog.select_case(registry_id)
    qtbot.waitUntil(lambda: dialog.detail.loaded, timeout=30_000)


def start_signing(qtbot: QtBot, dialog: ReviewDialog, registry_id: str) -> SignDialog:
    choose(qtbot, dialog, registry_id)
    assert dialog.sign_button.isEnabled()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    signer = dialog.findChild(SignDialog)
    assert isinstance(signer, SignDialog) and signer.isVisible()
    return signer


def type_credentials(qtbot: QtBot, signer: SignDialog, username: str, password: str) -> None:
    qtbot.keyClicks(signer.username_field, username)
    qtbot.keyClicks(signer.password_field, password)


def visible(kind: type[QWidget], name: str) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.objectName() == name and widget.isVisible():
            return widget
    return None


# --- the queue ----------------------------------------------------------------------------------


def test_the_queue_lists_complete_cases_not_drafts_with_what_the_pi_needs(
    qtbot: QtBot, pi_desk: Desk, settings: Settings, parent: QWidget, complete: list[str]
) -> None:
    drafts = [c.registry_id for c in pi_desk.cases.list_cases() if c.status == "draft"]
    assert drafts, "the world has drafts"
    dialog = open_review(qtbot, pi_desk, settings, parent)
    shown = queue_ids(dialog)
    assert set(complete) <= set(shown)
    assert not set(drafts) & set(shown)
    assert dialog.tabs.tabText(0) == f"To sign ({len(shown)})"
    assert dialog.tabs.tabText(1) == "Signed (0)"
    assert dialog.summary.text().startswith(f"{len(shown)} case")

    first = complete[0]
    answers = sum(
        1
        for form in pi_desk.cases.get_case(first).forms.values()
        for rows in form.groups.values()
        for row in rows
        for entry in row.entries.values()
        if entry != Entry()
    )
    assert cell(dialog, first, Column.FORMS) == "9 / 9"
    assert cell(dialog, first, Column.VERIFIED) == f"0 of {answers} verified"
    assert cell(dialog, first, Column.QUERIES) == "none"
    assert cell(dialog, first, Column.CHANGES) == "never signed"
    assert cell(dialog, first, Column.READY) == "Ready"

    # The first case is chosen on opening; its details are read: every change, never signed.
    assert dialog.current_registry_id() == shown[0]
    choose(qtbot, dialog, first)
    detail = dialog.detail
    assert detail.state_label.text() == "Ready to sign."
    assert detail.changes.rowCount() >= answers
    assert detail.tabs.tabText(0) == (
        f"All changes since the case was created ({detail.changes.rowCount()})"
    )
    assert "never signed" in detail.tabs.tabToolTip(0)
    assert detail.queries.rowCount() == detail.signatures.rowCount() == 0
    assert dialog.sign_button.isEnabled() and dialog.sign_button.isVisible()
    assert not dialog.unlock_button.isVisible()


def test_an_open_query_stops_the_signature_and_shows_in_the_detail(
    qtbot: QtBot, pi_desk: Desk, settings: Settings, parent: QWidget, complete: list[str]
) -> None:
    target = complete[1]
    address = ItemAddress("patient", "patient", 1, "sex")
    pi_desk.queries.raise_query(target, address, "Please check against the admission note")
    dialog = open_review(qtbot, pi_desk, settings, parent)
    [entry] = [e for e in pi_desk.review.queue() if e.registry_id == target]
    assert not entry.ready and (entry.errors, entry.blocking_queries) == (0, 1)
    assert cell(dialog, target, Column.QUERIES) == "1 open"
    # Worded by the screen from the counts (the plural catalogue may make "query(ies)" "query").
    assert re.fullmatch(r"1 query(\(ies\))? to answer or close", cell(dialog, target, Column.READY))
    choose(qtbot, dialog, target)
    assert not dialog.sign_button.isEnabled()
    assert re.fullmatch(
        r"Not ready to sign: 1 query(\(ies\))? to answer or close\.",
        dialog.detail.state_label.text(),
    )
    queries = dialog.detail.queries
    assert queries.rowCount() == 1
    assert queries.headerData(QueryColumn.ANSWER, Qt.Orientation.Horizontal) == "Field"
    assert queries.index(0, QueryColumn.ANSWER).data() == "Patient › Sex"
    assert queries.index(0, QueryColumn.STATE).data() == "Open: waiting for an answer"
    assert queries.index(0, QueryColumn.QUESTION).data() == (
        "Please check against the admission note"
    )
    assert queries.index(0, QueryColumn.RAISED).data().startswith("Pia Investigator, ")
    assert dialog.detail.tabs.tabText(1) == "Queries (1 unresolved of 1)"


# --- signing ------------------------------------------------------------------------------------


def test_a_wrong_password_keeps_the_dialog_open_with_the_sentence_and_signs_nothing(
    qtbot: QtBot, pi_desk: Desk, settings: Settings, parent: QWidget, complete: list[str]
) -> None:
    dialog = open_review(qtbot, pi_desk, settings, parent)
    signer = start_signing(qtbot, dialog, complete[0])
    # Both fields start empty: the signer types both again.
    assert signer.username_field.text() == "" and signer.password_field.text() == ""
    assert not signer.sign_button.isEnabled()
    meaning = signer.findChild(QWidget, "sign_meaning")
    assert meaning is not None and MEANING_APPROVAL in meaning.text()  # type: ignore[attr-defined]
    type_credentials(qtbot, signer, PI, "not-my-password")
    assert signer.sign_button.isEnabled()
    qtbot.mouseClick(signer.sign_button, Qt.MouseButton.LeftButton)
    assert signer.busy  # the Argon2id check runs on the worker
    qtbot.waitUntil(lambda: not signer.busy, timeout=30_000)
    assert signer.isVisible()
    assert signer.message.isVisible()
    assert "user name or password is not right" in signer.message.text()
    assert signer.password_field.text() == ""
    assert signer.username_field.text() == PI
    assert signer.password_field.isEnabled()
    assert pi_desk.review.signature(complete[0]) is None
    assert complete[0] in queue_ids(dialog)
    signer.reject()


def test_the_right_user_name_and_password_sign_and_the_row_leaves_the_queue(
    qtbot: QtBot,
    pi_desk: Desk,
    settings: Settings,
    parent: QWidget,
    complete: list[str],
    paris_time: None,
) -> None:
    dialog = open_review(qtbot, pi_desk, settings, parent)
    target = complete[0]
    before = queue_ids(dialog)
    position = before.index(target)
    changed: list[bool] = []
    dialog.cases_changed.connect(lambda: changed.append(True))
    signer = start_signing(qtbot, dialog, target)
    type_credentials(qtbot, signer, PI, PI_PASSWORD)
    qtbot.keyClick(signer.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: visible_box("signature_box") is not None, timeout=30_000)

    stored = pi_desk.review.signature(target)
    assert stored is not None
    assert (stored.printed_name, stored.meaning) == ("Pia Investigator", MEANING_APPROVAL)
    assert pi_desk.review.check_signature(target) == stored
    box = visible_box("signature_box")
    assert box is not None
    text = box.text()
    assert "Pia Investigator (principal investigator, user pia)" in text
    assert MEANING_APPROVAL in text
    # The fake clock's 09:00 UTC is 10:00 in Paris in November: both are shown.
    assert "2026-11-21 09:00:00 UTC (2026-11-21 10:00:00 local time)" in text
    assert stored.content_sha256 in text
    box.done(0)
    assert not any(d.isVisible() for d in dialog.findChildren(SignDialog))  # closed on success

    qtbot.waitUntil(lambda: dialog.loaded and target not in queue_ids(dialog), timeout=30_000)
    assert changed == [True]
    assert queue_ids(dialog) == [rid for rid in before if rid != target]
    # The case that took its place is the next one to review.
    assert dialog.current_registry_id() == queue_ids(dialog)[min(position, len(before) - 2)]
    assert dialog.tabs.tabText(1) == "Signed (1)"
    assert pi_desk.cases.list_cases()[0].locked is not None
    [signed] = [c for c in pi_desk.cases.list_cases() if c.registry_id == target]
    assert signed.status == "signed" and signed.locked


def test_a_nurse_may_neither_sign_nor_unlock_whatever_the_screen_shows(
    nurse_desk: Desk, complete: list[str]
) -> None:
    """The GUI hides Review and Unlock from a nurse; the service must refuse them too."""
    with pytest.raises(NotPermitted):
        nurse_desk.review.sign(complete[0], NURSE, NURSE_PASSWORD)
    with pytest.raises(NotPermitted):
        nurse_desk.review.unlock(complete[0], "to change it")
    assert nurse_desk.review.signature(complete[0]) is None


# --- unlocking and what changed since ---------------------------------------------------------


def test_unlock_asks_a_reason_and_drops_the_signature(
    qtbot: QtBot, pi_desk: Desk, settings: Settings, parent: QWidget, complete: list[str]
) -> None:
    target = complete[2]
    pi_desk.review.sign(target, PI, PI_PASSWORD)
    dialog = open_review(qtbot, pi_desk, settings, parent)
    assert target not in queue_ids(dialog)
    choose(qtbot, dialog, target)
    assert dialog.tabs.currentIndex() == 1  # found in "Signed"
    assert dialog.unlock_button.isVisible() and dialog.unlock_button.isEnabled()
    assert not dialog.sign_button.isVisible()
    assert dialog.detail.signature_label.text().startswith("Signed by Pia Investigator on ")

    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    asked = visible(ReasonDialog, "unlock_case_dialog")
    assert isinstance(asked, ReasonDialog)
    assert "drops your signature" in asked.findChild(QWidget, "reason_text").text()  # type: ignore[union-attr]
    assert not asked.accept_button.isEnabled()  # no reason, no unlock
    qtbot.keyClicks(asked.reason_box.line_edit, "late follow-up visit to enter")
    qtbot.mouseClick(asked.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_box("info_box") is not None, timeout=30_000)

    assert pi_desk.review.signature(target) is None
    [dropped] = pi_desk.review.signatures(target)
    assert dropped.revoke_reason == "late follow-up visit to enter"
    assert dropped.revoked_by == "Pia Investigator"
    # Back in the queue, unlocked, with the dropped signature said.
    qtbot.waitUntil(lambda: dialog.loaded and target in queue_ids(dialog), timeout=30_000)
    assert dialog.current_registry_id() == target
    assert cell(dialog, target, Column.CHANGES) == "0"
    qtbot.waitUntil(lambda: dialog.detail.loaded, timeout=30_000)
    label = dialog.detail.signature_label.text()
    assert "dropped on" in label and "late follow-up visit to enter" in label


def test_the_detail_shows_what_changed_since_the_last_signature(
    qtbot: QtBot, pi_desk: Desk, settings: Settings, parent: QWidget, complete: list[str]
) -> None:
    target = complete[0]
    review, cases = pi_desk.review, pi_desk.cases
    review.sign(target, PI, PI_PASSWORD)
    review.unlock(target, "platelets to correct")
    stored = cases.get_case(target).forms["patient"].groups["patient"][0]
    old_sex = stored.entries["sex"].value
    new_sex = "M" if old_sex == "F" else "F"
    cases.save_form(
        target,
        "patient",
        {"patient": [RowData(stored.key, {**stored.entries, "sex": Entry(new_sex)})]},
        reason="transcription error corrected",
    )
    dialog = open_review(qtbot, pi_desk, settings, parent)
    assert cell(dialog, target, Column.CHANGES) == "1"
    choose(qtbot, dialog, target)
    changes = dialog.detail.changes
    values = [
        row
        for row in range(changes.rowCount())
        if changes.index(row, ChangeColumn.ANSWER).data() == "Patient › Sex"
    ]
    assert len(values) == 1
    labels = pi_desk.cases.definition.codelists["sex"]
    what = changes.index(values[0], ChangeColumn.WHAT).data()
    assert what == f"{labels[old_sex]} → {labels[new_sex]}"
    assert changes.index(values[0], ChangeColumn.REASON).data() == "transcription error corrected"
    assert changes.index(values[0], ChangeColumn.WHO).data() == "Pia Investigator"
    assert dialog.detail.tabs.tabText(0).startswith("Changes since the last signature (")


def test_a_case_is_signed_with_the_keyboard_alone(
    qtbot: QtBot, pi_desk: Desk, settings: Settings, parent: QWidget, complete: list[str]
) -> None:
    dialog = open_review(qtbot, pi_desk, settings, parent)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.queue_view  # the list has the cursor
    qtbot.keyClick(dialog.queue_view, Qt.Key.Key_Down)
    target = dialog.current_registry_id()
    assert target == queue_ids(dialog)[1]
    qtbot.waitUntil(lambda: dialog.detail.loaded, timeout=30_000)
    qtbot.keyClick(dialog.queue_view, Qt.Key.Key_Return)  # the default button: Sign…
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SignDialog))
    signer = QApplication.activeModalWidget()
    assert isinstance(signer, SignDialog) and signer.registry_id == target
    signer.activateWindow()
    qtbot.waitUntil(signer.isActiveWindow)
    assert QApplication.focusWidget() is signer.username_field
    qtbot.keyClicks(signer.username_field, PI)
    qtbot.keyClick(signer.username_field, Qt.Key.Key_Return)  # on to the password
    assert QApplication.focusWidget() is signer.password_field
    qtbot.keyClicks(signer.password_field, PI_PASSWORD)
    qtbot.keyClick(signer.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: visible_box("signature_box") is not None, timeout=30_000)
    assert pi_desk.review.signature(target) is not None
