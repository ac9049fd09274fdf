"""The cases an acknowledgement rejected: registry ID, the revision sent, the registry's reason.

Takes any object shaped like :class:`cmlentry.services.registry.acks.CaseAnswer` (the
:class:`AnswerRow` protocol). The reason is the registry's own sentence, shown as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from cmlentry.gui.rows_model import ReadOnlyRowsModel

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


class RejectedTableModel(ReadOnlyRowsModel):
    """Rejected cases as a read-only table of :class:`Column`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(Column), parent)
        self._headers = {
            Column.REGISTRY_ID: self.tr("Registry ID"),
            Column.REVISION: self.tr("Revision sent"),
            Column.REASON: self.tr("Why the registry rejected it"),
        }

    def set_answers(self, answers: Iterable[AnswerRow]) -> None:
        self._reset(answers)

    def answer(self, row: int) -> AnswerRow:
        found: AnswerRow = self._rows[row]
        return found

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        answer: AnswerRow | None = self._row(index)
        if answer is None:
            return None
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
