"""The export wizard's first page: which cases go in the batch.

Every case of the workspace is listed; the ones that may go have a tick box (Space ticks the
case under the cursor), drafts say why they cannot. The signed cases changed since they were
last sent are ticked to begin with. Until the PI signs cases (the next issue) there are none,
and the page says so plainly: complete cases can still be ticked and sent unsigned.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from cmlentry.gui.batches.candidates_model import (
    CandidateRow,
    CandidatesFilterProxyModel,
    CandidatesTableModel,
    Column,
)

_TOGGLE_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Select)


class CasesPage(QWizardPage):
    """A checkable list of cases with a filter box, the count chosen, and two shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_cases_page")
        self.setTitle(self.tr("Choose the cases to send"))
        self.setSubTitle(
            self.tr(
                "Tick the cases that go in the next batch; Space ticks the case under the cursor."
            )
        )
        self._loaded = False
        self.model = CandidatesTableModel(self)
        self._proxy = CandidatesFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)

        self.notice = QLabel(self.tr("Reading the cases…"), self)
        self.notice.setObjectName("export_notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)

        self.filter = QLineEdit(self)
        self.filter.setObjectName("export_filter")
        self.filter.setAccessibleName(self.tr("Filter the cases"))
        self.filter.setPlaceholderText(self.tr("Registry ID or status"))
        self.filter.setClearButtonEnabled(True)
        filter_label = QLabel(self.tr("&Filter:"), self)
        filter_label.setBuddy(self.filter)

        self.table = QTableView(self)
        self.table.setObjectName("export_cases")
        self.table.setAccessibleName(self.tr("Cases to send"))
        self.table.setModel(self._proxy)
        self._setup_table()

        self.select_eligible = QPushButton(self.tr("Select &eligible"), self)
        self.select_eligible.setObjectName("export_select_eligible")
        self.select_eligible.setToolTip(
            self.tr("Tick the signed cases changed since they were last sent, and only them")
        )
        self.select_none = QPushButton(self.tr("Select n&one"), self)
        self.select_none.setObjectName("export_select_none")
        self.count = QLabel(self)
        self.count.setObjectName("export_count")

        self._lay_out(filter_label)

        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.select_eligible.clicked.connect(self._on_select_eligible_clicked)
        self.select_none.clicked.connect(self._on_select_none_clicked)
        self.model.choice_changed.connect(self._on_model_choice_changed)
        # QTableView toggles a tick with Space only when the cursor is on the tick's column.
        self.table.installEventFilter(self)
        self._show_count()

    def _lay_out(self, filter_label: QLabel) -> None:
        filter_row = QHBoxLayout()
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.select_eligible)
        buttons.addWidget(self.select_none)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setTabOrder(self.filter, self.table)
        self.setTabOrder(self.table, self.select_eligible)
        self.setTabOrder(self.select_eligible, self.select_none)

    def _setup_table(self) -> None:
        table = self.table
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the workspace's order
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        for column in (Column.REGISTRY_ID, Column.STATUS, Column.REVISION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NOTE, QHeaderView.ResizeMode.Stretch)

    # --- filling ----------------------------------------------------------------------------------

    def set_loading(self) -> None:
        self._loaded = False
        self.notice.setText(self.tr("Reading the cases…"))
        self.completeChanged.emit()

    def set_failed(self, sentence: str) -> None:
        """The cases could not be read: say so where the list would be."""
        self._loaded = False
        self.notice.setText(sentence)
        self.completeChanged.emit()

    def set_candidates(self, rows: Iterable[CandidateRow], chosen: Iterable[str]) -> None:
        """Show ``rows`` with ``chosen`` ticked, and say what the list means."""
        with QSignalBlocker(self.filter):
            self.filter.clear()
        self._proxy.set_filter_text("")
        self.model.set_candidates(rows, chosen)
        self._loaded = True
        self.notice.setText(self._notice_text())
        self.select_eligible.setEnabled(self.model.eligible_count() > 0)
        if self._proxy.rowCount():
            self.table.setCurrentIndex(self._proxy.index(self._first_choosable_row(), 0))
        self.table.setFocus()
        self._show_count()
        self.completeChanged.emit()

    def chosen(self) -> list[str]:
        return self.model.chosen()

    def _first_choosable_row(self) -> int:
        """The first row with a tick box (the cursor starts there), else the first row."""
        for row in range(self._proxy.rowCount()):
            if self._proxy.index(row, Column.REGISTRY_ID).flags() & Qt.ItemFlag.ItemIsUserCheckable:
                return row
        return 0

    @property
    def loaded(self) -> bool:
        """The list shows the cases as last read (False while reading, or if reading failed)."""
        return self._loaded

    def isComplete(self) -> bool:
        return self._loaded and self.model.chosen_count() > 0

    # --- texts ------------------------------------------------------------------------------------

    def _notice_text(self) -> str:
        model = self.model
        if model.rowCount() == 0:
            return self.tr("This workspace has no case yet: there is nothing to send.")
        if model.choosable_count() == 0:
            if model.draft_count() == model.rowCount():
                return self.tr(
                    "No case is complete yet: a case can be sent once all its forms are complete."
                )
            return self.tr(
                "Every complete case was sent and is unchanged since: there is nothing new to send."
            )
        if model.signed_count() == 0:
            text = self.tr("No case is signed yet: choose complete cases to send them unsigned.")
        elif model.eligible_count() == 0:
            text = self.tr(
                "No signed case changed since it was last sent: choose complete cases to send "
                "them unsigned."
            )
        else:
            text = self.tr(
                "The %n signed case(s) changed since they were last sent are chosen.",
                "",
                model.eligible_count(),
            )
        others = model.rowCount() - model.choosable_count()
        if others:
            text += " " + self.tr(
                "%n case(s) are listed without a tick box: the last column says why.", "", others
            )
        return text

    def _show_count(self) -> None:
        self.count.setText(self.tr("%n case(s) chosen", "", self.model.chosen_count()))
        self.select_none.setEnabled(self.model.chosen_count() > 0)

    # --- slots ------------------------------------------------------------------------------------

    def _on_filter_text_changed(self, text: str) -> None:
        self._proxy.set_filter_text(text)

    def _on_select_eligible_clicked(self) -> None:
        self.model.choose_eligible()

    def _on_select_none_clicked(self) -> None:
        self.model.set_chosen(())

    def _on_model_choice_changed(self) -> None:
        self._show_count()
        self.completeChanged.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _TOGGLE_KEYS
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            current = self.table.currentIndex()
            if current.isValid():
                self.model.toggle(self._proxy.mapToSource(current).row())
            return True
        return super().eventFilter(watched, event)
