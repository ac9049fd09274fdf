"""Ask why a change is made: the reason the audit trail keeps beside old → new, who and when.

A change to a form already complete needs a reason (security.md §3). The dialog offers the
usual reasons in an editable list, accepts any other, and keeps its button disabled until at
least :data:`MIN_VISIBLE` visible characters are typed, so "." or three spaces never become a
reason. :class:`ReasonBox` is the field itself; the override dialog uses it too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MIN_VISIBLE = 3
"""The fewest visible (printable, non-space) characters a reason may have."""

MAX_LENGTH = 500
"""A reason is a sentence, not a report; the audit trail stores it whole."""


def visible_length(text: str) -> int:
    """How many characters of ``text`` can be seen: spaces and control characters do not count."""
    return sum(1 for ch in text if ch.isprintable() and not ch.isspace())


def clean_reason(text: str) -> str | None:
    """``text`` with its runs of white space made single, or None when it is too short."""
    cleaned = " ".join(text.split())
    return cleaned if visible_length(cleaned) >= MIN_VISIBLE else None


class ReasonBox(QComboBox):
    """An editable list of suggested reasons in which any other reason can be typed."""

    def __init__(
        self,
        suggestions: Sequence[str] = (),
        parent: QWidget | None = None,
        *,
        accessible_name: str = "",
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self._line = QLineEdit(self)
        self.setEditable(True)
        self.setLineEdit(self._line)
        # What a person types is theirs; it must not join the suggestions or be completed
        # inline into a suggestion they did not choose.
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(list(suggestions))
        completer = QCompleter(list(suggestions), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setCurrentIndex(-1)
        self.setEditText("")
        self._line.setMaxLength(MAX_LENGTH)
        self._line.setClearButtonEnabled(True)
        self._line.setPlaceholderText(placeholder)
        self.setAccessibleName(accessible_name)
        self._line.setAccessibleName(accessible_name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(40)

    @property
    def line_edit(self) -> QLineEdit:
        """The field the reason is typed in."""
        return self._line

    def reason(self) -> str | None:
        """The typed or chosen reason, tidied; None while it is too short to be one."""
        return clean_reason(self.currentText())


class ReasonDialog(QDialog):
    """Asks for a required reason; :attr:`reason` holds it after the dialog is accepted."""

    def __init__(
        self,
        title: str,
        text: str,
        parent: QWidget | None = None,
        *,
        suggestions: Sequence[str] = (),
        accept_label: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.reason: str | None = None
        self.setWindowTitle(title)
        self.setObjectName("reason_dialog")

        self._text = QLabel(text, self)
        self._text.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was typed
        self._text.setObjectName("reason_text")
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)

        self._box = ReasonBox(
            suggestions or self._usual_reasons(),
            self,
            accessible_name=self.tr("Reason for the change"),
            placeholder=self.tr("Why is this change made?"),
        )
        self._box.setObjectName("reason_box")
        label = QLabel(self.tr("&Reason:"), self)
        label.setBuddy(self._box)

        self._hint = QLabel(
            self.tr(
                "At least %n characters. The reason is kept in the audit trail with your name "
                "and the time of the change.",
                "",
                MIN_VISIBLE,
            ),
            self,
        )
        self._hint.setObjectName("reason_hint")
        self._hint.setWordWrap(True)

        self._buttons = QDialogButtonBox(self)
        self._accept = QPushButton(accept_label or self.tr("Save the change"), self)
        self._accept.setObjectName("reason_accept")
        self._accept.setDefault(True)
        self._buttons.addButton(self._accept, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(self._text)
        layout.addWidget(label)
        layout.addWidget(self._box)
        layout.addWidget(self._hint)
        layout.addWidget(self._buttons)

        self._box.editTextChanged.connect(self._on_box_edit_text_changed)
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)
        self._on_box_edit_text_changed(self._box.currentText())
        self._box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _usual_reasons(self) -> list[str]:
        return [
            self.tr("transcription error corrected"),
            self.tr("source document updated"),
            self.tr("query answered"),
            self.tr("value confirmed with the treating physician"),
        ]

    @property
    def reason_box(self) -> ReasonBox:
        return self._box

    @property
    def accept_button(self) -> QPushButton:
        return self._accept

    def _on_box_edit_text_changed(self, text: str) -> None:
        self._accept.setEnabled(clean_reason(text) is not None)

    def _on_buttons_accepted(self) -> None:
        reason = self._box.reason()
        if reason is None:  # Enter with too short a reason: stay, the hint says why
            return
        self.reason = reason
        self.accept()


def ask_reason(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    suggestions: Sequence[str] = (),
    accept_label: str | None = None,
) -> str | None:
    """Ask for the reason of a change to complete data; None when the person cancels.

    Args:
        parent: The window the dialog belongs to.
        title: The window title, e.g. "Change a complete form".
        text: What is being changed and why a reason is needed, in a sentence or two.
        suggestions: Usual reasons offered in the list (any other can be typed); when none
            are given, the usual reasons for correcting data are offered.
        accept_label: The accepting button's text; "Save the change" when not given.

    Returns:
        The reason (white space tidied, at least three visible characters), or None.
    """
    dialog = ReasonDialog(title, text, parent, suggestions=suggestions, accept_label=accept_label)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.reason
        return None
    finally:
        dialog.deleteLater()
