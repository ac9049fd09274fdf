"""A repeating group (dose history, assessments, adverse events, …) as an editable table.

The table edits its cells in place (see :mod:`.repeating_model`); below it, the buttons Add row
(Insert or Ctrl+Shift+=), Remove row (Ctrl+Delete, asks first) and History (Ctrl+H), then every
finding of the group as "row 3: …" with "Override…" beside a soft warning. Tab enters and
leaves the table as one stop; the arrows move between cells, Enter or typing edits a cell, and
Enter in a cell commits it and edits the next.

A cell's context menu holds History… and Remove row, then what the editor adds
(:attr:`RepeatingGroupWidget.menu_requested`: the review's entries). In a locked (signed) case
the cells are read-only and no row is added or removed; the review still works.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmlentry.domain.forms import Group
from cmlentry.gui.editor.field_widget import is_plain_enter
from cmlentry.gui.editor.findings import Findings
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.gui.editor.issue_view import IssueView
from cmlentry.gui.editor.repeating_model import EntryDelegate, RepeatingGroupModel
from cmlentry.gui.icons import icon

_MAX_VISIBLE_ROWS = 10
_COLUMN_WIDTH = 130
_DERIVED_COLUMN_WIDTH = 190


class EntryTableView(QTableView):
    """A table whose "next cell" (Enter in a cell) skips calculated and non-applicable cells.

    Qt's own move stops on a read-only cell and ends the editing there, which would leave a
    nurse typing an assessment row in the middle of it.
    """

    def moveCursor(
        self, cursor_action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        step = {
            QAbstractItemView.CursorAction.MoveNext: 1,
            QAbstractItemView.CursorAction.MovePrevious: -1,
        }.get(cursor_action)
        model, current = self.model(), self.currentIndex()
        if step is None or model is None or not current.isValid():
            return super().moveCursor(cursor_action, modifiers)
        columns = model.columnCount()
        position = current.row() * columns + current.column() + step
        while 0 <= position < model.rowCount() * columns:
            index = model.index(position // columns, position % columns)
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                return index
            position += step
        return QModelIndex()


class RepeatingGroupWidget(QWidget):
    """The table of one repeating group with its buttons and findings."""

    entry_set = Signal(str, int, str)
    """A cell's value is finished; carries the group id, the row (from 0) and the item id."""
    typed = Signal(str, int, str)
    """A keystroke in a cell; carries the group id, the row (from 0) and the item id."""
    row_added = Signal(str, int)
    """A row was added (nothing is saved for an empty row); group id and row."""
    removal_requested = Signal(str, int)
    """Remove row was asked for; the editor confirms (and asks a reason on a complete form)."""
    override_requested = Signal(object)
    """"Override…" beside a soft warning; carries the :class:`Issue`."""
    history_requested = Signal(str, int, str)
    """History of the current cell: group id, row, item id."""
    menu_requested = Signal(str, int, str, object)
    """A cell's context menu is being built: group id, row, item id, the :class:`QMenu`."""

    def __init__(
        self, state: CaseState, form_id: str, group: Group, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.group = group
        self.setObjectName(f"group_{group.id}")
        self.model = RepeatingGroupModel(state, form_id, group, self)
        self.table = EntryTableView(self)
        self.table.setObjectName(f"table_{group.id}")
        self.table.setAccessibleName(group.label)
        self.table.setAccessibleDescription(
            self.tr("One row per entry. Insert adds a row; Enter or typing edits a cell.")
        )
        self.table.setModel(self.model)
        self.table.setItemDelegate(EntryDelegate(self.model, self.table))
        self._setup_table()

        self.add_button, self.remove_button, self.history_button = self._buttons()
        self.issues = IssueView(self)
        self.issues.setObjectName(f"issues_{group.id}")

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.history_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.issues)

        self._add_shortcuts()
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.history_button.clicked.connect(self._on_history_button_clicked)
        self.model.entry_set.connect(self._on_model_entry_set)
        self.model.typed.connect(self._on_model_typed)
        self.model.modelReset.connect(self._on_model_rows_changed)
        self.model.rowsInserted.connect(self._on_model_rows_changed)
        self.model.rowsRemoved.connect(self._on_model_rows_changed)
        self.table.selectionModel().currentChanged.connect(self._on_table_current_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        self._locked = False
        self.issues.override_requested.connect(self.override_requested)
        self.setFocusProxy(self.table)
        self._on_model_rows_changed()

    def _buttons(self) -> tuple[QPushButton, QPushButton, QPushButton]:
        add = QPushButton(icon("add-row"), self.tr("&Add row"), self)
        add.setObjectName(f"add_row_{self.group.id}")
        add.setToolTip(self.tr("Add a row (Insert or Ctrl+Shift+=)"))
        remove = QPushButton(icon("remove-row"), self.tr("Remove row"), self)
        remove.setObjectName(f"remove_row_{self.group.id}")
        remove.setToolTip(self.tr("Remove the current row (Ctrl+Delete)"))
        history = QPushButton(icon("history"), self.tr("History"), self)
        history.setObjectName(f"history_{self.group.id}")
        history.setToolTip(self.tr("History of the current cell (Ctrl+H)"))
        for button in (add, remove, history):
            button.setAccessibleName(f"{button.text().replace('&', '')} — {self.group.label}")
        return add, remove, history

    def _add_shortcuts(self) -> None:
        for keys in ("Insert", "Ctrl+Shift+="):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_add_shortcut_activated)
        remove = QShortcut(QKeySequence("Ctrl+Delete"), self.table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._on_remove_button_clicked)

    def _setup_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows and Enter move within
        table.setWordWrap(False)
        table.setAlternatingRowColors(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # the tooltip gives the whole label
        for column, item in enumerate(self.group.items):
            width = _DERIVED_COLUMN_WIDTH if item.type == "derived" else _COLUMN_WIDTH
            header.resizeSection(column, width)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    # --- public API -------------------------------------------------------------------------------

    def add_row(self) -> int | None:
        """Add an empty row and start editing its first cell (none in a locked case)."""
        if self._locked:
            return None
        row = self.model.insert_row()
        index = self.model.index(row, 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        self.row_added.emit(self.group.id, row)
        return row

    def remove_row(self, row: int) -> None:
        self.model.remove_row(row)

    def current_cell(self) -> tuple[int, str] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return index.row(), self.group.items[index.column()].id

    def focus_cell(self, row: int, item_id: str) -> bool:
        if not 0 <= row < self.model.rowCount():
            return False
        index = self.model.index(row, self.model.column_of(item_id))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.setCurrentIndex(index)
        return True

    def focus_first(self) -> None:
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def reload(self) -> None:
        self.model.reload()

    def set_locked(self, locked: bool) -> None:
        """A signed case: the cells are read-only and no row is added or removed."""
        self._locked = locked
        self.model.set_locked(locked)
        self.add_button.setEnabled(not locked)
        self._update_buttons()

    def context_menu(self, row: int, item_id: str) -> QMenu:
        """The menu of a cell: History…, Remove row, then the editor's entries."""
        menu = QMenu(self)
        menu.setObjectName(f"menu_{self.group.id}")
        history = menu.addAction(icon("history"), self.tr("&History… (Ctrl+H)"))
        history.setObjectName("menu_history")
        history.setEnabled(self.model.row_key(row) is not None)
        history.triggered.connect(lambda: self.history_requested.emit(self.group.id, row, item_id))
        remove = menu.addAction(icon("remove-row"), self.tr("&Remove row (Ctrl+Delete)"))
        remove.setObjectName("menu_remove_row")
        remove.setEnabled(not self._locked)
        remove.triggered.connect(lambda: self.removal_requested.emit(self.group.id, row))
        self.menu_requested.emit(self.group.id, row, item_id, menu)
        return menu

    def refresh(self, findings: Findings) -> None:
        self.model.set_findings(findings)
        shown = self.model.row_issues()
        self.issues.set_issues(
            shown, [self.tr("row %1: ").replace("%1", str(i.row)) for i in shown]
        )
        self._update_buttons()

    # --- slots ------------------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        self.add_row()

    def _on_add_shortcut_activated(self) -> None:
        self.add_row()

    def _on_remove_button_clicked(self) -> None:
        cell = self.current_cell()
        if cell is not None and not self._locked:
            self.removal_requested.emit(self.group.id, cell[0])

    def _on_history_button_clicked(self) -> None:
        cell = self.current_cell()
        if cell is not None:
            self.history_requested.emit(self.group.id, cell[0], cell[1])

    def _on_model_entry_set(self, row: int, item_id: str) -> None:
        self.entry_set.emit(self.group.id, row, item_id)
        self._update_buttons()

    def _on_model_typed(self, row: int, item_id: str) -> None:
        self.typed.emit(self.group.id, row, item_id)

    def _on_model_rows_changed(self, *_args: object) -> None:
        rows = min(max(self.model.rowCount(), 1), _MAX_VISIBLE_ROWS)
        row_height = self.table.verticalHeader().defaultSectionSize()
        frame = 2 * self.table.frameWidth()
        header = self.table.horizontalHeader().sizeHint().height()
        scrollbar = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(header + rows * row_height + frame + scrollbar)
        self._update_buttons()

    def _on_table_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _on_table_activated(self, index: QModelIndex) -> None:
        # Enter on a cell that is not being edited starts editing it.
        if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.table.edit(index)

    def _on_table_context_menu_requested(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = self.context_menu(index.row(), self.group.items[index.column()].id)
        try:
            menu.exec(self.table.viewport().mapToGlobal(pos))
        finally:
            menu.deleteLater()

    def _update_buttons(self) -> None:
        cell = self.current_cell()
        self.remove_button.setEnabled(cell is not None and not self._locked)
        saved = cell is not None and self.model.row_key(cell[0]) is not None
        self.history_button.setEnabled(saved)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and is_plain_enter(event):
            index = self.table.currentIndex()
            if index.isValid() and self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.table.edit(index)
                return True
        return super().eventFilter(watched, event)
