"""Screenshots of the coordinator's side over the demo registry (``make screenshots`` runs them
last): the centres after five demo centres sent their batches, the queries tab, and every page
of the coordinator dashboard with its options and the CSV export's choices.

The demo registry is made the honest way (``services/demo_registry.py``): demo sites enter,
sign and export real batches and the registry imports them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.gui import workers
from cmlentry.gui.settings import Settings
from cmlentry.services.workspace import Workspace, open_workspace
from tests.harness.screenshots import WINDOW_SIZE, Shooter


def registry_reports(
    shot: Shooter, root: Path, settings: Settings, *, cases_per_site: int = 44
) -> None:
    """The registry window over the demo registry: centres, queries, the dashboard's pages."""
    from cmlentry.gui.registry.registry_window import RegistryWindow
    from cmlentry.gui.reports.endpoint_pages import SurvivalPage
    from cmlentry.gui.reports.registry_pages import PatientsPage
    from cmlentry.gui.reports.report_exports import ExportOptionsDialog
    from cmlentry.services.demo_registry import make_demo_registry
    from cmlentry.services.reports.registry_export import ExportFormat

    demo = make_demo_registry(root / "demo-registry", cases_per_site=cases_per_site)
    settings.qsettings.setValue("registry/ack_folder", str(root / "demo-acks"))
    with open_workspace(demo.folder, demo.username, demo.password, policy=OWASP_FLOOR) as ws:
        _raise_queries(ws)
        window = RegistryWindow(ws, settings)
        window.resize(*WINDOW_SIZE)
        window.show()
        window.start_session()
        shot.wait_until(lambda: workers.pending() == 0 and window.reports.service is not None)
        shot.settle(10)
        shot.shoot(window, "registry-demo-centres")
        window.registry_actions.show_queries.trigger()
        shot.settle(10)
        shot.shoot(window, "registry-queries")

        window.registry_actions.show_reports.trigger()
        dashboard = window.reports
        shot.wait_until(lambda: dashboard.report is not None and workers.pending() == 0, 180)
        shot.settle(20)
        names = ("overview", "patients", "treatment", "responses", "survival")
        for number, name in enumerate(names):
            page = dashboard.show_page(number)
            if isinstance(page, PatientsPage):
                page.grouping.setCurrentIndex(page.grouping.findData("country"))
                page.ensureWidgetVisible(page.reasons)
            shot.settle(10)
            shot.shoot(window, f"reports-{name}")
        survival = dashboard.pages[4]
        assert isinstance(survival, SurvivalPage)
        survival.ensureWidgetVisible(survival.logrank)
        shot.settle(10)
        shot.shoot(window, "reports-survival-by-sokal")

        options = dashboard.options
        options.ci.setCurrentIndex(options.ci.findData("log-log"))
        shot.settle(5)
        shot.shoot(window, "reports-options-changed")
        dialog = ExportOptionsDialog(ExportFormat.CSV, window)
        dialog.show()
        shot.shoot(dialog, "reports-csv-choices")
        dialog.done(QDialog.DialogCode.Rejected)
        window.finish()
        window.hide()


def _raise_queries(ws: Workspace) -> None:
    """The coordinator asks three centres about a baseline count, as after a first look."""
    from cmlentry.services.registry.queries import CentralQueryService
    from cmlentry.services.registry.workspace import open_central_store
    from cmlentry.services.reports.registry_report import RegistryReportService
    from cmlentry.services.review import ItemAddress

    store = open_central_store(ws)
    try:
        records = RegistryReportService(ws, store).records()
        first_of_each: dict[str, str] = {}
        for record in records:
            first_of_each.setdefault(record.centre, record.record["id"])
        questions = (
            ("platelets", "Platelets above 1,500 G/L at diagnosis: please confirm at source."),
            ("wbc", "Which laboratory measured this white cell count?"),
            ("platelets", "Is this the count before the first treatment?"),
        )
        service = CentralQueryService(ws, store)
        for registry_id, (item, text) in zip(first_of_each.values(), questions, strict=False):
            address = ItemAddress("diagnosis", "baseline", 1, item)
            service.raise_query(registry_id, address, text)
    finally:
        store.close()
