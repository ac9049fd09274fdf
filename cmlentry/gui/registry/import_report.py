"""The report of the last import, as a coordinator reads it.

One row per file, saying in one line what happened to it (imported with how many cases
accepted and rejected, already imported, or refused with the sentence that says why and what
to do), and under an imported file one row per rejected case with its registry ID and the
reason. A line above sums it up and says where the acknowledgements went.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.icons import icon
from cmlentry.gui.messages import describe, generic_sentence
from cmlentry.gui.registry.centres_model import MISSING_COLOUR
from cmlentry.services.registry.importer import ALREADY, IMPORTED, REFUSED, ImportOutcome

Index = QModelIndex | QPersistentModelIndex

CASE_REJECTED = "case rejected"

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ICONS = {IMPORTED: "ok", ALREADY: "info", REFUSED: "error", CASE_REJECTED: "warning"}


class Column(IntEnum):
    FILE = 0
    RESULT = 1
    DETAILS = 2
    ACK = 3


@dataclass(frozen=True)
class ReportRow:
    """One line of the report: a file, or a rejected case of the file above it."""

    result: str  # IMPORTED, ALREADY, REFUSED or CASE_REJECTED
    file: str
    details: str
    ack: str
    registry_id: str | None = None


class ImportReportModel(QAbstractTableModel):
    """The rows of the last import's report (read-only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReportRow] = []
        self._headers = {
            Column.FILE: self.tr("File"),
            Column.RESULT: self.tr("Result"),
            Column.DETAILS: self.tr("What happened"),
            Column.ACK: self.tr("Acknowledgement"),
        }
        self._words = {
            IMPORTED: self.tr("Imported"),
            ALREADY: self.tr("Already imported"),
            REFUSED: self.tr("Refused"),
            CASE_REJECTED: self.tr("Case rejected"),
        }

    def set_outcomes(self, outcomes: Sequence[ImportOutcome]) -> None:
        self.beginResetModel()
        self._rows = [row for outcome in outcomes for row in self._rows_of(outcome)]
        self.endResetModel()

    def row(self, row: int) -> ReportRow:
        return self._rows[row]

    def rows(self) -> list[ReportRow]:
        return list(self._rows)

    # --- what each outcome says ---------------------------------------------------------------

    def _rows_of(self, outcome: ImportOutcome) -> list[ReportRow]:
        ack = str(outcome.ack_path) if outcome.ack_path is not None else ""
        if outcome.status == REFUSED:
            reason = describe(outcome.error) if outcome.error else generic_sentence()
            return [ReportRow(REFUSED, outcome.file, reason, ack)]
        if outcome.status == ALREADY:
            text = describe(outcome.error) if outcome.error else self._words[ALREADY]
            if outcome.ack_path is None:
                text += " " + self.tr("Its acknowledgement could not be written again.")
            return [ReportRow(ALREADY, outcome.file, text, ack)]
        rejected = outcome.rejected
        # One whole sentence per case (a translator never sees glued pieces): the number of
        # accepted cases carries the plural, the rejected count is a plain number.
        text = (
            self.tr("Batch %1 of %2: %n case(s) accepted, rejected: %3.", "", outcome.accepted)
            .replace("%1", str(outcome.sequence))
            .replace("%2", outcome.site or "")
            .replace("%3", str(len(rejected)))
        )
        if outcome.ack_path is None and outcome.error is not None:
            # Imported, but the acknowledgement file could not be written: say why.
            text += " " + describe(outcome.error)
        rows = [ReportRow(IMPORTED, outcome.file, text, ack)]
        for answer in rejected:
            case_text = (
                self.tr("%1 (revision %2): %3")
                .replace("%1", answer.registry_id)
                .replace("%2", str(answer.revision))
                .replace("%3", answer.reason or self.tr("no reason given"))
            )
            rows.append(ReportRow(CASE_REJECTED, outcome.file, case_text, "", answer.registry_id))
        return rows

    # --- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < 4:
            return self._headers[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (_DISPLAY, _TOOLTIP):
            return self._text(row, column)
        if role == _DECORATION and column == Column.RESULT:
            return icon(_ICONS[row.result])
        if role == _FOREGROUND and column == Column.RESULT and row.result == REFUSED:
            return QColor(MISSING_COLOUR)
        return None

    def _text(self, row: ReportRow, column: int) -> str:
        if column == Column.FILE:
            # A rejected case sits under its file: an arrow, not the name again.
            return "    ↳" if row.result == CASE_REJECTED else row.file
        if column == Column.RESULT:
            return self._words[row.result]
        if column == Column.DETAILS:
            return row.details
        return row.ack


class ImportReportView(QWidget):
    """The summary line and the report table of the last import."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_report")
        self._model = ImportReportModel(self)
        self._summary = QLabel(self.tr("No import yet in this session."), self)
        self._summary.setObjectName("import_summary")
        self._summary.setWordWrap(True)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._table = QTableView(self)
        self._table.setObjectName("import_report_table")
        self._table.setAccessibleName(self.tr("What became of each imported file"))
        self._table.setModel(self._model)
        self._table.setWordWrap(True)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.verticalHeader().setVisible(False)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.DETAILS, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Last import</b>"), self))
        layout.addWidget(self._summary)
        layout.addWidget(self._table, 1)

    @property
    def model(self) -> ImportReportModel:
        return self._model

    @property
    def summary(self) -> str:
        return self._summary.text()

    def show_outcomes(
        self, outcomes: Sequence[ImportOutcome], ack_folder: Path, *, not_done: int = 0
    ) -> None:
        """Show what became of each file; ``not_done`` files were left when Cancel was pressed."""
        self._model.set_outcomes(outcomes)
        self._table.resizeRowsToContents()
        count = {s: sum(1 for o in outcomes if o.status == s) for s in (IMPORTED, ALREADY, REFUSED)}
        text = (
            self.tr("Import at %1: %2 imported, %3 already imported, %4 refused.")
            .replace("%1", dt.datetime.now().strftime("%H:%M"))
            .replace("%2", str(count[IMPORTED]))
            .replace("%3", str(count[ALREADY]))
            .replace("%4", str(count[REFUSED]))
        )
        if not_done:
            text += " " + self.tr(
                "%n file(s) not imported: the import was cancelled.", "", not_done
            )
        if any(o.ack_path is not None for o in outcomes):
            text += " " + self.tr(
                "Acknowledgements were written to %1: send each centre its own file."
            ).replace("%1", str(ack_folder))
        self._summary.setText(text)
