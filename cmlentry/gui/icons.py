"""Icons by name, from the SVG files in ``resources/icons/`` (Lucide, ISC licence).

``QIcon`` built from an SVG path renders through Qt's SVG icon engine at whatever size and
device-pixel ratio it is drawn, so icons stay crisp on a 150 % or 200 % screen. The colours are
in the files themselves: status icons carry their colour (green, grey, red, amber, blue) and a
shape of their own, so nobody has to tell them apart by colour alone. ``resources/icons/README.md``
says which Lucide icon each name is and how to add one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"

ICON_NAMES: tuple[str, ...] = (
    "new-case",
    "open",
    "save",
    "complete",
    "draft",
    "signed",
    "exported",
    "acknowledged",
    "lock",
    "unlock",
    "search",
    "filter",
    "history",
    "warning",
    "error",
    "ok",
    "info",
    "add-row",
    "remove-row",
    "backup",
    "restore",
    "import",
    "export",
    "settings",
    "user",
    "users",
    "key",
    "help",
    "quit",
    "override",
    "close",
    "calendar",
    "demo",
    "app",
)
_KNOWN = frozenset(ICON_NAMES)


def icon_path(name: str) -> Path:
    """The SVG file of the icon ``name``.

    Raises:
        KeyError: ``name`` is not one of :data:`ICON_NAMES` (a typing slip in the code).
    """
    if name not in _KNOWN:
        raise KeyError(f"no icon called {name!r}; add it to ICON_NAMES and resources/icons/")
    return ICON_DIR / f"{name}.svg"


@cache
def icon(name: str) -> QIcon:
    """The icon ``name``, scalable to any size and screen density.

    Raises:
        KeyError: ``name`` is not one of :data:`ICON_NAMES`.
    """
    return QIcon(str(icon_path(name)))
