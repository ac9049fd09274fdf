"""The progress window of a long background operation: a sentence, a bar, and Cancel.

It is driven by :class:`cmlentry.gui.workers.Op`, which shows it only when the work lasts longer
than a moment, and closes it when the work ends. Cancel does not stop anything by itself: it
asks, the service stops at its next safe point and undoes what it did, and the window closes
when the operation really ended.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ProgressDialog(QDialog):
    """A window-modal progress window; ``cancel_requested`` fires once, on Cancel or Escape."""

    cancel_requested = Signal()
    """The person asked to stop the operation."""

    def __init__(self, title: str, *, cancellable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progress_dialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # No close button in the title bar: the window closes when the work has ended.
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self._cancellable = cancellable
        self._cancel_sent = False

        self._label = QLabel(title, self)
        self._label.setObjectName("progress_label")
        self._label.setWordWrap(True)
        self._bar = QProgressBar(self)
        self._bar.setObjectName("progress_bar")
        self._bar.setRange(0, 0)  # busy until the first figure arrives
        self._bar.setAccessibleName(self.tr("Progress"))
        self._buttons = QDialogButtonBox(self)
        self._cancel = QPushButton(self.tr("Cancel"), self)
        self._cancel.setObjectName("progress_cancel")
        self._buttons.addButton(self._cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self._cancel.setVisible(cancellable)  # after addButton, which shows it

        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        layout.addWidget(self._bar)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(360)

        self._cancel.clicked.connect(self._on_cancel_clicked)

    def set_progress(self, done: int, total: int) -> None:
        """Show ``done`` of ``total`` steps; a total of 0 or less shows a busy bar."""
        if total <= 0:
            self._bar.setRange(0, 0)
            return
        self._bar.setRange(0, total)
        self._bar.setValue(max(0, min(done, total)))

    def progress(self) -> tuple[int, int]:
        """The bar's value and maximum (tests read it)."""
        return self._bar.value(), self._bar.maximum()

    def is_cancel_requested(self) -> bool:
        return self._cancel_sent

    def reject(self) -> None:
        # Escape: the same as Cancel when the work can be cancelled; otherwise ignored, because
        # the window must stay until the work has ended.
        self._request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self._request_cancel()

    def finish(self) -> None:
        """Close for good: the operation has ended."""
        self.done(QDialog.DialogCode.Accepted)

    def _on_cancel_clicked(self) -> None:
        self._request_cancel()

    def _request_cancel(self) -> None:
        if not self._cancellable or self._cancel_sent:
            return
        self._cancel_sent = True
        self._cancel.setEnabled(False)
        self._label.setText(self.tr("Stopping…"))
        self.cancel_requested.emit()
