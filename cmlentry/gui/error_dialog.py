"""The dialog for an unexpected problem, with details a person can copy for support.

It says one plain sentence (saved work is safe: every save is a committed transaction, so a
defect can only lose what was being done at that moment), offers a "Details" section with the
traceback, a Copy button, and where the log file is.

What the details hold, and why: the exception's *type* and, frame by frame, the file, line,
function and source line — that is code, the same on every computer. They never hold local
variables, and never the text (``args``) of an exception that is not a
:class:`~cmlentry.errors.CmlentryError`: Python's own messages quote the offending value
(``invalid literal for int() with base 10: '…'``), which may be something a nurse typed about a
patient. A ``CmlentryError``'s sentence is kept: its params are designed to carry no patient data
(see ``cmlentry/errors.py``). The same redacted text is what goes to the log.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cmlentry import __version__
from cmlentry.errors import CmlentryError
from cmlentry.gui import messages

log = logging.getLogger(__name__)

# The log file's path, set by cmlentry.gui.app once logging is configured.
_log_file: Path | None = None
# Parentless dialogs are owned by Python alone; keep them alive until they close.
_open_dialogs: set[ErrorDialog] = set()


def set_log_file(path: Path | None) -> None:
    """Tell the dialog where the log file is (shown to the person, for support)."""
    global _log_file  # noqa: PLW0603 -- one log file per process, set once at start-up
    _log_file = path


def _exception_line(exc: BaseException) -> str:
    name = f"{type(exc).__module__}.{type(exc).__qualname__}"
    if isinstance(exc, CmlentryError):
        return f"{name} [{exc.code}]: {exc.message}"
    return f"{name} (message withheld: it may quote what was typed)"


def redacted_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` and of the exceptions it was raised from, without their texts.

    Frames show file, line, function and source line only (no locals). Chained exceptions
    (``raise ... from`` and exceptions raised while handling another) come first, as Python
    prints them.
    """
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    parts: list[str] = []
    for position, item in enumerate(reversed(chain)):
        if position:
            parts.append("\nwhich led to:\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(item.__traceback__))
        parts.append(_exception_line(item) + "\n")
    return "".join(parts)


def log_unexpected(exc: BaseException) -> None:
    """Log an unexpected exception with its redacted traceback."""
    log.error("unexpected problem:\n%s", redacted_traceback(exc))


def details_text(exc: BaseException) -> str:
    """What the Copy button copies: version, platform and the redacted traceback."""
    return (
        f"cmlentry {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n"
        f"{redacted_traceback(exc)}"
    )


class ErrorDialog(QDialog):
    """Tells the person about an unexpected problem; details can be shown and copied."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_dialog")
        self.setWindowTitle(self.tr("cmlentry: unexpected problem"))
        self._details_text = details_text(exc)

        self._sentence = QLabel(messages.describe(exc), self)
        self._sentence.setObjectName("error_sentence")
        self._sentence.setWordWrap(True)

        self._toggle = QToolButton(self)
        self._toggle.setObjectName("error_details_toggle")
        self._toggle.setText(self.tr("Details"))
        self._toggle.setCheckable(True)
        self._toggle.setArrowType(Qt.ArrowType.RightArrow)
        self._toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._toggle.setAccessibleName(self.tr("Show the technical details"))

        self._details = QPlainTextEdit(self._details_text, self)
        self._details.setObjectName("error_details")
        self._details.setReadOnly(True)
        self._details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._details.setAccessibleName(self.tr("Technical details"))
        self._details.setVisible(False)

        if _log_file is not None:
            where = self.tr("The log file is %1.").replace("%1", str(_log_file))
        else:
            where = self.tr("No log file could be written on this computer.")
        self._log_label = QLabel(where, self)
        self._log_label.setObjectName("error_log_path")
        self._log_label.setWordWrap(True)
        self._log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._copy = QPushButton(self.tr("Copy details"), self)
        self._copy.setObjectName("error_copy")
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._buttons.addButton(self._copy, QDialogButtonBox.ButtonRole.ActionRole)

        top = QHBoxLayout()
        top.addWidget(self._toggle)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self._sentence)
        layout.addLayout(top)
        layout.addWidget(self._details, 1)
        layout.addWidget(self._log_label)
        layout.addWidget(self._buttons)

        self._toggle.toggled.connect(self._on_toggle_toggled)
        self._copy.clicked.connect(self._on_copy_clicked)
        self._buttons.rejected.connect(self.reject)
        self.setMinimumWidth(480)

    @classmethod
    def show_for(cls, parent: QWidget | None, exc: BaseException) -> ErrorDialog:
        """Open the dialog window-modal without blocking; return it (tests close it)."""
        dialog = cls(exc, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _open_dialogs.add(dialog)
        dialog.finished.connect(lambda _result: _open_dialogs.discard(dialog))
        dialog.open()
        return dialog

    def details(self) -> str:
        """The text the Copy button puts on the clipboard."""
        return self._details_text

    def _on_toggle_toggled(self, shown: bool) -> None:
        self._details.setVisible(shown)
        self._toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if shown:  # room for whole traceback lines; the person may widen it further
            self.resize(max(self.width(), 680), max(self.height(), 420))
        else:
            self.resize(self.width(), self.minimumSizeHint().height())

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self._details_text)


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` for the GUI: log the problem and tell the person, never crash.

    Exceptions escaping a Qt slot end here; the event loop carries on afterwards.
    """
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    parent = QApplication.activeWindow()
    if isinstance(exc, CmlentryError):
        # A typed error nobody caught is still a sentence the person can act on.
        log.warning("uncaught %s", exc.code)
        messages.show_error(parent, exc)
        return
    log_unexpected(exc)
    ErrorDialog.show_for(parent, exc)
