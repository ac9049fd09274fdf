"""One way to make a window's action: name, text, icon, shortcut and tip, the same everywhere."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from cmlentry.gui.icons import icon

Shortcut = QKeySequence.StandardKey | str


def make_action(
    parent: QObject,
    name: str,
    text: str,
    icon_name: str | None = None,
    shortcut: Shortcut | None = None,
    tip: str | None = None,
) -> QAction:
    """An action owned by ``parent`` (a window), found in tests by its object ``name``."""
    action = QAction(text, parent)
    action.setObjectName(name)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        # The window's shortcuts work wherever the focus is, dialogs excepted.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setToolTip(tip or text.replace("&", "").rstrip("…"))
    action.setStatusTip(tip or "")
    return action


def actions_of(owner: object) -> list[QAction]:
    """Every action an actions object holds as an attribute (to disable them on lock)."""
    return [value for value in vars(owner).values() if isinstance(value, QAction)]
