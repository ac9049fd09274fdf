"""Registering a centre from the public key file its site administrator sent.

The coordinator chooses the site's ``.cmlkey`` file; the dialog shows whose key it is and its
fingerprint in large characters. A key file sent by e-mail could have been replaced on the way,
so Register stays disabled until the coordinator ticks that the fingerprint was read with the
centre by phone and matches. The registration then runs on the worker thread, and refuses the
file if it changed since it was shown (the key id compared is passed on).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmlentry.errors import CmlentryError
from cmlentry.gui import messages
from cmlentry.gui.icons import icon
from cmlentry.gui.password_dialog import message_label, say
from cmlentry.gui.setup_pages import big_monospace, text_label
from cmlentry.gui.workers import Op
from cmlentry.services.keys import KeyInfo, inspect_key_file
from cmlentry.services.registry.centres import CentreService, CentreStatus


class RegisterCentreDialog(QDialog):
    """Choose a site's key file, compare its fingerprint by phone, register the centre."""

    centre_registered = Signal(object)
    """The centre is registered (a :class:`CentreStatus`); the dialog then closes."""

    def __init__(self, centres: CentreService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._centres = centres
        self._path: Path | None = None
        self._key: KeyInfo | None = None
        self._running = False
        self.setObjectName("register_centre_dialog")
        self.setWindowTitle(self.tr("Register a centre"))
        self.setWindowIcon(icon("key"))
        self.setMinimumWidth(560)  # the fingerprint on one line, as the site's screen shows it

        intro = text_label(
            self,
            self.tr(
                "Choose the public key file (.cmlkey) the centre's site administrator sent you. "
                "Only batches signed with a registered key are ever imported."
            ),
        )
        self._path_field = QLineEdit(self)
        self._path_field.setObjectName("register_file")
        self._path_field.setReadOnly(True)
        self._path_field.setAccessibleName(self.tr("Key file of the centre"))
        self._choose = QPushButton(self.tr("C&hoose file…"), self)
        self._choose.setObjectName("register_choose")
        self._choose.setAccessibleName(self.tr("Choose the centre's key file"))
        self._message = message_label(self, "register_message")
        self._owner = text_label(self, "", "register_owner")
        self.fingerprint = big_monospace(self, "register_fingerprint", selectable=True)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint of the centre's key"))
        self._compare = text_label(
            self,
            self.tr(
                "Call the centre and have its site administrator read their key's fingerprint "
                "aloud (the last page of their set-up showed it), group by group. Register the "
                "key only if every group matches."
            ),
        )
        self.compared = QCheckBox(
            self.tr("I &read this fingerprint with the centre by phone and it matches"), self
        )
        self.compared.setObjectName("register_compared")
        self.compared.setAccessibleName(self.tr("Fingerprint compared with the centre by phone"))
        self._buttons = QDialogButtonBox(self)
        self.register_button = self._buttons.addButton(
            self.tr("&Register"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.register_button.setObjectName("register_confirm")
        self._cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        file_row = QHBoxLayout()
        file_row.addWidget(self._path_field, 1)
        file_row.addWidget(self._choose)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self._message)
        for widget in (self._owner, self.fingerprint, self._compare, self.compared):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self._buttons)

        self._choose.clicked.connect(self._on_choose_clicked)
        self.compared.toggled.connect(self._on_compared_toggled)
        self.register_button.clicked.connect(self._on_register_clicked)
        self._cancel.clicked.connect(self.reject)
        self._show_key()

    # --- public -------------------------------------------------------------------------------

    @property
    def key(self) -> KeyInfo | None:
        """The key read from the chosen file, if it is a site's key file."""
        return self._key

    def load_key_file(self, path: Path) -> None:
        """Read ``path`` and show its owner and fingerprint, or the sentence why it cannot."""
        self._path = path
        self._path_field.setText(str(path))
        try:
            self._key = inspect_key_file(path, expected_role="site")
        except CmlentryError as exc:
            self._key = None
            say(self._message, messages.describe(exc))
        else:
            say(self._message, "")
        self._show_key()

    def reject(self) -> None:
        # While the worker registers, its answer must find this dialog.
        if not self._running:
            super().reject()

    # --- internals ----------------------------------------------------------------------------

    def _show_key(self) -> None:
        key = self._key
        if key is not None:
            self._owner.setText(
                self.tr("Centre: %1. Key made on %2.")
                .replace("%1", key.owner)
                .replace("%2", key.created_at[:10])
            )
            self.fingerprint.setText(key.fingerprint)
        for widget in (self._owner, self.fingerprint, self._compare, self.compared):
            widget.setVisible(key is not None)
        # Another file, or none: whatever was compared before no longer counts.
        self.compared.setChecked(False)
        self._update_register()

    def _update_register(self) -> None:
        ready = self._key is not None and self.compared.isChecked() and not self._running
        self.register_button.setEnabled(ready)

    def _set_running(self, running: bool) -> None:
        self._running = running
        for widget in (self._choose, self.compared, self._cancel):
            widget.setEnabled(not running)
        self._update_register()

    # --- slots --------------------------------------------------------------------------------

    def _on_choose_clicked(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("The centre's public key file"),
            str(self._path.parent) if self._path else "",
            self.tr("cmlentry key files (*.cmlkey);;All files (*)"),
        )
        if chosen:
            self.load_key_file(Path(chosen))

    def _on_compared_toggled(self, _checked: bool) -> None:
        self._update_register()

    def _on_register_clicked(self) -> None:
        if self._key is None or self._path is None or not self.compared.isChecked():
            return
        path, key_id, centres = self._path, self._key.key_id, self._centres
        say(self._message, "")
        self._set_running(True)
        (
            Op(self, lambda _p, _c: centres.register(path, expected_key_id=key_id))
            .success(self._on_registered)
            .failure(self._on_register_failed)
            .run()
        )

    def _on_registered(self, status: CentreStatus) -> None:
        self._set_running(False)
        self.centre_registered.emit(status)
        self.accept()

    def _on_register_failed(self, exc: BaseException) -> None:
        self._set_running(False)
        say(self._message, messages.describe(exc))
