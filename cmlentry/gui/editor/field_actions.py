"""The actions beside a field or a table row: override a warning, remove a row, show a history.

Each asks what it must (the override's reason, "remove this row?", the reason for changing a
complete form) and changes only the typed answers of the case's state; :attr:`changed` then tells
the editor to check and save the form, with the reason to save it under.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from cmlentry.domain.validation import Issue
from cmlentry.gui.editor import prompts
from cmlentry.gui.editor.form_stack import FormStack
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.services.cases import CaseService


class FieldActions(QObject):
    """Override, remove a row, show a history, for the case the editor has open."""

    changed = Signal(str, object)
    """The answers of a form changed: form id, and the reason to save them under (or None)."""
    noted = Signal(str)
    """A short text for the status bar."""
    reason_given = Signal(str, str)
    """The reason for changing a complete form was given: form id, reason."""
    reason_refused = Signal(str)
    """The change of a complete form was cancelled (its saved answers go back); form id."""

    def __init__(self, cases: CaseService, stack: FormStack, parent: QWidget) -> None:
        super().__init__(parent)
        self._cases = cases
        self._stack = stack
        self._widget = parent
        self._state: CaseState | None = None
        self._asking: set[str] = set()  # forms whose change waits for its reason
        self.locked = False
        """The case is signed: no override and no removal changes it."""

    def bind(self, state: CaseState | None) -> None:
        """Act on ``state`` (None: no case is open)."""
        self._state = state
        self._asking.clear()

    def cancel_questions(self) -> None:
        """Ask nothing that is waiting to be asked (the window locks or quits).

        The changes stay typed and unsaved (the editor keeps them as drafts); a question already
        open and then closed by the lock neither saves nor puts anything back.
        """
        self._asking.clear()

    def ask_reason_later(self, form_id: str) -> None:
        """Ask why a complete form changes, once, from the event loop.

        Not from inside the focus change that ended the edit: the dialog taking the focus would
        end the same edit a second time.
        """
        if form_id not in self._asking:
            self._asking.add(form_id)
            QTimer.singleShot(0, lambda: self.ask_reason_now(form_id))

    def ask_reason_now(self, form_id: str | None = None) -> None:
        """Ask now what :meth:`ask_reason_later` would ask (of ``form_id``, or of every form)."""
        for form in sorted(self._asking) if form_id is None else [form_id]:
            state = self._state
            if form not in self._asking or state is None:
                continue
            changes = prompts.describe_changes(state, form)
            reason = prompts.ask_edit_reason(self._widget, state.form(form).label, changes)
            if form not in self._asking or state is not self._state:
                continue  # cancelled meanwhile (a lock): the typing stays, kept as a draft
            self._asking.discard(form)
            if reason is None:
                self.reason_refused.emit(form)
            else:
                self.reason_given.emit(form, reason)

    def override(self, form_id: str, group_id: str, row: int, issue: Issue) -> None:
        state = self._state
        if state is None or self._refused_locked():
            return
        item = state.definition.item(issue.item)
        entry = state.entry(form_id, group_id, row, item.id)
        reason = prompts.ask_override(self._widget, state.definition, issue, item, entry)
        if reason is not None:
            state.set_override(form_id, group_id, row, item.id, reason)
            self.changed.emit(form_id, reason)

    def remove_row(self, form_id: str, group_id: str, row: int) -> None:
        """Remove a row: asks first unless it is new and empty, and a complete form asks why."""
        state = self._state
        if state is None or self._refused_locked():
            return
        target = state.rows(form_id, group_id)[row]
        table = self._stack.page(form_id).tables[group_id]
        asks = target.key is not None or not target.is_empty()
        if asks and not prompts.confirm_removal(self._widget, table.group.label, row):
            return
        reason: str | None = None
        if state.is_complete(form_id):
            removed = prompts.removal_change(table.group.label, row)
            reason = prompts.ask_edit_reason(self._widget, state.form(form_id).label, [removed])
            if reason is None:
                return
        table.remove_row(row)
        self.changed.emit(form_id, reason)

    def _refused_locked(self) -> bool:
        if self.locked:
            self.noted.emit(
                self.tr("This case is signed and locked: it must be unlocked before a change.")
            )
        return self.locked

    def history(self, form_id: str, group_id: str, row: int, item_id: str) -> None:
        if self._state is None:
            return
        address = (form_id, group_id, row, item_id)
        if not prompts.show_field_history(self._widget, self._cases, self._state, address):
            self.noted.emit(self.tr("This row is not saved yet, so it has no history."))

    def history_of_focus(self) -> None:
        """Ctrl+H: the history of the field or cell that has the focus."""
        page = self._stack.current_page()
        address = page.focused_address() if page else None
        if page is not None and address is not None:
            self.history(page.form.id, *address)
