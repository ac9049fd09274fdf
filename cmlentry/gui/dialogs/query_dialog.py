"""Write the text of a query step: the question raised, its answer, or a closing note.

One dialog for all of them: what it is about (the answer queried, and the query itself when
answering or closing), a text box of a few lines, and the accepting button, which stays disabled
until at least :data:`MIN_VISIBLE` visible characters are typed when the text is required (a
question, an answer, the note of a cancelled query). A closing note is optional.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.dialogs.reason_dialog import MIN_VISIBLE, visible_length

MAX_LENGTH = 2000
"""A query is a question or an answer of a few sentences, not a report."""


def tidy_text(text: str) -> str:
    """The text without blank lines at its ends and with each line's trailing spaces dropped."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(lines)


class QueryTextDialog(QDialog):
    """Asks for the text of a query step; :attr:`text` holds it after the dialog is accepted."""

    def __init__(
        self,
        title: str,
        intro: str,
        parent: QWidget | None = None,
        *,
        label: str,
        accept_label: str,
        required: bool = True,
        quoted: str = "",
    ) -> None:
        super().__init__(parent)
        self.text: str | None = None
        self._required = required
        self.setWindowTitle(title)
        self.setObjectName("query_text_dialog")
        self.setMinimumWidth(480)

        intro_label = QLabel(intro, self)
        intro_label.setObjectName("query_intro")
        intro_label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes typed values and texts
        intro_label.setWordWrap(True)
        self._quoted = QLabel(quoted, self)
        self._quoted.setObjectName("query_quoted")
        self._quoted.setTextFormat(Qt.TextFormat.PlainText)
        self._quoted.setWordWrap(True)
        self._quoted.setStyleSheet("background: #f4f4f4; padding: 6px;")
        self._quoted.setVisible(bool(quoted))

        self._box = QPlainTextEdit(self)
        self._box.setObjectName("query_text_box")
        self._box.setTabChangesFocus(True)  # Tab goes on to the buttons, as in any other field
        self._box.setAccessibleName(label.replace("&", "").rstrip(":"))
        self._box.setMinimumHeight(self._box.fontMetrics().lineSpacing() * 5)
        box_label = QLabel(label, self)
        box_label.setBuddy(self._box)
        self._hint = QLabel(self)
        self._hint.setObjectName("query_hint")
        self._hint.setWordWrap(True)
        if required:
            self._hint.setText(
                self.tr(
                    "At least %n characters. It is kept in the audit trail with your name and "
                    "the time.",
                    "",
                    MIN_VISIBLE,
                )
            )
        else:
            self._hint.setText(self.tr("Optional. It is kept in the audit trail with your name."))

        self._buttons = QDialogButtonBox(self)
        self._accept = QPushButton(accept_label, self)
        self._accept.setObjectName("query_accept")
        self._accept.setDefault(True)
        self._buttons.addButton(self._accept, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addWidget(self._quoted)
        layout.addWidget(box_label)
        layout.addWidget(self._box)
        layout.addWidget(self._hint)
        layout.addWidget(self._buttons)

        self._box.textChanged.connect(self._on_box_text_changed)
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)
        self._on_box_text_changed()
        self._box.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def text_box(self) -> QPlainTextEdit:
        """The box the text is typed in."""
        return self._box

    @property
    def accept_button(self) -> QPushButton:
        return self._accept

    def _typed(self) -> str | None:
        text = tidy_text(self._box.toPlainText())
        if self._required and visible_length(text) < MIN_VISIBLE:
            return None
        return text

    def _on_box_text_changed(self) -> None:
        text = self._box.toPlainText()
        if len(text) > MAX_LENGTH:  # QPlainTextEdit has no length limit of its own
            self._box.setPlainText(text[:MAX_LENGTH])
            self._box.moveCursor(QTextCursor.MoveOperation.End)
            return
        self._accept.setEnabled(self._typed() is not None)

    def _on_buttons_accepted(self) -> None:
        text = self._typed()
        if text is None:
            return
        self.text = text
        self.accept()


def ask_query_text(
    parent: QWidget | None,
    title: str,
    intro: str,
    *,
    label: str,
    accept_label: str,
    required: bool = True,
    quoted: str = "",
) -> str | None:
    """Ask for a query's text, answer or note; None when the person cancels.

    Args:
        parent: The window the dialog belongs to.
        title: The window title ("Raise a query").
        intro: What the text is about, in a sentence or two (it may quote a value).
        label: The text box's label ("&Question:").
        accept_label: The accepting button ("Raise the query").
        required: Whether a text of at least three visible characters is needed; when not,
            an empty text is returned as "".
        quoted: The query (and its answer) the text replies to, shown above the box.

    Returns:
        The text, trimmed at its ends, or None when cancelled.
    """
    dialog = QueryTextDialog(
        title,
        intro,
        parent,
        label=label,
        accept_label=accept_label,
        required=required,
        quoted=quoted,
    )
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.text
        return None
    finally:
        dialog.deleteLater()
