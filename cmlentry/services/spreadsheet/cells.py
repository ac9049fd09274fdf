"""The cells of a checked workbook, read through openpyxl and turned into canonical values.

:func:`_load_cells` reads every filled cell with its type and number format (formulas kept as
formulas, so that they can be refused). :class:`_CellReader` turns one cell into an
:class:`~cmlentry.domain.values.Entry` of its item, or raises a
:class:`~cmlentry.domain.values.ValueProblem` saying what to type instead; it imports what the
person saw, not what Excel stored (a cell showing "60%" holds 0.6, a cell showing "Mar 2005"
holds the first of March). :func:`_line_label` reads column A, the site's own label.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import warnings
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# Typed with the types-openpyxl stubs where installed, as Any otherwise.
from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles.numbers import is_date_format  # type: ignore[import-untyped, unused-ignore]

from cmlentry.domain.forms import FormDefinition, Item, MissingCode
from cmlentry.domain.values import Entry, PartialDate, ValueProblem, canonical
from cmlentry.services import spreadsheet  # the guard, at call time: errors._unreadable_as_damaged
from cmlentry.services.spreadsheet.limits import MAX_LABEL_LENGTH
from cmlentry.services.spreadsheet.wording import _choices, _missing_entries

# A drop-down entry as the template writes it ("M – male"), or typed with a hyphen or em dash.
_DROPDOWN = re.compile(r"^(?P<code>\S+)\s+[-\u2013\u2014]\s+(?P<label>.+)$")


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
        spreadsheet._unreadable_as_damaged(file, "its sheets cannot be read"),
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
        choices = _choices(self.definition, item) + _missing_entries(self.definition, item)
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


def _has_content(raw: _Raw) -> bool:
    return raw.value is not None and not _is_blank(raw)
