"""Ctrl+S in the case editor: the editor takes the key while it (or a child) has the focus.

The window's Save action has the same key; taking the shortcut override keeps the two from
cancelling each other out (an ambiguous shortcut triggers neither).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence


class SaveKey(QObject):
    """An event filter on the editor that calls ``save`` on Ctrl+S (the platform's Save key)."""

    def __init__(self, save: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._save = save
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or not event.matches(QKeySequence.StandardKey.Save):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress:
            self._save()
            event.accept()
            return True
        return False
