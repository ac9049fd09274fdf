"""The review screens in another language: every sentence goes through the translator.

A pseudo-translation (``tests/gui/review/pseudo.py``) wraps whatever Qt translates in ⟦ ⟧: a
text that comes out unwrapped, or wrapped in pieces, was English from a service or glued from
bits. The meaning of a signature is shown translated but stored as the English statement.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from cmlentry.gui.review import ReviewDialog, SignDialog
from cmlentry.gui.review.detail_models import AnswerLabels, SignatureColumn, SignaturesTableModel
from cmlentry.gui.review.queue_model import Column, ReviewQueueModel
from cmlentry.gui.review.texts import meaning_words, signature_details
from cmlentry.gui.settings import Settings
from cmlentry.services.desk import Desk
from cmlentry.services.review import MEANING_APPROVAL, MEANINGS, ItemAddress, ReviewEntry
from tests.gui.review.pseudo import PseudoTranslator, pseudo, wrapped
from tests.gui.review.world import PI, PI_PASSWORD

__all__ = ["pseudo"]  # the fixture, used by name


def entry(registry_id: str, *, errors: int = 0, blocking: int = 0) -> ReviewEntry:
    """A queue row as the service makes it, with its English ``why_not`` (never to be shown)."""
    why = f"{errors} errors to fix" if errors else f"{blocking} queries to answer or close"
    ready = not errors and not blocking
    return ReviewEntry(
        registry_id, "complete", "2026-11-21T09:00:00Z", 9, 9, blocking, 0, 3, 40,
        "2026-11-20T09:00:00Z", "Pia Investigator", 2, ready, None if ready else why,
        errors, blocking,
    )  # fmt: skip


def test_every_meaning_offered_is_translated_keyed_by_its_english_statement(
    pseudo: PseudoTranslator,
) -> None:
    for meaning in MEANINGS:
        assert meaning_words(meaning) == f"⟦{meaning}⟧"
        assert ("meanings", meaning) in pseudo.asked
    assert meaning_words("a meaning this version never offered") == (
        "a meaning this version never offered"
    )


def test_the_queue_says_why_not_from_the_counts_never_with_the_services_sentence(
    pseudo: PseudoTranslator,
) -> None:
    model = ReviewQueueModel()
    rows = [entry("A", errors=2), entry("B", blocking=1), entry("C")]
    model.set_entries(rows)
    texts = {
        row.registry_id: (
            model.index(n, Column.READY).data(),
            model.index(n, Column.READY).data(Qt.ItemDataRole.ToolTipRole),
        )
        for n, row in enumerate(rows)
    }
    assert texts["A"] == ("⟦2 error(s) to fix⟧", "⟦Not ready to sign: 2 error(s) to fix.⟧")
    assert texts["B"] == (
        "⟦1 query(ies) to answer or close⟧",
        "⟦Not ready to sign: 1 query(ies) to answer or close.⟧",
    )
    assert texts["C"] == ("⟦Ready⟧", "⟦Ready to sign.⟧")
    # A whole sentence with its plural: "2 answers changed since Pia Investigator signed on …".
    changes = model.index(0, Column.CHANGES).data(Qt.ItemDataRole.ToolTipRole)
    assert wrapped(changes) and changes.startswith("⟦2 answer(s) changed since Pia Investigator")


def test_the_review_window_in_another_language(
    qtbot: QtBot,
    pseudo: PseudoTranslator,
    pi_desk: Desk,
    settings: Settings,
    parent: QWidget,
    complete: list[str],
) -> None:
    target = complete[1]
    pi_desk.queries.raise_query(target, ItemAddress("patient", "patient", 1, "sex"), "Sex?")
    dialog = ReviewDialog(
        pi_desk.review,
        pi_desk.queries,
        pi_desk.cases.list_cases,
        AnswerLabels(pi_desk.cases.definition),
        parent,
        settings=settings,
        select=target,
    )
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded and dialog.detail.loaded, timeout=30_000)
    waiting = dialog.queue.rowCount()
    ready = sum(1 for row in range(waiting) if dialog.queue.entry(row).ready)
    # Two sentences, each whole, in a frame the language may order.
    assert dialog.summary.text() == (
        f"⟦⟦{waiting} case(s) wait for your signature.⟧ ⟦{ready} can be signed now.⟧⟧"
    )
    assert dialog.detail.state_label.text() == (
        "⟦Not ready to sign: 1 query(ies) to answer or close.⟧"
    )
    dialog.reject()


def test_the_sign_dialog_shows_the_meaning_translated_and_the_signature_stores_the_english(
    qtbot: QtBot, pseudo: PseudoTranslator, pi_desk: Desk, parent: QWidget, complete: list[str]
) -> None:
    target = complete[0]
    signer = SignDialog(pi_desk.review, target, parent)
    signed = []
    signer.case_signed.connect(signed.append)
    signer.show()
    qtbot.waitExposed(signer)
    meaning = signer.findChild(QLabel, "sign_meaning")
    recorded = signer.findChild(QLabel, "sign_meaning_recorded")
    assert meaning is not None and recorded is not None
    assert meaning.text() == f"⟦“⟦{MEANING_APPROVAL}⟧”⟧"
    # Under it, in small print: what the signature records, the English statement quoted.
    assert recorded.isVisible()
    assert (
        recorded.text() == f"⟦The signature records the statement in English: “{MEANING_APPROVAL}”⟧"
    )
    assert recorded.font().pointSizeF() < meaning.font().pointSizeF()

    qtbot.keyClicks(signer.username_field, PI)
    qtbot.keyClicks(signer.password_field, PI_PASSWORD)
    qtbot.mouseClick(signer.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(signed), timeout=30_000)
    stored = pi_desk.review.signature(target)
    assert stored is not None and stored.meaning == MEANING_APPROVAL
    assert pi_desk.review.check_signature(target) == stored

    details = signature_details(stored).splitlines()
    assert f"⟦Meaning: “⟦{MEANING_APPROVAL}⟧”⟧" in details
    assert f"⟦The signature records the statement in English: “{MEANING_APPROVAL}”⟧" in details
    assert any("⟦principal investigator⟧" in line for line in details)  # the role, translated
    table = SignaturesTableModel()
    table.set_signatures([stored])
    cell = table.index(0, SignatureColumn.MEANING)
    assert cell.data() == f"⟦{MEANING_APPROVAL}⟧"
    assert f"“{MEANING_APPROVAL}”" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_a_dropped_signature_is_one_sentence_with_its_reason(
    qtbot: QtBot,
    pseudo: PseudoTranslator,
    pi_desk: Desk,
    settings: Settings,
    parent: QWidget,
    complete: list[str],
) -> None:
    target = complete[2]
    pi_desk.review.sign(target, PI, PI_PASSWORD)
    pi_desk.review.unlock(target, "late follow-up visit to enter")
    dialog = ReviewDialog(
        pi_desk.review,
        pi_desk.queries,
        pi_desk.cases.list_cases,
        AnswerLabels(pi_desk.cases.definition),
        parent,
        settings=settings,
        select=target,
    )
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded and dialog.detail.loaded, timeout=30_000)
    line = dialog.detail.signature_label.text()
    assert re.fullmatch(
        r"⟦Signed by Pia Investigator on [-0-9: ]+; dropped on [-0-9: ]+ by Pia Investigator: "
        r"“late follow-up visit to enter”⟧",
        line,
    ), line
    dialog.reject()
