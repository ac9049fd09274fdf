"""The queries of the case open in the editor, as a read-only table for the queries panel.

One row per query, oldest first: the field queried, the state, the question, who raised it and
when, and the reply. The whole texts are in the tooltips and in the panel's detail below the
table. A query is found again by its id after a reload (:meth:`QueryTableModel.row_of`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from cmlentry.gui.editor.query_words import closing_text, state_word
from cmlentry.gui.editor.review_marks import local_moment
from cmlentry.gui.rows_model import ReadOnlyRowsModel
from cmlentry.services.queries import ANSWERED, OPEN, REGISTRY, QueryInfo

Index = QModelIndex | QPersistentModelIndex

QueryRole = int(Qt.ItemDataRole.UserRole) + 1
"""The row's :class:`QueryRow`."""
SortRole = int(Qt.ItemDataRole.UserRole) + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_STATE_ORDER = {OPEN: 0, ANSWERED: 1}


@dataclass(frozen=True)
class QueryRow:
    """A query with where its answer is on screen and what the signed-in user may do with it."""

    query: QueryInfo
    where: str
    actions: frozenset[str]
    number: int
    """Its place among the case's queries, oldest first, from 1."""


class QueryColumn(IntEnum):
    WHERE = 0
    STATE = 1
    QUESTION = 2
    RAISED = 3
    REPLY = 4


class QueryTableModel(ReadOnlyRowsModel):
    """The case's queries in every state."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(QueryColumn), parent)
        self._headers = {
            QueryColumn.WHERE: self.tr("Field"),
            QueryColumn.STATE: self.tr("State"),
            QueryColumn.QUESTION: self.tr("Question"),
            QueryColumn.RAISED: self.tr("Raised"),
            QueryColumn.REPLY: self.tr("Reply"),
        }

    def set_rows(self, rows: Iterable[QueryRow]) -> None:
        self._reset(rows)

    def rows(self) -> list[QueryRow]:
        return list(self._rows)

    def row_of(self, query_id: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.query.id == query_id), None)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row: QueryRow | None = self._row(index)
        if row is None:
            return None
        column = QueryColumn(index.column())
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.text(row, column)
        if role == _TOOLTIP:
            return self.detail(row) if column != QueryColumn.WHERE else row.where
        if role == QueryRole:
            return row
        if role == SortRole:
            if column == QueryColumn.STATE:
                return (_STATE_ORDER.get(row.query.state, 2), row.number)
            if column == QueryColumn.RAISED:
                return row.query.raised_at
            return self.text(row, column).casefold()
        if role == _FOREGROUND and row.query.state not in (OPEN, ANSWERED):
            return Qt.GlobalColor.darkGray
        return None

    def text(self, row: QueryRow, column: QueryColumn) -> str:
        query = row.query
        if column == QueryColumn.WHERE:
            return row.where
        if column == QueryColumn.STATE:
            return state_word(query.state)
        if column == QueryColumn.QUESTION:
            return _one_line(query.text)
        if column == QueryColumn.RAISED:
            return f"{self.raiser(query)}, {local_moment(query.raised_at)}"
        return _one_line(query.answer or "")

    def raiser(self, query: QueryInfo) -> str:
        if query.origin == REGISTRY:
            return self.tr("%1 (registry)").replace("%1", query.raised_name)
        return query.raised_name

    def detail(self, row: QueryRow) -> str:
        """The whole query in a few lines: question, who and when, answer, closing."""
        query = row.query
        lines = [
            self.tr("Query %1 on %2 (%3)")
            .replace("%1", str(row.number))
            .replace("%2", row.where)
            .replace("%3", state_word(query.state)),
            self.tr("Raised by %1 on %2: %3")
            .replace("%1", self.raiser(query))
            .replace("%2", local_moment(query.raised_at))
            .replace("%3", query.text),
        ]
        if query.answer is not None:
            lines.append(
                self.tr("Answered by %1 on %2: %3")
                .replace("%1", query.answered_name or "")
                .replace("%2", local_moment(query.answered_at))
                .replace("%3", query.answer)
            )
        if query.closed_at is not None:
            lines.append(
                closing_text(
                    query.state, query.closed_name or "", local_moment(query.closed_at), query.note
                )
            )
        return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())
