"""The centre status table: every registered centre, its last batch, its gaps and conflicts."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.registry.centres_model import CentresTableModel, Column, SortRole
from cmlentry.services.registry.centres import CentreStatus


class CentresView(QWidget):
    """A sortable table of :class:`CentreStatus`, with a sentence when no centre is registered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("centres_view")
        self._model = CentresTableModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setSortRole(SortRole)

        heading = QLabel(self.tr("<b>Centres</b>"), self)
        self._empty = QLabel(
            self.tr(
                "No centre is registered yet. Choose “Register centre…” with the public key "
                "file a site sent you, and compare its fingerprint with the site by phone."
            ),
            self,
        )
        self._empty.setObjectName("centres_empty")
        self._empty.setWordWrap(True)

        self._table = QTableView(self)
        self._table.setObjectName("centres_table")
        self._table.setAccessibleName(self.tr("Centres and the state of their batches"))
        self._table.setModel(self._proxy)
        self._table.setSortingEnabled(True)
        self._table.sortByColumn(Column.CENTRE, Qt.SortOrder.AscendingOrder)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setAlternatingRowColors(True)
        self._table.verticalHeader().setVisible(False)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self._empty)
        layout.addWidget(self._table, 1)
        self.setFocusProxy(self._table)
        self._show_empty()

    @property
    def model(self) -> CentresTableModel:
        return self._model

    @property
    def table(self) -> QTableView:
        return self._table

    def set_centres(self, centres: Iterable[CentreStatus]) -> None:
        """Show these centres, keeping the centre that was selected selected."""
        chosen = self.current_centre()
        self._model.set_centres(centres)
        self._show_empty()
        if chosen is not None:
            self.select_centre(chosen.code)

    def current_centre(self) -> CentreStatus | None:
        index = self._table.currentIndex()
        if not index.isValid():
            return None
        return self._model.centre(self._proxy.mapToSource(index).row())

    def select_centre(self, code: str) -> bool:
        """Select the row of centre ``code``; False if it is not in the table."""
        row = self._model.row_of(code)
        if row is None:
            return False
        index = self._proxy.mapFromSource(self._model.index(row, Column.CENTRE))
        self._table.setCurrentIndex(index)
        self._table.scrollTo(index)
        return True

    def _show_empty(self) -> None:
        self._empty.setVisible(self._model.rowCount() == 0)
