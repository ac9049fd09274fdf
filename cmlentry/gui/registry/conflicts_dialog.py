"""The coordinator's conflicts: case versions kept but not applied, and settling each one.

A conflict is a version of a case that does not follow what the registry holds
(:mod:`cmlentry.services.registry.conflicts`): kept, flagged, never applied, until a coordinator
settles it after speaking with the centre — *Take the centre's version…* (it becomes the
registry's) or *Keep the registry's version…*. Either asks why (the reason goes to the audit
trail). Every service call runs on the worker thread; a refusal shows the service's sentence
(the worker's default) and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
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

from cmlentry.gui.dialogs.reason_dialog import ReasonDialog
from cmlentry.gui.rows_model import ReadOnlyRowsModel
from cmlentry.gui.workers import Op
from cmlentry.services.registry.conflicts import ConflictService, WaitingConflict

Index = QModelIndex | QPersistentModelIndex
RecordRole = int(Qt.ItemDataRole.UserRole) + 1
"""The :class:`WaitingConflict` behind a row."""
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)


class ConflictColumn(IntEnum):
    CASE = 0
    CENTRE_VERSION = 1
    MADE_FROM = 2
    REGISTRY_HOLDS = 3
    BATCH = 4
    IMPORTED = 5


class ConflictsModel(ReadOnlyRowsModel):
    """The conflicts that wait, one row each, in words."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(ConflictColumn), parent)
        self._headers = {
            ConflictColumn.CASE: self.tr("Case"),
            ConflictColumn.CENTRE_VERSION: self.tr("Centre's version"),
            ConflictColumn.MADE_FROM: self.tr("Made from"),
            ConflictColumn.REGISTRY_HOLDS: self.tr("Registry holds"),
            ConflictColumn.BATCH: self.tr("Batch"),
            ConflictColumn.IMPORTED: self.tr("Imported"),
        }

    def set_conflicts(self, conflicts: Iterable[WaitingConflict]) -> None:
        self._reset(conflicts)

    def conflict(self, row: int) -> WaitingConflict | None:
        return self._row(self.index(row, 0))

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        conflict: WaitingConflict | None = self._row(index)
        if conflict is None:
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.text(conflict, ConflictColumn(index.column()))
        if role == RecordRole:
            return conflict
        return None

    def text(self, c: WaitingConflict, column: ConflictColumn) -> str:
        if column == ConflictColumn.CASE:
            return c.registry_id
        if column == ConflictColumn.CENTRE_VERSION:
            return self.revision(c.revision)
        if column == ConflictColumn.MADE_FROM:
            return self.revision(c.base_revision, none=self.tr("no earlier revision"))
        if column == ConflictColumn.REGISTRY_HOLDS:
            return self.revision(c.current_revision)
        if column == ConflictColumn.BATCH:
            return (
                self.tr("%1, batch %2").replace("%1", c.centre).replace("%2", str(c.batch_sequence))
            )
        return c.imported_at[:10]

    def revision(self, number: int | None, *, none: str | None = None) -> str:
        if number is None:
            return none if none is not None else self.tr("nothing")
        return self.tr("revision %1").replace("%1", str(number))


class ConflictsDialog(QDialog):
    """The conflicts that wait, with *Take the centre's version…* and *Keep the registry's…*."""

    conflict_settled = Signal(object)
    """A conflict was settled (the :class:`WaitingConflict` it was)."""

    def __init__(self, service: ConflictService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflicts_dialog")
        self.setWindowTitle(self.tr("Conflicting case versions"))
        self._service = service

        intro = QLabel(
            self.tr(
                "A centre sent a version of a case that was not made from the version the "
                "registry holds (for example after its workspace was put back from an old "
                "copy). The registry kept it and did not apply it. Speak with the centre; if "
                "its version is the right one, take it, otherwise keep the registry's. Every "
                "version stays in the case's history."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("conflicts_summary")
        self.model = ConflictsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("conflicts_table")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Conflicting case versions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.take_button = QPushButton(self.tr("&Take the centre's version…"), self)
        self.take_button.setObjectName("conflicts_take")
        self.keep_button = QPushButton(self.tr("&Keep the registry's version…"), self)
        self.keep_button.setObjectName("conflicts_keep")
        for button in (self.take_button, self.keep_button):
            button.setEnabled(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(860, 420)

        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.take_button.clicked.connect(self._on_take_button_clicked)
        self.keep_button.clicked.connect(self._on_keep_button_clicked)

    # --- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the conflicts that wait, on the worker thread."""
        service = self._service
        Op(self, lambda _p, _c: service.waiting()).success(self._on_read).run()

    def _on_read(self, conflicts: list[WaitingConflict]) -> None:
        self.model.set_conflicts(conflicts)
        self.summary.setText(
            self.tr("%n conflicting versions wait.", "", len(conflicts))
            if conflicts
            else self.tr("No conflicts wait: every case holds the version its centre sent last.")
        )
        if conflicts:
            self.table.selectRow(0)
        self._on_table_selection_changed()

    def selected(self) -> WaitingConflict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.conflict(rows[0].row()) if rows else None

    def _on_table_selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.take_button.setEnabled(chosen)
        self.keep_button.setEnabled(chosen)

    # --- settling -------------------------------------------------------------------------------

    def _on_take_button_clicked(self) -> None:
        conflict = self.selected()
        if conflict is not None:
            self._ask(
                conflict,
                take=True,
                title=self.tr("Take the centre's version"),
                text=self.tr(
                    "The registry will hold revision %1 of %2 as centre %3 sent it, instead of "
                    "%4. Why? (For example: what the centre said on the phone.)"
                ),
                suggestion=self.tr("The centre confirmed its version by phone"),
            )

    def _on_keep_button_clicked(self) -> None:
        conflict = self.selected()
        if conflict is not None:
            self._ask(
                conflict,
                take=False,
                title=self.tr("Keep the registry's version"),
                text=self.tr(
                    "The registry will go on holding %4 of %2, and revision %1 from centre %3 "
                    "stays in the case's history without being applied. Why?"
                ),
                suggestion=self.tr("The centre's version came from an old copy of its workspace"),
            )

    def _ask(
        self, conflict: WaitingConflict, *, take: bool, title: str, text: str, suggestion: str
    ) -> None:
        held = self.model.revision(conflict.current_revision)
        ask = ReasonDialog(
            title,
            text.replace("%1", str(conflict.revision))
            .replace("%2", conflict.registry_id)
            .replace("%3", conflict.centre)
            .replace("%4", held),
            self,
            suggestions=[suggestion],
            accept_label=title,
        )
        ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ask.accepted.connect(lambda: self._settle(conflict, ask.reason or "", take=take))
        ask.open()

    def _settle(self, conflict: WaitingConflict, reason: str, *, take: bool) -> None:
        service = self._service
        settle = service.take_site_version if take else service.keep_registry_version
        (
            Op(self, lambda _p, _c: settle(conflict.registry_id, conflict.revision, reason))
            .success(self._on_settled)
            .run()
        )

    def _on_settled(self, conflict: WaitingConflict) -> None:
        self.conflict_settled.emit(conflict)
        self.reload()
