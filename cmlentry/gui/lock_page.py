"""What the window shows while it is locked: no case data, only how to get back in."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from cmlentry.gui.icons import icon


class LockPage(QWidget):
    """A plain page with a lock and an Unlock button; the cases stay hidden behind it."""

    unlock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_page")
        picture = QLabel(self)
        picture.setPixmap(icon("lock").pixmap(QSize(96, 96)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._text = text = QLabel(self)
        text.setObjectName("lock_text")
        self.show_saved(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        self._button = QPushButton(icon("unlock"), self.tr("&Unlock…"), self)
        self._button.setObjectName("unlock_button")
        self._button.setAccessibleName(self.tr("Unlock"))
        self._button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(picture)
        layout.addWidget(text)
        layout.addWidget(self._button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._button.clicked.connect(self.unlock_requested)
        self.setFocusProxy(self._button)

    def show_saved(self, saved: bool) -> None:
        """Say whether everything typed was saved before the lock, never more than is true."""
        if saved:
            self._text.setText(
                self.tr(
                    "cmlentry is locked. Your work is saved.\n"
                    "Give your password again to go on, or let a colleague sign in."
                )
            )
        else:
            self._text.setText(
                self.tr(
                    "cmlentry is locked. Some typing could not be saved yet and is kept as a "
                    "draft: unlock and check the case before you go on."
                )
            )
