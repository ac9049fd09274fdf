"""The history of one field: every change the audit trail holds, newest first.

Copying is allowed (Ctrl+C copies the selected rows, "Copy all" the whole table, as tab-separated
text for a query answer or an e-mail to the registry): the audit trail holds no identifying
data — names, birth dates and hospital numbers live only in the identification list, whose
trail rows never carry values — and it travels with every batch anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.dialogs.history_table_model import (
    ChangeRow,
    Column,
    HistoryTableModel,
    SortRole,
)
from cmlentry.gui.icons import icon


class HistoryDialog(QDialog):
    """Who changed a field, when, from what to what, and why."""

    def __init__(
        self,
        item_label: str,
        changes: Sequence[ChangeRow],
        labels: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(self.tr("History of %1").replace("%1", item_label))
        self.setWindowIcon(icon("history"))

        self._model = HistoryTableModel(labels, self)
        self._model.set_changes(changes)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setSortRole(SortRole)

        self._summary = QLabel(self)
        self._summary.setObjectName("history_summary")
        self._summary.setWordWrap(True)
        self._summary.setTextFormat(Qt.TextFormat.PlainText)
        count = len(changes)
        if count:
            self._summary.setText(
                self.tr(
                    "%n change(s) of %1, newest first. Times are local time.", "", count
                ).replace("%1", item_label)
            )
        else:
            self._summary.setText(
                self.tr("Nothing has been saved for %1 yet, so it has no history.").replace(
                    "%1", item_label
                )
            )

        self._table = QTableView(self)
        self._table.setObjectName("history_table")
        self._table.setAccessibleName(self.tr("Changes of %1").replace("%1", item_label))
        self._table.setModel(self._proxy)
        self._setup_table()
        self._table.setVisible(bool(count))

        buttons = QDialogButtonBox(self)
        self._copy = QPushButton(self.tr("&Copy all"), self)
        self._copy.setObjectName("history_copy")
        self._copy.setToolTip(self.tr("Copy the table as text (Ctrl+C copies the selected rows)"))
        self._copy.setVisible(bool(count))
        buttons.addButton(self._copy, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self._summary)
        layout.addWidget(self._table, 1)
        layout.addWidget(buttons)

        # QTableView copies only the current cell on Ctrl+C; whole rows are wanted.
        self._table.installEventFilter(self)
        self._copy.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)

        if count:
            self.resize(760, 360)
            self._table.setFocus()
        else:
            close.setFocus()

    def _setup_table(self) -> None:
        table = self._table
        table.setSortingEnabled(True)
        table.sortByColumn(Column.TIME, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(Column.TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.REASON, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()  # a long override reason wraps instead of being cut
        if self._proxy.rowCount():
            table.setCurrentIndex(self._proxy.index(0, 0))

    # --- public API -------------------------------------------------------------------------------

    @property
    def table(self) -> QTableView:
        return self._table

    @property
    def model(self) -> HistoryTableModel:
        return self._model

    @property
    def summary_label(self) -> QLabel:
        return self._summary

    def shown_text(self) -> str:
        """The table as "Copy all" copies it: a header line, then one line per change as shown."""
        order = [
            self._proxy.mapToSource(self._proxy.index(row, 0)).row()
            for row in range(self._proxy.rowCount())
        ]
        return self._model.as_text(order)

    # --- slots ------------------------------------------------------------------------------------

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.shown_text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            self._copy_selected_rows()
            return True
        return super().eventFilter(watched, event)

    def _copy_selected_rows(self) -> None:
        selected = sorted(
            index.row() for index in self._table.selectionModel().selectedRows(Column.TIME)
        )
        if not selected:
            return
        rows = [self._proxy.mapToSource(self._proxy.index(row, 0)).row() for row in selected]
        QGuiApplication.clipboard().setText(self._model.as_text(rows))
