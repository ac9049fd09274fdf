"""Print case summary…: a case's summary as a PDF for the site file, written off the screen thread.

The file dialog proposes the summary service's file name in the folder used last (kept in
``QSettings`` under ``summaries/last_folder``, like the batches' folder: a folder name is
neither clinical nor secret). The PDF is pseudonymised and written whole or not at all by the
service; the window then says where it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from cmlentry.gui import messages
from cmlentry.gui.settings import Settings
from cmlentry.gui.workers import Op
from cmlentry.services.case_summary import default_file_name

_LAST_FOLDER = "summaries/last_folder"


class SummaryWriter(Protocol):
    """Writes one case's summary (``CaseSummaryService`` does)."""

    def write_pdf(self, registry_id: str, path: Path) -> Path: ...


def last_folder(settings: Settings) -> Path:
    """The folder a summary was last written to, if it still exists; else the home folder."""
    value = settings.qsettings.value(_LAST_FOLDER, "")
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return Path.home()


def remember_folder(settings: Settings, folder: Path) -> None:
    settings.qsettings.setValue(_LAST_FOLDER, str(folder))


def ask_summary_path(parent: QWidget, registry_id: str, settings: Settings) -> Path | None:
    """Ask where to write the summary of ``registry_id``; None if the person cancelled."""
    proposed = last_folder(settings) / default_file_name(registry_id)
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("summary_print", "Print the summary of case %1").replace(
            "%1", registry_id
        ),
        str(proposed),
        QCoreApplication.translate("summary_print", "PDF documents (*.pdf)"),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def print_summary(
    parent: QWidget, summaries: SummaryWriter, registry_id: str, settings: Settings
) -> None:
    """Ask for a file, write the case's summary there on the worker thread, say where it is."""
    path = ask_summary_path(parent, registry_id, settings)
    if path is None:
        return
    title = QCoreApplication.translate("summary_print", "Writing the summary of %1")
    (
        Op(parent, lambda _p, _c: summaries.write_pdf(registry_id, path))
        .with_progress(title.replace("%1", registry_id), cancellable=False)
        .success(lambda written: _on_written(parent, settings, registry_id, written))
        .run()
    )


def _on_written(parent: QWidget, settings: Settings, registry_id: str, path: Path) -> None:
    remember_folder(settings, path.parent)
    messages.inform(
        parent,
        QCoreApplication.translate("summary_print", "Case summary written"),
        QCoreApplication.translate(
            "summary_print",
            "The summary of case %1 is written: %2. Print it for the site file; it holds no "
            "name or other identifying detail.",
        )
        .replace("%1", registry_id)
        .replace("%2", str(path)),
    )
