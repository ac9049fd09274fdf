"""Moving from form to form by keyboard: Ctrl+PgDown / Ctrl+PgUp, and on after "Mark complete".

A nurse typing a case goes through the nine forms in order; when a form is marked complete the
editor moves on to the next form that is not complete yet and puts the cursor in its first
field, so the whole case is entered without reaching for the mouse.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from cmlentry.gui.editor.form_nav import FormNavigation
from cmlentry.gui.editor.form_stack import FormStack
from cmlentry.gui.editor.form_state import CaseState


class FormSteps(QObject):
    """Keyboard steps between the forms of the open case."""

    def __init__(
        self,
        editor: QWidget,
        navigation: FormNavigation,
        stack: FormStack,
        state: Callable[[], CaseState | None],
    ) -> None:
        super().__init__(editor)
        self._navigation = navigation
        self._stack = stack
        self._state = state
        for keys, delta in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), editor)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda delta=delta: self.step(delta))

    def _form_ids(self) -> list[str]:
        state = self._state()
        return [form.id for form in state.definition.forms] if state is not None else []

    def go_to(self, form_id: str) -> None:
        """Show ``form_id`` with the cursor in its first field."""
        self._navigation.select_form(form_id)
        self._stack.page(form_id).focus_first()

    def step(self, delta: int) -> None:
        forms = self._form_ids()
        current = self._navigation.current_form_id()
        if not forms or current not in forms:
            return
        index = forms.index(current) + delta
        if 0 <= index < len(forms):
            self.go_to(forms[index])

    def after_completed(self, form_id: str) -> None:
        """``form_id`` was just marked complete: on to the next form still to be done."""
        state = self._state()
        forms = self._form_ids()
        if state is None or self._navigation.current_form_id() != form_id:
            return
        start = forms.index(form_id)
        for candidate in forms[start + 1 :] + forms[:start]:
            if not state.is_complete(candidate):
                self.go_to(candidate)
                return
