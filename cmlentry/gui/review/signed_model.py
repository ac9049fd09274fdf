"""The signed (locked) cases, for the review window's "Signed" tab: where Unlock… is offered.

Rows are case summaries (:class:`~cmlentry.gui.case_row.CaseRow`) with ``locked`` set; who signed
and when is read for the one case selected (the detail pane), never row by row.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from cmlentry.gui.case_row import STATUS_RANK, CaseRow
from cmlentry.gui.icons import icon
from cmlentry.gui.review.texts import local_minute
from cmlentry.gui.rows_model import ReadOnlyRowsModel

Index = QModelIndex | QPersistentModelIndex

RecordRole = int(Qt.ItemDataRole.UserRole) + 1
"""The row's :class:`CaseRow` itself."""
SortRole = int(Qt.ItemDataRole.UserRole) + 2
"""A key that sorts the column."""

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)


class Column(IntEnum):
    REGISTRY_ID = 0
    STATUS = 1
    QUERIES = 2
    UPDATED = 3


class SignedCasesModel(ReadOnlyRowsModel):
    """Locked cases as a read-only table of :class:`Column`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(Column), parent)
        self._headers = {
            Column.REGISTRY_ID: self.tr("Registry ID"),
            Column.STATUS: self.tr("Status"),
            Column.QUERIES: self.tr("Queries"),
            Column.UPDATED: self.tr("Last change"),
        }
        self._words = {
            "signed": self.tr("Signed"),
            "exported": self.tr("Signed and exported"),
            "acknowledged": self.tr("Signed and acknowledged"),
        }

    def set_cases(self, rows: Iterable[CaseRow]) -> None:
        self._reset(row for row in rows if row.locked)

    def case(self, row: int) -> CaseRow:
        found: CaseRow = self._rows[row]
        return found

    def row_of(self, registry_id: str) -> int | None:
        for row, case in enumerate(self._rows):
            if case.registry_id == registry_id:
                return row
        return None

    def status_word(self, status: str) -> str:
        return self._words.get(status, status)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        case: CaseRow | None = self._row(index)
        if case is None:
            return None
        column = Column(index.column())
        if role == _DISPLAY:
            return self.text(case, column)
        if role == _DECORATION and column == Column.STATUS:
            return icon("lock")
        if role == RecordRole:
            return case
        if role == SortRole:
            if column == Column.STATUS:
                return STATUS_RANK.get(case.status, len(STATUS_RANK))
            if column == Column.QUERIES:
                return case.open_queries * 100_000 + case.answered_queries
            if column == Column.UPDATED:
                return case.updated_at
            return case.registry_id
        return None

    def text(self, case: CaseRow, column: Column) -> str:
        if column == Column.REGISTRY_ID:
            return case.registry_id
        if column == Column.STATUS:
            return self.status_word(case.status)
        if column == Column.QUERIES:
            parts = []
            if case.open_queries:
                parts.append(self.tr("%n open", "", case.open_queries))
            if case.answered_queries:
                parts.append(self.tr("%n answered", "", case.answered_queries))
            return ", ".join(parts)
        return local_minute(case.updated_at)
