"""Spreadsheet round trip: an entry workbook made from the form definition, and its import.

A site moving its paper or Excel line list into the registry writes the template
(:func:`write_template`), fills one row per case on each form's sheet and one row per repeat on
each repeating group's sheet, and imports it (:func:`import_workbook`). docs/spreadsheets.md is
the user's side of this module; the decisions it states are made here:

* Columns are found by the item ids in row 2, never by the labels in row 1; a sheet is found by
  the key in its cell A2 (``patient``, ``imatinib.doses``), so renamed sheets and moved columns
  still import.
* Column A holds the site's own line label for the case. It ties a case's rows together during
  the import and is reported back beside the new registry ID; it is not stored.
* A choice may be typed as its code (``M``), picked from the drop-down (``M – male``) or typed as
  its label (``male``); a missing-data code likewise (``UNK``, ``UNK – unknown``, ``unknown``).
* The import is all or nothing. Anything that cannot be stored as a value of its item (a word in
  a number column, a code not in the list, a formula, a line that belongs to no case) rejects the
  whole workbook with a report of every problem. What the validation judges (ranges, required
  answers, date order, eligibility) does not block: the cases are created as drafts and the
  findings are reported per case, exactly as if the values had been typed in the case editor.

The file is hostile until proven otherwise: its size, zip members, compression ratios, member
names and XML are checked (:func:`check_package`) before openpyxl parses anything, and any
failure while parsing ends in a typed error, never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
import math
import re
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

# Typed with the types-openpyxl / types-defusedxml stubs where installed, as Any otherwise.
from defusedxml import ElementTree as SafeElementTree  # type: ignore[import-untyped, unused-ignore]
from defusedxml.common import DefusedXmlException  # type: ignore[import-untyped, unused-ignore]
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped, unused-ignore]
from openpyxl.comments import Comment  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles.numbers import is_date_format  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped, unused-ignore]

from cmlentry.domain.forms import Condition, Form, FormDefinition, Group, Item, MissingCode
from cmlentry.domain.roles import Permission
from cmlentry.domain.validation import Issue
from cmlentry.domain.values import Entry, PartialDate, ValueProblem, canonical
from cmlentry.errors import Cancelled, CmlentryError
from cmlentry.fileio import atomic_write_bytes
from cmlentry.services.cases import CaseService, ImportSource, NewCase, RowData
from cmlentry.services.definitions import DefinitionSet
from cmlentry.services.workspace import Workspace

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# --- limits (checked before anything expensive) ----------------------------------------------

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
MAX_RATIO = 100
# Small parts may compress very well (a styles part of repeated entries); only big ones can hurt.
RATIO_FLOOR_BYTES = 256 * 1024
MAX_DATA_ROWS = 10_000
MAX_COLUMNS = 256
MAX_CELLS = 500_000
MAX_SHARED_STRINGS = 500_000
# openpyxl turns styles, validations, merged ranges and the like into objects all at once, and
# the runs of one rich text too; cell data it streams row by row.
MAX_STRUCTURE_ELEMENTS = 100_000
MAX_ELEMENTS_PER_TEXT = 200
MAX_LABEL_LENGTH = 60
# Excel writes legacy VML drawings that are not well-formed XML (an unclosed <br>), and SVG
# images may carry a DTD: for members so named, only those two faults are forgiven.
LENIENT_SUFFIXES = (".vml", ".svg")
MAX_PROBLEMS_LISTED = 1_000

HEADER_ROWS = 2
FIRST_DATA_ROW = HEADER_ROWS + 1
LAST_ROW = HEADER_ROWS + MAX_DATA_ROWS
CASE_HEADER = "Case"
DASH = " \u2013 "  # "M – male": code, en dash, label
README_TITLE = "Read me"
CODEBOOK_TITLE = "Codebook"
LISTS_TITLE = "Lists"
INFO_TITLES = frozenset(t.casefold() for t in (README_TITLE, CODEBOOK_TITLE, LISTS_TITLE))
DEFAULT_TEMPLATE_NAME = "cmlentry-entry-template.xlsx"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CFB_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
_RANGE_REF = re.compile(r"^([A-Z]{1,3}[0-9]{1,7})(?::([A-Z]{1,3}[0-9]{1,7}))?$")
_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")
_DROPDOWN = re.compile(r"^(?P<code>\S+)\s+[-\u2013\u2014]\s+(?P<label>.+)$")


# --- errors ------------------------------------------------------------------------------------


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


# --- results -----------------------------------------------------------------------------------

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


@dataclass(frozen=True)
class TemplateSummary:
    path: Path
    definition: str
    sheets: tuple[str, ...]
    columns: int


def _no_progress(_done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


# --- the sheets of a workbook (shared by the writer and the reader) ----------------------------


@dataclass(frozen=True)
class SheetPlan:
    """One data sheet: a form's single-row groups together, or one repeating group.

    ``key`` is written in cell A2 and is how the reader finds the sheet, whatever its title.
    """

    key: str
    title: str
    form: Form
    groups: tuple[Group, ...]
    repeating: bool

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for g in self.groups for i in g.items if i.type != "derived")


def sheet_plans(definition: FormDefinition) -> list[SheetPlan]:
    """The data sheets in form order; the first one lists the cases (the roster)."""
    plans: list[SheetPlan] = []
    used = set(INFO_TITLES)

    def title(text: str, fallback: str) -> str:
        base = _SHEET_TITLE_BAD.sub(" ", text).strip().strip("'")[:31].strip() or fallback
        candidate, n = base, 2
        while candidate.casefold() in used:
            suffix = f" {n}"
            candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(candidate.casefold())
        return candidate

    for form in definition.forms:
        single = tuple(g for g in form.groups if not g.repeating)
        if any(i.type != "derived" for g in single for i in g.items):
            plans.append(SheetPlan(form.id, title(form.label, form.id), form, single, False))
        for group in form.groups:
            if group.repeating:
                plans.append(
                    SheetPlan(
                        f"{form.id}.{group.id}",
                        title(group.label, group.id),
                        form,
                        (group,),
                        True,
                    )
                )
    return plans


# --- describing items in words (codebook, prompts, messages) -----------------------------------


def _choice(definition: FormDefinition, item: Item, code: str) -> str:
    if item.type == "code":
        label = definition.codes(item).get(code)
        return f"{code}{DASH}{label}" if label else code
    return code


def _missing_entries(definition: FormDefinition, item: Item) -> list[str]:
    return [f"{code}{DASH}{definition.missing_codes[code]}" for code in item.missing]


def _unit(item: Item) -> str:
    return f" {item.unit}" if item.unit and item.unit != "%" else (item.unit or "")


def _type_words(item: Item) -> str:
    if item.type == "integer":
        return "a whole number"
    if item.type == "decimal":
        return "a number"
    if item.type == "date":
        if item.partial_date:
            return "a date (YYYY-MM-DD; YYYY-MM or YYYY when only that is known)"
        return "a date (YYYY-MM-DD)"
    if item.type == "code":
        return "a choice from the list"
    if item.type == "text":
        return f"text (at most {item.max_length} characters)"
    return "calculated by cmlentry (no column)"


def _range_words(item: Item) -> str:
    if item.hard_range is None:
        return ""
    return f"{item.hard_range.describe()}{_unit(item)}"


def _usual_words(item: Item) -> str:
    if item.soft_range is not None:
        return f"{item.soft_range.describe()}{_unit(item)}"
    if item.soft_values:
        return "usually " + ", ".join(str(v) for v in item.soft_values) + _unit(item)
    return ""


def describe_condition(definition: FormDefinition, condition: Condition) -> str:
    """A show-if condition in words, naming each item by its label and id."""

    def nested(child: Condition) -> str:
        text = describe_condition(definition, child)
        return f"({text})" if child.all is not None or child.any is not None else text

    if condition.all is not None:
        return " and ".join(nested(c) for c in condition.all)
    if condition.any is not None:
        return " or ".join(nested(c) for c in condition.any)
    if condition.not_ is not None:
        return f"not ({describe_condition(definition, condition.not_)})"
    item = definition.item(condition.item or "")
    name = f"'{item.label}' ({item.id})"
    if condition.filled is not None:
        return f"{name} is {'filled in' if condition.filled else 'empty'}"
    wanted = (condition.equals,) if condition.equals is not None else (condition.in_ or ())
    shown = [_choice(definition, item, value) for value in wanted if value is not None]
    if len(shown) == 1:
        return f"{name} is {shown[0]}"
    return f"{name} is one of: {', '.join(shown)}"


def _what_to_type(definition: FormDefinition, item: Item) -> str:
    parts = [_type_words(item).capitalize()]
    if item.type == "code":
        codes = definition.codes(item)
        shown = ", ".join(_choice(definition, item, c) for c in codes)
        parts = [f"Choose from the list, or type the code: {shown}"]
    if item.hard_range is not None:
        parts.append(_range_words(item))
    if item.missing:
        parts.append("or " + ", ".join(_missing_entries(definition, item)))
    return "; ".join(parts) + "."


def _required_words(item: Item) -> str:
    if item.type == "derived":
        return ""
    if not item.required:
        return "no"
    return "yes, when it applies" if item.show_if is not None else "yes"


# --- writing the template ----------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_ID_FONT = Font(italic=True, size=8, color="808080")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def _put(cell: Any, text: str) -> None:
    """Write ``text`` so that no spreadsheet program can ever take it for a formula.

    openpyxl turns any string starting with "=" into a formula, so the type is forced back to
    text; texts starting with the other trigger characters (+ - @ tab CR) also get Excel's
    quote prefix, which keeps them text when a person edits the cell.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if not text:
        return
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def _clip(text: str, limit: int) -> str:
    """Excel refuses data-validation titles over 32 and messages over 255 characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_template(definition: FormDefinition, path: Path) -> TemplateSummary:
    """Write the entry workbook for ``definition`` to ``path`` (never over an existing file).

    Sheets: "Read me", one per form (its single-row groups), one per repeating group, the
    "Codebook", and a hidden "Lists" sheet behind the drop-downs. Every data sheet has the
    labels (with units) in row 1, the item ids the import reads in row 2, and the site's line
    label in column A. Written atomically; every text cell is neutralised against formula
    injection.

    Raises:
        TargetExists: ``path`` already exists.
        DiskFull, ReadOnlyDestination, FileProblem: the file could not be written.
    """
    path = path.expanduser()
    if path.exists():
        raise TargetExists(path=str(path))
    plans = sheet_plans(definition)
    workbook = Workbook()
    readme = workbook.active
    assert readme is not None
    readme.title = README_TITLE
    lists = _ListSheet(workbook.create_sheet(LISTS_TITLE))
    for plan in plans:
        _write_data_sheet(workbook.create_sheet(plan.title), plan, definition, lists, plans[0])
    _write_codebook(workbook.create_sheet(CODEBOOK_TITLE), definition, plans)
    _write_readme(readme, definition, plans)
    lists.sheet.sheet_state = "hidden"
    # The hidden list sheet goes last, so that the visible tab order matches the form.
    workbook.move_sheet(lists.sheet, offset=len(workbook.sheetnames) - 1)
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic_write_bytes(path, buffer.getvalue(), mode=0o644)
    return TemplateSummary(
        path,
        definition.oid,
        tuple(workbook.sheetnames),
        sum(len(p.items) for p in plans),
    )


class _ListSheet:
    """The hidden sheet holding each drop-down's entries, one column per distinct list."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.columns: dict[tuple[str, ...], str] = {}

    def range_for(self, entries: tuple[str, ...]) -> str:
        if entries not in self.columns:
            letter = get_column_letter(len(self.columns) + 1)
            for row, text in enumerate(entries, start=1):
                _put(self.sheet.cell(row=row, column=len(self.columns) + 1), text)
            self.columns[entries] = letter
        letter = self.columns[entries]
        return f"{LISTS_TITLE}!${letter}$1:${letter}${len(entries)}"


def _write_data_sheet(
    sheet: Any,
    plan: SheetPlan,
    definition: FormDefinition,
    lists: _ListSheet,
    roster: SheetPlan,
) -> None:
    header = sheet.cell(row=1, column=1)
    _put(header, CASE_HEADER)
    _put(sheet.cell(row=2, column=1), plan.key)
    where = (
        "the cases: one row per case"
        if plan is roster
        else (
            f"one row per {plan.groups[0].label.lower()}; several rows may share a line label"
            if plan.repeating
            else "one row per case"
        )
    )
    header.comment = Comment(
        f"Column A: your own line label for the case (for example the line number of your "
        f"list) — never a name, hospital number or date of birth. The same label ties the "
        f"case's rows together on every sheet.\n\nThis sheet: {where}.\n\nRow 2 holds the ids "
        f"cmlentry reads; leave it as it is.",
        "cmlentry",
        width=320,
        height=200,
    )
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["A"].number_format = "@"
    label_rule = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(MAX_LABEL_LENGTH),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Line label",
        error=f"Use at most {MAX_LABEL_LENGTH} characters.",
        showInputMessage=True,
        promptTitle="Line label",
        prompt="Your own line label for the case (not a name, hospital number or birth date).",
    )
    sheet.add_data_validation(label_rule)
    label_rule.add(f"A{FIRST_DATA_ROW}:A{LAST_ROW}")
    for column, item in enumerate(plan.items, start=2):
        letter = get_column_letter(column)
        cell = sheet.cell(row=1, column=column)
        _put(cell, f"{item.label} ({item.unit})" if item.unit else item.label)
        _put(sheet.cell(row=2, column=column), item.id)
        cell.comment = Comment(_column_note(definition, item), "cmlentry", width=320, height=200)
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(12, min(40, len(item.label) + 2))
        if item.type == "text" or (item.type == "date" and item.partial_date):
            # Text format keeps "2005-03" as typed; Excel would otherwise turn it into
            # 1 March 2005 and claim a precision nobody had.
            dimension.number_format = "@"
        elif item.type == "date":
            dimension.number_format = "yyyy-mm-dd"
        rule = _validation(definition, item, letter, lists)
        sheet.add_data_validation(rule)
        rule.add(f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_ROW}")
    for column in range(1, len(plan.items) + 2):
        top = sheet.cell(row=1, column=column)
        top.font, top.fill, top.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP_TOP
        sheet.cell(row=2, column=column).font = _ID_FONT
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = f"B{FIRST_DATA_ROW}"


def _column_note(definition: FormDefinition, item: Item) -> str:
    lines = [item.label]
    if item.help:
        lines.append(item.help)
    lines.append(_what_to_type(definition, item))
    if item.show_if is not None:
        lines.append("Only when " + describe_condition(definition, item.show_if) + ".")
    if item.required:
        lines.append("Required" + (" when it applies." if item.show_if else "."))
    return "\n".join(lines)


def _validation(
    definition: FormDefinition, item: Item, letter: str, lists: _ListSheet
) -> DataValidation:
    """The cell rule Excel enforces while typing; the import checks everything again anyway."""
    at = f"{letter}{FIRST_DATA_ROW}"
    common: dict[str, Any] = {
        "allow_blank": True,
        "showErrorMessage": True,
        "showInputMessage": True,
        "promptTitle": _clip(item.label, 32),
        "prompt": _clip(_what_to_type(definition, item), 255),
        "errorTitle": _clip(item.label, 32),
    }
    if item.type == "code":
        entries = tuple(
            [_choice(definition, item, code) for code in definition.codes(item)]
            + _missing_entries(definition, item)
        )
        # A warning, not a stop: typing the bare code ("M") is accepted by the import too.
        return DataValidation(
            type="list",
            formula1=lists.range_for(entries),
            errorStyle="warning",
            error=_clip("Choose from the list; the bare code or label is accepted too.", 255),
            **common,
        )
    if item.type == "text":
        return DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(item.max_length),
            errorStyle="stop",
            error=f"Use at most {item.max_length} characters.",
            **common,
        )
    tests = [_value_test(item, at)]
    for code in item.missing:
        tests += [f'{at}="{code}"', f'{at}="{definition.missing_codes[code]}"']
        tests.append(f'{at}="{code}{DASH}{definition.missing_codes[code]}"')
    return DataValidation(
        type="custom",
        formula1=f"OR({','.join(tests)})",
        errorStyle="stop",
        error=_clip(_what_to_type(definition, item), 255),
        **common,
    )


def _value_test(item: Item, at: str) -> str:
    if item.type == "date":
        lengths = "OR(LEN({0})=4,LEN({0})=7,LEN({0})=10)" if item.partial_date else "LEN({0})=10"
        return f"OR(ISNUMBER({at}),AND(ISTEXT({at}),{lengths.format(at)}))"
    tests = [f"ISNUMBER({at})"]
    if item.type == "integer":
        tests.append(f"{at}=INT({at})")
    bounds = item.hard_range
    if bounds is not None and bounds.min is not None:
        tests.append(f"{at}{'>' if bounds.min_exclusive else '>='}{_excel_number(bounds.min)}")
    if bounds is not None and bounds.max is not None:
        tests.append(f"{at}{'<' if bounds.max_exclusive else '<='}{_excel_number(bounds.max)}")
    return f"AND({','.join(tests)})"


def _excel_number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


CODEBOOK_COLUMNS = (
    ("Sheet", 22),
    ("Form", 22),
    ("Group", 24),
    ("Column id", 24),
    ("Label", 36),
    ("Type", 28),
    ("Unit", 10),
    ("Possible range", 26),
    ("Usual range", 26),
    ("Choices (code – label)", 44),
    ("Required", 12),
    ("Applies when", 40),
    ("Missing-data codes accepted", 28),
    ("Partial dates", 10),
    ("Help", 60),
)


def _write_codebook(sheet: Any, definition: FormDefinition, plans: Sequence[SheetPlan]) -> None:
    sheet_of = {}
    for plan in plans:
        for group in plan.groups:
            sheet_of[group.id] = plan.title
    for column, (heading, width) in enumerate(CODEBOOK_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=column)
        _put(cell, heading)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP_TOP
        sheet.column_dimensions[get_column_letter(column)].width = width
    row = 1
    for form in definition.forms:
        for group in form.groups:
            for item in group.items:
                row += 1
                calculated = item.type == "derived"
                values = (
                    "" if calculated else sheet_of.get(group.id, ""),
                    form.label,
                    group.label + (" (repeating)" if group.repeating else ""),
                    item.id,
                    item.label,
                    _type_words(item),
                    item.unit or "",
                    _range_words(item),
                    _usual_words(item),
                    "\n".join(_choice(definition, item, c) for c in definition.codes(item))
                    if item.type == "code"
                    else "",
                    _required_words(item),
                    describe_condition(definition, item.show_if) if item.show_if else "always",
                    "\n".join(_missing_entries(definition, item)) or ("" if calculated else "none"),
                    ("yes" if item.partial_date else "no") if item.type == "date" else "",
                    item.help,
                )
                for column, text in enumerate(values, start=1):
                    cell = sheet.cell(row=row, column=column)
                    _put(cell, text)
                    cell.alignment = _WRAP_TOP
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(CODEBOOK_COLUMNS))}{row}"


def _readme_lines(definition: FormDefinition, plans: Sequence[SheetPlan]) -> list[tuple[str, str]]:
    roster = plans[0].title
    missing = ", ".join(f"{c}{DASH}{label}" for c, label in definition.missing_codes.items())
    return [
        ("title", f"{definition.definition.title} — entry workbook"),
        ("", f"Form definition {definition.oid}. Import it with: cmlentry cases import FILE"),
        ("", ""),
        ("heading", "How to fill it"),
        (
            "",
            f"1. On the sheet '{roster}', give each case one row. In column A (Case) write your "
            "own line label for the case — the line number of your list, for example. Never a "
            "name, a hospital number or a date of birth: this workbook must not identify anyone.",
        ),
        (
            "",
            "2. On every other form's sheet, use the same line label in column A for the same "
            "case (one row per case).",
        ),
        (
            "",
            "3. Sheets of repeating groups (doses, interruptions, assessments, adverse events, "
            "follow-up visits) take one row per repeat, in date order; several rows share the "
            "case's line label.",
        ),
        (
            "",
            "4. Row 1 shows each column's label and unit; rest the mouse on it for help. Row 2 "
            "holds the ids cmlentry reads: leave it as it is. Columns may be moved or left "
            "empty; do not add columns of your own.",
        ),
        (
            "",
            "5. Choices: pick from the drop-down (for example 'M – male'), or type the code "
            "(M) or the label (male). The Codebook sheet lists every choice.",
        ),
        (
            "",
            "6. Dates: type them as dates, or as text YYYY-MM-DD. Where the Codebook allows a "
            "partial date, type YYYY-MM or YYYY when that is all that is known (those columns "
            "are formatted as text so that Excel does not change them).",
        ),
        (
            "",
            f"7. Missing data: where an item accepts it, write one of {missing} (the code, the "
            "words, or both as in the list). Leave a cell empty when the item does not apply.",
        ),
        (
            "",
            "8. Type values, never formulas: a cell holding a formula is refused. To copy from "
            "another workbook, use Paste Special > Values.",
        ),
        ("", ""),
        ("heading", "What the import does"),
        (
            "",
            "All or nothing: if any cell cannot be read (a word in a number column, a code "
            "not in the list, a formula, a line label missing from the first sheet, ...), "
            "nothing is imported and every problem is listed with its sheet, row and column.",
        ),
        (
            "",
            "Otherwise every case gets a new registry ID (the report pairs it with your line "
            "label) and is saved as a draft. Findings of the validation (values out of range, "
            "required answers missing, dates in the wrong order, warnings) do not stop the "
            "import: they are listed per case and resolved in cmlentry, as for typed cases.",
        ),
        (
            "",
            f"Limits: {MAX_FILE_BYTES // (1024 * 1024)} MB per file, {MAX_DATA_ROWS:,} rows "
            f"and {MAX_COLUMNS} columns per sheet. The same file cannot be imported twice.",
        ),
        (
            "",
            "Keep the filled workbook as safely as any patient record, and delete it once the "
            "import is checked.",
        ),
    ]


def _write_readme(sheet: Any, definition: FormDefinition, plans: Sequence[SheetPlan]) -> None:
    sheet.column_dimensions["A"].width = 110
    for row, (style, text) in enumerate(_readme_lines(definition, plans), start=1):
        cell = sheet.cell(row=row, column=1)
        _put(cell, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style == "title":
            cell.font = Font(bold=True, size=14)
        elif style == "heading":
            cell.font = Font(bold=True, size=12)


# --- reading: the package, before any parser -------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    name = path.name or str(path)
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit rather than trusting stat (pipes, special files).
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise WorkbookNotFound(file=name, detail="there is no such file") from None
    except IsADirectoryError:
        raise WorkbookNotFound(file=name, detail="it is a folder") from None
    except OSError as exc:
        raise WorkbookNotFound(file=name, detail=exc.strerror or type(exc).__name__) from None
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookTooLarge(file=name, detail=f"it is over {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return data


def _shown(name: str) -> str:
    """A member name fit for a message: printable, short."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= 60 else clean[:59] + "…"


def _unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    if re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in name.split("/")


def _declared_entries(data: bytes) -> int | None:
    """The member count in the end-of-central-directory record, read before zipfile builds
    one object per member; None when there is no such record (a truncated file)."""
    tail = data[-(0xFFFF + _EOCD.size) :]
    at = tail.rfind(_EMPTY_ZIP_MAGIC)
    if at < 0 or len(tail) - at < _EOCD.size:
        return None
    entries = int(_EOCD.unpack(tail[at : at + _EOCD.size])[4])
    if entries == 0xFFFF:
        # More than 65,534 members: the real count is in the ZIP64 record, found through
        # the locator just before the end record.
        locator = tail[max(at - _ZIP64_LOCATOR.size, 0) : at]
        if len(locator) == _ZIP64_LOCATOR.size and locator.startswith(b"PK\x06\x07"):
            offset = int(_ZIP64_LOCATOR.unpack(locator)[2])
            record = data[offset : offset + _ZIP64_EOCD.size]
            if len(record) == _ZIP64_EOCD.size and record.startswith(b"PK\x06\x06"):
                entries = int(_ZIP64_EOCD.unpack(record)[7])
    return entries


def _guess_kind(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "it is a PDF document"
    if not data:
        return "the file is empty"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "its first bytes are not those of a workbook"
    return "it is a text file (CSV or similar)"


def check_package(file: str, data: bytes) -> zipfile.ZipFile:
    """Check ``data`` as an xlsx package before any XML parser sees it; return the open zip.

    Refuses: CFB files (password-protected workbooks and old .xls), anything not a zip, a zip
    without ``[Content_Types].xml``, too many members, members that unpack too far in total or
    at more than :data:`MAX_RATIO` to 1 (zip bombs), member names that climb out of the archive
    or repeat, encrypted members and foreign compression methods.
    """
    if data.startswith(_CFB_MAGIC):
        raise WorkbookProtected(file=file)
    if not data.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        raise NotAWorkbook(file=file, detail=_guess_kind(data))
    declared = _declared_entries(data)
    if declared is None:
        raise WorkbookDamaged(file=file, detail="the end of the file is missing")
    if declared > MAX_MEMBERS:
        raise WorkbookTooLarge(
            file=file, detail=f"it has {declared:,} parts, and at most {MAX_MEMBERS:,} are read"
        )
    with _unreadable_as_damaged(file, "its table of contents cannot be read"):
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    if len(infos) > MAX_MEMBERS:
        raise WorkbookTooLarge(
            file=file, detail=f"it has {len(infos):,} parts, and at most {MAX_MEMBERS:,} are read"
        )
    seen: set[str] = set()
    for info in infos:
        _check_member(file, info, seen)
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise WorkbookTooLarge(
            file=file, detail=f"it unpacks to {total // (1024 * 1024):,} MB of parts"
        )
    names = {i.filename for i in infos}
    if "xl/workbook.bin" in names:
        raise NotAWorkbook(file=file, detail="it is a binary workbook (.xlsb)")
    if "[Content_Types].xml" not in names:
        raise NotAWorkbook(
            file=file,
            detail="it is a zip archive without the parts of a workbook (an OpenDocument "
            ".ods file, perhaps)",
        )
    return package


def _check_member(file: str, info: zipfile.ZipInfo, seen: set[str]) -> None:
    shown = _shown(info.filename)
    if _unsafe_name(info.filename) or _unsafe_name(info.orig_filename):
        raise WorkbookUnsafe(
            file=file, detail=f"a part is named '{shown}', which points outside the workbook"
        )
    # OPC part names are case-insensitive: two spellings of one name are one part twice.
    if info.filename.casefold() in seen:
        raise WorkbookUnsafe(file=file, detail=f"two parts are named '{shown}'")
    seen.add(info.filename.casefold())
    if info.flag_bits & 0x1:
        raise WorkbookProtected(file=file)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise WorkbookDamaged(
            file=file, detail=f"the part '{shown}' uses a compression Excel never uses"
        )
    if info.file_size > MAX_MEMBER_BYTES:
        raise WorkbookTooLarge(
            file=file,
            detail=f"the part '{shown}' unpacks to {info.file_size // (1024 * 1024):,} MB",
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size >= RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
        raise WorkbookUnsafe(
            file=file,
            detail=f"the part '{shown}' would unpack {ratio:,.0f} times larger (a zip bomb)",
        )


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


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


@dataclass
class _ScanTotals:
    cells: int = 0
    strings: int = 0
    structure: int = 0


def scan_parts(file: str, package: zipfile.ZipFile) -> None:
    """Parse every XML member once, streaming, with entities (and DTDs) forbidden.

    Establishes what openpyxl may then read without limits of its own: every part is
    well-formed, no sheet reaches beyond :data:`LAST_ROW` rows or :data:`MAX_COLUMNS` columns
    (declared or real), and the cells, texts and layout entries stay within their limits.

    Members are chosen by content, not by name: openpyxl finds sheets and shared strings
    through relationships and content types, which may name any member. A member that does
    not start like XML cannot be parsed by anyone past its first bytes.
    """
    totals = _ScanTotals()
    for info in package.infolist():
        name = info.filename.lower()
        if info.is_dir():
            continue
        if not name.endswith((".xml", ".rels")) and not _looks_like_xml(file, package, info):
            continue
        _scan_part(file, package, info, totals, lenient=name.endswith(LENIENT_SUFFIXES))


def _looks_like_xml(file: str, package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    detail = f"the part '{_shown(info.filename)}' cannot be unpacked"
    with _unreadable_as_damaged(file, detail), package.open(info) as stream:
        head = stream.read(512)
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    return head.lstrip(b" \t\r\n\x00").startswith(b"<")


class _PartScan:
    """The running position in one XML part, as openpyxl would count it."""

    def __init__(
        self, file: str, package: zipfile.ZipFile, info: zipfile.ZipInfo, totals: _ScanTotals
    ) -> None:
        self.file, self.package, self.info, self.totals = file, package, info, totals
        self.row = self.column = 0
        self.root: str | None = None
        self.in_data = False
        self.elements = 0
        self.text_start = 0

    def where(self) -> str:
        return _where(self.package, self.info.filename)

    def reach(self, row: int, column: int) -> None:
        if row > LAST_ROW or column > MAX_COLUMNS:
            raise WorkbookTooLarge(
                file=self.file,
                detail=f"{self.where()} reaches row {row:,} and column {_letters(column)}; at "
                f"most {MAX_DATA_ROWS:,} rows below the headers and {MAX_COLUMNS} columns "
                "are read",
            )

    def too_large(self, detail: str) -> WorkbookTooLarge:
        return WorkbookTooLarge(file=self.file, detail=f"{self.where()} {detail}")

    def start(self, local: str, element: Any) -> None:
        self.elements += 1
        if self.root is None:
            self.root = local or element.tag
        if local == "sheetData":
            self.in_data = True
        elif local in ("c", "si"):
            self.text_start = self.elements
        if local == "row":
            number = element.get("r")
            self.row = self._number(number) if number else self.row + 1
            self.column = 0
            self.reach(self.row, 1)

    def end(self, local: str, element: Any) -> None:
        if local == "sheetData":
            self.in_data = False
        elif not self.in_data and self.root != "sst":
            self.totals.structure += 1
            if self.totals.structure > MAX_STRUCTURE_ELEMENTS:
                raise self.too_large(
                    f"has over {MAX_STRUCTURE_ELEMENTS:,} formatting and layout entries"
                )
        if local in ("c", "si") and self.elements - self.text_start > MAX_ELEMENTS_PER_TEXT:
            raise self.too_large(f"has a cell of over {MAX_ELEMENTS_PER_TEXT} formatting runs")
        if local == "c":
            self._cell(element)
        elif local == "si":
            self.totals.strings += 1
            if self.totals.strings > MAX_SHARED_STRINGS:
                raise WorkbookTooLarge(
                    file=self.file, detail=f"it has over {MAX_SHARED_STRINGS:,} texts"
                )
        elif local == "dimension":
            # The used range a sheet declares must fit too: openpyxl trusts it.
            match = _RANGE_REF.match((element.get("ref") or "").replace("$", ""))
            corner = _CELL_REF.match(match[2] or match[1]) if match else None
            if corner is None:
                raise WorkbookDamaged(
                    file=self.file, detail=f"{self.where()} declares a range that is wrong"
                )
            self.reach(int(corner[2]), _column_number(corner[1]))

    def _cell(self, element: Any) -> None:
        ref = element.get("r")
        if ref:
            match = _CELL_REF.match(ref)
            if match is None:
                raise WorkbookDamaged(
                    file=self.file, detail=f"{self.where()} has a cell reference that is wrong"
                )
            self.column, row = _column_number(match[1]), int(match[2])
        else:
            self.column, row = self.column + 1, self.row
        self.reach(row, self.column)
        if len(element):
            self.totals.cells += 1
            if self.totals.cells > MAX_CELLS:
                raise WorkbookTooLarge(
                    file=self.file, detail=f"it has over {MAX_CELLS:,} filled cells"
                )

    def _number(self, text: str) -> int:
        if not text.isdigit() or len(text) > 7:
            raise WorkbookDamaged(file=self.file, detail=f"{self.where()} has a wrong row number")
        return int(text)


def _scan_part(
    file: str,
    package: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    totals: _ScanTotals,
    *,
    lenient: bool = False,
) -> None:
    """Scan one member; ``lenient`` (drawings and images) tolerates a DTD without entities and
    XML that breaks off: the limits still hold for everything before the break, which is all
    any parser could read of it."""
    scan = _PartScan(file, package, info, totals)
    try:
        with package.open(info) as stream:
            events = SafeElementTree.iterparse(
                stream, events=("start", "end"), forbid_dtd=not lenient, forbid_entities=True
            )
            for event, element in events:
                tag = element.tag
                local = tag[len(_SHEET_NS) :] if tag.startswith(_SHEET_NS) else ""
                if event == "start":
                    scan.start(local, element)
                else:
                    scan.end(local, element)
                    element.clear()  # a streaming scan: nothing kept but the counts
    except CmlentryError:
        raise
    except DefusedXmlException as exc:
        raise WorkbookUnsafe(
            file=file, detail=f"{scan.where()} declares a DTD or entities (an XML attack)"
        ) from exc
    except ParseError as exc:
        if lenient:
            return
        line = getattr(exc, "position", (0, 0))[0]
        raise WorkbookDamaged(
            file=file, detail=f"{scan.where()} is not well-formed XML (line {line})"
        ) from exc
    except MemoryError:
        raise
    except Exception as exc:
        log.info("workbook part unreadable: %s", type(exc).__name__)
        raise WorkbookDamaged(file=file, detail=f"{scan.where()} cannot be unpacked") from exc


def _letters(column: int) -> str:
    return get_column_letter(column) if 1 <= column <= 18278 else str(column)


def _where(package: zipfile.ZipFile, part: str) -> str:
    """'sheet Diagnosis' when the part is a worksheet whose title can be found, else the part."""
    try:
        titles = _sheet_titles(package)
    except Exception:  # only for wording a message; the part name is enough
        titles = {}
    title = titles.get(part)
    return f"sheet {title}" if title else f"the part '{_shown(part)}'"


def _sheet_titles(package: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> title, from xl/workbook.xml and its relationships (standard places)."""
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    pkg_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    book = SafeElementTree.fromstring(package.read("xl/workbook.xml"), forbid_dtd=True)
    rels = SafeElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    targets = {}
    for rel in rels.iter(f"{pkg_ns}Relationship"):
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return {
        targets.get(sheet.get(f"{rel_ns}id"), ""): sheet.get("name", "")
        for sheet in book.iter(f"{_SHEET_NS}sheet")
    }


# --- reading: the cells, through openpyxl ----------------------------------------------------


@dataclass(frozen=True)
class _Raw:
    """One filled cell as openpyxl read it (type letter: n s b d e f)."""

    value: object
    kind: str
    number_format: str


@dataclass
class _RawSheet:
    title: str
    cells: dict[int, dict[int, _Raw]] = field(default_factory=dict)


def _load_cells(file: str, data: bytes) -> list[_RawSheet]:
    """Every filled cell of every worksheet. The scan has bounded what this can cost.

    ``data_only=False`` on purpose: with ``data_only=True`` openpyxl returns the value Excel
    cached for a formula, and the formula could not be seen and refused. openpyxl never
    evaluates formulas either way.
    """
    sheets: list[_RawSheet] = []
    with (
        warnings.catch_warnings(),
        _unreadable_as_damaged(file, "its sheets cannot be read"),
    ):
        warnings.simplefilter("ignore")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
        try:
            for worksheet in book.worksheets:
                # The declared size was checked; the real rows are read, not padded to it.
                worksheet.reset_dimensions()
                sheet = _RawSheet(worksheet.title)
                for cells in worksheet.iter_rows():
                    for cell in cells:
                        if cell.value is None:
                            continue
                        row = sheet.cells.setdefault(int(cell.row), {})
                        row[int(cell.column)] = _Raw(
                            cell.value, str(cell.data_type), str(cell.number_format or "")
                        )
                sheets.append(sheet)
        finally:
            book.close()
    return sheets


# --- reading: cells to canonical values --------------------------------------------------------

_DAY, _MONTH, _YEAR = 3, 2, 1


def _date_precision(number_format: str) -> int:
    """How much of a date the cell shows: a cell formatted "mmm-yy" holds a month, not a day.

    Excel gives "Mar 2005" typed into a cell the first of the month and a format without the
    day; importing what the person saw, not what Excel filled in, keeps the precision honest.
    """
    if not number_format or not is_date_format(number_format):
        return _DAY
    body = _format_body(number_format)
    if "d" in body:
        return _DAY
    if "m" in body:
        return _MONTH
    return _YEAR if "y" in body else _DAY


def _format_body(number_format: str) -> str:
    """A number format without its quoted texts, [colour] sections and escaped characters."""
    return re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format.lower())


def _is_percent(number_format: str) -> bool:
    return "%" in _format_body(number_format)


def _same_number(code: str, text: str) -> bool:
    try:
        return Decimal(code) == Decimal(text.strip())
    except InvalidOperation:
        return False


def _number_text(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    exact = Decimal(repr(value))
    return str(int(exact)) if exact == exact.to_integral_value() else format(exact, "f")


def _hint(item: Item) -> str:
    return {
        "integer": "give a whole number",
        "decimal": "give a number",
        "date": "give a date as YYYY-MM-DD",
        "code": "choose from the list",
        "text": "type the text",
    }.get(item.type, "leave it empty")


class _CellReader:
    """Turns one cell into an :class:`Entry` of an item, or says why it cannot."""

    def __init__(self, definition: FormDefinition) -> None:
        self.definition = definition

    def entry(self, item: Item, raw: _Raw) -> Entry:
        value = raw.value
        if raw.kind == "f":
            raise ValueProblem("a formula is not accepted; type the value")
        if raw.kind == "e":
            raise ValueProblem(f"the cell shows an error; {_hint(item)}")
        if isinstance(value, bool):
            raise ValueProblem(f"TRUE or FALSE is not accepted; {_hint(item)}")
        if isinstance(value, str):
            return self._from_text(item, value.strip())
        if isinstance(value, int | float):
            if _is_percent(raw.number_format):
                return self._from_percent(item, value)
            return self._from_number(item, value)
        if isinstance(value, dt.datetime | dt.date):
            return self._from_date(item, value, raw.number_format)
        if isinstance(value, dt.time | dt.timedelta):
            raise ValueProblem(f"a time or a duration is not accepted; {_hint(item)}")
        raise ValueProblem(f"the cell cannot be read; {_hint(item)}")

    def _from_text(self, item: Item, text: str) -> Entry:
        if item.type == "code":
            code = self._code(item, text)
            if code is not None:
                return Entry(code)
        missing = self._missing(item, text)
        if missing is not None:
            return Entry(missing=missing)
        if item.type == "code":
            raise ValueProblem(self._not_a_choice(item))
        return Entry(canonical(item, text))

    def _from_number(self, item: Item, value: float) -> Entry:
        if item.type == "date":
            if item.partial_date and float(value).is_integer() and 1900 <= value <= 2100:
                return Entry(canonical(item, str(int(value))))
            raise ValueProblem("give a date as YYYY-MM-DD (the cell holds a plain number)")
        if item.type == "code":
            numeric = [c for c in self.definition.codes(item) if _same_number(c, repr(value))]
            if len(numeric) == 1:
                return Entry(numeric[0])
            raise ValueProblem(self._not_a_choice(item))
        return Entry(canonical(item, _number_text(value)))

    def _from_percent(self, item: Item, value: float) -> Entry:
        """A cell showing "60%" holds 0.6: import what the person typed and saw."""
        if item.unit != "%" or not math.isfinite(value):
            raise ValueProblem("the cell is formatted as a percentage; type the plain number")
        shown = (Decimal(repr(value)) * 100).normalize()
        return Entry(canonical(item, format(shown, "f")))

    def _from_date(self, item: Item, value: dt.date, number_format: str) -> Entry:
        if item.type != "date":
            raise ValueProblem(f"a date is not accepted here; {_hint(item)}")
        if isinstance(value, dt.datetime):
            if value.time() != dt.time(0):
                raise ValueProblem("the cell holds a time of day too; give the date only")
            value = value.date()
        precision = _date_precision(number_format)
        if precision < _DAY and not item.partial_date:
            raise ValueProblem("the cell shows only the month or year; type the full date")
        shown = PartialDate(
            value.year,
            value.month if precision >= _MONTH else None,
            value.day if precision >= _DAY else None,
        )
        return Entry(canonical(item, str(shown)))

    def _code(self, item: Item, text: str) -> str | None:
        codes = self.definition.codes(item)
        if text.upper() in codes:
            return text.upper()
        numeric = [c for c in codes if _same_number(c, text)]
        if len(numeric) == 1:
            return numeric[0]  # "3" typed as text for the code "3.0"
        picked = _DROPDOWN.match(text)
        if picked and picked["code"].upper() in codes:
            code = picked["code"].upper()
            if picked["label"].strip().casefold() != codes[code].casefold():
                raise ValueProblem("the code and the words after it do not match; choose again")
            return code
        by_label = [c for c, label in codes.items() if label.casefold() == text.casefold()]
        return by_label[0] if len(by_label) == 1 else None

    def _missing(self, item: Item, text: str) -> MissingCode | None:
        """The missing-data code ``text`` names, if it names one the item accepts."""
        for code, label in self.definition.missing_codes.items():
            picked = _DROPDOWN.match(text)
            named = (
                text.upper() == code
                or text.casefold() == label.casefold()
                or (
                    picked is not None
                    and picked["code"].upper() == code
                    and picked["label"].strip().casefold() == label.casefold()
                )
            )
            if not named:
                continue
            if code in item.missing:
                return code
            if item.type == "text":
                return None  # a text that happens to read "unknown" is a text
            raise ValueProblem(f"'{label}' is not accepted here; {self._accepted(item)}")
        return None

    def _accepted(self, item: Item) -> str:
        if not item.missing:
            return _hint(item)
        names = " or ".join(_missing_entries(self.definition, item))
        return f"{_hint(item)}, or write {names}"

    def _not_a_choice(self, item: Item) -> str:
        choices = [_choice(self.definition, item, c) for c in self.definition.codes(item)]
        choices += _missing_entries(self.definition, item)
        listed = ", ".join(choices) if len(choices) <= 6 else "see the Codebook"
        return f"not one of its choices ({listed}); choose from the list"


def _line_label(raw: _Raw) -> str:
    """Column A: the site's label for the case, as text."""
    value = raw.value
    if raw.kind == "f":
        raise ValueProblem("a formula is not accepted; type the line label")
    if raw.kind == "e" or isinstance(value, bool):
        raise ValueProblem("type the line label (a number or a short text)")
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        raise ValueProblem("a date is not a line label; use the line number of your list")
    if isinstance(value, int | float):
        text = _number_text(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise ValueProblem("type the line label (a number or a short text)")
    if len(text) > MAX_LABEL_LENGTH:
        raise ValueProblem(f"a line label has at most {MAX_LABEL_LENGTH} characters")
    return text


def _is_blank(raw: _Raw) -> bool:
    return isinstance(raw.value, str) and not raw.value.strip() and raw.kind not in ("f", "e")


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


def _has_content(raw: _Raw) -> bool:
    return raw.value is not None and not _is_blank(raw)


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


# --- importing ---------------------------------------------------------------------------------


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
