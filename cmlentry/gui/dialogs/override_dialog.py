"""Override a soft warning with a documented reason (product.md: "soft warnings need a reason").

The dialog shows the warning, the answer it is about and what happens to the reason: it is kept
with the answer and exported with the case, so the registry reads it too. It returns the reason
only; the case editor stores it with the answer when the form is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.dialogs.reason_dialog import ReasonBox
from cmlentry.gui.icons import icon


class OverrideDialog(QDialog):
    """Asks why an unusual value is right; :attr:`reason` holds the answer after accept."""

    def __init__(
        self,
        issue_message: str,
        item_label: str,
        parent: QWidget | None = None,
        *,
        current_value: str = "",
    ) -> None:
        super().__init__(parent)
        self.reason: str | None = None
        self.setObjectName("override_dialog")
        self.setWindowTitle(self.tr("Override a warning"))

        badge = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        badge.setPixmap(icon("warning").pixmap(size, size))
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._message = QLabel(issue_message, self)
        self._message.setObjectName("override_message")
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        heading = QHBoxLayout()
        heading.addWidget(badge)
        heading.addWidget(self._message, 1)

        facts = QFormLayout()
        self._item = QLabel(item_label, self)
        self._item.setObjectName("override_item")
        self._item.setTextFormat(Qt.TextFormat.PlainText)
        self._value = QLabel(current_value or self.tr("(no value)"), self)
        self._value.setObjectName("override_value")
        self._value.setTextFormat(Qt.TextFormat.PlainText)
        self._value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts.addRow(self.tr("Field:"), self._item)
        facts.addRow(self.tr("Value entered:"), self._value)

        self._explain = QLabel(
            self.tr(
                "If the value is right, say why (for example, as written in the source "
                "document). The reason is kept with the answer, in the audit trail with your "
                "name, and exported with the case, so the registry reads it too. The warning "
                "then no longer stops the form from being marked complete."
            ),
            self,
        )
        self._explain.setObjectName("override_explanation")
        self._explain.setWordWrap(True)

        self._box = ReasonBox(
            [
                self.tr("value confirmed in the source document"),
                self.tr("value confirmed with the treating physician"),
                self.tr("unusual but correct for this patient"),
            ],
            self,
            accessible_name=self.tr("Reason for overriding the warning"),
            placeholder=self.tr("Why is this value right?"),
        )
        self._box.setObjectName("override_reason")
        reason_label = QLabel(self.tr("&Reason:"), self)
        reason_label.setBuddy(self._box)

        self._buttons = QDialogButtonBox(self)
        self._accept = QPushButton(self.tr("Override warning"), self)
        self._accept.setObjectName("override_accept")
        self._accept.setDefault(True)
        self._buttons.addButton(self._accept, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(facts)
        layout.addWidget(self._explain)
        layout.addWidget(reason_label)
        layout.addWidget(self._box)
        layout.addWidget(self._buttons)

        self._box.editTextChanged.connect(self._on_box_edit_text_changed)
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)
        self._on_box_edit_text_changed(self._box.currentText())
        self._box.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def reason_box(self) -> ReasonBox:
        return self._box

    @property
    def accept_button(self) -> QPushButton:
        return self._accept

    def _on_box_edit_text_changed(self, _text: str) -> None:
        self._accept.setEnabled(self._box.reason() is not None)

    def _on_buttons_accepted(self) -> None:
        reason = self._box.reason()
        if reason is None:
            return
        self.reason = reason
        self.accept()
