"""Typed user-interface preferences over ``QSettings`` (organisation and application "cmlentry").

Only preferences of the interface live here: window geometry, the language, how long before the
idle lock, which workspace folders were opened. Nothing clinical and nothing that protects
anything: passwords, keys and case data are in the encrypted workspace, never here.

The last user name is remembered (:attr:`Settings.last_username`) so the unlock window can fill
it in. That is a choice: a user name is not a secret (it appears in the audit trail, on every
printout and in the log file) and not clinical; the password is what protects the workspace.
A site that prefers not to show it clears it with ``last_username = ""``.

Every value read is checked: a hand-edited or corrupted settings file yields the default,
never an exception at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QWidget

ORGANISATION = "cmlentry"
APPLICATION = "cmlentry"

IDLE_LOCK_DEFAULT = 10
IDLE_LOCK_MIN = 1
IDLE_LOCK_MAX = 120
RECENT_MAX = 5

_LANGUAGE = "ui/language"
_IDLE_LOCK = "security/idle_lock_minutes"
_LAST_WORKSPACE = "workspaces/last"
_RECENT = "workspaces/recent"
_LAST_USERNAME = "login/last_username"


class Settings:
    """The interface preferences, with defaults and bounds.

    Args:
        qsettings: Where to keep them; the user's native settings store when omitted. Tests pass
            ``QSettings(path, QSettings.Format.IniFormat)`` on a temporary file.
    """

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings if qsettings is not None else QSettings(ORGANISATION, APPLICATION)

    @property
    def qsettings(self) -> QSettings:
        return self._s

    def sync(self) -> None:
        """Write pending changes to disk now (QSettings also does it by itself, later)."""
        self._s.sync()

    # --- window geometry ----------------------------------------------------------------------

    def restore_geometry(self, widget: QWidget, key: str) -> None:
        """Put ``widget`` back where and how big it was; a QMainWindow gets its docks back too.

        Does nothing the first time, or when what was saved is unusable.
        """
        geometry = self._s.value(f"geometry/{key}")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            widget.restoreGeometry(geometry)
        if isinstance(widget, QMainWindow):
            state = self._s.value(f"state/{key}")
            if isinstance(state, QByteArray) and not state.isEmpty():
                widget.restoreState(state)

    def save_geometry(self, widget: QWidget, key: str) -> None:
        """Remember where ``widget`` is and how big (and a QMainWindow's toolbars and docks)."""
        self._s.setValue(f"geometry/{key}", widget.saveGeometry())
        if isinstance(widget, QMainWindow):
            self._s.setValue(f"state/{key}", widget.saveState())

    # --- preferences --------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """The interface language code (``"fr"``), or ``""`` to follow the system's."""
        value = self._s.value(_LANGUAGE, "")
        return value if isinstance(value, str) else ""

    @language.setter
    def language(self, code: str) -> None:
        self._s.setValue(_LANGUAGE, code)

    @property
    def idle_lock_minutes(self) -> int:
        """Minutes without input before the window locks: 10 unless set, always 1 to 120."""
        value = self._s.value(_IDLE_LOCK, IDLE_LOCK_DEFAULT)
        try:
            minutes = int(value)  # type: ignore[call-overload]  # ini files give back strings
        except (TypeError, ValueError):
            return IDLE_LOCK_DEFAULT
        return _bounded(minutes)

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, minutes: int) -> None:
        self._s.setValue(_IDLE_LOCK, _bounded(int(minutes)))

    @property
    def last_workspace(self) -> str:
        """The workspace folder opened last, or ``""``."""
        value = self._s.value(_LAST_WORKSPACE, "")
        return value if isinstance(value, str) else ""

    @last_workspace.setter
    def last_workspace(self, folder: str) -> None:
        self._s.setValue(_LAST_WORKSPACE, folder)

    @property
    def recent_workspaces(self) -> list[str]:
        """Workspace folders opened recently, newest first, at most five."""
        value = self._s.value(_RECENT, [])
        # An ini file gives a one-item list back as a plain string, and nothing as None.
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        unique: list[str] = []
        for item in items:
            if isinstance(item, str) and item and item not in unique:
                unique.append(item)
        return unique[:RECENT_MAX]

    @recent_workspaces.setter
    def recent_workspaces(self, folders: list[str]) -> None:
        unique: list[str] = []
        for folder in folders:
            if folder and folder not in unique:
                unique.append(folder)
        self._s.setValue(_RECENT, unique[:RECENT_MAX])

    def remember_workspace(self, folder: str) -> None:
        """Make ``folder`` the last workspace and the first of the recent ones."""
        self.last_workspace = folder
        self.recent_workspaces = [folder, *self.recent_workspaces]

    @property
    def last_username(self) -> str:
        """The user name typed at the last successful unlock, or ``""`` (see the module doc)."""
        value = self._s.value(_LAST_USERNAME, "")
        return value if isinstance(value, str) else ""

    @last_username.setter
    def last_username(self, username: str) -> None:
        self._s.setValue(_LAST_USERNAME, username)


def _bounded(minutes: int) -> int:
    return max(IDLE_LOCK_MIN, min(IDLE_LOCK_MAX, minutes))
