"""Start the desktop application's screens over real workspaces and save a PNG of each.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python -m tests.harness.screenshots
    make screenshots                      # the same, into docs/screenshots/

Every screen is built with real services: the set-up wizard makes a real workspace, the main
window runs over a demo workspace of synthetic cases, the editor shows real validation and real
derived scores. Nothing here is mocked; the PNGs are what a nurse sees. ``--out`` chooses the
folder; the test suite runs this with the offscreen platform to keep it from rotting.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from cmlentry.crypto.keyslots import OWASP_FLOOR
from cmlentry.domain.values import Entry
from cmlentry.gui import workers
from cmlentry.gui.app import create_application
from cmlentry.gui.dialogs.about_dialog import AboutDialog
from cmlentry.gui.dialogs.crash_notice_dialog import CrashNoticeDialog
from cmlentry.gui.dialogs.history_dialog import HistoryDialog
from cmlentry.gui.dialogs.new_case_dialog import NewCaseDialog
from cmlentry.gui.dialogs.override_dialog import OverrideDialog
from cmlentry.gui.dialogs.reason_dialog import ReasonDialog
from cmlentry.gui.main_window import MainWindow
from cmlentry.gui.progress_dialog import ProgressDialog
from cmlentry.gui.settings import Settings
from cmlentry.gui.setup_wizard import SetupWizard
from cmlentry.gui.shortcuts_dialog import ShortcutsDialog
from cmlentry.gui.unlock_dialog import UnlockDialog
from cmlentry.services.cases import RowData
from cmlentry.services.demo import make_demo_workspace
from cmlentry.services.desk import Desk
from cmlentry.services.sessions import SessionService
from cmlentry.services.workspace import Workspace, open_workspace

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TRAINING_KEY = RESOURCES / "keys" / "training-registry.cmlkey"
WINDOW_SIZE = (1280, 800)


class Shooter:
    """Saves numbered PNGs of widgets, after letting Qt finish painting them."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.saved: list[Path] = []
        out.mkdir(parents=True, exist_ok=True)

    def settle(self, rounds: int = 5) -> None:
        for _ in range(rounds):
            QApplication.processEvents()
            QTest.qWait(20)

    def wait_until(self, condition: Callable[[], bool], timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the screen did not reach the expected state")
            QTest.qWait(20)

    def shoot(self, widget: QWidget, name: str) -> Path:
        self.settle()
        path = self.out / f"{len(self.saved) + 1:02d}-{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.saved.append(path)
        print(f"  {path.name}")
        return path


def _next(wizard: QWizard, which: QWizard.WizardButton = QWizard.WizardButton.NextButton) -> None:
    button = wizard.button(which)
    if not button.isEnabled():
        raise RuntimeError(f"wizard page {wizard.currentId()} does not let the admin go on")
    button.click()


def setup_wizard(shot: Shooter, root: Path) -> None:
    wizard = SetupWizard(root / "new-site", policy=OWASP_FLOOR)
    wizard.resize(760, 620)
    wizard.show()
    shot.shoot(wizard, "setup-welcome")
    _next(wizard)
    page = wizard.site_page
    country = page.country.lineEdit()
    assert country is not None
    QTest.keyClicks(country, "FR")
    QTest.keyClicks(page.centre_code, "086")
    QTest.keyClicks(page.centre_name, "CHU de Grenoble")
    shot.shoot(wizard, "setup-site")
    _next(wizard)
    admin = wizard.admin_page
    QTest.keyClicks(admin.username, "ada")
    QTest.keyClicks(admin.printed_name, "Ada Martin")
    QTest.keyClicks(admin.password, "Grenoble-2026-ws")
    QTest.keyClicks(admin.repeat, "Grenoble-2026-ws")
    shot.shoot(wizard, "setup-administrator")
    _next(wizard)
    wizard.registry_page.load_key_file(TRAINING_KEY)
    wizard.registry_page.compared.click()
    shot.shoot(wizard, "setup-registry-key")
    _next(wizard)
    shot.shoot(wizard, "setup-create")
    _next(wizard, QWizard.WizardButton.CommitButton)
    shot.wait_until(lambda: wizard.currentId() == SetupWizard.RECOVERY)
    recovery = wizard.recovery_page
    assert wizard.result_setup is not None
    shot.shoot(wizard, "setup-recovery-key")
    group = wizard.result_setup.recovery_key.split("-")[recovery.asked_group - 1]
    recovery.written.setChecked(True)
    QTest.keyClicks(recovery.group, group.lower())
    _next(wizard)
    shot.shoot(wizard, "setup-done")
    wizard.result_setup.workspace.close()
    wizard.hide()
    wizard.deleteLater()


def unlock_dialog(shot: Shooter, folder: Path) -> None:
    dialog = UnlockDialog(folder, policy=OWASP_FLOOR)
    dialog.show()
    shot.shoot(dialog, "unlock")
    username = dialog.findChild(QWidget, "unlock_username")
    password = dialog.findChild(QWidget, "unlock_password")
    assert username is not None and password is not None
    QTest.keyClicks(username, "demo")
    QTest.keyClicks(password, "not-the-password")
    QTest.keyClick(password, Qt.Key.Key_Return)
    shot.wait_until(lambda: workers.pending() == 0 and password.isEnabled())
    shot.shoot(dialog, "unlock-wrong-password")
    dialog.hide()
    dialog.deleteLater()


def main_window(shot: Shooter, ws: Workspace, settings: Settings) -> None:
    desk = Desk.for_workspace(ws)
    window = MainWindow(desk, settings, demo=True)
    window.resize(*WINDOW_SIZE)
    window.show()
    shot.shoot(window, "case-list")
    QTest.keyClicks(window.case_list.search_field, "relapse")
    window.case_list.problems_only.setChecked(True)
    shot.shoot(window, "case-list-filtered")
    window.case_list.search_field.clear()
    window.case_list.problems_only.setChecked(False)

    new_case = NewCaseDialog(desk.cases, desk.identities, window)
    new_case.show()
    shot.shoot(new_case, "new-case")
    new_case.hide()

    cases = desk.cases.list_cases()
    with_warning = next((c for c in cases if c.open_warnings and not c.open_errors), cases[0])
    complete = max(cases, key=lambda c: c.forms_complete)
    window.open_case(complete.registry_id, "patient")
    shot.shoot(window, "editor-patient")
    window.open_case(complete.registry_id, "diagnosis")
    shot.shoot(window, "editor-diagnosis-scores")
    window.open_case(complete.registry_id, "assessments")
    shot.shoot(window, "editor-assessments")
    warning = next(
        (i for i in desk.cases.validate(with_warning.registry_id) if i.severity == "soft"), None
    )
    window.open_case(with_warning.registry_id, warning.form if warning else "registration")
    shot.shoot(window, "editor-warning")

    override = OverrideDialog(
        "Not supported by the assessments entered: no assessment at 12 months shows less "
        "than a major cytogenetic response.",
        "Reason for registration",
        window,
        current_value="No MCyR (after 12 months)",
    )
    override.show()
    shot.shoot(override, "override-warning")
    override.hide()
    reason = ReasonDialog(
        "Reason for the change",
        "This form is complete. Say why it is changed; the reason is kept in the audit trail.",
        window,
    )
    reason.show()
    shot.shoot(reason, "reason-for-change")
    reason.hide()

    history = HistoryDialog(
        "Sex",
        desk.cases.history(complete.registry_id, "patient", "patient", 1, "sex"),
        desk.cases.definition.codelists["sex"],
        window,
    )
    history.show()
    shot.shoot(history, "field-history")
    history.hide()

    window.main_actions.back_to_list.trigger()
    progress = ProgressDialog("Backing up the workspace", cancellable=True, parent=window)
    progress.set_progress(2, 4)
    progress.show()
    shot.shoot(progress, "progress")
    progress.finish()
    ShortcutsDialog(window).show()
    shortcuts = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog))
    shot.shoot(shortcuts, "keyboard-shortcuts")
    shortcuts.hide()
    about = AboutDialog(desk.summary(), window)
    about.show()
    shot.shoot(about, "about")
    about.hide()

    window.lock()
    shot.wait_until(lambda: window.is_locked)
    shot.shoot(window, "locked")
    relock = next(w for w in QApplication.topLevelWidgets() if isinstance(w, UnlockDialog))
    shot.shoot(relock, "relock")
    relock.reject()
    window.finish()
    window.hide()
    window.deleteLater()


def crash_notice(shot: Shooter, ws: Workspace) -> None:
    """A run that "dies" after a save and with typing not yet saved, then the next start."""
    desk = Desk.for_workspace(ws)
    sessions = SessionService(ws, desk.cases)
    sessions.start()
    # Unsigned cases: a signed one is locked (the demo signs some).
    unlocked = [c.registry_id for c in desk.cases.list_cases() if not c.locked]
    registry_id = unlocked[0]
    # A follow-up visit: one more row, the last contact and the status (a complete form: a reason).
    stored = desk.cases.get_case(registry_id).forms["follow_up"].groups.get("follow_up", [])
    visit = RowData(
        None, {"last_contact_date": Entry("2026-11-20"), "vital_status": Entry("ALIVE")}
    )
    desk.cases.save_form(
        registry_id, "follow_up", {"follow_up": [*stored, visit]}, reason="follow-up visit"
    )
    second = unlocked[1]
    desk.drafts.put(
        second, "patient", {"patient": [RowData(1, {"birth_year": Entry("195")})]}, None
    )
    unclean = SessionService(ws, desk.cases).start()
    assert unclean is not None
    notice = CrashNoticeDialog(unclean)
    notice.show()
    shot.shoot(notice, "crash-notice")
    notice.hide()


def batches_and_registry(shot: Shooter, root: Path, settings: Settings) -> None:
    """The site's export wizard and batches, the registry's window, report and registration."""
    from cmlentry.crypto.keyfiles import KeyPairs, key_time
    from cmlentry.domain.accounts import SiteDetails
    from cmlentry.gui.batches import BatchesDialog, ExportWizard
    from cmlentry.gui.batches.ack_report import AckReportDialog
    from cmlentry.gui.batches.export_wizard import populate_for_screenshot
    from cmlentry.gui.registry.register_centre_dialog import RegisterCentreDialog
    from cmlentry.gui.registry.registry_window import RegistryWindow
    from cmlentry.services.batches.ack import AckService
    from cmlentry.services.batches.export import ExportService
    from cmlentry.services.registry.centres import CentreService
    from cmlentry.services.registry.workspace import open_central_store
    from tests.batch_world import make_world
    from tests.conftest import FakeClock

    world, _complete = make_world(root / "batches", FakeClock(), cases=12)
    outbox = root / "outbox"
    outbox.mkdir()
    settings.qsettings.setValue("batches/last_folder", str(outbox))
    with world.site() as ws:
        exports = ExportService(ws)
        wizard = ExportWizard(exports, settings=settings)
        wizard.resize(900, 620)
        wizard.show()
        shot.wait_until(lambda: wizard.cases_page.loaded)
        populate_for_screenshot(wizard, 3)
        shot.shoot(wizard, "export-choose-cases")
        _next(wizard)
        shot.shoot(wizard, "export-folder")
        _next(wizard)
        shot.wait_until(lambda: wizard.outcome is not None and workers.pending() == 0)
        shot.shoot(wizard, "export-done")
        wizard.hide()
        batch = next(outbox.glob("*.cmlbatch"))
        damaged = outbox / "FR-086-000002.cmlbatch"
        data = bytearray(batch.read_bytes())
        data[300] ^= 0x01
        damaged.write_bytes(bytes(data))

    acks = root / "acks"
    acks.mkdir()
    settings.qsettings.setValue("registry/ack_folder", str(acks))
    with world.registry() as ws:
        window = RegistryWindow(ws, settings)
        window.resize(*WINDOW_SIZE)
        window.show()
        window.start_session()
        shot.wait_until(lambda: workers.pending() == 0)
        window.import_files([batch, damaged])
        shot.wait_until(lambda: workers.pending() == 0 and any(acks.iterdir()))
        shot.settle(20)
        shot.shoot(window, "registry-import-report")
        other = KeyPairs.generate("site")
        key_file = root / "DE-012.cmlkey"
        owner = SiteDetails.checked("DE", "012", "Universitätsklinikum Beispielstadt")
        key_file.write_bytes(other.key_file(owner, key_time(world.clock())))
        store = open_central_store(ws)
        dialog = RegisterCentreDialog(CentreService(ws, store), window)
        dialog.load_key_file(key_file)
        dialog.compared.setChecked(True)
        dialog.show()
        shot.shoot(dialog, "registry-register-centre")
        dialog.hide()
        store.close()
        window.finish()
        window.hide()

    with world.site() as ws:
        result = AckService(ws).read(next(acks.glob("*.cmlack")))
        report = AckReportDialog(result, "FR-086-000001.cmlack")
        report.show()
        shot.shoot(report, "acknowledgement-read")
        report.hide()
        batches = BatchesDialog(ExportService(ws), settings=settings)
        batches.resize(900, 400)
        batches.show()
        shot.wait_until(lambda: workers.pending() == 0)
        shot.shoot(batches, "batches")
        batches.hide()


def registry_conflicts(shot: Shooter, root: Path, settings: Settings) -> None:
    """The coordinator's conflicting versions: a centre's version kept, not applied."""
    from cmlentry.gui.registry.registry_window import RegistryWindow
    from tests.batch_world import make_world, sign_cases
    from tests.conftest import FakeClock
    from tests.services.registry.test_conflicts import (
        forget_sent,
        send,
        unlock_and_sign,
    )

    world, complete = make_world(root / "conflicts", FakeClock(), cases=3)
    case = complete[0]
    sign_cases(world, [case])
    send(world, case)
    unlock_and_sign(world, case, "a correction")
    forget_sent(world, case)  # as a workspace put together from an old copy would
    send(world, case)
    settings.qsettings.setValue("registry/ack_folder", str(world.out))
    with world.registry() as ws:
        window = RegistryWindow(ws, settings)
        window.resize(*WINDOW_SIZE)
        window.show()
        window.start_session()
        shot.wait_until(lambda: workers.pending() == 0)
        dialog = window.ask_conflicts()
        assert dialog is not None
        shot.wait_until(lambda: workers.pending() == 0 and dialog.model.rowCount() == 1)
        shot.shoot(dialog, "registry-conflicts")
        dialog.hide()
        window.finish()
        window.hide()


def run(out: Path, demo_cases: int = 150, registry_cases_per_site: int = 44) -> list[Path]:
    app = create_application([sys.argv[0]])
    sys.excepthook = sys.__excepthook__  # a failing script must say why, not open a dialog
    shot = Shooter(out)
    with tempfile.TemporaryDirectory(prefix="cmlentry-shots-") as tmp:
        root = Path(tmp)
        settings = Settings(QSettings(str(root / "ui.ini"), QSettings.Format.IniFormat))
        setup_wizard(shot, root)
        demo = make_demo_workspace(root / "demo", cases=demo_cases)
        unlock_dialog(shot, demo.folder)
        with open_workspace(demo.folder, demo.username, demo.password, policy=OWASP_FLOOR) as ws:
            main_window(shot, ws, settings)
            crash_notice(shot, ws)
        workers.wait_for_done()
        batches_and_registry(shot, root, settings)
        workers.wait_for_done()
        from tests.harness.screenshots_review import editor_queries, review_screens

        review_screens(shot, demo.folder, settings)
        workers.wait_for_done()
        editor_queries(shot, demo.folder, settings)
        workers.wait_for_done()
        from tests.harness.screenshots_reports import registry_reports

        registry_reports(shot, root, settings, cases_per_site=registry_cases_per_site)
        workers.wait_for_done()
        registry_conflicts(shot, root, settings)
        workers.wait_for_done()
    app.processEvents()
    return shot.saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for old in args.out.glob("[0-9][0-9]-*.png"):
        old.unlink()
    saved = run(args.out)
    print(f"{len(saved)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
