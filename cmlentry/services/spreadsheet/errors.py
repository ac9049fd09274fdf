"""The typed errors of a spreadsheet import or template, and the guard that makes them.

Two kinds of refusal reach the user: :class:`WorkbookRefused` (and its subclasses) when the
*file* cannot be read as a safe xlsx workbook, and :class:`SpreadsheetRejected` when the file
was read but what was *typed* in it cannot be imported, with a :class:`CellProblem` for each
place to fix (the command line lists them all). Each carries a code, as every error of the core
does, so that a front end can word it in its own language.

:func:`_unreadable_as_damaged` turns whatever a parser raises on hostile bytes into a
:class:`WorkbookDamaged`, so that no import ends in a traceback.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cmlentry.errors import CmlentryError

log = logging.getLogger(__name__)


class WorkbookRefused(CmlentryError):
    """The file itself cannot be imported (as opposed to problems in what was typed in it)."""

    code = "spreadsheet.refused"
    template = "{file} cannot be imported ({detail}). Nothing was imported."


class WorkbookNotFound(WorkbookRefused):
    code = "spreadsheet.not_found"
    template = (
        "{file} cannot be opened ({detail}). Check the name and folder; nothing was imported."
    )


class NotAWorkbook(WorkbookRefused):
    code = "spreadsheet.not_xlsx"
    template = (
        "{file} is not an Excel workbook (.xlsx): {detail}. Open it in Excel or LibreOffice and "
        "save it as 'Excel Workbook (.xlsx)'; nothing was imported."
    )


class WorkbookProtected(WorkbookRefused):
    code = "spreadsheet.protected"
    template = (
        "{file} is password-protected or in the old .xls format. Remove the password (Excel: "
        "File > Info > Protect Workbook) and save it as 'Excel Workbook (.xlsx)', then import "
        "that copy; nothing was imported."
    )


class WorkbookDamaged(WorkbookRefused):
    code = "spreadsheet.damaged"
    template = (
        "{file} is damaged or incomplete ({detail}). Save it again from Excel or LibreOffice as "
        ".xlsx and import that copy; nothing was imported."
    )


class WorkbookTooLarge(WorkbookRefused):
    code = "spreadsheet.too_large"
    template = (
        "{file} is too large to import: {detail}. Split the list into several workbooks, or "
        "delete the empty rows and columns below and beside it; nothing was imported."
    )


class WorkbookUnsafe(WorkbookRefused):
    code = "spreadsheet.unsafe"
    template = (
        "{file} was refused because {detail}; a workbook saved by Excel or LibreOffice never "
        "looks like this. Nothing was imported."
    )


class TargetExists(CmlentryError):
    code = "spreadsheet.target_exists"
    template = (
        "{path} already exists. Choose another name, or move that file away first; nothing was "
        "written."
    )


@dataclass(frozen=True)
class CellProblem:
    """One problem found in a workbook: where it is, and what to do. Never the cell's value."""

    sheet: str | None
    row: int | None
    column: str | None
    item: str | None
    label: str | None
    message: str

    def describe(self) -> str:
        where = []
        if self.sheet is not None:
            where.append(f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}" + (f" ({self.label})" if self.label else ""))
        place = ", ".join(where)
        return f"{place}: {self.message}" if place else self.message


class SpreadsheetRejected(CmlentryError):
    """The workbook was read, and what it holds cannot be imported; ``problems`` lists why."""

    code = "spreadsheet.rejected"
    template = "The workbook {file} has {count} {noun}; the first: {first}. Nothing was imported."

    def __init__(self, file: str, problems: Sequence[CellProblem], total: int) -> None:
        self.problems = tuple(problems)
        self.total = total
        super().__init__(
            file=file,
            count=total,
            noun="problem" if total == 1 else "problems",
            first=problems[0].describe(),
        )


# Callers look this guard up on the package when they run (``spreadsheet._unreadable_as_damaged``)
# instead of importing it: the fuzz harness's "leaky" negative control (tests/harness/fuzz_xlsx.py)
# replaces it there with one that lets every exception through, and must reach every use.
@contextlib.contextmanager
def _unreadable_as_damaged(file: str, detail: str) -> Iterator[None]:
    """Any failure inside the block, other than a typed error or running out of memory, means
    the file is damaged: parsers meeting hostile bytes fail in every way Python has."""
    try:
        yield
    except (CmlentryError, MemoryError):
        raise
    except Exception as exc:
        log.info("workbook unreadable: %s", type(exc).__name__)
        raise WorkbookDamaged(file=file, detail=detail) from exc
