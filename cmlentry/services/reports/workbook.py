"""The Excel export of the central data: listings, codebook, report tables and native charts.

Sheets, in order: "About" (what the file holds and how it was made); with a
:class:`~.registry_report.RegistryReport`, "Report" (the letter's tables and the abstract's end
points, with the options beside them); "Registrations" (patients by month, cumulative, with a
line and a bar chart as the letter's Fig. 1); "PFS" when there is a Kaplan–Meier curve (the
curve as a step function with its 95 % band, a scatter chart with straight lines, and the curves
by Sokal group); a listing per form and per repeating group (:mod:`.listing`); "Codebook".

**Formula injection.** openpyxl stores any string starting with "=" as a formula, and one that
reads like an error ("#REF!") as an error; the cell's type is forced back to text for those. A
text starting with = + - @, a tab or a carriage return also gets Excel's quote prefix (no
visible character), which keeps it text when someone edits the cell. Numbers are numbers.

**What a cell cannot hold.** A character XML cannot carry (control characters, lone surrogates,
U+FFFE) makes openpyxl write a file Excel calls corrupt, or fail; :mod:`.listing` replaces it
with U+FFFD first. A cell holds at most 32,767 characters: a longer text is cut, ending in "…",
and counted. Excel reads ``_xHHHH_`` in a text as an escaped character, so the underscore of
such a sequence is escaped (``_x005F_``) to keep the text as it was typed.

**Memory and temporary files.** openpyxl's write-only mode streams each sheet's rows to a file,
and the records are read once, every listing filled from the same pass: the memory used does not
grow with the number of cases. openpyxl would put those files in the system's temporary folder;
here they are kept in a hidden folder beside the target (removed in every case), because they
hold patient data. The workbook appears under its name only when complete
(:func:`~.csv_export.atomic_file`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Typed with the types-openpyxl stubs where installed, as Any otherwise.
from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell.cell import ERROR_CODES, Cell  # type: ignore[import-untyped, unused-ignore]
from openpyxl.chart import (  # type: ignore[import-untyped, unused-ignore]
    BarChart,
    LineChart,
    Reference,
    ScatterChart,
    Series,
)
from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet._writer import WorksheetWriter  # type: ignore[import-untyped, unused-ignore]

from cmlentry.domain.forms import FormDefinition
from cmlentry.domain.survival import KmCurve
from cmlentry.errors import Cancelled, CmlentryError
from cmlentry.fileio import translated_os_errors
from cmlentry.services.reports.csv_export import (
    PROGRESS_EVERY,
    Progress,
    atomic_file,
    never,
    no_progress,
)
from cmlentry.services.reports.listing import (
    CODEBOOK_COLUMNS,
    CODES,
    Listing,
    ListingBuilder,
    Record,
    Table,
    TableCell,
    ValueStyle,
    clean_text,
    codebook_rows,
    registrations_table,
    report_tables,
)
from cmlentry.services.reports.registry_report import RegistryReport
from cmlentry.services.spreadsheet import CODEBOOK_TITLE, FORMULA_STARTS

MAX_CELL_TEXT = 32_767
ROWS_PER_SHEET = 1_048_576 - 2
"""Data rows a listing sheet takes: Excel's 1,048,576 rows less the two header rows."""
ELLIPSIS = "\u2026"
ABOUT_TITLE = "About"
REPORT_TITLE = "Report"
REGISTRATIONS_TITLE = "Registrations"
PFS_TITLE = "PFS"
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_NAME_FONT = Font(italic=True, size=8, color="808080")
_TITLE_FONT = Font(bold=True, size=14)


@dataclass(frozen=True)
class WorkbookExport:
    """What :func:`write_workbook` wrote.

    Attributes:
        path: The workbook.
        sheets: Its sheet titles, in order.
        cases: Cases exported.
        rows: Data rows per listing sheet.
        charts: Charts per sheet that has any.
        replaced_characters: Characters XML cannot carry, replaced by U+FFFD.
        truncated_cells: Texts cut to Excel's 32,767 characters.
        neutralised_cells: Texts kept from being read as a formula (or error) by forcing text.
    """

    path: Path
    sheets: tuple[str, ...]
    cases: int
    rows: dict[str, int]
    charts: dict[str, int]
    replaced_characters: int
    truncated_cells: int
    neutralised_cells: int


class _Cells:
    """Listing values as write-only cells, safe as described in the module docstring."""

    def __init__(self) -> None:
        self.truncated = 0
        self.neutralised = 0

    def value(self, sheet: Any, value: TableCell) -> Any:
        if not isinstance(value, str):
            return value  # None or a number (int, Decimal, float): written as such
        if "_x" in value:
            value = _OOXML_ESCAPE.sub(r"_x005F_\1", value)
        if len(value) > MAX_CELL_TEXT:
            value = value[: MAX_CELL_TEXT - 1] + ELLIPSIS
            self.truncated += 1
        risky = value.startswith(FORMULA_STARTS)
        if not risky and value not in ERROR_CODES:
            return value  # openpyxl stores it as text
        self.neutralised += 1
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # not a formula, not an error: the text as it is
        if risky:
            cell.quotePrefix = True
        return cell

    def text(self, sheet: Any, text: str, font: Any = None, fill: Any = None) -> Any:
        """A text cell (headings, codebook, captions), styled, as safe as any value."""
        value = self.value(sheet, clean_text(text)[0])
        cell = value if isinstance(value, Cell) else WriteOnlyCell(sheet, value)
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        return cell

    def row(self, sheet: Any, values: Iterable[TableCell]) -> list[Any]:
        return [self.value(sheet, v) for v in values]


class _StagedWriter(WorksheetWriter):  # type: ignore[misc, unused-ignore]
    """openpyxl's sheet writer, streaming to a file we chose and remove ourselves."""

    def cleanup(self) -> None:
        os.remove(str(self.out))


class _Book:
    """A write-only workbook whose sheets stream into a private folder beside the target."""

    def __init__(self, staging: Path) -> None:
        self.workbook = Workbook(write_only=True)
        self.staging = staging
        self.cells = _Cells()
        self.charts: dict[str, int] = {}

    def sheet(self, title: str) -> Any:
        return self.workbook.create_sheet(title)

    def start(self, sheet: Any, widths: Sequence[float] = (), freeze: str | None = None) -> None:
        """Open ``sheet``'s stream: its column widths and frozen panes go first in the file."""
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        if freeze:
            sheet.freeze_panes = freeze
        fd, name = tempfile.mkstemp(suffix=".xml", dir=self.staging)
        os.close(fd)
        writer = _StagedWriter(sheet, out=name)
        writer.write_top()
        sheet._writer = writer  # write-only sheets make their own writer only when they have none

    def headings(self, sheet: Any, texts: Sequence[str], names: Sequence[str] = ()) -> None:
        if not texts:
            return
        sheet.append([self.cells.text(sheet, t, _HEADER_FONT, _HEADER_FILL) for t in texts])
        if names:
            sheet.append([self.cells.text(sheet, n, _NAME_FONT) for n in names])

    def title(self, sheet: Any, text: str, font: Any = _TITLE_FONT) -> None:
        sheet.append([self.cells.text(sheet, text, font)])

    def line(self, sheet: Any, *values: TableCell) -> None:
        sheet.append(self.cells.row(sheet, values))

    def discard(self) -> None:
        """Finish every open sheet stream, so that none is left half-written to be collected
        later (a write-only sheet's generator writes its closing tags when it is collected)."""
        for sheet in self.workbook.worksheets:
            if getattr(sheet, "_writer", None) is not None and not sheet.closed:
                with contextlib.suppress(Exception):
                    sheet.close()

    def chart(self, sheet: Any, chart: Any, anchor: str) -> None:
        sheet.add_chart(chart, anchor)
        self.charts[sheet.title] = self.charts.get(sheet.title, 0) + 1


class WorkbookDataChanged(CmlentryError):
    """The listings did not count the cases the report counted: the data changed between."""

    code = "reports.workbook_data_changed"
    template = (
        "The registry's data changed while the workbook was being written (a batch was "
        "imported): its report counts {report} patients but its listings {listed} cases. Export "
        "again; no file was written."
    )


def write_workbook(
    path: Path,
    records: Iterable[Record],
    definition: FormDefinition,
    *,
    style: ValueStyle = CODES,
    report: RegistryReport | None = None,
    progress: Progress = no_progress,
    cancelled: Callable[[], bool] = never,
) -> WorkbookExport:
    """Write the workbook of the module docstring to ``path`` (never over an existing file).

    Args:
        path: The new .xlsx file.
        records: Case records, all under ``definition``; read once, so a stream of 100,000
            records is never held in memory.
        definition: The form definition (listings, codebook, labels).
        style: Codes or labels; missing-data codes or words.
        report: The registry report of the same records, for the Report, Registrations and
            PFS sheets; without it the workbook holds the listings and the codebook.
        progress: Called with (cases done, cases in all or 0) every few hundred cases.
        cancelled: Polled as often; when true nothing is written.

    Raises:
        TargetExists: ``path`` exists.
        DefinitionMismatch: a record was entered under another definition.
        WorkbookDataChanged: ``records`` are not as many cases as ``report`` counts.
        Cancelled: ``cancelled()`` became true.
        DiskFull, ReadOnlyDestination, FileProblem: the file could not be written.
    """
    path = path.expanduser()
    with atomic_file(path) as handle, _staging(path.parent) as staging:
        book = _Book(staging)
        builder = ListingBuilder(definition, style)
        try:
            about = book.sheet(ABOUT_TITLE)
            if report is not None:
                _write_report(book, report)
            cases, rows = _write_listings(book, builder, records, progress, cancelled)
            if report is not None and cases != report.patients:
                # The report and the listings come from two reads of the store; a workbook
                # whose Report sheet and listings disagree is worse than none.
                raise WorkbookDataChanged(report=report.patients, listed=cases)
            _write_codebook(book, definition)
            _write_about(book, about, definition, style, cases, builder.replaced)
            book.workbook.save(handle)
        except BaseException:
            book.discard()
            raise
    return WorkbookExport(
        path=path,
        sheets=tuple(book.workbook.sheetnames),
        cases=cases,
        rows=rows,
        charts=book.charts,
        replaced_characters=builder.replaced,
        truncated_cells=book.cells.truncated,
        neutralised_cells=book.cells.neutralised,
    )


@contextlib.contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """A private hidden folder for openpyxl's sheet streams, removed whatever happens."""
    with translated_os_errors(folder):
        staging = Path(tempfile.mkdtemp(prefix=".cmlentry-sheets.", dir=folder))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class _ListingSheet:
    """One listing's sheets: a continuation sheet follows when Excel's row limit is reached."""

    def __init__(self, book: _Book, listing: Listing) -> None:
        self.book, self.listing = book, listing
        self.sheets: list[Any] = []
        self.filled = self.rows = 0
        self._open(book.sheet(listing.title))

    def _open(self, sheet: Any) -> None:
        columns = self.listing.columns
        self.book.start(sheet, _widths(self.listing), freeze="B3")
        self.book.headings(sheet, [c.heading for c in columns], [c.name for c in columns])
        self.sheets.append(sheet)
        self.filled = 0

    def append(self, row: Sequence[TableCell]) -> None:
        if self.filled == ROWS_PER_SHEET:
            title = f"{self.listing.title[:26]} ({len(self.sheets) + 1})"
            workbook = self.book.workbook
            sheet = self.book.sheet(title)
            # A new sheet goes last: move it right after the one it continues.
            workbook.move_sheet(
                sheet.title, workbook.index(self.sheets[-1]) + 1 - workbook.index(sheet)
            )
            self._open(sheet)
        sheet = self.sheets[-1]
        sheet.append(self.book.cells.row(sheet, row))
        self.filled += 1
        self.rows += 1

    def finish(self) -> None:
        last = get_column_letter(len(self.listing.columns))
        for number, sheet in enumerate(self.sheets, start=1):
            height = self.filled if number == len(self.sheets) else ROWS_PER_SHEET
            sheet.auto_filter.ref = f"A2:{last}{height + 2}"


def _write_listings(
    book: _Book,
    builder: ListingBuilder,
    records: Iterable[Record],
    progress: Progress,
    cancelled: Callable[[], bool],
) -> tuple[int, dict[str, int]]:
    """Every listing sheet in one pass over the records; returns cases and rows per listing."""
    total = len(records) if isinstance(records, Sized) else 0
    sheets = [_ListingSheet(book, listing) for listing in builder.listings]
    cases = 0
    for record in records:
        if cases % PROGRESS_EVERY == 0:
            if cancelled():
                raise Cancelled()
            progress(cases, total)
        for sheet, (_listing, found) in zip(sheets, builder.rows(record), strict=True):
            for row in found:
                sheet.append(row)
        cases += 1
    progress(cases, total)
    for sheet in sheets:
        sheet.finish()
    return cases, {sheet.listing.title: sheet.rows for sheet in sheets}


def _widths(listing: Listing) -> list[float]:
    return [
        16.0 if c.item is None else max(10.0, min(30.0, len(c.heading) * 0.9))
        for c in listing.columns
    ]


def _write_codebook(book: _Book, definition: FormDefinition) -> None:
    sheet = book.sheet(CODEBOOK_TITLE)
    book.start(sheet, [18, 24, 16, 22, 16, 22, 10, 36, 10, 10, 18, 44, 24, 10, 12, 8], "C2")
    book.headings(sheet, CODEBOOK_COLUMNS)
    for entry in codebook_rows(definition):
        sheet.append([book.cells.text(sheet, text) for text in entry])


def _write_report(book: _Book, report: RegistryReport) -> None:
    """The Report, Registrations and (with a curve) PFS sheets, before the listings."""
    sheet = book.sheet(REPORT_TITLE)
    registrations = book.sheet(REGISTRATIONS_TITLE)
    curve = report.endpoints.pfs.curve
    pfs = book.sheet(PFS_TITLE) if curve is not None else None
    book.start(sheet, [56, 14, 14, 14, 14, 14, 14, 14])
    for number, table in enumerate(report_tables(report)):
        if number:
            book.line(sheet)
        book.title(sheet, table.title, _HEADER_FONT)
        book.headings(sheet, table.headings)
        for row in table.rows:
            book.line(sheet, *row)
    _write_registrations(book, registrations, registrations_table(report))
    over_time = report.tables.registrations
    book.line(registrations)
    book.line(registrations, "Dated by the registry's receipt (no usable Form A date)",
              over_time.on_receipt)  # fmt: skip
    book.line(registrations, "Without either date (not counted)",
              sum(x.count for x in over_time.left_out))  # fmt: skip
    if pfs is not None and curve is not None:
        _write_pfs(book, pfs, curve, report.endpoints.pfs.by_sokal, _pfs_caption(report))


def _write_registrations(book: _Book, sheet: Any, table: Table) -> None:
    """Fig. 1: the months, with a line chart of the cumulative count and a bar chart per month."""
    book.start(sheet, [12, 14, 14], "A3")
    book.title(sheet, table.title)
    book.headings(sheet, table.headings)
    for row in table.rows:
        book.line(sheet, *row)
    if not table.rows:
        return
    last = len(table.rows) + 2
    months = Reference(sheet, min_col=1, min_row=3, max_row=last)
    line, bar = LineChart(), BarChart()
    line.title, bar.title = "Patients registered (cumulative)", "Patients registered per month"
    for chart, column, anchor in ((line, 3, "E2"), (bar, 2, "E20")):
        chart.add_data(
            Reference(sheet, min_col=column, min_row=2, max_row=last), titles_from_data=True
        )
        chart.set_categories(months)
        _axes(chart, "Month of registration", "Patients")
        chart.legend = None
        chart.width, chart.height = 24, 8
        book.chart(sheet, chart, anchor)


def _axes(chart: Any, x_title: str, y_title: str) -> None:
    chart.x_axis.title = x_title
    chart.y_axis.title = y_title
    # openpyxl 3.1 leaves the axes' <c:delete> out, which recent Excel reads as hidden.
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def step_points(curve: KmCurve) -> list[tuple[float, float, float, float]]:
    """The curve as the corners of a step function: (time, Ŝ, lower, upper).

    From (0, 1) each event time appears twice, at the level before it and at the level after,
    and the last level runs to the end of follow-up: joined by straight lines, the points draw
    the steps of the Kaplan–Meier curve and of its band.
    """
    level = (1.0, 1.0, 1.0)
    points = [(0.0, *level)]
    for step in curve.steps:
        points.append((step.time, *level))
        level = (step.survival, step.lower, step.upper)
        points.append((step.time, *level))
    if curve.last_time > points[-1][0]:
        points.append((curve.last_time, *level))
    return points


def _survival_at(curve: KmCurve, time: float) -> float:
    level = 1.0
    for step in curve.steps:
        if step.time > time:
            break
        level = step.survival
    return level


def _pfs_caption(report: RegistryReport) -> str:
    options = report.options
    return (
        f"Events: {options.event_set.label}; origin: {options.origin.label}; censored at "
        f"allogeneic transplant: {'yes' if options.censor_at_transplant else 'no'}; 95 % "
        f"confidence interval: {report.endpoints.pfs.ci.value}"
    )


def _write_pfs(
    book: _Book,
    sheet: Any,
    curve: KmCurve,
    by_sokal: Sequence[tuple[Any, KmCurve]],
    caption: str,
) -> None:
    """The curve's corners (A-D), its censorings (F-G), its steps (I-O), the Sokal curves."""
    book.start(sheet, [10, 10, 10, 10, 2, 12, 10, 2, 10, 9, 9, 10, 10, 10, 10], "A4")
    book.title(sheet, "Progression-free survival (Kaplan–Meier, months)")
    book.line(sheet, caption)
    groups = [(f"Sokal {risk}", step_points(c)) for risk, c in by_sokal]
    sokal_headings: list[str] = []
    for name, _points in groups:
        sokal_headings += [f"{name}: months", f"{name}: PFS"]
    book.headings(
        sheet,
        ["Months", "PFS", "Lower 95 % limit", "Upper 95 % limit", "", "Censored at (months)",
         "PFS", "", "Event time (months)", "At risk", "Events", "PFS", "SE", "Lower", "Upper",
         "", *sokal_headings],
    )  # fmt: skip
    points = step_points(curve)
    censored = [(t, _survival_at(curve, t)) for t in curve.censored_times]
    steps = [(s.time, s.at_risk, s.events, s.survival, s.se, s.lower, s.upper) for s in curve.steps]
    height = max(len(points), len(censored), len(steps), *(len(p) for _n, p in groups), 0)
    for index in range(height):
        row: list[TableCell] = []
        row += list(points[index]) if index < len(points) else [None] * 4
        row += [None, *(censored[index] if index < len(censored) else (None, None)), None]
        row += list(steps[index]) if index < len(steps) else [None] * 7
        row.append(None)
        for _name, group in groups:
            row += list(group[index][:2]) if index < len(group) else [None, None]
        sheet.append(row)
    first, last = 4, 3 + len(points)
    chart = _scatter("Progression-free survival", "Months", "Probability")
    for column, colour, dash in ((2, "1F4E79", None), (3, "7F7F7F", "dash"), (4, "7F7F7F", "dash")):
        _line(chart, sheet, 1, column, first, last, colour, dash)
    if censored:
        marks = Series(
            Reference(sheet, min_col=7, min_row=3, max_row=3 + len(censored)),
            Reference(sheet, min_col=6, min_row=4, max_row=3 + len(censored)),
            title_from_data=True,
        )
        marks.marker.symbol = "plus"
        marks.graphicalProperties.line.noFill = True
        chart.series.append(marks)
    beside = get_column_letter(17 + 2 * len(groups) + (1 if groups else 0))
    book.chart(sheet, chart, f"{beside}2")
    if groups:
        sokal = _scatter("Progression-free survival by Sokal group", "Months", "Probability")
        for number, (_name, group) in enumerate(groups):
            x = 17 + 2 * number
            _line(sokal, sheet, x, x + 1, first, 3 + len(group), None, None)
        book.chart(sheet, sokal, f"{beside}25")


def _scatter(title: str, x_title: str, y_title: str) -> Any:
    chart = ScatterChart()
    chart.title = title
    chart.style = 2
    chart.scatterStyle = "line"
    _axes(chart, x_title, y_title)
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.x_axis.scaling.min = 0
    chart.width, chart.height = 20, 11
    return chart


def _line(
    chart: Any,
    sheet: Any,
    x_col: int,
    y_col: int,
    first: int,
    last: int,
    colour: str | None,
    dash: str | None,
) -> None:
    """A series of straight segments without markers: the steps, never smoothed."""
    series = Series(
        Reference(sheet, min_col=y_col, min_row=first - 1, max_row=last),
        Reference(sheet, min_col=x_col, min_row=first, max_row=last),
        title_from_data=True,
    )
    series.marker.symbol = "none"
    series.smooth = False
    if colour is not None:
        series.graphicalProperties.line.solidFill = colour
    if dash is not None:
        series.graphicalProperties.line.dashStyle = dash
    chart.series.append(series)


def _write_about(
    book: _Book,
    sheet: Any,
    definition: FormDefinition,
    style: ValueStyle,
    cases: int,
    replaced: int,
) -> None:
    book.start(sheet, [28, 100])
    book.title(sheet, f"{definition.definition.title}: central data")
    lines: list[tuple[str, TableCell]] = [
        ("Form definition", definition.oid),
        ("Cases", cases),
        ("Choices written as", "labels" if style.labels else "codes"),
        ("Missing data written as",
         "words" if style.missing_words else f"codes ({', '.join(definition.missing_codes)})"),
        ("Dates", "as entered: YYYY-MM-DD, or YYYY-MM / YYYY where a partial date is allowed"),
        ("Listings", "one sheet per form (one row per case) and per repeating group (one row "
         "per case and row); row 1 the labels, row 2 the column names; the Codebook "
         "describes every column"),
        ("Characters replaced", replaced),
        ("Texts cut to 32,767 characters", book.cells.truncated),
        ("Texts kept as text (formula-like)", book.cells.neutralised),
    ]  # fmt: skip
    for name, value in lines:
        sheet.append([book.cells.text(sheet, name, _HEADER_FONT), book.cells.value(sheet, value)])
