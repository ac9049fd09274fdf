"""Where batch files come in: a drop zone for several files, a button, and the import's state.

Files dropped or chosen are handed on as one list (:attr:`ImportPanel.files_chosen`); the
window runs the import. A dropped folder brings the batch files directly inside it. Files that
are not batches (``.cmlbatch``) are left out, and the panel says how many, so nothing is
skipped silently.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmlentry.gui.icons import icon

BATCH_SUFFIX = ".cmlbatch"


def dropped_files(mime: QMimeData) -> tuple[list[Path], int]:
    """The batch files named by ``mime`` (a folder gives the batches in it), and how many other
    local files or folders without a batch were left out."""
    batches: list[Path] = []
    left_out = 0
    for url in mime.urls() if mime.hasUrls() else []:
        if not url.isLocalFile():
            left_out += 1
            continue
        path = Path(url.toLocalFile())
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() == BATCH_SUFFIX)
            batches.extend(inside)
            left_out += 0 if inside else 1
        elif path.suffix.lower() == BATCH_SUFFIX:
            batches.append(path)
        else:
            left_out += 1
    return list(dict.fromkeys(batches)), left_out


class DropZone(QFrame):
    """A framed area that takes batch files dropped on it."""

    files_dropped = Signal(list, int)
    """The batch files dropped (``list[Path]``) and how many other things were left out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drop_zone")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(90)
        self.setAccessibleName(self.tr("Drop zone for batch files"))
        self._label = QLabel(
            self.tr("Drop batch files (.cmlbatch) here — several at once if you like"), self
        )
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setWordWrap(True)
        picture = QLabel(self)
        picture.setPixmap(icon("import").pixmap(32, 32))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(picture)
        layout.addWidget(self._label)
        self._set_highlight(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.isEnabled() and dropped_files(event.mimeData())[0]:
            event.acceptProposedAction()
            self._set_highlight(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.isEnabled():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_highlight(False)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_highlight(False)
        if not self.isEnabled():
            event.ignore()
            return
        batches, left_out = dropped_files(event.mimeData())
        event.acceptProposedAction()
        self.files_dropped.emit(batches, left_out)

    def _set_highlight(self, on: bool) -> None:
        # A thicker dashed border while something is dragged over: shape, not only colour.
        style = "2px dashed palette(highlight)" if on else "1px dashed palette(mid)"
        self.setStyleSheet(f"QFrame#drop_zone {{ border: {style}; border-radius: 6px; }}")


class ImportPanel(QWidget):
    """The drop zone, "Import files…", where acknowledgements go, and the running import."""

    files_chosen = Signal(list)
    """Batch files to import (``list[Path]``), dropped or chosen."""
    ack_folder_change_requested = Signal()
    """The coordinator wants to choose another folder for the acknowledgements."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_panel")
        self._last_folder = ""
        self.drop_zone = DropZone(self)
        self._choose = QPushButton(icon("import"), self.tr("&Import files…"), self)
        self._choose.setObjectName("import_choose")
        self._choose.setAccessibleName(self.tr("Import batch files"))
        self._ack_label = QLabel(self)
        self._ack_label.setObjectName("import_ack_folder")
        self._ack_label.setWordWrap(True)
        self._ack_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._change = QPushButton(self.tr("&Change…"), self)
        self._change.setObjectName("import_change_ack_folder")
        self._change.setAccessibleName(self.tr("Change the acknowledgement folder"))
        self._status = QLabel(self)
        self._status.setObjectName("import_status")
        self._status.setWordWrap(True)
        self._left_out = QLabel(self)
        self._left_out.setObjectName("import_left_out")
        self._left_out.setWordWrap(True)
        self._busy = QProgressBar(self)
        self._busy.setObjectName("import_busy")
        self._busy.setRange(0, 0)  # the progress window with Cancel shows the numbers
        self._busy.setAccessibleName(self.tr("Import under way"))
        self._busy.setVisible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self._choose)
        buttons.addWidget(self._ack_label, 1)
        buttons.addWidget(self._change)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Import batches</b>"), self))
        layout.addWidget(self.drop_zone)
        layout.addLayout(buttons)
        layout.addWidget(self._busy)
        layout.addWidget(self._left_out)
        layout.addWidget(self._status)

        self.drop_zone.files_dropped.connect(self._on_drop_zone_files_dropped)
        self._choose.clicked.connect(self._on_choose_clicked)
        self._change.clicked.connect(self.ack_folder_change_requested)

    # --- public -------------------------------------------------------------------------------

    def ask_files(self) -> None:
        """Ask for batch files (several may be chosen) and hand them on."""
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import batch files"),
            self._last_folder,
            self.tr("Batch files (*.cmlbatch);;All files (*)"),
        )
        if names:
            self._left_out.setText("")
            self._last_folder = str(Path(names[0]).parent)
            self.files_chosen.emit([Path(name) for name in names])

    def set_ack_folder(self, folder: Path) -> None:
        self._ack_label.setText(
            self.tr("Acknowledgements are written to: %1").replace("%1", str(folder))
        )

    def set_busy(self, busy: bool, text: str | None = None) -> None:
        """While an import runs nothing more can be dropped; ``text`` says what is going on."""
        self.set_available(not busy)
        self._busy.setVisible(busy)
        if text is not None:
            self.say(text)

    def set_available(self, available: bool) -> None:
        """Off until the registry database is open (and while the window is locked)."""
        for widget in (self.drop_zone, self._choose, self._change):
            widget.setEnabled(available)

    def say(self, text: str) -> None:
        self._status.setText(text)

    @property
    def status_text(self) -> str:
        return self._status.text()

    @property
    def left_out_text(self) -> str:
        return self._left_out.text()

    # --- slots --------------------------------------------------------------------------------

    def _on_drop_zone_files_dropped(self, batches: list[Path], left_out: int) -> None:
        self._left_out.setText(
            self.tr(
                "%n dropped item(s) left out: only batch files (.cmlbatch) are imported.",
                "",
                left_out,
            )
            if left_out
            else ""
        )
        if batches:
            self.files_chosen.emit(batches)

    def _on_choose_clicked(self) -> None:
        self.ask_files()
