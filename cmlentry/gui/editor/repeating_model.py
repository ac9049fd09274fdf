"""The rows of a repeating group as a table model, and the delegate that edits its cells.

One column per item of the group. A cell is edited in place by the input of its item's type
(a code list, with the missing-data codes the item accepts at its end; a line for a number or a
date, or an editable list offering the missing-data words when the item accepts them).
Calculated items and items whose ``show_if`` does not hold in that row are read-only cells on
grey. A cell with a finding has a tinted background and the sentence as its tooltip; the row
header carries the worst finding's icon and every sentence of the row. A cell's decoration is
its review marks (the "verified against source" tick, the query marker; :mod:`.query_mark`).
In a locked (signed) case no cell is editable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from cmlentry.domain.derived import Derived, DerivedKey
from cmlentry.domain.forms import FormDefinition, Group, Item
from cmlentry.domain.validation import Issue
from cmlentry.domain.values import EMPTY, Entry
from cmlentry.gui.editor.derived_view import inputs_text
from cmlentry.gui.editor.field_widget import is_plain_enter
from cmlentry.gui.editor.findings import Findings, issues_at
from cmlentry.gui.editor.form_state import CaseState, derived_inputs
from cmlentry.gui.editor.inputs import CodeCombo, ValueLineEdit, placeholder_for
from cmlentry.gui.editor.query_mark import cell_icon, cell_tooltip
from cmlentry.gui.editor.review_marks import NO_MARKS, AnswerMarks, ReviewMarks
from cmlentry.gui.editor.typed_values import display_text, entry_from_text, missing_from_text
from cmlentry.gui.icons import icon

EntryRole = Qt.ItemDataRole.UserRole + 1
"""The cell's :class:`Entry` (read and written by the delegate)."""

_DERIVED_BACKGROUND = QColor("#eeeeee")
_NOT_APPLICABLE_BACKGROUND = QColor("#f4f4f4")
_HARD_BACKGROUND = QColor("#fde7e9")
_SOFT_BACKGROUND = QColor("#fff3d6")
Index = QModelIndex | QPersistentModelIndex


class RepeatingGroupModel(QAbstractTableModel):
    """The rows of one repeating group of the open case, read from and written to its state."""

    entry_set = Signal(int, str)
    """A cell's answer is finished (its editor closed); carries the row (from 0) and item id."""
    typed = Signal(int, str)
    """A keystroke in a cell's editor changed its answer; carries the row and the item id."""

    def __init__(
        self, state: CaseState, form_id: str, group: Group, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self.form_id = form_id
        self.group = group
        self.items: tuple[Item, ...] = group.items
        self._issues: list[Issue] = []
        self._derived: Mapping[DerivedKey, Derived] = {}
        self._context: Mapping[str, object] = {}
        self._review: ReviewMarks | None = None
        self._locked = False

    @property
    def definition(self) -> FormDefinition:
        return self._state.definition

    # --- shape ------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._state.rows(self.form_id, self.group.id))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def column_of(self, item_id: str) -> int:
        return next(n for n, item in enumerate(self.items) if item.id == item_id)

    def row_key(self, row: int) -> int | None:
        rows = self._state.rows(self.form_id, self.group.id)
        return rows[row].key if 0 <= row < len(rows) else None

    def shows(self, row: int, item: Item) -> bool:
        """Whether the cell is open: the item applies in the row, or holds an answer to clear."""
        return self._state.shows(self._context, self.form_id, self.group.id, row, item)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return self._row_header(section, role)
        if not 0 <= section < len(self.items):
            return None
        item = self.items[section]
        if role == Qt.ItemDataRole.DisplayRole:
            unit = f" ({item.unit})" if item.unit else ""
            return item.label + unit + (" *" if item.required else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            calculated = self.tr("calculated") if item.type == "derived" else ""
            return "\n".join(p for p in (item.label, item.help, calculated) if p)
        return None

    def _row_header(self, row: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row + 1)
        found = list(issues_at(self._issues, self.form_id, self.group, row))
        blocking = [i for i in found if i.blocks]
        if role == Qt.ItemDataRole.DecorationRole and blocking:
            hard = any(i.severity == "hard" for i in blocking)
            return icon("error" if hard else "warning")
        if role == Qt.ItemDataRole.ToolTipRole and found:
            return "\n".join(i.message for i in found)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self.items[index.column()]
        if self._locked or item.type == "derived" or not self.shows(index.row(), item):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    # --- cells ------------------------------------------------------------------------------------

    def _entry(self, row: int, item: Item) -> Entry:
        return self._state.entry(self.form_id, self.group.id, row, item.id)

    def marks(self, row: int, item_id: str) -> AnswerMarks:
        """The review's marks of a cell (none without a review or for a calculated item)."""
        if self._review is None:
            return NO_MARKS
        return self._review.at(self._state, self.form_id, self.group.id, row, item_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, item = index.row(), self.items[index.column()]
        if item.type == "derived":
            return self._derived_data(row, item, role)
        applicable = self.shows(row, item)
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(self.definition, item, self._entry(row, item))
        if role == Qt.ItemDataRole.EditRole:
            entry = self._entry(row, item)
            if entry.missing is not None:
                return self.definition.missing_codes[entry.missing]
            return entry.value or ""
        if role == EntryRole:
            return self._entry(row, item)
        if role == Qt.ItemDataRole.DecorationRole:
            return cell_icon(self.marks(row, item.id))
        return self._look(row, item, role, applicable)

    def _look(self, row: int, item: Item, role: int, applicable: bool) -> Any:
        """A cell's background and tooltip: whether it applies, its findings, its review."""
        found = [i for i in issues_at(self._issues, self.form_id, self.group, row, item.id)]
        if role == Qt.ItemDataRole.BackgroundRole:
            if not applicable:
                return _NOT_APPLICABLE_BACKGROUND
            if any(i.severity == "hard" for i in found):
                return _HARD_BACKGROUND
            if any(i.blocks for i in found):
                return _SOFT_BACKGROUND
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if not applicable:
                return self.tr("Does not apply to this row")
            review = cell_tooltip(self.marks(row, item.id))
            text = "\n".join(i.message for i in found) or item.help or ""
            return "\n".join(p for p in (text, review) if p) or None
        return None

    def _derived_data(self, row: int, item: Item, role: int) -> Any:
        derived = self._derived.get((self.form_id, self.group.id, row + 1, item.id))
        if role == Qt.ItemDataRole.DisplayRole:
            return derived.text if derived else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return _DERIVED_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole and derived:
            shown = derived_inputs(self._state, derived, self.form_id, self.group, row)
            return "\n".join(p for p in (self.tr("calculated"), inputs_text(shown)) if p)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row, item = index.row(), self.items[index.column()]
        if role == Qt.ItemDataRole.EditRole and isinstance(value, str):
            value = cell_entry(self.definition, item, value)
        if role not in (EntryRole, Qt.ItemDataRole.EditRole) or not isinstance(value, Entry):
            return False
        if self._state.set_entry(self.form_id, self.group.id, row, item.id, value):
            self._row_changed(row)
        # Even unchanged (the typing already put it in the state), the value is now finished.
        self.entry_set.emit(row, item.id)
        return True

    def type_text(self, index: Index, text: str) -> None:
        """A keystroke in a cell's editor: into the state at once, so a draft keeps it."""
        if not index.isValid():
            return
        row, item = index.row(), self.items[index.column()]
        entry = cell_entry(self.definition, item, text)
        if self._state.set_entry(self.form_id, self.group.id, row, item.id, entry):
            # Only the calculated cells: refreshing the edited cell would reset its editor.
            for column, other in enumerate(self.items):
                if other.type == "derived":
                    self.dataChanged.emit(self.index(row, column), self.index(row, column))
            self.typed.emit(row, item.id)

    def _row_changed(self, row: int) -> None:
        # Calculated cells and conditions of the row follow the answer just changed.
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.items) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    # --- rows and findings --------------------------------------------------------------------

    def insert_row(self) -> int:
        row = self.rowCount()
        self.beginInsertRows(QModelIndex(), row, row)
        self._state.add_row(self.form_id, self.group.id)
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        self._state.remove_row(self.form_id, self.group.id, row)
        self.endRemoveRows()

    def reload(self) -> None:
        """The rows were replaced in the state (a draft restored, typing discarded)."""
        self.beginResetModel()
        self.endResetModel()

    def set_findings(self, findings: Findings) -> None:
        self._issues = [
            i for i in findings.issues if i.form == self.form_id and i.group == self.group.id
        ]
        self._derived = findings.derived
        self._context = findings.context
        if self.rowCount():
            last = self.index(self.rowCount() - 1, len(self.items) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def set_review(self, review: ReviewMarks | None) -> None:
        """The review's marks of the case (after a save, a mark set, a query raised)."""
        self._review = review
        self._all_changed()

    def set_locked(self, locked: bool) -> None:
        self._locked = locked
        self._all_changed()

    def _all_changed(self) -> None:
        if self.rowCount():
            last = self.index(self.rowCount() - 1, len(self.items) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def set_derived(self, derived: Mapping[DerivedKey, Derived]) -> None:
        """New calculated values only (at every keystroke elsewhere in the case)."""
        self._derived = derived
        for column, item in enumerate(self.items):
            if item.type == "derived" and self.rowCount():
                self.dataChanged.emit(
                    self.index(0, column), self.index(self.rowCount() - 1, column)
                )

    def row_issues(self) -> list[Issue]:
        return sorted(self._issues, key=lambda i: i.row or 0)


def cell_entry(definition: FormDefinition, item: Item, text: str) -> Entry:
    """A cell's typed text as an answer: a missing-data word the item accepts, or a value."""
    code = missing_from_text(definition, item, text)
    if code is not None:
        return Entry(None, code, None)
    return entry_from_text(item, text)


class EntryDelegate(QStyledItemDelegate):
    """Edits a cell with the input of its item's type; Enter commits and edits the next cell."""

    def __init__(self, model: RepeatingGroupModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        item = self._model.items[index.column()]
        definition = self._model.definition
        editor: QWidget
        if item.type == "code":
            combo = CodeCombo(definition, item, parent, missing=item.missing)
            combo.activated.connect(lambda _n: self.commitData.emit(combo))
            editor = combo
        elif item.missing:
            # An editable list: type the value, or choose a missing-data word from it.
            words = QComboBox(parent)
            words.setEditable(True)
            words.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            words.addItem("")
            words.addItems([definition.missing_codes[c] for c in item.missing])
            line = words.lineEdit()
            if line is not None:
                line.setPlaceholderText(placeholder_for(item))
                self._follow_typing(line, index)
            editor = words
        else:
            editor = ValueLineEdit(item, parent)
            self._follow_typing(editor, index)
        editor.setAccessibleName(item.label)
        editor.setObjectName(f"cell_{item.id}")
        return editor

    def _follow_typing(self, line: QLineEdit, index: Index) -> None:
        cell = QPersistentModelIndex(index)
        line.textEdited.connect(lambda text: self._model.type_text(cell, text))

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        entry: Entry = index.data(EntryRole) or EMPTY
        if isinstance(editor, CodeCombo):
            text = f"missing:{entry.missing}" if entry.missing else (entry.value or "")
            editor.set_value_text(text)
        elif isinstance(editor, QComboBox):
            editor.setEditText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        elif isinstance(editor, ValueLineEdit):
            editor.set_value_text(entry.value or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        item = self._model.items[index.column()]
        if isinstance(editor, CodeCombo):
            chosen = editor.value_text()
            if chosen.startswith("missing:"):
                entry = Entry(None, chosen.split(":", 1)[1], None)  # type: ignore[arg-type]
            else:
                entry = entry_from_text(item, chosen)
        elif isinstance(editor, QComboBox):
            entry = cell_entry(self._model.definition, item, editor.currentText())
        elif isinstance(editor, ValueLineEdit):
            entry = cell_entry(self._model.definition, item, editor.text())
        else:
            return
        model.setData(index, entry, EntryRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if is_plain_enter(event) and isinstance(editor, QWidget):
            popup = isinstance(editor, QComboBox) and editor.view().isVisible()
            if not popup:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
        return super().eventFilter(editor, event)
