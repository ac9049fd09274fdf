"""The coordinator's conflicts: case versions kept but not applied, and taking a centre's one.

A conflict is a version of a case that does not follow what the registry holds
(:mod:`cmlentry.services.registry.conflicts`): kept, flagged, never applied. The dialog lists
those that wait, says in words what each is, and takes the centre's version once the
coordinator has spoken with the centre, asking why (the reason goes to the audit trail). Every
service call runs on the worker thread; a refusal shows the service's sentence and changes
nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.dialogs.reason_dialog import ReasonDialog
from cmlentry.gui.workers import Op
from cmlentry.services.registry.conflicts import ConflictService, WaitingConflict


class ConflictsDialog(QDialog):
    """The conflicts that wait, with *Take the centre's version…*."""

    conflict_settled = Signal(object)
    """The registry took a centre's version (the :class:`WaitingConflict` it was)."""

    def __init__(self, service: ConflictService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflicts_dialog")
        self.setWindowTitle(self.tr("Conflicting case versions"))
        self._service = service
        self._conflicts: list[WaitingConflict] = []

        intro = QLabel(
            self.tr(
                "A centre sent a version of a case that was not made from the version the "
                "registry holds (for example after its workspace was put back from an old "
                "copy). The registry kept it and did not apply it. Speak with the centre; if "
                "its version is the right one, take it. The registry's earlier versions stay "
                "in the case's history."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("conflicts_summary")
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("conflicts_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Case"),
                self.tr("Centre's version"),
                self.tr("Made from"),
                self.tr("Registry holds"),
                self.tr("Batch"),
                self.tr("Imported"),
            ]
        )
        self.table.setAccessibleName(self.tr("Conflicting case versions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.take_button = QPushButton(self.tr("&Take the centre's version…"), self)
        self.take_button.setObjectName("conflicts_take")
        self.take_button.setEnabled(False)
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)

        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.take_button.clicked.connect(self._on_take_button_clicked)

    # --- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the conflicts that wait, on the worker thread."""
        service = self._service
        Op(self, lambda _p, _c: service.waiting()).success(self._on_read).run()

    def _on_read(self, conflicts: list[WaitingConflict]) -> None:
        self._conflicts = conflicts
        self.table.setRowCount(len(conflicts))
        for row, c in enumerate(conflicts):
            made_from = (
                self.tr("no earlier revision")
                if c.base_revision is None
                else self.tr("revision %1").replace("%1", str(c.base_revision))
            )
            held = (
                self.tr("nothing")
                if c.current_revision is None
                else self.tr("revision %1").replace("%1", str(c.current_revision))
            )
            cells = (
                c.registry_id,
                self.tr("revision %1").replace("%1", str(c.revision)),
                made_from,
                held,
                self.tr("%1, batch %2")
                .replace("%1", c.centre)
                .replace("%2", str(c.batch_sequence)),
                c.imported_at[:10],
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(c.reason)
                self.table.setItem(row, column, item)
        self.summary.setText(
            self.tr("%n conflicting versions wait.", "", len(conflicts))
            if conflicts
            else self.tr("No conflicts wait: every case holds the version its centre sent last.")
        )
        if conflicts:
            self.table.selectRow(0)
        self._on_table_item_selection_changed()

    def selected(self) -> WaitingConflict | None:
        rows = self.table.selectionModel().selectedRows()
        return self._conflicts[rows[0].row()] if rows else None

    def _on_table_item_selection_changed(self) -> None:
        self.take_button.setEnabled(self.selected() is not None)

    # --- taking the centre's version ------------------------------------------------------------

    def _on_take_button_clicked(self) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        ask = ReasonDialog(
            self.tr("Take the centre's version"),
            self.tr(
                "The registry will hold revision %1 of %2 as centre %3 sent it, instead of %4. "
                "Why? (For example: what the centre said on the phone.)"
            )
            .replace("%1", str(conflict.revision))
            .replace("%2", conflict.registry_id)
            .replace("%3", conflict.centre)
            .replace(
                "%4",
                self.tr("nothing")
                if conflict.current_revision is None
                else self.tr("revision %1").replace("%1", str(conflict.current_revision)),
            ),
            self,
            suggestions=[self.tr("The centre confirmed its version by phone")],
            accept_label=self.tr("Take the centre's version"),
        )
        ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ask.accepted.connect(lambda: self._take(conflict, ask.reason or ""))
        ask.open()

    def _take(self, conflict: WaitingConflict, reason: str) -> None:
        service = self._service
        (
            Op(
                self,
                lambda _p, _c: service.take_site_version(
                    conflict.registry_id, conflict.revision, reason
                ),
            )
            .success(self._on_taken)
            .run()
        )

    def _on_taken(self, conflict: WaitingConflict) -> None:
        self.conflict_settled.emit(conflict)
        self.reload()
