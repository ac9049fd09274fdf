"""The top of the case editor: registry ID, case status, forms complete, and the buttons.

Save, Mark form complete and Close; with the review, "Queries" (shows or hides the queries
panel, with the number of queries waiting) and, for the principal investigator, "Verify form"
(marks every saved answer of the form verified against source).

"Mark form complete" is enabled only when the checks of the typed answers leave nothing that
blocks the form; otherwise its tooltip says what is left ("2 errors and 1 warning to resolve
first").
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from cmlentry.gui.editor.findings import IssueCount
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.gui.editor.sdv_mark import tick_icon
from cmlentry.gui.icons import icon


class EditorHeader(QWidget):
    """Who the case is, how far it is, and Save / Mark form complete / Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor_header")
        self.registry_label = QLabel(self)
        self.registry_label.setObjectName("registry_id")
        self.registry_label.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("case_status")
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("forms_complete")

        self.save_button = QPushButton(icon("save"), self.tr("&Save"), self)
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip(self.tr("Save now (Ctrl+S); leaving a field saves too"))
        self.complete_button = QPushButton(icon("complete"), self.tr("&Mark form complete"), self)
        self.complete_button.setObjectName("complete_button")
        # Alt letters apart from the menu bar's (File, Case, View, Help) and the queries panel's.
        self.close_button = QPushButton(icon("close"), self.tr("Cl&ose"), self)
        self.close_button.setObjectName("close_button")
        self.close_button.setToolTip(self.tr("Save and go back to the list of cases"))
        self.queries_button = QPushButton(self.tr("&Queries"), self)
        self.queries_button.setObjectName("queries_button")
        self.queries_button.setCheckable(True)
        self.queries_button.setToolTip(self.tr("Show or hide the queries of this case"))
        self.queries_button.setVisible(False)
        self.verify_form_button = QPushButton(tick_icon(True), self.tr("Ver&ify form…"), self)
        self.verify_form_button.setObjectName("verify_form_button")
        self.verify_form_button.setToolTip(
            self.tr("Mark every saved answer of this form verified against source")
        )
        self.verify_form_button.setVisible(False)
        buttons = (
            self.queries_button,
            self.verify_form_button,
            self.save_button,
            self.complete_button,
            self.close_button,
        )
        for button in buttons:
            button.setAccessibleName(button.text().replace("&", ""))
            button.setAutoDefault(False)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.registry_label)
        layout.addSpacing(12)
        layout.addWidget(self.status_label)
        layout.addSpacing(12)
        layout.addWidget(self.progress_label)
        layout.addStretch(1)
        layout.addWidget(self.queries_button)
        layout.addWidget(self.verify_form_button)
        layout.addWidget(self.save_button)
        layout.addWidget(self.complete_button)
        layout.addWidget(self.close_button)

    def status_word(self, status: str) -> str:
        words = {
            "draft": self.tr("Draft"),
            "complete": self.tr("Complete"),
            "signed": self.tr("Signed"),
            "exported": self.tr("Exported"),
            "acknowledged": self.tr("Acknowledged"),
        }
        return words.get(status, status)

    def show_case(self, state: CaseState | None, forms_total: int) -> None:
        if state is None:
            for label in (self.registry_label, self.status_label, self.progress_label):
                label.clear()
            return
        self.registry_label.setText(state.registry_id)
        self.registry_label.setAccessibleName(self.tr("Case %1").replace("%1", state.registry_id))
        self.status_label.setText(self.status_word(state.case_status))
        self.progress_label.setText(
            self.tr("Forms complete: %1 of %2")
            .replace("%1", str(state.forms_complete()))
            .replace("%2", str(forms_total))
        )

    def show_queries(self, waiting: int, total: int) -> None:
        """The Queries button's count: queries waiting (open or answered) of all."""
        text = (
            self.tr("&Queries (%1)").replace("%1", str(waiting)) if total else self.tr("&Queries")
        )
        self.queries_button.setText(text)
        self.queries_button.setAccessibleName(text.replace("&", ""))

    def show_form(self, complete: bool, count: IssueCount, *, read_only: bool = False) -> None:
        """Enable "Mark form complete" when nothing blocks the form; say why not otherwise.

        A read-only workspace (it failed its check at start-up) or a signed, locked case saves
        and completes nothing.
        """
        self.save_button.setEnabled(not read_only)
        self.complete_button.setEnabled(not read_only and not complete and count.total == 0)
        if complete:
            why = self.tr("This form is complete.")
        elif count.total == 0:
            why = self.tr("Mark this form complete: every check passes.")
        elif not count.warnings:
            why = self.tr("%n error(s) to resolve first", "", count.errors)
        elif not count.errors:
            why = self.tr("%n warning(s) to resolve first", "", count.warnings)
        else:
            why = (
                self.tr("%1 and %2 to resolve first")
                .replace("%1", self.tr("%n error(s)", "", count.errors))
                .replace("%2", self.tr("%n warning(s)", "", count.warnings))
            )
        self.complete_button.setToolTip(why)
        self.complete_button.setAccessibleDescription(why)
