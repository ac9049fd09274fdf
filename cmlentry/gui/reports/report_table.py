"""One titled table of the report on screen: a heading, the rows, and who was not counted.

The dashboard's tables are short (a code list, a handful of figures), so each one is shown
whole, as tall as its rows, inside the page's scroll area: a coordinator scrolls one page,
never a table inside a page. Numbers are right-aligned and written in the interface's locale
("12,5" in French); a missing figure is a dash, never an empty cell that looks like zero.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

Cell = str | int | float | None
Index = QModelIndex | QPersistentModelIndex

DASH = "–"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Percent:
    """A share to show as "12.3 %" (``None``: no denominator, shown as a dash)."""

    value: float | None


TableCell = Cell | Percent


def cell_text(cell: TableCell, locale: QLocale | None = None) -> str:
    """``cell`` as shown: integers with the locale's grouping, other numbers to one decimal."""
    locale = locale or QLocale()
    if isinstance(cell, Percent):
        if cell.value is None:
            return DASH
        return f"{locale.toString(float(cell.value), 'f', 1)} %"
    if cell is None:
        return DASH
    if isinstance(cell, bool):  # a bool is an int: never show True as 1
        return str(cell)
    if isinstance(cell, int):
        return locale.toString(cell)
    if isinstance(cell, float):
        return locale.toString(cell, "f", 1)
    return cell


class ReportTableModel(QAbstractTableModel):
    """Read-only rows of cells under headings."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headings: tuple[str, ...] = ()
        self._rows: list[tuple[TableCell, ...]] = []
        self._locale = QLocale()

    def set_rows(self, headings: Sequence[str], rows: Sequence[Sequence[TableCell]]) -> None:
        self.beginResetModel()
        self._headings = tuple(headings)
        width = len(self._headings)
        self._rows = [tuple(row) + (None,) * (width - len(row)) for row in rows]
        self.endResetModel()

    def cell(self, row: int, column: int) -> TableCell:
        return self._rows[row][column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell_text(cell, self._locale)
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(cell, str) and len(cell) > 40:
            return cell
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = isinstance(cell, (int, float, Percent)) or (
                cell is None and index.column() > 0
            )
            return int(_RIGHT if numeric else _LEFT)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headings[section] if 0 <= section < len(self._headings) else None
        return None


class ReportTable(QWidget):
    """A heading, a whole table (no inner scroll bar) and a note of the patients not counted."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._title = QLabel(f"<b>{html.escape(title)}</b>", self)
        self._title.setTextFormat(Qt.TextFormat.RichText)
        self.model = ReportTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # As wide as its columns (a narrow table is read across more easily), never wider.
        self.view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.view.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self._title)
        layout.addWidget(self.view)
        layout.addWidget(self.note)

    def set_rows(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[TableCell]],
        note: str = "",
    ) -> None:
        """Show ``rows``; ``note`` (who was not counted, what a figure means) below them."""
        self.model.set_rows(headings, rows)
        self.view.resizeColumnsToContents()
        self.view.resizeRowsToContents()
        height = self.view.horizontalHeader().height() + 2 * self.view.frameWidth()
        height += sum(self.view.rowHeight(r) for r in range(self.model.rowCount()))
        scroll = self.view.horizontalScrollBar()
        self.view.setFixedHeight(height + (scroll.sizeHint().height() if scroll.isVisible() else 0))
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def texts(self) -> list[list[str]]:
        """The cells as shown."""
        return [
            [cell_text(self.model.cell(r, c)) for c in range(self.model.columnCount())]
            for r in range(self.model.rowCount())
        ]
