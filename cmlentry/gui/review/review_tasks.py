"""The main window's review actions: Review and sign…, Unlock…, Signatures…, Print case summary….

Each opens its dialog with only the services it needs from the window's
:class:`~cmlentry.services.desk.Desk`, window-modal and deleted when closed, like the window's
other dialogs. A sign or an unlock makes the window read its case list again
(``reload_cases``); *Open case* in the review window hands the case to ``open_case``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from cmlentry.gui.review.detail_models import AnswerLabels
from cmlentry.gui.review.review_dialog import ReviewDialog
from cmlentry.gui.review.signatures_dialog import SignaturesDialog
from cmlentry.gui.review.summary_print import print_summary
from cmlentry.gui.review.unlock import ask_unlock
from cmlentry.gui.settings import Settings
from cmlentry.services.desk import Desk


class ReviewTasks(QObject):
    """Opens the review screens for the window ``window`` over the services of ``desk``.

    Args:
        window: The main window (owner of the dialogs).
        desk: The signed-in user's services.
        reload_cases: Reads the case list again (after a sign or an unlock in the review).
        open_case: Opens a case in the editor.
        settings: The user's interface settings (window sizes, the summaries' folder).
        case_unlocked: Called with the registry ID after *Unlock…* from the window's menu
            (the window reads its list again and shows the case editable); ``reload_cases``
            when not given.
    """

    def __init__(
        self,
        window: QWidget,
        desk: Desk,
        reload_cases: Callable[[], None],
        open_case: Callable[[str], None],
        settings: Settings,
        case_unlocked: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._desk = desk
        self._reload_cases = reload_cases
        self._open_case = open_case
        self._settings = settings
        self._case_unlocked = case_unlocked
        self._labels = AnswerLabels(desk.cases.definition)
        self._last_reviewed: str | None = None

    def open_review(self) -> ReviewDialog:
        """The review queue and the signed cases, on the case reviewed last if still listed."""
        desk = self._desk
        dialog = ReviewDialog(
            desk.review,
            desk.queries,
            desk.cases.list_cases,
            self._labels,
            self._window,
            settings=self._settings,
            select=self._last_reviewed,
        )
        dialog.cases_changed.connect(self._reload_cases)
        dialog.case_open_requested.connect(self._on_review_case_open_requested)
        dialog.finished.connect(lambda _result: self._remember(dialog))
        _open(dialog)
        return dialog

    def unlock(self, registry_id: str) -> None:
        """Ask the reason, then unlock the signed case ``registry_id``."""
        ask_unlock(self._window, self._desk.review, registry_id, self._on_unlocked)

    def show_signatures(self, registry_id: str) -> SignaturesDialog:
        dialog = SignaturesDialog(self._desk.review, registry_id, self._window)
        _open(dialog)
        return dialog

    def print_summary(self, registry_id: str) -> None:
        print_summary(self._window, self._desk.summaries, registry_id, self._settings)

    # --- slots ------------------------------------------------------------------------------------

    def _on_review_case_open_requested(self, registry_id: str) -> None:
        self._last_reviewed = registry_id
        self._open_case(registry_id)

    def _on_unlocked(self, registry_id: str) -> None:
        if self._case_unlocked is not None:
            self._case_unlocked(registry_id)
        else:
            self._reload_cases()

    def _remember(self, dialog: ReviewDialog) -> None:
        chosen = dialog.current_registry_id()
        if chosen is not None:
            self._last_reviewed = chosen


def _open(dialog: QDialog) -> None:
    """Window-modal, deleted when closed (as the window's other dialogs)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
