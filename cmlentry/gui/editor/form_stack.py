"""The right side of the editor: one scrollable :class:`FormPage` per form, made when first shown.

The stack passes the pages' signals on with the form they come from, so the editor connects once
to the stack instead of to every page it makes. It keeps the review's marks and whether the case
is locked, and gives them to each page it makes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QWidget

from cmlentry.domain.validation import Issue
from cmlentry.gui.editor.findings import Findings
from cmlentry.gui.editor.form_page import FormPage
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.gui.editor.review_marks import ReviewMarks


class FormStack(QStackedWidget):
    """The pages of the open case."""

    edited = Signal(str)
    """Typing in a form (every keystroke); carries the form id."""
    committed = Signal(str)
    """A value of a form is finished; carries the form id."""
    override_requested = Signal(str, str, int, object)
    """Form id, group id, row (from 0), :class:`Issue`."""
    history_requested = Signal(str, str, int, str)
    """Form id, group id, row (from 0), item id."""
    removal_requested = Signal(str, str, int)
    """Form id, group id, row (from 0)."""
    last_input_passed = Signal(str)
    """Enter in the last input of a form; carries the form id."""
    verify_requested = Signal(str, str, int, str, bool)
    """Form id, group id, row (from 0), item id, whether the answer is to be verified."""
    queries_requested = Signal(str, str, int, str)
    """Form id, group id, row (from 0), item id."""
    menu_requested = Signal(str, str, int, str, object)
    """Form id, group id, row (from 0), item id, the :class:`QMenu` being built."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("form_stack")
        self._state: CaseState | None = None
        self.pages: dict[str, FormPage] = {}
        self._scrolls: dict[str, QScrollArea] = {}
        self._review: ReviewMarks | None = None
        self._locked = False

    @property
    def locked(self) -> bool:
        return self._locked

    def set_review(self, review: ReviewMarks | None) -> None:
        """The review's marks, on every page made and to be made."""
        self._review = review
        for page in self.pages.values():
            page.set_review(review)

    def set_locked(self, locked: bool) -> None:
        """Every page read-only (a signed case) or editable again."""
        self._locked = locked
        for page in self.pages.values():
            page.set_locked(locked)

    def set_state(self, state: CaseState | None) -> None:
        """Show another case (or none): the pages of the last one go."""
        for scroll in self._scrolls.values():
            self.removeWidget(scroll)
            scroll.deleteLater()
        self.pages.clear()
        self._scrolls.clear()
        self._state = state
        self._review = None
        self._locked = False

    def page(self, form_id: str) -> FormPage:
        if form_id in self.pages:
            return self.pages[form_id]
        assert self._state is not None
        page = FormPage(self._state, self._state.form(form_id))
        page.edited.connect(lambda: self.edited.emit(form_id))
        page.committed.connect(lambda: self.committed.emit(form_id))
        page.override_requested.connect(
            lambda group, row, issue: self._on_page_override_requested(form_id, group, row, issue)
        )
        page.history_requested.connect(
            lambda group, row, item: self.history_requested.emit(form_id, group, row, item)
        )
        page.removal_requested.connect(
            lambda group, row: self.removal_requested.emit(form_id, group, row)
        )
        page.last_input_passed.connect(lambda: self.last_input_passed.emit(form_id))
        page.verify_requested.connect(
            lambda group, row, item, on: self.verify_requested.emit(form_id, group, row, item, on)
        )
        page.queries_requested.connect(
            lambda group, row, item: self.queries_requested.emit(form_id, group, row, item)
        )
        page.menu_requested.connect(
            lambda group, row, item, menu: self.menu_requested.emit(form_id, group, row, item, menu)
        )
        page.set_review(self._review)
        page.set_locked(self._locked)
        scroll = QScrollArea(self)
        scroll.setObjectName(f"scroll_{form_id}")
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.addWidget(scroll)
        self.pages[form_id], self._scrolls[form_id] = page, scroll
        return page

    def show_form(self, form_id: str, findings: Findings) -> FormPage:
        page = self.page(form_id)
        page.refresh(findings)
        self.setCurrentWidget(self._scrolls[form_id])
        return page

    def current_page(self) -> FormPage | None:
        current = self.currentWidget()
        if isinstance(current, QScrollArea) and isinstance(current.widget(), FormPage):
            page = current.widget()
            assert isinstance(page, FormPage)
            return page
        return None

    def _on_page_override_requested(self, form_id: str, group: str, row: int, issue: Issue) -> None:
        self.override_requested.emit(form_id, group, row, issue)
