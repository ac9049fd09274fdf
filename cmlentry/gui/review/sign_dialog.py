"""Signing one case: the meaning statement, the signer's user name and password typed again.

An electronic signature (security.md §3) is made by typing both parts of one's identity again,
after reading what the signature means. Both fields start empty every time, also for the
person already signed in. The check (Argon2id, about a second) runs on the worker thread while
the dialog shows a busy bar; a wrong password keeps the dialog open with the sentence under the
fields, the password cleared and the cursor back in it. On success the dialog closes and
:attr:`SignDialog.case_signed` carries the stored signature; :func:`show_signature` tells the
signer what was stored.

The meaning is shown in the interface's language; the signature stores the canonical English
statement (:data:`MEANING_APPROVAL`), and in another language a small line under the statement
quotes the English one as recorded.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmlentry.errors import AccountDisabled, AccountLocked, CmlentryError
from cmlentry.gui import messages
from cmlentry.gui.icons import icon
from cmlentry.gui.password_dialog import message_label, password_field, say
from cmlentry.gui.review.texts import (
    meaning_recorded_note,
    meaning_words,
    quoted,
    signature_details,
)
from cmlentry.gui.workers import Op
from cmlentry.services.review import MEANING_APPROVAL, ReviewService, SignatureInfo


class SignDialog(QDialog):
    """Sign the case ``registry_id`` with the meaning :data:`MEANING_APPROVAL`.

    Args:
        review: The review service of the signed-in user's workspace.
        registry_id: The case to sign.
        parent: Owner window.
    """

    case_signed = Signal(object)
    """The case was signed; carries the stored :class:`SignatureInfo`."""

    def __init__(
        self, review: ReviewService, registry_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._review = review
        self._registry_id = registry_id
        self._meaning = MEANING_APPROVAL
        self._running = False
        self._barred = False  # the account is locked or disabled: no further try from here
        self.signature: SignatureInfo | None = None
        self.setObjectName("sign_dialog")
        self.setWindowIcon(icon("signed"))
        self.setWindowTitle(self.tr("Sign case %1").replace("%1", registry_id))
        self._build()
        self._username.textEdited.connect(self._on_field_text_edited)
        self._password.textEdited.connect(self._on_field_text_edited)
        self._username.returnPressed.connect(self._on_username_return_pressed)
        self._password.returnPressed.connect(self._on_sign_clicked)
        self._sign.clicked.connect(self._on_sign_clicked)
        self._cancel.clicked.connect(self.reject)
        self._update_sign()
        self._username.setFocus()

    def _build(self) -> None:
        self._build_fields()
        buttons = QDialogButtonBox(self)
        self._sign = QPushButton(icon("signed"), self.tr("&Sign"), self)
        self._sign.setObjectName("sign_button")
        self._sign.setDefault(True)
        buttons.addButton(self._sign, QDialogButtonBox.ButtonRole.AcceptRole)
        self._cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._cancel.setObjectName("sign_cancel")
        self._cancel.setAutoDefault(False)

        form = QFormLayout()
        form.addRow(self.tr("Your &user name:"), self._username)
        form.addRow(self.tr("Your &password:"), self._password)
        hint = QLabel(self.tr("Type both again: they are your signature."), self)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in self._build_statement():
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self._busy)
        layout.addWidget(self._message)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.setTabOrder(self._username, self._password)
        self.setTabOrder(self._password, self._sign)

    def _build_statement(self) -> list[QWidget]:
        """The case, the meaning in large plain words, and what signing does."""
        case = QLabel(self._registry_id, self)
        case.setObjectName("sign_case")
        case.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        case.setFont(scaled_font(self.font(), 1.5, bold=True))
        case.setAccessibleName(self.tr("Case to sign"))

        intro = QLabel(self.tr("By signing this case you state:"), self)
        meaning = QLabel(quoted(meaning_words(self._meaning)), self)
        meaning.setObjectName("sign_meaning")
        meaning.setWordWrap(True)
        meaning.setTextFormat(Qt.TextFormat.PlainText)
        meaning.setFont(scaled_font(self.font(), 1.35, bold=False))
        meaning.setAccessibleName(self.tr("Meaning of the signature"))
        recorded = QLabel(meaning_recorded_note(self._meaning), self)
        recorded.setObjectName("sign_meaning_recorded")
        recorded.setWordWrap(True)
        recorded.setTextFormat(Qt.TextFormat.PlainText)
        recorded.setFont(scaled_font(self.font(), 0.85, bold=False))
        recorded.setVisible(bool(recorded.text()))  # the English interface shows it once
        meaning.setAccessibleDescription(recorded.text())
        frame = QFrame(self)
        frame.setObjectName("sign_meaning_frame")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inside = QVBoxLayout(frame)
        inside.addWidget(intro)
        inside.addWidget(meaning)
        inside.addWidget(recorded)

        consequence = QLabel(
            self.tr(
                "Your printed name, the time (UTC) and a fingerprint of every answer are stored "
                "with the signature. The case is then locked: changing it later needs you to "
                "unlock it with a reason, which drops this signature."
            ),
            self,
        )
        consequence.setObjectName("sign_consequence")
        consequence.setWordWrap(True)
        return [case, frame, consequence]

    def _build_fields(self) -> None:
        self._username = QLineEdit(self)
        self._username.setObjectName("sign_username")
        self._username.setAccessibleName(self.tr("Your user name"))
        self._username.setMaxLength(32)
        self._password = password_field(self, "sign_password", self.tr("Your password"))
        self._message = message_label(self, "sign_message")
        self._message.setAccessibleName(self.tr("Why the case was not signed"))
        self._busy = QProgressBar(self)
        self._busy.setObjectName("sign_busy")
        self._busy.setRange(0, 0)
        self._busy.setTextVisible(False)
        self._busy.setMaximumHeight(6)
        self._busy.setAccessibleName(self.tr("Checking your password"))
        self._busy.hide()

    # --- public API -------------------------------------------------------------------------------

    @property
    def registry_id(self) -> str:
        return self._registry_id

    @property
    def username_field(self) -> QLineEdit:
        return self._username

    @property
    def password_field(self) -> QLineEdit:
        return self._password

    @property
    def sign_button(self) -> QPushButton:
        return self._sign

    @property
    def message(self) -> QLabel:
        """The sentence under the fields (hidden while empty)."""
        return self._message

    @property
    def busy(self) -> bool:
        """The password is being checked."""
        return self._running

    # --- state ------------------------------------------------------------------------------------

    def _update_sign(self) -> None:
        self._sign.setEnabled(
            not self._running
            and not self._barred
            and bool(self._username.text().strip())
            and bool(self._password.text())
        )

    def _set_busy(self, busy: bool) -> None:
        self._running = busy
        self._busy.setVisible(busy)
        self._username.setEnabled(not busy and not self._barred)
        self._password.setEnabled(not busy and not self._barred)
        self._cancel.setEnabled(not busy)
        self._update_sign()

    def reject(self) -> None:
        # While the worker checks the password its answer must find this dialog.
        if not self._running:
            super().reject()

    # --- slots ------------------------------------------------------------------------------------

    def _on_field_text_edited(self, _text: str) -> None:
        self._update_sign()

    def _on_username_return_pressed(self) -> None:
        self._password.setFocus()

    def _on_sign_clicked(self) -> None:
        if not self._sign.isEnabled():
            return
        review, registry_id, meaning = self._review, self._registry_id, self._meaning
        username, password = self._username.text().strip().lower(), self._password.text()
        say(self._message, "")
        self._set_busy(True)
        (
            Op(self, lambda _p, _c: review.sign(registry_id, username, password, meaning))
            .success(self._on_signed)
            .failure(self._on_failed)
            .run()
        )

    def _on_signed(self, signature: SignatureInfo) -> None:
        self._set_busy(False)
        self._password.clear()
        self.signature = signature
        self.case_signed.emit(signature)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._password.clear()
        if not isinstance(exc, CmlentryError):
            messages.show_error(self, exc)
        if isinstance(exc, (AccountLocked, AccountDisabled)):
            self._barred = True
            self._set_busy(False)  # again: the fields stay off now
            self._cancel.setFocus()
        else:
            self._password.setFocus()
        say(self._message, messages.describe(exc))
        self._update_sign()


def show_signature(parent: QWidget | None, signature: SignatureInfo) -> QMessageBox:
    """Tell the signer what was stored: name, role, UTC and local time, meaning, fingerprint."""
    title = QCoreApplication.translate("review", "Case signed")
    box = messages.inform(parent, title, signature_details(signature))
    box.setObjectName("signature_box")
    box.setIconPixmap(icon("signed").pixmap(48, 48))
    return box


def scaled_font(font: QFont, factor: float, *, bold: bool) -> QFont:
    bigger = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        bigger.setPointSizeF(size * factor)
    else:
        bigger.setPixelSize(round(font.pixelSize() * factor))
    bigger.setBold(bold)
    return bigger
