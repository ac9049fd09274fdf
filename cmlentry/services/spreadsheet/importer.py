"""Importing a workbook: all of its cases in one audited transaction through CaseService, or none.

The workbook is read in full first (:func:`~.reader.read_workbook`), so that any value that
cannot be stored rejects it before anything is written; the cases are then created together by
:meth:`CaseService.import_cases`, which records the file's SHA-256 so that the same file is not
imported twice. The clinical validation runs on every created case and is reported per case,
not enforced: the cases stay drafts, as if they had been typed in the case editor.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cmlentry.domain.roles import Permission
from cmlentry.domain.validation import Issue
from cmlentry.services.cases import CaseService, ImportSource, NewCase, RowData
from cmlentry.services.definitions import DefinitionSet
from cmlentry.services.spreadsheet.reader import Progress, _never, _no_progress, read_workbook
from cmlentry.services.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaseOutcome:
    """One created case: the line label, its new registry ID, and what is left to resolve."""

    label: str
    registry_id: str
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]


@dataclass(frozen=True)
class ImportReport:
    file: str
    sha256: str
    cases: tuple[CaseOutcome, ...]
    empty_lines: int = 0

    @property
    def cases_with_findings(self) -> int:
        return sum(1 for c in self.cases if c.errors or c.warnings)


def import_workbook(
    ws: Workspace,
    path: Path,
    *,
    definitions: DefinitionSet | None = None,
    today: dt.date | None = None,
    allow_repeat: bool = False,
    progress: Progress = _no_progress,
    cancelled: Callable[[], bool] = _never,
) -> ImportReport:
    """Read ``path`` and create its cases in ONE audited transaction: all of them or none.

    Values that cannot be read reject the workbook before anything is written. The clinical
    validation runs on every created case and is reported, not enforced: the cases stay drafts.
    ``progress(done, total)`` runs from 0 to 100 (reading, then saving); ``cancelled`` is
    polled between sheets and between cases, and cancelling leaves the workspace unchanged.

    Raises:
        WorkbookRefused, SpreadsheetRejected: see :func:`read_workbook`.
        AlreadyImported: this very file was imported before (unless ``allow_repeat``).
        NotPermitted, SequenceExhausted, Cancelled, and the workspace's write errors.
    """
    service = CaseService(ws, definitions, today)
    ws.require(Permission.ENTER_DATA)
    imported = read_workbook(
        service.definition,
        path,
        progress=lambda done, total: progress(50 * done // max(total, 1), 100),
        cancelled=cancelled,
    )
    new_cases: list[NewCase] = [
        {
            form_id: {
                group_id: [RowData(None, row) for row in rows] for group_id, rows in groups.items()
            }
            for form_id, groups in case.forms.items()
        }
        for case in imported.cases
    ]
    created = service.import_cases(
        new_cases,
        ImportSource(imported.file, imported.sha256, "spreadsheet", allow_repeat),
        progress=lambda done, total: progress(50 + 50 * done // max(total, 1), 100),
        cancelled=cancelled,
    )
    progress(100, 100)
    log.info("imported %d cases from a spreadsheet", len(created))
    return ImportReport(
        imported.file,
        imported.sha256,
        tuple(
            CaseOutcome(
                case.label,
                made.registry_id,
                tuple(i for i in made.issues if i.severity == "hard"),
                tuple(i for i in made.issues if i.severity == "soft" and i.blocks),
            )
            for case, made in zip(imported.cases, created, strict=True)
        ),
        imported.empty_lines,
    )
