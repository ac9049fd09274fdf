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
        text = QLabel(
            self.tr(
                "cmlentry is locked. Your work is saved.\n"
                "Give your password again to go on, or let a colleague sign in."
            ),
            self,
        )
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
