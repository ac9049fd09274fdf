"""How the desktop application starts: set-up wizard, unlock, or demo; then the main window.

``cmlentry gui`` calls :func:`run`. The flow is a small state machine on the GUI thread:

* no workspace in the folder → :class:`SetupWizard` (site, first administrator, recovery key,
  registry key, site keys made) → main window;
* a workspace → :class:`UnlockDialog` → main window (a first login changes the password there);
* ``--demo`` → a fresh demo workspace of synthetic cases is made (with progress) and unlocked as
  the demo nurse → main window with a DEMO badge; ``--demo registry`` → a fresh demo registry
  (five demo centres' real batches imported) unlocked as the demo coordinator → registry window;
* "Sign out" in the window (or "someone else" at the lock) saves, closes the workspace and shows
  the unlock dialog again; quitting saves, closes the workspace and ends the application.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from cmlentry.errors import Cancelled
from cmlentry.gui import messages
from cmlentry.gui.app import create_application
from cmlentry.gui.main_window import MainWindow
from cmlentry.gui.registry.registry_window import RegistryWindow
from cmlentry.gui.settings import Settings
from cmlentry.gui.setup_wizard import SetupWizard
from cmlentry.gui.unlock_dialog import UnlockDialog
from cmlentry.gui.workers import CancelledFn, Op, ProgressFn
from cmlentry.services.demo import DemoWorkspace, default_demo_folder, make_demo_workspace
from cmlentry.services.demo_registry import default_demo_registry_folder, make_demo_registry
from cmlentry.services.desk import Desk
from cmlentry.services.setup import default_workspace_folder, is_workspace
from cmlentry.services.workspace import Workspace, open_workspace

log = logging.getLogger(__name__)


class StartFlow(QObject):
    """Leads from nothing to a main window, and back to the unlock dialog on sign-out."""

    def __init__(
        self,
        settings: Settings,
        folder: Path | None = None,
        *,
        demo: bool = False,
        demo_registry: bool = False,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._demo = demo or demo_registry
        self._demo_registry = demo_registry
        if folder is None:
            if demo_registry:
                folder = default_demo_registry_folder()
            else:
                folder = default_demo_folder() if demo else default_workspace_folder()
        self._folder = folder
        self._ws: Workspace | None = None
        self._signing_out = False
        self.window: MainWindow | RegistryWindow | None = None
        self.dialog: SetupWizard | UnlockDialog | None = None

    @property
    def folder(self) -> Path:
        return self._folder

    def begin(self) -> None:
        if self._demo:
            self._make_demo()
        elif not is_workspace(self._folder):
            self._show_wizard()
        else:
            self._show_unlock()

    # --- the three ways in ------------------------------------------------------------------------

    def _show_wizard(self) -> None:
        wizard = SetupWizard(self._folder)
        wizard.accepted.connect(self._on_wizard_accepted)
        wizard.rejected.connect(self._on_dialog_rejected)
        self.dialog = wizard
        wizard.show()

    def _on_wizard_accepted(self) -> None:
        assert isinstance(self.dialog, SetupWizard)
        result = self.dialog.result_setup
        if result is None:
            QApplication.quit()
            return
        self._show_window(result.workspace)

    def _show_unlock(self) -> None:
        dialog = UnlockDialog(self._folder, username=self._settings.last_username)
        dialog.accepted.connect(self._on_unlock_accepted)
        dialog.rejected.connect(self._on_dialog_rejected)
        self.dialog = dialog
        dialog.show()

    def _on_unlock_accepted(self) -> None:
        assert isinstance(self.dialog, UnlockDialog)
        if self.dialog.workspace is not None:
            self._settings.last_username = self.dialog.username  # a name, not a secret
            self._show_window(self.dialog.workspace)

    def _on_dialog_rejected(self) -> None:
        if self.window is None:
            QApplication.quit()

    def _make_demo(self) -> None:
        folder = self._folder

        registry = self._demo_registry

        def work(progress: ProgressFn, cancelled: CancelledFn) -> Workspace:
            demo: DemoWorkspace
            if registry:
                demo = make_demo_registry(folder, progress=progress, cancelled=cancelled)
            else:
                demo = make_demo_workspace(folder, progress=progress, cancelled=cancelled)
            return open_workspace(demo.folder, demo.username, demo.password)

        title = (
            self.tr("Making a demo registry: five demo centres send their batches")
            if registry
            else self.tr("Making a demo workspace of synthetic cases")
        )
        (
            Op(None, work)
            .with_progress(title)
            .success(self._show_window)
            .failure(self._on_demo_failed)
            .run()
        )

    def _on_demo_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            messages.show_error(None, exc)
        QApplication.quit()

    # --- the window -------------------------------------------------------------------------------

    def _show_window(self, ws: Workspace) -> None:
        self._ws = ws
        self.dialog = None
        window: MainWindow | RegistryWindow
        if ws.kind == "registry":  # a coordinator's workspace: centres and imports, no cases
            window = RegistryWindow(ws, self._settings)
        else:
            window = MainWindow(Desk.for_workspace(ws), self._settings, demo=self._demo)
        window.sign_out_requested.connect(self._on_sign_out_requested)
        window.finished.connect(self._on_window_finished)
        self.window = window
        window.show()
        window.start_session()

    def _on_sign_out_requested(self) -> None:
        self._signing_out = True
        if self.window is not None:
            self.window.close()

    def _on_window_finished(self) -> None:
        if self._ws is not None:
            self._ws.close()
            self._ws = None
        window, self.window = self.window, None
        if window is not None:
            window.deleteLater()
        if self._signing_out and not self._demo:
            self._signing_out = False
            self._show_unlock()
        else:
            QApplication.quit()

    def shutdown(self) -> None:
        """The application is quitting: save and close whatever is open."""
        if self.window is not None:
            self.window.finish()


def run(
    argv: list[str],
    folder: Path | None = None,
    *,
    demo: bool = False,
    demo_registry: bool = False,
) -> int:
    """Start the desktop application; return its exit code."""
    app = create_application(argv)
    app.setQuitOnLastWindowClosed(False)  # sign-out closes the window but not the application
    flow = StartFlow(Settings(), folder, demo=demo, demo_registry=demo_registry)
    app.aboutToQuit.connect(flow.shutdown)
    flow.begin()
    code = app.exec()
    log.info("desktop application ended (%s)", code)
    return code
