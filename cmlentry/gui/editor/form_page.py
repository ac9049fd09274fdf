"""One form of the case, rendered from its definition: a group box per group.

A group that does not repeat is a form layout of :class:`FieldWidget` (and
:class:`DerivedField` for calculated items); a repeating group is a
:class:`RepeatingGroupWidget`. The page writes what is typed into the :class:`CaseState` at every
keystroke and says so (``edited``); when a value is finished (``committed``) the editor applies
the conditions, checks, recalculates and saves, then calls :meth:`FormPage.refresh`.

Tab follows the visual order (the widgets are created in it). Enter in an input moves to the
next input that is shown and enabled, and from the last one ``last_input_passed`` is emitted.

The review's marks (:class:`ReviewMarks`: SDV ticks, query markers) are shown beside the
answers and follow every refresh; the review's requests (a tick clicked, a marker clicked, a
context menu being built) go up with the address of the answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cmlentry.domain.derived import Derived, DerivedKey
from cmlentry.domain.forms import Form, Group
from cmlentry.domain.validation import Issue
from cmlentry.gui.editor.derived_view import DerivedField
from cmlentry.gui.editor.field_widget import FieldWidget
from cmlentry.gui.editor.findings import Findings, issues_at
from cmlentry.gui.editor.form_state import CaseState, derived_inputs
from cmlentry.gui.editor.repeating_group import RepeatingGroupWidget
from cmlentry.gui.editor.review_marks import ReviewMarks

Stop = FieldWidget | RepeatingGroupWidget
FieldAddress = tuple[str, int, str]  # group id, row (from 0), item id


class FormPage(QWidget):
    """The groups of one form, bound to the open case's state."""

    edited = Signal()
    """Something was typed or chosen (every keystroke)."""
    committed = Signal()
    """A value is finished: check, recalculate, save."""
    override_requested = Signal(str, int, object)
    """Override a soft warning: group id, row (from 0), :class:`Issue`."""
    history_requested = Signal(str, int, str)
    """Show a field's history: group id, row (from 0), item id."""
    removal_requested = Signal(str, int)
    """Remove a row of a repeating group: group id, row (from 0)."""
    last_input_passed = Signal()
    """Enter in the last input of the form."""
    verify_requested = Signal(str, int, str, bool)
    """The PI clicked a tick: group id, row (from 0), item id, verified or not."""
    queries_requested = Signal(str, int, str)
    """Show the queries of an answer: group id, row (from 0), item id."""
    menu_requested = Signal(str, int, str, object)
    """A context menu is being built: group id, row (from 0), item id, the :class:`QMenu`."""

    def __init__(self, state: CaseState, form: Form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.form = form
        self.setObjectName(f"form_{form.id}")
        self.fields: dict[str, FieldWidget] = {}
        self.derived_fields: dict[str, DerivedField] = {}
        self.tables: dict[str, RepeatingGroupWidget] = {}
        self._groups: dict[str, Group] = {g.id: g for g in form.groups}
        self._stops: list[Stop] = []
        self._review: ReviewMarks | None = None
        self._locked = False

        layout = QVBoxLayout(self)
        title = QLabel(form.label, self)
        title.setObjectName("form_title")
        title.setStyleSheet("font-size: large; font-weight: bold;")
        layout.addWidget(title)
        if form.help:
            note = QLabel(form.help, self)
            note.setWordWrap(True)
            note.setStyleSheet("color: #555555;")
            layout.addWidget(note)
        for group in form.groups:
            layout.addWidget(self._group_box(group))
        layout.addStretch(1)
        self.show_values()

    def _group_box(self, group: Group) -> QGroupBox:
        box = QGroupBox(group.label, self)
        box.setObjectName(f"box_{group.id}")
        if group.repeating:
            table = RepeatingGroupWidget(self.state, self.form.id, group, box)
            table.entry_set.connect(self._on_table_entry_set)
            table.typed.connect(self._on_table_typed)
            table.removal_requested.connect(self.removal_requested)
            table.history_requested.connect(self.history_requested)
            table.override_requested.connect(self._on_table_override_requested)
            table.menu_requested.connect(self.menu_requested)
            QVBoxLayout(box).addWidget(table)
            self.tables[group.id] = table
            self._stops.append(table)
            return box
        rows = QFormLayout(box)
        rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Beside the queries panel on a small screen a long label and a date field do not fit
        # side by side: the field goes under its label rather than past the page's right edge.
        rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for item in group.items:
            if item.type == "derived":
                derived = DerivedField(item, box)
                derived.setObjectName(f"derived_{item.id}")
                label = QLabel(item.label, box)
                rows.addRow(label, derived)
                self.derived_fields[item.id] = derived
                continue
            field = FieldWidget(self.state.definition, item, box)
            field.edited.connect(self._on_field_edited)
            field.left.connect(self._on_field_left)
            field.enter_pressed.connect(self._on_field_enter_pressed)
            field.override_requested.connect(self._on_field_override_requested)
            field.history_requested.connect(self._on_field_history_requested)
            field.verify_toggled.connect(self._on_field_verify_toggled)
            field.queries_requested.connect(self._on_field_queries_requested)
            field.menu_requested.connect(self._on_field_menu_requested)
            rows.addRow(field.label, field)
            self.fields[item.id] = field
            self._stops.append(field)
        return box

    # --- showing the state ------------------------------------------------------------------------

    def show_values(self) -> None:
        """Show the state's answers in every input (after opening, a draft, a discard)."""
        for item_id, field in self.fields.items():
            group = self.state.definition.group_of[item_id]
            field.set_entry(self.state.entry(self.form.id, group.id, 0, item_id))
        for table in self.tables.values():
            table.reload()

    def refresh(self, findings: Findings) -> None:
        """Findings, calculated values, what applies and what has a history, from the state."""
        issues, context = findings.issues, findings.context
        definition = self.state.definition
        for item_id, field in self.fields.items():
            group = definition.group_of[item_id]
            field.set_applicable(self.state.shows(context, self.form.id, group.id, 0, field.item))
            if not field.input.hasFocus():
                # The focused input keeps what is being typed; the others follow the state
                # (a condition cleared them, a draft was restored, a value made canonical).
                field.set_entry(self.state.entry(self.form.id, group.id, 0, item_id))
            field.set_issues(list(issues_at(issues, self.form.id, group, 0, item_id)))
            field.set_history_enabled(True)
        self.refresh_derived(findings.derived)
        for table in self.tables.values():
            table.refresh(findings)
        self.refresh_marks()

    def set_review(self, review: ReviewMarks | None) -> None:
        """The review's marks of the case (None: no review in this editor)."""
        self._review = review
        for table in self.tables.values():
            table.model.set_review(review)
        self.refresh_marks()

    def refresh_marks(self) -> None:
        """The ticks and query markers of the fields, from the review and the typed answers."""
        review = self._review
        if review is None:
            return
        for item_id, field in self.fields.items():
            group = self.state.definition.group_of[item_id]
            marks = review.at(self.state, self.form.id, group.id, 0, item_id)
            field.set_review(marks, can_verify=review.can_verify)

    def set_locked(self, locked: bool) -> None:
        """A signed case: every answer read-only (the review still works)."""
        self._locked = locked
        for field in self.fields.values():
            field.set_locked(locked)
        for table in self.tables.values():
            table.set_locked(locked)

    def refresh_derived(self, derived: Mapping[DerivedKey, Derived]) -> None:
        """Calculated values only: cheap enough for every keystroke (about 1 ms a case)."""
        for item_id, view in self.derived_fields.items():
            group = self.state.definition.group_of[item_id]
            found = derived.get((self.form.id, group.id, 1, item_id))
            shown = derived_inputs(self.state, found, self.form.id, group, 0) if found else []
            view.set_derived(found, shown)
        for table in self.tables.values():
            table.model.set_derived(derived)

    # --- focus ------------------------------------------------------------------------------------

    def focused_address(self) -> FieldAddress | None:
        """The field or cell that has the keyboard focus."""
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            return None
        for item_id, field in self.fields.items():
            if field.isAncestorOf(focus):
                return self.state.definition.group_of[item_id].id, 0, item_id
        for group_id, table in self.tables.items():
            if focus is table.table or table.table.isAncestorOf(focus):
                cell = table.current_cell()
                if cell is not None:
                    return group_id, cell[0], cell[1]
        return None

    def focus_address(self, group_id: str, row: int, item_id: str) -> bool:
        if item_id in self.fields and self.fields[item_id].isVisibleTo(self):
            self.fields[item_id].input.setFocus(Qt.FocusReason.OtherFocusReason)
            self._reveal(self.fields[item_id])
            return True
        if group_id in self.tables:
            return self.tables[group_id].focus_cell(row, item_id)
        return False

    def reveal_address(self, group_id: str, row: int, item_id: str) -> bool:
        """Scroll to an answer (and make its cell current) without taking the focus."""
        if item_id in self.fields and self.fields[item_id].isVisibleTo(self):
            self._reveal(self.fields[item_id])
            return True
        if group_id in self.tables and 0 <= row < self.tables[group_id].model.rowCount():
            table = self.tables[group_id]
            table.table.setCurrentIndex(table.model.index(row, table.model.column_of(item_id)))
            self._reveal(table)
            return True
        return False

    def focus_first(self) -> bool:
        return self._focus_from(0)

    def _focus_from(self, start: int) -> bool:
        for stop in self._stops[start:]:
            if isinstance(stop, RepeatingGroupWidget):
                stop.focus_first()
                self._reveal(stop)
                return True
            if stop.isVisibleTo(self) and stop.input.isEnabled():
                stop.input.setFocus(Qt.FocusReason.TabFocusReason)
                self._reveal(stop)
                return True
        return False

    def _reveal(self, widget: QWidget) -> None:
        """Scroll the page so that the widget just given the focus is seen."""
        viewport = self.parentWidget()
        scroll = viewport.parentWidget() if viewport is not None else None
        if not isinstance(scroll, QScrollArea):
            return
        if not scroll.isVisible():
            # A case opened straight onto a form: the page is not laid out yet and its
            # viewport is a few pixels high, so scrolling now would hide the form's title.
            QTimer.singleShot(0, self, lambda: self._reveal_laid_out(widget))
            return
        scroll.ensureWidgetVisible(widget)

    def _reveal_laid_out(self, widget: QWidget) -> None:
        if self.isVisible():  # else another form or case was shown meanwhile
            self._reveal(widget)

    # --- slots ------------------------------------------------------------------------------------

    def _field_group(self, item_id: str) -> str:
        return self.state.definition.group_of[item_id].id

    def _on_field_edited(self, item_id: str) -> None:
        entry = self.fields[item_id].entry()
        self.state.set_entry(self.form.id, self._field_group(item_id), 0, item_id, entry)
        self.edited.emit()

    def _on_field_left(self, item_id: str) -> None:
        field = self.fields[item_id]
        group_id = self._field_group(item_id)
        self.state.set_entry(self.form.id, group_id, 0, item_id, field.entry())
        # Show the canonical form of what was typed (14.03.2006 → 2006-03-14, 12,5 → 12.5).
        field.set_entry(self.state.entry(self.form.id, group_id, 0, item_id))
        self.committed.emit()

    def _on_field_enter_pressed(self, item_id: str) -> None:
        position = self._stops.index(self.fields[item_id])
        if not self._focus_from(position + 1):
            self.last_input_passed.emit()
        # Leaving the field can make the next item apply (a stop date asks its reason); it
        # shows only once the focus has moved, so look again when the leave has been handled.
        QTimer.singleShot(0, lambda: self._refocus_after(position))

    def _refocus_after(self, position: int) -> None:
        focus = QApplication.focusWidget()
        for stop in self._stops[position + 1 :]:
            if focus is not None and (stop is focus or stop.isAncestorOf(focus)):
                return  # the focus is already on the first stop that applies
            if isinstance(stop, RepeatingGroupWidget):
                return
            if stop.isVisibleTo(self) and stop.input.isEnabled():
                stop.input.setFocus(Qt.FocusReason.TabFocusReason)
                self._reveal(stop)
                return

    def _on_field_override_requested(self, issue: Issue) -> None:
        self.override_requested.emit(self._field_group(issue.item), 0, issue)

    def _on_field_history_requested(self, item_id: str) -> None:
        self.history_requested.emit(self._field_group(item_id), 0, item_id)

    def _on_field_verify_toggled(self, item_id: str, verified: bool) -> None:
        self.verify_requested.emit(self._field_group(item_id), 0, item_id, verified)

    def _on_field_queries_requested(self, item_id: str) -> None:
        self.queries_requested.emit(self._field_group(item_id), 0, item_id)

    def _on_field_menu_requested(self, item_id: str, menu: object) -> None:
        self.menu_requested.emit(self._field_group(item_id), 0, item_id, menu)

    def _on_table_entry_set(self, _group_id: str, _row: int, _item_id: str) -> None:
        self.edited.emit()
        self.committed.emit()

    def _on_table_typed(self, _group_id: str, _row: int, _item_id: str) -> None:
        self.edited.emit()

    def _on_table_override_requested(self, issue: Issue) -> None:
        self.override_requested.emit(issue.group or "", (issue.row or 1) - 1, issue)


def commit_focused(container: QWidget) -> None:
    """End the edit under the cursor in ``container`` as leaving it does (before Ctrl+S, Close).

    A line edit emits ``editingFinished`` when it loses the focus, and a table cell's editor
    commits; the focus then comes back (to the table, for a cell).
    """
    focus = QApplication.focusWidget()
    if focus is None or not container.isAncestorOf(focus):
        return
    view = focus.parentWidget()
    while view is not None and not isinstance(view, QAbstractItemView):
        view = view.parentWidget()
    focus.clearFocus()
    (view or focus).setFocus(Qt.FocusReason.OtherFocusReason)
