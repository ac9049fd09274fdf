"""Where the registry writes acknowledgement files: asked once, remembered in ``QSettings``.

The folder is an interface preference (a path, nothing clinical or secret), so it lives in
``QSettings`` beside the window geometry. Until the coordinator chooses one, the proposal is a
folder ``acknowledgements`` beside the workspace folder.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

ACK_FOLDER_KEY = "registry/ack_folder"
DEFAULT_NAME = "acknowledgements"


def default_ack_folder(workspace_folder: Path) -> Path:
    """The proposal: ``acknowledgements`` beside the workspace folder."""
    return workspace_folder.resolve().parent / DEFAULT_NAME


class AckFolder:
    """The acknowledgement folder preference of one workspace's window.

    Args:
        settings: Where the choice is kept.
        default: What is proposed before any choice (:func:`default_ack_folder`).
    """

    def __init__(self, settings: QSettings, default: Path) -> None:
        self._s = settings
        self._default = default

    @property
    def default(self) -> Path:
        return self._default

    def chosen(self) -> Path | None:
        """The folder the coordinator chose, or None before the first choice."""
        value = self._s.value(ACK_FOLDER_KEY, "")
        return Path(value) if isinstance(value, str) and value else None

    def current(self) -> Path:
        """The folder acknowledgements go to: the chosen one, else the proposal."""
        return self.chosen() or self._default

    def choose(self, folder: Path) -> None:
        self._s.setValue(ACK_FOLDER_KEY, str(folder))

    def ask(self, parent: QWidget | None) -> Path | None:
        """Ask where acknowledgements go, starting at the current folder; remember the answer.

        The proposed folder is made first (when it can be) so the dialog opens inside it and
        accepting the proposal is one click. None when the coordinator cancelled.
        """
        start = self.current()
        if start == self._default:
            with contextlib.suppress(OSError):  # the dialog then opens at the nearest folder
                start.mkdir(parents=True, exist_ok=True)
        chosen = QFileDialog.getExistingDirectory(
            parent,
            QCoreApplication.translate(
                "AckFolder", "Where should the acknowledgements for the centres be written?"
            ),
            str(start),
        )
        if not chosen:
            return None
        folder = Path(chosen)
        self.choose(folder)
        return folder
