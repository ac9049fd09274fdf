"""Unlocking: signing in to a workspace, or lifting the lock of the one already open.

Two modes share one dialog:

* **sign in** (``UnlockDialog(folder)``): user name and password; the unlock
  (:func:`~cmlentry.services.workspace.open_workspace`, Argon2id) runs on the worker thread with
  the fields disabled. On success :attr:`UnlockDialog.workspace` is the open workspace. A first
  login asks for a new password (:class:`PasswordDialog`) before the dialog accepts. "Forgot your
  password?" explains the recovery key and opens :class:`RecoveryDialog`.
* **lock screen** (:meth:`UnlockDialog.for_relock`): the signed-in user's password only, checked
  against their key slot without reopening the database (:func:`unlock_screen`); or "Sign in as
  someone else", which emits :attr:`UnlockDialog.switch_user_requested` (the start flow closes the
  workspace and signs the next person in).

Every refusal is one sentence under the fields; the password is cleared and focused, the user
name kept. A wait after repeated failures counts down and re-enables Unlock by itself.

The dialog is built in code, not from ``ui/unlock_dialog.ui``: most of it is behaviour (two
modes, a busy state, a count-down), the ``ui/`` sources are not yet packaged for run-time
loading, and QUiLoader's widgets would reach mypy untyped.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmlentry.errors import AccountDisabled, AccountLocked, LoginDelayed
from cmlentry.gui.icons import icon
from cmlentry.gui.messages import describe
from cmlentry.gui.password_dialog import PasswordDialog, RecoveryDialog, message_label, say
from cmlentry.gui.workers import CancelledFn, Op, ProgressFn
from cmlentry.services.relock import unlock_screen
from cmlentry.services.workspace import DEFAULT_POLICY, Clock, Workspace, open_workspace

if TYPE_CHECKING:
    from cmlentry.crypto.keyslots import KdfPolicy

COUNTDOWN_TICK_MS = 250


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnlockDialog(QDialog):
    """Sign in to the workspace in ``folder``; after ``accept()``, :attr:`workspace` is open.

    Args:
        folder: The workspace folder.
        parent: Owner window.
        clock: UTC clock (the login throttle counts with it).
        policy: Argon2id policy a weaker key slot is upgraded to at login.
        signed_in: The open workspace whose lock is lifted (use :meth:`for_relock`).
        username: The user name to fill in (the last one used), so the password is asked first.
    """

    switch_user_requested = Signal()
    """Lock screen only: someone else wants to sign in; the open workspace must be closed."""

    def __init__(
        self,
        folder: Path,
        parent: QWidget | None = None,
        *,
        clock: Clock = utc_now,
        policy: KdfPolicy = DEFAULT_POLICY,
        signed_in: Workspace | None = None,
        username: str = "",
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._clock = clock
        self._policy = policy
        self._signed_in = signed_in
        self._running = False
        self._delayed_until: datetime | None = None
        self._barred = False  # lock screen: the account is locked or disabled
        self.workspace: Workspace | None = None
        self.password_dialog: PasswordDialog | None = None
        self.setObjectName("unlock_dialog")
        self.setWindowIcon(icon("lock"))
        self.setWindowTitle(
            self.tr("cmlentry is locked") if signed_in else self.tr("Sign in to cmlentry")
        )
        self._build()
        self._countdown = QTimer(self)
        self._countdown.setInterval(COUNTDOWN_TICK_MS)
        self._connect()
        if username and signed_in is None:
            self._username.setText(username)
        self._update_unlock()
        (self._password if signed_in or username else self._username).setFocus()

    @classmethod
    def for_relock(cls, ws: Workspace, parent: QWidget | None = None) -> UnlockDialog:
        """The lock screen of the open workspace ``ws``: its user's password, or someone else."""
        return cls(ws.folder.folder, parent, clock=ws.clock, policy=ws.policy, signed_in=ws)

    @property
    def relock(self) -> bool:
        return self._signed_in is not None

    @property
    def username(self) -> str:
        """The user name as typed (after ``accept()``: the one that signed in)."""
        return self._username.text().strip().lower()

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        picture = QLabel(self)
        picture.setPixmap(icon("lock").pixmap(QSize(48, 48)))
        if self._signed_in is not None:
            user = self._signed_in.user
            who = self.tr("Signed in as {name} ({user}). Give your password to go on.").format(
                name=user.printed_name, user=user.username
            )
        else:
            who = self.tr("Workspace: {folder}").format(folder=self._folder)
        self._where = QLabel(who, self)
        self._where.setObjectName("unlock_where")
        self._where.setWordWrap(True)
        self._where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self._where, 1)

        self._username = QLineEdit(self)
        self._username.setObjectName("unlock_username")
        self._username.setAccessibleName(self.tr("User name"))
        self._username.setMaxLength(32)
        self._password = QLineEdit(self)
        self._password.setObjectName("unlock_password")
        self._password.setAccessibleName(self.tr("Password"))
        self._password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        if self._signed_in is None:
            form.addRow(self.tr("&User name:"), self._username)
        else:
            self._username.setText(self._signed_in.user.username)
            self._username.hide()
        form.addRow(self.tr("&Password:"), self._password)

        self._message = message_label(self, "unlock_message")
        self._message.setAccessibleName(self.tr("Why the unlock failed"))
        self._busy_bar = QProgressBar(self)
        self._busy_bar.setObjectName("unlock_busy")
        self._busy_bar.setRange(0, 0)
        self._busy_bar.setTextVisible(False)
        self._busy_bar.setAccessibleName(self.tr("Checking the password"))
        self._busy_bar.setMaximumHeight(6)
        self._busy_bar.hide()

        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self._busy_bar)
        layout.addWidget(self._message)
        layout.addWidget(self._forgot, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._forgot_panel)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(420)
        self.setTabOrder(self._username, self._password)
        self.setTabOrder(self._password, self._unlock)

    def _build_buttons(self) -> None:
        self._forgot = QPushButton(self.tr("&Forgot your password?"), self)
        self._forgot.setObjectName("unlock_forgot")
        self._forgot.setFlat(True)
        self._forgot.setAutoDefault(False)
        self._forgot_panel = self._build_forgot_panel()
        self._forgot.setVisible(self._signed_in is None)

        self._buttons = QDialogButtonBox(self)
        self._unlock = QPushButton(icon("unlock"), self.tr("U&nlock"), self)
        self._unlock.setObjectName("unlock_button")
        self._unlock.setDefault(True)
        self._buttons.addButton(self._unlock, QDialogButtonBox.ButtonRole.AcceptRole)
        self._switch = QPushButton(icon("users"), self.tr("Sign in as &someone else"), self)
        self._switch.setObjectName("unlock_switch_user")
        self._switch.setAutoDefault(False)
        self._switch.setVisible(self._signed_in is not None)
        if self._signed_in is not None:
            self._buttons.addButton(self._switch, QDialogButtonBox.ButtonRole.ActionRole)
        self._cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._cancel.setObjectName("unlock_cancel")
        self._cancel.setAutoDefault(False)

    def _build_forgot_panel(self) -> QFrame:
        panel = QFrame(self)
        panel.setObjectName("unlock_forgot_panel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        text = QLabel(
            self.tr(
                "Your site administrator can set a new first password for you. If no "
                "administrator can sign in, the principal investigator holds the workspace's "
                "recovery key (in a sealed envelope): with it, a new password can be set for any "
                "user."
            ),
            panel,
        )
        text.setWordWrap(True)
        self._recover = QPushButton(icon("key"), self.tr("&Recover with the recovery key…"), panel)
        self._recover.setObjectName("unlock_recover")
        self._recover.setAutoDefault(False)
        layout = QVBoxLayout(panel)
        layout.addWidget(text)
        layout.addWidget(self._recover, 0, Qt.AlignmentFlag.AlignLeft)
        panel.hide()
        return panel

    def _connect(self) -> None:
        self._username.textEdited.connect(self._on_username_text_edited)
        self._username.returnPressed.connect(self._on_username_return_pressed)
        self._password.textEdited.connect(self._on_password_text_edited)
        self._unlock.clicked.connect(self._on_unlock_clicked)
        self._switch.clicked.connect(self._on_switch_clicked)
        self._cancel.clicked.connect(self.reject)
        self._forgot.clicked.connect(self._on_forgot_clicked)
        self._recover.clicked.connect(self._on_recover_clicked)
        self._countdown.timeout.connect(self._on_countdown_timeout)

    # --- state --------------------------------------------------------------------------------

    def _update_unlock(self) -> None:
        self._unlock.setEnabled(
            not self._running
            and not self._barred
            and self._delayed_until is None
            and bool(self._username.text().strip())
            and bool(self._password.text())
        )

    def _set_busy(self, busy: bool) -> None:
        self._running = busy
        self._busy_bar.setVisible(busy)
        for widget in (self._username, self._forgot, self._recover, self._switch, self._cancel):
            widget.setEnabled(not busy)
        self._password.setEnabled(not busy and not self._barred)
        self._update_unlock()

    def reject(self) -> None:
        # While the worker checks the password its result must find this dialog.
        if not self._running:
            super().reject()

    # --- slots --------------------------------------------------------------------------------

    def _on_username_text_edited(self, _text: str) -> None:
        self._update_unlock()

    def _on_username_return_pressed(self) -> None:
        self._password.setFocus()

    def _on_password_text_edited(self, _text: str) -> None:
        self._update_unlock()

    def _on_unlock_clicked(self) -> None:
        if not self._unlock.isEnabled():
            return
        password = self._password.text()
        say(self._message, "")
        self._set_busy(True)
        if self._signed_in is not None:
            ws = self._signed_in
            Op(self, lambda _p, _c: unlock_screen(ws, password)).success(self._on_relocked).failure(
                self._on_failed
            ).run()
            return
        folder, username = self._folder, self._username.text().strip().lower()
        clock, policy = self._clock, self._policy

        def work(_progress: ProgressFn, _cancelled: CancelledFn) -> Workspace:
            return open_workspace(folder, username, password, clock=clock, policy=policy)

        Op(self, work).success(self._on_opened).failure(self._on_failed).run()

    def _on_relocked(self, _none: None) -> None:
        self._set_busy(False)
        self._password.clear()
        self.workspace = self._signed_in
        self.accept()

    def _on_opened(self, ws: Workspace) -> None:
        self._set_busy(False)
        self._password.clear()
        if not ws.user.must_change_password:
            self.workspace = ws
            self.accept()
            return
        dialog = PasswordDialog(ws, self, first_login=True)
        self.password_dialog = dialog
        dialog.accepted.connect(lambda: self._on_first_password_chosen(ws))
        dialog.rejected.connect(lambda: self._on_first_password_refused(ws))
        dialog.open()

    def _on_first_password_chosen(self, ws: Workspace) -> None:
        self.password_dialog = None
        self.workspace = ws
        self.accept()

    def _on_first_password_refused(self, ws: Workspace) -> None:
        self.password_dialog = None
        ws.close()
        say(
            self._message,
            self.tr(
                "You must choose your own password before you can work. Sign in again when "
                "you are ready."
            ),
        )
        self._password.setFocus()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._password.clear()
        if isinstance(exc, LoginDelayed):
            seconds = exc.params.get("seconds", 1)
            wait = seconds if isinstance(seconds, int) else 1
            self._delayed_until = self._clock() + timedelta(seconds=wait)
            self._countdown.start()
        if self._signed_in is not None and isinstance(exc, (AccountLocked, AccountDisabled)):
            # Only someone else can sign in now; the lock stays.
            self._barred = True
            self._password.setEnabled(False)
            self._switch.setFocus()
        else:
            self._password.setFocus()
        say(self._message, describe(exc))
        self._update_unlock()

    def _on_countdown_timeout(self) -> None:
        if self._delayed_until is None:
            self._countdown.stop()
            return
        remaining = (self._delayed_until - self._clock()).total_seconds()
        if remaining > 0:
            say(self._message, describe(LoginDelayed(seconds=math.ceil(remaining))))
            return
        self._countdown.stop()
        self._delayed_until = None
        say(self._message, self.tr("You can try again now."))
        self._update_unlock()

    def _on_switch_clicked(self) -> None:
        self.switch_user_requested.emit()
        self.reject()

    def _on_forgot_clicked(self) -> None:
        self._forgot_panel.setVisible(not self._forgot_panel.isVisible())
        if self._forgot_panel.isVisible():
            self._recover.setFocus()

    def _on_recover_clicked(self) -> None:
        dialog = RecoveryDialog(
            self._folder,
            self._username.text().strip(),
            self,
            clock=self._clock,
            policy=self._policy,
        )
        dialog.accepted.connect(lambda: self._on_recovered(dialog.username))
        dialog.open()

    def _on_recovered(self, username: str) -> None:
        self._forgot_panel.hide()
        self._username.setText(username)
        self._delayed_until = None
        self._countdown.stop()
        say(
            self._message,
            self.tr("A new password was set for {user}. Sign in with it now.").format(
                user=username
            ),
        )
        self._password.setFocus()
        self._update_unlock()
