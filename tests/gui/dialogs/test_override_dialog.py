"""The override dialog: shows the warning and the value, returns a reason of 3+ visible chars.

It only returns the reason; that the case editor stores it is the editor's test. Here the
reason goes through a real save to show that what the dialog returns is what the service keeps.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cmlentry.domain.validation import Issue
from cmlentry.domain.values import Entry
from cmlentry.gui.dialogs.override_dialog import OverrideDialog
from cmlentry.services.cases import CaseService, RowData
from cmlentry.services.workspace import Workspace

TODAY = dt.date(2026, 11, 21)


def label(dialog: OverrideDialog, name: str) -> str:
    found = dialog.findChild(QLabel, name)
    assert found is not None, name
    return found.text()


def make(qtbot: QtBot, message: str, label: str, value: str = "") -> OverrideDialog:
    dialog = OverrideDialog(message, label, current_value=value)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def unusual_platelets(admin_ws: Workspace) -> tuple[CaseService, str, Issue]:
    cases = CaseService(admin_ws, today=TODAY)
    rid = cases.create_case()
    groups = {"baseline": [RowData(None, {"platelets": Entry("1500")})]}
    result = cases.save_form(rid, "diagnosis", groups)
    warning = next(i for i in result.issues if i.item == "platelets" and i.severity == "soft")
    return cases, rid, warning


def test_shows_the_warning_the_field_and_the_value(qtbot: QtBot, admin_ws: Workspace) -> None:
    _cases, _rid, warning = unusual_platelets(admin_ws)
    dialog = make(qtbot, warning.message, "Platelets", "1500")
    assert label(dialog, "override_message") == warning.message
    assert label(dialog, "override_item") == "Platelets"
    assert label(dialog, "override_value") == "1500"
    assert "exported with the case" in label(dialog, "override_explanation")
    assert dialog.accept_button.text() == "Override warning"
    assert dialog.reason is None


def test_a_short_reason_keeps_override_disabled(qtbot: QtBot) -> None:
    dialog = make(qtbot, "Platelets above 1000 are unusual.", "Platelets", "1500")
    line = dialog.reason_box.line_edit
    qtbot.keyClicks(line, " . ")
    assert not dialog.accept_button.isEnabled()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.reason is None
    qtbot.keyClicks(line, "..")
    assert dialog.accept_button.isEnabled()


def test_the_reason_returned_is_what_a_save_keeps(qtbot: QtBot, admin_ws: Workspace) -> None:
    cases, rid, warning = unusual_platelets(admin_ws)
    dialog = make(qtbot, warning.message, "Platelets", "1500")
    qtbot.keyClicks(dialog.reason_box.line_edit, "  as in the  lab report of 3 May ")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.reason_box.line_edit, Qt.Key.Key_Enter)
    assert dialog.reason == "as in the lab report of 3 May"

    groups = {"baseline": [RowData(None, {"platelets": Entry("1500", override=dialog.reason)})]}
    result = cases.save_form(rid, "diagnosis", groups)
    stored = cases.get_case(rid).forms["diagnosis"].groups["baseline"][0].entries["platelets"]
    assert stored.override == "as in the lab report of 3 May"
    overridden = next(i for i in result.issues if i.item == "platelets" and i.severity == "soft")
    assert not overridden.blocks


def test_empty_value_is_said_and_escape_cancels(qtbot: QtBot) -> None:
    dialog = make(qtbot, "Unusual.", "Spleen size")
    assert label(dialog, "override_value") == "(no value)"
    qtbot.keyClicks(dialog.reason_box.line_edit, "confirmed")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.reason_box.line_edit, Qt.Key.Key_Escape)
    assert dialog.reason is None
