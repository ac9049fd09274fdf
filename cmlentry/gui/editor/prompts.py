"""The questions the case editor asks: why a complete form changes, an override, a removal.

Each opens the shared dialog (``cmlentry.gui.dialogs``, ``cmlentry.gui.messages``) with the
editor's words; none of them writes anything. Every text is a literal
``QCoreApplication.translate("CaseEditor", …)`` call, so that lupdate collects it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from cmlentry.domain.forms import FormDefinition, Item
from cmlentry.domain.validation import Issue
from cmlentry.domain.values import EMPTY, Entry
from cmlentry.errors import CmlentryError
from cmlentry.gui.dialogs.history_dialog import HistoryDialog
from cmlentry.gui.dialogs.override_dialog import OverrideDialog
from cmlentry.gui.dialogs.reason_dialog import ask_reason
from cmlentry.gui.editor.form_state import CaseState
from cmlentry.gui.editor.typed_values import display_text
from cmlentry.gui.messages import confirm, show_error
from cmlentry.services.cases import CaseService


def ask_edit_reason(parent: QWidget, form_label: str, changes: Sequence[str]) -> str | None:
    """Why a complete form is changed; asked for each change (``changes``: what it changes)."""
    text = QCoreApplication.translate(
        "CaseEditor",
        "The form %1 is complete. Give the reason for this change; the audit trail keeps it "
        "with the change.",
    ).replace("%1", form_label)
    if changes:
        text += "\n\n" + "\n".join(changes)
    return ask_reason(
        parent, QCoreApplication.translate("CaseEditor", "Change a complete form"), text
    )


def describe_changes(state: CaseState, form_id: str, limit: int = 6) -> list[str]:
    """What saving the form would change, a line each: "Year of birth: 1961 → 1956"."""
    definition = state.definition
    typed = state.save_request(form_id).groups
    saved = state.stored(form_id).groups
    lines: list[str] = []
    for group in state.form(form_id).groups:
        before = {row.key: row for row in saved.get(group.id, ())}
        for index, row in enumerate(typed.get(group.id, ())):
            prior = before.pop(row.key, None) if row.key is not None else None
            for item in group.items:
                old = prior.entries.get(item.id, EMPTY) if prior else EMPTY
                new = row.entries.get(item.id, EMPTY)
                if item.type == "derived" or old == new:
                    continue
                label = item.label
                if group.repeating:
                    label = f"{group.label} {index + 1}, {item.label}"
                lines.append(
                    f"{label}: {_value_text(definition, item, old)} → "
                    f"{_value_text(definition, item, new)}"
                )
        lines.extend(
            QCoreApplication.translate("CaseEditor", "%1: a row removed").replace("%1", group.label)
            for _ in before
        )
    if len(lines) > limit:
        more = len(lines) - limit + 1
        lines = [
            *lines[: limit - 1],
            # No noun to agree with the number: lupdate gives translate() no plural forms.
            QCoreApplication.translate("CaseEditor", "and %1 more").replace("%1", str(more)),
        ]
    return lines


def removal_change(group_label: str, row: int) -> str:
    return (
        QCoreApplication.translate("CaseEditor", "%1: row %2 removed")
        .replace("%1", group_label)
        .replace("%2", str(row + 1))
    )


def _value_text(definition: FormDefinition, item: Item, entry: Entry) -> str:
    text = display_text(definition, item, entry) or QCoreApplication.translate(
        "CaseEditor", "(empty)"
    )
    if entry.override:
        return (
            QCoreApplication.translate("CaseEditor", "%1 (overridden: %2)")
            .replace("%1", text)
            .replace("%2", entry.override)
        )
    return text


def ask_override(
    parent: QWidget, definition: FormDefinition, issue: Issue, item: Item, entry: Entry
) -> str | None:
    """Why an unusual value is right, or None when the person cancels."""
    dialog = OverrideDialog(
        issue.message, item.label, parent, current_value=display_text(definition, item, entry)
    )
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.reason
        return None
    finally:
        dialog.deleteLater()


def confirm_removal(parent: QWidget, group_label: str, row: int) -> bool:
    return confirm(
        parent,
        QCoreApplication.translate("CaseEditor", "Remove a row"),
        QCoreApplication.translate(
            "CaseEditor",
            "Remove row %1 of %2? Its answers leave the form; the audit trail keeps what they "
            "were.",
        )
        .replace("%1", str(row + 1))
        .replace("%2", group_label),
        QCoreApplication.translate("CaseEditor", "Remove the row"),
        QCoreApplication.translate("CaseEditor", "Keep it"),
    )


def confirm_close_unsaved(parent: QWidget, *, kept: bool) -> bool:
    """Close with unsaved typing? ``kept``: it is really in a draft (else it would be lost)."""
    if kept:
        text = QCoreApplication.translate(
            "CaseEditor",
            "Some typing could not be saved. It is kept as a draft and offered again when the "
            "case is opened. Close the case anyway?",
        )
    else:
        text = QCoreApplication.translate(
            "CaseEditor",
            "Some typing could not be saved, and it could not be kept as a draft either: "
            "closing the case loses it. Close the case anyway?",
        )
    return confirm(
        parent,
        QCoreApplication.translate("CaseEditor", "Close the case"),
        text,
        QCoreApplication.translate("CaseEditor", "Close the case"),
        QCoreApplication.translate("CaseEditor", "Stay"),
    )


def show_field_history(
    parent: QWidget,
    cases: CaseService,
    state: CaseState,
    address: tuple[str, str, int, str],
) -> bool:
    """Open the history of one answer; False when its row is not saved yet (no history)."""
    form_id, group_id, row, item_id = address
    rows = state.rows(form_id, group_id)
    key = rows[row].key if row < len(rows) else None
    if key is None:
        return False
    try:
        changes = cases.history(state.registry_id, form_id, group_id, key, item_id)
    except CmlentryError as exc:
        show_error(parent, exc)
        return True
    definition = state.definition
    item = definition.item(item_id)
    labels = {str(code): word for code, word in definition.missing_codes.items()}
    if item.type == "code":
        labels.update(definition.codes(item))
    dialog = HistoryDialog(item.label, changes, labels, parent)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
    return True


def local_time(utc_text: str, today: dt.date | None = None) -> str:
    """``2026-11-21T13:02:00.000000Z`` as local "14:02", or "2026-11-20 14:02" another day."""
    try:
        moment = dt.datetime.fromisoformat(utc_text.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return utc_text
    if moment.date() == (today or dt.datetime.now().astimezone().date()):
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")
