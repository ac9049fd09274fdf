"""Writing the entry workbook for a form definition: data sheets, drop-downs, codebook, read-me.

A site fills this workbook and imports it (:mod:`.reader`, :mod:`.importer`). Everything in it
is made to be filled correctly by someone who has never seen cmlentry: a help note on every
column, Excel's own cell rules (drop-downs, ranges, text lengths) while typing, a codebook of
every item and a read-me. Every text written is neutralised against formula injection
(:func:`_put`), and the file is written atomically and never over an existing one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Typed with the types-openpyxl stubs where installed, as Any otherwise.
from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped, unused-ignore]
from openpyxl.comments import Comment  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped, unused-ignore]

from cmlentry.domain.forms import FormDefinition, Item
from cmlentry.fileio import atomic_write_bytes
from cmlentry.services.spreadsheet.errors import TargetExists
from cmlentry.services.spreadsheet.layout import (
    CASE_HEADER,
    CODEBOOK_TITLE,
    DASH,
    FIRST_DATA_ROW,
    LAST_ROW,
    LISTS_TITLE,
    README_TITLE,
    SheetPlan,
    sheet_plans,
)
from cmlentry.services.spreadsheet.limits import (
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    MAX_LABEL_LENGTH,
)
from cmlentry.services.spreadsheet.wording import (
    _choices,
    _missing_entries,
    _range_words,
    _required_words,
    _type_words,
    _usual_words,
    _what_to_type,
    describe_condition,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class TemplateSummary:
    path: Path
    definition: str
    sheets: tuple[str, ...]
    columns: int


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
        entries = tuple(_choices(definition, item) + _missing_entries(definition, item))
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
                    "\n".join(_choices(definition, item)) if item.type == "code" else "",
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
        cell.alignment = _WRAP_TOP
        if style == "title":
            cell.font = Font(bold=True, size=14)
        elif style == "heading":
            cell.font = Font(bold=True, size=12)
