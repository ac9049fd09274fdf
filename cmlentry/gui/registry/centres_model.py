"""The centre status table's model: one row per registered centre, with roles for sorting.

A centre that has missing batches says so in words ("Missing: 3, 5–7"), drawn in red as well:
colour alone would be lost on a colour-blind coordinator or a grey-scale printout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cmlentry.services.registry.centres import CentreStatus, missing_words

Index = QModelIndex | QPersistentModelIndex

RecordRole = int(Qt.ItemDataRole.UserRole) + 1
"""The row's :class:`CentreStatus` itself."""
SortRole = int(Qt.ItemDataRole.UserRole) + 2
"""A key that sorts the column (numbers as numbers; "never" after every date)."""

MISSING_COLOUR = "#a40000"  # 7.4:1 on white; the words say it too
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_NEVER = 10**9  # sorts a centre that never sent anything after every other


class Column(IntEnum):
    CENTRE = 0
    NAME = 1
    LAST_SEQUENCE = 2
    LAST_IMPORT = 3
    DAYS_SINCE = 4
    MISSING = 5
    REFUSED = 6
    CASES = 7
    CONFLICTS = 8
    FINGERPRINT = 9


_NUMERIC = (Column.LAST_SEQUENCE, Column.DAYS_SINCE, Column.REFUSED, Column.CASES, Column.CONFLICTS)


def active_fingerprint(centre: CentreStatus) -> str | None:
    """The fingerprint of the centre's key in use (not revoked), if it has one."""
    active = [key for key in centre.keys if key.revoked_at is None]
    return active[-1].fingerprint if active else None


class CentresTableModel(QAbstractTableModel):
    """Centres with their status (see :class:`Column`), read-only."""

    RecordRole = RecordRole
    SortRole = SortRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CentreStatus] = []
        self._headers = {
            Column.CENTRE: self.tr("Centre"),
            Column.NAME: self.tr("Name"),
            Column.LAST_SEQUENCE: self.tr("Last batch"),
            Column.LAST_IMPORT: self.tr("Last import"),
            Column.DAYS_SINCE: self.tr("Days since last batch"),
            Column.MISSING: self.tr("Missing batches"),
            Column.REFUSED: self.tr("Refused forks"),
            Column.CASES: self.tr("Cases"),
            Column.CONFLICTS: self.tr("Conflicts"),
            Column.FINGERPRINT: self.tr("Key fingerprint"),
        }
        self._roles: dict[int, Callable[[CentreStatus, int], Any]] = {
            _DISPLAY: self._display,
            _TOOLTIP: self._tooltip,
            _ALIGNMENT: lambda _c, column: _RIGHT if column in _NUMERIC else _LEFT,
            _FOREGROUND: self._foreground,
            SortRole: self._sort_key,
            RecordRole: lambda centre, _column: centre,
        }

    # --- filling ------------------------------------------------------------------------------

    def set_centres(self, centres: Iterable[CentreStatus]) -> None:
        """Replace every row (the view and its proxy rebuild once)."""
        self.beginResetModel()
        self._rows = list(centres)
        self.endResetModel()

    def centre(self, row: int) -> CentreStatus:
        return self._rows[row]

    def row_of(self, code: str) -> int | None:
        for row, centre in enumerate(self._rows):
            if centre.code == code:
                return row
        return None

    def missing_text(self, centre: CentreStatus) -> str:
        """What the Missing column says: the numbers, or that none is missing."""
        if not centre.missing:
            return self.tr("none")
        return self.tr("MISSING: %1").replace("%1", missing_words(centre.missing))

    # --- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == _DISPLAY:
            return self._headers[Column(section)]
        if role == _ALIGNMENT:
            return _RIGHT if section in _NUMERIC else _LEFT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        handler = self._roles.get(role)
        if handler is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return handler(self._rows[index.row()], index.column())

    # --- one function per role ----------------------------------------------------------------

    def _display(self, centre: CentreStatus, column: int) -> Any:
        # A handful of centres: every column's text is made, the one asked for returned.
        never = self.tr("never")
        days = centre.days_since_last
        values = (
            centre.code,
            centre.name,
            centre.last_sequence or self.tr("none"),
            (centre.last_imported_at or "")[:10] or never,
            never if days is None else days,
            self.missing_text(centre),
            centre.refused_forks,
            centre.cases,
            centre.conflicts,
            active_fingerprint(centre) or self.tr("revoked"),
        )
        return values[column]

    def _tooltip(self, centre: CentreStatus, column: int) -> Any:
        if column == Column.MISSING and centre.missing:
            return (
                self.tr(
                    "Batches %1 of %2 have not arrived, though a later one was offered. Ask the "
                    "centre to send them again from its workspace, then import them in order."
                )
                .replace("%1", missing_words(centre.missing))
                .replace("%2", centre.code)
            )
        if column == Column.REFUSED and centre.refused_forks:
            return self.tr(
                "Batches refused as a second version of a number, an older state or a broken "
                "chain: call the centre, its workspace may have been restored from a backup."
            )
        if column == Column.CONFLICTS and centre.conflicts:
            return self.tr(
                "Case changes made from another state than the registry holds: kept, not "
                "applied; resolve them with the centre."
            )
        return None

    def _foreground(self, centre: CentreStatus, column: int) -> Any:
        if column == Column.MISSING and centre.missing:
            return QColor(MISSING_COLOUR)
        if column == Column.REFUSED and centre.refused_forks:
            return QColor(MISSING_COLOUR)
        return None

    @staticmethod
    def _sort_key(centre: CentreStatus, column: int) -> Any:
        days = centre.days_since_last
        keys = (
            centre.code,
            centre.name.casefold(),
            centre.last_sequence,
            centre.last_imported_at or "",
            _NEVER if days is None else days,
            len(centre.missing),
            centre.refused_forks,
            centre.cases,
            centre.conflicts,
            active_fingerprint(centre) or "",
        )
        return keys[column]
