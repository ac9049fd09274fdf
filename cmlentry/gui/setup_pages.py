"""The set-up wizard's pages for where, which site, who administers it, and the recovery key.

Each page checks its fields as they are typed with the Qt-free checks of
:mod:`cmlentry.services.setup`; a refusal's sentence sits beside its field (the error's
``params["field"]`` says which), and Next is enabled only when the page is valid. What the pages
gather goes into one :class:`SetupState`, which the creating page hands to ``set_up_site``.

The recovery key is written down by hand, not copied or printed: clipboard managers keep a
history, and printing spools to disk (or "prints" to a PDF file) — copies outside the sealed
envelope, which security.md rules out. So it is shown in large fixed-width groups that cannot be
selected, and Next waits for the confirmation AND one group typed back from the paper.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from cmlentry.domain.accounts import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, SiteDetails
from cmlentry.errors import CmlentryError
from cmlentry.gui.messages import describe
from cmlentry.gui.password_dialog import message_label, say
from cmlentry.services import setup
from cmlentry.services.keys import KeyInfo

# The registry's countries: the EU, the rest of the EEA, Switzerland and the United Kingdom.
COUNTRIES = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
    "CH", "GB",
)  # fmt: skip
NEW_FOLDER_NAME = "cmlentry-workspace"


@dataclass
class SetupState:
    """What the pages gathered (the password only until the workspace is made)."""

    folder: Path
    site: SiteDetails | None = None
    username: str = ""
    printed_name: str = ""
    password: str = ""
    registry_key_file: Path | None = None
    registry_key: KeyInfo | None = None


def big_monospace(parent: QWidget, name: str, *, selectable: bool) -> QLabel:
    """A label for a key or fingerprint read aloud or copied by hand: large, fixed width."""
    label = QLabel(parent)
    label.setObjectName(name)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    flags = Qt.TextInteractionFlag
    label.setTextInteractionFlags(
        flags.TextSelectableByMouse if selectable else flags.NoTextInteraction
    )
    label.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return label


def text_label(parent: QWidget, text: str, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def field_row(grid: QGridLayout, label: str, field: QWidget, message: QLabel) -> None:
    """One row: the label (the field's buddy), the field, and its message beside it."""
    row = grid.rowCount()
    caption = QLabel(label, field.parentWidget())
    caption.setBuddy(field)
    grid.addWidget(caption, row, 0)
    grid.addWidget(field, row, 1)
    grid.addWidget(message, row, 2)


def line_edit(parent: QWidget, name: str, accessible: str, max_length: int) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    field.setMaxLength(max_length)
    return field


class WelcomePage(QWizardPage):
    """What the wizard does and where the workspace will be made."""

    def __init__(self, state: SetupState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setTitle(self.tr("Set up cmlentry for your site"))
        intro = text_label(
            self,
            self.tr(
                "This assistant makes the encrypted workspace in which your site's cases are "
                "kept. You will give the site's country and centre code, create the first "
                "administrator, add the registry's public key and receive the recovery key, "
                "which the principal investigator keeps sealed."
            ),
        )
        self._folder = line_edit(self, "setup_folder", self.tr("Workspace folder"), 4096)
        self._folder.setReadOnly(True)
        self._change = QPushButton(self.tr("&Change…"), self)
        self._change.setObjectName("setup_change_folder")
        self._message = message_label(self, "setup_folder_message")
        disk = text_label(
            self,
            self.tr(
                "Keep the workspace on this computer's own disk. cmlentry refuses a network "
                "share or a USB stick, where saved work could be lost."
            ),
        )
        grid = QGridLayout()
        field_row(grid, self.tr("&Workspace folder:"), self._folder, self._message)
        grid.addWidget(self._change, grid.rowCount() - 1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(disk)
        layout.addStretch(1)
        self._change.clicked.connect(self._on_change_clicked)
        self.set_folder(state.folder)

    def set_folder(self, folder: Path) -> None:
        """Make the workspace in ``folder``; a folder that holds files gets a new one inside."""
        folder = folder.expanduser().absolute()
        if not setup.is_workspace(folder):
            try:
                setup.check_folder(folder)
            except CmlentryError:
                folder = folder / NEW_FOLDER_NAME
        self._state.folder = folder
        self._folder.setText(str(folder))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        problem = ""
        try:
            setup.check_folder(self._state.folder)
        except CmlentryError as exc:
            problem = describe(exc)
        if setup.is_workspace(self._state.folder):
            problem = self.tr(
                "This folder already holds a workspace: close the assistant and sign in to it, "
                "or choose another folder."
            )
        say(self._message, problem)
        return not problem

    def _on_change_clicked(self) -> None:
        start = self._state.folder
        while not start.exists() and start != start.parent:
            start = start.parent
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Where to make the workspace"), str(start)
        )
        if chosen:
            self.set_folder(Path(chosen))


class _FieldsPage(QWizardPage):
    """A page of fields, each with its message beside it, checked at every edit."""

    def __init__(self, state: SetupState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._touched: set[str] = set()
        self._messages: dict[str, QLabel] = {}
        self._grid = QGridLayout(self)
        self._grid.setColumnStretch(2, 1)

    def _add_field(self, name: str, label: str, field: QLineEdit | QComboBox) -> None:
        self._messages[name] = message_label(self, f"setup_{name}_message")
        field_row(self._grid, label, field, self._messages[name])
        if isinstance(field, QComboBox):
            field.editTextChanged.connect(lambda _text: self._on_field_edited(name))
        else:
            field.textEdited.connect(lambda _text: self._on_field_edited(name))

    def _checks(self) -> dict[str, Callable[[], object]]:
        raise NotImplementedError

    def isComplete(self) -> bool:
        """Run each field's check; show its refusal beside it once the person has edited it."""
        valid = True
        for name, check in self._checks().items():
            try:
                check()
            except CmlentryError as exc:
                valid = False
                say(self._messages[name], describe(exc) if name in self._touched else "")
            else:
                say(self._messages[name], "")
        return valid

    def _on_field_edited(self, name: str) -> None:
        self._touched.add(name)
        self.completeChanged.emit()


class SitePage(_FieldsPage):
    """The site: country, three-digit centre code and the centre's name, checked as typed."""

    def __init__(self, state: SetupState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setTitle(self.tr("Your site"))
        self.setSubTitle(
            self.tr("As the registry knows it: the registry gave your centre its code.")
        )
        self.country = QComboBox(self)
        self.country.setObjectName("setup_country")
        self.country.setEditable(True)
        self.country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.country.setAccessibleName(self.tr("Country"))
        names = {
            code: QLocale.territoryToString(QLocale.codeToTerritory(code)) for code in COUNTRIES
        }
        for code in sorted(COUNTRIES, key=names.__getitem__):
            self.country.addItem(f"{code} — {names[code]}", code)
        self.country.setCurrentIndex(-1)
        self.country.setEditText("")
        self.centre_code = line_edit(self, "setup_centre_code", self.tr("Centre code"), 3)
        self.centre_code.setPlaceholderText("086")
        self.centre_name = line_edit(self, "setup_centre_name", self.tr("Centre name"), 200)
        self._add_field("country", self.tr("C&ountry:"), self.country)
        self._add_field("centre_code", self.tr("Centre c&ode:"), self.centre_code)
        self._add_field("centre_name", self.tr("Centre &name:"), self.centre_name)
        self._grid.setRowStretch(self._grid.rowCount(), 1)

    def country_code(self) -> str:
        """The code of the country chosen from the list, or what was typed."""
        # Inline completion keeps the case typed ("de — Germany"): match without case.
        index = self.country.findText(self.country.currentText(), Qt.MatchFlag.MatchFixedString)
        return str(self.country.itemData(index)) if index >= 0 else self.country.currentText()

    def _checks(self) -> dict[str, Callable[[], object]]:
        return {
            "country": lambda: setup.check_country(self.country_code()),
            "centre_code": lambda: setup.check_centre_code(self.centre_code.text()),
            "centre_name": lambda: setup.check_centre_name(self.centre_name.text()),
        }

    def validatePage(self) -> bool:
        try:
            self._state.site = setup.check_site(
                self.country_code(), self.centre_code.text(), self.centre_name.text()
            )
        except CmlentryError:
            return False
        return True


class AdminPage(_FieldsPage):
    """The first administrator: user name, printed name and password, checked as typed."""

    def __init__(self, state: SetupState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(self.tr("Once the workspace is made, they add the other users."))
        self.username = line_edit(self, "setup_username", self.tr("User name"), 32)
        self.printed_name = line_edit(self, "setup_printed_name", self.tr("Printed name"), 200)
        self.printed_name.setPlaceholderText(self.tr("As under your signature"))
        self.password = line_edit(self, "setup_password", self.tr("Password"), MAX_PASSWORD_LENGTH)
        self.repeat = line_edit(
            self, "setup_repeat", self.tr("Password again"), MAX_PASSWORD_LENGTH
        )
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self._add_field("username", self.tr("&User name:"), self.username)
        self._add_field("printed_name", self.tr("&Printed name:"), self.printed_name)
        self._add_field("password", self.tr("Pass&word:"), self.password)
        self._add_field("repeat", self.tr("&Repeat it:"), self.repeat)
        self._hint = text_label(self, "", "setup_password_hint")
        self._grid.addWidget(self._hint, self._grid.rowCount(), 1, 1, 2)
        self._grid.setRowStretch(self._grid.rowCount(), 1)
        self.completeChanged.connect(self._on_self_complete_changed)
        self._on_self_complete_changed()

    def _checks(self) -> dict[str, Callable[[], object]]:
        user, password = self.username.text(), self.password.text()
        return {
            "username": lambda: setup.check_username(user),
            "printed_name": lambda: setup.check_printed_name(self.printed_name.text()),
            "password": lambda: setup.check_password(password, user),
            "repeat": lambda: setup.check_repeat(password, self.repeat.text()),
        }

    def validatePage(self) -> bool:
        if not self.isComplete():
            return False
        self._state.username = self.username.text()
        self._state.printed_name = self.printed_name.text()
        self._state.password = self.password.text()
        return True

    def forget_password(self) -> None:
        """Clear the password fields (the workspace is made; it is not needed any more)."""
        self.password.clear()
        self.repeat.clear()
        self._state.password = ""

    def _on_field_edited(self, name: str) -> None:
        if name == "password" and self.repeat.text():
            self._touched.add("repeat")
        super()._on_field_edited(name)

    def _on_self_complete_changed(self) -> None:
        password = self.password.text()
        try:
            setup.check_password(password, self.username.text())
        except CmlentryError:
            password = ""
        if password and len(password) < setup.GOOD_PASSWORD_LENGTH:
            text = self.tr("Accepted. A longer password, such as a short sentence, is stronger.")
        else:
            text = self.tr(
                "At least {n} characters, not containing the user name. A few unrelated words "
                "make a password that is strong and easy to remember."
            ).format(n=MIN_PASSWORD_LENGTH)
        self._hint.setText(text)


_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def same_group(typed: str, group: str) -> bool:
    """Whether ``typed`` is ``group`` as a person copies it (any case, O for 0, I or L for 1)."""
    compact = "".join(typed.split()).replace("-", "").upper().translate(_CONFUSABLE)
    return compact == group.upper()


class RecoveryKeyPage(QWizardPage):
    """The recovery key, shown once; Next waits for the confirmation and one group typed back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._groups: list[str] = []
        self.asked_group = n = secrets.randbelow(7) + 1
        self.setTitle(self.tr("The recovery key"))
        self.setSubTitle(self.tr("Shown this once. Write it down now, on paper."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Next"))
        text = text_label(
            self,
            self.tr(
                "With this key a new password can be set for any user if every password is "
                "lost; without it the data would be lost. Copy it by hand, check it, seal it in "
                "an envelope and give it to the principal investigator. It cannot be copied or "
                "printed here: clipboards and print queues would keep a copy on this computer."
            ),
        )
        self.key_label = big_monospace(self, "setup_recovery_key", selectable=False)
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.written = QCheckBox(
            self.tr("I have &written the recovery key down and will give it to the PI"), self
        )
        self.written.setObjectName("setup_recovery_written")
        accessible = self.tr("Group {n} of the recovery key").format(n=n)
        self.group = line_edit(self, "setup_recovery_group", accessible, 7)
        self.group.setFont(self.key_label.font())
        self._message = message_label(self, "setup_recovery_message")
        grid = QGridLayout()
        ask = self.tr("From your paper, type &group {n}:").format(n=n)
        field_row(grid, ask, self.group, self._message)
        grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.key_label)
        layout.addWidget(self.written)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.written.toggled.connect(self._on_written_toggled)
        self.group.textEdited.connect(self._on_group_text_edited)

    def show_key(self, recovery_key: str) -> None:
        self._groups = recovery_key.split("-")
        self.key_label.setText("  ".join(self._groups))

    def forget_key(self) -> None:
        """Take the key off the screen (the page is left and cannot be come back to)."""
        self.key_label.clear()
        self._groups = []

    def _group_typed(self) -> bool:
        index = self.asked_group - 1
        return index < len(self._groups) and same_group(self.group.text(), self._groups[index])

    def isComplete(self) -> bool:
        return self.written.isChecked() and self._group_typed()

    def _on_written_toggled(self, _checked: bool) -> None:
        self.completeChanged.emit()

    def _on_group_text_edited(self, text: str) -> None:
        wrong = len(text.replace(" ", "").replace("-", "")) >= 5 and not self._group_typed()
        wrong_text = self.tr("That is not group {n}. Check your paper copy.")
        say(self._message, wrong_text.format(n=self.asked_group) if wrong else "")
        self.completeChanged.emit()
