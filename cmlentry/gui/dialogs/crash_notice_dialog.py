"""After a crash or a power cut: what was kept, and the typing that can be taken up again.

Written for a tired nurse at the end of a shift: when it happened (local time), that everything
saved until then is kept — listed form by form from the audit trail, not from what the screen
last said — and, for each form with unsaved typing recovered, an "Open" button that takes her
straight back to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.dialogs.history_table_model import utc_moment
from cmlentry.gui.icons import icon
from cmlentry.services.definitions import installed_definitions

if TYPE_CHECKING:
    from cmlentry.services.drafts import Draft
    from cmlentry.services.sessions import SavedForm, UncleanEnd

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)


def local_text(at_utc: str, today: dt.date) -> str:
    """``HH:MM`` in local time when it is ``today``, else ``YYYY-MM-DD HH:MM``."""
    moment = utc_moment(at_utc)
    if moment is None:
        return at_utc
    local = moment.astimezone()
    if local.date() == today:
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


class SavedFormsTableModel(QAbstractTableModel):
    """The forms saved in the run that ended: registry ID, form, time saved, changes."""

    def __init__(
        self, saved: Sequence[SavedForm], today: dt.date, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._saved = list(saved)
        self._today = today
        self._headers = [
            self.tr("Registry ID"),
            self.tr("Form"),
            self.tr("Saved at"),
            self.tr("Changes"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 -- Qt's signature
        return 0 if parent.isValid() else len(self._saved)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._saved):
            return None
        form = self._saved[index.row()]
        if role == _DISPLAY:
            return (
                form.registry_id,
                form.form_label,
                local_text(form.saved_at, self._today),
                self.tr("%n change(s)", "", form.changes),
            )[index.column()]
        if role == _ALIGN and index.column() == 3:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


class CrashNoticeDialog(QDialog):
    """Says what the run that did not close properly kept, and offers its unsaved typing."""

    draft_chosen = Signal(str, str)
    """The nurse chose to open recovered typing; carries the registry ID and the form ID."""

    def __init__(
        self, unclean: UncleanEnd, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        """Build the notice; ``today`` (local date, default the computer's) decides whether
        times are shown with their date."""
        super().__init__(parent)
        self._today = today or dt.datetime.now().astimezone().date()
        self.setObjectName("crash_notice_dialog")
        self.setWindowTitle(self.tr("cmlentry did not close properly"))
        self._unclean = unclean
        self._open_buttons: list[QPushButton] = []

        badge = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        badge.setPixmap(icon("info").pixmap(size, size))
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._headline = QLabel(self._headline_text(), self)
        self._headline.setObjectName("crash_notice_headline")
        self._headline.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(badge)
        heading.addWidget(self._headline, 1)

        self._saved = QTableView(self)
        self._saved.setObjectName("crash_notice_saved")
        self._saved.setAccessibleName(self.tr("Forms saved before cmlentry stopped"))
        self._saved.setModel(SavedFormsTableModel(unclean.saved, self._today, self))
        self._setup_table()
        self._saved.setVisible(bool(unclean.saved))

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self._saved, 1)
        self._add_drafts(layout, unclean.drafts)

        buttons = QDialogButtonBox(self)
        self._continue = QPushButton(self.tr("&Continue"), self)
        self._continue.setObjectName("crash_notice_continue")
        self._continue.setDefault(True)
        buttons.addButton(self._continue, QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        self._continue.setFocus()
        self.resize(620, self.sizeHint().height())

    def _headline_text(self) -> str:
        unclean = self._unclean
        when = local_text(unclean.last_seen_at, self._today)
        text = self.tr(
            "cmlentry did not close properly at about %1 (its last sign of life). Nothing you "
            "saved is lost."
        ).replace("%1", when)
        if unclean.saved:
            text += " " + self.tr("These forms were saved in that session and are kept:")
        else:
            text += " " + self.tr("No form was saved in that session.")
        return text

    def _setup_table(self) -> None:
        table = self._saved
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do there; Tab goes to Open
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Up to eight rows without scrolling and no empty space below; a longer list scrolls.
        rows = len(self._unclean.saved)
        row_height = table.verticalHeader().defaultSectionSize()
        height = header.sizeHint().height() + min(rows, 8) * row_height + 2 * table.frameWidth()
        table.setMinimumHeight(height)
        if rows <= 8:
            table.setMaximumHeight(height)

    def _add_drafts(self, layout: QVBoxLayout, drafts: Sequence[Draft]) -> None:
        if not drafts:
            return
        usable = [d for d in drafts if d.usable]
        unusable = [d for d in drafts if not d.usable]
        labels = {f.id: f.label for f in installed_definitions().current.forms}
        if usable:
            intro = QLabel(
                self.tr(
                    "Unsaved typing was recovered for the forms below. Open one to check it and "
                    "save it; typing you do not open now stays kept."
                ),
                self,
            )
            intro.setObjectName("crash_notice_drafts")
            intro.setWordWrap(True)
            layout.addWidget(intro)
            layout.addLayout(self._draft_rows(usable, labels))
        if unusable:
            lost = QLabel(self)
            lost.setObjectName("crash_notice_unusable")
            lost.setWordWrap(True)
            lost.setTextFormat(Qt.TextFormat.PlainText)
            lines = [
                self.tr(
                    "Typing that cannot be restored; enter it again (saved answers are unchanged):"
                )
            ]
            lines += [
                self.tr("%1, %2: %3")
                .replace("%1", d.registry_id)
                .replace("%2", labels.get(d.form_id, d.form_id))
                .replace("%3", d.problem or "")
                for d in unusable
            ]
            lost.setText("\n".join(lines))
            layout.addWidget(lost)

    def _draft_rows(self, drafts: Sequence[Draft], labels: dict[str, str]) -> QGridLayout:
        grid = QGridLayout()
        for row, draft in enumerate(drafts):
            form = labels.get(draft.form_id, draft.form_id)
            text = QLabel(
                self.tr("%1 — %2, typed until %3")
                .replace("%1", draft.registry_id)
                .replace("%2", form)
                .replace("%3", local_text(draft.saved_at, self._today)),
                self,
            )
            text.setTextFormat(Qt.TextFormat.PlainText)
            button = QPushButton(icon("open"), self.tr("Open"), self)
            button.setObjectName(f"crash_notice_open_{row}")
            button.setAccessibleName(
                self.tr("Open %1 of %2").replace("%1", form).replace("%2", draft.registry_id)
            )
            button.clicked.connect(
                lambda _checked=False, d=draft: self._on_open_clicked(d.registry_id, d.form_id)
            )
            text.setBuddy(button)
            grid.addWidget(text, row, 0)
            grid.addWidget(button, row, 1)
            self._open_buttons.append(button)
        grid.setColumnStretch(0, 1)
        return grid

    # --- public API -------------------------------------------------------------------------------

    @property
    def open_buttons(self) -> list[QPushButton]:
        """One "Open" button per recovered draft, in the order of ``unclean.drafts``."""
        return list(self._open_buttons)

    @property
    def saved_table(self) -> QTableView:
        return self._saved

    # --- slots ------------------------------------------------------------------------------------

    def _on_open_clicked(self, registry_id: str, form_id: str) -> None:
        # The notice is window-modal: it must close for the editor to be reached.
        self.draft_chosen.emit(registry_id, form_id)
        self.accept()
