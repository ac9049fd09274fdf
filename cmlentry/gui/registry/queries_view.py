"""The coordinator's queries tab: every query of the registry, narrowed by state, centre and words.

Above the table: which states (the waiting ones to begin with), which centre, and a search in the
case IDs, answers queried, questions and answers. Below it: the whole of the selected query, a
sentence saying what can be done with it, and the buttons. *Close…* and *Cancel…* are enabled
only for what the query service allows the signed-in coordinator (a registry query they raised;
closing once the site answered); the service refuses the same steps anyway. The view runs
nothing itself: it asks, and :class:`~cmlentry.gui.registry.registry_queries.RegistryQueries`
answers with the dialogs and the service.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmlentry.domain.forms import FormDefinition
from cmlentry.gui.editor.query_words import state_word
from cmlentry.gui.registry.queries_model import (
    CANCEL,
    CLOSE,
    CentralQueriesModel,
    QueryColumn,
    QueryFilter,
    RecordRole,
    allowed_steps,
)
from cmlentry.services.queries import ANSWERED, CANCELLED, CLOSED, OPEN, REGISTRY
from cmlentry.services.registry.queries import CentralQueryInfo

STATE_CHOICES: tuple[frozenset[str] | None, ...] = (
    frozenset({OPEN, ANSWERED}),
    frozenset({ANSWERED}),
    frozenset({OPEN}),
    frozenset({CLOSED}),
    frozenset({CANCELLED}),
    None,
)
"""The state filter's choices, in the order of :meth:`QueriesView._state_words`."""


class QueriesView(QWidget):
    """The registry's queries with their filters, detail and buttons."""

    raise_requested = Signal()
    close_requested = Signal(object)
    """Close… for a :class:`CentralQueryInfo`."""
    cancel_requested = Signal(object)
    """Cancel… for a :class:`CentralQueryInfo`."""
    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queries_view")
        self.model = CentralQueriesModel(self)
        self.proxy = QueryFilter(self)
        self.proxy.setSourceModel(self.model)
        self._available = False

        self.table = self._table()
        self.empty = QLabel(self)
        self.empty.setObjectName("queries_empty")
        self.empty.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setObjectName("queries_detail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # texts typed by people
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(self)
        self.hint.setObjectName("queries_hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)

        filters = self._filters()
        buttons = self._buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.detail)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

        self.state_box.currentIndexChanged.connect(self._on_state_box_current_index_changed)
        self.centre_box.currentIndexChanged.connect(self._on_centre_box_current_index_changed)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.raise_button.clicked.connect(self.raise_requested)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.send_button.clicked.connect(self.send_requested)
        self._show_current()

    def _filters(self) -> QHBoxLayout:
        self.state_box = QComboBox(self)
        self.state_box.setObjectName("queries_state")
        self.state_box.addItems(self._state_words())
        self.centre_box = QComboBox(self)
        self.centre_box.setObjectName("queries_centre")
        self.centre_box.addItem(self.tr("All centres"), None)
        self.search = QLineEdit(self)
        self.search.setObjectName("queries_search")
        self.search.setPlaceholderText(self.tr("Find a case ID, question or answer"))
        self.search.setAccessibleName(self.tr("Find queries"))
        self.search.setClearButtonEnabled(True)
        state_label = QLabel(self.tr("S&tate:"), self)
        state_label.setBuddy(self.state_box)
        centre_label = QLabel(self.tr("C&entre:"), self)
        centre_label.setBuddy(self.centre_box)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for widget in (state_label, self.state_box, centre_label, self.centre_box):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)

        return filters

    def _buttons(self) -> QHBoxLayout:
        self.raise_button = self._button("queries_raise", self.tr("R&aise query…"))
        self.close_button = self._button("queries_close", self.tr("C&lose…"))
        self.cancel_button = self._button("queries_cancel", self.tr("Cancel the quer&y…"))
        self.send_button = self._button("queries_send", self.tr("&Send to the centre…"))
        self.send_button.setToolTip(
            self.tr(
                "Write the centre's latest acknowledgement again with the registry's queries "
                "as they are now, to send it to the centre"
            )
        )
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.raise_button, self.close_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)

        return buttons

    def _state_words(self) -> list[str]:
        return [
            self.tr("Waiting (open or answered)"),
            self.tr("Answered, to close"),
            self.tr("Open"),
            self.tr("Closed"),
            self.tr("Cancelled"),
            self.tr("All states"),
        ]

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("queries_table")
        table.setAccessibleName(self.tr("Queries of the registry"))
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.sortByColumn(QueryColumn.STATE, Qt.SortOrder.AscendingOrder)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Widths from what the columns hold (a registry ID, a state word), not from the rows:
        # fitting thousands of rows to their contents would be read on every change.
        metrics, em = self.fontMetrics(), self.fontMetrics().horizontalAdvance("M")
        states = (state_word(state) for state in (OPEN, ANSWERED, CLOSED, CANCELLED))
        widths = {
            QueryColumn.CENTRE: metrics.horizontalAdvance("FR-086") + 2 * em,
            QueryColumn.CASE: metrics.horizontalAdvance("FR-086-0000-W") + 2 * em,
            QueryColumn.ITEM: 22 * em,
            QueryColumn.STATE: max(metrics.horizontalAdvance(w) for w in states) + 2 * em,
            QueryColumn.QUESTION: 22 * em,
            QueryColumn.RAISED: 24 * em,
        }
        for column, width in widths.items():
            header.resizeSection(column, width)
        return table

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)
        return button

    # --- public -----------------------------------------------------------------------------------

    def set_queries(
        self, queries: Iterable[CentralQueryInfo], definition: FormDefinition, username: str
    ) -> None:
        """Show these queries, keeping the selected one selected when it is still listed."""
        current = self.current()
        self.model.set_queries(queries, definition, username)
        if current is None or not self.select(current.id):
            self._show_current()

    def set_centres(self, codes: Iterable[str]) -> None:
        """Offer these centres in the centre filter, keeping the one chosen."""
        chosen = self.centre()
        wanted = sorted(set(codes) | {q.centre for q in self.model.queries()})
        if wanted == [self.centre_box.itemData(i) for i in range(1, self.centre_box.count())]:
            return
        with QSignalBlocker(self.centre_box):
            while self.centre_box.count() > 1:
                self.centre_box.removeItem(1)
            for code in wanted:
                self.centre_box.addItem(code, code)
            self.centre_box.setCurrentIndex(max(self.centre_box.findData(chosen), 0))
        self._on_centre_box_current_index_changed()

    def set_available(self, available: bool) -> None:
        """Whether the registry database is open (the buttons need it)."""
        self._available = available
        self._show_current()

    def centre(self) -> str | None:
        """The centre chosen in the filter, or None for every centre."""
        code = self.centre_box.currentData()
        return code if isinstance(code, str) else None

    def show_states(self, states: frozenset[str] | None) -> None:
        """Choose the state filter showing ``states`` (one of :data:`STATE_CHOICES`)."""
        self.state_box.setCurrentIndex(STATE_CHOICES.index(states))

    def reveal(self, query_id: str) -> bool:
        """Select a query, widening the filters if they hide it; False if it is not listed."""
        if self.select(query_id):
            return True
        row = self.model.row_of(query_id)
        if row is None:
            return False
        query = self.model.query(row)
        self.search.clear()
        if self.centre() not in (None, query.centre):
            self.centre_box.setCurrentIndex(0)
        states = STATE_CHOICES[self.state_box.currentIndex()]
        if states is not None and query.state not in states:
            self.show_states(None)
        return self.select(query_id)

    def current(self) -> CentralQueryInfo | None:
        index = self.table.currentIndex()
        query = index.data(RecordRole) if index.isValid() else None
        return query if isinstance(query, CentralQueryInfo) else None

    def select(self, query_id: str) -> bool:
        """Make a query the current row; False when it is not listed (or filtered out)."""
        row = self.model.row_of(query_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else None
        if index is None or not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self._show_current()
        return True

    def visible_queries(self) -> list[CentralQueryInfo]:
        """The queries the filters let through, in the table's order."""
        rows = range(self.proxy.rowCount())
        return [self.proxy.index(row, 0).data(RecordRole) for row in rows]

    # --- internals --------------------------------------------------------------------------------

    def _show_current(self) -> None:
        query = self.current()
        steps = allowed_steps(query, self.model.username) if query else frozenset[str]()
        self.detail.setText(self.model.detail(query) if query else "")
        self.detail.setVisible(query is not None)
        self.hint.setText(self._hint(query))
        self.hint.setVisible(bool(self.hint.text()))
        self.close_button.setEnabled(self._available and CLOSE in steps)
        self.cancel_button.setEnabled(self._available and CANCEL in steps)
        self.raise_button.setEnabled(self._available)
        self.send_button.setEnabled(self._available)
        listed, shown = self.model.rowCount(), self.proxy.rowCount()
        self.table.setVisible(shown > 0)
        self.empty.setVisible(shown == 0)
        if listed == 0:
            self.empty.setText(
                self.tr(
                    "No queries yet. Choose “Raise query…” to ask a centre about one answer of a "
                    "case the registry holds; the sites' own queries appear here as their "
                    "batches bring them."
                )
            )
        else:
            self.empty.setText(
                self.tr("None of the %n query(ies) matches these filters.", "", listed)
            )

    def _hint(self, query: CentralQueryInfo | None) -> str:
        """What can be done with the selected query, and why not, in one sentence."""
        if query is None or not query.unresolved:
            return ""
        if query.origin != REGISTRY:
            return self.tr(
                "This query was raised at centre %1: only the site closes or cancels it."
            ).replace("%1", query.centre)
        if query.raised_by != self.model.username:
            return self.tr("Only %1, who raised this query, can close or cancel it.").replace(
                "%1", query.raised_name
            )
        if query.state == OPEN:
            return self.tr(
                "Not answered yet: you can close it once centre %1 answers, or cancel it."
            ).replace("%1", query.centre)
        return self.tr(
            "Centre %1 answered: close the query if the answer settles it, or cancel it."
        ).replace("%1", query.centre)

    # --- slots ------------------------------------------------------------------------------------

    def _on_state_box_current_index_changed(self, index: int) -> None:
        self.proxy.set_states(STATE_CHOICES[index] if 0 <= index < len(STATE_CHOICES) else None)
        self._show_current()

    def _on_centre_box_current_index_changed(self) -> None:
        self.proxy.set_centre(self.centre())
        self._show_current()

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_words(text)
        self._show_current()

    def _on_table_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()

    def _on_close_button_clicked(self) -> None:
        query = self.current()
        if query is not None:
            self.close_requested.emit(query)

    def _on_cancel_button_clicked(self) -> None:
        query = self.current()
        if query is not None:
            self.cancel_requested.emit(query)
