"""The QApplication, set up once: names, screen scaling, icon, language, log, error dialog.

``create_application`` does everything that must happen before the first window; the flow of
windows (set-up wizard, unlock, main window) is ``cmlentry.gui.start``'s.

Style: the platform's own. On Windows and macOS that is what nurses know; on Linux (and under
``offscreen`` or Xvfb, where the tests and screenshots run) Qt already falls back to Fusion.
Screenshots of the same form in Fusion and in Qt's classic "Windows" style (the only other one
there) showed Fusion clearly more legible (flat fields, visible focus, a readable progress bar),
so the classic style is replaced by Fusion if it is ever what Qt picks.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from cmlentry import __version__
from cmlentry.applog import configure_logging
from cmlentry.gui import error_dialog, gc_policy, workers
from cmlentry.gui.icons import icon
from cmlentry.gui.settings import APPLICATION, ORGANISATION
from cmlentry.gui.translations import install_translator

log = logging.getLogger(__name__)

QUIT_WAIT_MS = 30000
"""How long quitting waits for a running save or backup to end (it is never abandoned midway)."""


def create_application(argv: Sequence[str]) -> QApplication:
    """Make (or, in tests, reuse) the QApplication and prepare everything around it.

    - organisation and application names, so ``QSettings`` and the folders are cmlentry's;
    - fractional screen scaling passed through (150 % stays 150 %, not rounded to 200 %);
    - the window icon, the interface language (:func:`install_translator`), the rotating log
      file, and ``sys.excepthook`` showing :class:`~cmlentry.gui.error_dialog.ErrorDialog`;
    - the cyclic garbage collector moved onto a GUI-thread timer (:mod:`gc_policy`);
    - on quit, running background work is asked to stop and waited for.
    """
    if QCoreApplication.instance() is None:
        # Must be set before the application object exists.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    QGuiApplication.setApplicationDisplayName("cmlentry")
    QGuiApplication.setDesktopFileName("cmlentry")
    app.setWindowIcon(icon("app"))
    if _style(app) == "windows":
        # Qt's classic Windows 95 look, met only where no better style exists.
        app.setStyle("Fusion")

    log_file = configure_logging()
    error_dialog.set_log_file(log_file)
    sys.excepthook = error_dialog.excepthook

    language = install_translator(app)
    gc_policy.install(app)
    app.aboutToQuit.connect(_on_app_about_to_quit)
    log.info("cmlentry %s started (language %s, style %s)", __version__, language, _style(app))
    return app


def _style(app: QApplication) -> str:
    style = app.style()
    return style.name() if style is not None else "none"


def _on_app_about_to_quit() -> None:
    workers.cancel_all()
    if not workers.wait_for_done(QUIT_WAIT_MS):
        log.warning("background work still running at quit")
