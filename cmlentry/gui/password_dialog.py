"""Choosing a password: your own (at the first login, or any time), or anyone's by recovery key.

:class:`PasswordDialog` changes the signed-in user's password through
:meth:`UserService.change_own_password`; at a first login (``must_change_password``) it says why
it appears. :class:`RecoveryDialog` sets a new password for a user with the workspace's recovery
key (:func:`cmlentry.services.workspace.recover`), for when a password is forgotten or an
account is locked. Both check the new password as it is typed (the same rules as the service)
and run the Argon2id work on the worker thread, with their fields disabled meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmlentry.domain import accounts
from cmlentry.errors import AccountDisabled, InvalidInput, UnknownUser, WeakPassword
from cmlentry.gui.icons import icon
from cmlentry.gui.messages import describe
from cmlentry.gui.workers import Op
from cmlentry.services.users import UserService
from cmlentry.services.workspace import UserInfo, Workspace, recover


def message_label(parent: QWidget, name: str) -> QLabel:
    """An empty label for one sentence about a field or a step (hidden while empty)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { color: #a40000; }")
    label.setVisible(False)
    return label


def say(label: QLabel, text: str) -> None:
    """Show ``text`` in a message label, or hide the label when ``text`` is empty."""
    label.setText(text)
    label.setVisible(bool(text))


def password_field(parent: QWidget, name: str, accessible_name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(accounts.MAX_PASSWORD_LENGTH)
    field.setAccessibleName(accessible_name)
    return field


class NewPasswordFields(QWidget):
    """A new password typed twice, checked as it is typed; :attr:`changed` follows every edit.

    Args:
        username: Returns the user name the password must not contain.
        parent: Owner widget.
    """

    changed = Signal()

    def __init__(self, username: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._username = username
        self.new = password_field(self, "new_password", self.tr("New password"))
        self.repeat = password_field(self, "repeat_password", self.tr("New password again"))
        hint = QLabel(
            self.tr(
                "At least {n} characters. A few unrelated words make a good password; "
                "it must not contain your user name."
            ).format(n=accounts.MIN_PASSWORD_LENGTH),
            self,
        )
        hint.setObjectName("password_hint")
        hint.setWordWrap(True)
        self.message = message_label(self, "new_password_message")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&New password:"), self.new)
        form.addRow(self.tr("&Repeat it:"), self.repeat)
        form.addRow("", hint)
        form.addRow("", self.message)
        self.new.textEdited.connect(self._on_new_text_edited)
        self.repeat.textEdited.connect(self._on_repeat_text_edited)
        self.new.returnPressed.connect(self._on_new_return_pressed)

    def password(self) -> str:
        return self.new.text()

    def problem(self) -> str:
        """The sentence that says what is wrong with the new password, or "" when it is fine."""
        password = self.new.text()
        if not password:
            return self.tr("Type the new password.")
        try:
            accounts.check_new_password(password, self._username().strip().lower())
        except WeakPassword as exc:
            return describe(exc)
        if self.repeat.text() != password:
            return self.tr("The two new passwords are not the same.")
        return ""

    def is_valid(self) -> bool:
        return not self.problem()

    def show_problem(self, text: str | None = None) -> None:
        """Show ``text``, or what :meth:`problem` finds once both fields have been typed in."""
        if text is None:
            text = self.problem() if self.new.text() and self.repeat.text() else ""
        say(self.message, text)

    def clear(self) -> None:
        self.new.clear()
        self.repeat.clear()
        say(self.message, "")
        self.changed.emit()

    def _on_new_text_edited(self, _text: str) -> None:
        self.show_problem()
        self.changed.emit()

    def _on_repeat_text_edited(self, _text: str) -> None:
        self.show_problem()
        self.changed.emit()

    def _on_new_return_pressed(self) -> None:
        self.repeat.setFocus()


class _BusyDialog(QDialog):
    """A dialog whose OK button runs one service call on the worker, fields disabled meanwhile.

    Escape does nothing while the call runs: its result must find the dialog it belongs to.
    """

    _running = False

    def _busy(self, busy: bool) -> None:
        self._running = busy
        for child in self.findChildren(QWidget):
            if isinstance(child, (QLineEdit, QPushButton)):
                child.setEnabled(not busy)
        if not busy:
            self._update_ok()

    def reject(self) -> None:
        if not self._running:
            super().reject()

    def _update_ok(self) -> None:
        raise NotImplementedError


class PasswordDialog(_BusyDialog):
    """The signed-in user chooses a new password; after ``accept()``, :attr:`user_info` is set.

    Args:
        ws: The open workspace of the user.
        parent: Owner window.
        first_login: Say that the first password, given by an administrator, must be replaced.
    """

    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, *, first_login: bool = False
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self.user_info: UserInfo | None = None
        self.setObjectName("password_dialog")
        self.setWindowTitle(self.tr("Choose a new password"))
        self.setWindowIcon(icon("key"))
        if first_login:
            intro = self.tr(
                "Welcome, {name}. The password you used was given to you by your site "
                "administrator: choose your own now. Nobody else should know it."
            ).format(name=ws.user.printed_name)
        else:
            intro = self.tr("Change the password of {user}.").format(user=ws.user.username)
        text = QLabel(intro, self)
        text.setObjectName("password_intro")
        text.setWordWrap(True)
        self._current = password_field(self, "current_password", self.tr("Current password"))
        self._fields = NewPasswordFields(lambda: ws.user.username, self)
        self._message = message_label(self, "password_message")
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setObjectName("password_ok")
        self._ok.setText(self.tr("&Change password"))
        self._ok.setIcon(icon("key"))

        current_form = QFormLayout()
        current_form.addRow(self.tr("C&urrent password:"), self._current)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(current_form)
        layout.addWidget(self._fields)
        layout.addWidget(self._message)
        layout.addWidget(self._buttons)
        self.setTabOrder(self._current, self._fields.new)
        self.setTabOrder(self._fields.new, self._fields.repeat)

        self._current.textEdited.connect(self._on_current_text_edited)
        self._current.returnPressed.connect(self._on_current_return_pressed)
        self._fields.changed.connect(self._update_ok)
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)
        self._update_ok()
        self._current.setFocus()

    def _update_ok(self) -> None:
        self._ok.setEnabled(bool(self._current.text()) and self._fields.is_valid())

    def _on_current_text_edited(self, _text: str) -> None:
        say(self._message, "")
        self._update_ok()

    def _on_current_return_pressed(self) -> None:
        self._fields.new.setFocus()

    def _on_buttons_accepted(self) -> None:
        if not self._ok.isEnabled():
            self._fields.show_problem(self._fields.problem())
            return
        old, new = self._current.text(), self._fields.password()
        service = UserService(self._ws)
        self._busy(True)
        say(self._message, "")
        (
            Op(self, lambda _progress, _cancelled: service.change_own_password(old, new))
            .success(self._on_changed)
            .failure(self._on_failed)
            .run()
        )

    def _on_changed(self, info: UserInfo) -> None:
        self.user_info = info
        self._busy(False)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, (WeakPassword, InvalidInput)):
            self._fields.show_problem(describe(exc))
            self._fields.new.setFocus()
            self._fields.new.selectAll()
            return
        say(self._message, describe(exc))
        self._current.clear()
        self._current.setFocus()
        self._update_ok()


class RecoveryDialog(_BusyDialog):
    """Set a new password for a user with the recovery key the principal investigator keeps.

    After ``accept()``, :attr:`username` is the user whose password was set.

    Args:
        folder: The workspace folder (closed: recovery opens it itself).
        username: Pre-filled user name.
        parent: Owner window.
        recover_kwargs: ``clock`` and ``policy`` passed on to ``recover``.
    """

    def __init__(
        self,
        folder: Path,
        username: str = "",
        parent: QWidget | None = None,
        **recover_kwargs: Any,
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._recover_kwargs = recover_kwargs
        self.username = ""
        self.setObjectName("recovery_dialog")
        self.setWindowTitle(self.tr("Set a password with the recovery key"))
        self.setWindowIcon(icon("key"))
        text = QLabel(
            self.tr(
                "The recovery key was shown once when the workspace was made and is kept sealed "
                "by the principal investigator. With it, a new password can be set for any "
                "user, and a locked account is unlocked."
            ),
            self,
        )
        text.setWordWrap(True)
        self._key = QLineEdit(self)
        self._key.setObjectName("recovery_key")
        self._key.setAccessibleName(self.tr("Recovery key"))
        self._key.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self._key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._key.setMaxLength(80)
        self._user = QLineEdit(username, self)
        self._user.setObjectName("recovery_username")
        self._user.setAccessibleName(self.tr("User name"))
        self._fields = NewPasswordFields(self._user.text, self)
        self._message = message_label(self, "recovery_message")
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setObjectName("recovery_ok")
        self._ok.setText(self.tr("&Set password"))

        form = QFormLayout()
        form.addRow(self.tr("Recovery &key:"), self._key)
        form.addRow(self.tr("&User name:"), self._user)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self._fields)
        layout.addWidget(self._message)
        layout.addWidget(self._buttons)
        self.setTabOrder(self._key, self._user)
        self.setTabOrder(self._user, self._fields.new)
        self.setTabOrder(self._fields.new, self._fields.repeat)

        for field in (self._key, self._user):
            field.textEdited.connect(self._on_field_text_edited)
        self._key.returnPressed.connect(self._on_key_return_pressed)
        self._user.returnPressed.connect(self._on_user_return_pressed)
        self._fields.changed.connect(self._update_ok)
        self._buttons.accepted.connect(self._on_buttons_accepted)
        self._buttons.rejected.connect(self.reject)
        self._update_ok()
        self._key.setFocus()

    def _update_ok(self) -> None:
        self._ok.setEnabled(
            bool(self._key.text().strip())
            and bool(self._user.text().strip())
            and self._fields.is_valid()
        )

    def _on_field_text_edited(self, _text: str) -> None:
        say(self._message, "")
        self._update_ok()

    def _on_key_return_pressed(self) -> None:
        self._user.setFocus()

    def _on_user_return_pressed(self) -> None:
        self._fields.new.setFocus()

    def _on_buttons_accepted(self) -> None:
        if not self._ok.isEnabled():
            self._fields.show_problem(self._fields.problem())
            return
        folder, key, user = self._folder, self._key.text(), self._user.text().strip().lower()
        password, kwargs = self._fields.password(), self._recover_kwargs
        self._busy(True)
        say(self._message, "")
        (
            Op(self, lambda _p, _c: recover(folder, key, user, password, **kwargs))
            .success(lambda _none: self._on_recovered(user))
            .failure(self._on_failed)
            .run()
        )

    def _on_recovered(self, username: str) -> None:
        self.username = username
        self._busy(False)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, (WeakPassword, InvalidInput)):
            self._fields.show_problem(describe(exc))
            self._fields.new.setFocus()
            return
        say(self._message, describe(exc))
        wrong_user = isinstance(exc, (UnknownUser, AccountDisabled))
        (self._user if wrong_user else self._key).setFocus()
