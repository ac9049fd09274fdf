"""Review and sign…: the PI's queue of cases waiting for a signature, and the signed ones.

Two tabs over one detail pane. **To sign** lists ``ReviewService.queue()``: forms complete,
queries, source verification ("12 of 40 verified"), answers changed since the last signature and
whether the case can be signed (or why not). **Signed** lists the locked cases, where *Unlock…*
is offered. The detail pane below shows the selected case's changes since its last signature,
its queries and its signatures.

Made for a PI with thirty cases to sign: the first case is selected on opening; ↓ moves on,
Enter signs (the Sign button is the default), the sign dialog asks user name and password, and
after signing the row leaves the queue and the next case is selected. *Open case* closes this
window and opens the case in the editor; Ctrl+R brings the PI back to the same case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui import messages
from cmlentry.gui.case_row import CaseRow
from cmlentry.gui.icons import icon
from cmlentry.gui.review import queue_model, signed_model
from cmlentry.gui.review.detail_models import AnswerLabels
from cmlentry.gui.review.detail_pane import ReviewDetailPane
from cmlentry.gui.review.queue_model import ReviewQueueModel, ReviewRow
from cmlentry.gui.review.sign_dialog import SignDialog, show_signature
from cmlentry.gui.review.signed_model import SignedCasesModel
from cmlentry.gui.review.unlock import ask_unlock
from cmlentry.gui.rows_model import ReadOnlyRowsModel
from cmlentry.gui.settings import Settings
from cmlentry.gui.workers import Op
from cmlentry.services.queries import QueryService
from cmlentry.services.review import ReviewEntry, ReviewService, SignatureInfo

TO_SIGN, SIGNED = 0, 1
DETAIL_CHANGES, DETAIL_SIGNATURES = 0, 2


@dataclass(frozen=True)
class _Lists:
    queue: list[ReviewEntry]
    cases: Sequence[CaseRow]


class ReviewDialog(QDialog):
    """The review queue and the signed cases, with Open case, Sign… and Unlock….

    Args:
        review: The review service of the signed-in user's workspace.
        queries: Its query service (the detail pane's queries).
        load_cases: Returns the case summaries (``CaseService.list_cases``).
        labels: Labels of forms, items and codes.
        parent: Owner window.
        settings: Where the window's size is remembered (none: not remembered).
        select: The case to select first, if it is listed.
    """

    cases_changed = Signal()
    """A case was signed or unlocked: lists elsewhere must be read again."""
    case_open_requested = Signal(str)
    """The PI chose *Open case*; carries the registry ID (this window then closes)."""

    def __init__(
        self,
        review: ReviewService,
        queries: QueryService,
        load_cases: Callable[[], Sequence[CaseRow]],
        labels: AnswerLabels,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
        select: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("review_dialog")
        self.setWindowTitle(self.tr("Review and sign"))
        self.setWindowIcon(icon("signed"))
        self._review = review
        self._load_cases = load_cases
        self._settings = settings
        self._wanted = select
        self.loaded = False

        self.summary = QLabel(self.tr("Reading the cases…"), self)
        self.summary.setObjectName("review_summary")
        self.summary.setWordWrap(True)
        self.queue = ReviewQueueModel(self)
        self.signed = SignedCasesModel(self)
        self.queue_view = self._table("review_queue", self.queue, queue_model.SortRole)
        self.signed_view = self._table("review_signed", self.signed, signed_model.SortRole)
        self.queue_view.horizontalHeader().setSectionResizeMode(
            queue_model.Column.READY, QHeaderView.ResizeMode.Stretch
        )
        self.signed_view.horizontalHeader().setSectionResizeMode(
            signed_model.Column.UPDATED, QHeaderView.ResizeMode.Stretch
        )
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("review_tabs")
        self.tabs.addTab(self.queue_view, icon("complete"), "")
        self.tabs.addTab(self.signed_view, icon("lock"), "")
        self.detail = ReviewDetailPane(review, queries, labels, self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("review_splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 390])  # the detail is what the PI reads

        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._buttons)
        self.resize(1100, 720)
        if settings is not None:
            settings.restore_geometry(self, "review_dialog")
        self._connect()
        self._name_tabs()
        self._update_buttons()
        self.reload()

    def _table(self, name: str, model: ReadOnlyRowsModel, sort_role: int) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(sort_role)
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        rows = view.verticalHeader()
        rows.hide()
        rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return view

    def _build_buttons(self) -> None:
        self._buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(icon("open"), self.tr("&Open case"), self)
        self.open_button.setObjectName("review_open")
        self.open_button.setToolTip(self.tr("Close this window and open the case in the editor"))
        self.open_button.setAutoDefault(False)
        self.sign_button = QPushButton(icon("signed"), self.tr("&Sign…"), self)
        self.sign_button.setObjectName("review_sign")
        self.sign_button.setToolTip(
            self.tr("Sign the chosen case with your user name and password")
        )
        self.sign_button.setDefault(True)
        self.unlock_button = QPushButton(icon("unlock"), self.tr("&Unlock…"), self)
        self.unlock_button.setObjectName("review_unlock")
        self.unlock_button.setToolTip(
            self.tr("Unlock the chosen signed case with a reason; its signature is dropped")
        )
        self.unlock_button.setAutoDefault(False)
        for button in (self.open_button, self.sign_button, self.unlock_button):
            self._buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = self._buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("review_close")
        close.setAutoDefault(False)

    def _connect(self) -> None:
        self._buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.sign_button.clicked.connect(self._on_sign_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        for view in (self.queue_view, self.signed_view):
            view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
            view.doubleClicked.connect(self._on_view_double_clicked)

    # --- public API -------------------------------------------------------------------------------

    def reload(self, *, keep_choice: bool = True) -> None:
        """Read the queue and the signed cases again.

        Args:
            keep_choice: Choose the chosen case again (in whichever tab now lists it); if not,
                the queue's row at the same place is chosen: the next case to review.
        """
        review, load_cases = self._review, self._load_cases
        current = self.current_registry_id()
        if keep_choice and current is not None:
            self._wanted = current
        self.loaded = False
        (
            Op(self, lambda _p, _c: _Lists(review.queue(), load_cases()))
            .with_progress(self.tr("Reading the review queue"), cancellable=False)
            .success(self._on_loaded)
            .failure(self._on_load_failed)
            .run()
        )

    def current_registry_id(self) -> str | None:
        """The case chosen in the visible tab, or None."""
        if self.tabs.currentIndex() == TO_SIGN:
            entry = self.current_entry()
            return entry.registry_id if entry else None
        case = self.current_signed()
        return case.registry_id if case else None

    def current_entry(self) -> ReviewRow | None:
        """The queue row chosen in the "To sign" tab, or None."""
        index = self._source(self.queue_view)
        return self.queue.entry(index.row()) if index.isValid() else None

    def current_signed(self) -> CaseRow | None:
        """The case chosen in the "Signed" tab, or None."""
        index = self._source(self.signed_view)
        return self.signed.case(index.row()) if index.isValid() else None

    def select_case(self, registry_id: str) -> bool:
        """Choose the case in whichever tab lists it; say whether one does."""
        for tab, view, row in (
            (TO_SIGN, self.queue_view, self.queue.row_of(registry_id)),
            (SIGNED, self.signed_view, self.signed.row_of(registry_id)),
        ):
            if row is None:
                continue
            self.tabs.setCurrentIndex(tab)
            self._choose(view, row)
            return True
        return False

    # --- loading ----------------------------------------------------------------------------------

    def _on_loaded(self, lists: _Lists) -> None:
        position = self.queue_view.currentIndex().row()
        self.queue.set_entries(lists.queue)
        self.signed.set_cases(lists.cases)
        self.loaded = True
        self._name_tabs()
        ready = sum(1 for entry in lists.queue if entry.ready)
        if lists.queue:
            # Two counts, two sentences: one sentence cannot carry two plural forms.
            text = (
                self.tr("%1 %2", "two sentences, one after the other")
                .replace("%1", self.tr("%n case(s) wait for your signature.", "", len(lists.queue)))
                .replace("%2", self.tr("%n can be signed now.", "", ready))
            )
        else:
            text = self.tr("No complete case waits for a signature.")
        self.summary.setText(text)
        wanted, self._wanted = self._wanted, None
        if wanted is not None and self.select_case(wanted):
            return
        # The signed case left the queue: the one that took its place is the next to review.
        if self.queue.rowCount():
            self.tabs.setCurrentIndex(TO_SIGN)
            self._choose(
                self.queue_view, min(max(position, 0), self.queue.rowCount() - 1), proxy=True
            )
        elif self.signed.rowCount():
            self.tabs.setCurrentIndex(SIGNED)
            self._choose(self.signed_view, 0, proxy=True)
        else:
            self._show_detail()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.summary.setText(messages.describe(exc))
        messages.show_error(self, exc)

    # --- slots ------------------------------------------------------------------------------------

    def _on_tabs_current_changed(self, index: int) -> None:
        # What the PI reads first: the changes of a case to sign, the signatures of a signed one.
        self.detail.tabs.setCurrentIndex(DETAIL_SIGNATURES if index == SIGNED else DETAIL_CHANGES)
        self._show_detail()
        self._update_buttons()

    def _on_view_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_detail()
        self._update_buttons()

    def _on_view_double_clicked(self, _index: QModelIndex) -> None:
        self._on_open_clicked()

    def _on_open_clicked(self) -> None:
        registry_id = self.current_registry_id()
        if registry_id is None:
            return
        self.case_open_requested.emit(registry_id)
        self.accept()

    def _on_sign_clicked(self) -> None:
        entry = self.current_entry()
        if self.tabs.currentIndex() != TO_SIGN or entry is None or not entry.ready:
            return
        dialog = SignDialog(self._review, entry.registry_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.case_signed.connect(self._on_case_signed)
        dialog.open()

    def _on_case_signed(self, signature: SignatureInfo) -> None:
        self.cases_changed.emit()
        self.reload(keep_choice=False)
        show_signature(self, signature)

    def _on_unlock_clicked(self) -> None:
        case = self.current_signed()
        if self.tabs.currentIndex() != SIGNED or case is None:
            return
        ask_unlock(self, self._review, case.registry_id, self._on_case_unlocked)

    def _on_case_unlocked(self, registry_id: str) -> None:
        self._wanted = registry_id
        self.cases_changed.emit()
        self.reload()

    # --- helpers ----------------------------------------------------------------------------------

    def _source(self, view: QTableView) -> QModelIndex:
        proxy = view.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        return proxy.mapToSource(view.currentIndex())

    def _choose(self, view: QTableView, row: int, *, proxy: bool = False) -> None:
        """Make ``row`` (of the source model, or of the view when ``proxy``) the current row."""
        model = view.model()
        assert isinstance(model, QSortFilterProxyModel)
        index = (
            model.index(row, 0) if proxy else model.mapFromSource(model.sourceModel().index(row, 0))
        )
        view.setCurrentIndex(index)
        view.scrollTo(index)
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_detail(self) -> None:
        entry = self.current_entry() if self.tabs.currentIndex() == TO_SIGN else None
        case = self.current_signed() if self.tabs.currentIndex() == SIGNED else None
        if entry is not None:
            facts = self.queue.facts(entry)
            state = self.queue.readiness(entry)
            self.detail.show_case(entry.registry_id, facts, state, warn=not entry.ready)
        elif case is not None:
            queries = self.signed.text(case, signed_model.Column.QUERIES) or self.tr("none")
            facts = f"{self.signed.status_word(case.status)} · " + self.tr("queries: %1").replace(
                "%1", queries
            )
            state = self.tr("Locked: to change it, unlock it with a reason (Unlock…).")
            self.detail.show_case(case.registry_id, facts, state)
        else:
            self.detail.clear()

    def _update_buttons(self) -> None:
        on_queue = self.tabs.currentIndex() == TO_SIGN
        entry = self.current_entry() if on_queue else None
        self.open_button.setEnabled(self.current_registry_id() is not None)
        self.sign_button.setEnabled(on_queue and entry is not None and entry.ready)
        self.sign_button.setVisible(on_queue)
        self.unlock_button.setVisible(not on_queue)
        self.unlock_button.setEnabled(not on_queue and self.current_signed() is not None)

    def _name_tabs(self) -> None:
        self.tabs.setTabText(
            TO_SIGN, self.tr("To sign (%1)").replace("%1", str(self.queue.rowCount()))
        )
        self.tabs.setTabText(
            SIGNED, self.tr("Signed (%1)").replace("%1", str(self.signed.rowCount()))
        )

    def done(self, result: int) -> None:
        if self._settings is not None:
            self._settings.save_geometry(self, "review_dialog")
        super().done(result)
