"""The registry window's keys: registering a centre from the key file its site sent, and writing
the registry's public key file for the sites (with the fingerprint to read them by phone).

Both run through the services (:class:`RegisterCentreDialog` over :class:`CentreService`,
:class:`KeyService` on the worker thread); a refusal is the service's sentence and changes
nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from cmlentry.gui import messages
from cmlentry.gui.registry.register_centre_dialog import RegisterCentreDialog
from cmlentry.gui.workers import Op
from cmlentry.services.keys import KeyInfo, KeyService
from cmlentry.services.registry.centres import CentreService
from cmlentry.services.workspace import Workspace


class RegistryKeys(QObject):
    """Centres' keys in, the registry's key out (a QObject: ``self.tr`` and signals)."""

    centre_registered = Signal(object)
    """A centre was registered (its :class:`CentreStatus`)."""

    def __init__(self, window: QWidget, ws: Workspace) -> None:
        super().__init__(window)
        self._window = window
        self._ws = ws

    def ask_register_centre(self, centres: CentreService) -> RegisterCentreDialog:
        """Open the dialog that registers a centre from its public key file."""
        dialog = RegisterCentreDialog(centres, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.centre_registered.connect(self.centre_registered)
        dialog.open()
        return dialog

    def ask_export_key(self) -> None:
        """Ask where, then write the registry's public key file there."""
        name, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export the registry's public key"),
            str(Path.home() / "registry.cmlkey"),
            self.tr("cmlentry key files (*.cmlkey)"),
        )
        if name:
            self.export_registry_key(Path(name))

    def export_registry_key(self, dest: Path) -> None:
        """Write the registry's public key file to ``dest`` (a file or a folder)."""
        keys = KeyService(self._ws)
        (
            Op(self._window, lambda _p, _c: keys.export_registry_public_key(dest))
            .success(lambda info: self._on_key_exported(info, dest))
            .run()
        )

    def _on_key_exported(self, info: KeyInfo, dest: Path) -> None:
        messages.inform(
            self._window,
            self.tr("Registry key exported"),
            self.tr(
                "The registry's public key was written to %1. Send it to the sites, and read "
                "them its fingerprint by phone when they add it:\n\n%2"
            )
            .replace("%1", str(dest))
            .replace("%2", info.fingerprint),
        )
