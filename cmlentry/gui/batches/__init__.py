"""The site's batch screens: the export wizard, the list of batches, reading acknowledgements.

The window opens them with the services of the signed-in user (each needs
``Permission.EXPORT_BATCHES``: the PI and the site administrator)::

    ExportWizard(ExportService(ws), parent=window, settings=settings).open()
    BatchesDialog(ExportService(ws), parent=window, settings=settings).open()
    read_acknowledgement(window, AckService(ws), settings=settings, on_read=...)

``runner`` (optional everywhere) starts each :class:`~cmlentry.gui.workers.Op`; by default it
simply runs it, as the window's own long tasks do.

One module a part: ``candidates_model`` and ``cases_page`` (choosing the cases),
``export_pages`` (the folder, making the batch, the result), ``export_wizard``,
``batches_model`` and ``batches_dialog``, ``rejected_model`` and ``ack_report``, ``folders``
(the last folder, in QSettings) and ``running`` (the runner).
"""

from cmlentry.gui.batches.ack_report import AckReportDialog, read_acknowledgement
from cmlentry.gui.batches.batches_dialog import BatchesDialog
from cmlentry.gui.batches.export_wizard import ExportWizard, populate_for_screenshot
from cmlentry.gui.batches.running import OpRunner

__all__ = [
    "AckReportDialog",
    "BatchesDialog",
    "ExportWizard",
    "OpRunner",
    "populate_for_screenshot",
    "read_acknowledgement",
]
