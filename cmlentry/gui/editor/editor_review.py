"""The review inside the case editor: SDV ticks, queries, and the lock of a signed case.

:class:`EditorReview` joins the editor's parts to :class:`CaseReview` (the services): it gives
the form pages the marks to show, answers the pages' requests (a tick clicked, a query marker
clicked, a context menu being built, Ctrl+Shift+V), keeps the queries panel and the lock banner,
and asks the questions (:class:`.ReviewPrompts`) before each step.

A signed case is locked: the banner says who signed it and when, and offers Unlock… to those
who may sign (the reason is asked; the service drops the signature); :attr:`lock_changed` tells
the editor to make the answers read-only or editable again. Ticks and queries work on a locked
case all the same: they do not change its data.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QWidget

from cmlentry.domain.roles import Role
from cmlentry.gui.editor.banner import Banner
from cmlentry.gui.editor.case_review import CaseReview
from cmlentry.gui.editor.editor_header import EditorHeader
from cmlentry.gui.editor.form_nav import FormNavigation
from cmlentry.gui.editor.form_stack import FormStack
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.gui.editor.query_panel import QueryPanel
from cmlentry.gui.editor.query_table_model import QueryRow
from cmlentry.gui.editor.review_marks import (
    UNRESOLVED,
    address_of,
    answer_label,
    local_moment,
    row_of,
)
from cmlentry.gui.editor.review_prompts import ReviewPrompts
from cmlentry.gui.editor.sdv_mark import describe_verification, shortcut_text
from cmlentry.gui.editor.typed_values import display_text
from cmlentry.gui.messages import show_error
from cmlentry.services.queries import QueryInfo, QueryService
from cmlentry.services.review import ItemAddress, ReviewService


class EditorReview(QObject):
    """SDV marks, queries and locking for the case the editor has open."""

    lock_changed = Signal(bool)
    """The open case became locked (signed) or unlocked."""
    noted = Signal(str)
    """A short text for the status bar."""
    case_changed = Signal(str)
    """A review step changed the case (its list row shows queries and status); registry ID."""

    def __init__(
        self,
        review: ReviewService | None,
        queries: QueryService | None,
        role: Role,
        parts: tuple[EditorHeader, FormNavigation, FormStack],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        header, navigation, stack = parts
        self._widget = parent
        self._navigation = navigation
        self._stack = stack
        self._header = header
        self._state: CaseState | None = None
        self.case = CaseReview(review, queries, role, parent)
        self._prompts = ReviewPrompts(parent)
        self.banner = Banner("locked_banner", parent)
        self.panel = QueryPanel(parent)
        self.panel.setVisible(False)
        header.queries_button.setVisible(self.case.has_queries)
        header.verify_form_button.setVisible(self.case.can_verify)

        self.case.changed.connect(self._on_case_changed)
        self.case.lock_changed.connect(self._on_case_lock_changed)
        self.case.failed.connect(self._on_case_failed)
        self.case.done.connect(self._on_case_done)
        self.banner.action_clicked.connect(self._on_banner_action_clicked)
        self.panel.answer_requested.connect(self._on_panel_answer_requested)
        self.panel.close_requested.connect(self._on_panel_close_requested)
        self.panel.cancel_requested.connect(self._on_panel_cancel_requested)
        self.panel.query_selected.connect(self._on_panel_query_selected)
        self.panel.query_activated.connect(self._on_panel_query_activated)
        header.queries_button.toggled.connect(self._on_queries_button_toggled)
        header.verify_form_button.clicked.connect(self._on_verify_form_button_clicked)
        stack.verify_requested.connect(self._on_stack_verify_requested)
        stack.queries_requested.connect(self._on_stack_queries_requested)
        stack.menu_requested.connect(self._on_stack_menu_requested)

    @property
    def locked(self) -> bool:
        return self.case.locked

    # --- the open case ----------------------------------------------------------------------------

    def open(self, state: CaseState) -> None:
        """Read the review of a case just opened; the panel opens when queries wait."""
        self._state = state
        self.case.load(state.registry_id)
        data = self.case.data
        if data is not None and data.unresolved():
            self.show_panel(True)

    def close(self) -> None:
        self._state = None
        self.case.clear()
        self.banner.clear()
        self.panel.set_rows([], 0)

    def reload(self) -> None:
        """Read the marks and queries again (a save may have cleared marks)."""
        if self._state is not None:
            self.case.reload()

    def show_panel(self, shown: bool) -> None:
        if self.case.has_queries:
            self._header.queries_button.setChecked(shown)  # toggled shows or hides the panel

    def toggle_focused(self) -> None:
        """Ctrl+Shift+V: mark (or unmark) the focused answer verified against source."""
        page = self._stack.current_page()
        where = page.focused_address() if page is not None else None
        if page is None or where is None or self._state is None:
            return
        self._toggle(page.form.id, *where)

    def _toggle(self, form_id: str, group_id: str, row: int, item_id: str) -> None:
        marks = self.case.marks()
        state = self._state
        if marks is None or state is None:
            return
        if not marks.can_verify:
            self.noted.emit(
                self.tr("Only the principal investigator marks answers verified against source.")
            )
            return
        found = marks.at(state, form_id, group_id, row, item_id)
        address = address_of(state, form_id, group_id, row, item_id)
        if not found.verifiable or address is None:
            self.noted.emit(
                self.tr("Only a saved answer can be verified against source: save it first.")
            )
            return
        self.case.set_verified(address, not found.verified)

    # --- showing ----------------------------------------------------------------------------------

    def _on_case_changed(self) -> None:
        state, data = self._state, self.case.data
        self._stack.set_review(self.case.marks())
        if state is None or data is None:
            self.panel.set_rows([], 0)
            self._header.show_queries(0, 0)
            self.banner.clear()
            return
        rows = [
            QueryRow(
                q,
                answer_label(state, q.address, self.tr("row removed")),
                data.actions.get(q.id, frozenset()),
                n,
            )
            for n, q in enumerate(data.queries, start=1)
        ]
        self.panel.set_rows(rows, data.unresolved())
        self._header.show_queries(data.unresolved(), len(rows))
        signature = data.signature
        if signature is None:
            self.banner.clear()
            return
        text = (
            self.tr(
                "Signed by %1 on %2 — locked. To change it, the principal investigator unlocks it "
                "with a reason."
            )
            .replace("%1", signature.printed_name)
            .replace("%2", local_moment(signature.signed_at))
        )
        self.banner.show_message(
            "locked", text, self.tr("&Unlock…") if self.case.can_sign else None
        )

    def _on_case_lock_changed(self, locked: bool) -> None:
        self._stack.set_locked(locked)
        self.lock_changed.emit(locked)

    def _on_queries_button_toggled(self, checked: bool) -> None:
        self.panel.setVisible(checked)

    # --- the steps --------------------------------------------------------------------------------

    def raise_query(self, form_id: str, group_id: str, row: int, item_id: str) -> None:
        state = self._state
        address = address_of(state, form_id, group_id, row, item_id) if state else None
        if state is None or address is None:
            return
        item = state.definition.item(item_id)
        value = display_text(state.definition, item, state.entry(form_id, group_id, row, item_id))
        where = answer_label(state, address, self.tr("row removed"))
        text = self._prompts.ask_raise(where, value)
        if text is not None:
            self.case.raise_query(address, text, self._on_query_raised)

    def _on_query_raised(self, query: QueryInfo) -> None:
        self.show_panel(True)
        self.panel.select(query.id, reveal=False)

    def show_queries_at(self, address: ItemAddress) -> None:
        """Open the panel on the answer's first query still waiting (else its first query)."""
        marks = self.case.marks()
        if marks is None:
            return
        found = marks.queries_at(address)
        if not found:
            return
        waiting = [q for q in found if q.state in UNRESOLVED]
        self.show_panel(True)
        self.panel.select((waiting or list(found))[0].id, reveal=False)
        self.panel.table.setFocus()

    def _row(self, query_id: str) -> QueryRow | None:
        return next((r for r in self.panel.model.rows() if r.query.id == query_id), None)

    def _on_panel_answer_requested(self, query_id: str) -> None:
        row = self._row(query_id)
        text = self._prompts.ask_answer(row) if row else None
        if text is not None:
            self.case.answer(query_id, text)

    def _on_panel_close_requested(self, query_id: str) -> None:
        row = self._row(query_id)
        note = self._prompts.ask_close(row) if row else None
        if note is not None:
            self.case.close_query(query_id, note or None)

    def _on_panel_cancel_requested(self, query_id: str) -> None:
        row = self._row(query_id)
        note = self._prompts.ask_cancel(row) if row else None
        if note is not None:
            self.case.cancel_query(query_id, note)

    def _on_panel_query_selected(self, row: QueryRow) -> None:
        self._reveal(row.query.address, focus=False)

    def _on_panel_query_activated(self, row: QueryRow) -> None:
        self._reveal(row.query.address, focus=True)

    def _reveal(self, address: ItemAddress, *, focus: bool) -> None:
        state = self._state
        index = row_of(state, address) if state is not None else None
        if index is None:
            self.noted.emit(self.tr("The row of this answer was removed."))
            return
        if self._navigation.current_form_id() != address.form_id:
            self._navigation.select_form(address.form_id)  # shows the form (currentChanged)
        page = self._stack.page(address.form_id)
        if focus:
            page.focus_address(address.group_id, index, address.item_id)
        else:
            page.reveal_address(address.group_id, index, address.item_id)

    def _on_banner_action_clicked(self) -> None:
        data = self.case.data
        if data is None or data.signature is None:
            return
        reason = self._prompts.ask_unlock(data.signature)
        if reason is not None:
            self.case.unlock(reason)

    def _on_verify_form_button_clicked(self) -> None:
        state, marks, form_id = self._state, self.case.marks(), self._navigation.current_form_id()
        if state is None or marks is None or form_id is None:
            return
        addresses = marks.unverified(state, form_id)
        label = state.form(form_id).label
        if not addresses:
            self.noted.emit(
                self.tr("Every saved answer of %1 is already verified.").replace("%1", label)
            )
            return
        if self._prompts.confirm_verify_all(label, len(addresses)):
            self.case.verify_all(addresses)

    def _on_case_failed(self, exc: BaseException) -> None:
        show_error(self._widget, exc)

    def _on_case_done(self, text: str) -> None:
        self.noted.emit(text)
        if self.case.data is not None:
            self.case_changed.emit(self.case.data.registry_id)

    # --- requests from the pages ------------------------------------------------------------------

    def _on_stack_verify_requested(
        self, form_id: str, group_id: str, row: int, item_id: str, verified: bool
    ) -> None:
        state = self._state
        address = address_of(state, form_id, group_id, row, item_id) if state else None
        if address is not None and self.case.can_verify:
            self.case.set_verified(address, verified)

    def _on_stack_queries_requested(self, form_id: str, group_id: str, row: int, item: str) -> None:
        state = self._state
        address = address_of(state, form_id, group_id, row, item) if state else None
        if address is not None:
            self.show_queries_at(address)

    def _on_stack_menu_requested(
        self, form_id: str, group_id: str, row: int, item_id: str, menu: QMenu
    ) -> None:
        marks, state = self.case.marks(), self._state
        if marks is None or state is None:
            return
        found = marks.at(state, form_id, group_id, row, item_id)
        address = address_of(state, form_id, group_id, row, item_id)
        menu.setToolTipsVisible(True)
        menu.addSeparator()
        if self.case.can_verify or found.verified:
            # After the tab, the key as a menu shows it, in the system's words.
            verify = menu.addAction(self.tr("&Verified against source") + "\t" + shortcut_text())
            verify.setObjectName("menu_verify")
            verify.setCheckable(True)
            verify.setChecked(found.verified)
            verify.setEnabled(self.case.can_verify and found.verifiable)
            verify.setToolTip(describe_verification(found.verification))
            verify.setStatusTip(describe_verification(found.verification))
            verify.triggered.connect(
                lambda checked: self._on_stack_verify_requested(
                    form_id, group_id, row, item_id, checked
                )
            )
        if self.case.can_raise:
            raise_action = menu.addAction(self.tr("&Raise query…"))
            raise_action.setObjectName("menu_raise_query")
            raise_action.setEnabled(address is not None)
            raise_action.triggered.connect(
                lambda: self.raise_query(form_id, group_id, row, item_id)
            )
        if found.queries and address is not None:
            show = menu.addAction(
                self.tr("Show &queries (%1)").replace("%1", str(len(found.queries)))
            )
            show.setObjectName("menu_show_queries")
            show.triggered.connect(lambda: self.show_queries_at(address))
