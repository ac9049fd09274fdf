"""The unexpected-problem dialog, the excepthook, the redacted traceback and the app bootstrap."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from cmlentry.errors import WorkspaceInUse
from cmlentry.gui import error_dialog, messages
from cmlentry.gui.error_dialog import ErrorDialog, details_text, excepthook, redacted_traceback

ROOT = Path(__file__).resolve().parents[2]
SENTINEL = "Dupont-Sentinel-1957"


def parse_the_weight(text: str) -> float:
    return float(text)


def raised() -> ValueError:
    try:
        parse_the_weight(SENTINEL)
    except ValueError as exc:
        return exc
    raise AssertionError("float() accepted the sentinel")


def chained() -> RuntimeError:
    try:
        try:
            parse_the_weight(SENTINEL)
        except ValueError as inner:
            raise RuntimeError(f"could not read {SENTINEL}") from inner
    except RuntimeError as outer:
        return outer
    raise AssertionError("not raised")


def test_the_traceback_shows_code_and_never_the_exception_text() -> None:
    text = redacted_traceback(raised())
    assert "in parse_the_weight" in text and "return float(text)" in text
    assert "builtins.ValueError" in text
    assert SENTINEL not in text


def test_chained_exceptions_are_shown_redacted_too() -> None:
    text = redacted_traceback(chained())
    assert "builtins.ValueError" in text and "builtins.RuntimeError" in text
    assert text.index("ValueError") < text.index("RuntimeError")  # as Python prints them
    assert SENTINEL not in text


def test_a_coded_error_keeps_its_sentence_and_code() -> None:
    try:
        raise WorkspaceInUse()
    except WorkspaceInUse as exc:
        text = redacted_traceback(exc)
    assert "[workspace.in_use]" in text and WorkspaceInUse.template in text


def test_the_dialog_says_one_sentence_and_hides_details_until_asked(qtbot: QtBot) -> None:
    error_dialog.set_log_file(Path("/var/log/cmlentry/cmlentry.log"))
    dialog = ErrorDialog(raised())
    qtbot.addWidget(dialog)
    dialog.show()
    sentence = dialog.findChild(QLabel, "error_sentence")
    assert sentence is not None and sentence.text() == messages.generic_sentence()
    assert "saved work is safe" in sentence.text()
    details = dialog.findChild(QPlainTextEdit, "error_details")
    assert details is not None and not details.isVisible()
    toggle = dialog.findChild(QToolButton, "error_details_toggle")
    assert toggle is not None
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert details.isVisible()
    assert details.toPlainText() == dialog.details()
    assert "parse_the_weight" in details.toPlainText()
    assert SENTINEL not in details.toPlainText()
    log_label = dialog.findChild(QLabel, "error_log_path")
    assert log_label is not None and "/var/log/cmlentry/cmlentry.log" in log_label.text()
    error_dialog.set_log_file(None)


def test_copy_puts_the_details_on_the_clipboard(qtbot: QtBot) -> None:
    exc = raised()
    dialog = ErrorDialog(exc)
    qtbot.addWidget(dialog)
    QGuiApplication.clipboard().clear()
    copy = dialog.findChild(QPushButton, "error_copy")
    assert copy is not None
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == details_text(exc)
    assert "cmlentry " in QGuiApplication.clipboard().text()


def test_the_excepthook_logs_redacted_and_opens_the_dialog(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    exc = raised()
    with caplog.at_level(logging.ERROR, logger="cmlentry"):
        excepthook(type(exc), exc, exc.__traceback__)
    assert "parse_the_weight" in caplog.text and SENTINEL not in caplog.text
    dialogs = [d for d in error_dialog._open_dialogs if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].done(0)
    qtbot.waitUntil(lambda: error_dialog._open_dialogs == set())


def test_the_excepthook_shows_a_coded_error_as_its_sentence(qtbot: QtBot) -> None:
    exc = WorkspaceInUse()
    excepthook(type(exc), exc, None)
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "error_box" and w.isVisible()
    ]
    assert [box.text() for box in boxes] == [WorkspaceInUse().message]
    boxes[0].done(0)


BOOT = """
import json, logging, sys
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
from cmlentry.gui import error_dialog
from cmlentry.gui.app import create_application
app = create_application(sys.argv)
logging.getLogger("cmlentry.test").info("booted")
handlers = [getattr(h, "baseFilename", "") for h in logging.getLogger("cmlentry").handlers]
print(json.dumps({
    "policy": app.highDpiScaleFactorRoundingPolicy().name,
    "org": QCoreApplication.organizationName(),
    "name": QCoreApplication.applicationName(),
    "settings_org": QSettings().organizationName(),
    "icon": not app.windowIcon().isNull(),
    "hook": sys.excepthook is error_dialog.excepthook,
    "log": handlers,
    "style": app.style().name(),
    "translated": QCoreApplication.translate("errors", "Cancelled; nothing was changed."),
}))
"""


@pytest.mark.parametrize("language", ["", "fr"])
def test_create_application_sets_everything_up(tmp_path: Path, language: str) -> None:
    """In a fresh process: the DPI policy can only be set before the application exists."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="en_GB.UTF-8", LANGUAGE="en")
    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    if language:
        config = tmp_path / "xdg_config_home" / "cmlentry"
        config.mkdir(parents=True)
        (config / "cmlentry.conf").write_text(f"[ui]\nlanguage={language}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", BOOT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    log_file = tmp_path / "xdg_state_home" / "cmlentry" / "log" / "cmlentry.log"
    assert seen["policy"] == "PassThrough"
    assert seen["org"] == seen["name"] == seen["settings_org"] == "cmlentry"
    assert seen["icon"] and seen["hook"]
    assert seen["log"] == [str(log_file)]
    assert "booted" in log_file.read_text(encoding="utf-8")
    assert seen["style"] == "fusion"
    expected = (
        "Annulé\u00a0; rien n’a été modifié."
        if language == "fr"
        else "Cancelled; nothing was changed."
    )
    assert seen["translated"] == expected
