"""The coordinator window's actions, menus and tool bar, in one place."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from cmlentry.gui.actions import Shortcut, actions_of, make_action


class RegistryActions(QObject):
    """The registry window's actions (a QObject so that ``self.tr`` gives lupdate one context)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.register_centre = self._action(
            "action_register_centre",
            self.tr("&Register centre…"),
            "key",
            tip=self.tr("Register a centre from the public key file its site sent you"),
        )
        self.import_batches = self._action(
            "action_import_batches",
            self.tr("&Import batches…"),
            "import",
            QKeySequence.StandardKey.Open,
            self.tr("Import batch files (.cmlbatch); each goes in whole or not at all (Ctrl+O)"),
        )
        self.export_key = self._action(
            "action_export_registry_key",
            self.tr("&Export registry key…"),
            "export",
            tip=self.tr("Write the registry's public key file, to send to the sites"),
        )
        self.show_conflicts = self._action(
            "action_show_conflicts",
            self.tr("C&onflicting versions…"),
            None,
            tip=self.tr(
                "Case versions a centre sent that were kept but not applied; take the centre's "
                "version once you have spoken with it"
            ),
        )
        self.raise_query = self._action(
            "action_raise_query",
            self.tr("&Raise query…"),
            None,
            "Ctrl+Shift+N",
            self.tr("Ask a centre about one answer of a case the registry holds (Ctrl+Shift+N)"),
        )
        self.send_queries = self._action(
            "action_send_queries",
            self.tr("&Send queries to a centre…"),
            "export",
            tip=self.tr(
                "Write a centre's latest acknowledgement again with the registry's queries as "
                "they are now, to send it to the centre"
            ),
        )
        self.show_queries = self._action(
            "action_show_queries",
            self.tr("Show the &queries"),
            None,
            "Ctrl+2",
            self.tr("The registry's queries and the sites' answers (Ctrl+2)"),
        )
        self.show_centres = self._action(
            "action_show_centres",
            self.tr("Show the &centres and batches"),
            None,
            "Ctrl+1",
            self.tr("The centres, the batch import and its report (Ctrl+1)"),
        )
        self.show_reports = self._action(
            "action_show_reports",
            self.tr("Show the &reports"),
            None,
            "Ctrl+3",
            self.tr("The registry report, its pictures and its exports (Ctrl+3)"),
        )
        self.update_report = self._action(
            "action_update_report",
            self.tr("&Update report"),
            None,
            "Ctrl+U",
            self.tr("Make the registry report again with the options chosen (Ctrl+U)"),
        )
        self.export_excel = self._action(
            "action_export_excel",
            self.tr("Export to &Excel…"),
            "export",
            "Ctrl+E",
            self.tr("The report, its charts, the listings and the codebook in a workbook (Ctrl+E)"),
        )
        self.export_csv = self._action(
            "action_export_csv",
            self.tr("Export to &CSV…"),
            "export",
            tip=self.tr("One CSV file per form and repeating group, and the codebook"),
        )
        self.export_odm = self._action(
            "action_export_odm",
            self.tr("Export to CDISC &ODM…"),
            "export",
            tip=self.tr("The registry's current data as one CDISC ODM 1.3.2 file"),
        )
        self.refresh = self._action(
            "action_refresh_centres", self.tr("Re&fresh"), None, "F5", self.tr("Read again (F5)")
        )
        self.lock = self._action(
            "action_lock",
            self.tr("&Lock"),
            "lock",
            "Ctrl+L",
            self.tr("Hide the data until your password is given again (Ctrl+L)"),
        )
        self.sign_out = self._action("action_sign_out", self.tr("Sign &out"), "user")
        self.quit = self._action(
            "action_quit", self.tr("&Quit"), "quit", QKeySequence.StandardKey.Quit
        )

    def _action(
        self,
        name: str,
        text: str,
        icon_name: str | None = None,
        shortcut: Shortcut | None = None,
        tip: str | None = None,
    ) -> QAction:
        return make_action(self._window, name, text, icon_name, shortcut, tip)

    def every(self) -> list[QAction]:
        return actions_of(self)

    def store_actions(self) -> list[QAction]:
        """The actions that need the registry database open."""
        return [
            self.register_centre,
            self.import_batches,
            self.export_key,
            self.show_conflicts,
            self.raise_query,
            self.send_queries,
            *self.report_actions(),
        ]

    def report_actions(self) -> list[QAction]:
        """The actions that start a report or an export (one at a time)."""
        return [self.update_report, self.export_excel, self.export_csv, self.export_odm]

    def build_menus(self) -> QToolBar:
        """Fill the window's menu bar and return its tool bar."""
        window = self._window
        registry_menu = window.menuBar().addMenu(self.tr("&Registry"))
        registry_menu.addActions([self.import_batches, self.register_centre, self.export_key])
        registry_menu.addSeparator()
        registry_menu.addAction(self.show_conflicts)
        registry_menu.addSeparator()
        registry_menu.addAction(self.refresh)
        registry_menu.addSeparator()
        registry_menu.addActions([self.lock, self.sign_out, self.quit])
        queries_menu = window.menuBar().addMenu(self.tr("&Queries"))
        queries_menu.addActions([self.raise_query, self.send_queries])
        reports_menu = window.menuBar().addMenu(self.tr("R&eports"))
        reports_menu.addAction(self.update_report)
        reports_menu.addSeparator()
        reports_menu.addActions([self.export_excel, self.export_csv, self.export_odm])
        view_menu = window.menuBar().addMenu(self.tr("&View"))
        view_menu.addActions([self.show_centres, self.show_queries, self.show_reports])
        tools = QToolBar(self.tr("Registry tools"), window)
        tools.setObjectName("registry_tool_bar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addActions([self.register_centre, self.import_batches, self.export_key])
        tools.addSeparator()
        tools.addActions([self.lock, self.quit])
        window.addToolBar(tools)
        return tools
