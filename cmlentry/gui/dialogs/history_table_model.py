"""The rows of a field's history: when, who, what changed, why.

Takes any object shaped like :class:`cmlentry.services.history.FieldChange` (the
:class:`ChangeRow` protocol). Codes are shown by their labels (code list and missing-data codes)
so "CP → AP" reads "chronic phase → accelerated phase"; the code itself is in the tooltip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex

RecordRole = int(Qt.ItemDataRole.UserRole) + 1
"""The row's :class:`ChangeRow` itself."""
SortRole = int(Qt.ItemDataRole.UserRole) + 2
"""A key that sorts the column (the UTC time for the time column)."""

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)


class ChangeRow(Protocol):
    """One change of one field (``FieldChange`` of the history service has it all)."""

    @property
    def at_utc(self) -> str: ...
    @property
    def username(self) -> str: ...
    @property
    def printed_name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def old(self) -> str | None: ...
    @property
    def new(self) -> str | None: ...
    @property
    def reason(self) -> str | None: ...


class Column(IntEnum):
    TIME = 0
    WHO = 1
    WHAT = 2
    REASON = 3


def utc_moment(at_utc: str) -> dt.datetime | None:
    """The trail's ISO 8601 UTC text as an aware datetime, or None if it does not parse."""
    try:
        moment = dt.datetime.fromisoformat(at_utc)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class HistoryTableModel(QAbstractTableModel):
    """Changes of one field, oldest first, as a read-only table of :class:`Column`."""

    def __init__(self, labels: Mapping[str, str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._labels = dict(labels or {})
        self._rows: list[ChangeRow] = []
        self._headers = {
            Column.TIME: self.tr("When"),
            Column.WHO: self.tr("Who"),
            Column.WHAT: self.tr("What changed"),
            Column.REASON: self.tr("Reason"),
        }
        self._roles = {
            "nurse": self.tr("research nurse"),
            "pi": self.tr("principal investigator"),
            "site_admin": self.tr("site administrator"),
            "coordinator": self.tr("registry coordinator"),
            "system": self.tr("cmlentry"),
        }
        self._text: dict[Column, Callable[[ChangeRow], str]] = {
            Column.TIME: self._time,
            Column.WHO: self._who,
            Column.WHAT: self.what,
            Column.REASON: lambda change: change.reason or "",
        }

    def set_changes(self, changes: Iterable[ChangeRow]) -> None:
        self.beginResetModel()
        self._rows = list(changes)
        self.endResetModel()

    def change(self, row: int) -> ChangeRow:
        return self._rows[row]

    # --- the model ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 -- Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self._headers.get(Column(section)) if 0 <= section < len(Column) else None
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        change = self._rows[index.row()]
        column = Column(index.column())
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._text[column](change)
        if role == _TOOLTIP:
            return self._tooltip(column, change)
        if role == RecordRole:
            return change
        if role == SortRole:
            if column == Column.TIME:  # the trail's order breaks ties within one save
                return f"{change.at_utc}#{index.row():08d}"
            return self._text[column](change)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- texts ----------------------------------------------------------------------------------

    def as_text(self, rows: Iterable[int] | None = None) -> str:
        """The header and ``rows`` (all by default) as tab-separated lines, for the clipboard."""
        chosen = range(len(self._rows)) if rows is None else rows
        lines = ["\t".join(self._headers[c] for c in Column)]
        for row in chosen:
            change = self._rows[row]
            cells = [self._text[c](change) for c in Column]
            lines.append("\t".join(" ".join(cell.split()) for cell in cells))
        return "\n".join(lines)

    def _time(self, change: ChangeRow) -> str:
        moment = utc_moment(change.at_utc)
        return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else change.at_utc

    def _who(self, change: ChangeRow) -> str:
        role = self._roles.get(change.role, change.role)
        return self.tr("%1 (%2)").replace("%1", change.printed_name).replace("%2", role)

    def _label(self, code: str | None) -> str:
        return self._labels.get(code, code) if code is not None else ""

    def what(self, change: ChangeRow) -> str:
        """The change in words: "12 → 14", "entered: 12", "marked unknown", "overridden: …"."""
        old, new = change.old, change.new
        if change.field == "missing":
            if new is not None:
                return self.tr("marked %1").replace("%1", self._label(new))
            return self.tr("no longer marked %1").replace("%1", self._label(old))
        if change.field == "override":
            if new is not None:
                return self.tr("warning overridden: %1").replace("%1", new)
            return self.tr("override withdrawn (was: %1)").replace("%1", old or "")
        if change.field == "status":
            if new == "complete":
                return self.tr("form marked complete")
            return self.tr("form back to %1").replace("%1", self._status(new))
        if old is None and new is not None:
            return self.tr("entered: %1").replace("%1", self._label(new))
        if new is None:
            return self.tr("removed: %1").replace("%1", self._label(old))
        return self.tr("%1 → %2").replace("%1", self._label(old)).replace("%2", self._label(new))

    def _status(self, status: str | None) -> str:
        words = {"draft": self.tr("draft"), "complete": self.tr("complete")}
        return words.get(status or "", status or "")

    def _tooltip(self, column: Column, change: ChangeRow) -> str | None:
        if column == Column.TIME:
            moment = utc_moment(change.at_utc)
            utc = moment.strftime("%Y-%m-%d %H:%M:%S UTC") if moment else change.at_utc
            return utc
        if column == Column.WHO:
            return self.tr("user name: %1").replace("%1", change.username)
        if column == Column.WHAT:
            codes = [c for c in (change.old, change.new) if c is not None and c in self._labels]
            if codes:
                return self.tr("codes: %1").replace("%1", " → ".join(codes))
            return self.what(change)
        return change.reason or None
