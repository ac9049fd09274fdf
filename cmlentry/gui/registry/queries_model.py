"""The registry's queries as a read-only table, and the filter the coordinator narrows it with.

One row per query the central store holds, the registry's own and those the sites' batches
brought: centre, case, the answer queried in the words of the form definition, state, question,
who raised it and when, and the site's answer. The whole query is in the tooltips and in the
view's detail. Queries answered and waiting for the signed-in coordinator to close them are in
bold and sort first by state: they are the ones to act on.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from cmlentry.domain.forms import FormDefinition
from cmlentry.gui.editor.query_words import closing_text, state_word
from cmlentry.gui.editor.review_marks import local_moment
from cmlentry.gui.rows_model import ReadOnlyRowsModel
from cmlentry.services.queries import ANSWERED, CANCELLED, CLOSED, OPEN, REGISTRY
from cmlentry.services.registry.queries import CentralQueryInfo
from cmlentry.services.review import ItemAddress

Index = QModelIndex | QPersistentModelIndex

RecordRole = int(Qt.ItemDataRole.UserRole) + 1
"""The row's :class:`CentralQueryInfo`."""
SortRole = int(Qt.ItemDataRole.UserRole) + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_STATE_ORDER = {ANSWERED: 0, OPEN: 1, CLOSED: 2, CANCELLED: 3}

CLOSE, CANCEL = "close", "cancel"


def allowed_steps(query: CentralQueryInfo, username: str) -> frozenset[str]:
    """What ``username`` may do with ``query`` now, as the service decides it.

    Only the coordinator who raised a registry query closes (once answered) or cancels it
    (while open or answered); the sites' own queries are theirs. The service refuses anything
    else anyway: this only decides which buttons are offered.
    """
    if query.origin != REGISTRY or query.raised_by != username or not query.unresolved:
        return frozenset()
    return frozenset({CLOSE, CANCEL}) if query.state == ANSWERED else frozenset({CANCEL})


class QueryColumn(IntEnum):
    CENTRE = 0
    CASE = 1
    ITEM = 2
    STATE = 3
    QUESTION = 4
    RAISED = 5
    ANSWER = 6


class CentralQueriesModel(ReadOnlyRowsModel):
    """The central store's queries, read-only (see :class:`QueryColumn`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(QueryColumn), parent)
        self._definition: FormDefinition | None = None
        self._me = ""
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = {
            QueryColumn.CENTRE: self.tr("Centre"),
            QueryColumn.CASE: self.tr("Case"),
            QueryColumn.ITEM: self.tr("Answer queried"),
            QueryColumn.STATE: self.tr("State"),
            QueryColumn.QUESTION: self.tr("Question"),
            QueryColumn.RAISED: self.tr("Raised"),
            QueryColumn.ANSWER: self.tr("Site's answer"),
        }

    # --- filling ----------------------------------------------------------------------------------

    def set_queries(
        self, queries: Iterable[CentralQueryInfo], definition: FormDefinition, username: str
    ) -> None:
        """Replace every row; ``username`` is the signed-in coordinator (bold: theirs to close)."""
        self._definition = definition
        self._me = username
        self._reset(queries)

    @property
    def username(self) -> str:
        """The signed-in coordinator's user name (whose queries they may close)."""
        return self._me

    def queries(self) -> list[CentralQueryInfo]:
        return list(self._rows)

    def query(self, row: int) -> CentralQueryInfo:
        found: CentralQueryInfo = self._rows[row]
        return found

    def row_of(self, query_id: str) -> int | None:
        return next((n for n, q in enumerate(self._rows) if q.id == query_id), None)

    def to_close(self) -> int:
        """How many answered queries wait for the signed-in coordinator to close them."""
        return sum(1 for q in self._rows if CLOSE in allowed_steps(q, self._me))

    # --- Qt's model interface ---------------------------------------------------------------------

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        query: CentralQueryInfo | None = self._row(index)
        if query is None:
            return None
        column = QueryColumn(index.column())
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.text(query, column)
        if role == _TOOLTIP:
            return self.detail(query)
        if role == RecordRole:
            return query
        if role == SortRole:
            return self._sort_key(query, column)
        if role == _FOREGROUND and not query.unresolved:
            return Qt.GlobalColor.darkGray
        if role == _FONT and CLOSE in allowed_steps(query, self._me):
            return self._bold
        return None

    # --- texts ------------------------------------------------------------------------------------

    def text(self, query: CentralQueryInfo, column: QueryColumn) -> str:
        if column == QueryColumn.CENTRE:
            return query.centre
        if column == QueryColumn.CASE:
            return query.registry_id
        if column == QueryColumn.ITEM:
            return self.item_label(query.address)
        if column == QueryColumn.STATE:
            return state_word(query.state)
        if column == QueryColumn.QUESTION:
            return _one_line(query.text)
        if column == QueryColumn.RAISED:
            return self.raised(query)
        return _one_line(query.answer or "")

    def item_label(self, address: ItemAddress) -> str:
        """The answer queried in the form's words: "Diagnosis › Platelets", with the row of a
        repeating group ("Treatment › Doses, row 2 › Dose")."""
        definition = self._definition
        form = definition.forms_by_id.get(address.form_id) if definition else None
        group = next((g for g in form.groups if g.id == address.group_id), None) if form else None
        item = next((i for i in group.items if i.id == address.item_id), None) if group else None
        if form is None or group is None or item is None:
            return f"{address.form_id} › {address.group_id} › {address.item_id}"
        if not group.repeating:
            return self.tr("%1 › %2").replace("%1", form.label).replace("%2", item.label)
        return (
            self.tr("%1 › %2, row %3 › %4")
            .replace("%1", form.label)
            .replace("%2", group.label)
            .replace("%3", str(address.row_key))
            .replace("%4", item.label)
        )

    def raised(self, query: CentralQueryInfo) -> str:
        """Who raised it and when: "Cora Ordinator (registry), 2026-11-21 10:00"."""
        if query.origin == REGISTRY:
            text = self.tr("%1 (registry), %2")
        else:
            text = self.tr("%1 (site), %2")
        return text.replace("%1", query.raised_name).replace("%2", local_moment(query.raised_at))

    def detail(self, query: CentralQueryInfo) -> str:
        """The whole query in a few lines: where, question, answer, closing."""
        lines = [
            self.tr("Query %1 on case %2 of %3, %4 (%5)")
            .replace("%1", query.id[:8])
            .replace("%2", query.registry_id)
            .replace("%3", query.centre)
            .replace("%4", self.item_label(query.address))
            .replace("%5", state_word(query.state)),
            self.tr("Raised by %1 on %2: %3")
            .replace("%1", self.raised_by(query))
            .replace("%2", local_moment(query.raised_at))
            .replace("%3", query.text),
        ]
        if query.answer is not None:
            lines.append(
                self.tr("Answered by %1 on %2: %3")
                .replace("%1", query.answered_name or query.answered_by or "")
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

    def raised_by(self, query: CentralQueryInfo) -> str:
        if query.origin == REGISTRY:
            return self.tr("%1 (registry)").replace("%1", query.raised_name)
        return self.tr("%1 (site %2)").replace("%1", query.raised_name).replace("%2", query.centre)

    def _sort_key(self, query: CentralQueryInfo, column: QueryColumn) -> Any:
        if column == QueryColumn.STATE:
            mine = CLOSE in allowed_steps(query, self._me)
            return (0 if mine else 1, _STATE_ORDER.get(query.state, 4), query.raised_at)
        if column == QueryColumn.RAISED:
            return query.raised_at
        return self.text(query, column).casefold()


class QueryFilter(QSortFilterProxyModel):
    """Narrows the queries to some states, one centre and words of the case ID or question."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._states: frozenset[str] | None = frozenset({OPEN, ANSWERED})
        self._centre: str | None = None
        self._words: tuple[str, ...] = ()
        self.setSortRole(SortRole)

    def set_states(self, states: frozenset[str] | None) -> None:
        """Only queries in ``states`` (None: every state)."""
        self.beginFilterChange()
        self._states = states
        self.endFilterChange()

    def set_centre(self, centre: str | None) -> None:
        """Only the queries of centre ``centre`` (None: every centre)."""
        self.beginFilterChange()
        self._centre = centre
        self.endFilterChange()

    def set_words(self, text: str) -> None:
        """Only queries whose case ID, answer queried, question or answer holds every word."""
        self.beginFilterChange()
        self._words = tuple(text.casefold().split())
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, CentralQueriesModel):
            return True
        query = model.query(source_row)
        if self._states is not None and query.state not in self._states:
            return False
        if self._centre is not None and query.centre != self._centre:
            return False
        if not self._words:
            return True
        haystack = " ".join(
            (query.registry_id, model.item_label(query.address), query.text, query.answer or "")
        ).casefold()
        return all(word in haystack for word in self._words)


def _one_line(text: str) -> str:
    return " ".join(text.split())
