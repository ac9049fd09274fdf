"""The first-run set-up wizard: site, first administrator, registry key, creation, recovery key.

The Welcome, Site, Administrator and Recovery-key pages are in :mod:`cmlentry.gui.setup_pages`;
this module has the registry-key page, the page that makes the workspace
(:func:`cmlentry.services.setup.set_up_site`, on the worker thread, all or nothing), the last
page (the site key's fingerprint for the registry) and the wizard.

Once the workspace is made there is no way back: Back is gone, and closing the wizard keeps
the workspace (it exists and is open); the dialog then ends as accepted with
:attr:`SetupWizard.result_setup` set. Closing before the recovery key is confirmed asks first,
and says that an administrator can make a new recovery key later.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from cmlentry.errors import CmlentryError
from cmlentry.gui import messages
from cmlentry.gui.icons import icon
from cmlentry.gui.password_dialog import message_label, say
from cmlentry.gui.setup_pages import (
    AdminPage,
    RecoveryKeyPage,
    SetupState,
    SitePage,
    WelcomePage,
    big_monospace,
    field_row,
    line_edit,
    text_label,
)
from cmlentry.gui.workers import Op
from cmlentry.services import setup
from cmlentry.services.keys import KeyInfo
from cmlentry.services.setup import SetupResult, set_up_site
from cmlentry.services.workspace import DEFAULT_POLICY, Clock

if TYPE_CHECKING:
    from cmlentry.crypto.keyslots import KdfPolicy


def utc_now() -> datetime:
    return datetime.now(UTC)


class CreatePage(QWizardPage):
    """Sums up what will be made; its Create button makes it, on the worker thread."""

    def __init__(
        self, state: SetupState, clock: Clock, policy: KdfPolicy, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._clock = clock
        self._policy = policy
        self.running = False
        self.result_setup: SetupResult | None = None
        self.setTitle(self.tr("Make the workspace"))
        self.setSubTitle(self.tr("Check the details; Back changes them. Nothing exists yet."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create the workspace"))
        self._summary = text_label(self, "", "setup_summary")
        self._message = message_label(self, "setup_create_message")
        layout = QVBoxLayout(self)
        layout.addWidget(self._summary)
        layout.addWidget(self._message)
        layout.addStretch(1)

    def initializePage(self) -> None:
        state, site = self._state, self._state.site
        assert site is not None
        registry = state.registry_key
        lines = [
            self.tr("Folder: {folder}").format(folder=state.folder),
            self.tr("Site: {country}-{code}, {name}").format(
                country=site.country, code=site.centre_code, name=site.centre_name
            ),
            self.tr("First administrator: {name} ({user})").format(
                name=state.printed_name, user=state.username.strip().lower()
            ),
            self.tr("Registry key: {owner}, fingerprint {fingerprint}").format(
                owner=registry.owner, fingerprint=registry.fingerprint
            )
            if registry
            else self.tr("Registry key: to be added later"),
            self.tr("The site's own signing key is made with the workspace."),
        ]
        self._summary.setText("\n".join(lines))
        say(self._message, "")

    def isComplete(self) -> bool:
        return not self.running

    def validatePage(self) -> bool:
        if self.result_setup is not None:
            return True
        if not self.running:
            self._create()
        return False

    def _create(self) -> None:
        state, clock, policy = self._state, self._clock, self._policy
        site = state.site
        assert site is not None
        key_id = state.registry_key.key_id if state.registry_key else None
        self._set_running(True)
        say(self._message, "")
        (
            Op(
                self,
                lambda _p, _c: set_up_site(
                    state.folder,
                    site,
                    state.username,
                    state.printed_name,
                    state.password,
                    state.registry_key_file,
                    clock=clock,
                    policy=policy,
                    registry_key_id=key_id,
                ),
            )
            .with_progress(self.tr("Creating the workspace"), cancellable=False)
            .success(self._on_created)
            .failure(self._on_failed)
            .run()
        )

    def _set_running(self, running: bool) -> None:
        self.running = running
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not running)
        self.completeChanged.emit()

    def _on_created(self, result: SetupResult) -> None:
        self.result_setup = result
        self._set_running(False)
        self.wizard().next()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_running(False)
        say(
            self._message,
            self.tr("{sentence} Go back to change what is needed.").format(
                sentence=messages.describe(exc)
            ),
        )


class RegistryKeyPage(QWizardPage):
    """The registry's public key file and its fingerprint, compared by phone; or later."""

    def __init__(self, state: SetupState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._key: KeyInfo | None = None
        self._path: Path | None = None
        self.setTitle(self.tr("The registry's key"))
        self.setSubTitle(
            self.tr("Batches are encrypted to the registry's public key, so only it can read them.")
        )
        self.have = QRadioButton(self.tr("I &have the registry's key file (.cmlkey)"), self)
        self.have.setObjectName("setup_registry_have")
        self.have.setChecked(True)
        self.later = QRadioButton(self.tr("I will add it &later"), self)
        self.later.setObjectName("setup_registry_later")
        self._path_field = line_edit(self, "setup_registry_file", self.tr("Key file"), 4096)
        self._path_field.setReadOnly(True)
        self._choose = QPushButton(self.tr("C&hoose file…"), self)
        self._choose.setObjectName("setup_registry_choose")
        self._message = message_label(self, "setup_registry_message")
        self._owner = text_label(self, "", "setup_registry_owner")
        self.fingerprint = big_monospace(self, "setup_registry_fingerprint", selectable=True)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint of the registry's key"))
        self._compare = text_label(
            self,
            self.tr(
                "Call the registry coordinator and read this fingerprint aloud, group by group. "
                "Trust the key only if every group matches what they read back: a key file "
                "sent by e-mail could have been replaced on the way."
            ),
        )
        self.compared = QCheckBox(
            self.tr("I &compared the fingerprint with the registry coordinator: it matches"), self
        )
        self.compared.setObjectName("setup_registry_compared")
        later_text = text_label(
            self,
            self.tr(
                "Without it, cases can be entered and signed but no batch can be exported. An "
                "administrator adds it later with the command 'cmlentry keys trust-registry FILE'."
            ),
        )
        grid = QGridLayout()
        field_row(grid, self.tr("Key &file:"), self._path_field, self._message)
        grid.addWidget(self._choose, grid.rowCount() - 1, 3)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.have)
        layout.addLayout(grid)
        for widget in (self._owner, self.fingerprint, self._compare, self.compared):
            layout.addWidget(widget)
        layout.addWidget(self.later)
        layout.addWidget(later_text)
        layout.addStretch(1)
        self.have.toggled.connect(self._on_have_toggled)
        self._choose.clicked.connect(self._on_choose_clicked)
        self.compared.toggled.connect(self._on_compared_toggled)
        self._show_key()

    def load_key_file(self, path: Path) -> None:
        """Read ``path`` and show its owner and fingerprint, or why it cannot be used."""
        self._path = path
        self._path_field.setText(str(path))
        try:
            self._key = setup.inspect_registry_key(path)
        except CmlentryError as exc:
            self._key = None
            say(self._message, messages.describe(exc))
        else:
            say(self._message, "")
        self._show_key()

    def isComplete(self) -> bool:
        return self.later.isChecked() or (self._key is not None and self.compared.isChecked())

    def validatePage(self) -> bool:
        have = self.have.isChecked()
        self._state.registry_key_file = self._path if have else None
        self._state.registry_key = self._key if have else None
        return True

    def _show_key(self) -> None:
        key = self._key if self.have.isChecked() else None
        if key is not None:
            self._owner.setText(
                self.tr("Owner: {owner}. Made on {date}.").format(
                    owner=key.owner, date=key.created_at[:10]
                )
            )
            self.fingerprint.setText(key.fingerprint)
        for widget in (self._owner, self.fingerprint, self._compare, self.compared):
            widget.setVisible(key is not None)
        self._path_field.setEnabled(self.have.isChecked())
        self._choose.setEnabled(self.have.isChecked())
        # A new file, or none: whatever was compared before no longer counts.
        self.compared.setChecked(False)
        self.completeChanged.emit()

    def _on_have_toggled(self, _checked: bool) -> None:
        self._show_key()

    def _on_choose_clicked(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("The registry's public key file"),
            str(self._path.parent if self._path else Path.home()),
            self.tr("cmlentry key files (*.cmlkey);;All files (*)"),
        )
        if chosen:
            self.load_key_file(Path(chosen))

    def _on_compared_toggled(self, _checked: bool) -> None:
        self.completeChanged.emit()


class DonePage(QWizardPage):
    """The site key's fingerprint for the registry, and what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The workspace is ready"))
        text = text_label(
            self,
            self.tr(
                "Give this fingerprint of your site's key to the registry coordinator, by phone, "
                "when you send them the site's public key file (an administrator writes it with "
                "'cmlentry keys export-site --to FILE'). They register your site with it."
            ),
        )
        self.fingerprint = big_monospace(self, "setup_site_fingerprint", selectable=True)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint of the site's key"))
        self._next = text_label(self, "", "setup_next_steps")
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self._next)
        layout.addStretch(1)

    def show_result(self, result: SetupResult) -> None:
        self.fingerprint.setText(result.site_key.fingerprint)
        steps = [
            self.tr(
                "Next: add the users (research nurses, the principal investigator) with the "
                "command 'cmlentry user add NAME --name \"Printed Name\" --role nurse'. Each gets "
                "a first password, which they change at their first sign-in."
            ),
            self.tr("Make a first backup once the users are added."),
        ]
        if result.registry_key is None:
            steps.append(
                self.tr(
                    "Add the registry's key with 'cmlentry keys trust-registry FILE' before the "
                    "first export."
                )
            )
        self._next.setText("\n\n".join(steps))


class SetupWizard(QWizard):
    """Sets up a site workspace in ``folder``; after it ends, :attr:`result_setup` says what.

    Args:
        folder: Where the workspace is proposed (the Welcome page can change it).
        parent: Owner window.
        clock: UTC clock for the audit trail.
        policy: Argon2id policy of the administrator's key slot.
    """

    WELCOME, SITE, ADMIN, REGISTRY, CREATE, RECOVERY, DONE = range(7)

    def __init__(
        self,
        folder: Path,
        parent: QWidget | None = None,
        *,
        clock: Clock = utc_now,
        policy: KdfPolicy = DEFAULT_POLICY,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setup_wizard")
        self.setWindowTitle(self.tr("Set up cmlentry"))
        self.setWindowIcon(icon("key"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.state = SetupState(folder)
        self.welcome_page = WelcomePage(self.state, self)
        self.site_page = SitePage(self.state, self)
        self.admin_page = AdminPage(self.state, self)
        self.registry_page = RegistryKeyPage(self.state, self)
        self.create_page = CreatePage(self.state, clock, policy, self)
        self.recovery_page = RecoveryKeyPage(self)
        self.done_page = DonePage(self)
        pages = (
            self.welcome_page,
            self.site_page,
            self.admin_page,
            self.registry_page,
            self.create_page,
            self.recovery_page,
            self.done_page,
        )
        for page_id, page in enumerate(pages):
            self.setPage(page_id, page)
        self.setMinimumWidth(640)
        self.currentIdChanged.connect(self._on_current_id_changed)

    @property
    def result_setup(self) -> SetupResult | None:
        """The workspace made (open, for its first administrator), or None if none was made."""
        return self.create_page.result_setup

    def _on_current_id_changed(self, page_id: int) -> None:
        result = self.result_setup
        if page_id == self.RECOVERY and result is not None:
            self.admin_page.forget_password()
            self.recovery_page.show_key(result.recovery_key)
        elif page_id == self.DONE and result is not None:
            self.recovery_page.forget_key()
            self.done_page.show_result(result)

    def reject(self) -> None:
        if self.create_page.running:
            return  # the workspace is being made: its result must find the wizard
        if self.result_setup is None:
            super().reject()
            return
        if self.currentId() == self.RECOVERY and not messages.confirm(
            self,
            self.tr("Close without the recovery key?"),
            self.tr(
                "The workspace is made and kept. If you close now, this recovery key is not "
                "shown again; an administrator can make a new one later with the command "
                "'cmlentry rotate-key --new-recovery-key'. Close anyway?"
            ),
            self.tr("&Close"),
            self.tr("&Stay and write it down"),
        ):
            return
        # The workspace exists and is open: closing keeps it, as Finish does.
        self.recovery_page.forget_key()
        self.done(QDialog.DialogCode.Accepted)
