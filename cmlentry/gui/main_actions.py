"""The main window's actions, menus and tool bar, in one place a newcomer can read at a glance.

Every action a nurse can reach is created here with its shortcut, icon, accessible text and the
permission it needs; the window connects them to its slots. An action the signed-in role may not
use is hidden, not merely disabled, and the services refuse it anyway (role checks live there).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from cmlentry.domain.roles import Permission, Role, allowed
from cmlentry.gui.actions import Shortcut, actions_of, make_action


class MainActions(QObject):
    """The window's actions (a QObject so that ``self.tr`` gives lupdate one context)."""

    def __init__(self, window: QMainWindow, role: Role) -> None:
        super().__init__(window)
        self._window = window
        self.new_case = self._action(
            "action_new_case",
            self.tr("&New case…"),
            "new-case",
            QKeySequence.StandardKey.New,
            self.tr("Register a new patient under a new registry ID (Ctrl+N)"),
        )
        self.import_workbook = self._action(
            "action_import",
            self.tr("&Import cases from a spreadsheet…"),
            "import",
            tip=self.tr("Create cases from a filled-in entry workbook: all of them or none"),
        )
        self.write_template = self._action(
            "action_template",
            self.tr("Save an empty entry &workbook…"),
            "export",
            tip=self.tr("An Excel workbook with one sheet per form, to collect a line list"),
        )
        self.backup = self._action(
            "action_backup",
            self.tr("&Back up the workspace…"),
            "backup",
            tip=self.tr("Write a checked, encrypted copy of the whole workspace to another disk"),
        )
        self.export_batch = self._action(
            "action_export_batch",
            self.tr("&Export a batch…"),
            "export",
            "Ctrl+E",
            self.tr("Make a signed, encrypted batch of cases for the registry (Ctrl+E)"),
        )
        self.batches = self._action(
            "action_batches",
            self.tr("Ba&tches…"),
            "open",
            tip=self.tr("The batches made here, the registry's answers, and Write again"),
        )
        self.read_ack = self._action(
            "action_read_ack",
            self.tr("&Read an acknowledgement…"),
            "import",
            tip=self.tr("Read the registry's answer to a batch: which cases it accepted"),
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
        self.back_to_list = self._action(
            "action_back",
            self.tr("&Case list"),
            "open",
            "Alt+Left",
            self.tr("Back to the list of cases; your typing is saved first (Alt+Left)"),
        )
        self.save = self._action(
            "action_save",
            self.tr("&Save"),
            "save",
            QKeySequence.StandardKey.Save,
            self.tr("Save the form now (Ctrl+S); leaving a field saves it too"),
        )
        self.identity = self._action(
            "action_identity",
            self.tr("Patient &identity…"),
            "user",
            "Ctrl+I",
            self.tr("Who this registry ID is: the local identification list, never exported"),
        )
        self.review = self._action(
            "action_review",
            self.tr("&Review and sign…"),
            "signed",
            "Ctrl+R",
            self.tr(
                "The complete cases waiting for your signature: what changed since the last "
                "one, their queries, and Sign (Ctrl+R)"
            ),
        )
        self.unlock_case = self._action(
            "action_unlock_case",
            self.tr("&Unlock the signed case…"),
            "unlock",
            tip=self.tr("Unlock the chosen signed case with a reason; its signature is dropped"),
        )
        self.signatures = self._action(
            "action_signatures",
            self.tr("Si&gnatures…"),
            "signed",
            tip=self.tr(
                "Who signed the chosen case and when, what each signature confirms, and the "
                "signatures dropped when the case was unlocked"
            ),
        )
        self.print_summary = self._action(
            "action_print_summary",
            self.tr("&Print case summary…"),
            "export",
            QKeySequence.StandardKey.Print,
            self.tr("The chosen case as a PDF for the site file, with its signature (Ctrl+P)"),
        )
        self.find = self._action(
            "action_find",
            self.tr("&Find a case"),
            "search",
            QKeySequence.StandardKey.Find,
            self.tr("Search the case list by registry ID or reason (Ctrl+F)"),
        )
        self.refresh = self._action("action_refresh", self.tr("&Refresh the list"), None, "F5")
        self.shortcuts = self._action(
            "action_shortcuts", self.tr("&Keyboard shortcuts"), "help", "F1"
        )
        self.about = self._action("action_about", self.tr("&About cmlentry"), "info")

        self.new_case.setVisible(allowed(role, Permission.ENTER_DATA))
        self.import_workbook.setVisible(allowed(role, Permission.ENTER_DATA))
        self.backup.setVisible(allowed(role, Permission.BACKUP))
        self.identity.setVisible(allowed(role, Permission.VIEW_IDENTITY))
        # Signing and unlocking are the PI's own acts; the review service refuses anyone else.
        self.review.setVisible(allowed(role, Permission.SIGN_CASES))
        self.unlock_case.setVisible(allowed(role, Permission.SIGN_CASES))
        for batch_action in (self.export_batch, self.batches, self.read_ack):
            batch_action.setVisible(allowed(role, Permission.EXPORT_BATCHES))

    def _action(
        self,
        name: str,
        text: str,
        icon_name: str | None = None,
        shortcut: Shortcut | None = None,
        tip: str | None = None,
    ) -> QAction:
        return make_action(self._window, name, text, icon_name, shortcut, tip)

    def case_actions(self) -> list[QAction]:
        """What the case list offers on a right-click, for the case under the pointer."""
        return [
            self.identity,
            self.signatures,
            self.unlock_case,
            self.print_summary,
        ]

    def every(self) -> list[QAction]:
        """All the window's actions (to disable them while the window is locked)."""
        return actions_of(self)

    def build_menus(self) -> QToolBar:
        """Fill the window's menu bar and return its tool bar (the most used actions)."""
        window = self._window
        bar = window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_case, self.import_workbook, self.write_template])
        file_menu.addSeparator()
        file_menu.addActions([self.export_batch, self.batches, self.read_ack])
        file_menu.addSeparator()
        file_menu.addAction(self.backup)
        file_menu.addSeparator()
        file_menu.addActions([self.lock, self.sign_out, self.quit])
        case_menu = bar.addMenu(self.tr("&Case"))
        case_menu.addActions([self.back_to_list, self.save, self.identity])
        case_menu.addSeparator()
        case_menu.addActions([self.review, self.signatures, self.unlock_case])
        case_menu.addSeparator()
        case_menu.addAction(self.print_summary)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.find, self.refresh])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.shortcuts, self.about])

        tools = QToolBar(self.tr("Main tools"), window)
        tools.setObjectName("main_tool_bar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addActions([self.back_to_list, self.new_case, self.save])
        tools.addSeparator()
        tools.addActions([self.find, self.identity])
        if self.review.isVisible():
            tools.addSeparator()
            tools.addAction(self.review)
        tools.addSeparator()
        tools.addAction(self.lock)
        window.addToolBar(tools)
        return tools
