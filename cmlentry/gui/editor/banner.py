"""A strip across the top of the editor that says something the person must not miss.

Yellow for recovered typing ("Unsaved typing from 14:02 was recovered — check it and save
(Ctrl+S) or discard"), with a Discard button; red for a save that failed, with the sentence of
the error; blue-grey with a padlock for a signed, locked case (with Unlock… for those who may).
Each has an icon of its own shape, so colour is never the only sign.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from cmlentry.gui.icons import icon

_STYLES = {
    "recovered": "QFrame#{name} {{ background: #fff4c2; border: 1px solid #e0c050; }}",
    "error": "QFrame#{name} {{ background: #fde7e9; border: 1px solid #d08080; }}",
    "locked": "QFrame#{name} {{ background: #e8eef6; border: 1px solid #8aa2c0; }}",
}
_ICONS = {"recovered": "draft", "error": "error", "locked": "lock"}


class Banner(QFrame):
    """A message with an optional action button; hidden until :meth:`show_message`."""

    action_clicked = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._icon = QLabel(self)
        self._text = QLabel(self)
        self._text.setObjectName(f"{name}_text")
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._action = QPushButton(self)
        self._action.setObjectName(f"{name}_action")
        self._action.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._action)
        self._action.clicked.connect(self._on_action_clicked)
        self.setVisible(False)

    @property
    def text(self) -> str:
        return self._text.text()

    @property
    def action(self) -> QPushButton:
        return self._action

    def show_message(self, kind: str, text: str, action: str | None = None) -> None:
        self.setStyleSheet(_STYLES[kind].format(name=self.objectName()))
        size = self.fontMetrics().height()
        self._icon.setPixmap(icon(_ICONS[kind]).pixmap(size, size))
        self._text.setText(text)
        self._action.setText(action or "")
        self._action.setVisible(action is not None)
        self.setAccessibleName(text)
        self.setVisible(True)

    def clear(self) -> None:
        self._text.clear()
        self.setVisible(False)

    def _on_action_clicked(self) -> None:
        self.action_clicked.emit()

    def show_not_saved(self, sentence: str, *, kept: bool) -> None:
        """A save failed; ``kept`` only once the typing is really in a draft."""
        if kept:
            text = self.tr(
                "Not saved: %1 What you typed is still here and kept as a draft; it is saved "
                "again when you leave a field or press Ctrl+S."
            )
        else:
            text = self.tr(
                "Not saved: %1 What you typed is still here; it is saved again when you leave a "
                "field or press Ctrl+S."
            )
        self.show_message("error", text.replace("%1", sentence))

    def show_draft_failed(self, sentence: str) -> None:
        """A draft write failed: the typing exists only on screen."""
        self.show_message(
            "error",
            self.tr(
                "Your typing could not be kept as a draft: %1 Do not close cmlentry; save with "
                "Ctrl+S when the problem is solved, or call your administrator."
            ).replace("%1", sentence),
        )

    def show_read_only(self) -> None:
        self.show_message(
            "error",
            self.tr(
                "This workspace failed its check at start-up and is open read-only: you can read "
                "the cases but not change them. Ask your site administrator to restore the last "
                "backup."
            ),
        )
