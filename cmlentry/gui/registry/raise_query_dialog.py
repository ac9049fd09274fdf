"""Raise a query from the registry: a case it holds, one answer of it, and the question.

The case is typed by its registry ID, completed from the cases the window knows the registry
holds; the answer is picked the way the form is laid out (form, then group, then the row of a
repeating group, then the question), from the form definition; then the question. The service
raises it on the worker thread and refuses what it cannot take (a case the registry holds no
accepted version of, a row a single group has not) with its sentence, the dialog staying open
with everything typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cmlentry.domain.forms import Form, FormDefinition, Group
from cmlentry.gui import messages
from cmlentry.gui.dialogs.query_dialog import MAX_LENGTH, tidy_text
from cmlentry.gui.dialogs.reason_dialog import MIN_VISIBLE, visible_length
from cmlentry.gui.workers import Op
from cmlentry.services.registry.queries import CentralQueryInfo, CentralQueryService
from cmlentry.services.review import ItemAddress

MAX_ROW = 999
"""The highest row number offered for a repeating group (the service checks the case)."""


class RaiseQueryDialog(QDialog):
    """Pick a case and one of its answers, write the question, raise it."""

    query_raised = Signal(object)
    """The query was raised (a :class:`CentralQueryInfo`); the dialog then closes."""

    def __init__(
        self,
        service: CentralQueryService,
        case_ids: Sequence[str],
        parent: QWidget | None = None,
        *,
        case: str = "",
        address: ItemAddress | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._definition: FormDefinition = service.definitions.current
        self._running = False
        self.setObjectName("raise_query_dialog")
        self.setWindowTitle(self.tr("Raise a query"))
        self.setMinimumWidth(540)

        intro = QLabel(
            self.tr(
                "Ask the centre about one answer of a case. The query reaches the centre with "
                "its next acknowledgement, or at once with “Send to the centre…”; the site "
                "answers it, and you close it once the answer settles it."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.case_field = self._case_field(case, case_ids)
        self.form_box = self._combo("raise_form", self.tr("Form"))
        self.group_box = self._combo("raise_group", self.tr("Group of questions"))
        self.row_box = self._row_box()
        self.item_box = self._combo("raise_item", self.tr("Question queried"))

        self.text_box = self._text_box()
        hint = QLabel(
            self.tr(
                "At least %n characters. It is kept in the audit trail with your name and the "
                "time, and the site reads it as written.",
                "",
                MIN_VISIBLE,
            ),
            self,
        )
        hint.setWordWrap(True)

        self._buttons = QDialogButtonBox(self)
        self.raise_button = QPushButton(self.tr("Raise the query"), self)
        self.raise_button.setObjectName("raise_confirm")
        self.raise_button.setDefault(True)
        self._buttons.addButton(self.raise_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        fields = QFormLayout()
        fields.addRow(self.tr("&Case:"), self.case_field)
        fields.addRow(self.tr("&Form:"), self.form_box)
        fields.addRow(self.tr("&Group:"), self.group_box)
        fields.addRow(self.tr("&Row:"), self.row_box)
        fields.addRow("", self._row_hint)
        fields.addRow(self.tr("&Item:"), self.item_box)
        fields.addRow(self.tr("&Question:"), self.text_box)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(fields)
        layout.addWidget(hint)
        layout.addWidget(self._buttons)

        for form in self._definition.forms:
            self.form_box.addItem(form.label, form.id)
        self.form_box.currentIndexChanged.connect(self._on_form_box_current_index_changed)
        self.group_box.currentIndexChanged.connect(self._on_group_box_current_index_changed)
        self.item_box.currentIndexChanged.connect(self._update_raise)
        self.case_field.textChanged.connect(self._update_raise)
        self.text_box.textChanged.connect(self._on_text_box_text_changed)
        self.raise_button.clicked.connect(self._on_raise_button_clicked)
        self._cancel.clicked.connect(self.reject)
        self._on_form_box_current_index_changed()
        if address is not None:
            self.select_address(address)
        (self.text_box if case else self.case_field).setFocus(Qt.FocusReason.OtherFocusReason)

    def _case_field(self, case: str, case_ids: Sequence[str]) -> QLineEdit:
        field = QLineEdit(case, self)
        field.setObjectName("raise_case")
        field.setPlaceholderText(self.tr("Registry ID, for example FR-086-0007-K"))
        field.setAccessibleName(self.tr("Registry ID of the case"))
        field.setClearButtonEnabled(True)
        completer = QCompleter(QStringListModel(sorted(set(case_ids)), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "0007" finds FR-086-0007-K
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        field.setCompleter(completer)
        return field

    def _row_box(self) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName("raise_row")
        box.setRange(1, MAX_ROW)
        box.setAccessibleName(self.tr("Row of the repeating group"))
        self._row_hint = QLabel(self)
        self._row_hint.setObjectName("raise_row_hint")
        self._row_hint.setWordWrap(True)
        return box

    def _text_box(self) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setObjectName("raise_text")
        box.setTabChangesFocus(True)  # Tab goes on to the buttons, as in any other field
        box.setAccessibleName(self.tr("The query"))
        box.setMinimumHeight(box.fontMetrics().lineSpacing() * 5)
        return box

    def _combo(self, name: str, accessible: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(30)
        return box

    # --- public -----------------------------------------------------------------------------------

    def case_id(self) -> str:
        return self.case_field.text().strip().upper()

    def address(self) -> ItemAddress | None:
        """The answer chosen, or None while no question is chosen."""
        form_id, group_id = self.form_box.currentData(), self.group_box.currentData()
        item_id = self.item_box.currentData()
        if not (isinstance(form_id, str) and isinstance(group_id, str)):
            return None
        if not isinstance(item_id, str):
            return None
        return ItemAddress(form_id, group_id, self.row_box.value(), item_id)

    def question(self) -> str | None:
        """The question, tidied; None while it is too short."""
        text = tidy_text(self.text_box.toPlainText())
        return text if visible_length(text) >= MIN_VISIBLE else None

    def select_address(self, address: ItemAddress) -> bool:
        """Choose the form, group, row and question of ``address``; False if the form has not."""
        form_at = self.form_box.findData(address.form_id)
        if form_at < 0:
            return False
        self.form_box.setCurrentIndex(form_at)
        group_at = self.group_box.findData(address.group_id)
        if group_at < 0:
            return False
        self.group_box.setCurrentIndex(group_at)
        if self.row_box.isEnabled():
            self.row_box.setValue(address.row_key)
        item_at = self.item_box.findData(address.item_id)
        self.item_box.setCurrentIndex(max(item_at, 0))
        return item_at >= 0

    def reject(self) -> None:
        # While the worker raises the query, its answer must find this dialog.
        if not self._running:
            super().reject()

    # --- internals --------------------------------------------------------------------------------

    def _form(self) -> Form | None:
        return self._definition.forms_by_id.get(str(self.form_box.currentData()))

    def _group(self) -> Group | None:
        form = self._form()
        wanted = self.group_box.currentData()
        return next((g for g in form.groups if g.id == wanted), None) if form else None

    def _update_raise(self) -> None:
        ready = bool(self.case_id()) and self.address() is not None
        self.raise_button.setEnabled(ready and self.question() is not None and not self._running)

    def _set_running(self, running: bool) -> None:
        self._running = running
        for widget in (self.case_field, self.form_box, self.group_box, self.item_box):
            widget.setEnabled(not running)
        self.text_box.setReadOnly(running)
        self._cancel.setEnabled(not running)
        self._show_row()
        self._update_raise()

    def _show_row(self) -> None:
        group = self._group()
        repeating = group is not None and group.repeating
        self.row_box.setEnabled(repeating and not self._running)
        if repeating:
            self._row_hint.setText(self.tr("The row's number in the case's record, from 1."))
        else:
            self.row_box.setValue(1)
            self._row_hint.setText(self.tr("This group has one row."))

    # --- slots ------------------------------------------------------------------------------------

    def _on_form_box_current_index_changed(self) -> None:
        form = self._form()
        self.group_box.clear()
        for group in form.groups if form else ():
            if group.repeating:
                self.group_box.addItem(
                    self.tr("%1 (repeating)").replace("%1", group.label), group.id
                )
            else:
                self.group_box.addItem(group.label, group.id)
        self._on_group_box_current_index_changed()

    def _on_group_box_current_index_changed(self) -> None:
        group = self._group()
        wanted = self.item_box.currentData()  # the same question in another group: kept
        self.item_box.clear()
        for item in group.items if group else ():
            self.item_box.addItem(item.label, item.id)
        self.item_box.setCurrentIndex(max(self.item_box.findData(wanted), 0))
        self._show_row()
        self._update_raise()

    def _on_text_box_text_changed(self) -> None:
        text = self.text_box.toPlainText()
        if len(text) > MAX_LENGTH:  # QPlainTextEdit has no length limit of its own
            self.text_box.setPlainText(text[:MAX_LENGTH])
            self.text_box.moveCursor(QTextCursor.MoveOperation.End)
            return
        self._update_raise()

    def _on_raise_button_clicked(self) -> None:
        case, address, text = self.case_id(), self.address(), self.question()
        if not case or address is None or text is None or self._running:
            return
        service = self._service
        self._set_running(True)
        (
            Op(self, lambda _p, _c: service.raise_query(case, address, text))
            .success(self._on_raised)
            .failure(self._on_raise_failed)
            .run()
        )

    def _on_raised(self, query: CentralQueryInfo) -> None:
        self._set_running(False)
        self.query_raised.emit(query)
        self.accept()

    def _on_raise_failed(self, exc: BaseException) -> None:
        self._set_running(False)
        messages.show_error(self, exc)
