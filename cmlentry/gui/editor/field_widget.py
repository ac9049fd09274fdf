"""One item of a non-repeating group: input, unit, missing-data code, history, findings, help.

The label (with ``*`` when the item is required) is a separate widget for the form layout's
left column; :class:`FieldWidget` is the right column::

    [ input              ] unit  [— / unknown / not done]  (history) (✓) [? 1]
    help text in small grey
    (x) the finding, in a sentence                          Override…

Choosing a missing-data code clears the value and disables the input; choosing "—" again gives
the input back. Enter in the input moves on (the page decides where); the history button is
left out of the Tab chain because Ctrl+H reaches it from the input.

The review's marks follow the history button: the "verified against source" tick
(:mod:`.sdv_mark`) and the query marker (:mod:`.query_mark`). The context menu of the input and
of the label holds History… and whatever the editor adds to it (:attr:`menu_requested`: the
review's entries). A locked (signed) case shows its answers read-only: line edits stay
focusable, so their text can be selected and Ctrl+Shift+V still reaches the field.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from cmlentry.domain.forms import FormDefinition, Item
from cmlentry.domain.validation import Issue
from cmlentry.domain.values import EMPTY, Entry
from cmlentry.gui.editor.inputs import ItemInput, MissingCombo, ValueLineEdit, make_input
from cmlentry.gui.editor.issue_view import IssueView
from cmlentry.gui.editor.query_mark import QueryMark
from cmlentry.gui.editor.review_marks import AnswerMarks
from cmlentry.gui.editor.sdv_mark import SdvMark
from cmlentry.gui.editor.typed_values import entry_from_text
from cmlentry.gui.icons import icon

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def is_plain_enter(event: QEvent) -> bool:
    """Enter or Return without Ctrl, Alt or Shift (those keep their own meaning)."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() in ENTER_KEYS and mods == Qt.KeyboardModifier.NoModifier


class FieldWidget(QWidget):
    """The input of one item with everything that belongs beside it."""

    edited = Signal(str)
    """Typed or chosen (every keystroke); carries the item id."""
    left = Signal(str)
    """The value is finished (focus left, or a choice made); carries the item id."""
    enter_pressed = Signal(str)
    """Enter in the input: move on to the next input; carries the item id."""
    override_requested = Signal(object)
    """"Override…" beside a soft warning; carries the :class:`Issue`."""
    history_requested = Signal(str)
    """The history button; carries the item id."""
    verify_toggled = Signal(str, bool)
    """The PI clicked the tick: item id, and whether the answer is now to be verified."""
    queries_requested = Signal(str)
    """The query marker was clicked; carries the item id."""
    menu_requested = Signal(str, object)
    """The context menu is being built: item id, the :class:`QMenu` to add entries to."""

    def __init__(self, definition: FormDefinition, item: Item, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.setObjectName(f"field_{item.id}")

        self.label = QLabel(item.label + (" *" if item.required else ""), parent)
        self.label.setObjectName(f"label_{item.id}")
        self.input: ItemInput = make_input(definition, item, self)
        self.input.setObjectName(f"input_{item.id}")
        self.input.setAccessibleName(item.label)
        self.label.setBuddy(self.input)
        self._unit = QLabel(item.unit or "", self)
        self._unit.setObjectName(f"unit_{item.id}")
        self._unit.setVisible(bool(item.unit))
        self.missing = self._missing_combo(definition) if item.missing else None
        self.history = self._history_button()
        self.sdv = SdvMark(item.label, self)
        self.sdv.setObjectName(f"sdv_{item.id}")
        self.query_mark = QueryMark(item.label, self)
        self.query_mark.setObjectName(f"queries_{item.id}")
        self._locked = False
        self._missing_chosen = False  # a missing-data code stands for the value
        self._help = QLabel(item.help, self)
        self._help.setObjectName(f"help_{item.id}")
        self._help.setWordWrap(True)
        self._help.setStyleSheet("color: #666666; font-size: small;")
        self._help.setVisible(bool(item.help))
        self.issues = IssueView(self)
        self.issues.setObjectName(f"issues_{item.id}")
        if item.help:
            self.input.setToolTip(item.help)
            self.label.setToolTip(item.help)
        self._describe()
        self._lay_out()

        self.input.edited.connect(self._on_input_edited)
        self.input.left.connect(self._on_input_left)
        self.input.installEventFilter(self)
        if self.missing is not None:
            self.missing.chosen.connect(self._on_missing_chosen)
            self.missing.installEventFilter(self)
        self.history.clicked.connect(self._on_history_clicked)
        self.issues.override_requested.connect(self.override_requested)
        self.sdv.toggled_by_person.connect(self._on_sdv_toggled_by_person)
        self.query_mark.clicked.connect(self._on_query_mark_clicked)
        menu_sources: list[QWidget] = [self, self.label, self.input]
        for source in menu_sources:
            source.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            source.customContextMenuRequested.connect(
                lambda pos, widget=source: self._on_context_menu_requested(widget, pos)
            )

    def _missing_combo(self, definition: FormDefinition) -> MissingCombo:
        combo = MissingCombo(definition, self.item, self)
        combo.setObjectName(f"missing_{self.item.id}")
        combo.setAccessibleName(self.tr("%1: missing-data code").replace("%1", self.item.label))
        combo.setToolTip(self.tr("Why there is no value"))
        return combo

    def _history_button(self) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(f"history_{self.item.id}")
        button.setIcon(icon("history"))
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setToolTip(self.tr("History of this answer (Ctrl+H)"))
        button.setAccessibleName(self.tr("History of %1").replace("%1", self.item.label))
        return button

    def _lay_out(self) -> None:
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        # Numbers and dates are short: their input is as wide as what it asks for, not the page.
        wide = self.item.type == "text"
        if isinstance(self.input, ValueLineEdit) and not wide:
            hint = self.input.placeholderText() or "0" * 12
            self.input.setFixedWidth(self.input.fontMetrics().horizontalAdvance(hint) + 24)
        line.addWidget(self.input, 1 if wide else 0)
        line.addWidget(self._unit)
        if self.missing is not None:
            line.addWidget(self.missing)
        line.addWidget(self.history)
        line.addWidget(self.sdv)
        line.addWidget(self.query_mark)
        if not wide:
            line.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self._help)
        layout.addWidget(self.issues)

    # --- value --------------------------------------------------------------------------------

    def entry(self) -> Entry:
        """What the person has typed or chosen (the override stays in the case's state)."""
        code = self.missing.code() if self.missing is not None else None
        if code is not None:
            return Entry(None, code, None)
        return entry_from_text(self.item, self.input.value_text())

    def set_entry(self, entry: Entry) -> None:
        """Show a stored or typed answer (emits nothing)."""
        if self.input.value_text() != (entry.value or ""):
            self.input.set_value_text(entry.value or "")
        if self.missing is not None:
            self.missing.set_code(entry.missing)
        self._missing_chosen = entry.missing is not None
        self._apply_editable()

    def clear(self) -> None:
        self.set_entry(EMPTY)

    # --- what is shown beside it --------------------------------------------------------------

    def set_applicable(self, applicable: bool) -> None:
        self.label.setVisible(applicable)
        self.setVisible(applicable)

    def set_issues(self, issues: Sequence[Issue]) -> None:
        self.issues.set_issues(issues)
        self._describe()

    def set_history_enabled(self, enabled: bool) -> None:
        self.history.setEnabled(enabled)

    def set_review(self, marks: AnswerMarks, *, can_verify: bool) -> None:
        """Show the answer's SDV tick and query marker."""
        self.sdv.show_marks(marks, can_verify=can_verify)
        self.query_mark.show_marks(marks)

    def set_locked(self, locked: bool) -> None:
        """A signed case: the answer can be read, selected and reviewed, not changed."""
        self._locked = locked
        self._apply_editable()

    @property
    def locked(self) -> bool:
        return self._locked

    def _apply_editable(self) -> None:
        if isinstance(self.input, ValueLineEdit):
            self.input.setReadOnly(self._locked)
            self.input.setEnabled(not self._missing_chosen)
        else:
            self.input.setEnabled(not self._missing_chosen and not self._locked)
        if self.missing is not None:
            self.missing.setEnabled(not self._locked)

    # --- context menu -------------------------------------------------------------------------

    def context_menu(self, source: QWidget | None = None) -> QMenu:
        """The field's context menu: the line edit's own entries, History…, then the editor's."""
        if source is self.input and isinstance(self.input, ValueLineEdit):
            menu = self.input.createStandardContextMenu()
            menu.addSeparator()
        else:
            menu = QMenu(self)
        menu.setObjectName(f"menu_{self.item.id}")
        history = menu.addAction(self.tr("&History… (Ctrl+H)"))
        history.setObjectName("menu_history")
        history.setEnabled(self.history.isEnabled())
        history.triggered.connect(self._on_history_clicked)
        self.menu_requested.emit(self.item.id, menu)
        return menu

    def _describe(self) -> None:
        # A screen reader reads the unit, the help and the findings with the input's name.
        parts = [self.item.unit or "", self.item.help, self.issues.plain_text()]
        self.input.setAccessibleDescription(". ".join(p for p in parts if p))

    # --- slots --------------------------------------------------------------------------------

    def _on_input_edited(self) -> None:
        self.edited.emit(self.item.id)

    def _on_input_left(self) -> None:
        self.left.emit(self.item.id)

    def _on_missing_chosen(self) -> None:
        chosen = self.missing.code() if self.missing is not None else None
        if chosen is not None:
            self.input.set_value_text("")
        self._missing_chosen = chosen is not None
        self._apply_editable()
        if chosen is None:
            self.input.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit(self.item.id)
        self.left.emit(self.item.id)

    def _on_history_clicked(self) -> None:
        self.history_requested.emit(self.item.id)

    def _on_sdv_toggled_by_person(self, verified: bool) -> None:
        self.verify_toggled.emit(self.item.id, verified)

    def _on_query_mark_clicked(self) -> None:
        self.queries_requested.emit(self.item.id)

    def _on_context_menu_requested(self, source: QWidget, pos: QPoint) -> None:
        menu = self.context_menu(source)
        try:
            menu.exec(source.mapToGlobal(pos))
        finally:
            menu.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if is_plain_enter(event) and watched in (self.input, self.missing):
            popup = isinstance(watched, MissingCombo) and watched.view().isVisible()
            if not popup:
                self.enter_pressed.emit(self.item.id)
                return True
        return super().eventFilter(watched, event)
