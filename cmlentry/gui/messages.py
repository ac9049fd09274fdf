"""Errors as sentences a nurse reads in her own language, and the yes/no question.

The core raises :class:`~cmlentry.errors.CmlentryError` subclasses that carry an English
``template`` and ``params``. :func:`describe` looks the template up in the ``"errors"``
translation context and fills in the same params, so a French nurse reads French. lupdate cannot
see these dynamic strings: ``python -m cmlentry.gui.translations --update`` writes every error
template into the ``.ts`` files (see docs/translations.md).

Anything that is not a ``CmlentryError`` is a defect: the person reads one generic sentence and
the details (type and code lines, never the exception's text, which may quote a typed value) go
to the log.

Message boxes are opened window-modal and returned at once (``QDialog.open``), not run with
``exec()``: callers carry on, tests find the box by object name (``"error_box"``) and nothing
blocks a worker's result. :func:`confirm` must answer, so it runs its own loop; its buttons are
named ``"confirm_yes"`` and ``"confirm_no"`` for tests.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from cmlentry.errors import CmlentryError

log = logging.getLogger(__name__)

ERRORS_CONTEXT = "errors"
_PLACEHOLDER = re.compile(r"{(\w+)}")

# Parentless boxes are owned by Python alone; keep them alive until they close.
_open_boxes: set[QMessageBox] = set()


def generic_sentence() -> str:
    """The sentence shown for an unexpected problem (a defect, not a user's mistake)."""
    # Literal contexts: lupdate cannot follow a variable.
    return QCoreApplication.translate(
        "messages",
        "cmlentry met an unexpected problem. Your saved work is safe; try again, and if it "
        "happens again, tell your site administrator.",
    )


def describe(exc: BaseException) -> str:
    """The sentence to show a person for ``exc``, in the installed language.

    A :class:`CmlentryError` is translated by its class's template and filled with its params;
    if the translation is unusable (a translator dropped a placeholder) the English sentence is
    shown instead of nothing. Anything else gets :func:`generic_sentence`.
    """
    if not isinstance(exc, CmlentryError):
        return generic_sentence()
    template = type(exc).template
    params = exc.params
    try:
        english = template.format(**params)
    except (KeyError, IndexError, ValueError):
        return exc.message
    if english != exc.message:
        # Raised with a template of its own (``CmlentryError("...", **params)``): there is no
        # catalogue entry for it, so show its own English sentence.
        return exc.message
    translated = QCoreApplication.translate(ERRORS_CONTEXT, template)
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):
        log.warning("translation of %s does not fit its params", exc.code)
        return english


def placeholders(template: str) -> set[str]:
    """The ``{name}`` placeholders of an error template."""
    return set(_PLACEHOLDER.findall(template))


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """Tell the person what went wrong, without blocking the caller.

    A :class:`CmlentryError` opens a warning box with :func:`describe`'s sentence. Anything else
    is logged (type and code lines only) and opens the unexpected-problem dialog, whose details
    can be copied for the site administrator.
    """
    if not isinstance(exc, CmlentryError):
        from cmlentry.gui.error_dialog import ErrorDialog, log_unexpected

        log_unexpected(exc)
        ErrorDialog.show_for(parent, exc)
        return
    box = QMessageBox(parent)
    box.setObjectName("error_box")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("messages", "cmlentry"))
    box.setText(describe(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _keep_until_closed(box)
    box.open()


def inform(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """Say that something finished, without blocking (object name ``"info_box"``)."""
    box = QMessageBox(parent)
    box.setObjectName("info_box")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _keep_until_closed(box)
    box.open()
    return box


def _keep_until_closed(box: QMessageBox) -> None:
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))
    # A box whose window is deleted first (a window closed with a message still up) goes too.
    box.destroyed.connect(lambda *_args: _open_boxes.discard(box))


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    """Ask a question whose buttons say what they do; True when ``yes`` was chosen.

    ``no`` is the default button and Escape answers ``no``, so a stray Enter never deletes or
    overrides anything.
    """
    box = QMessageBox(parent)
    box.setObjectName("confirm_box")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes_button = QPushButton(yes, box)
    yes_button.setObjectName("confirm_yes")
    no_button = QPushButton(no, box)
    no_button.setObjectName("confirm_no")
    box.addButton(yes_button, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no_button, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    chosen = box.clickedButton() is yes_button
    box.deleteLater()
    return chosen
