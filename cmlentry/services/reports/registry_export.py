"""One export of the registry's data, as the dashboard and ``cmlentry report`` both make it.

The Excel workbook, the CSV folder or the ODM file, written from a fresh stream of the current
records (:meth:`RegistryReportService.records`), whose read session ends with the export
whatever happens (an error or a Cancel travelling to another thread must not carry an open
read session with it). The writers themselves are :mod:`.workbook`, :mod:`.csv_export` and
:mod:`.odm_export`; this module only chooses one and feeds it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from cmlentry.services.reports.csv_export import CsvExport, write_csv
from cmlentry.services.reports.listing import CODES, Record, ValueStyle
from cmlentry.services.reports.odm_export import OdmExportResult, write_central_odm
from cmlentry.services.reports.registry_report import RegistryReport, RegistryReportService
from cmlentry.services.reports.workbook import WorkbookExport, write_workbook

Progress = Callable[[int, int], None]
Written = WorkbookExport | CsvExport | OdmExportResult


def _no_progress(_done: int, _total: int) -> None:
    """No one is watching."""


def _never() -> bool:
    return False


class ExportFormat(StrEnum):
    """What an export writes."""

    XLSX = "xlsx"  # the workbook: report, charts, listings, codebook
    CSV = "csv"  # a folder: one file per listing, and the codebook
    ODM = "odm"  # one CDISC ODM 1.3.2 Snapshot


@dataclass(frozen=True)
class ExportChoices:
    """How the export is written (``style`` for Excel and CSV; the rest for CSV only)."""

    format: ExportFormat = ExportFormat.XLSX
    style: ValueStyle = CODES
    delimiter: Literal[",", ";"] = ","
    bom: bool = True


def default_name(fmt: ExportFormat, day: dt.date) -> str:
    """The name an export gets unless the person names it: the report's date in it."""
    stem = f"registry-report-{day.isoformat()}"
    return {
        ExportFormat.XLSX: f"{stem}.xlsx",
        ExportFormat.CSV: f"{stem}-csv",
        ExportFormat.ODM: f"{stem}.odm.xml",
    }[fmt]


@contextlib.contextmanager
def streamed_records(
    service: RegistryReportService,
    centres: tuple[str, ...],
    counted: Progress = _no_progress,
    cancelled: Callable[[], bool] = _never,
) -> Iterator[Iterator[Record]]:
    """The records streamed, never listed; their read session ends with the block.

    ``counted(done, total)`` learns how many cases the stream holds (the writers do not).
    """
    cases = service.records(centres=centres, progress=counted, cancelled=cancelled)
    try:
        yield (case.record for case in cases)
    finally:
        cases.close()


def write_export(
    service: RegistryReportService,
    target: Path,
    choices: ExportChoices,
    *,
    centres: tuple[str, ...] = (),
    report: RegistryReport | None = None,
    progress: Progress = _no_progress,
    counted: Progress = _no_progress,
    cancelled: Callable[[], bool] = _never,
) -> Written:
    """Write one export of the current data of ``centres`` (all when empty) to ``target``.

    Args:
        service: The registry report service (its permission and store).
        target: The file (the folder for CSV) to create; never replaced.
        choices: The format, and codes or labels, separator and BOM.
        centres: The centres in scope; the report's, when there is one.
        report: For the workbook's Report, Registrations and PFS sheets (made by the caller,
            with the options the person chose); ignored by CSV and ODM.
        progress: The writer's (cases written, cases in all or 0).
        counted: The record stream's (cases read, cases in all): where the total is learnt.
        cancelled: Polled by the writer; True stops with ``Cancelled``, nothing written.

    Raises:
        Whatever the writer raises: TargetExists, WorkbookDataChanged, OdmDataChanging, …
    """
    if choices.format is ExportFormat.ODM:
        return write_central_odm(
            service, target, centres=centres, progress=progress, cancelled=cancelled
        )
    with streamed_records(service, centres, counted, cancelled) as records:
        if choices.format is ExportFormat.XLSX:
            return write_workbook(
                target,
                records,
                service.definition,
                style=choices.style,
                report=report,
                progress=progress,
                cancelled=cancelled,
            )
        return write_csv(
            target,
            records,
            service.definition,
            style=choices.style,
            bom=choices.bom,
            delimiter=choices.delimiter,
            progress=progress,
            cancelled=cancelled,
        )
