"""The list of the nine forms on the left of the editor, each with its state and counts.

A form shows one icon for the state that matters most: unsaved typing (draft), hard errors,
warnings not overridden, complete, or ready to be marked complete; and its counts in words
("2 errors, 1 warning"). The icons differ in shape, and the words say it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from cmlentry.domain.forms import Form
from cmlentry.domain.validation import Issue
from cmlentry.gui.editor.findings import IssueCount, count_blocking
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.gui.icons import icon

FormIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class FormMark:
    """What the list shows for one form."""

    complete: bool = False
    unsaved: bool = False
    count: IssueCount = field(default_factory=IssueCount)

    @property
    def icon_name(self) -> str:
        if self.unsaved:
            return "draft"
        if self.count.errors:
            return "error"
        if self.count.warnings:
            return "warning"
        return "complete" if self.complete else "ok"


class FormListModel(QAbstractListModel):
    """The forms of the definition, in order, with their marks."""

    def __init__(self, forms: Sequence[Form], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._forms = list(forms)
        self._marks: dict[str, FormMark] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._forms)

    def row_of(self, form_id: str) -> int:
        return next(n for n, form in enumerate(self._forms) if form.id == form_id)

    def mark(self, form_id: str) -> FormMark:
        return self._marks.get(form_id, FormMark())

    def set_marks(self, marks: dict[str, FormMark]) -> None:
        if marks == self._marks:
            return
        self._marks = dict(marks)
        if self._forms:
            self.dataChanged.emit(self.index(0), self.index(len(self._forms) - 1))

    def state_words(self, mark: FormMark) -> str:
        parts = []
        if mark.unsaved:
            parts.append(self.tr("unsaved typing"))
        if mark.count.errors:
            parts.append(self.tr("%n error(s)", "", mark.count.errors))
        if mark.count.warnings:
            parts.append(self.tr("%n warning(s)", "", mark.count.warnings))
        if mark.complete:
            parts.append(self.tr("complete"))
        elif not mark.count.total:
            parts.append(self.tr("ready to mark complete"))
        return ", ".join(parts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._forms):
            return None
        form = self._forms[index.row()]
        mark = self.mark(form.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {form.label}\n{self.state_words(mark)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(mark.icon_name)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{form.label}: {self.state_words(mark)}"
        if role == FormIdRole:
            return form.id
        return None


class FormNavigation(QListView):
    """The form list; the current row is the form shown on the right."""

    def __init__(self, forms: Sequence[Form], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("form_navigation")
        self.setAccessibleName(self.tr("Forms of the case"))
        self.list_model = FormListModel(forms, self)
        self.setModel(self.list_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setUniformItemSizes(True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 22))

    def current_form_id(self) -> str | None:
        index = self.currentIndex()
        return str(index.data(FormIdRole)) if index.isValid() else None

    def show_state(self, state: CaseState, issues: Sequence[Issue]) -> None:
        """Each form's mark from the typed answers of the case and their findings."""
        self.list_model.set_marks(
            {
                form.id: FormMark(
                    state.is_complete(form.id),
                    state.is_dirty(form.id),
                    count_blocking(issues, form.id),
                )
                for form in state.definition.forms
            }
        )

    def select_form(self, form_id: str) -> None:
        self.setCurrentIndex(self.list_model.index(self.list_model.row_of(form_id)))
