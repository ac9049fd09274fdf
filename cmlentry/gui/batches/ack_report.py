"""Reading the registry's acknowledgement: choose the file, verify and record it, show the answer.

:func:`read_acknowledgement` asks for a ``.cmlack`` file, has
:meth:`~cmlentry.services.batches.ack.AckService.read` verify and record it on the worker
thread, then opens :class:`AckReportDialog`: how many cases the registry accepted, which it
rejected and why, how many are now marked acknowledged. A refused file is explained by
:func:`cmlentry.gui.messages.show_error`, and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.batches.folders import last_folder
from cmlentry.gui.batches.rejected_model import RejectedTableModel
from cmlentry.gui.batches.running import OpRunner, runner_or_default
from cmlentry.gui.icons import icon
from cmlentry.gui.settings import Settings
from cmlentry.gui.workers import Op
from cmlentry.services.batches.ack import AckResult, AckService


def read_acknowledgement(
    parent: QWidget,
    acks: AckService,
    runner: OpRunner | None = None,
    *,
    settings: Settings | None = None,
    on_read: Callable[[AckResult], object] | None = None,
) -> None:
    """Ask for an acknowledgement file, read it on the worker thread, show the registry's answer.

    Args:
        parent: The window the file dialog, the progress and the report belong to.
        acks: The acknowledgement service of the signed-in user's workspace.
        runner: Starts the background operation (``op.run()`` when None).
        settings: Where the batch folder is remembered: the file dialog starts there.
        on_read: Called with the result once it is recorded (the window reloads its case
            list: accepted cases are now "acknowledged").
    """
    start = last_folder(settings if settings is not None else Settings())
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("read_acknowledgement", "Read the registry's acknowledgement"),
        start or str(Path.home()),
        QCoreApplication.translate(
            "read_acknowledgement", "cmlentry acknowledgements (*.cmlack);;All files (*)"
        ),
    )
    if not name:
        return
    path = Path(name)

    def show(result: AckResult) -> None:
        dialog = AckReportDialog(result, path.name, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if on_read is not None:
            on_read(result)

    title = QCoreApplication.translate("read_acknowledgement", "Reading %1").replace(
        "%1", path.name
    )
    runner_or_default(runner)(
        Op(parent, lambda _p, _c: acks.read(path))
        .with_progress(title, cancellable=False)
        .success(show)
    )


class AckReportDialog(QDialog):
    """What the registry made of one batch, in a few sentences and a table of rejected cases."""

    def __init__(self, result: AckResult, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ack_report")
        self.result_read = result
        number = str(result.sequence)
        self.setWindowTitle(self.tr("Acknowledgement of batch %1").replace("%1", number))
        self.setWindowIcon(icon("acknowledged"))
        rejected = len(result.rejected)

        headline = self._label(
            "ack_headline",
            self.tr("The registry answered batch %1 (file %2).")
            .replace("%1", number)
            .replace("%2", file_name),
        )
        self.accepted_label = self._label(
            "ack_accepted",
            self.tr("%n case(s) accepted by the registry.", "", result.accepted),
        )
        self.rejected_label = self._label(
            "ack_rejected",
            self.tr(
                "%n case(s) rejected, for the reasons below: resolve them with the registry "
                "coordinator. Nothing was overwritten at the registry.",
                "",
                rejected,
            )
            if rejected
            else self.tr("No case was rejected."),
        )
        if result.already_read:
            marked = self.tr("This acknowledgement had already been read: nothing changed.")
        else:
            marked = self.tr("%n case(s) are now marked acknowledged.", "", result.acknowledged)
        self.marked_label = self._label("ack_marked", marked)
        self.changed_label = self._label(
            "ack_changed",
            self.tr(
                "%n accepted case(s) were changed here after the batch was made: they are not "
                "marked acknowledged, and their changes go in a later batch.",
                "",
                result.changed_since,
            ),
        )
        self.changed_label.setVisible(result.changed_since > 0)
        self.new_queries_label = self._label(
            "ack_new_queries",
            self.tr(
                "The registry sent %n new query(ies): they wait for an answer in the case list "
                "and the case editor.",
                "",
                result.queries_new,
            ),
        )
        self.new_queries_label.setVisible(result.queries_new > 0)
        self.closed_queries_label = self._label(
            "ack_closed_queries",
            self.tr("The registry closed %n query(ies) it had raised.", "", result.queries_closed),
        )
        self.closed_queries_label.setVisible(result.queries_closed > 0)

        self.model = RejectedTableModel(self)
        self.model.set_answers(result.rejected)
        self.table = QTableView(self)
        self.table.setObjectName("ack_rejected_table")
        self.table.setAccessibleName(self.tr("Rejected cases"))
        self.table.setModel(self.model)
        self._setup_table()
        self.table.setVisible(rejected > 0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("ack_close")
        close.setDefault(True)

        layout = QVBoxLayout(self)
        for label in (
            headline,
            self.accepted_label,
            self.rejected_label,
            self.marked_label,
            self.changed_label,
            self.new_queries_label,
            self.closed_queries_label,
        ):
            layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 360 if rejected else 220)

        buttons.rejected.connect(self.reject)
        (self.table if rejected else close).setFocus()

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _setup_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        if self.model.rowCount():
            table.setCurrentIndex(self.model.index(0, 0))
