"""The export wizard's last two pages: where to write the batch (and make it), and what was made.

Making the batch is the commit point: the service takes the next batch number, seals the file,
checks it and keeps it in the workspace in one transaction, then writes it to the folder. Cancel
works until the transaction ends (the service rolls back); after that the batch exists. If the
file could not be written (a full USB stick), the batch is still made and kept: the result page
says so and offers "Write again…" to another folder right there.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from cmlentry.errors import Cancelled
from cmlentry.gui import messages
from cmlentry.gui.batches.folders import choose_folder, last_folder, remember_folder
from cmlentry.gui.batches.running import OpRunner
from cmlentry.gui.password_dialog import message_label, say
from cmlentry.gui.settings import Settings
from cmlentry.gui.workers import CancelledFn, Op, ProgressFn
from cmlentry.services.batches.errors import BatchWriteFailed
from cmlentry.services.batches.export import ExportedBatch, ExportService


@dataclass(frozen=True)
class ExportOutcome:
    """The batch made: its number, how many cases, and where its file is (None: not written)."""

    sequence: int
    case_count: int
    path: Path | None
    folder: Path  # the folder it was (or was meant to be) written to


@dataclass
class ExportState:
    """What the pages share: the cases chosen, then the batch made."""

    chosen: list[str] = field(default_factory=list)
    outcome: ExportOutcome | None = None


def stop_before_commit(progress: ProgressFn, cancelled: CancelledFn) -> ProgressFn:
    """A progress callback that stops the export when Cancel was pressed, before it commits.

    ``ExportService.export`` reports ``done < total`` inside its one transaction and
    ``done == total`` only once the batch is committed. Raising :class:`Cancelled` from the
    former rolls everything back; from the latter it would hide a batch that exists, so it is
    never raised then.
    """

    def report(done: int, total: int) -> None:
        if done < total and cancelled():
            raise Cancelled()
        progress(done, total)

    return report


def _label(parent: QWidget, name: str, *, selectable: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
    return label


class FolderPage(QWizardPage):
    """The folder for the file, a word on what the file is, and the button that makes it."""

    batch_made = Signal(int)
    """The batch with this number now exists (written or not)."""
    export_refused = Signal(object)
    """The service refused to make the batch (the exception); nothing was made."""

    def __init__(
        self,
        state: ExportState,
        exports: ExportService,
        runner: OpRunner,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_folder_page")
        self._state = state
        self._exports = exports
        self._runner = runner
        self._settings = settings
        self.running = False
        self.setTitle(self.tr("Where to write the batch"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Make the batch"))

        self.summary = _label(self, "export_summary")
        self.folder = QLineEdit(self)
        self.folder.setObjectName("export_folder")
        self.folder.setAccessibleName(self.tr("Folder for the batch file"))
        caption = QLabel(self.tr("F&older:"), self)
        caption.setBuddy(self.folder)
        self.choose = QPushButton(self.tr("C&hoose…"), self)
        self.choose.setObjectName("export_choose_folder")
        self.message = message_label(self, "export_folder_message")
        warning = _label(self, "export_warning")
        warning.setText(
            self.tr(
                "The file is signed with your site's key and encrypted, so only the registry "
                "(and this workspace) can read it: it may be sent by e-mail or copied to a USB "
                "stick. It holds no patient's name, birth date or hospital number."
            )
        )
        grid = QGridLayout()
        grid.addWidget(caption, 0, 0)
        grid.addWidget(self.folder, 0, 1)
        grid.addWidget(self.choose, 0, 2)
        grid.addWidget(self.message, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addWidget(warning)
        layout.addStretch(1)

        self.folder.textChanged.connect(self._on_folder_text_changed)
        self.choose.clicked.connect(self._on_choose_clicked)

    def initializePage(self) -> None:
        count = len(self._state.chosen)
        self.summary.setText(
            self.tr("%n case(s) go in the next batch.", "", count)
            + " "
            + self.tr("Choose the folder to write its file to.")
        )
        if not self.folder.text():
            with QSignalBlocker(self.folder):
                self.folder.setText(last_folder(self._settings))
        self._check_folder()

    def chosen_folder(self) -> Path | None:
        text = self.folder.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.is_dir() else None

    def isComplete(self) -> bool:
        return not self.running and self.chosen_folder() is not None

    def validatePage(self) -> bool:
        if self._state.outcome is not None:
            return True
        if not self.running:
            self._make()
        return False

    # --- making the batch -------------------------------------------------------------------------

    def _make(self) -> None:
        folder = self.chosen_folder()
        if folder is None:
            return
        exports, chosen = self._exports, list(self._state.chosen)

        def work(progress: ProgressFn, cancelled: CancelledFn) -> ExportedBatch:
            return exports.export(folder, chosen, progress=stop_before_commit(progress, cancelled))

        self._set_running(True)
        say(self.message, "")
        self._runner(
            Op(self, work)
            .with_progress(self.tr("Making the batch"))
            .success(self._on_exported)
            .failure(lambda exc: self._on_failed(exc, folder, len(chosen)))
            .cancelled(self._on_cancelled)
        )

    def _set_running(self, running: bool) -> None:
        self.running = running
        wizard = self.wizard()
        if wizard is not None:
            # The wizard cannot close while the batch is being made; Cancel is in the progress.
            for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
                wizard.button(which).setEnabled(not running)
        self.completeChanged.emit()

    def _on_exported(self, batch: ExportedBatch) -> None:
        self._set_running(False)
        remember_folder(self._settings, batch.path.parent)
        self._made(ExportOutcome(batch.sequence, batch.case_count, batch.path, batch.path.parent))

    def _on_failed(self, exc: BaseException, folder: Path, count: int) -> None:
        self._set_running(False)
        messages.show_error(self, exc)
        if isinstance(exc, BatchWriteFailed):
            # Made and kept, only not written: the result page offers another folder.
            self._made(ExportOutcome(int(str(exc.params["sequence"])), count, None, folder))
        else:
            self.export_refused.emit(exc)

    def _on_cancelled(self) -> None:
        self._set_running(False)
        say(self.message, self.tr("Cancelled: no batch was made."))

    def _made(self, outcome: ExportOutcome) -> None:
        self._state.outcome = outcome
        self.batch_made.emit(outcome.sequence)
        self.wizard().next()

    # --- slots ------------------------------------------------------------------------------------

    def _on_folder_text_changed(self, _text: str) -> None:
        self._check_folder()

    def _on_choose_clicked(self) -> None:
        chosen = choose_folder(
            self, self._settings, self.tr("Where to write the batch"), self.folder.text().strip()
        )
        if chosen is not None:
            self.folder.setText(str(chosen))
            self.folder.setFocus()

    def _check_folder(self) -> None:
        text = self.folder.text().strip()
        if text and self.chosen_folder() is None:
            say(self.message, self.tr("There is no folder here: choose one with “Choose…”."))
        else:
            say(self.message, "")
        self.completeChanged.emit()


class ResultPage(QWizardPage):
    """The file made, its batch number and cases, and what to do next."""

    def __init__(
        self,
        state: ExportState,
        exports: ExportService,
        runner: OpRunner,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_result_page")
        self._state = state
        self._exports = exports
        self._runner = runner
        self._settings = settings
        self.running = False
        self.headline = _label(self, "export_result")
        self.path = _label(self, "export_path", selectable=True)
        self.path.setAccessibleName(self.tr("Batch file"))
        self.next_steps = _label(self, "export_next_steps")
        self.open_folder = QPushButton(self.tr("&Open the folder"), self)
        self.open_folder.setObjectName("export_open_folder")
        self.write_again = QPushButton(self.tr("&Write again…"), self)
        self.write_again.setObjectName("export_write_again")
        self.write_again.setToolTip(self.tr("Write the same batch file to another folder"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder)
        buttons.addWidget(self.write_again)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.path)
        layout.addLayout(buttons)
        layout.addWidget(self.next_steps)
        layout.addStretch(1)

        self.open_folder.clicked.connect(self._on_open_folder_clicked)
        self.write_again.clicked.connect(self._on_write_again_clicked)

    def initializePage(self) -> None:
        self._show()

    def isComplete(self) -> bool:
        return not self.running

    def _show(self) -> None:
        outcome = self._state.outcome
        if outcome is None:
            return
        number = str(outcome.sequence)
        cases = self.tr("%n case(s)", "", outcome.case_count)
        if outcome.path is not None:
            self.setTitle(self.tr("Batch %1 is made").replace("%1", number))
            self.headline.setText(
                self.tr("Batch %1 holds %2. Its file is:")
                .replace("%1", number)
                .replace("%2", cases)
            )
            self.path.setText(str(outcome.path))
        else:
            self.setTitle(self.tr("Batch %1 is made but not written").replace("%1", number))
            self.headline.setText(
                self.tr(
                    "Batch %1 holds %2 and is kept in the workspace, but its file could not be "
                    "written to %3. Choose another folder with “Write again…”; nothing is lost."
                )
                .replace("%1", number)
                .replace("%2", cases)
                .replace("%3", str(outcome.folder))
            )
            self.path.setText("")
        self.path.setVisible(outcome.path is not None)
        self.open_folder.setVisible(outcome.path is not None)
        self.write_again.setDefault(outcome.path is None)
        self.next_steps.setText(
            self.tr(
                "Next: send the file to the registry, by e-mail or on a USB stick. When the "
                "registry's acknowledgement (a .cmlack file) comes back, read it with “Read an "
                "acknowledgement…”: the cases it accepts are then marked acknowledged. Until "
                "then, “Batches…” lists this batch and writes its file again if it is lost."
            )
        )
        (self.open_folder if outcome.path is not None else self.write_again).setFocus()

    # --- slots ------------------------------------------------------------------------------------

    def _on_open_folder_clicked(self) -> None:
        outcome = self._state.outcome
        if outcome is not None and outcome.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(outcome.path.parent)))

    def _on_write_again_clicked(self) -> None:
        outcome = self._state.outcome
        if outcome is None or self.running:
            return
        folder = choose_folder(self, self._settings, self.tr("Write the batch to another folder"))
        if folder is None:
            return
        exports, sequence = self._exports, outcome.sequence
        self._set_running(True)
        self._runner(
            Op(self, lambda _p, _c: exports.write_again(sequence, folder))
            .with_progress(
                self.tr("Writing batch %1").replace("%1", str(sequence)), cancellable=False
            )
            .success(self._on_written)
            .finished(lambda: self._set_running(False))
        )

    def _on_written(self, path: Path) -> None:
        remember_folder(self._settings, path.parent)
        outcome = self._state.outcome
        if outcome is not None:
            self._state.outcome = replace(outcome, path=path, folder=path.parent)
        self._show()

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.write_again.setEnabled(not running)
        self.completeChanged.emit()
