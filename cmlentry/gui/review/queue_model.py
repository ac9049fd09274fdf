"""The PI's review queue, one row per complete case waiting for a signature.

Rows are :class:`cmlentry.services.review.ReviewEntry` objects (or anything shaped like the
:class:`ReviewRow` protocol). A PI has tens of cases here, not thousands: texts are made when a
view asks for them.

Why a case cannot be signed is worded here, from the entry's counts (``errors``,
``blocking_queries``), in the interface's language; the service's ``why_not`` is an English
sentence for the command line and is never shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cmlentry.gui.icons import icon
from cmlentry.gui.review.texts import local_minute
from cmlentry.gui.rows_model import ReadOnlyRowsModel

Index = QModelIndex | QPersistentModelIndex

RecordRole = int(Qt.ItemDataRole.UserRole) + 1
"""The row's :class:`ReviewRow` itself."""
SortRole = int(Qt.ItemDataRole.UserRole) + 2
"""A key that sorts the column (numbers as numbers, fractions as fractions)."""

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# The same amber as the case list's warnings: readable on white and on the alternate grey.
_NOT_READY = QColor("#8a4b00")


class ReviewRow(Protocol):
    """One case of the queue (``ReviewEntry`` of the review service has it all)."""

    @property
    def registry_id(self) -> str: ...
    @property
    def updated_at(self) -> str: ...
    @property
    def forms_complete(self) -> int: ...
    @property
    def forms_total(self) -> int: ...
    @property
    def open_queries(self) -> int: ...
    @property
    def answered_queries(self) -> int: ...
    @property
    def verified(self) -> int: ...
    @property
    def answers(self) -> int: ...
    @property
    def last_signed_at(self) -> str | None: ...
    @property
    def last_signed_by(self) -> str | None: ...
    @property
    def changes_since_signature(self) -> int: ...
    @property
    def ready(self) -> bool: ...
    @property
    def errors(self) -> int: ...
    @property
    def blocking_queries(self) -> int: ...


class Column(IntEnum):
    REGISTRY_ID = 0
    FORMS = 1
    QUERIES = 2
    VERIFIED = 3
    CHANGES = 4
    READY = 5


_NUMERIC = (Column.FORMS, Column.VERIFIED, Column.CHANGES)


class ReviewQueueModel(ReadOnlyRowsModel):
    """The review queue as a read-only table of :class:`Column`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(Column), parent)
        self._headers = {
            Column.REGISTRY_ID: self.tr("Registry ID"),
            Column.FORMS: self.tr("Forms complete"),
            Column.QUERIES: self.tr("Queries"),
            Column.VERIFIED: self.tr("Verified against source"),
            Column.CHANGES: self.tr("Changes since last signature"),
            Column.READY: self.tr("Ready to sign"),
        }

    def set_entries(self, rows: Iterable[ReviewRow]) -> None:
        self._reset(rows)

    def entry(self, row: int) -> ReviewRow:
        found: ReviewRow = self._rows[row]
        return found

    def row_of(self, registry_id: str) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.registry_id == registry_id:
                return row
        return None

    # --- the model ------------------------------------------------------------------------------

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row: ReviewRow | None = self._row(index)
        if row is None:
            return None
        column = Column(index.column())
        if role == _DISPLAY:
            return self.text(row, column)
        if role in (_TOOLTIP, _ACCESSIBLE):
            return self._explained(row, column)
        if role == _ALIGNMENT and column in _NUMERIC:
            return _RIGHT
        if role == _DECORATION and column == Column.READY:
            return icon("ok" if row.ready else "warning")
        if role == _FOREGROUND and column == Column.READY and not row.ready:
            return _NOT_READY
        if role == RecordRole:
            return row
        if role == SortRole:
            return self._sort_key(row, column)
        return None

    # --- texts ----------------------------------------------------------------------------------

    def text(self, row: ReviewRow, column: Column) -> str:
        """What the cell shows."""
        if column == Column.REGISTRY_ID:
            return row.registry_id
        if column == Column.FORMS:
            return f"{row.forms_complete} / {row.forms_total}"
        if column == Column.QUERIES:
            return self.queries_text(row)
        if column == Column.VERIFIED:
            return (
                self.tr("%1 of %2 verified")
                .replace("%1", str(row.verified))
                .replace("%2", str(row.answers))
            )
        if column == Column.CHANGES:
            if row.last_signed_at is None:
                return self.tr("never signed")
            return str(row.changes_since_signature)
        if row.ready:
            return self.tr("Ready")
        if row.errors:
            return self.tr("%n error(s) to fix", "", row.errors)
        if row.blocking_queries:
            return self.tr("%n query(ies) to answer or close", "", row.blocking_queries)
        return self.tr("Not ready")

    def readiness(self, row: ReviewRow) -> str:
        """Whether the case can be signed, in a sentence: "Not ready to sign: 2 errors to fix"."""
        if row.ready:
            return self.tr("Ready to sign.")
        if row.errors:
            return self.tr("Not ready to sign: %n error(s) to fix.", "", row.errors)
        if row.blocking_queries:
            return self.tr(
                "Not ready to sign: %n query(ies) to answer or close.", "", row.blocking_queries
            )
        return self.tr("Not ready to sign.")

    def queries_text(self, row: ReviewRow) -> str:
        parts = []
        if row.open_queries:
            parts.append(self.tr("%n open", "", row.open_queries))
        if row.answered_queries:
            parts.append(self.tr("%n answered", "", row.answered_queries))
        return ", ".join(parts) or self.tr("none")

    def facts(self, entry: ReviewRow) -> str:
        """The queue row in one line of words, for the detail pane."""
        parts = [
            self.tr("%1 of %2 forms complete")
            .replace("%1", str(entry.forms_complete))
            .replace("%2", str(entry.forms_total)),
            self.tr("%1 of %2 answers verified against source")
            .replace("%1", str(entry.verified))
            .replace("%2", str(entry.answers)),
            self.tr("queries: %1").replace("%1", self.queries_text(entry)),
        ]
        if entry.last_signed_at is not None:
            parts.append(
                self.tr(
                    "%n answer(s) changed since the last signature",
                    "",
                    entry.changes_since_signature,
                )
            )
        return " · ".join(parts)

    def _explained(self, row: ReviewRow, column: Column) -> str:
        if column == Column.CHANGES and row.last_signed_at is not None:
            return (
                self.tr(
                    "%n answer(s) changed since %1 signed on %2", "", row.changes_since_signature
                )
                .replace("%1", row.last_signed_by or "?")
                .replace("%2", local_minute(row.last_signed_at))
            )
        if column == Column.CHANGES:
            return self.tr("Never signed before: every answer is new to the review")
        if column == Column.VERIFIED:
            return (
                self.tr("Answers marked verified against the source documents: %1 of %2")
                .replace("%1", str(row.verified))
                .replace("%2", str(row.answers))
            )
        if column == Column.READY:
            return self.readiness(row)
        return self.text(row, column)

    def _sort_key(self, row: ReviewRow, column: Column) -> Any:
        if column == Column.FORMS:
            return row.forms_complete / row.forms_total if row.forms_total else 0.0
        if column == Column.QUERIES:
            # Plain numbers: Qt's proxy cannot compare Python tuples. Open ones weigh most.
            return row.open_queries * 100_000 + row.answered_queries
        if column == Column.VERIFIED:
            return row.verified / row.answers if row.answers else 0.0
        if column == Column.CHANGES:
            return row.changes_since_signature if row.last_signed_at else -1
        if column == Column.READY:
            return 0 if row.ready else 1
        return row.registry_id
