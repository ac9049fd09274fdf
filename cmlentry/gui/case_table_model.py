"""The case list's table model: one row per case summary, with roles for sorting and searching.

Speed (product.md: 10,000 cases open in < 1 s and filter in < 100 ms): nothing is computed per
row in advance except a lower-case search key and the reason label; display texts are made on
demand, for the rows a view actually paints. ``bench/case_list_bench.py`` measures it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from cmlentry.gui.case_row import (
    STATUS_COLOURS,
    STATUS_RANK,
    STATUSES,
    CaseRow,
    Column,
    PercentRole,
    RecordRole,
    SearchRole,
    SortRole,
    compact_id,
    local_time,
    percent,
)
from cmlentry.gui.icons import icon

__all__ = [
    "STATUSES",
    "CaseRow",
    "CaseTableModel",
    "Column",
    "PercentRole",
    "RecordRole",
    "SearchRole",
    "SortRole",
]

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_NUMERIC = (Column.COMPLETENESS, Column.WARNINGS, Column.ERRORS)


class CaseTableModel(QAbstractTableModel):
    """Case summaries as a read-only table; see :class:`Column` and the roles of ``case_row``."""

    RecordRole = RecordRole
    SortRole = SortRole
    SearchRole = SearchRole
    PercentRole = PercentRole

    def __init__(self, reason_labels: Mapping[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reason_labels = dict(reason_labels)
        self._records: list[CaseRow] = []
        self._labels: list[str] = []
        self._search: list[str] = []
        self._row_of: dict[str, int] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = {
            Column.REGISTRY_ID: self.tr("Registry ID"),
            Column.STATUS: self.tr("Status"),
            Column.QUERIES: self.tr("Queries"),
            Column.REASON: self.tr("Reason for registration"),
            Column.UPDATED: self.tr("Last change"),
            Column.COMPLETENESS: self.tr("Forms complete"),
            Column.WARNINGS: self.tr("Open warnings"),
            Column.ERRORS: self.tr("Open errors"),
        }
        self._status_words = {
            "draft": self.tr("Draft"),
            "complete": self.tr("Complete"),
            "signed": self.tr("Signed"),
            "exported": self.tr("Exported"),
            "acknowledged": self.tr("Acknowledged"),
        }
        self._status_help = {
            "draft": self.tr("Draft: data entry is under way"),
            "complete": self.tr("Complete: every form is complete; waiting for the PI's signature"),
            "signed": self.tr("Signed by the PI: ready for export"),
            "exported": self.tr("Exported in a batch; not yet acknowledged by the registry"),
            "acknowledged": self.tr("Acknowledged: the registry has received this case"),
        }
        self._locked_help = self.tr(
            "Locked by the PI's signature: a change needs the PI to unlock the case with a "
            "reason, which drops the signature (Case → Signatures… says who signed and when)."
        )
        self._roles: dict[int, Callable[[int, int], Any]] = {
            _DISPLAY: self._display,
            _ALIGNMENT: self._alignment,
            SortRole: self._sort_key,
            RecordRole: lambda row, _column: self._records[row],
            SearchRole: lambda row, _column: self._search[row],
            PercentRole: lambda row, _column: percent(self._records[row]),
            _TOOLTIP: self._tooltip,
            _ACCESSIBLE: self._accessible,
            _FOREGROUND: self._foreground,
            _DECORATION: self._decoration,
        }

    # --- filling --------------------------------------------------------------------------------

    def set_cases(self, cases: Iterable[CaseRow]) -> None:
        """Replace every row (a reset: views and proxies rebuild once), in the current order."""
        self.beginResetModel()
        records = list(cases)
        labels = [self._reason_label(case) for case in records]
        self._records, self._labels = records, labels
        self._search = [
            self._search_key(c, label) for c, label in zip(records, labels, strict=True)
        ]
        self._reorder(self._sorted_rows())
        self.endResetModel()

    def case_changed(self, case: CaseRow) -> None:
        """Show the new state of one case: update its row, or add it when it is new.

        The row then moves to where the current sort puts it, as a proxy's dynamic sort would.
        """
        label = self._reason_label(case)
        row = self._row_of.get(case.registry_id)
        if row is None:
            row = len(self._records)
            self.beginInsertRows(QModelIndex(), row, row)
            self._records.append(case)
            self._labels.append(label)
            self._search.append(self._search_key(case, label))
            self._row_of[case.registry_id] = row
            self.endInsertRows()
        else:
            self._records[row] = case
            self._labels[row] = label
            self._search[row] = self._search_key(case, label)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        wanted = self._sorted_rows().index(row)
        if wanted != row:
            # Qt's destination is the row *before which* it lands, counted before the move.
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), wanted + (wanted > row))
            order = list(range(len(self._records)))
            order.insert(wanted, order.pop(row))
            self._reorder(order)
            self.endMoveRows()

    # --- sorting ----------------------------------------------------------------------------------

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Put the rows in the order of ``column``'s SortRole key; ties stay in ID order.

        One Python sort of the keys, then one layout change: 35-70 ms for 10,000 rows painted.
        Qt's own proxy sort asks ``data()`` for a key some 260,000 times (0.4-1.2 s measured,
        see the "for comparison" row of ``python -m bench --only caselist``), and again for
        every filter change that brings rows back.
        """
        self._sort_column, self._sort_order = column, order
        if not self._records:
            return
        self.layoutAboutToBeChanged.emit()
        order_of_rows = self._sorted_rows()
        new_row = [0] * len(order_of_rows)
        for new, old in enumerate(order_of_rows):
            new_row[old] = new
        before = self.persistentIndexList()
        self._reorder(order_of_rows)
        after = [self.index(new_row[index.row()], index.column()) for index in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted_rows(self) -> list[int]:
        """The current rows in the order the current sort asks for."""
        rows = sorted(range(len(self._records)), key=lambda row: self._records[row].registry_id)
        column = self._sort_column
        if column != Column.REGISTRY_ID and 0 <= column < len(Column):
            descending = self._sort_order == Qt.SortOrder.DescendingOrder
            rows.sort(key=lambda row: self._sort_key(row, column), reverse=descending)
        elif self._sort_order == Qt.SortOrder.DescendingOrder and column >= 0:
            rows.reverse()
        return rows

    def _reorder(self, rows: list[int]) -> None:
        """Rearrange the row lists so that new row ``i`` is old row ``rows[i]``."""
        self._records = [self._records[row] for row in rows]
        self._labels = [self._labels[row] for row in rows]
        self._search = [self._search[row] for row in rows]
        self._row_of = {case.registry_id: row for row, case in enumerate(self._records)}

    def _reason_label(self, case: CaseRow) -> str:
        code = case.form_a_reason
        if not code:
            return ""
        # A code this definition does not know is shown as it is rather than hidden.
        return self._reason_labels.get(code, code)

    @staticmethod
    def _search_key(case: CaseRow, label: str) -> str:
        rid = case.registry_id
        return f"{rid.lower()}\n{compact_id(rid)}\n{label.lower()}"

    # --- reading, for proxies and widgets --------------------------------------------------------

    def record(self, row: int) -> CaseRow:
        return self._records[row]

    def row_of(self, registry_id: str) -> int | None:
        return self._row_of.get(registry_id)

    def search_key(self, row: int) -> str:
        return self._search[row]

    def reason_label(self, row: int) -> str:
        return self._labels[row]

    def status_word(self, status: str) -> str:
        return self._status_words.get(status, status)

    # --- QAbstractTableModel ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == _DISPLAY:
            return self._headers[Column(section)]
        if role == _ALIGNMENT:
            return _RIGHT if section in _NUMERIC else _LEFT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        handler = self._roles.get(role)
        if handler is None or not index.isValid():
            return None
        return handler(index.row(), index.column())

    # --- one function per role --------------------------------------------------------------------

    def _display(self, row: int, column: int) -> Any:
        case = self._records[row]
        if column == Column.REGISTRY_ID:
            return case.registry_id
        if column == Column.STATUS:
            return self.status_word(case.status)
        if column == Column.QUERIES:
            return self.queries_text(case)
        if column == Column.REASON:
            return self._labels[row]
        if column == Column.UPDATED:
            moment = local_time(case.updated_at)
            return moment.strftime("%Y-%m-%d %H:%M") if moment else case.updated_at
        if column == Column.COMPLETENESS:
            return f"{case.forms_complete} / {case.forms_total}"
        if column == Column.WARNINGS:
            return case.open_warnings
        return case.open_errors

    def _sort_key(self, row: int, column: int) -> Any:
        case = self._records[row]
        if column == Column.REGISTRY_ID:
            # Country, centre and sequence have fixed widths: the text sorts in that order.
            return case.registry_id
        if column == Column.STATUS:
            return STATUS_RANK.get(case.status, len(STATUSES))
        if column == Column.QUERIES:
            return (case.open_queries, case.answered_queries)
        if column == Column.REASON:
            return self._labels[row].casefold()
        if column == Column.UPDATED:
            return case.updated_at  # ISO 8601 UTC from the store: sorts in time order as text
        if column == Column.COMPLETENESS:
            return percent(case)
        if column == Column.WARNINGS:
            return case.open_warnings
        return case.open_errors

    def _alignment(self, _row: int, column: int) -> Any:
        return _RIGHT if column in _NUMERIC else _LEFT

    def _tooltip(self, row: int, column: int) -> Any:
        case = self._records[row]
        if column == Column.STATUS:
            help_text = self._status_help.get(case.status, case.status)
            return f"{help_text}\n{self._locked_help}" if case.locked else help_text
        if column == Column.QUERIES:
            return self._queries_help(case)
        if column == Column.REASON:
            return self._labels[row] or self.tr("No reason for registration entered yet")
        if column == Column.UPDATED:
            moment = local_time(case.updated_at)
            if moment is None:
                return case.updated_at
            return (
                self.tr("Last changed %1 (local time); %2 UTC")
                .replace("%1", moment.strftime("%Y-%m-%d %H:%M:%S"))
                .replace("%2", case.updated_at[:19].replace("T", " "))
            )
        if column == Column.COMPLETENESS:
            return self._completeness_text(case)
        if column == Column.WARNINGS:
            return self.tr("Warnings not yet resolved or overridden: %1").replace(
                "%1", str(case.open_warnings)
            )
        if column == Column.ERRORS:
            return self.tr("Errors that block completion: %1").replace("%1", str(case.open_errors))
        return None

    def _accessible(self, row: int, column: int) -> Any:
        case = self._records[row]
        if column == Column.STATUS and case.locked:
            return self.tr("%1, locked").replace("%1", self.status_word(case.status))
        if column == Column.QUERIES:
            return self._queries_help(case)
        if column == Column.COMPLETENESS:
            return self._completeness_text(case)
        if column == Column.REASON and not self._labels[row]:
            return self.tr("No reason entered")
        if column in (Column.WARNINGS, Column.ERRORS):
            return self._tooltip(row, column)
        return self._display(row, column)

    def _completeness_text(self, case: CaseRow) -> str:
        return (
            self.tr("%1 of %2 forms complete (%3 %)")
            .replace("%1", str(case.forms_complete))
            .replace("%2", str(case.forms_total))
            .replace("%3", f"{percent(case):.0f}")
        )

    def queries_text(self, case: CaseRow) -> str:
        """ "2 open", "1 answered", both, or "" for a case with nothing unresolved."""
        parts = []
        if case.open_queries:
            parts.append(self.tr("%n open", "", case.open_queries))
        if case.answered_queries:
            parts.append(self.tr("%n answered", "", case.answered_queries))
        return ", ".join(parts)

    def _queries_help(self, case: CaseRow) -> str:
        if not (case.open_queries or case.answered_queries):
            return self.tr("No query waiting")
        parts = []
        if case.open_queries:
            parts.append(self.tr("%n query(ies) waiting for an answer", "", case.open_queries))
        if case.answered_queries:
            parts.append(
                self.tr(
                    "%n answered query(ies) waiting to be closed by whoever raised them",
                    "",
                    case.answered_queries,
                )
            )
        return "; ".join(parts)

    def _decoration(self, row: int, column: int) -> Any:
        # The lock beside the status: a shape, not a colour alone, says "signed, locked".
        if column == Column.STATUS and self._records[row].locked:
            return icon("lock")
        return None

    def _foreground(self, row: int, column: int) -> Any:
        if column != Column.STATUS:
            return None
        colours = STATUS_COLOURS.get(self._records[row].status)
        if colours is None:
            return None
        base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
        return QColor(colours[1] if base.lightness() < 128 else colours[0])
