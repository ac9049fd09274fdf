"""About cmlentry: the versions a support call or an audit asks for, and the icons' licence.

Shown: the application version, the form definition versions installed (and which one new data
are entered under), the workspace's schema revision and SQLCipher version (from
:meth:`MaintenanceService.summary`, when a workspace is open), Qt, PySide6 and Python. "Copy
details" puts the same lines on the clipboard for a support e-mail; none of them is patient data
or key material.
"""

from __future__ import annotations

import platform
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmlentry import __version__
from cmlentry.services.definitions import DefinitionSet, installed_definitions, resources_folder

if TYPE_CHECKING:
    from cmlentry.services.maintenance import WorkspaceSummary

ICON_LICENCE = "icons/LICENSE"
"""The bundled icon set's licence, under ``resources/``."""


class AboutDialog(QDialog):
    """Versions of the application, the form and the store, and the licences of what it bundles."""

    def __init__(
        self,
        summary: WorkspaceSummary | None = None,
        parent: QWidget | None = None,
        *,
        definitions: DefinitionSet | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About cmlentry"))
        self._lines = self._facts(summary, definitions or installed_definitions())

        title = QLabel(self.tr("cmlentry %1").replace("%1", __version__), self)
        title.setObjectName("about_title")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        purpose = QLabel(
            self.tr(
                "Offline, encrypted case entry for the European registry of CML patients in "
                "failure after imatinib."
            ),
            self,
        )
        purpose.setWordWrap(True)

        facts = QFormLayout()
        for name, value in self._lines:
            shown = QLabel(value, self)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setAccessibleName(name)
            facts.addRow(name + ":", shown)

        icons = QLabel(
            self.tr(
                "Icons: Lucide (ISC licence); those derived from Feather under the MIT licence."
            ),
            self,
        )
        icons.setWordWrap(True)
        self._licence = QPlainTextEdit(self)
        self._licence.setObjectName("about_licence")
        self._licence.setReadOnly(True)
        self._licence.setAccessibleName(self.tr("Licence of the icons"))
        self._licence.setPlainText(self._licence_text())
        self._licence.setVisible(False)

        buttons = QDialogButtonBox(self)
        self._copy = QPushButton(self.tr("&Copy details"), self)
        self._copy.setObjectName("about_copy")
        self._show_licence = QPushButton(self.tr("Show the icons' &licence"), self)
        self._show_licence.setObjectName("about_show_licence")
        self._show_licence.setCheckable(True)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        buttons.addButton(self._copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self._show_licence, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(purpose)
        layout.addLayout(facts)
        layout.addWidget(icons)
        layout.addWidget(self._licence, 1)
        layout.addWidget(buttons)

        self._copy.clicked.connect(self._on_copy_clicked)
        self._show_licence.toggled.connect(self._on_show_licence_toggled)
        buttons.rejected.connect(self.reject)
        close.setFocus()

    def _facts(
        self, summary: WorkspaceSummary | None, definitions: DefinitionSet
    ) -> list[tuple[str, str]]:
        current = definitions.current
        forms = ", ".join(
            self.tr("%1 (new data)").replace("%1", version)
            if version == current.version
            else version
            for version in sorted(definitions.by_version)
        )
        lines = [
            (self.tr("Version"), __version__),
            (self.tr("Case report form"), f"{current.definition.id} {forms}"),
        ]
        if summary is not None:
            lines += [
                (self.tr("Workspace schema"), summary.schema_revision or self.tr("unknown")),
                (self.tr("SQLCipher"), summary.sqlcipher_version),
            ]
        lines += [
            (self.tr("Qt"), qVersion()),
            (self.tr("PySide6"), PySide6.__version__),
            (self.tr("Python"), platform.python_version()),
        ]
        return lines

    def details(self) -> str:
        """The versions, one ``name: value`` line each, as "Copy details" copies them."""
        return "\n".join(f"{name}: {value}" for name, value in self._lines)

    def _licence_text(self) -> str:
        try:
            return (resources_folder() / ICON_LICENCE).read_text("utf-8")
        except OSError:
            return self.tr("The licence file of the icons is missing from this installation.")

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details())

    def _on_show_licence_toggled(self, checked: bool) -> None:
        self._licence.setVisible(checked)
        self.adjustSize()
