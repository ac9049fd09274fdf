"""Signatures…: every signature a case had, the current one and those dropped at an unlock.

Anyone who may read cases may look (the site file, a monitor's visit); the list is read on the
worker thread. The chosen signature is shown in full below the table: printed name, role, UTC and
local time, meaning, the fingerprint of the signed data, and who dropped it and why.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui import messages
from cmlentry.gui.icons import icon
from cmlentry.gui.review.detail_models import SignatureColumn, SignaturesTableModel
from cmlentry.gui.review.texts import signature_details
from cmlentry.gui.workers import Op
from cmlentry.services.review import ReviewService, SignatureInfo


class SignaturesDialog(QDialog):
    """The signatures of the case ``registry_id``, oldest first."""

    def __init__(
        self, review: ReviewService, registry_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signatures_dialog")
        self.setWindowIcon(icon("signed"))
        self.setWindowTitle(self.tr("Signatures of case %1").replace("%1", registry_id))
        self._registry_id = registry_id
        self.loaded = False

        self.summary = QLabel(self.tr("Reading the signatures…"), self)
        self.summary.setObjectName("signatures_summary")
        self.summary.setWordWrap(True)
        self.model = SignaturesTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("signatures_table")
        self.table.setAccessibleName(self.tr("Signatures"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SignatureColumn.STANDING, QHeaderView.ResizeMode.Stretch)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("signatures_details")
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("The chosen signature in full"))
        self.details.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(820, 420)

        buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        (
            Op(self, lambda _p, _c: review.signatures(registry_id))
            .success(self._on_loaded)
            .failure(self._on_load_failed)
            .run()
        )

    def _on_loaded(self, signatures: list[SignatureInfo]) -> None:
        self.model.set_signatures(signatures)
        self.loaded = True
        current = next((s for s in signatures if s.revoked_at is None), None)
        if not signatures:
            text = self.tr("Case %1 has never been signed.")
        elif current is not None:
            text = self.tr("Case %1 is signed and locked; earlier signatures were dropped.")
            if len(signatures) == 1:
                text = self.tr("Case %1 is signed and locked.")
        else:
            text = self.tr("Case %1 is not signed now; its signatures were dropped at unlocks.")
        self.summary.setText(text.replace("%1", self._registry_id))
        self.table.setVisible(bool(signatures))
        self.details.setVisible(bool(signatures))
        if signatures:
            self.table.setCurrentIndex(self.model.index(len(signatures) - 1, 0))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_load_failed(self, exc: BaseException) -> None:
        self.summary.setText(messages.describe(exc))
        messages.show_error(self, exc)

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.details.clear()
            return
        self.details.setPlainText(signature_details(self.model.signature(index.row())))
