"""Reading a filled entry workbook into cases, collecting every problem on the way.

:func:`read_workbook` runs the whole read and writes nothing: the package checks
(:mod:`.package`), the cells (:mod:`.cells`), then :class:`_WorkbookReader`, which finds each
sheet by its key, each column by its item id, ties the rows of one case together by the line
label in column A, and groups them by form and group. Problems are collected, not raised one by
one, so that the user gets the whole list at once in a
:class:`~.errors.SpreadsheetRejected`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cmlentry.domain.forms import FormDefinition, Group, Item
from cmlentry.domain.values import Entry, ValueProblem
from cmlentry.errors import Cancelled
from cmlentry.services.spreadsheet.cells import (
    _CellReader,
    _has_content,
    _is_blank,
    _line_label,
    _load_cells,
    _Raw,
    _RawSheet,
)
from cmlentry.services.spreadsheet.errors import CellProblem, SpreadsheetRejected
from cmlentry.services.spreadsheet.layout import (
    FIRST_DATA_ROW,
    INFO_TITLES,
    SheetPlan,
    _letters,
    sheet_plans,
)
from cmlentry.services.spreadsheet.limits import MAX_PROBLEMS_LISTED
from cmlentry.services.spreadsheet.package import _read_bytes, check_package, scan_parts

Progress = Callable[[int, int], None]

FormRows = Mapping[str, Sequence[Mapping[str, Entry]]]
"""group id -> rows (one row for a non-repeating group), each item id -> entry."""


@dataclass(frozen=True)
class ImportedCase:
    """One case as read from a workbook: the site's line label and its answers by form."""

    label: str
    row: int
    forms: Mapping[str, FormRows]


@dataclass(frozen=True)
class ImportedCases:
    """Everything a workbook holds, checked and in canonical form, ready to be saved."""

    file: str
    sha256: str
    definition_version: str
    cases: tuple[ImportedCase, ...]
    empty_lines: int = 0


def _no_progress(_done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


@dataclass
class _Line:
    row: int
    label: str
    entries: dict[str, Entry]


@dataclass
class _Problems:
    """Every problem is counted; the first :data:`MAX_PROBLEMS_LISTED` are kept."""

    listed: list[CellProblem] = field(default_factory=list)
    total: int = 0

    def add(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: int | None = None,
        item: Item | None = None,
    ) -> None:
        self.total += 1
        if len(self.listed) < MAX_PROBLEMS_LISTED:
            self.listed.append(
                CellProblem(
                    sheet,
                    row,
                    _letters(column) if column is not None else None,
                    item.id if item else None,
                    item.label if item else None,
                    message.rstrip("."),
                )
            )


class _WorkbookReader:
    """From the raw cells of every sheet to the cases, collecting every problem on the way."""

    def __init__(self, definition: FormDefinition) -> None:
        self.definition = definition
        self.plans = sheet_plans(definition)
        self.by_key = {p.key: p for p in self.plans}
        self.by_title = {p.title.casefold(): p for p in self.plans}
        self.cells = _CellReader(definition)
        self.problems = _Problems()

    def read(
        self, sheets: Sequence[_RawSheet], progress: Progress, cancelled: Callable[[], bool]
    ) -> tuple[list[ImportedCase], int]:
        lines: dict[str, tuple[str, list[_Line]]] = {}
        for done, sheet in enumerate(sheets, start=1):
            if cancelled():
                raise Cancelled()
            plan = self._plan_of(sheet)
            if plan is not None:
                if plan.key in lines:
                    self.problems.add(
                        f"it repeats the sheet {lines[plan.key][0]} (the same key in cell A2); "
                        "put their rows together on one sheet",
                        sheet=sheet.title,
                    )
                else:
                    lines[plan.key] = (sheet.title, self._lines(sheet, plan))
            progress(done, len(sheets))
        return self._assemble(lines)

    def _plan_of(self, sheet: _RawSheet) -> SheetPlan | None:
        key_cell = sheet.cells.get(2, {}).get(1)
        key = key_cell.value.strip() if key_cell and isinstance(key_cell.value, str) else None
        if key is not None and key in self.by_key:
            return self.by_key[key]
        if sheet.title.casefold() in INFO_TITLES:
            return None
        if sheet.title.casefold() in self.by_title:
            self.problems.add(
                "row 2 must hold the ids of the template (cell A2 must read "
                f"'{self.by_title[sheet.title.casefold()].key}'); copy rows 1 and 2 back from "
                "a fresh template",
                sheet=sheet.title,
            )
        elif any(_has_content(raw) for row in sheet.cells.values() for raw in row.values()):
            self.problems.add(
                "this sheet is not part of the template, so its contents would not be "
                "imported; move them to the right sheet, or delete the sheet",
                sheet=sheet.title,
            )
        return None

    def _columns(self, sheet: _RawSheet, plan: SheetPlan) -> dict[int, Item]:
        ids = sheet.cells.get(2, {})
        own = {i.id: i for i in plan.items}
        mapped: dict[int, Item] = {}
        seen: dict[str, int] = {}
        for column in sorted(ids):
            raw = ids[column]
            if column == 1 or not _has_content(raw):
                continue
            name = raw.value.strip() if isinstance(raw.value, str) else ""
            item = self.definition.items_by_id.get(name)
            if name in own:
                if name in seen:
                    self.problems.add(
                        f"the column id '{name}' is already used by column "
                        f"{_letters(seen[name])}; keep one of them",
                        sheet=sheet.title,
                        row=2,
                        column=column,
                    )
                    continue
                seen[name] = column
                mapped[column] = own[name]
            elif item is not None and item.type == "derived":
                self.problems.add(
                    f"'{name}' is calculated by cmlentry; delete this column",
                    sheet=sheet.title,
                    row=2,
                    column=column,
                )
            elif item is not None:
                home = next(p.title for p in self.plans if item in p.items)
                self.problems.add(
                    f"'{name}' belongs on the sheet {home}; move the column there",
                    sheet=sheet.title,
                    row=2,
                    column=column,
                )
            else:
                self.problems.add(
                    "row 2 does not hold a column id of this form version; restore it from "
                    "the template, or delete the column",
                    sheet=sheet.title,
                    row=2,
                    column=column,
                )
        named = {c for c, raw in ids.items() if _has_content(raw)}
        unnamed = {
            column
            for number, row in sheet.cells.items()
            if number >= FIRST_DATA_ROW
            for column, raw in row.items()
            if column != 1 and column not in named and _has_content(raw)
        }
        for column in sorted(unnamed):
            first = min(
                n
                for n, row in sheet.cells.items()
                if n >= FIRST_DATA_ROW and column in row and _has_content(row[column])
            )
            self.problems.add(
                "this column has values but no column id in row 2, so they would be lost; "
                "move them to the right column",
                sheet=sheet.title,
                row=first,
                column=column,
            )
        return mapped

    def _lines(self, sheet: _RawSheet, plan: SheetPlan) -> list[_Line]:
        columns = self._columns(sheet, plan)
        lines: list[_Line] = []
        for number in sorted(n for n in sheet.cells if n >= FIRST_DATA_ROW):
            row = sheet.cells[number]
            entries: dict[str, Entry] = {}
            for column, item in columns.items():
                raw = row.get(column)
                if raw is None or _is_blank(raw):
                    continue
                try:
                    entry = self.cells.entry(item, raw)
                except ValueProblem as problem:
                    self.problems.add(
                        str(problem), sheet=sheet.title, row=number, column=column, item=item
                    )
                    continue
                if not entry.is_empty:
                    entries[item.id] = entry
            label = self._label(sheet, number, row.get(1), has_values=bool(entries))
            if label:
                lines.append(_Line(number, label, entries))
        return lines

    def _label(self, sheet: _RawSheet, number: int, raw: _Raw | None, *, has_values: bool) -> str:
        if raw is None or _is_blank(raw):
            if has_values:
                self.problems.add(
                    "this row has values but no line label in column A; give the case's label",
                    sheet=sheet.title,
                    row=number,
                    column=1,
                )
            return ""
        try:
            return _line_label(raw)
        except ValueProblem as problem:
            self.problems.add(str(problem), sheet=sheet.title, row=number, column=1)
            return ""

    def _assemble(
        self, lines: Mapping[str, tuple[str, list[_Line]]]
    ) -> tuple[list[ImportedCase], int]:
        roster_plan = self.plans[0]
        if roster_plan.key not in lines:
            self.problems.add(
                f"the sheet {roster_plan.title}, which lists the cases, is missing (no sheet "
                f"has '{roster_plan.key}' in cell A2); start from the template"
            )
            return [], 0
        roster_title, roster_lines = lines[roster_plan.key]
        order: dict[str, int] = {}
        for line in roster_lines:
            self._once(order, line, roster_title)
        answers: dict[str, dict[str, dict[str, list[dict[str, Entry]]]]] = {
            label: {} for label in order
        }
        for plan in self.plans:
            if plan.key not in lines:
                continue
            title, sheet_lines = lines[plan.key]
            seen: dict[str, int] = {}
            for line in sheet_lines:
                if line.label not in order:
                    self.problems.add(
                        f"the line label '{line.label}' is not on the sheet {roster_title}; add "
                        "the case there, or correct the label",
                        sheet=title,
                        row=line.row,
                        column=1,
                    )
                    continue
                if not plan.repeating and plan is not roster_plan:
                    self._once(seen, line, title)
                if not line.entries:
                    continue
                form = answers[line.label].setdefault(plan.form.id, {})
                for group in plan.groups:
                    row = {k: e for k, e in line.entries.items() if k in _ids(group)}
                    if row:
                        form.setdefault(group.id, []).append(row)
        cases = [
            ImportedCase(label, order[label], forms) for label, forms in answers.items() if forms
        ]
        if not cases and not self.problems.total:
            self.problems.add(
                f"there is no case to import: fill at least one line on the sheet {roster_title}",
                sheet=roster_title,
            )
        return cases, len(order) - len(cases)

    def _once(self, seen: dict[str, int], line: _Line, title: str) -> None:
        if line.label in seen:
            self.problems.add(
                f"the line label '{line.label}' is already used on row {seen[line.label]}; a "
                "case has one row on this sheet",
                sheet=title,
                row=line.row,
                column=1,
            )
        else:
            seen[line.label] = line.row


def _ids(group: Group) -> frozenset[str]:
    return frozenset(i.id for i in group.items)


def read_workbook(
    definition: FormDefinition,
    path: Path,
    *,
    progress: Progress = _no_progress,
    cancelled: Callable[[], bool] = _never,
) -> ImportedCases:
    """Read a filled entry workbook: every case, every value canonical, or every problem.

    Nothing is written anywhere. ``progress(done, total)`` follows the sheets.

    Raises:
        WorkbookRefused: the file cannot be read as a safe xlsx workbook (one of its
            subclasses says why: not found, not xlsx, password-protected, damaged, too large,
            unsafe).
        SpreadsheetRejected: the workbook was read, and at least one value, line or column
            cannot be imported; ``problems`` lists them all with sheet, row and column.
        Cancelled: ``cancelled()`` became true.
    """
    file = path.name or str(path)
    data = _read_bytes(path)
    package = check_package(file, data)
    scan_parts(file, package)
    if cancelled():
        raise Cancelled()
    sheets = _load_cells(file, data)
    reader = _WorkbookReader(definition)
    cases, empty = reader.read(sheets, progress, cancelled)
    if reader.problems.total:
        raise SpreadsheetRejected(file, reader.problems.listed, reader.problems.total)
    return ImportedCases(
        file,
        hashlib.sha256(data).hexdigest(),
        definition.version,
        tuple(cases),
        empty,
    )
