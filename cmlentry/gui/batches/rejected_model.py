"""The cases an acknowledgement rejected: registry ID, the revision sent, the registry's reason.

Takes any object shaped like :class:`cmlentry.services.registry.acks.CaseAnswer` (the
:class:`AnswerRow` protocol). The reason is the registry's own sentence, shown as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class AnswerRow(Protocol):
    """The registry's answer on one case (``CaseAnswer`` has it all)."""

    @property
    def registry_id(self) -> str: ...
    @property
    def revision(self) -> int: ...
    @property
    def reason(self) -> str | None: ...


class Column(IntEnum):
    REGISTRY_ID = 0
    REVISION = 1
    REASON = 2


class RejectedTableModel(QAbstractTableModel):
    """Rejected cases as a read-only table of :class:`Column`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AnswerRow] = []
        self._headers = {
            Column.REGISTRY_ID: self.tr("Registry ID"),
            Column.REVISION: self.tr("Revision sent"),
            Column.REASON: self.tr("Why the registry rejected it"),
        }

    def set_answers(self, answers: Iterable[AnswerRow]) -> None:
        self.beginResetModel()
        self._rows = list(answers)
        self.endResetModel()

    def answer(self, row: int) -> AnswerRow:
        return self._rows[row]

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
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        answer = self._rows[index.row()]
        column = Column(index.column())
        if role in (_DISPLAY, _TOOLTIP):
            if column == Column.REGISTRY_ID:
                return answer.registry_id
            if column == Column.REVISION:
                return str(answer.revision)
            return answer.reason or self.tr("no reason given")
        if role == _ALIGNMENT and column == Column.REVISION:
            return _RIGHT
        return None
