"""What the case list knows of a case: its fields, its columns, its roles and their helpers.

The GUI takes any object shaped like :class:`cmlentry.services.cases.CaseSummary` (the
:class:`CaseRow` protocol) rather than importing the service module: it reaches the services
only through the callables it is given, and importing ``cmlentry.services.cases`` would pull
the store (SQLAlchemy, SQLCipher) into the GUI's import graph, which import-linter forbids.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum, StrEnum
from typing import Protocol

from PySide6.QtCore import Qt


class CaseRow(Protocol):
    """What the case list shows of a case (``CaseSummary`` of the case service has it all)."""

    @property
    def registry_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def form_a_reason(self) -> str | None: ...
    @property
    def updated_at(self) -> str: ...
    @property
    def forms_complete(self) -> int: ...
    @property
    def forms_total(self) -> int: ...
    @property
    def open_errors(self) -> int: ...
    @property
    def open_warnings(self) -> int: ...
    @property
    def locked(self) -> bool: ...
    @property
    def open_queries(self) -> int: ...
    @property
    def answered_queries(self) -> int: ...


class Column(IntEnum):
    REGISTRY_ID = 0
    STATUS = 1
    QUERIES = 2
    REASON = 3
    UPDATED = 4
    COMPLETENESS = 5
    WARNINGS = 6
    ERRORS = 7


class QueryFilter(StrEnum):
    """The case list's filters on queries (beside the status filter's life-cycle states)."""

    OPEN = "open"
    """Cases with a query waiting for its answer (the nurse's to-do)."""
    ANSWERED = "answered"
    """Cases with an answered query waiting to be closed by whoever raised it."""


# The life cycle in its order (product.md, "The life of a case"); sorting follows it.
STATUSES = ("draft", "complete", "signed", "exported", "acknowledged")
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}

RecordRole = int(Qt.ItemDataRole.UserRole) + 1
"""The row's :class:`CaseRow` itself."""
SortRole = int(Qt.ItemDataRole.UserRole) + 2
"""A key that sorts the column: ID text, life-cycle rank, label, UTC time, percentage, count."""
SearchRole = int(Qt.ItemDataRole.UserRole) + 3
"""Lower-case text the free-text search looks in: ID with and without dashes, reason label."""
PercentRole = int(Qt.ItemDataRole.UserRole) + 4
"""Completeness as a percentage (0-100) of the forms complete."""

# Foreground per state: (on a light background, on a dark one). Each has a contrast ratio of at
# least 5.3:1 (WCAG AA asks 4.5:1) against white and the usual alternate-row greys (#f5f5f5,
# #e9e7e3), and the dark set at least 6.5:1 against #1e1e1e to #353535. Draft keeps the
# palette's text colour: it is the usual state. Selected rows use the highlighted text colour.
STATUS_COLOURS = {
    "complete": ("#0b4f8a", "#8cc4ff"),
    "signed": ("#1b6b2f", "#8fdc9f"),
    "exported": ("#6a3d8f", "#d3b0f0"),
    "acknowledged": ("#5a5a5a", "#c4c4c4"),
}


def local_time(updated_at: str) -> dt.datetime | None:
    """The ISO 8601 UTC text of the store as an aware datetime in the computer's time zone."""
    try:
        moment = dt.datetime.fromisoformat(updated_at)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()


def compact_id(registry_id: str) -> str:
    """The registry ID in lower case without dashes or spaces, as people type it."""
    return registry_id.replace("-", "").replace(" ", "").lower()


def has_queries(case: CaseRow, which: QueryFilter) -> bool:
    """Whether ``case`` has queries in the state ``which`` asks for."""
    if which is QueryFilter.OPEN:
        return case.open_queries > 0
    return case.answered_queries > 0


def percent(case: CaseRow) -> float:
    return 100.0 * case.forms_complete / case.forms_total if case.forms_total else 0.0
