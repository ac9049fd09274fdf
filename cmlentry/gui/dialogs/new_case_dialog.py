"""Register a patient: a new case under the centre's next registry ID, and who it is, locally.

The identification (family name, given names, full date of birth, hospital number) is optional
and goes only into this computer's identification list (security.md §5). Before anything is
written the dialog checks it as the identity service would and looks for the patient in the list
(same hospital number, or same family name and date of birth), so a patient is not registered
twice by mistake.

Creating the case and recording its identification are two transactions: ``create_case`` and
``IdentityService.set`` each open their own, and neither service offers both in one. So the
case is created first; if its identification then fails, the dialog says exactly that — the case
exists under its ID, its identification was not saved — and offers to try again. Both writes run
on the worker thread (:class:`~cmlentry.gui.workers.Op`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cmlentry.errors import CmlentryError
from cmlentry.gui.dialogs.identity_fields import IdentityFields, IdentityInput
from cmlentry.gui.dialogs.registration import (
    Match,
    Registered,
    possible_duplicates,
    record_identity,
)
from cmlentry.gui.icons import icon
from cmlentry.gui.messages import describe
from cmlentry.gui.workers import CancelledFn, Op, ProgressFn

if TYPE_CHECKING:
    from cmlentry.services.cases import CaseService
    from cmlentry.services.identities import IdentityService


class NewCaseDialog(QDialog):
    """Registers a patient; :attr:`registry_id` holds the new case's ID once it exists."""

    existing_case_chosen = Signal(str)
    """The nurse chose to open a case already registered for this patient; carries its ID."""
    case_created = Signal(str)
    """A case was registered (whether or not its identification was saved); carries its ID."""

    def __init__(
        self, cases: CaseService, identities: IdentityService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("new_case_dialog")
        self.setWindowTitle(self.tr("Register a patient"))
        self.setWindowIcon(icon("new-case"))
        self.registry_id: str | None = None
        self._cases = cases
        self._identities = identities
        self._busy = False
        self._matches_shown = False
        self._pending_identity: IdentityInput | None = None

        self._pages = QStackedWidget(self)
        self._pages.addWidget(self._form_page())
        self._pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self._pages)

        self.fields.edited.connect(self._on_fields_edited)
        self._register.clicked.connect(self._on_register_clicked)
        self._cancel.clicked.connect(self.reject)
        self._open_case.clicked.connect(self.accept)
        self._retry.clicked.connect(self._on_retry_clicked)
        self._copy.clicked.connect(self._on_copy_clicked)
        self.fields.setFocus()

    # --- building ---------------------------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "The patient gets the centre's next registry ID. The registry only ever knows "
                "the patient by that ID."
            ),
            page,
        )
        intro.setWordWrap(True)
        box = QGroupBox(self.tr("Identification (optional)"), page)
        local = QLabel(
            self.tr(
                "Kept only in this computer's identification list, so that you can find the "
                "patient again. It never leaves this computer: no batch or export for the "
                "registry carries it."
            ),
            box,
        )
        local.setObjectName("new_case_local_only")
        local.setWordWrap(True)
        self.fields = IdentityFields(box)
        inside = QVBoxLayout(box)
        inside.addWidget(local)
        inside.addWidget(self.fields)

        self._message = QLabel(page)
        self._message.setObjectName("new_case_message")
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._message.setVisible(False)
        self._matches = QWidget(page)
        self._matches.setObjectName("new_case_matches")
        self._matches_layout = QVBoxLayout(self._matches)
        self._matches_layout.setContentsMargins(0, 0, 0, 0)
        self._matches.setVisible(False)

        buttons = QDialogButtonBox(page)
        self._register = QPushButton(icon("new-case"), self.tr("&Register patient"), page)
        self._register.setObjectName("new_case_register")
        self._register.setDefault(True)
        self._cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self._register, QDialogButtonBox.ButtonRole.AcceptRole)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(box)
        layout.addWidget(self._message)
        layout.addWidget(self._matches)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget(self)
        heading = QLabel(self.tr("The patient is registered as"), page)
        self._id_label = QLabel(page)
        self._id_label.setObjectName("new_case_registry_id")
        self._id_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self._id_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        font.setLetterSpacing(font.SpacingType.PercentageSpacing, 110)
        self._id_label.setFont(font)
        advice = QLabel(
            self.tr(
                "Write this registry ID in the patient's file now: it is how you and the "
                "registry will find this case again."
            ),
            page,
        )
        advice.setWordWrap(True)
        self._outcome = QLabel(page)
        self._outcome.setObjectName("new_case_outcome")
        self._outcome.setWordWrap(True)
        self._outcome.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QDialogButtonBox(page)
        self._copy = QPushButton(self.tr("&Copy the ID"), page)
        self._copy.setObjectName("new_case_copy")
        self._retry = QPushButton(self.tr("&Save the identification again"), page)
        self._retry.setObjectName("new_case_retry")
        self._retry.setVisible(False)
        self._open_case = QPushButton(icon("open"), self.tr("&Open the case"), page)
        self._open_case.setObjectName("new_case_open")
        buttons.addButton(self._copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self._retry, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self._open_case, QDialogButtonBox.ButtonRole.AcceptRole)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self._id_label)
        layout.addWidget(advice)
        layout.addWidget(self._outcome)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    # --- public API -------------------------------------------------------------------------------

    @property
    def register_button(self) -> QPushButton:
        return self._register

    @property
    def open_case_button(self) -> QPushButton:
        return self._open_case

    @property
    def retry_button(self) -> QPushButton:
        return self._retry

    @property
    def message(self) -> str:
        """The sentence shown under the fields (an error or a possible duplicate), or ""."""
        return self._message.text() if self._message.isVisibleTo(self) else ""

    @property
    def outcome(self) -> str:
        """What the page after registration says about the identification."""
        return self._outcome.text()

    def match_buttons(self) -> list[QPushButton]:
        """The "Open …" buttons of the possible duplicates."""
        return self._matches.findChildren(QPushButton)

    def reject(self) -> None:
        if self._busy:
            return  # the write is under way; its outcome must be shown
        if self.registry_id is not None:
            # The case exists now: closing the dialog opens it like "Open the case".
            self.accept()
            return
        super().reject()

    # --- steps ------------------------------------------------------------------------------------

    def _on_register_clicked(self) -> None:
        if self._busy:
            return
        problem = self.fields.problem(self._cases.today())
        if problem is not None:
            error, field = problem
            self._say(describe(error))
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            field.selectAll()
            return
        value = self.fields.value()
        if not self._matches_shown:
            try:
                matches = possible_duplicates(self._identities, value)
            except CmlentryError as exc:
                self._say(describe(exc))
                return
            if matches:
                self._show_matches(matches)
                return
        self._start(value)

    def _show_matches(self, matches: list[Match]) -> None:
        first = matches[0]
        why = (
            self.tr("the same hospital number")
            if first.same_hospital_number
            else self.tr("the same family name and date of birth")
        )
        text = (
            self.tr("This patient may already be registered as %1 (%2).")
            .replace("%1", first.registry_id)
            .replace("%2", why)
        )
        if len(matches) > 1:
            others = ", ".join(m.registry_id for m in matches[1:])
            text += " " + self.tr("Also possible: %1.").replace("%1", others)
        text += " " + self.tr("Open that case, or register a new one anyway.")
        self._say(text)
        for match in matches:
            button = QPushButton(
                icon("open"), self.tr("Open %1").replace("%1", match.registry_id), self._matches
            )
            button.setObjectName(f"new_case_open_{match.registry_id}")
            button.clicked.connect(
                lambda _checked=False, rid=match.registry_id: self._on_match_clicked(rid)
            )
            self._matches_layout.addWidget(button)
        self._matches.setVisible(True)
        self._matches_shown = True
        # A stray Enter must not register the same patient twice: it opens the existing case.
        self._register.setText(self.tr("&Register anyway"))
        self._register.setDefault(False)
        opener = self.match_buttons()[0]
        opener.setDefault(True)
        opener.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_matches(self) -> None:
        for button in self.match_buttons():
            button.deleteLater()
        self._matches.setVisible(False)
        self._matches_shown = False
        self._register.setText(self.tr("&Register patient"))
        self._register.setDefault(True)

    def _start(self, value: IdentityInput) -> None:
        cases, identities = self._cases, self._identities

        def work(_progress: ProgressFn, _cancelled: CancelledFn) -> Registered:
            registry_id = cases.create_case()
            if value.is_empty:
                return Registered(registry_id)
            return record_identity(identities, registry_id, value)

        self._set_busy(True)
        self._say(self.tr("Registering…"))
        self._pending_identity = None if value.is_empty else value
        (
            Op(self, work)
            .success(self._on_registration_succeeded)
            .failure(self._on_registration_failed)
            .finished(lambda: self._set_busy(False))
            .run()
        )

    def _on_registration_succeeded(self, result: Registered) -> None:
        self._set_busy(False)  # before moving the focus: a disabled button cannot take it
        self.registry_id = result.registry_id
        self._id_label.setText(result.registry_id)
        self._id_label.setAccessibleName(
            self.tr("New registry ID %1").replace("%1", result.registry_id)
        )
        self._show_identity_outcome(result)
        self._pages.setCurrentIndex(1)
        self._open_case.setDefault(True)
        self._open_case.setFocus(Qt.FocusReason.OtherFocusReason)
        self.case_created.emit(result.registry_id)

    def _on_registration_failed(self, exc: BaseException) -> None:
        # create_case failed: nothing was written (one transaction), so say so and stay.
        self._say(describe(exc) + " " + self.tr("No patient was registered."))

    def _show_identity_outcome(self, result: Registered) -> None:
        if self._pending_identity is None:
            self._outcome.setText(
                self.tr(
                    "No identification was given. You can add it later with Case ▸ Patient "
                    "identity."
                )
            )
            self._retry.setVisible(False)
        elif result.identity_error is None:
            self._outcome.setText(
                self.tr("The identification is saved in this computer's identification list.")
            )
            self._pending_identity = None
            self._retry.setVisible(False)
        else:
            self._outcome.setText(
                self.tr(
                    "The case %1 exists, but its identification was NOT saved: %2 Press "
                    "“Save the identification again”, or add it later with Case ▸ Patient "
                    "identity."
                )
                .replace("%1", result.registry_id)
                .replace("%2", describe(result.identity_error))
            )
            self._retry.setVisible(True)

    def _on_retry_clicked(self) -> None:
        value, registry_id = self._pending_identity, self.registry_id
        if value is None or registry_id is None or self._busy:
            return
        identities = self._identities

        def work(_progress: ProgressFn, _cancelled: CancelledFn) -> Registered:
            return record_identity(identities, registry_id, value)

        self._set_busy(True)
        (
            Op(self, work)
            .success(self._show_identity_outcome)
            .finished(lambda: self._set_busy(False))
            .run()
        )

    def _on_match_clicked(self, registry_id: str) -> None:
        self.existing_case_chosen.emit(registry_id)
        super().reject()

    def _on_fields_edited(self) -> None:
        if self._matches_shown:
            self._clear_matches()  # another patient now: look again before registering
        self._say("")

    def _on_copy_clicked(self) -> None:
        if self.registry_id:
            QGuiApplication.clipboard().setText(self.registry_id)

    # --- helpers ----------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self._message.setText(text)
        self._message.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self._register, self._cancel, self._retry, self._open_case, self.fields):
            widget.setEnabled(not busy)
