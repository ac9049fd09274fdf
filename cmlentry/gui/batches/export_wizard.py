"""The export wizard: choose the cases, choose the folder and make the batch, see what was made.

The pages are :class:`~cmlentry.gui.batches.cases_page.CasesPage`,
:class:`~cmlentry.gui.batches.export_pages.FolderPage` (the commit point) and
:class:`~cmlentry.gui.batches.export_pages.ResultPage`. Everything that reads or writes the
workspace runs through an :class:`~cmlentry.gui.workers.Op`; the wizard reads the cases as soon
as it is made. Once the batch exists there is no way back, and closing the wizard keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from cmlentry.gui import messages
from cmlentry.gui.batches.cases_page import CasesPage
from cmlentry.gui.batches.export_pages import ExportOutcome, ExportState, FolderPage, ResultPage
from cmlentry.gui.batches.running import OpRunner, runner_or_default
from cmlentry.gui.icons import icon
from cmlentry.gui.settings import Settings
from cmlentry.gui.workers import Op
from cmlentry.services.batches.errors import CaseNotReady
from cmlentry.services.batches.export import Candidate, ExportService


class ExportWizard(QWizard):
    """Makes the site's next batch for the registry.

    Args:
        exports: The export service of the signed-in user's workspace.
        runner: Starts each background operation (``op.run()`` when None); see ``running.py``.
        parent: Owner window.
        settings: Where the last folder is remembered (the user's settings when None).
    """

    CASES, FOLDER, RESULT = range(3)

    batch_made = Signal(int)
    """A batch with this number was made (the cases in it are now "exported")."""

    def __init__(
        self,
        exports: ExportService,
        runner: OpRunner | None = None,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_wizard")
        self.setWindowTitle(self.tr("Export a batch for the registry"))
        self.setWindowIcon(icon("export"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self._exports = exports
        self._runner = runner_or_default(runner)
        settings = settings if settings is not None else Settings()
        self.state = ExportState()
        self.cases_page = CasesPage(self)
        self.folder_page = FolderPage(self.state, exports, self._runner, settings, self)
        self.result_page = ResultPage(self.state, exports, self._runner, settings, self)
        self.setPage(self.CASES, self.cases_page)
        self.setPage(self.FOLDER, self.folder_page)
        self.setPage(self.RESULT, self.result_page)
        self.setMinimumSize(680, 480)

        self.folder_page.batch_made.connect(self._on_folder_page_batch_made)
        self.folder_page.export_refused.connect(self._on_folder_page_export_refused)
        self.load_cases()

    @property
    def outcome(self) -> ExportOutcome | None:
        """The batch made, or None while none is."""
        return self.state.outcome

    def load_cases(self, keep: list[str] | None = None) -> None:
        """Read the cases again; tick ``keep`` (default: the service's default selection)."""
        exports = self._exports

        def work(_progress: object, _cancelled: object) -> tuple[list[Candidate], list[str]]:
            rows = exports.candidates()
            return rows, keep if keep is not None else exports.default_selection()

        self.cases_page.set_loading()
        self._runner(
            Op(self, work)
            .with_progress(self.tr("Reading the cases"), cancellable=False)
            .success(lambda loaded: self.cases_page.set_candidates(*loaded))
            .failure(self._on_load_failed)
        )

    def initializePage(self, page_id: int) -> None:
        if page_id == self.FOLDER:  # before the page reads it
            self.state.chosen = self.cases_page.chosen()
        super().initializePage(page_id)

    def _on_load_failed(self, exc: BaseException) -> None:
        self.cases_page.set_failed(messages.describe(exc))
        messages.show_error(self, exc)

    # --- slots ------------------------------------------------------------------------------------

    def _on_folder_page_batch_made(self, sequence: int) -> None:
        self.batch_made.emit(sequence)

    def _on_folder_page_export_refused(self, exc: object) -> None:
        if isinstance(exc, CaseNotReady):
            # A chosen case went back to draft meanwhile: show the list as it is now.
            self.load_cases(keep=self.state.chosen)

    def reject(self) -> None:
        if self.folder_page.running or self.result_page.running:
            return  # the result must find the wizard; the progress window has Cancel
        if self.state.outcome is not None:
            # The batch exists: closing keeps it, as Finish does.
            self.done(QDialog.DialogCode.Accepted)
            return
        super().reject()


def populate_for_screenshot(wizard: ExportWizard, count: int = 3) -> None:
    """Tick the first ``count`` cases that may be sent, as a person would before Next.

    For ``tests/harness/screenshots.py``: call it once ``wizard.cases_page.loaded`` is True.
    """
    model = wizard.cases_page.model
    ids = [model.candidate(row).registry_id for row in range(model.rowCount())]
    # set_chosen keeps only the cases that may be ticked; take the first ``count`` of those.
    model.set_chosen(ids)
    model.set_chosen(model.chosen()[:count])
