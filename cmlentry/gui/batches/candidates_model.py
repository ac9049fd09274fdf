"""The export wizard's list of cases: one row per case, a tick box on the cases that may go.

Takes any object shaped like :class:`cmlentry.services.batches.export.Candidate` (the
:class:`CandidateRow` protocol). A case that cannot go is listed, so the person sees every
case, but it has no tick box, and its last column says why: a draft (its forms are not
complete), or a case sent before and unchanged since. The latter would only repeat what the
registry has (its importer rejects a revision it already holds, and the batch header requires a
change since the last one sent); a lost file is written again from the list of batches instead.
The ticks live in the model (not in a selection of the view): the filter box may hide a ticked
case, and it still goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette

from cmlentry.gui.case_row import STATUS_RANK

Index = QModelIndex | QPersistentModelIndex

RecordRole = int(Qt.ItemDataRole.UserRole) + 1
"""The row's :class:`CandidateRow` itself."""
SortRole = int(Qt.ItemDataRole.UserRole) + 2
"""A key that sorts the column (the life-cycle rank for the status)."""

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_CHECK = int(Qt.ItemDataRole.CheckStateRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CandidateRow(Protocol):
    """A case as the wizard lists it (``Candidate`` of the export service has it all)."""

    @property
    def registry_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def revision(self) -> int: ...
    @property
    def sent_revision(self) -> int | None: ...
    @property
    def eligible(self) -> bool: ...
    @property
    def sendable(self) -> bool: ...
    @property
    def changed_since_sent(self) -> bool: ...


def choosable(row: CandidateRow) -> bool:
    """Whether the case may be ticked: complete (or later), and changed since it was last sent."""
    return row.sendable


class Column(IntEnum):
    REGISTRY_ID = 0
    STATUS = 1
    REVISION = 2
    NOTE = 3


class CandidatesTableModel(QAbstractTableModel):
    """The cases of the workspace, with a tick on each one chosen for the batch."""

    choice_changed = Signal()
    """A case was ticked or unticked (by the person, or by "Select eligible" / "Select none")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CandidateRow] = []
        self._chosen: set[str] = set()
        self._headers = {
            Column.REGISTRY_ID: self.tr("Registry ID"),
            Column.STATUS: self.tr("Status"),
            Column.REVISION: self.tr("Revision"),
            Column.NOTE: self.tr("Can it be sent?"),
        }
        self._status_words = {
            "draft": self.tr("Draft"),
            "complete": self.tr("Complete"),
            "signed": self.tr("Signed"),
            "exported": self.tr("Exported"),
            "acknowledged": self.tr("Acknowledged"),
        }
        self._text: dict[Column, Callable[[CandidateRow], str]] = {
            Column.REGISTRY_ID: lambda row: row.registry_id,
            Column.STATUS: lambda row: self._status_words.get(row.status, row.status),
            Column.REVISION: lambda row: str(row.revision),
            Column.NOTE: self.note,
        }

    # --- filling and choosing ---------------------------------------------------------------------

    def set_candidates(self, rows: Iterable[CandidateRow], chosen: Iterable[str] = ()) -> None:
        """Replace every row; tick ``chosen`` (those that may be sent) and nothing else."""
        self.beginResetModel()
        self._rows = list(rows)
        self._chosen = set(chosen) & {row.registry_id for row in self._rows if choosable(row)}
        self.endResetModel()
        self.choice_changed.emit()

    def candidate(self, row: int) -> CandidateRow:
        return self._rows[row]

    def chosen(self) -> list[str]:
        """The ticked registry IDs, in the order of the list (the workspace's order)."""
        return [row.registry_id for row in self._rows if row.registry_id in self._chosen]

    def chosen_count(self) -> int:
        return len(self._chosen)

    def eligible_count(self) -> int:
        return sum(1 for row in self._rows if row.eligible)

    def choosable_count(self) -> int:
        return sum(1 for row in self._rows if choosable(row))

    def draft_count(self) -> int:
        return sum(1 for row in self._rows if row.status == "draft")

    def signed_count(self) -> int:
        return sum(1 for row in self._rows if row.status == "signed")

    def set_chosen(self, registry_ids: Iterable[str]) -> None:
        """Tick exactly these cases (those of them that may be sent)."""
        wanted = set(registry_ids) & {row.registry_id for row in self._rows if choosable(row)}
        if wanted == self._chosen:
            return
        self._chosen = wanted
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, 0), [_CHECK])
        self.choice_changed.emit()

    def choose_eligible(self) -> None:
        """Tick the signed cases changed since they were last sent, and only them."""
        self.set_chosen(row.registry_id for row in self._rows if row.eligible)

    def toggle(self, row: int) -> None:
        """Tick or untick the case of ``row`` (nothing for a draft)."""
        if 0 <= row < len(self._rows) and choosable(self._rows[row]):
            checked = self._rows[row].registry_id in self._chosen
            unticked = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
            self.setData(self.index(row, Column.REGISTRY_ID), unticked.value, _CHECK)

    # --- the model ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 -- Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self._headers.get(Column(section)) if 0 <= section < len(Column) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Column.REGISTRY_ID and choosable(self._rows[index.row()]):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == _DISPLAY:
            return self._text[column](row)
        if role == _CHECK:
            if column != Column.REGISTRY_ID or not choosable(row):
                return None
            ticked = row.registry_id in self._chosen
            return (Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked).value
        if role == _ACCESSIBLE:
            return self._accessible(row, column)
        if role == _TOOLTIP:
            return self.note(row) if column in (Column.REGISTRY_ID, Column.NOTE) else None
        if role == _FOREGROUND and not choosable(row):
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == _ALIGNMENT and column == Column.REVISION:
            return _RIGHT
        if role == RecordRole:
            return row
        if role == SortRole:
            return self._sort_key(row, column)
        return None

    def setData(self, index: Index, value: Any, role: int = _CHECK) -> bool:
        if role != _CHECK or not index.isValid() or index.column() != Column.REGISTRY_ID:
            return False
        row = self._rows[index.row()]
        if not choosable(row):
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        if ticked == (row.registry_id in self._chosen):
            return True
        if ticked:
            self._chosen.add(row.registry_id)
        else:
            self._chosen.discard(row.registry_id)
        self.dataChanged.emit(index, index, [_CHECK])
        self.choice_changed.emit()
        return True

    # --- texts ----------------------------------------------------------------------------------

    def note(self, row: CandidateRow) -> str:
        """Whether the case can go, and if not, why: the last column and the tooltip."""
        if row.status == "draft":
            return self.tr("No: still a draft; complete its forms to send it")
        if not row.changed_since_sent:
            return self.tr(
                "No: sent before and unchanged since (a lost file is written again from “Batches…”)"
            )
        if row.status != "signed":
            if row.sent_revision is not None:
                return self.tr("Yes, unsigned: changed since it was last sent")
            return self.tr("Yes, unsigned: complete, not yet signed by the PI")
        if row.sent_revision is not None:
            return self.tr("Yes: signed, and changed since it was last sent")
        return self.tr("Yes: signed, never sent")

    def _accessible(self, row: CandidateRow, column: Column) -> str:
        text = self._text[column](row)
        if column == Column.REGISTRY_ID and choosable(row):
            chosen = row.registry_id in self._chosen
            state = self.tr("chosen") if chosen else self.tr("not chosen")
            return self.tr("%1, %2").replace("%1", text).replace("%2", state)
        return text

    def _sort_key(self, row: CandidateRow, column: Column) -> Any:
        if column == Column.STATUS:
            return STATUS_RANK.get(row.status, len(STATUS_RANK))
        if column == Column.REVISION:
            return row.revision
        return self._text[column](row)


class CandidatesFilterProxyModel(QSortFilterProxyModel):
    """Shows the cases whose ID, status or note contains every word typed, in any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._words: tuple[str, ...] = ()

    def set_filter_text(self, text: str) -> None:
        words = tuple(text.lower().split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        texts = " ".join(
            str(model.data(model.index(source_row, column, source_parent)) or "")
            for column in Column
        ).lower()
        # "FR0860007" finds "FR-086-0007-K": people type IDs without the dashes.
        compact = texts.replace("-", "")
        return all(word in texts or word.replace("-", "") in compact for word in self._words)
