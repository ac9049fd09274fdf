"""The folder batches were last written to, remembered between runs, and the folder chooser.

Kept in ``QSettings`` beside the other interface preferences (key ``batches/last_folder``): a
folder name is neither clinical nor secret. A folder that no longer exists (a USB stick taken
out) is not proposed again; the home folder is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from cmlentry.gui.settings import Settings

_LAST_FOLDER = "batches/last_folder"


def last_folder(settings: Settings) -> str:
    """The folder a batch was last written to, if it still exists; else ``""``."""
    value = settings.qsettings.value(_LAST_FOLDER, "")
    if isinstance(value, str) and value and Path(value).is_dir():
        return value
    return ""


def remember_folder(settings: Settings, folder: Path) -> None:
    settings.qsettings.setValue(_LAST_FOLDER, str(folder))


def choose_folder(parent: QWidget, settings: Settings, title: str, start: str = "") -> Path | None:
    """Ask for a folder, starting at ``start`` or the last one; None if the person cancelled."""
    chosen = QFileDialog.getExistingDirectory(
        parent, title, start or last_folder(settings) or str(Path.home())
    )
    return Path(chosen) if chosen else None
