"""See and correct who one case is, in this computer's identification list.

Only site roles may read the list; the identity service refuses anyone else, and the dialog then
shows the service's sentence and nothing more. Recording an identity for the first time needs no
reason; correcting one does (the audit trail says which fields changed and why, never their
values). Saving runs on the worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmlentry.errors import CmlentryError
from cmlentry.gui.dialogs.identity_fields import IdentityFields, IdentityInput, identity_input
from cmlentry.gui.dialogs.reason_dialog import ReasonBox
from cmlentry.gui.icons import icon
from cmlentry.gui.messages import describe
from cmlentry.gui.workers import CancelledFn, Op, ProgressFn

if TYPE_CHECKING:
    from cmlentry.services.identities import Identity, IdentityService


class IdentityDialog(QDialog):
    """The identification of one case: family name, given names, birth date, hospital number."""

    def __init__(
        self, registry_id: str, identities: IdentityService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("identity_dialog")
        self.setWindowTitle(self.tr("Patient identity — %1").replace("%1", registry_id))
        self.setWindowIcon(icon("user"))
        self._registry_id = registry_id
        self._identities = identities
        self._stored: IdentityInput | None = None
        self._busy = False

        self._local = QLabel(
            self.tr(
                "Who case %1 is, kept only in this computer's identification list. It never "
                "leaves this computer."
            ).replace("%1", registry_id),
            self,
        )
        self._local.setObjectName("identity_local_only")
        self._local.setWordWrap(True)
        self.fields = IdentityFields(self)
        self._reason_label = QLabel(self.tr("&Reason for the correction:"), self)
        self._reason = ReasonBox(
            [
                self.tr("typing error corrected"),
                self.tr("name changed (marriage or other)"),
                self.tr("checked against the hospital record"),
            ],
            self,
            accessible_name=self.tr("Reason for the correction"),
            placeholder=self.tr("Why is the identity corrected?"),
        )
        self._reason.setObjectName("identity_reason")
        self._reason_label.setBuddy(self._reason)
        self._message = QLabel(self)
        self._message.setObjectName("identity_message")
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QDialogButtonBox(self)
        self._save = QPushButton(self.tr("&Save identity"), self)
        self._save.setObjectName("identity_save")
        self._save.setDefault(True)
        buttons.addButton(self._save, QDialogButtonBox.ButtonRole.AcceptRole)
        self._cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(self._local)
        layout.addWidget(self.fields)
        layout.addWidget(self._reason_label)
        layout.addWidget(self._reason)
        layout.addWidget(self._message)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.fields.edited.connect(self._on_fields_edited)
        self._reason.editTextChanged.connect(self._on_reason_edit_text_changed)
        self._save.clicked.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        self._load()

    def _load(self) -> None:
        try:
            stored = self._identities.get(self._registry_id)
        except CmlentryError as exc:
            # Refused (a role that may not see the list) or no such case: say why, show nothing.
            for widget in (self.fields, self._reason_label, self._reason, self._save, self._local):
                widget.setVisible(False)
            self._cancel.setText(self.tr("Close"))
            self._say(describe(exc))
            return
        if stored is not None:
            self._stored = _input(stored)
            self.fields.set_value(self._stored)
        self._update()
        self.fields.setFocus()

    # --- public API -------------------------------------------------------------------------------

    @property
    def save_button(self) -> QPushButton:
        return self._save

    @property
    def reason_box(self) -> ReasonBox:
        return self._reason

    @property
    def message(self) -> str:
        return self._message.text() if self._message.isVisibleTo(self) else ""

    def reject(self) -> None:
        if not self._busy:  # a save under way must end, and be shown, first
            super().reject()

    # --- slots ------------------------------------------------------------------------------------

    def _on_fields_edited(self) -> None:
        self._say("")
        self._update()

    def _on_reason_edit_text_changed(self, _text: str) -> None:
        self._update()

    def _on_save_clicked(self) -> None:
        if self._busy or not self._save.isEnabled():
            return
        today = self._identities.ws.clock().astimezone().date()
        problem = self.fields.problem(today, required=self._stored is not None)
        if problem is not None:
            error, field = problem
            self._say(describe(error))
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        value = self.fields.value()
        reason = self._reason.reason() if self._stored is not None else None
        identities, registry_id = self._identities, self._registry_id

        def work(_progress: ProgressFn, _cancelled: CancelledFn) -> Identity:
            return identities.set(
                registry_id,
                value.family_name,
                value.given_names,
                value.birth_date or None,
                value.hospital_number or None,
                reason=reason,
            )

        self._set_busy(True)
        (
            Op(self, work)
            .success(self._on_saved)
            .failure(self._on_save_failed)
            .finished(lambda: self._set_busy(False))
            .run()
        )

    def _on_saved(self, _identity: Identity) -> None:
        self._busy = False
        self.accept()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._say(describe(exc) + " " + self.tr("The identity was not changed."))

    # --- helpers ----------------------------------------------------------------------------------

    def _update(self) -> None:
        """Save only a change; a correction of a recorded identity only with a reason."""
        value = self.fields.value()
        correcting = self._stored is not None
        changed = value != self._stored if correcting else not value.is_empty
        self._reason_label.setVisible(correcting and changed)
        self._reason.setVisible(correcting and changed)
        reason_ok = not correcting or self._reason.reason() is not None
        self._save.setEnabled(changed and reason_ok and not self._busy)

    def _say(self, text: str) -> None:
        self._message.setText(text)
        self._message.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.fields.setEnabled(not busy)
        self._reason.setEnabled(not busy)
        self._cancel.setEnabled(not busy)
        self._update()


def _input(identity: Identity) -> IdentityInput:
    return identity_input(
        identity.family_name, identity.given_names, identity.birth_date, identity.hospital_number
    )
