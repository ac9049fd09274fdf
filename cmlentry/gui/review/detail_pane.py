"""The review's detail pane: one case's changes since its last signature, queries, signatures.

The review window says which case (and two lines about it); the pane reads the rest on the
worker thread, a moment after the selection stops moving, so that running down the queue with
the arrow keys does not queue a read per row passed. A result for a case no longer selected is
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui import messages
from cmlentry.gui.review.detail_models import (
    AnswerLabels,
    ChangeColumn,
    ChangesTableModel,
    QueriesTableModel,
    QueryColumn,
    SignatureColumn,
    SignaturesTableModel,
)
from cmlentry.gui.review.sign_dialog import scaled_font
from cmlentry.gui.review.texts import signature_line
from cmlentry.gui.workers import Op
from cmlentry.services.queries import QueryInfo, QueryService
from cmlentry.services.review import Change, ReviewService, SignatureInfo

SETTLE_MS = 150
"""How long the selection must rest on a case before its details are read."""


@dataclass(frozen=True)
class CaseDetail:
    """What the pane shows of one case, read in one go on the worker thread."""

    registry_id: str
    changes: list[Change]
    queries: list[QueryInfo]
    signatures: list[SignatureInfo]


class ReviewDetailPane(QWidget):
    """Shows one case: a heading, a state line, and tabs of changes, queries and signatures."""

    detail_loaded = Signal(str)
    """The details of the case shown were read; carries its registry ID."""

    def __init__(
        self,
        review: ReviewService,
        queries: QueryService,
        labels: AnswerLabels,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("review_detail")
        self._review = review
        self._queries = queries
        self._registry_id: str | None = None
        self.detail: CaseDetail | None = None

        self._heading = QLabel(self)
        self._heading.setObjectName("review_detail_case")
        self._heading.setFont(scaled_font(self.font(), 1.3, bold=True))
        self._heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._facts = QLabel(self)
        self._facts.setObjectName("review_detail_facts")
        self._facts.setWordWrap(True)
        self._state = QLabel(self)
        self._state.setObjectName("review_detail_state")
        self._state.setWordWrap(True)
        self._state.setTextFormat(Qt.TextFormat.PlainText)
        self._signed = QLabel(self)
        self._signed.setObjectName("review_detail_signature")
        self._signed.setWordWrap(True)
        self._signed.setTextFormat(Qt.TextFormat.PlainText)

        self.changes = ChangesTableModel(labels, self)
        self.queries = QueriesTableModel(labels, self)
        self.signatures = SignaturesTableModel(self)
        self._tabs = QTabWidget(self)
        self._tabs.setObjectName("review_detail_tabs")
        self._changes_view = self._table("review_changes", self.changes, ChangeColumn.WHAT)
        self._queries_view = self._table("review_queries", self.queries, QueryColumn.QUESTION)
        self._signatures_view = self._table(
            "review_signatures", self.signatures, SignatureColumn.STANDING
        )
        for view in (self._changes_view, self._queries_view, self._signatures_view):
            self._tabs.addTab(view, "")
        self._empty = QLabel(
            self.tr("Choose a case to see what changed, its queries and its signatures."), self
        )
        self._empty.setObjectName("review_detail_empty")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._heading)
        layout.addWidget(self._facts)
        layout.addWidget(self._state)
        layout.addWidget(self._signed)
        layout.addWidget(self._tabs, 1)
        layout.addWidget(self._empty, 1)

        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._name_tabs(None)
        self.clear()

    def _table(self, name: str, model: object, stretch: int) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(model)  # type: ignore[arg-type]
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(True)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return view

    # --- public API -------------------------------------------------------------------------------

    @property
    def registry_id(self) -> str | None:
        """The case shown, or None."""
        return self._registry_id

    @property
    def loaded(self) -> bool:
        """The details of the case shown are on screen."""
        return self.detail is not None and self.detail.registry_id == self._registry_id

    @property
    def tabs(self) -> QTabWidget:
        return self._tabs

    @property
    def state_label(self) -> QLabel:
        return self._state

    def clear(self) -> None:
        """Show no case."""
        self._registry_id = None
        self.detail = None
        self._settle.stop()
        for widget in (self._heading, self._facts, self._state, self._signed, self._tabs):
            widget.hide()
        self._empty.show()

    def show_case(self, registry_id: str, facts: str, state: str, *, warn: bool = False) -> None:
        """Show the case ``registry_id`` with two lines about it; its details follow shortly.

        Args:
            registry_id: The case.
            facts: A line of figures (forms, verification, queries).
            state: Whether it can be signed, or how it is signed.
            warn: Show ``state`` as something that stops the signature.
        """
        self._heading.setText(registry_id)
        self._facts.setText(facts)
        self._state.setText(state)
        colour = "#8a4b00" if warn else "#1b6b2f"
        self._state.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
        for widget in (self._heading, self._facts, self._state, self._tabs):
            widget.show()
        self._empty.hide()
        if registry_id != self._registry_id or self.detail is None:
            self._registry_id = registry_id
            self.detail = None
            self.changes.set_changes(())
            self.queries.set_queries(())
            self.signatures.set_signatures(())
            self._name_tabs(None)
            self._signed.hide()
        self._settle.start()

    def reload(self) -> None:
        """Read the details of the case shown again (after a sign or an unlock)."""
        if self._registry_id is not None:
            self._settle.start()

    # --- reading ----------------------------------------------------------------------------------

    def _on_settle_timeout(self) -> None:
        registry_id = self._registry_id
        if registry_id is None:
            return
        review, queries = self._review, self._queries

        def work(_p: object, _c: object) -> CaseDetail:
            return CaseDetail(
                registry_id,
                review.changes_since_signature(registry_id),
                queries.for_case(registry_id),
                review.signatures(registry_id),
            )

        Op(self, work).success(self._on_read).failure(self._on_read_failed).run()

    def _on_read(self, detail: CaseDetail) -> None:
        if detail.registry_id != self._registry_id:
            return  # the selection moved on meanwhile
        self.detail = detail
        self.changes.set_changes(detail.changes)
        self.queries.set_queries(detail.queries)
        self.signatures.set_signatures(detail.signatures)
        self._name_tabs(detail)
        self._show_signature(detail.signatures)
        self.detail_loaded.emit(detail.registry_id)

    def _on_read_failed(self, exc: BaseException) -> None:
        self._state.setText(messages.describe(exc))
        messages.show_error(self, exc)

    @property
    def signature_label(self) -> QLabel:
        return self._signed

    def _show_signature(self, signatures: list[SignatureInfo]) -> None:
        """The current signature, or the last one dropped (with who dropped it and why)."""
        if not signatures:
            self._signed.hide()
            return
        self._signed.setText(signature_line(signatures[-1], with_reason=True))
        self._signed.show()

    def _name_tabs(self, detail: CaseDetail | None) -> None:
        changes_tip = ""
        if detail is None:
            names = (self.tr("Changes"), self.tr("Queries"), self.tr("Signatures"))
        else:
            if detail.signatures:
                changes = self.tr("Changes since the last signature (%1)")
            else:
                changes = self.tr("All changes since the case was created (%1)")
                changes_tip = self.tr(
                    "This case was never signed: every change since it was created is listed here."
                )
            changes = changes.replace("%1", str(len(detail.changes)))
            unresolved = sum(1 for q in detail.queries if q.unresolved)
            names = (
                changes,
                self.tr("Queries (%1 unresolved of %2)")
                .replace("%1", str(unresolved))
                .replace("%2", str(len(detail.queries))),
                self.tr("Signatures (%1)").replace("%1", str(len(detail.signatures))),
            )
        for tab, name in enumerate(names):
            self._tabs.setTabText(tab, name)
        self._tabs.setTabToolTip(0, changes_tip)
