"""Every batch this site made, newest first, and "Write again…" for a file that was lost.

The workspace keeps every batch file it made; writing one again writes the very same bytes
(the same number and hash), so the registry sees the same batch, never a second one with its
number. Reading the list and writing a file run on the worker thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt
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

from cmlentry.gui import messages
from cmlentry.gui.batches.batches_model import BatchesTableModel, BatchRow, Column, SortRole
from cmlentry.gui.batches.folders import choose_folder, remember_folder
from cmlentry.gui.batches.running import OpRunner, runner_or_default
from cmlentry.gui.icons import icon
from cmlentry.gui.settings import Settings
from cmlentry.gui.workers import Op
from cmlentry.services.batches.export import BatchInfo, ExportService


class BatchesDialog(QDialog):
    """The site's batches with the registry's answers; writes a chosen batch's file again.

    Args:
        exports: The export service of the signed-in user's workspace.
        runner: Starts each background operation (``op.run()`` when None); see ``running.py``.
        parent: Owner window.
        settings: Where the last folder is remembered (the user's settings when None).
    """

    def __init__(
        self,
        exports: ExportService,
        runner: OpRunner | None = None,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batches_dialog")
        self.setWindowTitle(self.tr("Batches sent to the registry"))
        self.setWindowIcon(icon("exported"))
        self._exports = exports
        self._runner = runner_or_default(runner)
        self._settings = settings if settings is not None else Settings()
        self.loaded = False
        self.writing = False

        self.model = BatchesTableModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setSortRole(SortRole)

        self.summary = QLabel(self.tr("Reading the batches…"), self)
        self.summary.setObjectName("batches_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableView(self)
        self.table.setObjectName("batches_table")
        self.table.setAccessibleName(self.tr("Batches"))
        self.table.setModel(self._proxy)
        self._setup_table()

        buttons = QDialogButtonBox(self)
        self.write_again = QPushButton(self.tr("&Write again…"), self)
        self.write_again.setObjectName("batches_write_again")
        self.write_again.setToolTip(
            self.tr("Write the chosen batch's file again, the very same bytes, to a folder")
        )
        buttons.addButton(self.write_again, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("batches_close")

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 380)

        self.write_again.clicked.connect(self._on_write_again_clicked)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        buttons.rejected.connect(self.reject)
        self._update_buttons()
        self.load()

    def _setup_table(self) -> None:
        table = self.table
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NUMBER, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        for column in Column:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.ANSWER, QHeaderView.ResizeMode.Stretch)

    # --- public API -------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the list of batches again."""
        exports = self._exports
        self.loaded = False
        self._runner(
            Op(self, lambda _p, _c: exports.batches())
            .with_progress(self.tr("Reading the batches"), cancellable=False)
            .success(self._on_loaded)
            .failure(self._on_load_failed)
        )

    def current_batch(self) -> BatchRow | None:
        """The batch under the cursor, or None."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.batch(self._proxy.mapToSource(index).row())

    def select_batch(self, sequence: int) -> None:
        for row in range(self._proxy.rowCount()):
            index = self._proxy.index(row, Column.NUMBER)
            if self.model.batch(self._proxy.mapToSource(index).row()).sequence == sequence:
                self.table.setCurrentIndex(index)
                return

    # --- results ----------------------------------------------------------------------------------

    def _on_loaded(self, batches: list[BatchInfo]) -> None:
        self.model.set_batches(batches)
        self.loaded = True
        if batches:
            waiting = sum(1 for batch in batches if batch.acknowledged_at is None)
            text = self.tr("%n batch(es) made by this site, newest first.", "", len(batches))
            if waiting:
                text += " " + self.tr(
                    "%n of them still wait(s) for the registry's acknowledgement.", "", waiting
                )
            text += " " + self.tr(
                "If a file was lost, choose its batch and “Write again…”: the same file is "
                "written, so the registry never receives two batches with one number."
            )
            self.table.setCurrentIndex(self._proxy.index(0, Column.NUMBER))
            self.table.setFocus()
        else:
            text = self.tr("This site has made no batch yet: “Export a batch…” makes the first.")
        self.summary.setText(text)
        self.table.setVisible(bool(batches))
        self._update_buttons()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.summary.setText(messages.describe(exc))
        messages.show_error(self, exc)

    def _on_written(self, sequence: int, path: Path) -> None:
        remember_folder(self._settings, path.parent)
        messages.inform(
            self,
            self.tr("Batch written"),
            self.tr("Batch %1 is written again, the same file as before: %2")
            .replace("%1", str(sequence))
            .replace("%2", str(path)),
        )

    # --- slots ------------------------------------------------------------------------------------

    def _on_write_again_clicked(self) -> None:
        batch = self.current_batch()
        if batch is None or self.writing:
            return
        folder = choose_folder(
            self,
            self._settings,
            self.tr("Where to write batch %1").replace("%1", str(batch.sequence)),
        )
        if folder is None:
            return
        exports, sequence = self._exports, batch.sequence
        self._set_writing(True)
        self._runner(
            Op(self, lambda _p, _c: exports.write_again(sequence, folder))
            .with_progress(
                self.tr("Writing batch %1").replace("%1", str(sequence)), cancellable=False
            )
            .success(lambda path: self._on_written(sequence, path))
            .finished(lambda: self._set_writing(False))
        )

    def _on_table_activated(self, _index: object) -> None:
        self._on_write_again_clicked()

    def _on_table_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self._update_buttons()

    def _set_writing(self, writing: bool) -> None:
        self.writing = writing
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.write_again.setEnabled(
            self.loaded and not self.writing and self.current_batch() is not None
        )
