"""The queries panel on the right of the case editor: the case's queries and what to do with them.

A table of the queries (field queried, state, question, raised, reply) sorted by state, open
first; the whole of the selected query below it; and the buttons for what the signed-in user may
do with it now, as the query service says (``QueryService.actions``): Answer… (a nurse or the PI,
an open query), Close… and Cancel… (only whoever raised it). The service refuses the same steps
to anyone else; hiding a button is for clarity only.

Selecting a query shows its answer in the form (without taking the focus from the table); Enter
or a double click puts the cursor in that answer.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.editor.query_table_model import (
    QueryColumn,
    QueryRole,
    QueryRow,
    QueryTableModel,
    SortRole,
)


class QueryPanel(QWidget):
    """The case's queries; the editor answers the requests with the dialogs and the service."""

    answer_requested = Signal(str)
    """Answer… for a query id."""
    close_requested = Signal(str)
    """Close… for a query id."""
    cancel_requested = Signal(str)
    """Cancel… for a query id."""
    query_selected = Signal(object)
    """A query became the current row: its :class:`QueryRow` (show its answer in the form)."""
    query_activated = Signal(object)
    """Enter or a double click on a query: its :class:`QueryRow` (go to its answer)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("query_panel")
        # Shown later into the editor's splitter, it would otherwise get no width at all.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)
        self.model = QueryTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self._quiet = False  # the current row is only being put back: show nothing in the form

        self.title = QLabel(self.tr("Queries"), self)
        self.title.setObjectName("query_panel_title")
        self.title.setStyleSheet("font-weight: bold;")
        self.table = self._table()
        self.empty = QLabel(self.tr("No queries on this case."), self)
        self.empty.setObjectName("query_panel_empty")
        self.detail = QLabel(self)
        self.detail.setObjectName("query_detail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # texts typed by people
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # Alt letters clash with none of the window's: menus F C V H, the editor's S M O Q I,
        # "Add row" A, Unlock U, Discard D.
        self.answer_button = self._button("query_answer", self.tr("A&nswer…"))
        self.close_button = self._button("query_close", self.tr("C&lose…"))
        self.cancel_button = self._button("query_cancel", self.tr("Cancel the quer&y…"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.answer_button, self.close_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)

        self.answer_button.clicked.connect(self._on_answer_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.activated.connect(self._on_table_activated)
        self._show_current()

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("query_table")
        table.setAccessibleName(self.tr("Queries of this case"))
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.sortByColumn(QueryColumn.STATE, Qt.SortOrder.AscendingOrder)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in ((QueryColumn.WHERE, 16), (QueryColumn.STATE, 7)):
            header.resizeSection(column, width * em)
        return table

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setAutoDefault(False)
        return button

    # --- public API -------------------------------------------------------------------------------

    def set_rows(self, rows: list[QueryRow], unresolved: int) -> None:
        """Show the case's queries, keeping the current one when it is still there."""
        current = self.current()
        self.model.set_rows(rows)
        self.title.setText(
            self.tr("Queries: %1 of %2 waiting")
            .replace("%1", str(unresolved))
            .replace("%2", str(len(rows)))
            if rows
            else self.tr("Queries")
        )
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if current is not None and self.select(current.query.id, reveal=False):
            return
        self._show_current()

    def current(self) -> QueryRow | None:
        index = self.table.currentIndex()
        row = index.data(QueryRole) if index.isValid() else None
        return row if isinstance(row, QueryRow) else None

    def select(self, query_id: str, *, reveal: bool = True) -> bool:
        """Make a query the current row; False when the case has no such query.

        ``reveal``: say so (:attr:`query_selected`), which shows its answer in the form; not
        when the rows are only read again after a save.
        """
        row = self.model.row_of(query_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self._quiet = not reveal
        try:
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._quiet = False
        self.table.scrollTo(index)
        self._show_current()
        return True

    # --- slots ------------------------------------------------------------------------------------

    def _show_current(self) -> None:
        row = self.current()
        self.detail.setText(self.model.detail(row) if row is not None else "")
        self.detail.setVisible(row is not None)
        actions = row.actions if row is not None else frozenset()
        self.answer_button.setVisible("answer" in actions)
        self.close_button.setVisible("close" in actions)
        self.cancel_button.setVisible("cancel" in actions)

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()
        row = current.data(QueryRole) if current.isValid() else None
        if isinstance(row, QueryRow) and not self._quiet:
            self.query_selected.emit(row)

    def _on_table_activated(self, index: QModelIndex) -> None:
        row = index.data(QueryRole)
        if isinstance(row, QueryRow):
            self.query_activated.emit(row)

    def _on_answer_button_clicked(self) -> None:
        row = self.current()
        if row is not None:
            self.answer_requested.emit(row.query.id)

    def _on_close_button_clicked(self) -> None:
        row = self.current()
        if row is not None:
            self.close_requested.emit(row.query.id)

    def _on_cancel_button_clicked(self) -> None:
        row = self.current()
        if row is not None:
            self.cancel_requested.emit(row.query.id)
