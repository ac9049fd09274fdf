"""F1: the keyboard shortcuts, so a nurse never needs the mouse."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class ShortcutsDialog(QDialog):
    """A short table of the keys that matter, in the words a nurse uses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [
            (self.tr("Ctrl+N"), self.tr("Register a new patient")),
            (self.tr("Ctrl+F"), self.tr("Find a case in the list")),
            (self.tr("↓ then Enter"), self.tr("From the search to the list, then open the case")),
            (self.tr("Enter / Tab"), self.tr("Next field (a field left is saved)")),
            (self.tr("Shift+Tab"), self.tr("Previous field")),
            (self.tr("Ctrl+PgDown / Ctrl+PgUp"), self.tr("Next / previous form")),
            (self.tr("Insert / Ctrl+Delete"), self.tr("Add / remove a table row")),
            (self.tr("Ctrl+S"), self.tr("Save the form now")),
            (self.tr("Ctrl+H"), self.tr("History of the field you are in")),
            (self.tr("Ctrl+I"), self.tr("Patient identity (local list only)")),
            (self.tr("Alt+Left"), self.tr("Back to the case list")),
            (
                self.tr("Ctrl+Shift+V"),
                self.tr("Mark the answer you are in verified against source (PI)"),
            ),
            (self.tr("Ctrl+R"), self.tr("Review and sign cases (PI)")),
            (self.tr("Ctrl+P"), self.tr("Print the case summary (PDF)")),
            (self.tr("Ctrl+E"), self.tr("Export a batch for the registry (PI, administrator)")),
            (self.tr("Ctrl+L"), self.tr("Lock the screen")),
            (self.tr("Ctrl+Q"), self.tr("Quit (everything is saved first)")),
        ]
        table = "".join(
            f"<tr><td style='padding-right:16px'><b>{key}</b></td><td>{what}</td></tr>"
            for key, what in rows
        )
        text = QLabel(f"<table>{table}</table>", self)
        text.setObjectName("shortcuts_table")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
