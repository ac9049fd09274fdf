"""The case list: search, status and query filter, "only with problems", the table and a count.

Built with only what it needs: a callable that returns the case summaries (for example
``CaseService(ws).list_cases``) and the labels of the Form A reason codes (for example
``installed_definitions().current.codelists["form_a_reason"]``). Enter or a double-click on a
row emits :attr:`CaseListWidget.case_activated` with the case's registry ID; Ctrl+F goes to the
search field and Down from there to the results.

Filtering follows every keystroke, without a debounce timer: ``python -m bench --only caselist``
measured 24 ms median and 31 ms at worst per keystroke over 10,000 cases, repaint included,
against the 100 ms budget (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.case_filter_proxy import CaseFilterProxyModel
from cmlentry.gui.case_row import STATUSES, CaseRow, Column, QueryFilter, RecordRole
from cmlentry.gui.case_table_model import CaseTableModel

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Sample texts that size the columns once, instead of measuring 10,000 rows of content.
_WIDTH_SAMPLES = {
    Column.REGISTRY_ID: "WW-000-0000-W",
    Column.STATUS: "Acknowledged",
    Column.QUERIES: "00 open, 00 answered",
    Column.REASON: "Progression to accelerated phase or blast crisis",
    Column.UPDATED: "0000-00-00 00:00",
    Column.COMPLETENESS: "00 / 00",
    Column.WARNINGS: "000",
    Column.ERRORS: "000",
}


class CaseListWidget(QWidget):
    """A searchable, sortable list of cases."""

    case_activated = Signal(str)
    """A case was opened (Enter or double-click); carries its registry ID."""

    def __init__(
        self,
        load_cases: Callable[[], Sequence[CaseRow]],
        reason_labels: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load_cases = load_cases
        self._model = CaseTableModel(reason_labels, self)
        self._proxy = CaseFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)

        self._search = QLineEdit(self)
        self._search.setObjectName("case_search")
        self._search.setClearButtonEnabled(True)
        self._search.setPlaceholderText(self.tr("Search registry ID or reason"))
        self._search.setAccessibleName(self.tr("Search cases"))
        self._search.setAccessibleDescription(
            self.tr("Registry ID, with or without dashes, or words of the reason for registration")
        )

        self._status = self._build_status_filter()
        status_label = QLabel(self.tr("&Status:"), self)
        status_label.setBuddy(self._status)

        self._problems = QCheckBox(self.tr("Only with open &errors or warnings"), self)
        self._problems.setObjectName("case_problems_only")
        self._problems.setAccessibleName(self.tr("Only cases with open errors or warnings"))

        self._table = QTableView(self)
        self._table.setObjectName("case_table")
        self._table.setAccessibleName(self.tr("Cases"))
        self._table.setModel(self._proxy)
        self._setup_table()

        self._count = QLabel(self)
        self._count.setObjectName("case_count")

        filters = QHBoxLayout()
        filters.addWidget(self._search, 1)
        filters.addWidget(status_label)
        filters.addWidget(self._status)
        filters.addWidget(self._problems)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._count)

        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_shortcut.activated.connect(self._on_find_shortcut_activated)
        self._search.textChanged.connect(self._on_search_text_changed)
        self._status.currentIndexChanged.connect(self._on_status_current_index_changed)
        self._problems.toggled.connect(self._on_problems_toggled)
        self._table.doubleClicked.connect(self._on_table_double_clicked)
        self._table.installEventFilter(self)
        self._search.installEventFilter(self)
        for signal in (
            self._proxy.modelReset,
            self._proxy.rowsInserted,
            self._proxy.rowsRemoved,
            self._proxy.layoutChanged,
        ):
            signal.connect(self._on_proxy_rows_changed)

        self.setFocusProxy(self._table)
        self.reload()

    def _build_status_filter(self) -> QComboBox:
        """The states of the life cycle, then the cases with queries waiting."""
        self._status = combo = QComboBox(self)
        self._status.setObjectName("case_status_filter")
        # What each entry of the list filters: some states, or cases with queries.
        self._choices: list[tuple[tuple[str, ...], QueryFilter | None]] = []
        self._add_choice(self.tr("All statuses"), ())
        for status in STATUSES:
            word = self._model.status_word(status)
            if status == "complete":
                word = self.tr("Complete, waiting for signature")
            self._add_choice(word, (status,))
        self._status.insertSeparator(self._status.count())
        self._choices.append(((), None))  # the separator's place
        self._add_choice(self.tr("With open queries"), (), QueryFilter.OPEN)
        self._add_choice(self.tr("With answered queries to close"), (), QueryFilter.ANSWERED)
        self._status.setAccessibleName(self.tr("Status filter"))
        return combo

    def _add_choice(
        self, text: str, statuses: tuple[str, ...], queries: QueryFilter | None = None
    ) -> None:
        self._status.addItem(text)
        self._choices.append((statuses, queries))

    def _setup_table(self) -> None:
        table = self._table
        table.setSortingEnabled(True)
        table.sortByColumn(Column.REGISTRY_ID, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        table.setWordWrap(False)
        table.setCornerButtonEnabled(False)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        # Fixed sample widths: resizing to contents would measure every one of 10,000 rows.
        metrics = table.fontMetrics()
        for column, sample in _WIDTH_SAMPLES.items():
            title = str(self._model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(
                column,
                max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 24,
            )
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.REASON, QHeaderView.ResizeMode.Stretch)

    # --- public API -------------------------------------------------------------------------------

    @property
    def model(self) -> CaseTableModel:
        return self._model

    @property
    def proxy(self) -> CaseFilterProxyModel:
        return self._proxy

    @property
    def table(self) -> QTableView:
        return self._table

    @property
    def search_field(self) -> QLineEdit:
        return self._search

    @property
    def status_filter(self) -> QComboBox:
        return self._status

    @property
    def problems_only(self) -> QCheckBox:
        return self._problems

    @property
    def count_label(self) -> QLabel:
        return self._count

    def add_context_actions(self, actions: Sequence[QAction]) -> None:
        """Offer ``actions`` (the window's, acting on the current case) on a right-click."""
        self._table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._table.addActions(list(actions))

    def reload(self) -> None:
        """Read the cases again; the selected case stays selected when it is still there."""
        selected = self.current_registry_id()
        self.set_cases(self._load_cases())
        if selected is not None:
            self.select_case(selected)

    def set_cases(self, cases: Sequence[CaseRow]) -> None:
        self._model.set_cases(cases)

    def case_changed(self, case: CaseRow) -> None:
        """Show one case's new state (after a save) without reading the whole list again."""
        self._model.case_changed(case)

    def current_registry_id(self) -> str | None:
        index = self._table.currentIndex()
        if not index.isValid():
            return None
        record: CaseRow = index.data(RecordRole)
        return record.registry_id

    def select_case(self, registry_id: str) -> bool:
        """Make the case the current row (if a filter shows it); say whether it is shown."""
        row = self._model.row_of(registry_id)
        if row is None:
            return False
        index = self._proxy.mapFromSource(self._model.index(row, 0))
        if not index.isValid():
            return False
        self._table.setCurrentIndex(index)
        self._table.scrollTo(index)
        return True

    # --- slots ------------------------------------------------------------------------------------

    def _on_find_shortcut_activated(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def _on_search_text_changed(self, text: str) -> None:
        self._proxy.set_search_text(text)

    def _on_status_current_index_changed(self, index: int) -> None:
        statuses, queries = self._choices[index] if 0 <= index < len(self._choices) else ((), None)
        self._proxy.set_statuses(statuses)
        self._proxy.set_queries(queries)

    def _on_problems_toggled(self, checked: bool) -> None:
        self._proxy.set_only_with_problems(checked)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self._activate(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if watched is self._table and event.key() in _ENTER_KEYS:
            if self._table.currentIndex().isValid():
                self._activate(self._table.currentIndex())
                return True
        elif watched is self._search and event.key() == Qt.Key.Key_Down:
            # From the search straight to the results, without tabbing past the filters.
            self._table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self._table.currentIndex().isValid() and self._proxy.rowCount():
                self._table.setCurrentIndex(self._proxy.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            record: CaseRow = index.data(RecordRole)
            self.case_activated.emit(record.registry_id)

    def _on_proxy_rows_changed(self) -> None:
        shown, total = self._proxy.rowCount(), self._model.rowCount()
        self._count.setText(
            self.tr("%1 of %Ln cases", "", total).replace("%1", self.locale().toString(shown))
        )
