"""The batches this site made, one row each: number, file, when, who, cases, the registry's answer.

Takes any object shaped like :class:`cmlentry.services.batches.export.BatchInfo` (the
:class:`BatchRow` protocol).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from cmlentry.gui.case_row import local_time
from cmlentry.gui.rows_model import ReadOnlyRowsModel

Index = QModelIndex | QPersistentModelIndex

RecordRole = int(Qt.ItemDataRole.UserRole) + 1
"""The row's :class:`BatchRow` itself."""
SortRole = int(Qt.ItemDataRole.UserRole) + 2
"""A key that sorts the column (numbers as numbers, times as UTC text)."""

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BatchRow(Protocol):
    """One batch (``BatchInfo`` of the export service has it all)."""

    @property
    def sequence(self) -> int: ...
    @property
    def file_name(self) -> str: ...
    @property
    def created_at(self) -> str: ...
    @property
    def created_by(self) -> str: ...
    @property
    def case_count(self) -> int: ...
    @property
    def file_sha256(self) -> str: ...
    @property
    def acknowledged_at(self) -> str | None: ...
    @property
    def accepted(self) -> int: ...
    @property
    def rejected(self) -> int: ...


class Column(IntEnum):
    NUMBER = 0
    FILE = 1
    MADE = 2
    BY = 3
    CASES = 4
    ANSWER = 5


_NUMERIC = (Column.NUMBER, Column.CASES)


def shown_time(at_utc: str | None) -> str:
    """Stored UTC text as local time to the minute ("" for None, as stored if unreadable)."""
    if at_utc is None:
        return ""
    moment = local_time(at_utc)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else at_utc


class BatchesTableModel(ReadOnlyRowsModel):
    """The site's batches as a read-only table of :class:`Column`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(Column), parent)
        self._headers = {
            Column.NUMBER: self.tr("Batch"),
            Column.FILE: self.tr("File"),
            Column.MADE: self.tr("Made"),
            Column.BY: self.tr("By"),
            Column.CASES: self.tr("Cases"),
            Column.ANSWER: self.tr("Registry's answer"),
        }
        self._text: dict[Column, Callable[[BatchRow], str]] = {
            Column.NUMBER: lambda row: str(row.sequence),
            Column.FILE: lambda row: row.file_name,
            Column.MADE: lambda row: shown_time(row.created_at),
            Column.BY: lambda row: row.created_by,
            Column.CASES: lambda row: str(row.case_count),
            Column.ANSWER: self.answer,
        }

    def set_batches(self, rows: Iterable[BatchRow]) -> None:
        self._reset(rows)

    def batch(self, row: int) -> BatchRow:
        found: BatchRow = self._rows[row]
        return found

    # --- the model ------------------------------------------------------------------------------

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row: BatchRow | None = self._row(index)
        if row is None:
            return None
        column = Column(index.column())
        if role == _DISPLAY:
            return self._text[column](row)
        if role == _ALIGNMENT and column in _NUMERIC:
            return _RIGHT
        if role == _TOOLTIP and column == Column.FILE:
            return self.tr("SHA-256 of the file: %1").replace("%1", row.file_sha256)
        if role == RecordRole:
            return row
        if role == SortRole:
            return self._sort_key(row, column)
        return None

    # --- texts ----------------------------------------------------------------------------------

    def answer(self, row: BatchRow) -> str:
        """Waiting, or when the acknowledgement was read with the counts accepted and rejected."""
        if row.acknowledged_at is None:
            return self.tr("Waiting for the acknowledgement")
        return (
            self.tr("%1: %2 accepted, %3 rejected")
            .replace("%1", shown_time(row.acknowledged_at))
            .replace("%2", str(row.accepted))
            .replace("%3", str(row.rejected))
        )

    def _sort_key(self, row: BatchRow, column: Column) -> Any:
        if column == Column.NUMBER:
            return row.sequence
        if column == Column.CASES:
            return row.case_count
        if column == Column.MADE:
            return row.created_at
        if column == Column.ANSWER:
            return row.acknowledged_at or ""
        return self._text[column](row)
