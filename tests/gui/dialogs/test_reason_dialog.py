"""The reason dialog: a reason of at least three visible characters, or nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cmlentry.gui.dialogs.reason_dialog import (
    ReasonDialog,
    ask_reason,
    clean_reason,
    visible_length,
)

SUGGESTIONS = ("transcription error corrected", "source document updated", "query answered")


def make(qtbot: QtBot, **kwargs: object) -> ReasonDialog:
    dialog = ReasonDialog(
        "Change a complete form",
        "The form Patient is complete.",
        suggestions=SUGGESTIONS,
        **kwargs,  # type: ignore[arg-type]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_visible_characters_are_counted_not_spaces() -> None:
    assert visible_length(" a\u00a0b \t") == 2
    assert visible_length("\u200b\u200bab") == 2  # zero-width spaces are not printable
    assert clean_reason("  ab  ") is None
    assert clean_reason(" typo   fixed ") == "typo fixed"


def test_a_short_reason_keeps_the_button_disabled(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    assert not dialog.accept_button.isEnabled()
    qtbot.keyClicks(dialog.reason_box.line_edit, "  a ")
    assert not dialog.accept_button.isEnabled()
    qtbot.keyClicks(dialog.reason_box.line_edit, "b")
    assert not dialog.accept_button.isEnabled()
    qtbot.keyClicks(dialog.reason_box.line_edit, "c")
    assert dialog.accept_button.isEnabled()
    assert dialog.accept_button.text() == "Save the change"


def test_enter_does_nothing_while_too_short(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(dialog.reason_box.line_edit, "ok")
    qtbot.keyClick(dialog.reason_box.line_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.result() == 0
    assert dialog.reason is None


def test_enter_accepts_a_typed_reason_tidied(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(dialog.reason_box.line_edit, "  copied  from the  wrong line ")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.reason_box.line_edit, Qt.Key.Key_Return)
    assert dialog.reason == "copied from the wrong line"


def test_a_suggestion_can_be_chosen(qtbot: QtBot) -> None:
    dialog = make(qtbot, accept_label="Unlock the case")
    dialog.reason_box.setCurrentIndex(1)
    assert dialog.accept_button.isEnabled()
    assert dialog.accept_button.text() == "Unlock the case"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert dialog.reason == "source document updated"
    assert dialog.reason_box.count() == 3  # what was typed or chosen never joins the list


def test_escape_cancels(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(dialog.reason_box.line_edit, "a good reason")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.reason_box.line_edit, Qt.Key.Key_Escape)
    assert dialog.reason is None


def test_the_usual_reasons_are_offered_when_none_are_given(qtbot: QtBot) -> None:
    dialog = ReasonDialog("t", "x")
    qtbot.addWidget(dialog)
    offered = [dialog.reason_box.itemText(i) for i in range(dialog.reason_box.count())]
    assert "transcription error corrected" in offered
    assert dialog.reason_box.currentText() == ""


def test_ask_reason_returns_the_reason_or_none(qtbot: QtBot) -> None:
    def answer(text: str | None) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ReasonDialog)
        if text is None:
            dialog.reject()
        else:
            dialog.reason_box.setEditText(text)
            dialog.accept_button.click()

    QTimer.singleShot(0, lambda: answer("query answered by the PI"))
    assert ask_reason(None, "t", "x") == "query answered by the PI"
    QTimer.singleShot(0, lambda: answer(None))
    assert ask_reason(None, "t", "x") is None
