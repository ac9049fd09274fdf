"""The tables of the review's detail pane: changes since the last signature, queries, signatures.

Each takes the review and query services' dataclasses (``Change``, ``QueryInfo``,
``SignatureInfo``) and shows them read-only. Codes are shown by their labels
(a code list's or a missing-data code's) through :class:`AnswerLabels`, so "CP → AP" reads
"chronic phase → accelerated phase".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from cmlentry.domain.forms import FormDefinition
from cmlentry.gui.editor.query_words import closing_text
from cmlentry.gui.review.texts import (
    SignatureRow,
    local_minute,
    meaning_recorded_note,
    meaning_words,
    utc_and_local,
)
from cmlentry.gui.role_words import role_label
from cmlentry.gui.rows_model import ReadOnlyRowsModel
from cmlentry.services.queries import QueryInfo
from cmlentry.services.review import Change, ItemAddress

Index = QModelIndex | QPersistentModelIndex

RecordRole = int(Qt.ItemDataRole.UserRole) + 1
"""The row itself."""

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)


class AnswerLabels:
    """Labels of forms, items and codes from the form definition the case was entered with."""

    def __init__(self, definition: FormDefinition) -> None:
        self._definition = definition
        self._missing: dict[str, str] = {str(k): v for k, v in definition.missing_codes.items()}

    def where(self, address: ItemAddress) -> str:
        """Form › item ("Diagnosis › Platelets"), with the row's key in a repeating group."""
        form = self._definition.forms_by_id.get(address.form_id)
        item = self._definition.items_by_id.get(address.item_id)
        group = self._definition.group_of.get(address.item_id)
        form_label = form.label if form else address.form_id
        text = f"{form_label} › {item.label if item else address.item_id}"
        if group is not None and group.repeating:
            text += f" #{address.row_key}"
        return text

    def codes(self, item_id: str) -> Mapping[str, str]:
        """Code → label for the item's code list and the missing-data codes."""
        item = self._definition.items_by_id.get(item_id)
        labels = dict(self._missing)
        if item is not None and item.codelist:
            labels.update(self._definition.codelists.get(item.codelist, {}))
        return labels


# --- changes since the last signature --------------------------------------------------------


class ChangeColumn(IntEnum):
    WHEN = 0
    WHO = 1
    ANSWER = 2
    WHAT = 3
    REASON = 4


class ChangesTableModel(ReadOnlyRowsModel):
    """Changes of a case since its last signature, oldest first."""

    def __init__(self, labels: AnswerLabels, parent: QObject | None = None) -> None:
        super().__init__(len(ChangeColumn), parent)
        self._labels = labels
        self._headers = {
            ChangeColumn.WHEN: self.tr("When"),
            ChangeColumn.WHO: self.tr("Who"),
            ChangeColumn.ANSWER: self.tr("Answer"),
            ChangeColumn.WHAT: self.tr("Old → new"),
            ChangeColumn.REASON: self.tr("Reason"),
        }

    def set_changes(self, rows: Iterable[Change]) -> None:
        self._reset(rows)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        change: Change | None = self._row(index)
        if change is None:
            return None
        column = ChangeColumn(index.column())
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.text(change, column)
        if role == _TOOLTIP:
            if column == ChangeColumn.WHEN:
                return utc_and_local(change.at_utc)
            if column == ChangeColumn.WHO:
                return self.tr("user name: %1").replace("%1", change.username)
            return self.text(change, column) or None
        if role == RecordRole:
            return change
        return None

    def text(self, change: Change, column: ChangeColumn) -> str:
        if column == ChangeColumn.WHEN:
            return local_minute(change.at_utc)
        if column == ChangeColumn.WHO:
            return change.printed_name
        if column == ChangeColumn.ANSWER:
            if not change.item_id:
                return self.tr("%1 (the form)").replace("%1", change.form_label)
            return f"{change.form_label} › {change.item_label}"
        if column == ChangeColumn.WHAT:
            return self.what(change)
        return change.reason or ""

    def what(self, change: Change) -> str:
        """The change in words: "12 → 14", "entered: 12", "marked unknown", "overridden: …"."""
        codes = self._labels.codes(change.item_id) if change.item_id else {}

        def label(code: str | None) -> str:
            return codes.get(code, code) if code is not None else ""

        old, new = change.old, change.new
        if change.field == "missing":
            if new is not None:
                return self.tr("marked %1").replace("%1", label(new))
            return self.tr("no longer marked %1").replace("%1", label(old))
        if change.field == "override":
            if new is not None:
                return self.tr("warning overridden: %1").replace("%1", new)
            return self.tr("override withdrawn (was: %1)").replace("%1", old or "")
        if change.field == "status":
            if new == "complete":
                return self.tr("form marked complete")
            return self.tr("form no longer complete")
        if old is None and new is not None:
            return self.tr("entered: %1").replace("%1", label(new))
        if new is None:
            return self.tr("removed: %1").replace("%1", label(old))
        return self.tr("%1 → %2").replace("%1", label(old)).replace("%2", label(new))


# --- queries ---------------------------------------------------------------------------------


class QueryColumn(IntEnum):
    ANSWER = 0
    STATE = 1
    QUESTION = 2
    RAISED = 3
    REPLY = 4


class QueriesTableModel(ReadOnlyRowsModel):
    """A case's queries, oldest first, in every state."""

    def __init__(self, labels: AnswerLabels, parent: QObject | None = None) -> None:
        super().__init__(len(QueryColumn), parent)
        self._labels = labels
        self._headers = {
            QueryColumn.ANSWER: self.tr("Field"),
            QueryColumn.STATE: self.tr("State"),
            QueryColumn.QUESTION: self.tr("Question"),
            QueryColumn.RAISED: self.tr("Raised"),
            QueryColumn.REPLY: self.tr("Reply"),
        }
        self._states = {
            "open": self.tr("Open: waiting for an answer"),
            "answered": self.tr("Answered: waiting to be closed"),
            "closed": self.tr("Closed"),
            "cancelled": self.tr("Cancelled"),
        }

    def set_queries(self, rows: Iterable[QueryInfo]) -> None:
        self._reset(rows)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        query: QueryInfo | None = self._row(index)
        if query is None:
            return None
        column = QueryColumn(index.column())
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.text(query, column)
        if role == _TOOLTIP:
            return self._tooltip(query, column)
        if role == RecordRole:
            return query
        return None

    def state_word(self, state: str) -> str:
        return self._states.get(state, state)

    def text(self, query: QueryInfo, column: QueryColumn) -> str:
        if column == QueryColumn.ANSWER:
            return self._labels.where(query.address)
        if column == QueryColumn.STATE:
            return self.state_word(query.state)
        if column == QueryColumn.QUESTION:
            return query.text
        if column == QueryColumn.RAISED:
            who = query.raised_name
            if query.origin == "registry":
                who = self.tr("%1 (registry)").replace("%1", who)
            return f"{who}, {local_minute(query.raised_at)}"
        return query.answer or ""

    def _tooltip(self, query: QueryInfo, column: QueryColumn) -> str | None:
        if column == QueryColumn.REPLY and query.answer is not None:
            return (
                self.tr("Answered by %1 on %2")
                .replace("%1", query.answered_name or "?")
                .replace("%2", local_minute(query.answered_at))
            )
        if column == QueryColumn.STATE and query.closed_at is not None:
            return closing_text(
                query.state, query.closed_name or "?", local_minute(query.closed_at), query.note
            )
        return self.text(query, column) or None


# --- signatures ------------------------------------------------------------------------------


class SignatureColumn(IntEnum):
    SIGNED = 0
    BY = 1
    MEANING = 2
    STANDING = 3


class SignaturesTableModel(ReadOnlyRowsModel):
    """Every signature of a case, oldest first: the current one and those dropped at unlocks."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(SignatureColumn), parent)
        self._headers = {
            SignatureColumn.SIGNED: self.tr("Signed"),
            SignatureColumn.BY: self.tr("By"),
            SignatureColumn.MEANING: self.tr("Meaning"),
            SignatureColumn.STANDING: self.tr("Current or dropped"),
        }

    def set_signatures(self, rows: Iterable[SignatureRow]) -> None:
        self._reset(rows)

    def signature(self, row: int) -> SignatureRow:
        found: SignatureRow = self._rows[row]
        return found

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        signature: SignatureRow | None = self._row(index)
        if signature is None:
            return None
        column = SignatureColumn(index.column())
        if role in (_DISPLAY, _ACCESSIBLE):
            return self.text(signature, column)
        if role == _TOOLTIP:
            if column == SignatureColumn.SIGNED:
                return utc_and_local(signature.signed_at)
            if column == SignatureColumn.BY:
                return self.tr("user name: %1").replace("%1", signature.username)
            if column == SignatureColumn.MEANING:
                note = meaning_recorded_note(signature.meaning)
                return "\n".join(filter(None, (self.text(signature, column), note)))
            return self.text(signature, column)
        if role == RecordRole:
            return signature
        return None

    def text(self, signature: SignatureRow, column: SignatureColumn) -> str:
        if column == SignatureColumn.SIGNED:
            return local_minute(signature.signed_at)
        if column == SignatureColumn.BY:
            return f"{signature.printed_name} ({role_label(signature.role)})"
        if column == SignatureColumn.MEANING:
            return meaning_words(signature.meaning)
        if signature.revoked_at is None:
            return self.tr("Current: the case is locked")
        return (
            self.tr("Dropped on %1 by %2: %3")
            .replace("%1", local_minute(signature.revoked_at))
            .replace("%2", signature.revoked_by or "?")
            .replace("%3", signature.revoke_reason or "")
        )
